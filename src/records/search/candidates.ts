/**
 * Candidate scoring for the search engine (src/records/search/engine.ts): the filters as lookup
 * tables over the per-document arrays, BM25 accumulation of postings into per-document scores
 * (with the documents a phrase requires), the filtered documents of a query without words, facet
 * counts, and the top k by score or by date. Pure functions over typed arrays.
 */
import type { SearchFilters } from './query.ts';
import { DAY_MS, type Parts } from './parts.ts';

/** The filters as lookup tables over the per-document arrays (every table all ones when a field is not filtered). */
export interface DocFilter {
  readonly force: Uint8Array;
  readonly kind: Uint8Array;
  readonly category: Uint8Array;
  readonly day: Int32Array;
  readonly fs: Uint8Array;
  readonly ks: Uint8Array;
  readonly cs: Uint8Array;
  readonly from: number;
  readonly to: number;
  readonly exclude: number;
  /** No force, kind, category or date filter. */
  readonly unfiltered: boolean;
}
const ANY = new Uint8Array(256).fill(1);

export function docFilter(p: Parts, f: SearchFilters, exclude: number): DocFilter {
  const set = (vals: readonly string[] | undefined, list: string[]) => {
    if (!vals?.length) return ANY;
    const s = new Uint8Array(256);
    for (const v of vals) {
      const i = list.indexOf(v);
      if (i >= 0) s[i] = 1;
    }
    return s;
  };
  const fs = set(f.forces, p.forces);
  const ks = set(f.kinds, p.kinds);
  const cs = set(f.categories, p.categories);
  return {
    force: p.force, kind: p.kind, category: p.category, day: p.day, fs, ks, cs,
    from: f.from ? Math.floor(Date.parse(f.from) / DAY_MS) : -(2 ** 31), to: f.to ? Math.floor(Date.parse(f.to) / DAY_MS) : 2 ** 31 - 1, exclude,
    unfiltered: fs === ANY && ks === ANY && cs === ANY && !f.from && !f.to,
  };
}

/** Scores being summed for one query: per-document score, a mark for documents seen, and their list. */
export interface Accumulator {
  readonly scores: Float32Array;
  readonly mark: Uint8Array;
  readonly touched: Int32Array;
  n: number;
}

/**
 * Adds one term's BM25 contributions. `weight` is w·idf·(k1 + 1); `norm[d]` is k1·(1 − b + b·|d|/avgdl).
 * A module function over typed arrays, not a closure, so V8 keeps the loop tight (it is the hot path).
 */
export function accumulate(acc: Accumulator, docs: Int32Array, tfs: Uint8Array, weight: number, norm: Float32Array, f: DocFilter): void {
  if (f.unfiltered) return accumulateAll(acc, docs, tfs, weight, norm, f.exclude);
  const { scores, mark, touched } = acc;
  const { force, kind, category, day, fs, ks, cs, from, to, exclude } = f;
  let n = acc.n;
  for (let k = 0; k < docs.length; k++) {
    const d = docs[k];
    if (mark[d] === 0) {
      const dd = day[d];
      if ((fs[force[d]] & ks[kind[d]] & cs[category[d]]) === 0 || dd < from || dd >= to || d === exclude) continue;
      mark[d] = 1;
      touched[n++] = d;
    }
    const tf = tfs[k];
    scores[d] += (weight * tf) / (tf + norm[d]);
  }
  acc.n = n;
}

/** `accumulate` when no filter applies: nothing to check on a document's first sight but the exclusion. */
function accumulateAll(acc: Accumulator, docs: Int32Array, tfs: Uint8Array, weight: number, norm: Float32Array, exclude: number): void {
  const { scores, mark, touched } = acc;
  let n = acc.n;
  for (let k = 0; k < docs.length; k++) {
    const d = docs[k];
    if (mark[d] === 0) {
      if (d === exclude) continue;
      mark[d] = 1;
      touched[n++] = d;
    }
    const tf = tfs[k];
    scores[d] += (weight * tf) / (tf + norm[d]);
  }
  acc.n = n;
}

/** Marks the documents of the rarest phrase word that pass the filters: one phrase word held. */
export function seedRequired(acc: Accumulator, docs: Int32Array, hits: Uint8Array, f: DocFilter): void {
  const { mark, touched } = acc;
  const { force, kind, category, day, fs, ks, cs, from, to, exclude } = f;
  let n = acc.n;
  for (let k = 0; k < docs.length; k++) {
    const d = docs[k];
    const dd = day[d];
    if (mark[d] !== 0 || (fs[force[d]] & ks[kind[d]] & cs[category[d]]) === 0 || dd < from || dd >= to || d === exclude) continue;
    mark[d] = 1;
    hits[d] = 1;
    touched[n++] = d;
  }
  acc.n = n;
}

/** One more phrase word held, for the marked documents. */
export function countRequired(docs: Int32Array, mark: Uint8Array, hits: Uint8Array): void {
  for (let k = 0; k < docs.length; k++) {
    const d = docs[k];
    if (mark[d] !== 0) hits[d]++;
  }
}

/** `accumulate` restricted to the documents holding all R phrase words. */
export function accumulateWithin(scores: Float32Array, docs: Int32Array, tfs: Uint8Array, weight: number, norm: Float32Array, hits: Uint8Array, R: number): void {
  for (let k = 0; k < docs.length; k++) {
    const d = docs[k];
    if (hits[d] !== R) continue;
    const tf = tfs[k];
    scores[d] += (weight * tf) / (tf + norm[d]);
  }
}

/** Document ids grouped by the value of a one-byte field: ids of value v are docs[start[v] .. start[v + 1]). */
export interface Grouped {
  readonly docs: Int32Array;
  readonly start: Uint32Array;
}
export interface FieldLists {
  readonly force: Grouped;
  readonly kind: Grouped;
  readonly category: Grouped;
}

export function groupBy(values: Uint8Array): Grouped {
  const start = new Uint32Array(257);
  for (let d = 0; d < values.length; d++) start[values[d] + 1]++;
  for (let v = 0; v < 256; v++) start[v + 1] += start[v];
  const fill = start.slice(0, 256);
  const docs = new Int32Array(values.length);
  for (let d = 0; d < values.length; d++) docs[fill[values[d]]++] = d;
  return { docs, start };
}

/**
 * Every document that passes the filters (into `out`, in no particular order). With a force, kind
 * or category filter only the documents of the chosen values of the most selective field are read.
 */
export function filterAll(f: DocFilter, N: number, out: Int32Array, lists: () => FieldLists): Int32Array {
  const { force, kind, category, day, fs, ks, cs, from, to, exclude } = f;
  let c = 0;
  const pass = (d: number) => {
    const dd = day[d];
    return (fs[force[d]] & ks[kind[d]] & cs[category[d]]) !== 0 && dd >= from && dd < to && d !== exclude;
  };
  if (fs === ANY && ks === ANY && cs === ANY) {
    for (let d = 0; d < N; d++) if (pass(d)) out[c++] = d;
    return out.subarray(0, c);
  }
  const l = lists();
  let best: { g: Grouped; set: Uint8Array } | null = null;
  let bestSize = Infinity;
  for (const [g, set] of [[l.force, fs], [l.kind, ks], [l.category, cs]] as const) {
    if (set === ANY) continue;
    let size = 0;
    for (let v = 0; v < 256; v++) if (set[v]) size += g.start[v + 1] - g.start[v];
    if (size < bestSize) [best, bestSize] = [{ g, set }, size];
  }
  const { g, set } = best!;
  for (let v = 0; v < 256; v++) {
    if (!set[v]) continue;
    for (let k = g.start[v]; k < g.start[v + 1]; k++) if (pass(g.docs[k])) out[c++] = g.docs[k];
  }
  return out.subarray(0, c);
}

export function countFacets(cands: Int32Array, force: Uint8Array, kind: Uint8Array, category: Uint8Array, month: Uint16Array, fc: Uint32Array, kc: Uint32Array, cc: Uint32Array, mc: Uint32Array): void {
  for (let i = 0; i < cands.length; i++) {
    const d = cands[i];
    fc[force[d]]++;
    kc[kind[d]]++;
    cc[category[d]]++;
    mc[month[d]]++;
  }
}

/** The k best-scoring candidates, best first (a bounded min-heap, so large result sets stay cheap). */
export function topK(cands: Int32Array, scores: Float32Array, k: number): number[] {
  if (cands.length <= k) return Array.from(cands).sort((a, b) => scores[b] - scores[a] || a - b);
  // A min-heap of the best k so far; the worst at the root (lower score, or later document on a tie).
  const heap = new Int32Array(k);
  let size = 0;
  for (let c = 0; c < cands.length; c++) {
    const d = cands[c];
    const sd = scores[d];
    if (size < k) {
      let i = size++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        const q = heap[parent];
        if (!(sd < scores[q] || (sd === scores[q] && d > q))) break;
        heap[i] = q;
        i = parent;
      }
      heap[i] = d;
      continue;
    }
    const r0 = heap[0];
    if (!(scores[r0] < sd || (scores[r0] === sd && r0 > d))) continue;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= k) break;
      let m = l;
      const r = l + 1;
      if (r < k && (scores[heap[r]] < scores[heap[l]] || (scores[heap[r]] === scores[heap[l]] && heap[r] > heap[l]))) m = r;
      const x = heap[m];
      if (!(scores[x] < sd || (scores[x] === sd && x > d))) break;
      heap[i] = x;
      i = m;
    }
    heap[i] = d;
  }
  return Array.from(heap).sort((a, b) => scores[b] - scores[a] || a - b);
}

/** The k newest candidates, newest first (ties in document order): a cut-off day from a histogram, then a sort of the few above it. */
export function newest(cands: Int32Array, day: Int32Array, k: number): number[] {
  if (cands.length <= k) return Array.from(cands).sort((a, b) => day[b] - day[a] || a - b);
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < cands.length; i++) {
    const v = day[cands[i]];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const hist = new Uint32Array(hi - lo + 1);
  for (let i = 0; i < cands.length; i++) hist[day[cands[i]] - lo]++;
  let cut = hi - lo;
  for (let seen = 0; cut > 0 && (seen += hist[cut]) < k; ) cut--;
  const out: number[] = [];
  for (let i = 0; i < cands.length; i++) if (day[cands[i]] - lo >= cut) out.push(cands[i]);
  return out.sort((a, b) => day[b] - day[a] || a - b).slice(0, k);
}

