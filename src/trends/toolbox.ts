/**
 * The analyst's toolbox: every statistic of this folder run on a user's own CSV file. Each
 * `parse*Csv` turns the file's text into typed input, rejecting a bad row with the file, line and
 * value; each `analyse*` runs the statistic and returns plain rows ready to print as JSON.
 * File I/O stays with the caller (the CLI), so these are pure and testable.
 */
import { PeelError, isMonth, monthDiff, addMonths, type Month } from '../standard/index.ts';
import { farringtonFlexible, farringtonControl, type FarringtonControl } from './farrington.ts';
import { localG, spatialNeighbours, type NeighbourSpec, type WeightStyle } from './gistar.ts';
import { mannKendall } from '../stats/index.ts';
import { benjaminiHochberg } from '../stats/index.ts';
import { emergingHotSpots, type EhsaOptions, type SpaceTimeCube } from './ehsa.ts';
import { spaceTimeScan, type ScanInput, type ScanLocation, type ScanOptions } from './scan.ts';
import { isValidCell } from 'h3-js';

/** One parsed CSV record with its 1-based line number. */
interface CsvRecord {
  readonly line: number;
  readonly fields: Record<string, string>;
}

/** Minimal RFC 4180 reader (quoted fields, doubled quotes, CRLF/LF/CR), header row required. */
export function parseCsv(text: string, file: string, required: readonly string[]): CsvRecord[] {
  const rows: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endRow = (): void => {
    cells.push(cell);
    if (!(cells.length === 1 && cells[0] === '')) rows.push({ line: rowLine, cells });
    cells = [];
    cell = '';
  };
  for (; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        cell += ch;
      }
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else cell += ch;
  }
  if (quoted) throw new PeelError('bad_input', `${file}: unterminated quoted field starting on line ${rowLine}`);
  if (cell !== '' || cells.length > 0) endRow();
  if (rows.length === 0) throw new PeelError('bad_input', `${file}: empty file, expected a header with ${required.join(',')}`);
  const header = rows[0].cells.map((h) => h.trim());
  for (const col of required)
    if (!header.includes(col)) throw new PeelError('bad_input', `${file} line 1: missing column "${col}" (header is ${header.join(',')})`);
  return rows.slice(1).map((r) => {
    if (r.cells.length !== header.length)
      throw new PeelError('bad_input', `${file} line ${r.line}: ${r.cells.length} fields, expected ${header.length}`);
    const fields: Record<string, string> = {};
    header.forEach((h, k) => (fields[h] = r.cells[k]));
    return { line: r.line, fields };
  });
}

function num(rec: CsvRecord, col: string, file: string, check: (v: number) => boolean = Number.isFinite, what = 'a number'): number {
  const raw = rec.fields[col].trim();
  const v = raw === '' ? NaN : Number(raw);
  if (!check(v)) throw new PeelError('bad_input', `${file} line ${rec.line}: ${col} "${rec.fields[col]}" is not ${what}`);
  return v;
}

// ---------------------------------------------------------------- Farrington

export interface MonthlySeries {
  readonly seriesId: string;
  readonly months: Month[];
  readonly counts: number[];
}

/** `series_id,month,count`: months YYYY-MM, consecutive and increasing within each series. */
export function parseMonthlySeriesCsv(text: string, file: string): MonthlySeries[] {
  const recs = parseCsv(text, file, ['series_id', 'month', 'count']);
  const byId = new Map<string, { months: Month[]; counts: number[]; line: number }>();
  for (const r of recs) {
    const id = r.fields.series_id;
    const m = r.fields.month.trim();
    if (!isMonth(m)) throw new PeelError('bad_input', `${file} line ${r.line}: month "${r.fields.month}" is not YYYY-MM`);
    const c = num(r, 'count', file, (v) => Number.isInteger(v) && v >= 0, 'a non-negative whole number');
    const s = byId.get(id) ?? { months: [], counts: [], line: r.line };
    const prev = s.months[s.months.length - 1];
    if (prev !== undefined && monthDiff(prev, m) !== 1)
      throw new PeelError('bad_input', `${file} line ${r.line}: month "${m}" of series "${id}" does not follow ${prev} (months must be consecutive; expected ${addMonths(prev, 1)})`);
    s.months.push(m);
    s.counts.push(c);
    byId.set(id, s);
  }
  return [...byId].map(([seriesId, s]) => ({ seriesId, months: s.months, counts: s.counts }));
}

/** Parses a `--control` JSON object whose keys are surveillance's control names. */
export function parseFarringtonControl(json: string | undefined): FarringtonControl {
  if (json === undefined) return farringtonControl({});
  let obj: unknown;
  try {
    obj = JSON.parse(json);
  } catch (e) {
    throw new PeelError('bad_input', `--control is not valid JSON: ${(e as Error).message}`);
  }
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) throw new PeelError('bad_input', `--control must be a JSON object, got ${json}`);
  const known = new Set(['b', 'w', 'reweight', 'weightsThreshold', 'alpha', 'trend', 'pThresholdTrend', 'limit54', 'powertrans', 'populationOffset', 'noPeriods', 'pastWeeksNotIncluded', 'thresholdMethod']);
  for (const k of Object.keys(obj)) if (!known.has(k)) throw new PeelError('bad_input', `--control: unknown key "${k}" (known: ${[...known].join(', ')})`);
  if ((obj as Record<string, unknown>).populationOffset === true)
    throw new PeelError('bad_input', '--control: populationOffset needs a population column, which the toolbox file format does not carry');
  return farringtonControl(obj as Partial<FarringtonControl>);
}

export interface FarringtonRow {
  series_id: string;
  month: Month;
  observed: number;
  expected: number | null;
  upperbound: number | null;
  alarm: boolean;
  pvalue: number | null;
  score: number | null;
  phi: number | null;
  trend: number | null;
}

/** Monitors every month with enough history (or from `from` on) in every series. */
export function analyseFarrington(series: readonly MonthlySeries[], control: FarringtonControl, from?: Month): FarringtonRow[] {
  const out: FarringtonRow[] = [];
  const first = 12 * control.b + control.w;
  for (const s of series) {
    let start = first;
    if (from !== undefined) {
      start = monthDiff(s.months[0], from);
      if (start < 12 * control.b)
        throw new PeelError('bad_input', `--from ${from}: series "${s.seriesId}" starts ${s.months[0]}, so ${from} lacks ${control.b} years of history`);
    }
    if (start > s.counts.length - 1) continue;
    for (const r of farringtonFlexible(s.counts, control, { from: start, frequency: 12 }))
      out.push({
        series_id: s.seriesId,
        month: s.months[r.index],
        observed: r.observed,
        expected: r.expected,
        upperbound: r.upperbound,
        alarm: r.alarm,
        pvalue: r.pvalue,
        score: r.score,
        phi: r.phi,
        trend: r.trend,
      });
  }
  return out;
}

// ---------------------------------------------------------------- Gi*

export interface PointValues {
  readonly ids: string[];
  readonly xs: number[];
  readonly ys: number[];
  readonly values: number[];
}

/** `id,x,y,value` with planar coordinates. */
export function parsePointsCsv(text: string, file: string): PointValues {
  const recs = parseCsv(text, file, ['id', 'x', 'y', 'value']);
  const p: PointValues = { ids: [], xs: [], ys: [], values: [] };
  for (const r of recs) {
    p.ids.push(r.fields.id);
    p.xs.push(num(r, 'x', file));
    p.ys.push(num(r, 'y', file));
    p.values.push(num(r, 'value', file));
  }
  return p;
}

export interface GiStarRow {
  id: string;
  z: number | null;
  p_sim?: number | null;
}

export function analyseGiStar(
  p: PointValues,
  spec: NeighbourSpec,
  opts: { style: WeightStyle; star: boolean; permutations?: number; seed?: number },
): GiStarRow[] {
  const nb = spatialNeighbours(p.xs, p.ys, spec);
  const res = localG(p.values, nb, opts);
  return p.ids.map((id, i) => (res.pSim ? { id, z: res.z[i], p_sim: res.pSim[i] } : { id, z: res.z[i] }));
}

// ---------------------------------------------------------------- Mann–Kendall and BH

/** `series_id,time,value`: each series sorted by time (numerically when every time is a number). */
export function parseTimeSeriesCsv(text: string, file: string): { seriesId: string; values: number[] }[] {
  const recs = parseCsv(text, file, ['series_id', 'time', 'value']);
  const byId = new Map<string, { t: string; v: number }[]>();
  for (const r of recs) {
    const v = r.fields.value.trim() === '' || r.fields.value.trim() === 'NA' ? NaN : num(r, 'value', file);
    const list = byId.get(r.fields.series_id) ?? [];
    list.push({ t: r.fields.time.trim(), v });
    byId.set(r.fields.series_id, list);
  }
  return [...byId].map(([seriesId, list]) => {
    const numeric = list.every((e) => e.t !== '' && Number.isFinite(Number(e.t)));
    list.sort((a, b) => (numeric ? Number(a.t) - Number(b.t) : a.t < b.t ? -1 : a.t > b.t ? 1 : 0));
    return { seriesId, values: list.map((e) => e.v) };
  });
}

export function analyseMannKendall(series: readonly { seriesId: string; values: number[] }[]) {
  return series.map((s) => {
    const r = mannKendall(s.values);
    return { series_id: s.seriesId, n: r.n, S: r.S, varS: r.varS, z: r.z, p: r.p, tau_b: r.tauB };
  });
}

/** `id,p`: p-values in [0, 1]; empty or NA is missing. */
export function parsePValuesCsv(text: string, file: string): { ids: string[]; p: number[] } {
  const recs = parseCsv(text, file, ['id', 'p']);
  const ids: string[] = [];
  const p: number[] = [];
  for (const r of recs) {
    ids.push(r.fields.id);
    const raw = r.fields.p.trim();
    p.push(raw === '' || raw === 'NA' ? NaN : num(r, 'p', file, (v) => v >= 0 && v <= 1, 'a p-value in [0, 1]'));
  }
  return { ids, p };
}

export function analyseBenjaminiHochberg(input: { ids: string[]; p: number[] }) {
  const adj = benjaminiHochberg(input.p);
  return input.ids.map((id, i) => ({
    id,
    p: Number.isNaN(input.p[i]) ? null : input.p[i],
    p_adjusted: Number.isNaN(adj[i]) ? null : adj[i],
  }));
}

// ---------------------------------------------------------------- periods shared by EHSA and scan

/**
 * The ordered periods of a file: every month from the first to the last when all labels are
 * `YYYY-MM` (gaps become zero counts), else the distinct labels sorted numerically or as text.
 */
function periodAxis(labels: readonly string[]): string[] {
  const distinct = [...new Set(labels)];
  if (distinct.every((l) => isMonth(l))) {
    distinct.sort();
    const out: string[] = [];
    for (let m = distinct[0]; m <= distinct[distinct.length - 1]; m = addMonths(m, 1)) out.push(m);
    return out;
  }
  const numeric = distinct.every((l) => l !== '' && Number.isFinite(Number(l)));
  return distinct.sort((a, b) => (numeric ? Number(a) - Number(b) : a < b ? -1 : a > b ? 1 : 0));
}

// ---------------------------------------------------------------- EHSA

/** `cell,period,count`: H3 cell ids; a missing cell-period is zero. */
export function parseCubeCsv(text: string, file: string): SpaceTimeCube & { periodLabels: string[] } {
  const recs = parseCsv(text, file, ['cell', 'period', 'count']);
  const periodLabels = periodAxis(recs.map((r) => r.fields.period.trim()));
  const pIndex = new Map(periodLabels.map((p, i) => [p, i]));
  const cells: string[] = [];
  const cIndex = new Map<string, number>();
  for (const r of recs) {
    const cell = r.fields.cell.trim();
    if (!isValidCell(cell)) throw new PeelError('bad_input', `${file} line ${r.line}: cell "${r.fields.cell}" is not an H3 cell index`);
    if (!cIndex.has(cell)) cIndex.set(cell, cells.push(cell) - 1);
  }
  const T = periodLabels.length;
  const counts = new Float64Array(cells.length * T);
  for (const r of recs) {
    const c = num(r, 'count', file, (v) => v >= 0 && Number.isFinite(v), 'a non-negative number');
    counts[(cIndex.get(r.fields.cell.trim()) as number) * T + (pIndex.get(r.fields.period.trim()) as number)] += c;
  }
  return { cells, periods: T, counts, periodLabels };
}

export function analyseEmergingHotSpots(cube: SpaceTimeCube & { periodLabels: string[] }, opts: EhsaOptions) {
  return emergingHotSpots(cube, opts).map((r) => ({
    cell: r.cell,
    class: r.class,
    trend: r.trend,
    trend_tau: r.trendTau,
    trend_p: r.trendP,
    z_last: Number.isNaN(r.z[r.z.length - 1]) ? null : r.z[r.z.length - 1],
    hot_periods: r.significance.filter((s) => s === 1).length,
    cold_periods: r.significance.filter((s) => s === -1).length,
  }));
}

// ---------------------------------------------------------------- scan

/** `id,x,y,period,count`: one row per location and period (missing rows are zero). */
export function parseScanCsv(text: string, file: string): ScanInput & { periodLabels: string[] } {
  const recs = parseCsv(text, file, ['id', 'x', 'y', 'period', 'count']);
  const periodLabels = periodAxis(recs.map((r) => r.fields.period.trim()));
  const pIndex = new Map(periodLabels.map((p, i) => [p, i]));
  const locations: ScanLocation[] = [];
  const lIndex = new Map<string, number>();
  for (const r of recs) {
    const id = r.fields.id;
    const x = num(r, 'x', file);
    const y = num(r, 'y', file);
    const at = lIndex.get(id);
    if (at === undefined) lIndex.set(id, locations.push({ id, x, y }) - 1);
    else if (locations[at].x !== x || locations[at].y !== y)
      throw new PeelError('bad_input', `${file} line ${r.line}: location "${id}" is at (${x}, ${y}) here but (${locations[at].x}, ${locations[at].y}) earlier`);
  }
  const T = periodLabels.length;
  const counts = new Int32Array(locations.length * T);
  for (const r of recs) {
    const c = num(r, 'count', file, (v) => Number.isInteger(v) && v >= 0, 'a non-negative whole number');
    counts[(lIndex.get(r.fields.id) as number) * T + (pIndex.get(r.fields.period.trim()) as number)] += c;
  }
  return { locations, periods: T, counts, periodLabels };
}

export async function analyseScan(input: ScanInput & { periodLabels: string[] }, opts: ScanOptions) {
  const res = await spaceTimeScan(input, opts);
  return res.clusters.map((c, i) => ({
    rank: i + 1,
    centre: c.centre,
    locations: c.locations,
    radius: c.radius,
    start: input.periodLabels[c.start],
    end: input.periodLabels[input.periods - 1],
    duration: c.duration,
    observed: c.observed,
    expected: c.expected,
    relative_risk: c.relativeRisk,
    llr: c.llr,
    p: c.p,
  }));
}
