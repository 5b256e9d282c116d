/**
 * Monthly trends of the measures (all categories) for each force and the nation over up to 36
 * months ending at the period's end, each with Mann–Kendall's test and Sen's slope (src/stats).
 * A month without a value (no denominator) is missing, not zero. Time basis: the crime's month —
 * so the most recent months of outcome measures are still filling in (outcomes arrive later), and
 * a falling charge rate over the last months is partly that lag; docs/productivity.md says so.
 */
import { HARM_WEIGHTS, PRODUCTIVITY_MEASURES, addMonths, monthRange, type ProductivityMeasureId } from '../standard/index.ts';
import { mannKendall, senSlope } from '../stats/index.ts';
import type { Store } from '../store/index.ts';
import { readCells, type Cells } from './cells.ts';
import { addTally, emptyTally, measureValue, tallyByForce, type HarmWeights } from './tally.ts';
import { officersFor, resolvePeriod } from './report.ts';

export const TREND_MONTHS = 36;
/** Measures with a monthly trend (completeness is 0 or 1 in a month; per-officer rates are yearly). */
export const TREND_MEASURES: readonly ProductivityMeasureId[] = PRODUCTIVITY_MEASURES
  .filter((m) => m.id !== 'publication_completeness' && m.id !== 'charges_per_officer').map((m) => m.id);

export interface TrendSeries {
  readonly measure: ProductivityMeasureId;
  readonly force_id: string | null;
  readonly points: ReadonlyArray<{ month: string; numerator: number; denominator: number; value: number | null }>;
  /** Mann–Kendall over the months with a value. */
  readonly mann_kendall: { n: number; S: number; z: number | null; p: number | null; tau_b: number | null };
  /** Sen's slope, change per month. */
  readonly sen_slope: number | null;
}

export interface TrendReport {
  readonly from: string;
  readonly to: string;
  readonly series: TrendSeries[];
}

/** Trends from cells already read: `forces` limits the forces (the national series is always there). */
export function buildTrends(cells: Cells, period: { from: string; to: string }, officers: ReadonlyMap<string, number>, opts: { forces?: readonly string[]; measures?: readonly ProductivityMeasureId[]; harmWeights?: HarmWeights } = {}): TrendReport {
  const months = monthRange(period.from, period.to);
  const harm = opts.harmWeights ?? HARM_WEIGHTS;
  const perMonth = months.map((m) => tallyByForce(cells, { months: [m], officers, harm }));
  const allForces = [...new Set(cells.crime.map((c) => c.force_id).concat(cells.search.map((s) => s.force_id)))].sort();
  const forces = opts.forces?.length ? allForces.filter((f) => opts.forces!.includes(f)) : allForces;
  const measures = TREND_MEASURES.filter((m) => !opts.measures?.length || opts.measures.includes(m));
  const series: TrendSeries[] = [];
  for (const measure of measures) {
    for (const f of [null, ...forces]) {
      const points = months.map((month, i) => {
        const t = f === null ? allForces.reduce((acc, g) => { const x = perMonth[i].get(g); return x ? addTally(acc, x) : acc; }, emptyTally()) : perMonth[i].get(f) ?? emptyTally();
        const v = measureValue(measure, t);
        return { month, numerator: Math.round(v.numerator * 1e6) / 1e6, denominator: Math.round(v.denominator * 1e6) / 1e6, value: v.value === null ? null : Math.round(v.value * 1e6) / 1e6 };
      });
      const x = points.map((p) => (p.value === null ? NaN : p.value));
      const mk = mannKendall(x);
      series.push({ measure, force_id: f, points, mann_kendall: { n: mk.n, S: mk.S, z: mk.z, p: mk.p, tau_b: mk.tauB }, sen_slope: senSlope(x).slope });
    }
  }
  return { from: period.from, to: period.to, series };
}

/** The measures' monthly trends over up to 36 months ending at `to` (default the latest street month). */
export async function productivityTrends(store: Store, q: { from?: string; to?: string; forces?: readonly string[]; measures?: readonly ProductivityMeasureId[]; harmWeights?: HarmWeights } = {}): Promise<TrendReport> {
  const period = await resolvePeriod(store, { to: q.to, from: q.from }, TREND_MONTHS);
  const from = period.from < addMonths(period.to, -(TREND_MONTHS - 1)) ? addMonths(period.to, -(TREND_MONTHS - 1)) : period.from;
  const cells = await readCells(store, { from, to: period.to });
  // Start at the first month anything is held, so a short store does not chart empty years.
  const held = [...cells.crime.map((c) => c.month), ...cells.search.map((c) => c.month)].sort()[0];
  const start = held && held > from ? held : from;
  return buildTrends(cells, { from: start, to: period.to }, await officersFor(store, period.to), q);
}
