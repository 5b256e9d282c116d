/**
 * Series of a detection run on its month axis (`months[t]` is the month under test): counts placed
 * on the axis (NaN where a force has no data), the baseline test at t of each, the evidence points
 * of an alert's chart, and Benjamini–Hochberg over a family that holds untested members.
 */
import type { CrimeCategory } from '../../standard/index.ts';
import type { EvidencePoint } from '../../store/index.ts';
import { benjaminiHochberg } from '../../stats/index.ts';
import { baselineTest, type BaselineTest } from './baseline.ts';
import type { ResolvedDetectOptions } from './options.ts';

/** Month axis of a run: `months[0]` … `months[t]` = the month under test. */
export interface Axis {
  readonly months: string[];
  readonly index: Map<string, number>;
  readonly t: number;
}

/** One series on the axis, NaN where the force has no data, 0 where it has data but no count. */
export function onAxis(axis: Axis, present: ReadonlySet<string>, months: readonly string[], counts: readonly number[]): Float64Array {
  const v = new Float64Array(axis.months.length);
  axis.months.forEach((m, i) => (v[i] = present.has(m) ? 0 : NaN));
  months.forEach((m, i) => {
    const j = axis.index.get(m);
    if (j !== undefined && present.has(m)) v[j] = counts[i];
  });
  return v;
}

/** The last `last` months of a series, with the expected value and threshold of the tests run on them. */
export function evidenceSeries(axis: Axis, values: Float64Array, tests: ReadonlyMap<number, BaselineTest | null>, last = 24): EvidencePoint[] {
  const out: EvidencePoint[] = [];
  for (let i = Math.max(0, axis.t - last + 1); i <= axis.t; i++) {
    if (Number.isNaN(values[i])) continue;
    const r = tests.get(i) ?? null;
    out.push({ month: axis.months[i], observed: values[i], expected: r ? Math.round(r.expected * 100) / 100 : null, threshold: r ? r.threshold : null });
  }
  return out;
}

export interface SeriesTest {
  readonly force: string;
  readonly category: CrimeCategory;
  readonly areaId: string;
  readonly values: Float64Array;
  readonly test: BaselineTest;
}

/** Runs the baseline test at t on each series; returns the tested ones. */
export function testSeries(
  axis: Axis, o: ResolvedDetectOptions,
  series: Iterable<{ force: string; category: CrimeCategory; areaId: string; values: Float64Array }>,
): SeriesTest[] {
  const out: SeriesTest[] = [];
  for (const s of series) {
    const r = baselineTest(s.values, axis.t, o.farrington, o.maxYears);
    if (r) out.push({ ...s, test: r });
  }
  return out;
}

/** BH over a family (with `extra` untested members at p = 1); returns q per tested member. */
export function bhWithUntested(ps: readonly number[], extra: number): number[] {
  return benjaminiHochberg(ps, ps.length + Math.max(0, extra));
}
