/**
 * Okapi BM25 (k1 = 1.2, b = 0.75; Robertson & Zaragoza 2009, "The Probabilistic Relevance
 * Framework: BM25 and Beyond"), the parts of it that do not depend on the query:
 *
 * score(d, q) = Σ_t w_t · idf(t) · tf(t,d)·(k1+1) / (tf(t,d) + k1·(1 − b + b·|d|/avgdl)),
 * idf(t) = ln(1 + (N − df(t) + 0.5)/(df(t) + 0.5)); N = documents in the index, |d| = terms in d
 * after stop words, tf capped at 255 (builder.ts). The accumulation of postings into scores is in candidates.ts.
 */
import type { Parts } from './parts.ts';

export const K1 = 1.2;
export const B = 0.75;

/** idf of a term held by df of N documents. */
export function idfOf(N: number, df: number): number {
  return Math.log(1 + (N - df + 0.5) / (df + 0.5));
}

/** Per document, the length normalisation k1·(1 − b + b·|d|/avgdl). */
export function lengthNorms(p: Parts): Float32Array {
  const N = p.force.length;
  const norm = new Float32Array(N);
  for (let d = 0; d < N; d++) norm[d] = K1 * (1 - B + (B * p.len[d]) / (p.avgLen || 1));
  return norm;
}
