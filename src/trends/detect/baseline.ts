/**
 * The baseline test of one monthly count series at one month: is this month's count above what
 * the series' own past predicts? Two methods, chosen by how much past there is:
 *
 * - `farrington`: Farrington flexible (see ../farrington.ts) with the run's control values and
 *   b = the whole past years available since the force's first month of data (at most `maxYears`);
 *   needs t − first ≥ 12·b + w with b ≥ 1. Months the force did not submit after its first are filled with the mean of the months it did, so a missing
 *   file is not read as zero crime.
 * - `short_history`: when Farrington cannot run, the mean μ of the k months available before t
 *   (leaving out the latest months as Farrington's `pastWeeksNotIncluded` does, keeping at least two) is
 *   the expectation, the dispersion φ = max(1, s²/μ) (1 when k < 3) is inflated by (1 + 1/k) for
 *   the uncertainty of μ, and the upper bound and p-value come from the negative binomial with that
 *   mean and dispersion (Poisson when φ = 1): p = P(Y ≥ y). No test without at least one earlier month.
 *
 * Only increases count: the p-value is one-sided, upper tail.
 */
import { farringtonFlexible, type FarringtonControl } from '../farrington.ts';
import { pnbinom, ppois, qnbinom, qpois } from '../../stats/index.ts';

export type BaselineMethod = 'farrington' | 'short_history';

export interface BaselineTest {
  readonly method: BaselineMethod;
  readonly observed: number;
  readonly expected: number;
  readonly threshold: number;
  readonly p: number;
  /** Above the upper bound (and, for Farrington, enough recent cases to alarm). */
  readonly alarm: boolean;
  /** Farrington's b, or the number of past months for the short-history test. */
  readonly history: number;
  readonly phi: number;
}

/** Fills months a force did not submit (NaN) with the mean of the months it did. */
function filled(series: ArrayLike<number>, upTo: number): { values: Float64Array; present: number } {
  const values = new Float64Array(upTo + 1);
  let sum = 0;
  let present = 0;
  for (let i = 0; i <= upTo; i++) {
    const v = series[i];
    if (!Number.isNaN(v)) (sum += v, present++);
  }
  const mean = present ? sum / present : 0;
  for (let i = 0; i <= upTo; i++) values[i] = Number.isNaN(series[i]) ? Math.round(mean) : series[i];
  return { values, present };
}

/**
 * Tests `series[t]` against its past (see the module comment). `series` holds one value per
 * month, NaN where the force has no data; null when there is nothing to test (no count this month,
 * or no earlier month).
 */
export function baselineTest(
  series: ArrayLike<number>,
  t: number,
  control: Omit<FarringtonControl, 'b'>,
  maxYears: number,
): BaselineTest | null {
  const y = series[t];
  if (Number.isNaN(y)) return null;
  // History starts at the force's first month with data; months before it are not zeros.
  let first = 0;
  while (first < t && Number.isNaN(series[first])) first++;
  const tt = t - first;
  const b = Math.min(maxYears, Math.floor((tt - control.w) / 12));
  if (b >= 1) {
    const { values } = filled(Array.prototype.slice.call(series, first, t + 1) as number[], tt);
    const [r] = farringtonFlexible(values, { ...control, b }, { from: tt, to: tt });
    if (r && r.expected !== null && r.upperbound !== null && r.pvalue !== null) {
      // All-zero reference windows make the fit predict ~0 and any case "infinitely" unusual;
      // floor the expectation at half a case over the history, and test against that instead.
      const floor = 0.5 / tt;
      if (r.expected < floor) {
        const phi = Math.max(1, r.phi ?? 1);
        const p = phi > 1 ? pnbinom(y - 1, floor / (phi - 1), 1 / phi, false) : ppois(y - 1, floor, false);
        const threshold = phi > 1 ? qnbinom(1 - control.alpha, floor / (phi - 1), 1 / phi) : qpois(1 - control.alpha, floor);
        return { method: 'farrington', observed: y, expected: floor, threshold, p: y <= 0 ? 1 : Math.min(1, Math.max(0, p)), alarm: y > threshold, history: b, phi };
      }
      return { method: 'farrington', observed: y, expected: r.expected, threshold: r.upperbound, p: Math.min(1, Math.max(0, r.pvalue)), alarm: r.alarm, history: b, phi: r.phi ?? 1 };
    }
    // Too few recent cases for Farrington (its limit54 rule): nothing to alarm on.
    if (r && r.expected === null) return null;
  }
  return shortHistoryTest(series, t, control.alpha, control.pastWeeksNotIncluded ?? control.w);
}

/** The short-history negative-binomial test of `series[t]` against the months before it. */
export function shortHistoryTest(series: ArrayLike<number>, t: number, alpha: number, recentLeftOut = 0): BaselineTest | null {
  const y = series[t];
  const all: number[] = [];
  for (let i = 0; i < t; i++) if (!Number.isNaN(series[i])) all.push(series[i]);
  // As Farrington leaves recent months out of its fit, leave out up to `recentLeftOut` of the
  // latest months (keeping at least two), so a rise that began last month does not hide itself.
  const past = all.slice(0, Math.max(Math.min(all.length, 2), all.length - recentLeftOut));
  const k = past.length;
  if (k === 0 || Number.isNaN(y)) return null;
  const rawMean = past.reduce((a, v) => a + v, 0) / k;
  // Half a case over the window when nothing was seen, so a first case is not infinitely surprising.
  const mu = Math.max(rawMean, 0.5 / k);
  let phi = 1;
  if (k >= 3) {
    const s2 = past.reduce((a, v) => a + (v - rawMean) ** 2, 0) / (k - 1);
    phi = Math.max(1, s2 / mu);
  }
  phi *= 1 + 1 / k;
  const size = mu / (phi - 1);
  const p = phi > 1 ? pnbinom(y - 1, size, 1 / phi, false) : ppois(y - 1, mu, false);
  const threshold = phi > 1 ? qnbinom(1 - alpha, size, 1 / phi) : qpois(1 - alpha, mu);
  return { method: 'short_history', observed: y, expected: rawMean, threshold, p: y <= 0 ? 1 : Math.min(1, Math.max(0, p)), alarm: y > threshold, history: k, phi };
}
