/**
 * The narrative search engine: an inverted index with Okapi BM25 ranking (k1 = 1.2, b = 0.75;
 * Robertson & Zaragoza 2009, "The Probabilistic Relevance Framework: BM25 and Beyond"), kept in
 * typed arrays and persisted as one file beside the store, so a server maps it in at start instead
 * of rebuilding it.
 *
 * score(d, q) = Σ_t w_t · idf(t) · tf(t,d)·(k1+1) / (tf(t,d) + k1·(1 − b + b·|d|/avgdl)),
 * idf(t) = ln(1 + (N − df(t) + 0.5)/(df(t) + 0.5)); N = documents in the index, |d| = terms in d
 * after stop words, w_t = 1 for a query word, 0.8 for a typo-tolerant or prefix expansion of it.
 *
 * Filters (force, kind, category, date range) are applied while postings are scored, from per-
 * document arrays; phrases and the area filter (words in the location text) are checked on the
 * stored text of the best candidates. Facets count the filtered matches by force, kind, category
 * and month. Snippets are the 160-character window with most query terms, with highlight offsets.
 *
 * File layout (little-endian): "PEELIDX1", uint32 header length, header JSON, then 8-byte aligned
 * sections named in the header (term offsets, posting doc ids, posting tfs, per-document force,
 * kind, category, day, length, text offsets, and the documents as UTF-8 JSON arrays).
 */
import { closeSync, existsSync, openSync, readSync, renameSync, writeSync } from 'node:fs';
import { PeelError } from '../../standard/index.ts';
import { analyse, editDistance, isStopWord, stem, terms as termsOf } from './text.ts';
import { parseQuery, type ParsedQuery, type SearchFilters } from './query.ts';

/** The fields of a narrative record the index keeps and returns. */
export interface SearchDoc {
  readonly force_id: string;
  readonly record_id: string;
  readonly kind: string;
  readonly occurred_at: string;
  readonly category: string | null;
  readonly location_text: string;
  readonly narrative: string;
}

export interface SearchHit {
  readonly force_id: string;
  readonly record_id: string;
  readonly kind: string;
  readonly occurred_at: string;
  readonly category: string | null;
  readonly location_text: string;
  readonly score: number;
  readonly snippet: string;
  /** Offsets of matched words in `snippet`. */
  readonly highlights: readonly (readonly [number, number])[];
}

export interface SearchResult {
  readonly query: ParsedQuery;
  /** Matches after force/kind/category/date filters (phrases and area checked on the hits only). */
  readonly total: number;
  readonly hits: readonly SearchHit[];
  readonly facets: {
    readonly force: Readonly<Record<string, number>>;
    readonly kind: Readonly<Record<string, number>>;
    readonly category: Readonly<Record<string, number>>;
    readonly month: Readonly<Record<string, number>>;
  };
  /** Query words that were not in the index, with the terms used instead (typo tolerance). */
  readonly corrections: Readonly<Record<string, readonly string[]>>;
}

export interface SearchOptions {
  readonly limit?: number;
  readonly offset?: number;
  /** Anchors "last month" and the like (default: now). */
  readonly now?: Date;
  /** Extra filters on top of those read from the query. */
  readonly filters?: SearchFilters;
}

export interface SearchIndex {
  readonly size: number;
  readonly terms: number;
  search(query: string | ParsedQuery, opts?: SearchOptions): SearchResult;
  /** Records most like this one (its distinctive terms as the query), itself excluded. */
  moreLikeThis(force_id: string, record_id: string, opts?: Omit<SearchOptions, 'now'>): SearchResult;
  /** The stored document at position i. */
  doc(i: number): SearchDoc;
  /** Position of a record, or -1. */
  find(force_id: string, record_id: string): number;
  /** The latest occurred_at date in the index (ISO date), for anchoring relative dates. */
  latestDate(): string | null;
  save(path: string): void;
}

export interface IndexBuilder {
  add(doc: SearchDoc): void;
  readonly size: number;
  finish(): SearchIndex;
}

const K1 = 1.2;
const B = 0.75;
const DAY_MS = 86_400_000;
const NO_CATEGORY = '';

class Grow<T extends Int32Array | Uint16Array | Uint8Array | Float64Array> {
  arr: T;
  n = 0;
  constructor(private readonly make: (n: number) => T, cap = 1024) {
    this.arr = make(cap);
  }
  push(v: number): void {
    if (this.n === this.arr.length) {
      const next = this.make(this.arr.length * 2);
      next.set(this.arr);
      this.arr = next;
    }
    this.arr[this.n++] = v;
  }
  done(): T {
    return this.arr.subarray(0, this.n) as T;
  }
}

interface Parts {
  vocab: string[];
  forces: string[];
  kinds: string[];
  categories: string[];
  offsets: Uint32Array;
  postDocs: Int32Array;
  postTfs: Uint16Array;
  force: Uint8Array;
  kind: Uint8Array;
  category: Uint8Array;
  day: Int32Array;
  len: Uint16Array;
  textOffsets: Float64Array;
  /** The stored bytes of documents [from, to): from memory after a build, read from the file after a load. */
  textBytes: (from: number, to: number) => Uint8Array;
  textLength: number;
  avgLen: number;
}

function dict(): { ids: Map<string, number>; list: string[]; id(s: string): number } {
  const ids = new Map<string, number>();
  const list: string[] = [];
  return {
    ids,
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

/** Starts an empty index; add documents, then `finish()`. */
export function createIndexBuilder(): IndexBuilder {
  const vocab = new Map<string, number>();
  const vocabList: string[] = [];
  const forces = dict();
  const kinds = dict();
  const categories = dict();
  const pTerm = new Grow((n) => new Int32Array(n), 1 << 16);
  const pDoc = new Grow((n) => new Int32Array(n), 1 << 16);
  const pTf = new Grow((n) => new Uint16Array(n), 1 << 16);
  const force = new Grow((n) => new Uint8Array(n));
  const kind = new Grow((n) => new Uint8Array(n));
  const category = new Grow((n) => new Uint8Array(n));
  const day = new Grow((n) => new Int32Array(n));
  const len = new Grow((n) => new Uint16Array(n));
  const textOffsets = new Grow((n) => new Float64Array(n));
  const chunks: Buffer[] = [];
  let textBytes = 0;
  let totalLen = 0;
  let n = 0;
  textOffsets.push(0);
  const counts = new Map<number, number>();
  return {
    get size() {
      return n;
    },
    add(d) {
      const t = Date.parse(d.occurred_at);
      if (Number.isNaN(t)) throw new Error(`record ${d.force_id}/${d.record_id}: occurred_at "${d.occurred_at}" is not a date`);
      const ts = termsOf(`${d.narrative} ${d.location_text}`);
      counts.clear();
      for (const w of ts) {
        let id = vocab.get(w);
        if (id === undefined) {
          id = vocabList.length;
          vocab.set(w, id);
          vocabList.push(w);
        }
        counts.set(id, (counts.get(id) ?? 0) + 1);
      }
      for (const [id, c] of counts) {
        pTerm.push(id);
        pDoc.push(n);
        pTf.push(Math.min(c, 65535));
      }
      force.push(forces.id(d.force_id));
      kind.push(kinds.id(d.kind));
      category.push(categories.id(d.category ?? NO_CATEGORY));
      day.push(Math.floor(t / DAY_MS));
      len.push(Math.min(ts.length, 65535));
      totalLen += ts.length;
      const b = Buffer.from(JSON.stringify([d.force_id, d.record_id, d.kind, d.occurred_at, d.category, d.location_text, d.narrative]));
      chunks.push(b);
      textBytes += b.length;
      textOffsets.push(textBytes);
      n++;
    },
    finish() {
      // Counting sort of the postings by term: CSR offsets, documents ascending within a term.
      const V = vocabList.length;
      const terms = pTerm.done();
      const offsets = new Uint32Array(V + 1);
      for (let i = 0; i < terms.length; i++) offsets[terms[i] + 1]++;
      for (let v = 0; v < V; v++) offsets[v + 1] += offsets[v];
      const fill = offsets.slice(0, V);
      const docs = pDoc.done();
      const tfs = pTf.done();
      const postDocs = new Int32Array(terms.length);
      const postTfs = new Uint16Array(terms.length);
      for (let i = 0; i < terms.length; i++) {
        const at = fill[terms[i]]++;
        postDocs[at] = docs[i];
        postTfs[at] = tfs[i];
      }
      return makeIndex({
        vocab: vocabList, forces: forces.list, kinds: kinds.list, categories: categories.list, offsets, postDocs, postTfs,
        force: force.done(), kind: kind.done(), category: category.done(), day: day.done(), len: len.done(),
        textOffsets: textOffsets.done(), ...memoryText(Buffer.concat(chunks, textBytes)), avgLen: n ? totalLen / n : 0,
      });
    },
  };
}

function memoryText(buf: Uint8Array): Pick<Parts, 'textBytes' | 'textLength'> {
  return { textBytes: (a, b) => buf.subarray(a, b), textLength: buf.length };
}

/** Builds an index over documents in one go. */
export function buildSearchIndex(docs: Iterable<SearchDoc>): SearchIndex {
  const b = createIndexBuilder();
  for (const d of docs) b.add(d);
  return b.finish();
}

const SECTIONS = ['offsets', 'postDocs', 'postTfs', 'force', 'kind', 'category', 'day', 'len', 'textOffsets', 'text'] as const;
type SectionName = (typeof SECTIONS)[number];
const CTORS = {
  offsets: Uint32Array, postDocs: Int32Array, postTfs: Uint16Array, force: Uint8Array, kind: Uint8Array, category: Uint8Array,
  day: Int32Array, len: Uint16Array, textOffsets: Float64Array, text: Uint8Array,
} as const satisfies Record<SectionName, unknown>;
const MAGIC = 'PEELIDX1';

function saveParts(p: Parts, path: string): void {
  const layout: { name: SectionName; offset: number; length: number }[] = [];
  const headerBase = { version: 1, vocab: p.vocab, forces: p.forces, kinds: p.kinds, categories: p.categories, avgLen: p.avgLen };
  // Two passes: the header's size fixes where the sections start.
  let headerJson = '';
  let start = 0;
  for (let pass = 0; pass < 2; pass++) {
    headerJson = JSON.stringify({ ...headerBase, sections: layout });
    const headerLen = Buffer.byteLength(headerJson);
    start = Math.ceil((12 + headerLen + 64) / 8) * 8; // slack so the second pass fits
    layout.length = 0;
    let at = start;
    for (const name of SECTIONS) {
      const bytes = name === 'text' ? p.textLength : p[name].byteLength;
      const length = name === 'text' ? p.textLength : p[name].length;
      layout.push({ name, offset: at, length });
      at = Math.ceil((at + bytes) / 8) * 8;
    }
  }
  headerJson = JSON.stringify({ ...headerBase, sections: layout });
  const fd = openSync(path, 'w');
  try {
    const head = Buffer.alloc(start);
    head.write(MAGIC, 0, 'latin1');
    head.writeUInt32LE(Buffer.byteLength(headerJson), 8);
    head.write(headerJson, 12, 'utf8');
    writeSync(fd, head);
    let pos = start;
    for (const s of layout) {
      if (s.offset > pos) writeSync(fd, Buffer.alloc(s.offset - pos));
      if (s.name === 'text') {
        for (let a = 0; a < p.textLength; a += 1 << 26) writeSync(fd, p.textBytes(a, Math.min(p.textLength, a + (1 << 26))));
        pos = s.offset + p.textLength;
        continue;
      }
      const a = p[s.name];
      writeSync(fd, new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
      pos = s.offset + a.byteLength;
    }
  } finally {
    closeSync(fd);
  }
}

/** Opens an index written by `save`: one read of the file, typed-array views over it. */
export function loadSearchIndex(path: string): SearchIndex {
  if (!existsSync(path)) throw new PeelError('not_found', `no search index at ${path} (build one with: peel records index --in FILE.ndjson)`);
  const fd = openSync(path, 'r');
  const head = Buffer.alloc(12);
  readSync(fd, head, 0, 12, 0);
  if (head.toString('latin1', 0, 8) !== MAGIC) throw new Error(`${path} is not a Peel search index (bad magic)`);
  const headerLen = head.readUInt32LE(8);
  const hb = Buffer.alloc(headerLen);
  readSync(fd, hb, 0, headerLen, 12);
  const header = JSON.parse(hb.toString('utf8')) as {
    vocab: string[]; forces: string[]; kinds: string[]; categories: string[]; avgLen: number;
    sections: { name: SectionName; offset: number; length: number }[];
  };
  const text = header.sections.find((x) => x.name === 'text');
  if (!text) throw new Error(`${path}: section text missing`);
  // Everything but the documents' text is read into memory; a document is read when it is shown.
  const buf = Buffer.alloc(text.offset);
  for (let at = 0; at < text.offset; ) at += readSync(fd, buf, at, Math.min(1 << 28, text.offset - at), at);
  const view = <N extends SectionName>(name: N): InstanceType<(typeof CTORS)[N]> => {
    const s = header.sections.find((x) => x.name === name);
    if (!s) throw new Error(`${path}: section ${name} missing`);
    const C = CTORS[name] as unknown as new (b: ArrayBufferLike, o: number, l: number) => InstanceType<(typeof CTORS)[N]>;
    return new C(buf.buffer, buf.byteOffset + s.offset, s.length);
  };
  const textBytes = (a: number, b: number): Uint8Array => {
    const out = Buffer.alloc(b - a);
    for (let got = 0; got < out.length; ) got += readSync(fd, out, got, out.length - got, text.offset + a + got);
    return out;
  };
  return makeIndex({
    vocab: header.vocab, forces: header.forces, kinds: header.kinds, categories: header.categories, avgLen: header.avgLen,
    offsets: view('offsets'), postDocs: view('postDocs'), postTfs: view('postTfs'), force: view('force'), kind: view('kind'),
    category: view('category'), day: view('day'), len: view('len'), textOffsets: view('textOffsets'), textBytes, textLength: text.length,
  });
}

function makeIndex(p: Parts): SearchIndex {
  const N = p.force.length;
  const vocab = new Map<string, number>();
  p.vocab.forEach((t, i) => vocab.set(t, i));
  let sortedVocab: number[] | null = null;
  /** Term ids in alphabetical order, for prefix lookups; built on the first one. */
  const sortedIds = (): number[] => (sortedVocab ??= [...p.vocab.keys()].sort((a, b) => (p.vocab[a] < p.vocab[b] ? -1 : p.vocab[a] > p.vocab[b] ? 1 : 0)));
  const decoder = new TextDecoder();
  const docAt = (i: number): SearchDoc => {
    const raw = JSON.parse(decoder.decode(p.textBytes(p.textOffsets[i], p.textOffsets[i + 1]))) as [string, string, string, string, string | null, string, string];
    return { force_id: raw[0], record_id: raw[1], kind: raw[2], occurred_at: raw[3], category: raw[4], location_text: raw[5], narrative: raw[6] };
  };
  let keyIndex: Map<string, number> | null = null;
  let bucketMap: Map<string, number[]> | null = null;
  /** Vocabulary grouped by length and first / second letter, built on the first fuzzy lookup. */
  const buckets = (): Map<string, number[]> => {
    if (!bucketMap) {
      bucketMap = new Map();
      for (let i = 0; i < p.vocab.length; i++) {
        const v = p.vocab[i];
        for (const key of [`${v.length}:0:${v[0]}`, `${v.length}:1:${v[1]}`]) {
          let b = bucketMap.get(key);
          if (!b) bucketMap.set(key, (b = []));
          b.push(i);
        }
      }
    }
    return bucketMap;
  };
  const df = (t: number) => p.offsets[t + 1] - p.offsets[t];
  const idf = (t: number) => Math.log(1 + (N - df(t) + 0.5) / (df(t) + 0.5));
  const scores = new Float32Array(N);
  const touchedMark = new Uint8Array(N);
  const reqHits = new Uint8Array(N);

  /** Vocabulary terms for one query word: exact, prefix, or within a small edit distance. */
  const expand = (word: string, prefix: boolean, corrections: Record<string, string[]>): { id: number; w: number }[] => {
    const raw = word.toLowerCase().replace(/['’]/g, '');
    if (!raw || isStopWord(raw)) return [];
    if (prefix) {
      const sorted = sortedIds();
      let lo = 0;
      let hi = sorted.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (p.vocab[sorted[mid]] < raw) lo = mid + 1;
        else hi = mid;
      }
      const out: { id: number; w: number }[] = [];
      for (let i = lo; i < sorted.length && p.vocab[sorted[i]].startsWith(raw) && out.length < 200; i++) out.push({ id: sorted[i], w: 0.8 });
      return out;
    }
    const t = stem(raw);
    const exact = vocab.get(t);
    if (exact !== undefined) return [{ id: exact, w: 1 }];
    if (t.length < 4) return [];
    const max = t.length >= 8 ? 2 : 1;
    const out: { id: number; w: number }[] = [];
    // Only terms of a near length sharing the first or second letter are compared.
    const seen = new Set<number>();
    for (let L = t.length - max; L <= t.length + max; L++) {
      for (const key of [`${L}:0:${t[0]}`, `${L}:1:${t[1]}`]) {
        for (const i of buckets().get(key) ?? []) {
          if (seen.has(i)) continue;
          seen.add(i);
          if (editDistance(t, p.vocab[i], max) <= max) out.push({ id: i, w: 0.8 });
        }
      }
    }
    out.sort((a, b) => df(b.id) - df(a.id));
    const kept = out.slice(0, 5);
    if (kept.length) corrections[word] = kept.map((k) => p.vocab[k.id]);
    return kept;
  };

  const filterFn = (f: SearchFilters): ((d: number) => boolean) => {
    const set = (vals: readonly string[] | undefined, list: string[]) => {
      if (!vals?.length) return null;
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
    const from = f.from ? Math.floor(Date.parse(f.from) / DAY_MS) : -Infinity;
    const to = f.to ? Math.floor(Date.parse(f.to) / DAY_MS) : Infinity;
    return (d) => (!fs || fs[p.force[d]] === 1) && (!ks || ks[p.kind[d]] === 1) && (!cs || cs[p.category[d]] === 1) && p.day[d] >= from && p.day[d] < to;
  };

  const run = (
    parsed: ParsedQuery,
    weighted: { id: number; w: number }[],
    required: number[][],
    opts: SearchOptions,
    corrections: Record<string, string[]>,
    exclude = -1,
  ): SearchResult => {
    const filters: SearchFilters = { ...parsed.filters, ...opts.filters };
    const pass = filterFn(filters);
    const touched: number[] = [];
    const addTerm = (t: number, w: number) => {
      const weight = w * idf(t);
      for (let k = p.offsets[t]; k < p.offsets[t + 1]; k++) {
        const d = p.postDocs[k];
        if (!touchedMark[d]) {
          if (d === exclude || !pass(d)) continue;
          touchedMark[d] = 1;
          touched.push(d);
        }
        const tf = p.postTfs[k];
        scores[d] += (weight * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * p.len[d]) / p.avgLen));
      }
    };
    for (const { id, w } of weighted) addTerm(id, w);
    const reqTerms = [...new Set(required.flat())];
    for (const id of reqTerms) if (!weighted.some((x) => x.id === id)) addTerm(id, 1);
    // Count, per document, the phrase words it holds; a candidate must hold all of them.
    for (const t of reqTerms) for (let k = p.offsets[t]; k < p.offsets[t + 1]; k++) if (touchedMark[p.postDocs[k]]) reqHits[p.postDocs[k]]++;
    // No words at all ("burglaries in Leicester last month"): every filtered record matches, newest first.
    const noWords = parsed.words.length === 0 && parsed.phrases.length === 0;
    let cands: number[];
    if (noWords) {
      cands = [];
      for (let d = 0; d < N; d++) if (d !== exclude && pass(d)) cands.push(d);
      cands.sort((a, b) => p.day[b] - p.day[a]);
    } else {
      // Every phrase's words must all be present.
      cands = reqTerms.length ? touched.filter((d) => reqHits[d] === reqTerms.length) : touched;
    }
    const fc = new Uint32Array(256);
    const kc = new Uint32Array(256);
    const cc = new Uint32Array(256);
    const dayCounts = new Map<number, number>();
    for (const d of cands) {
      fc[p.force[d]]++;
      kc[p.kind[d]]++;
      cc[p.category[d]]++;
      dayCounts.set(p.day[d], (dayCounts.get(p.day[d]) ?? 0) + 1);
    }
    const named = (counts: Uint32Array, names: string[], blank = '') => {
      const o: Record<string, number> = {};
      names.forEach((nm, i) => {
        if (counts[i]) o[nm || blank] = counts[i];
      });
      return o;
    };
    const month: Record<string, number> = {};
    for (const [day, c] of dayCounts) {
      const m = new Date(day * DAY_MS).toISOString().slice(0, 7);
      month[m] = (month[m] ?? 0) + c;
    }
    const facets = { force: named(fc, p.forces), kind: named(kc, p.kinds), category: named(cc, p.categories, '(none)'), month };
    const limit = opts.limit ?? 10;
    const offset = opts.offset ?? 0;
    const ranked = noWords ? cands : topK(cands, scores, Math.max(200, (offset + limit) * 10));
    const phraseRes = parsed.phrases.map((ph) => new RegExp(ph.trim().split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\W+'), 'i'));
    const area = filters.area?.toLowerCase();
    const qterms = new Set<number>([...weighted.map((x) => x.id), ...required.flat()]);
    const hits: SearchHit[] = [];
    let skipped = 0;
    for (const d of ranked) {
      if (hits.length >= limit) break;
      const doc = docAt(d);
      if (phraseRes.some((re) => !re.test(doc.narrative))) continue;
      if (area && !doc.location_text.toLowerCase().includes(area)) continue;
      if (skipped++ < offset) continue;
      const { snippet, highlights } = makeSnippet(doc.narrative, (t) => {
        const id = vocab.get(t);
        return id !== undefined && qterms.has(id);
      });
      hits.push({
        force_id: doc.force_id, record_id: doc.record_id, kind: doc.kind, occurred_at: doc.occurred_at, category: doc.category,
        location_text: doc.location_text, score: noWords ? 0 : Number(scores[d].toFixed(4)), snippet, highlights,
      });
    }
    for (const d of touched) {
      scores[d] = 0;
      touchedMark[d] = 0;
      reqHits[d] = 0;
    }
    return { query: parsed, total: cands.length, hits, facets, corrections };
  };

  const index: SearchIndex = {
    size: N,
    terms: p.vocab.length,
    search(query, opts = {}) {
      const parsed = typeof query === 'string' ? parseQuery(query, opts.now) : query;
      const corrections: Record<string, string[]> = {};
      const weighted = parsed.words.flatMap(({ word, prefix }) => expand(word, prefix, corrections));
      const required = parsed.phrases.map((ph) => analyse(ph).map((t) => vocab.get(t.term) ?? -1));
      // A phrase with a word the index has never seen matches nothing.
      if (required.some((g) => g.includes(-1))) {
        return { query: parsed, total: 0, hits: [], facets: { force: {}, kind: {}, category: {}, month: {} }, corrections };
      }
      const res = run(parsed, weighted, required.filter((g) => g.length), opts, corrections);
      // Records without categories (another country's data, incident logs): "burglary" was meant as a word.
      if (res.total === 0 && parsed.categoryWords.length && !opts.filters?.categories && p.categories.every((c) => c === NO_CATEGORY)) {
        const { categories: _c, ...rest } = parsed.filters;
        const words = [...parsed.words, ...parsed.categoryWords.map((word) => ({ word, prefix: false }))];
        return index.search({ ...parsed, words, categoryWords: [], filters: rest, understood: parsed.understood.filter((u) => !u.startsWith('category')) }, opts);
      }
      return res;
    },
    moreLikeThis(force_id, record_id, opts = {}) {
      const d = index.find(force_id, record_id);
      if (d < 0) throw new Error(`record ${force_id}/${record_id} is not in the index`);
      const doc = docAt(d);
      const tf = new Map<number, number>();
      for (const t of termsOf(doc.narrative)) {
        const id = vocab.get(t);
        if (id !== undefined && df(id) > 1 && df(id) < Math.max(1000, N / 20)) tf.set(id, (tf.get(id) ?? 0) + 1);
      }
      const top = [...tf].map(([id, c]) => ({ id, s: c * idf(id) })).sort((a, b) => b.s - a.s).slice(0, 15);
      const max = top[0]?.s ?? 1;
      const parsed: ParsedQuery = { words: top.map((t) => ({ word: p.vocab[t.id], prefix: false })), phrases: [], categoryWords: [], filters: {}, understood: [`like ${force_id}/${record_id}`] };
      return run(parsed, top.map((t) => ({ id: t.id, w: t.s / max })), [], opts, {}, d);
    },
    doc: docAt,
    find(force_id, record_id) {
      if (!keyIndex) {
        keyIndex = new Map();
        for (let i = 0; i < N; i++) {
          const raw = decoder.decode(p.textBytes(p.textOffsets[i], Math.min(p.textOffsets[i + 1], p.textOffsets[i] + 300)));
          const m = /^\["((?:[^"\\]|\\.)*)","((?:[^"\\]|\\.)*)"/.exec(raw);
          if (m) keyIndex.set(`${JSON.parse(`"${m[1]}"`)}\u0000${JSON.parse(`"${m[2]}"`)}`, i);
        }
      }
      return keyIndex.get(`${force_id}\u0000${record_id}`) ?? -1;
    },
    latestDate() {
      let max = -Infinity;
      for (let i = 0; i < N; i++) if (p.day[i] > max) max = p.day[i];
      return N ? new Date(max * DAY_MS).toISOString().slice(0, 10) : null;
    },
    save(path) {
      saveParts(p, path);
    },
  };
  return index;
}

/** The k best-scoring candidates, best first (a bounded min-heap, so large result sets stay cheap). */
function topK(cands: readonly number[], scores: Float32Array, k: number): number[] {
  if (cands.length <= k) return [...cands].sort((a, b) => scores[b] - scores[a]);
  const heap: number[] = [];
  const less = (a: number, b: number) => scores[a] < scores[b];
  for (const d of cands) {
    if (heap.length < k) {
      heap.push(d);
      for (let i = heap.length - 1; i > 0; ) {
        const parent = (i - 1) >> 1;
        if (!less(heap[i], heap[parent])) break;
        [heap[i], heap[parent]] = [heap[parent], heap[i]];
        i = parent;
      }
    } else if (scores[d] > scores[heap[0]]) {
      heap[0] = d;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < k && less(heap[l], heap[m])) m = l;
        if (r < k && less(heap[r], heap[m])) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m], heap[i]];
        i = m;
      }
    }
  }
  return heap.sort((a, b) => scores[b] - scores[a]);
}

/** The 160-character window of `text` with the most matching words, and where they are in it. */
export function makeSnippet(text: string, matches: (term: string) => boolean, width = 160): { snippet: string; highlights: [number, number][] } {
  const toks = analyse(text).filter((t) => matches(t.term));
  if (!toks.length) return { snippet: text.length > width ? text.slice(0, width).replace(/\s+\S*$/, '') + ' ...' : text, highlights: [] };
  let best = 0;
  let bestCount = 0;
  for (let i = 0; i < toks.length; i++) {
    let c = 0;
    for (let j = i; j < toks.length && toks[j].end - toks[i].start <= width; j++) c++;
    if (c > bestCount) [best, bestCount] = [i, c];
  }
  let start = Math.max(0, toks[best].start - 30);
  if (start > 0) {
    const sp = text.lastIndexOf(' ', start);
    start = sp >= 0 ? sp + 1 : 0;
  }
  let end = Math.min(text.length, start + width);
  if (end < text.length) {
    const sp = text.indexOf(' ', end);
    end = sp >= 0 ? sp : text.length;
  }
  const prefix = start > 0 ? '... ' : '';
  const snippet = prefix + text.slice(start, end) + (end < text.length ? ' ...' : '');
  const highlights = toks.filter((t) => t.start >= start && t.end <= end).map((t) => [t.start - start + prefix.length, t.end - start + prefix.length] as [number, number]);
  return { snippet, highlights };
}

/** Writes an index file to a temporary name and renames it, so a reader never sees half a file. */
export function writeIndexFile(index: SearchIndex, path: string): void {
  const tmp = `${path}.tmp`;
  index.save(tmp);
  renameSync(tmp, path);
}
