/**
 * Narrative ingest, the parsing half: one NDJSON line, or one CSV row through a column mapping,
 * becomes a typed `NarrativeRecord` or a quarantine entry with its line number, raw text and every
 * reason it failed (codes from the standard's `NARRATIVE_REASONS`). Nothing is dropped: loaded
 * plus quarantined equals read. A record id seen again replaces the earlier record (last wins),
 * per force, which is what reloading a corrected record needs.
 *
 * Writing to the store's tables is `load.ts` (`loadNarratives`).
 */
import {
  CLASSIFICATIONS, NARRATIVE_KINDS, isCrimeCategory, isForceId, resolveCrimeCategory, resolveForce,
  type Classification, type NarrativeKind, type NarrativeReasonCode, type NarrativeRecord,
} from '../standard/index.ts';

export type ParsedNarrative =
  | { readonly kind: 'loaded'; readonly line: number; readonly record: NarrativeRecord }
  | { readonly kind: 'quarantined'; readonly line: number; readonly raw: string; readonly reasons: readonly { code: NarrativeReasonCode; detail: string }[] };

/** British Isles bounding box for lon/lat checks. */
const BOUNDS = { lonMin: -11, lonMax: 3, latMin: 49, latMax: 61.5 } as const;

/** Validates one record-shaped object (from JSON, or from a CSV row through a mapping). */
export function parseNarrativeObject(o: Readonly<Record<string, unknown>>, line: number, raw: string): ParsedNarrative {
  const reasons: { code: NarrativeReasonCode; detail: string }[] = [];
  const str = (k: string): string | undefined => {
    const v = o[k];
    if (typeof v === 'string' && v.trim()) return v.trim();
    if (typeof v === 'number') return String(v);
    return undefined;
  };
  for (const k of ['force_id', 'record_id', 'kind', 'occurred_at', 'location_text', 'narrative']) {
    if (str(k) === undefined) reasons.push({ code: 'field.missing', detail: `${k} is missing or empty` });
  }
  const forceRaw = str('force_id');
  const force = forceRaw ? (isForceId(forceRaw) ? forceRaw : resolveForce(forceRaw)) : undefined;
  if (forceRaw && !force) reasons.push({ code: 'force.unknown', detail: `force_id "${forceRaw}"` });
  const kindRaw = str('kind');
  if (kindRaw && !(NARRATIVE_KINDS as readonly string[]).includes(kindRaw)) reasons.push({ code: 'kind.unknown', detail: `kind "${kindRaw}"` });
  const when = str('occurred_at');
  if (when && (!/^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.test(when) || Number.isNaN(Date.parse(when)))) {
    reasons.push({ code: 'occurred_at.unparseable', detail: `occurred_at "${when}"` });
  }
  const catRaw = str('category');
  const category: string | null = catRaw ? ((isCrimeCategory(catRaw) ? catRaw : resolveCrimeCategory(catRaw)) ?? null) : null;
  if (catRaw && !category) reasons.push({ code: 'category.unknown', detail: `category "${catRaw}"` });
  const num = (k: string): number | null => {
    const v = o[k];
    if (v === undefined || v === null || v === '') return null;
    const n = Number(v);
    return Number.isFinite(n) ? n : NaN;
  };
  const lon = num('lon');
  const lat = num('lat');
  if ((lon !== null && !(lon >= BOUNDS.lonMin && lon <= BOUNDS.lonMax)) || (lat !== null && !(lat >= BOUNDS.latMin && lat <= BOUNDS.latMax))) {
    reasons.push({ code: 'coords.out_of_range', detail: `lon ${String(o.lon)}, lat ${String(o.lat)}` });
  }
  const cls = str('classification');
  if (cls && !(CLASSIFICATIONS as readonly string[]).includes(cls)) reasons.push({ code: 'classification.unknown', detail: `classification "${cls}"` });
  if (reasons.length) return { kind: 'quarantined', line, raw, reasons };
  const occurred = new Date(when!.length === 10 ? `${when}T00:00:00Z` : when!).toISOString().replace('.000Z', 'Z');
  return {
    kind: 'loaded',
    line,
    record: {
      force_id: force!, record_id: str('record_id')!, kind: kindRaw as NarrativeKind, occurred_at: occurred, category,
      location_text: str('location_text')!, lon, lat, lsoa_code: str('lsoa_code') ?? null,
      classification: (cls as Classification | undefined) ?? 'OFFICIAL', narrative: String(o.narrative),
    },
  };
}

/** One NDJSON line. */
export function parseNarrativeLine(raw: string, line: number): ParsedNarrative {
  let o: unknown;
  try {
    o = JSON.parse(raw);
  } catch {
    return { kind: 'quarantined', line, raw, reasons: [{ code: 'json.unparseable', detail: 'not valid JSON' }] };
  }
  if (typeof o !== 'object' || o === null || Array.isArray(o)) {
    return { kind: 'quarantined', line, raw, reasons: [{ code: 'json.unparseable', detail: 'not a JSON object' }] };
  }
  return parseNarrativeObject(o as Record<string, unknown>, line, raw);
}

/** Standard field → the CSV column that holds it, e.g. `{ narrative: 'Modus Operandi (MO)' }`. */
export type NarrativeColumnMapping = Partial<Record<keyof NarrativeRecord, string>> & { readonly narrative: string };

/** Rows of a CSV file (RFC 4180 quoting) through a column mapping; `defaults` fill unmapped fields. */
export function parseNarrativeCsv(
  text: string,
  mapping: NarrativeColumnMapping,
  defaults: Partial<Record<keyof NarrativeRecord, string>> = {},
): ParsedNarrative[] {
  const rows = readCsv(text);
  const header = rows[0] ?? [];
  const col: Record<string, number> = {};
  for (const [field, name] of Object.entries(mapping)) {
    const i = header.indexOf(name as string);
    if (i < 0) throw new Error(`column "${name}" (for ${field}) is not in the header: ${header.join(', ')}`);
    col[field] = i;
  }
  const out: ParsedNarrative[] = [];
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r];
    if (row.length === 1 && row[0] === '') continue;
    const o: Record<string, unknown> = { ...defaults };
    for (const [field, i] of Object.entries(col)) o[field] = row[i];
    out.push(parseNarrativeObject(o, r + 1, row.join(',')));
  }
  return out;
}

/** Rows of CSV text: quoted fields (with doubled quotes and line breaks inside), LF, CRLF or CR line ends. */
export function readCsv(s: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let f = '';
  let q = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (q) {
      if (c === '"' && s[i + 1] === '"') {
        f += '"';
        i++;
      } else if (c === '"') q = false;
      else f += c;
    } else if (c === '"') q = true;
    else if (c === ',') {
      row.push(f);
      f = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') i++;
      row.push(f);
      rows.push(row);
      row = [];
      f = '';
    } else f += c;
  }
  if (f || row.length) {
    row.push(f);
    rows.push(row);
  }
  return rows;
}

/** Keeps the last record for each (force_id, record_id): a reload replaces, never duplicates. */
export function latestByRecordId(records: Iterable<NarrativeRecord>): NarrativeRecord[] {
  const m = new Map<string, NarrativeRecord>();
  for (const r of records) {
    const k = `${r.force_id}\u0000${r.record_id}`;
    m.delete(k);
    m.set(k, r);
  }
  return [...m.values()];
}
