/**
 * Query words to vocabulary terms: the exact (stemmed) term, the terms a prefix ("screwdr*")
 * starts, or, for a word the index has never seen, the terms within a small edit distance (typo
 * tolerance: 1 edit, 2 from 8 letters), most common first, recorded as corrections. Expansions
 * weigh 0.8 against 1 for the word itself.
 */
import { editDistance, isStopWord, stem } from './text.ts';
import type { Parts } from './parts.ts';
import type { Vocabulary } from './vocabulary.ts';

/** A term of the query and its weight. */
export interface Weighted {
  id: number;
  w: number;
}

/** Buckets of term ids by (length up to 63, first or second code unit up to 255), for typo candidates (a superset: edit distance decides). */
interface TypoBuckets {
  byFirst: Int32Array;
  firstStart: Uint32Array;
  bySecond: Int32Array;
  secondStart: Uint32Array;
}
const bucketKey = (length: number, code: number) => Math.min(length, 63) * 256 + Math.min(code, 255);

function typoBuckets(p: Parts, V: number): TypoBuckets {
  const K = 64 * 256;
  const build = (code: (i: number, length: number) => number): [Int32Array, Uint32Array] => {
    const start = new Uint32Array(K + 1);
    const keys = new Uint16Array(V);
    for (let i = 0; i < V; i++) {
      const length = p.vocabOffsets[i + 1] - p.vocabOffsets[i];
      keys[i] = bucketKey(length, code(i, length));
      start[keys[i] + 1]++;
    }
    for (let k = 0; k < K; k++) start[k + 1] += start[k];
    const fill = start.slice(0, K);
    const ids = new Int32Array(V);
    for (let i = 0; i < V; i++) ids[fill[keys[i]]++] = i;
    return [ids, start];
  };
  const [byFirst, firstStart] = build((i) => p.vocabText.charCodeAt(p.vocabOffsets[i]));
  const [bySecond, secondStart] = build((i, length) => (length > 1 ? p.vocabText.charCodeAt(p.vocabOffsets[i] + 1) : 0));
  return { byFirst, firstStart, bySecond, secondStart };
}

/** The expansion of query words over an index's vocabulary (its typo buckets built now, at open, rather than by the first query that needs them). */
export function termExpander(p: Parts, vocab: Vocabulary, df: (t: number) => number): (word: string, prefix: boolean, corrections: Record<string, string[]>) => Weighted[] {
  const { term, lowerBound, termId } = vocab;
  const V = vocab.size;
  const b = typoBuckets(p, V);
  /** Vocabulary terms for one query word: exact, prefix, or within a small edit distance. */
  return (word, prefix, corrections) => {
    const raw = word.toLowerCase().replace(/['’]/g, '');
    if (!raw || isStopWord(raw)) return [];
    if (prefix) {
      const out: Weighted[] = [];
      for (let i = lowerBound(raw); i < V && out.length < 200 && term(i).startsWith(raw); i++) out.push({ id: i, w: 0.8 });
      return out;
    }
    const t = stem(raw);
    const exact = termId(t);
    if (exact >= 0) return [{ id: exact, w: 1 }];
    if (t.length < 4) return [];
    const max = t.length >= 8 ? 2 : 1;
    const out: Weighted[] = [];
    // Only terms of a near length sharing the first or second letter are compared.
    const seen = new Set<number>();
    for (let L = t.length - max; L <= t.length + max; L++) {
      for (const [ids, start, code] of [[b.byFirst, b.firstStart, t.charCodeAt(0)], [b.bySecond, b.secondStart, t.charCodeAt(1)]] as const) {
        const k = bucketKey(L, code);
        for (let j = start[k]; j < start[k + 1]; j++) {
          const i = ids[j];
          if (seen.has(i)) continue;
          seen.add(i);
          if (editDistance(t, term(i), max) <= max) out.push({ id: i, w: 0.8 });
        }
      }
    }
    out.sort((x, y) => df(y.id) - df(x.id) || x.id - y.id);
    const kept = out.slice(0, 5);
    if (kept.length) corrections[word] = kept.map((k) => term(k.id));
    return kept;
  };
}
