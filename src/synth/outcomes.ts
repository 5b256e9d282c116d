/**
 * Crime outcomes: for each crime, its outcome history (a charge and a court result, or another final
 * outcome) after calibrated lags, as events in the months of the outcomes files and as the street
 * file's `Last outcome category`; forces differ in charge rate and speed.
 */
import { OUTCOMES, type OutcomeCategory } from '../standard/index.ts';
import { CHARGE_RATE, COURT_LAG, COURT_RESULTS, OUTCOME_LAG_CLASS, OUTCOME_LAGS, OUTCOME_MIX, type SynthCategory } from './calibration.ts';
import { createRng, weightedPicker, type Rng } from './random.ts';

/** The published wording of each outcome. */
export const OUTCOME_NAME = Object.fromEntries(OUTCOMES.map((x) => [x.id, x.name])) as Record<OutcomeCategory, string>;

const lagPickers = Object.fromEntries(Object.entries(OUTCOME_LAGS).map(([k, t]) => [k, weightedPicker(t.map((p, i) => [i, p] as const))]));
const pickLag = Object.fromEntries(Object.entries(OUTCOME_LAG_CLASS).map(([c, k]) => [c, lagPickers[k]!])) as Record<keyof typeof OUTCOME_LAG_CLASS, (u: number) => number>;
const pickCourtLag = weightedPicker(COURT_LAG.map((p, i) => [i, p] as const));
const pickCourtResult = weightedPicker(COURT_RESULTS);
const pickFinal = Object.fromEntries(Object.entries(OUTCOME_MIX).map(([c, t]) => [c, weightedPicker(t)])) as Record<keyof typeof OUTCOME_MIX, (u: number) => OutcomeCategory>;

/**
 * How a force's outcomes differ from the national calibration, so forces differ as real ones do
 * (the productivity page's funnels show spread): `charge` multiplies every category's charge rate,
 * `speed` stretches (> 1) or shortens (< 1) the months from crime to outcome. Both log-normal with
 * σ = 0.25, clipped to [0.6, 1.6] and [0.6, 1.8], drawn from the force's own stream of the seed, so
 * no other stream (and no other column of the files) changes.
 */
interface ForceOutcomeStyle {
  readonly charge: number;
  readonly speed: number;
  /** The force's own stream for the draws its difference needs. */
  readonly rng: Rng;
}

export function forceOutcomeStyle(seed: number, force: string): ForceOutcomeStyle {
  const r = createRng(seed, `outcome-style:${force}`);
  const clip = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
  return { charge: clip(Math.exp(0.25 * r.normal()), 0.6, 1.6), speed: clip(Math.exp(0.25 * r.normal()), 0.6, 1.8), rng: r };
}

/**
 * A crime's outcome events, filled by `outcomeEvents` (module scratch, so the hot loop allocates
 * nothing): up to two events, month index and wording.
 */
export const ev = { n: 0, k0: 0, name0: '', k1: 0, name1: '' };

/**
 * Draws a crime's outcome history: leaves the events within the series in `ev` and returns the
 * street file's `Last outcome category` as of the last month.
 */
export function outcomeEvents(rng: Rng, c: Exclude<SynthCategory, 'anti-social-behaviour'>, t: number, T: number, style: ForceOutcomeStyle): string {
  ev.n = 0;
  const lag = Math.round(pickLag[c](rng.next()) * style.speed);
  // The calibrated branch and its draws come from the main stream exactly as they always did, so
  // the force's difference (from its own stream) changes outcomes and nothing else in the files.
  const calibrated = rng.next() < CHARGE_RATE[c];
  const u = calibrated ? [rng.next(), rng.next(), rng.next()] : [rng.next()];
  const o = style.rng;
  let charged = calibrated;
  if (style.charge > 1 && !calibrated) charged = o.next() < Math.min(1, (CHARGE_RATE[c] * (style.charge - 1)) / (1 - CHARGE_RATE[c]));
  else if (style.charge < 1 && calibrated) charged = o.next() < style.charge;
  if (charged) {
    const [a, b, w] = calibrated ? u : [o.next(), o.next(), o.next()];
    const k1 = t + lag;
    const k2 = k1 + pickCourtLag(a!);
    const result = pickCourtResult(b!);
    const charge = w! < 0.05 ? OUTCOME_NAME['suspect-charged-part-of-another-case'] : OUTCOME_NAME['suspect-charged'];
    if (k1 < T) (ev.k0 = k1), (ev.name0 = charge), (ev.n = 1);
    if (k2 < T) (ev.k1 = k2), (ev.name1 = OUTCOME_NAME[result]), (ev.n = 2);
    return k2 < T ? OUTCOME_NAME[result] : k1 < T ? OUTCOME_NAME['awaiting-court-result'] : OUTCOME_NAME['under-investigation'];
  }
  const final = pickFinal[c](calibrated ? o.next() : u[0]!);
  // "Status update unavailable" is a street-file status, never an outcome event.
  if (final === 'status-update-unavailable') return OUTCOME_NAME[final];
  const k = t + lag;
  if (k >= T) return OUTCOME_NAME['under-investigation'];
  ev.k0 = k;
  ev.name0 = OUTCOME_NAME[final];
  ev.n = 1;
  return OUTCOME_NAME[final];
}
