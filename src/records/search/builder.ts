/**
 * Building a search index in memory: documents are analysed into terms as they are added (the
 * vocabulary, each document's distinct terms and frequencies, its facet fields, day, length, key
 * hash and stored text, in growable typed arrays); `finish` turns the terms into ranks in sorted
 * order (so a prefix is a contiguous range of ids) and counting-sorts the postings by term.
 */
import { terms as termsOf } from './text.ts';
import { DAY_MS, NO_CATEGORY, type LazyBytes, type Parts } from './parts.ts';
import { encodeDoc } from './documents.ts';
import { keyHashOf, sortByHash } from './keys.ts';
import type { IndexBuilder, SearchIndex } from './types.ts';

const MAX_TF = 255;

/** A typed array that doubles its capacity when full. */
type Growable = Int32Array | Uint32Array | Uint16Array | Uint8Array | Float64Array;
class Grow<T extends Growable> {
  arr: T;
  n = 0;
  constructor(private readonly make: (n: number) => T, cap = 1024) {
    this.arr = make(cap);
  }
  push(v: number): void {
    if (this.n === this.arr.length) this.grow();
    this.arr[this.n++] = v;
  }
  grow(): void {
    const next = this.make(this.arr.length * 2);
    next.set(this.arr);
    this.arr = next;
  }
  done(): T {
    return this.arr.subarray(0, this.n) as T;
  }
}

/** The names of a facet field (force, kind, category), each given a uint8 id in order of first sight. */
function dict(): { list: string[]; id(s: string): number } {
  const ids = new Map<string, number>();
  const list: string[] = [];
  return {
    list,
    id(s) {
      let v = ids.get(s);
      if (v === undefined) {
        v = list.length;
        if (v > 255) throw new Error(`more than 256 distinct values of a facet field (at "${s}")`);
        ids.set(s, v);
        list.push(s);
      }
      return v;
    },
  };
}

/** An in-memory array as the bytes a built index reads its postings from. */
function memoryBytes(a: Uint8Array | Int32Array): LazyBytes {
  const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  return { byteLength: bytes.length, read: (from, to) => bytes.subarray(from, to) };
}

/** Starts an empty index; add documents, then `finish()`, which hands the parts to `make`. */
export function newIndexBuilder(make: (p: Parts) => SearchIndex): IndexBuilder {
  const vocab = new Map<string, number>();
  const vocabList: string[] = [];
  const forces = dict();
  const kinds = dict();
  const categories = dict();
  // Per document, its distinct terms (ids in order of first sight) and their frequencies.
  const docTerms = new Grow((n) => new Int32Array(n), 1 << 16);
  const docTfs = new Grow((n) => new Uint8Array(n), 1 << 16);
  const docStart = new Grow((n) => new Float64Array(n));
  const force = new Grow((n) => new Uint8Array(n));
  const kind = new Grow((n) => new Uint8Array(n));
  const category = new Grow((n) => new Uint8Array(n));
  const day = new Grow((n) => new Int32Array(n));
  const len = new Grow((n) => new Uint16Array(n));
  const hashes = new Grow((n) => new Uint32Array(n));
  const textOffsets = new Grow((n) => new Float64Array(n));
  let text = Buffer.allocUnsafe(1 << 20);
  let textBytes = 0;
  let tfOf = new Int32Array(1 << 16);
  const distinct: number[] = [];
  let totalLen = 0;
  let maxDay = -Infinity;
  let n = 0;
  docStart.push(0);
  textOffsets.push(0);
  return {
    get size() {
      return n;
    },
    add(d) {
      const t = Date.parse(d.occurred_at);
      if (Number.isNaN(t)) throw new Error(`record ${d.force_id}/${d.record_id}: occurred_at "${d.occurred_at}" is not a date`);
      const ts = termsOf(`${d.narrative} ${d.location_text}`);
      distinct.length = 0;
      for (const w of ts) {
        let id = vocab.get(w);
        if (id === undefined) {
          id = vocabList.length;
          vocab.set(w, id);
          vocabList.push(w);
          if (id >= tfOf.length) {
            const next = new Int32Array(tfOf.length * 2);
            next.set(tfOf);
            tfOf = next;
          }
        }
        if (tfOf[id]++ === 0) distinct.push(id);
      }
      for (const id of distinct) {
        docTerms.push(id);
        docTfs.push(Math.min(tfOf[id], MAX_TF));
        tfOf[id] = 0;
      }
      docStart.push(docTerms.n);
      force.push(forces.id(d.force_id));
      kind.push(kinds.id(d.kind));
      category.push(categories.id(d.category ?? NO_CATEGORY));
      const dd = Math.floor(t / DAY_MS);
      day.push(dd);
      if (dd > maxDay) maxDay = dd;
      len.push(Math.min(ts.length, 65535));
      hashes.push(keyHashOf(d.force_id, d.record_id));
      totalLen += ts.length;
      const json = encodeDoc(d);
      // UTF-8 needs at most 3 bytes per UTF-16 code unit.
      if (textBytes + json.length * 3 > text.length) {
        const next = Buffer.allocUnsafe(Math.max(text.length * 2, textBytes + json.length * 3));
        text.copy(next, 0, 0, textBytes);
        text = next;
      }
      textBytes += text.write(json, textBytes, 'utf8');
      textOffsets.push(textBytes);
      n++;
    },
    finish() {
      // Term ids become ranks in sorted order, so a prefix is a contiguous range of ids.
      const V = vocabList.length;
      const sorted = vocabList.slice().sort();
      const rank = new Int32Array(V);
      const vocabOffsets = new Uint32Array(V + 1);
      for (let i = 0; i < V; i++) {
        rank[vocab.get(sorted[i])!] = i;
        vocabOffsets[i + 1] = vocabOffsets[i] + sorted[i].length;
      }
      // Counting sort of the postings by term: documents ascending within a term.
      const terms = docTerms.done();
      const tfs = docTfs.done();
      const starts = docStart.done();
      const postOffsets = new Float64Array(V + 1);
      for (let i = 0; i < terms.length; i++) postOffsets[rank[terms[i]] + 1]++;
      for (let v = 0; v < V; v++) postOffsets[v + 1] += postOffsets[v];
      const fill = postOffsets.slice(0, V);
      const postDocs = new Int32Array(terms.length);
      const postTfs = new Uint8Array(terms.length);
      for (let d = 0; d < n; d++) {
        for (let k = starts[d]; k < starts[d + 1]; k++) {
          const at = fill[rank[terms[k]]]++;
          postDocs[at] = d;
          postTfs[at] = tfs[k];
        }
      }
      const textView = text.subarray(0, textBytes);
      return make({
        forces: forces.list, kinds: kinds.list, categories: categories.list, avgLen: n ? totalLen / n : 0, maxDay: n ? maxDay : 0,
        vocabText: sorted.join(''), vocabOffsets, postOffsets,
        force: force.done(), kind: kind.done(), category: category.done(), day: day.done(), len: len.done(),
        ...sortByHash(hashes.done()), textOffsets: textOffsets.done(),
        postDocs: memoryBytes(postDocs), postTfs: memoryBytes(postTfs), text: { byteLength: textBytes, read: (a, b) => textView.subarray(a, b) },
        close() {},
      });
    },
  };
}
