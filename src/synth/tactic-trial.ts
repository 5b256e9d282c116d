/**
 * A tactic trial planted in the synthetic set, so the What works evaluation has a known effect to
 * find: in one force, from `start` to the last month, each crime of one category that would have
 * been placed in one of the treated LSOAs is kept with probability `factor` (a rate ratio of
 * `factor`). Written to truth.json as `tactic_trials`. Deterministic by seed; it draws from its
 * own random stream, so the rest of the set is the same as without it.
 */
import type { ForceId } from '../standard/index.ts';
import { createRng, type Rng } from './random.ts';
import { lsoaWeight, type ForceGeography } from './places.ts';
import type { SynthCategory } from './calibration.ts';

/** The planted trial's truth, as truth.json carries it. */
export interface TacticTrialTruth {
  readonly force: ForceId;
  readonly lsoas: readonly string[];
  readonly category: SynthCategory;
  readonly start: string;
  readonly end: string;
  readonly factor: number;
  /** Crimes the thinning removed (the expected count had the tactic not worked is rows kept ÷ factor). */
  readonly removed: number;
}

export const TACTIC_TRIAL_FACTOR = 0.6;
export const TACTIC_TRIAL_CATEGORY: SynthCategory = 'violent-crime';
export const TACTIC_TRIAL_LSOAS = 20;
/** Months of the trial, at the end of the series (it needs at least 12 months before it). */
export const TACTIC_TRIAL_MONTHS = 12;
/** Forces preferred for the trial (mid-sized, with neighbours), in order; else the set's first eligible force. */
const PREFERRED: readonly ForceId[] = ['leicestershire', 'gwent', 'northamptonshire', 'nottinghamshire', 'avon-and-somerset'];

export interface PlantedTrial {
  readonly truth: () => TacticTrialTruth;
  /** Whether a crime of `c` in LSOA index `lsoa` of `force` in month index `t` is removed by the tactic. */
  readonly drops: (force: ForceId, c: SynthCategory, t: number, lsoa: number) => boolean;
}

/**
 * Plans the trial, or returns null when the set is too short (under 24 months) or has no force
 * free of other injections (missing months, clusters), which would blur the effect.
 */
export function planTacticTrial(
  seed: number, forces: readonly ForceId[], months: readonly string[], excluded: ReadonlySet<ForceId>, geo: (f: ForceId) => ForceGeography,
): PlantedTrial | null {
  if (months.length < 2 * TACTIC_TRIAL_MONTHS) return null;
  const eligible = forces.filter((f) => !excluded.has(f));
  const force = PREFERRED.find((f) => eligible.includes(f)) ?? eligible[0];
  if (!force) return null;
  const g = geo(force);
  const rng: Rng = createRng(seed, `tactic-trial:${force}`);
  // Treated areas as a force would choose them: drawn from its busier quarter for the category.
  const byWeight = g.lsoas.map((_, i) => i).sort((a, b) => lsoaWeight(g, TACTIC_TRIAL_CATEGORY, b) - lsoaWeight(g, TACTIC_TRIAL_CATEGORY, a));
  const pool = byWeight.slice(0, Math.max(TACTIC_TRIAL_LSOAS, Math.floor(byWeight.length / 4)));
  for (let i = pool.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  const treated = new Set(pool.slice(0, TACTIC_TRIAL_LSOAS));
  const startT = months.length - TACTIC_TRIAL_MONTHS;
  let removed = 0;
  return {
    drops: (f, c, t, lsoa) => {
      if (f !== force || c !== TACTIC_TRIAL_CATEGORY || t < startT || !treated.has(lsoa)) return false;
      const drop = rng.next() >= TACTIC_TRIAL_FACTOR;
      if (drop) removed++;
      return drop;
    },
    truth: () => ({
      force, category: TACTIC_TRIAL_CATEGORY, factor: TACTIC_TRIAL_FACTOR, start: months[startT]!, end: months[months.length - 1]!, removed,
      lsoas: [...treated].map((i) => g.lsoas[i]!.code).sort(),
    }),
  };
}
