/**
 * The crime-linkage model: the probability that two crimes belong to one series, by logistic
 * regression on their behavioural similarity and their separation, as in the crime-linkage studies
 * of Bennell & Canter (2002), Woodhams & Toye (2007) and Bennell, Woodhams and colleagues since:
 *
 *   logit P(linked) = β0 + Σ_f β_f · J_f + β_J · J + β_r · R + β_d · ln(1 + km) + β_t · ln(1 + days)
 *
 * where J_f is the Jaccard similarity of the two crimes' values of method feature f (0 when
 * neither has one), J the Jaccard similarity over all their method values (time and day aside), R the rarity of what they share (Σ over shared values of ln(crimes of the
 * category / crimes of the category with that value), so two crimes sharing an unusual method
 * count for more than two sharing a common one, as term-frequency adjustments do in record
 * linkage), km the distance between them and days the time between them.
 * A crime without coordinates is taken to be `UNKNOWN_KM` away. The weights are fitted on the
 * synthetic truth (`fitLinkageModel`, run by `npm run bench:mo`) and the fitted values are kept in
 * `DEFAULT_LINKAGE_MODEL` below; docs/methods.md lists them.
 */
import { METHOD_FEATURES } from '../standard/index.ts';
import { fitLogistic } from '../stats/index.ts';
import { FEATURE_COUNT, jaccard, popcount } from './encode.ts';
import type { Linkage } from './cluster.ts';

/** Terms of the model after the intercept: one Jaccard per feature, then distance and time. */
export const MODEL_TERMS = [...METHOD_FEATURES.map((f) => `jaccard_${f}`), 'jaccard_all', 'shared_rarity', 'ln1p_km', 'ln1p_days'] as const;
export const TERM_COUNT = MODEL_TERMS.length;
/** Distance assumed when either crime has no coordinates, km. */
export const UNKNOWN_KM = 25;

export interface LinkageModel {
  /** Intercept first, then one weight per MODEL_TERMS entry. */
  readonly coef: readonly number[];
  /** Mean pair probability at which crimes are grouped into a series (chosen for the best series F1 on the training set). */
  readonly threshold: number;
  /** How pairs are grouped into series (cluster.ts). */
  readonly linkage: Linkage;
  /** What the weights were fitted on. */
  readonly fittedOn: string;
}

/**
 * Fitted by `npm run bench:mo` on the generator's series truth (seed 101, 200,000 narratives,
 * all candidate pairs after blocking). See docs/methods.md for the table.
 */
export const DEFAULT_LINKAGE_MODEL: LinkageModel = {
  coef: [-11.509, 0.931, -2.632, 0.781, -1.184, 0.638, -1.761, -0.058, 9.546, -0.361, -2.158, 0.817, 0.668, -1.406, -0.865],
  threshold: 0.15,
  linkage: 'average',
  fittedOn: 'generator seed 101, 200,000 narratives, all true pairs and a weighted 300,000-pair sample of the other candidate pairs (bench:mo, 2026-12-08)',
};

const DAY = METHOD_FEATURES.indexOf('day_of_week'), TIME = METHOD_FEATURES.indexOf('time_of_day');

/** Writes the terms of one pair (same category) into `out` at `at` (TERM_COUNT numbers). */
export function pairTerms(words: Uint32Array, rarity: Float64Array, a: number, b: number, km: number, days: number, out: Float64Array, at: number): void {
  let rare = 0, both = 0, either = 0;
  for (let f = 0; f < FEATURE_COUNT; f++) {
    const wa = words[a * FEATURE_COUNT + f], wb = words[b * FEATURE_COUNT + f];
    out[at + f] = jaccard(wa, wb);
    if (f === DAY || f === TIME) continue;
    both += popcount((wa & wb) >>> 0);
    either += popcount((wa | wb) >>> 0);
    for (let w = (wa & wb) >>> 0; w !== 0; w &= w - 1) rare += rarity[f * 32 + (31 - Math.clz32(w & -w))];
  }
  out[at + FEATURE_COUNT] = either === 0 ? 0 : both / either;
  out[at + FEATURE_COUNT + 1] = rare;
  out[at + FEATURE_COUNT + 2] = Math.log1p(km);
  out[at + FEATURE_COUNT + 3] = Math.log1p(days);
}

/** The linear predictor of one pair's terms. */
export function linearPredictor(model: LinkageModel, terms: Float64Array, at: number): number {
  let eta = model.coef[0];
  for (let k = 0; k < TERM_COUNT; k++) eta += model.coef[k + 1] * terms[at + k];
  return eta;
}

export function probability(eta: number): number { return 1 / (1 + Math.exp(-eta)); }

/**
 * Fits the model on pairs' terms (n × TERM_COUNT, row-major) and 0/1 labels; `weights` undo a
 * subsample of the negatives. A small ridge keeps the fit finite when a term separates the classes.
 */
export function fitLinkageModel(terms: Float64Array, labels: ArrayLike<number>, fittedOn: string, weights?: ArrayLike<number>): LinkageModel {
  const n = labels.length, p = TERM_COUNT + 1;
  const x = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    x[i * p] = 1;
    for (let k = 0; k < TERM_COUNT; k++) x[i * p + k + 1] = terms[i * TERM_COUNT + k];
  }
  const fit = fitLogistic(x, labels, p, { ridge: 1, weights });
  if (!fit.converged) throw new Error(`fitLinkageModel: no convergence after ${fit.iterations} iterations`);
  return { coef: [...fit.coef].map((c) => Math.round(c * 1000) / 1000), threshold: 0.5, linkage: 'average', fittedOn };
}
