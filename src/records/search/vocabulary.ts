/**
 * The vocabulary of a search index: its terms in sorted order, one string with offsets, so a term's
 * id is its rank, a word is found by binary search and a prefix is a contiguous range of ids.
 */
import type { Parts } from './parts.ts';

export interface Vocabulary {
  /** Number of terms. */
  readonly size: number;
  /** The text of term i. */
  term(i: number): string;
  /** First term id whose text is >= s. */
  lowerBound(s: string): number;
  /** Id of the term s, or -1. */
  termId(s: string): number;
}

export function vocabularyOf(p: Parts): Vocabulary {
  const V = p.vocabOffsets.length - 1;
  const term = (i: number): string => p.vocabText.slice(p.vocabOffsets[i], p.vocabOffsets[i + 1]);
  const lowerBound = (s: string): number => {
    let lo = 0;
    let hi = V;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (term(mid) < s) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const termId = (s: string): number => {
    const i = lowerBound(s);
    return i < V && term(i) === s ? i : -1;
  };
  return { size: V, term, lowerBound, termId };
}
