/**
 * Extraction scored against labelled methods: for each feature, precision (share of values found
 * that the label holds) and recall (share of labelled values found), micro-averaged over records.
 */
import { METHOD_FEATURES, type MethodFeature } from '../standard/index.ts';
import type { MethodFeatures } from './extract.ts';

export interface FeatureScore {
  readonly feature: MethodFeature;
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
  /** NaN when nothing was found (or nothing labelled) for the feature. */
  readonly precision: number;
  readonly recall: number;
}

export function scoreMethods(pairs: ReadonlyArray<{ found: Partial<MethodFeatures>; labels: Partial<MethodFeatures> }>, features: readonly MethodFeature[] = METHOD_FEATURES): FeatureScore[] {
  return features.map((feature) => {
    let tp = 0, fp = 0, fn = 0;
    for (const p of pairs) {
      const gold = new Set(p.labels[feature] ?? []), got = new Set(p.found[feature] ?? []);
      for (const v of got) if (gold.has(v)) tp++; else fp++;
      for (const v of gold) if (!got.has(v)) fn++;
    }
    return { feature, tp, fp, fn, precision: tp + fp ? tp / (tp + fp) : NaN, recall: tp + fn ? tp / (tp + fn) : NaN };
  });
}
