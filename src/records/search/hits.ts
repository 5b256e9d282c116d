/**
 * The hits of a search: the ranked candidates, in order, checked against the query's phrases and
 * area on their stored text (filters the postings cannot answer), the page after `offset` taken,
 * each with its fields, rounded score and snippet.
 */
import { makeSnippet } from './snippet.ts';
import type { SearchDoc, SearchHit } from './types.ts';

export interface HitsWanted {
  readonly limit: number;
  readonly offset: number;
  /** Phrases that must appear in the narrative (words in order, anything but letters between). */
  readonly phrases: readonly string[];
  /** Lower-case text the location must contain. */
  readonly area: string | undefined;
  /** The query's terms, highlighted in the snippet. */
  readonly qterms: ReadonlySet<string>;
  /** A query without words: hits are listed newest first, with score 0. */
  readonly noWords: boolean;
}

export function collectHits(ranked: readonly number[], docAt: (d: number) => SearchDoc, scores: Float32Array, want: HitsWanted): SearchHit[] {
  const { limit, offset, area, qterms, noWords } = want;
  const phraseRes = want.phrases.map((ph) => new RegExp(ph.trim().split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\W+'), 'i'));
  const hits: SearchHit[] = [];
  let skipped = 0;
  for (const d of ranked) {
    if (hits.length >= limit) break;
    const doc = docAt(d);
    if (phraseRes.some((re) => !re.test(doc.narrative))) continue;
    if (area && !doc.location_text.toLowerCase().includes(area)) continue;
    if (skipped++ < offset) continue;
    const { snippet, highlights } = makeSnippet(doc.narrative, (t) => qterms.has(t));
    hits.push({
      force_id: doc.force_id, record_id: doc.record_id, kind: doc.kind, occurred_at: doc.occurred_at, category: doc.category,
      location_text: doc.location_text, score: noWords ? 0 : Number(scores[d].toFixed(4)), snippet, highlights,
    });
  }
  return hits;
}
