/**
 * The row checks of a load against the national standard, in Node, for the PostgreSQL store: the
 * same rules, reason codes, order of reasons and detail text as the embedded store's SQL
 * (`checksSql` in ../duckdb/load.ts), value by value (DuckDB's `trim` trims spaces only, its
 * `\s` is RE2's, `TRY_CAST(... AS DOUBLE)` takes what a decimal or exponent literal is). Distinct
 * raw values are looked up once each, as the embedded store's lookup tables do.
 */
import {
  FORCES, STOP_SEARCH_VOCABULARIES, UK_BOUNDS, crimeCategoryNameTable, outcomeNameTable, type DatasetKind, type ReasonCode,
} from '../../standard/index.ts';

/** One row, typed and checked. `force_id` is the row's force (NULL when it names none it may). */
export interface CheckedRow {
  readonly ok: boolean;
  readonly reasons: ReasonCode[];
  readonly detail: string;
  readonly force_id: string | null;
  readonly month: string | null;
  readonly lon: number | null;
  readonly lat: number | null;
  /** The kind's stored values, by column name (street and outcomes: crime_id...; stop and search: search_type...). */
  readonly values: Record<string, string | number | boolean | null>;
  /** Stop and search: md5 input of the row's raw fields (its id's content). */
  readonly content?: string;
}

const B = UK_BOUNDS;

/** DuckDB's `trim`: spaces only. */
const trim = (s: string) => s.replace(/^ +| +$/g, '');
/** The embedded store's `blank` macro: NULL for NULL or '', trimmed when it starts or ends with a space. */
export function blank(s: string | null): string | null {
  if (s === null || s === '') return null;
  if (s.startsWith(' ') || s.endsWith(' ')) {
    const t = trim(s);
    return t === '' ? null : t;
  }
  return s;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const SPECIAL = /^([+-]?)(inf|infinity|nan)$/i;
/** `TRY_CAST(s AS DOUBLE)`. */
export function tryDouble(s: string | null): number | null {
  if (s === null) return null;
  if (NUMBER.test(s)) return Number(s);
  const m = SPECIAL.exec(s);
  if (m) return m[2].toLowerCase() === 'nan' ? NaN : m[1] === '-' ? -Infinity : Infinity;
  return null;
}

const between = (x: number, lo: number, hi: number) => x >= lo && x <= hi;

/** The embedded store's `force_key`, and the key its force map is built with. */
const forceKey = (s: string) => s.toLowerCase().replace(/&/g, ' and ').replace(/[^a-z0-9]+/g, ' ').replace(/^ +| +$/g, '');
const FORCE_BY_KEY = (() => {
  const m = new Map<string, string>();
  const key = (s: string) => s.toLowerCase().replace(/&/g, ' and ').replace(/[^a-z0-9]+/g, ' ').trim().replace(/\s+/g, ' ');
  for (const f of FORCES) for (const n of [f.id, f.name, ...f.variants]) if (!m.has(key(n))) m.set(key(n), f.id);
  return m;
})();
const CATEGORY_BY_NAME = new Map(crimeCategoryNameTable());
const OUTCOME_BY_NAME = new Map(outcomeNameTable());
/** `lower(regexp_replace(trim(raw), '\s+', ' ', 'g'))` with RE2's `\s`. */
const nameKey = (s: string) => trim(s).replace(/[\t\n\f\r ]+/g, ' ').toLowerCase();

function memo<T>(fn: (raw: string) => T): (raw: string | null) => T | null {
  const cache = new Map<string, T>();
  return (raw) => {
    if (raw === null) return null;
    let v = cache.get(raw);
    if (v === undefined && !cache.has(raw)) cache.set(raw, (v = fn(raw)));
    return v as T;
  };
}

/** The lookups of one load (per distinct raw value). */
export function lookups() {
  return {
    month: memo((raw) => (/^\d{4}-(0[1-9]|1[0-2])$/.test(trim(raw)) ? trim(raw) : null)),
    force: memo((raw) => FORCE_BY_KEY.get(forceKey(raw)) ?? null),
    lsoaOk: memo((raw) => /^[EW]01\d{6}$/.test(trim(raw))),
    category: memo((raw) => CATEGORY_BY_NAME.get(nameKey(raw)) ?? null),
    outcome: memo((raw) => OUTCOME_BY_NAME.get(nameKey(raw)) ?? null),
  };
}
export type Lookups = ReturnType<typeof lookups>;

interface Coords {
  lon: number | null;
  lat: number | null;
  reason: ReasonCode | null;
  detail: string | null;
}

function coords(lonRaw: string | null, latRaw: string | null): Coords {
  const lonS = blank(lonRaw);
  const latS = blank(latRaw);
  const lon = tryDouble(lonS);
  const lat = tryDouble(latS);
  const outOfRange = (lon !== null && !between(lon, B.minLon, B.maxLon)) || (lat !== null && !between(lat, B.minLat, B.maxLat));
  let reason: ReasonCode | null = null;
  if ((lonS === null) !== (latS === null)) reason = 'coords.partial';
  else if ((lonS !== null && lon === null) || (latS !== null && lat === null)) reason = 'coords.unparseable';
  else if (outOfRange) reason = 'coords.out_of_range';
  const detail = (lonS !== null || latS !== null) && (lon === null || lat === null || outOfRange)
    ? `Longitude/Latitude "${lonRaw ?? ''}","${latRaw ?? ''}"` : null;
  return { lon, lat, reason, detail };
}

const join = (xs: ReadonlyArray<string | null>) => xs.filter((x): x is string => x !== null).join('; ');

/** Checks a street or outcomes row (`get` reads a standard column by name). */
export function checkCrimeRow(kind: 'street' | 'outcomes', get: (col: string) => string | null, lk: Lookups,
  forceHint: string | null, monthHint: string | null): CheckedRow {
  const monthRaw = get('month');
  const month = lk.month(monthRaw);
  const reportedRaw = get('reported_by');
  const reportedBy = blank(reportedRaw);
  const fallsWithin = blank(get('falls_within'));
  const fr = lk.force(reportedRaw);
  const ff = lk.force(get('falls_within'));
  const forceId = fr ?? (reportedBy === null ? ff ?? forceHint : null);
  const c = coords(get('longitude'), get('latitude'));
  const lsoa = blank(get('lsoa_code'));
  const outcomeCol = kind === 'street' ? 'last_outcome_category' : 'outcome_type';
  const outcomeRaw = get(outcomeCol);
  const outcome = lk.outcome(outcomeRaw);
  const crimeTypeRaw = kind === 'street' ? get('crime_type') : null;
  const category = kind === 'street' ? lk.category(crimeTypeRaw) : null;

  const cMonth: ReasonCode | null = blank(monthRaw) === null ? 'month.missing' : month === null ? 'month.unparseable' : null;
  const cForce: ReasonCode | null = reportedBy !== null && fr === null ? 'force.unknown'
    : reportedBy === null && (ff ?? forceHint) === null ? 'force.missing' : null;
  const cLsoa: ReasonCode | null = lsoa !== null && !lk.lsoaOk(get('lsoa_code')) ? 'lsoa.malformed' : null;
  const cCategory: ReasonCode | null = kind !== 'street' ? null
    : blank(crimeTypeRaw) === null ? 'category.missing' : category === null ? 'category.unknown' : null;
  const cOutcome: ReasonCode | null = kind === 'street'
    ? (blank(outcomeRaw) !== null && outcome === null ? 'outcome.unknown' : null)
    : (outcome === null ? 'outcome.unknown' : null);
  const cFdecl: ReasonCode | null = forceHint !== null && forceId !== null && forceId !== forceHint ? 'force.mismatch' : null;
  const cMdecl: ReasonCode | null = monthHint !== null && month !== null && month !== monthHint ? 'month.mismatch' : null;
  const reasons = [cMonth, cForce, cFdecl, cMdecl, c.reason, cLsoa, cCategory, cOutcome].filter((x): x is ReasonCode => x !== null);
  const ok = reasons.length === 0;
  const detail = ok ? '' : join([
    cFdecl ? `a row of force "${forceId}" in a file of "${forceHint}"` : null,
    cMdecl ? `a row of month "${month}" in a file of "${monthHint}"` : null,
    cMonth === 'month.unparseable' ? `unparseable month "${monthRaw}"` : null,
    cForce === 'force.unknown' ? `unknown force "${reportedBy}"` : null,
    c.detail,
    cLsoa ? `malformed LSOA code "${lsoa}"` : null,
    cCategory === 'category.unknown' ? `unknown crime type "${crimeTypeRaw}"` : null,
    cOutcome ? `unknown outcome "${outcomeRaw ?? ''}"` : null,
  ]);
  const values: Record<string, string | number | boolean | null> = {
    crime_id: blank(get('crime_id')), reported_by: reportedBy, falls_within: fallsWithin, location: blank(get('location')),
    lsoa_code: lsoa, lsoa_name: blank(get('lsoa_name')), outcome,
  };
  if (kind === 'street') (values.category = category), (values.context = blank(get('context')));
  return { ok, reasons, detail, force_id: forceId, month, lon: c.lon, lat: c.lat, values };
}

const SS = STOP_SEARCH_VOCABULARIES as unknown as Record<string, ReadonlyMap<string, string>>;
const ss = (vocab: string, raw: string | null) => (raw === null ? null : SS[vocab].get(trim(raw).toLowerCase()) ?? null);
const boolOf = (raw: string | null) => {
  const s = trim(raw ?? '').toLowerCase();
  return s === 'true' ? true : s === 'false' ? false : null;
};
const boolBad = (raw: string | null) => !['', 'true', 'false'].includes(trim(raw ?? '').toLowerCase());

const TS = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
/** `TRY_CAST(s AS TIMESTAMPTZ)` for the ISO 8601 forms data.police.uk writes (a zone-less time is UTC). */
export function tryTimestamp(s: string | null): Date | null {
  if (s === null) return null;
  const m = TS.exec(s);
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', sec = '0', frac = '', zone = 'Z'] = m;
  if (Number(mo) < 1 || Number(mo) > 12 || Number(d) < 1 || Number(d) > 31 || Number(h) > 23 || Number(mi) > 59 || Number(sec) > 59) return null;
  let offset = 0;
  if (zone.toUpperCase() !== 'Z') {
    const z = zone.replace(':', '');
    offset = (z[0] === '-' ? -1 : 1) * (Number(z.slice(1, 3)) * 60 + Number(z.slice(3, 5) || 0));
  }
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(sec), frac ? Math.round(Number(frac) * 1000) : 0) - offset * 60_000;
  const date = new Date(ms);
  // 2023-02-30 is no date.
  if (new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d))).getUTCDate() !== Number(d)) return null;
  return date;
}

/** Checks a stop-and-search row: its force and month are its file's. */
export function checkStopSearchRow(get: (col: string) => string | null, forceHint: string | null, monthHint: string | null): CheckedRow {
  const dateS = blank(get('date'));
  const at = tryTimestamp(dateS);
  const c = coords(get('longitude'), get('latitude'));
  const v = (col: string, vocab = col) => ss(vocab, get(col));
  const unknown = (col: string) => blank(get(col)) !== null && v(col) === null;
  const type = v('type');
  const reasons = [
    forceHint === null ? 'force.missing' : null,
    dateS === null ? 'date.missing' : at === null ? 'date.unparseable' : null,
    blank(get('type')) === null ? 'type.missing' : type === null ? 'type.unknown' : null,
    c.reason,
    unknown('legislation') ? 'legislation.unknown' : null,
    unknown('object_of_search') ? 'object_of_search.unknown' : null,
    unknown('outcome') ? 'search_outcome.unknown' : null,
    unknown('age_range') ? 'age_range.unknown' : null,
    unknown('gender') ? 'gender.unknown' : null,
    unknown('self_defined_ethnicity') || unknown('officer_defined_ethnicity') ? 'ethnicity.unknown' : null,
    boolBad(get('part_of_a_policing_operation')) || boolBad(get('outcome_linked_to_object_of_search')) || boolBad(get('removal_of_more_than_just_outer_clothing'))
      ? 'boolean.unparseable' : null,
  ].filter((x): x is ReasonCode => x !== null);
  const detail = join([
    dateS !== null && at === null ? `unparseable date "${get('date')}"` : null,
    blank(get('type')) !== null && type === null ? `unknown search type "${get('type')}"` : null,
    c.detail,
    unknown('legislation') ? `unknown legislation "${get('legislation')}"` : null,
    unknown('object_of_search') ? `unknown object of search "${get('object_of_search')}"` : null,
    unknown('outcome') ? `unknown search outcome "${get('outcome')}"` : null,
    unknown('age_range') ? `unknown age range "${get('age_range')}"` : null,
    unknown('gender') ? `unknown gender "${get('gender')}"` : null,
    unknown('self_defined_ethnicity') ? `unknown self-defined ethnicity "${get('self_defined_ethnicity')}"` : null,
    unknown('officer_defined_ethnicity') ? `unknown officer-defined ethnicity "${get('officer_defined_ethnicity')}"` : null,
  ]);
  const content = ['type', 'date', 'part_of_a_policing_operation', 'policing_operation', 'latitude', 'longitude', 'gender', 'age_range',
    'self_defined_ethnicity', 'officer_defined_ethnicity', 'legislation', 'object_of_search', 'outcome',
    'outcome_linked_to_object_of_search', 'removal_of_more_than_just_outer_clothing'].map(get).filter((x) => x !== null).join('|');
  return {
    ok: reasons.length === 0, reasons, detail, force_id: forceHint,
    month: monthHint ?? (at ? at.toISOString().slice(0, 7) : null), lon: c.lon, lat: c.lat, content,
    values: {
      search_type: type, occurred_at: at ? at.toISOString() : null, part_of_operation: boolOf(get('part_of_a_policing_operation')),
      operation_name: blank(get('policing_operation')), gender: v('gender'), age_range: v('age_range'),
      self_defined_ethnicity: v('self_defined_ethnicity'), officer_defined_ethnicity: v('officer_defined_ethnicity'),
      legislation: v('legislation'), object_of_search: v('object_of_search'), outcome: v('outcome'),
      outcome_linked: boolOf(get('outcome_linked_to_object_of_search')), removal_of_outer_clothing: boolOf(get('removal_of_more_than_just_outer_clothing')),
    },
  };
}

/** A DOUBLE as DuckDB casts it to VARCHAR (an integral value keeps `.0`), for row-id content hashes. */
export function duckDouble(x: number | null): string | null {
  if (x === null) return null;
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return `${x}.0`;
  return String(x);
}
