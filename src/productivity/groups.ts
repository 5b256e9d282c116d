/**
 * Comparison groups: each force is compared with forces like it. When comparison groups are
 * loaded (`peel productivity groups load CSV`, e.g. the Home Office Most Similar Groups) those are
 * used; otherwise Peel's own similar-force groups, computed transparently from what the hub holds.
 *
 * Peel's similar-force groups (method `peel-knn-v1`): for each force with street data in the
 * period, three kinds of input, each standardised to mean 0 and standard deviation 1 across forces:
 *   - crime mix: the share of its cohort crimes in each crime category (14 inputs);
 *   - volume: log of its cohort crimes per month held;
 *   - density: log of its cohort crimes per distinct LSOA they fall in (LSOAs hold ~1,500 people,
 *     so this tracks crime per head and urbanity without population data).
 * Distance² = mean of the squared crime-mix differences + volume difference² + density difference²
 * (each kind weighs the same); a force's group is its k = 7 nearest other forces (the size of a
 * Home Office MSG), fewer when fewer forces are held. Outcome measures are not inputs, so a group
 * does not flatter or punish its own members' results.
 */
import { readFileSync } from 'node:fs';
import { PeelError, CRIME_CATEGORIES, isForceId, resolveForce } from '../standard/index.ts';
import type { Store, GroupMemberRow, WorkforceRow } from '../store/index.ts';
import type { Cells } from './cells.ts';

export const GROUP_SIZE = 7;
export const PEEL_GROUP_METHOD = 'peel-knn-v1';

export interface ForceGroup {
  readonly force_id: string;
  /** `msg:<force>` for a loaded group, `peel:<force>` for Peel's own. */
  readonly group_id: string;
  readonly members: readonly string[];
  readonly source: string;
  /** Distances to members (Peel's groups only), in member order. */
  readonly distances: readonly number[] | null;
}

export interface GroupInputs {
  readonly force_id: string;
  readonly crimes_per_month: number;
  readonly crimes_per_lsoa: number;
  readonly mix: Readonly<Record<string, number>>;
}

export interface ComparisonGroups {
  readonly method: string;
  readonly groups: readonly ForceGroup[];
  /** The inputs of Peel's own groups (empty when loaded groups are used). */
  readonly inputs: readonly GroupInputs[];
}

const CATS = CRIME_CATEGORIES.filter((c) => c.id !== 'anti-social-behaviour' && c.current).map((c) => c.id);

function standardise(xs: number[]): number[] {
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / xs.length);
  return xs.map((x) => (sd > 0 ? (x - m) / sd : 0));
}

/** Peel's own similar-force groups from the period's cells (see the top of this file). */
export function similarForceGroups(cells: Cells, months: readonly string[]): ComparisonGroups {
  const inWindow = new Set(months);
  const byForce = new Map<string, { crimes: number; mix: Map<string, number> }>();
  for (const c of cells.crime) {
    if (!inWindow.has(c.month)) continue;
    let f = byForce.get(c.force_id);
    if (!f) byForce.set(c.force_id, (f = { crimes: 0, mix: new Map() }));
    f.crimes += c.crimes;
    f.mix.set(c.category, (f.mix.get(c.category) ?? 0) + c.crimes);
  }
  const forces = [...byForce.keys()].filter((f) => byForce.get(f)!.crimes > 0).sort();
  const inputs: GroupInputs[] = forces.map((f) => {
    const d = byForce.get(f)!;
    const held = Math.max(1, months.filter((m) => cells.streetMonths.has(`${f}|${m}`)).length);
    const lsoas = Math.max(1, cells.areas.get(f)?.lsoas ?? 1);
    return {
      force_id: f, crimes_per_month: d.crimes / held, crimes_per_lsoa: d.crimes / lsoas,
      mix: Object.fromEntries(CATS.map((c) => [c, (d.mix.get(c) ?? 0) / d.crimes])),
    };
  });
  const vol = standardise(inputs.map((i) => Math.log(i.crimes_per_month)));
  const den = standardise(inputs.map((i) => Math.log(i.crimes_per_lsoa)));
  const mix = CATS.map((c) => standardise(inputs.map((i) => i.mix[c])));
  const k = Math.min(GROUP_SIZE, forces.length - 1);
  const groups = forces.map((f, i) => {
    const d = forces.map((g, j) => {
      let m = 0;
      for (const col of mix) m += (col[i] - col[j]) ** 2;
      return { g, d: Math.sqrt(m / mix.length + (vol[i] - vol[j]) ** 2 + (den[i] - den[j]) ** 2) };
    }).filter((x) => x.g !== f).sort((a, b) => a.d - b.d || (a.g < b.g ? -1 : 1)).slice(0, k);
    return { force_id: f, group_id: `peel:${f}`, members: d.map((x) => x.g), source: PEEL_GROUP_METHOD, distances: d.map((x) => Math.round(x.d * 1e4) / 1e4) };
  });
  return { method: PEEL_GROUP_METHOD, groups, inputs };
}

/** The comparison groups for the period: loaded ones when any are held, else Peel's own. */
export async function comparisonGroups(store: Store, cells: Cells, months: readonly string[]): Promise<ComparisonGroups> {
  const loaded = await store.productivity.groups();
  if (!loaded.length) return similarForceGroups(cells, months);
  const byForce = new Map<string, GroupMemberRow[]>();
  for (const r of loaded) byForce.set(r.force_id, [...(byForce.get(r.force_id) ?? []), r]);
  const groups = [...byForce.entries()].map(([f, rows]) => ({
    force_id: f, group_id: `msg:${f}`, members: rows.map((r) => r.member_id), source: `${rows[0].source} (${rows[0].as_of})`, distances: null,
  }));
  return { method: 'loaded', groups, inputs: [] };
}

// ------------------------------------------------------------ loading groups and officer numbers

/** Splits a small CSV into rows of fields (quotes, CRLF/LF/CR); the header is row 0. */
function parseCsvText(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let q = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (q) {
      if (c === '"' && s[i + 1] === '"') (field += '"', i++);
      else if (c === '"') q = false;
      else field += c;
    } else if (c === '"') q = true;
    else if (c === ',') (row.push(field), (field = ''));
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field || row.length) (row.push(field), rows.push(row));
  return rows.filter((r) => r.some((f) => f.trim() !== ''));
}

function columns(file: string, header: string[], want: readonly string[]): number[] {
  const h = header.map((x) => x.trim().toLowerCase().replace(/[\s-]+/g, '_'));
  return want.map((w) => {
    const i = h.indexOf(w);
    if (i < 0) throw new PeelError('bad_input', `${file}: no column "${w}" in the header (${header.join(',')}); expected ${want.join(',')}`);
    return i;
  });
}

function forceOf(file: string, line: number, v: string): string {
  const t = v.trim();
  const id = isForceId(t) ? t : resolveForce(t);
  if (!id) throw new PeelError('bad_input', `line ${line} of ${file}: unknown force "${v}" (use a data.police.uk slug such as gwent)`, { file, line, value: v });
  return id;
}

const DATE_RE = /^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$/;

function dateOf(file: string, line: number, v: string): string {
  const t = v.trim();
  if (!DATE_RE.test(t)) throw new PeelError('bad_input', `line ${line} of ${file}: date "${v}" is not YYYY-MM or YYYY-MM-DD`, { file, line, value: v });
  return t;
}

/**
 * Reads a workforce CSV (`force,date,officer_fte`; more columns are ignored) whole, checking every
 * row before anything is stored: a bad row names its file, line and value and nothing is saved.
 */
export function parseWorkforceCsv(path: string, text = readFileSync(path, 'utf8')): WorkforceRow[] {
  const rows = parseCsvText(text);
  if (!rows.length) throw new PeelError('bad_input', `${path}: empty file; expected a header force,date,officer_fte`);
  const [fi, di, oi] = columns(path, rows[0], ['force', 'date', 'officer_fte']);
  return rows.slice(1).map((r, i) => {
    const line = i + 2;
    const fte = Number(r[oi]?.trim());
    if (!r[oi]?.trim() || !Number.isFinite(fte) || fte <= 0) throw new PeelError('bad_input', `line ${line} of ${path}: officer_fte "${r[oi] ?? ''}" is not a positive number`, { file: path, line, value: r[oi] });
    return { force_id: forceOf(path, line, r[fi] ?? ''), as_of: dateOf(path, line, r[di] ?? ''), officers_fte: fte, source: path };
  });
}

/**
 * Reads a comparison-groups CSV (`force,members,source,date`; members separated by `;` or `|`),
 * checking every row before anything is stored.
 */
export function parseGroupsCsv(path: string, text = readFileSync(path, 'utf8')): GroupMemberRow[] {
  const rows = parseCsvText(text);
  if (!rows.length) throw new PeelError('bad_input', `${path}: empty file; expected a header force,members,source,date`);
  const [fi, mi, si, di] = columns(path, rows[0], ['force', 'members', 'source', 'date']);
  const out: GroupMemberRow[] = [];
  rows.slice(1).forEach((r, i) => {
    const line = i + 2;
    const force = forceOf(path, line, r[fi] ?? '');
    const members = (r[mi] ?? '').split(/[;|]/).map((m) => m.trim()).filter(Boolean);
    if (!members.length) throw new PeelError('bad_input', `line ${line} of ${path}: no member forces for ${force}`, { file: path, line });
    const source = (r[si] ?? '').trim();
    if (!source) throw new PeelError('bad_input', `line ${line} of ${path}: empty source (say where the group comes from, e.g. "Home Office MSG")`, { file: path, line });
    const asOf = dateOf(path, line, r[di] ?? '');
    for (const m of members) {
      const id = forceOf(path, line, m);
      if (id === force) throw new PeelError('bad_input', `line ${line} of ${path}: ${force} is listed as a member of its own group`, { file: path, line, value: m });
      out.push({ force_id: force, member_id: id, source, as_of: asOf });
    }
  });
  return out;
}
