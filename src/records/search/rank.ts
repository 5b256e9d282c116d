/**
 * What a search result says about the words of the query, and the ranking by how many of them a
 * record holds.
 *
 * - Unmatched terms: a query word that is in no record, not even within the typo tolerance, is named
 *   in `unmatched_terms`, so "catalytic converter thefts in Manchester" on records that never mention
 *   a catalytic converter says so, instead of passing off thefts that merely match "thefts".
 * - Coordination: among the best-scored candidates, a record holding more of the query's words
 *   ranks first, then by BM25. "grey Ford Focus" ranks grey Ford Focuses above white ones however
 *   often "Ford Focus" is repeated in the white ones: an attribute (colour, make, model) the user
 *   asked for is never outweighed by repetition of the others.
 */
import { terms as termsOf } from './text.ts';

/** The candidates re-ranked by coordination: the first `k` by BM25 score, taken in (words matched desc, score desc). */
export function rankByCoordination(ranked: readonly number[], k: number, groups: readonly ReadonlySet<string>[], textOf: (d: number) => string, scoreOf: (d: number) => number): number[] {
  if (groups.length < 2) return [...ranked];
  const head = ranked.slice(0, k);
  const matched = new Map<number, number>();
  for (const d of head) {
    const have = new Set(termsOf(textOf(d)));
    matched.set(d, groups.reduce((n, g) => n + ([...g].some((t) => have.has(t)) ? 1 : 0), 0));
  }
  head.sort((a, b) => matched.get(b)! - matched.get(a)! || scoreOf(b) - scoreOf(a) || a - b);
  return [...head, ...ranked.slice(k)];
}
