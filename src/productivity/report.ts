/**
 * The productivity report: every measure of the standard for each force and the nation, by
 * category and for all categories, compared fairly (see docs/productivity.md):
 *   - national value: Σ numerators ÷ Σ denominators over every force held (not a mean of rates);
 *   - group value: the same over the force's comparison group (its members, not itself);
 *   - 95 % Wilson interval of the force's value (proportions; Kish's effective n for the
 *     harm-weighted rate), value ± 1.96·√numerator ÷ denominator for the per-officer rate;
 *   - its place on the measure's funnel plot (Spiegelhalter 2005) around the national value, with
 *     95 % and 99.8 % limits widened by the measured over-dispersion φ.
 * Durations (months to outcome) have no interval or funnel.
 */
import {
  PRODUCTIVITY_MEASURES, PRODUCTIVITY_MEASURE_IDS, PRODUCTIVITY_STANDARD_VERSION, HARM_WEIGHTS, PeelError,
  addMonths, monthRange, isMonth, isForceId, isCrimeCategory,
  type ProductivityMeasureId,
} from '../standard/index.ts';
import { wilsonInterval, funnelLimits, funnelPlace, funnelOverdispersion, qnorm, type FunnelPlace } from '../stats/index.ts';
import type { Store } from '../store/index.ts';
import { readCells, type Cells } from './cells.ts';
import { addTally, emptyTally, measureValue, tallyByForce, type HarmWeights, type Tally } from './tally.ts';
import { comparisonGroups, type ComparisonGroups } from './groups.ts';

export interface ProductivityQuery {
  /** First and last crime month of the period (default: the 12 months ending at the latest street month held). */
  readonly from?: string;
  readonly to?: string;
  /** Forces whose rows to return (national and group values always use every force). */
  readonly forces?: readonly string[];
  /** Categories whose rows to return besides all categories (default every category). */
  readonly categories?: readonly string[];
  readonly measures?: readonly ProductivityMeasureId[];
  readonly harmWeights?: HarmWeights;
}

export interface MeasureRow {
  readonly measure: ProductivityMeasureId;
  /** null for the national row. */
  readonly force_id: string | null;
  /** null for all categories. */
  readonly category: string | null;
  readonly numerator: number;
  readonly denominator: number;
  readonly value: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
  readonly group_id: string | null;
  readonly group_value: number | null;
  readonly national_value: number | null;
  /** Null for durations, the national row, and a force with no denominator. */
  readonly funnel: FunnelPlace | null;
}

/** One funnel plot: the national target, φ, and its limits at a range of precisions. */
export interface FunnelCurve {
  readonly measure: ProductivityMeasureId;
  readonly category: string | null;
  readonly national_value: number;
  readonly phi: number;
  readonly points: ReadonlyArray<{ n: number; lower95: number; upper95: number; lower998: number; upper998: number }>;
}

export interface ProductivityReport {
  readonly standard_version: string;
  readonly from: string;
  readonly to: string;
  readonly measures: MeasureRow[];
  readonly funnels: FunnelCurve[];
  readonly groups: ComparisonGroups;
  /** Forces whose outcome labels were quarantined as unknown (a data-quality finding, never dropped). */
  readonly unknown_outcome_rows: ReadonlyArray<{ force_id: string; rows: number }>;
  readonly notes: string[];
}

const Z95 = qnorm(0.975);

/** The period of a query, checked: default the 12 months ending at the latest street month held. */
export async function resolvePeriod(store: Store, q: Pick<ProductivityQuery, 'from' | 'to'>, defaultMonths = 12): Promise<{ from: string; to: string }> {
  for (const [k, v] of [['from', q.from], ['to', q.to]] as const) {
    if (v !== undefined && !isMonth(v)) throw new PeelError('bad_input', `--${k} "${v}" is not a month (YYYY-MM)`, { field: k, value: v });
  }
  const latest = await store.latestMonth('street');
  const to = q.to ?? (q.from ? addMonths(q.from, defaultMonths - 1) : latest);
  if (!to) throw new PeelError('no_data', 'the store holds no street data: load some with `peel ingest` first');
  const from = q.from ?? addMonths(to, -(defaultMonths - 1));
  if (from > to) throw new PeelError('bad_input', `--from ${from} is after --to ${to}`, { field: 'from', value: from });
  return { from, to };
}

/** Officer FTE per force for a period: the figure dated latest on or before its end (else the earliest after). */
export async function officersFor(store: Store, to: string): Promise<Map<string, number>> {
  const byForce = new Map<string, { as_of: string; fte: number }[]>();
  for (const r of await store.productivity.workforce()) byForce.set(r.force_id, [...(byForce.get(r.force_id) ?? []), { as_of: r.as_of, fte: r.officers_fte }]);
  const out = new Map<string, number>();
  for (const [f, rows] of byForce) {
    const before = rows.filter((r) => r.as_of.slice(0, 7) <= to);
    out.set(f, (before.length ? before[before.length - 1] : rows[0]).fte);
  }
  return out;
}

function checkFilters(q: ProductivityQuery): void {
  for (const f of q.forces ?? []) if (!isForceId(f)) throw new PeelError('bad_input', `unknown force "${f}": use a data.police.uk slug such as gwent`, { field: 'force', value: f });
  for (const c of q.categories ?? []) if (!isCrimeCategory(c)) throw new PeelError('bad_input', `unknown category "${c}": use a data.police.uk slug such as burglary`, { field: 'category', value: c });
  for (const m of q.measures ?? []) if (!(PRODUCTIVITY_MEASURE_IDS as readonly string[]).includes(m)) throw new PeelError('bad_input', `unknown measure "${m}": one of ${PRODUCTIVITY_MEASURE_IDS.join(', ')}`, { field: 'measure', value: m });
}

function interval(kind: 'proportion' | 'rate' | 'duration', v: ReturnType<typeof measureValue>): { lower: number | null; upper: number | null } {
  if (v.value === null || kind === 'duration') return { lower: null, upper: null };
  if (kind === 'rate') {
    const half = (Z95 * Math.sqrt(v.numerator)) / v.denominator;
    return { lower: Math.max(0, v.value - half), upper: v.value + half };
  }
  const w = wilsonInterval(Math.min(v.precision, v.value * v.precision), v.precision);
  return w ? { lower: w.lower, upper: w.upper } : { lower: null, upper: null };
}

const r6 = (x: number | null): number | null => (x === null ? null : Math.round(x * 1e6) / 1e6);

/** Builds the report from cells already read (the bench and the trends reuse one read). */
export function buildReport(cells: Cells, period: { from: string; to: string }, groups: ComparisonGroups, officers: ReadonlyMap<string, number>, q: ProductivityQuery = {}): Omit<ProductivityReport, 'unknown_outcome_rows'> {
  const months = monthRange(period.from, period.to);
  const tallies = tallyByForce(cells, { months, officers, harm: q.harmWeights ?? HARM_WEIGHTS });
  const forces = [...new Set([...tallies.keys()].filter((k) => !k.includes('|')))].sort();
  const categories = [...new Set(cells.crime.map((c) => c.category))].sort();
  const groupOf = new Map(groups.groups.map((g) => [g.force_id, g]));
  const key = (f: string, c: string | null) => (c === null ? f : `${f}|${c}`);
  const sum = (fs: readonly string[], c: string | null): Tally => fs.reduce((t, f) => { const x = tallies.get(key(f, c)); return x ? addTally(t, x) : t; }, emptyTally());
  const wantForces = q.forces?.length ? new Set(q.forces) : null;
  const wantCats = q.categories?.length ? q.categories : categories;
  const measures = PRODUCTIVITY_MEASURES.filter((m) => !q.measures?.length || q.measures.includes(m.id));
  const rows: MeasureRow[] = [];
  const funnels: FunnelCurve[] = [];
  for (const def of measures) {
    for (const cat of [null, ...(def.byCategory ? wantCats : [])]) {
      const national = measureValue(def.id, sum(forces, cat));
      const forceVals = forces.map((f) => ({ f, v: measureValue(def.id, tallies.get(key(f, cat)) ?? emptyTally()) }));
      const kind = def.kind;
      const target = national.value;
      const funnelKind = kind === 'rate' ? 'rate' : 'proportion';
      const phi = kind !== 'duration' && target !== null
        ? funnelOverdispersion(forceVals.filter((x) => x.v.value !== null).map((x) => ({ y: x.v.value!, n: x.v.precision })), target, funnelKind) : 1;
      rows.push({ measure: def.id, force_id: null, category: cat, numerator: r6(national.numerator)!, denominator: r6(national.denominator)!, value: r6(national.value),
        ...mapNull(interval(kind, national)), group_id: null, group_value: null, national_value: r6(target), funnel: null });
      if (kind !== 'duration' && target !== null && target > 0) {
        const ns = forceVals.map((x) => x.v.precision).filter((n) => n > 0);
        if (ns.length) funnels.push({ measure: def.id, category: cat, national_value: r6(target)!, phi: r6(phi)!, points: curve(Math.min(...ns), Math.max(...ns), { target, kind: funnelKind, phi }) });
      }
      for (const { f, v } of forceVals) {
        if (wantForces && !wantForces.has(f)) continue;
        const g = groupOf.get(f);
        const gv = g ? measureValue(def.id, sum(g.members, cat)).value : null;
        const place = kind === 'duration' || target === null || v.value === null || !(v.precision > 0) ? null : funnelPlace({ target, kind: funnelKind, phi }, v.value, v.precision);
        rows.push({ measure: def.id, force_id: f, category: cat, numerator: r6(v.numerator)!, denominator: r6(v.denominator)!, value: r6(v.value),
          ...mapNull(interval(kind, v)), group_id: g?.group_id ?? null, group_value: r6(gv), national_value: r6(target), funnel: place });
      }
    }
  }
  const notes: string[] = [];
  if (!cells.crime.some((c) => c.lags.size)) notes.push('no outcomes files are held for the period: latest outcomes are the street files\' own, and months_to_outcome has no value');
  if (!officers.size) notes.push('no officer numbers are loaded: charges_per_officer has no value (peel productivity workforce load CSV)');
  return { standard_version: PRODUCTIVITY_STANDARD_VERSION, from: period.from, to: period.to, measures: rows, funnels, groups, notes };
}

function mapNull(i: { lower: number | null; upper: number | null }) {
  return { lower: r6(i.lower), upper: r6(i.upper) };
}

/** Funnel limits at 40 precisions spaced evenly on a log scale over [lo, hi] (widened a little). */
function curve(lo: number, hi: number, t: { target: number; kind: 'proportion' | 'rate'; phi: number }): FunnelCurve['points'] {
  const a = Math.log(Math.max(lo * 0.8, 1e-9));
  const b = Math.log(hi * 1.2);
  return Array.from({ length: 40 }, (_, i) => {
    const n = Math.exp(a + ((b - a) * i) / 39);
    const l = funnelLimits(t, n);
    return { n: r6(n)!, lower95: r6(l.lower95)!, upper95: r6(l.upper95)!, lower998: r6(l.lower998)!, upper998: r6(l.upper998)! };
  });
}

/** `peel productivity`: every measure for the period, each force against its group and the nation. */
export async function productivityReport(store: Store, q: ProductivityQuery = {}): Promise<ProductivityReport> {
  checkFilters(q);
  const period = await resolvePeriod(store, q);
  const cells = await readCells(store, period);
  const months = monthRange(period.from, period.to);
  const [groups, officers, unknown] = await Promise.all([comparisonGroups(store, cells, months), officersFor(store, period.to), store.productivity.unknownOutcomeRows()]);
  return { ...buildReport(cells, period, groups, officers, q), unknown_outcome_rows: unknown.map((u) => ({ force_id: u.force_id, rows: Number(u.rows) })) };
}
