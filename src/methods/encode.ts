/**
 * Method features as bit sets: each feature's controlled values are bits of one 32-bit word, so
 * the Jaccard similarity of two crimes on a feature is two popcounts.
 */
import { METHOD_FEATURES, METHOD_VOCABULARY, type MethodFeature } from '../standard/index.ts';
import { emptyFeatures, type MethodFeatures } from './extract.ts';

export const FEATURE_COUNT = METHOD_FEATURES.length;

const BIT: ReadonlyArray<ReadonlyMap<string, number>> = METHOD_FEATURES.map((f) => {
  const vals = METHOD_VOCABULARY[f];
  if (vals.length > 32) throw new Error(`methods: feature ${f} has ${vals.length} values, more than a 32-bit set holds`);
  return new Map(vals.map((s, i) => [s.value, i]));
});

/** Writes a record's features into `out` at `at` (FEATURE_COUNT words); unknown values are ignored. */
export function encodeFeatures(features: Partial<MethodFeatures>, out: Uint32Array, at: number): void {
  for (let f = 0; f < FEATURE_COUNT; f++) {
    let w = 0;
    for (const v of features[METHOD_FEATURES[f]] ?? []) {
      const b = BIT[f].get(v);
      if (b !== undefined) w |= 1 << b;
    }
    out[at + f] = w >>> 0;
  }
}

/** The feature table behind FEATURE_COUNT words at `at`. */
export function decodeFeatures(words: Uint32Array, at: number): MethodFeatures {
  const out = emptyFeatures();
  for (let f = 0; f < FEATURE_COUNT; f++) {
    const feature: MethodFeature = METHOD_FEATURES[f];
    const w = words[at + f];
    if (w === 0) continue;
    out[feature] = METHOD_VOCABULARY[feature].filter((_, i) => (w >>> i) & 1).map((s) => s.value).sort();
  }
  return out;
}

export function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Jaccard similarity of two value sets; 0 when both are empty (joint absence is not evidence). */
export function jaccard(a: number, b: number): number {
  const u = popcount((a | b) >>> 0);
  return u === 0 ? 0 : popcount((a & b) >>> 0) / u;
}
