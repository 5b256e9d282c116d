/**
 * The test of one phrase in one month: is it new, or rising steeply, against its own history?
 *
 *   expected = (c_B + ½) / N_B × N_t
 *
 * c_B: records containing the phrase in the baseline months (the 10 months ending 3 months before
 * the month tested: the 2 months just before are left out, as Farrington leaves out the recent past,
 * so a method that started last month does not hide in its own baseline); N_B: all records of the
 * same forces in those months; N_t: the records of the month tested. The rate is per record, so a
 * month with more records expects more. The ½ is Jeffreys' pseudo-count: a phrase never seen has a
 * small positive expectation rather than zero.
 *
 * p = P(X ≥ c_t) for X ~ Poisson(expected) (R's `ppois(c_t - 1, expected, lower.tail = FALSE)`).
 * A phrase is raised when, after Holm's adjustment across every phrase of the month (the family: all
 * distinct phrases of the month's records; those not tested count with p = 1), q ≤ alpha, it is in
 * at least `minRecords` records (default 5), and at least `minRatio` (default 4) times its expectation — a steep rise, so a
 * common phrase a little above its usual level is not a new tactic even when its count is large.
 *
 * Why Holm and not Benjamini–Hochberg: one tactic makes a dozen or more of its phrases significant at
 * once, and BH would let those true discoveries loosen the threshold for the month's other phrases —
 * a stray common phrase then becomes a second, false, tactic alert. Alerts are tactics, not phrases;
 * Holm bounds the chance of any false phrase in a month (so of any false tactic) by `alpha`, whatever
 * the dependence between phrases, and a new tactic's key phrases (p below 1e-7) pass it easily.
 */
import { holm, ppois } from '../../stats/index.ts';

export interface PhraseCounts {
  readonly phrase: string;
  /** Records with it in the month tested. */
  readonly observed: number;
  /** Records with it in the baseline months. */
  readonly baseline: number;
}

export interface PhraseTest extends PhraseCounts {
  readonly expected: number;
  readonly p: number;
  readonly q: number;
  readonly raised: boolean;
}

export interface PhraseTestOptions {
  /** Records of the month tested (N_t). */
  readonly recordsNow: number;
  /** Records of the baseline months (N_B). */
  readonly recordsBaseline: number;
  /** Distinct phrases of the month (the family's size); at least the number tested. */
  readonly family: number;
  readonly alpha: number;
  readonly minRecords: number;
  readonly minRatio: number;
}

/** Jeffreys' pseudo-count added to a phrase's baseline. */
export const PSEUDO_COUNT = 0.5;

export function testPhrases(phrases: readonly PhraseCounts[], o: PhraseTestOptions): PhraseTest[] {
  if (!(o.recordsBaseline > 0)) throw new Error(`testPhrases: recordsBaseline must be > 0, got ${o.recordsBaseline}`);
  const expected = phrases.map((x) => ((x.baseline + PSEUDO_COUNT) / o.recordsBaseline) * o.recordsNow);
  const ps = phrases.map((x, i) => (x.observed > 0 ? ppois(x.observed - 1, expected[i], false) : 1));
  const qs = holm(ps, Math.max(o.family, phrases.length));
  return phrases.map((x, i) => ({
    ...x, expected: expected[i], p: ps[i], q: qs[i],
    raised: qs[i] <= o.alpha && x.observed >= o.minRecords && x.observed >= o.minRatio * expected[i],
  }));
}
