/**
 * The narrative search engine: an inverted index with Okapi BM25 ranking (k1 = 1.2, b = 0.75;
 * Robertson & Zaragoza 2009, "The Probabilistic Relevance Framework: BM25 and Beyond"), kept in
 * typed arrays and persisted as one binary file beside the store, so a server opens it at start
 * instead of rebuilding it.
 *
 * score(d, q) = Σ_t w_t · idf(t) · tf(t,d)·(k1+1) / (tf(t,d) + k1·(1 − b + b·|d|/avgdl)),
 * idf(t) = ln(1 + (N − df(t) + 0.5)/(df(t) + 0.5)); N = documents in the index, |d| = terms in d
 * after stop words, tf capped at 255, w_t = 1 for a query word, 0.8 for a typo-tolerant or
 * prefix expansion of it.
 *
 * Filters (force, kind, category, date range) are applied while postings are scored, from per-
 * document arrays; phrases and the area filter (words in the location text) are checked on the
 * stored text of the best candidates. Facets count the filtered matches by force, kind, category
 * and month. Snippets are the 160-character window with most query terms, with highlight offsets.
 *
 * File layout (little-endian): "PEELIDX2", uint32 header length, a small header JSON (counts, the
 * force / kind / category names, section offsets), then 8-byte aligned sections:
 * - held in memory after opening (about 60 bytes a record and 20 a term): the vocabulary as one
 *   UTF-8 string in sorted order (term id = rank) with UTF-16 offsets, posting offsets per term,
 *   per-document force, kind, category (uint8), day (int32) and length (uint16), the record keys'
 *   hashes sorted with their documents, and the documents' byte offsets;
 * - read on demand with positioned reads (the operating system's page cache keeps the hot parts):
 *   posting document ids (int32, ascending within a term), posting term frequencies (uint8), and
 *   the documents as UTF-8 JSON arrays.
 * So opening reads a few tens of megabytes whatever the size of the postings and texts.
 */
import { closeSync, existsSync, mkdirSync, openSync, readSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { PeelError } from '../../standard/index.ts';
import { analyse, editDistance, isStopWord, stem, terms as termsOf } from './text.ts';
import { DAY_MS, type LazyBytes, type Parts } from './parts.ts';
import { accumulate, accumulateWithin, countFacets, countRequired, docFilter, filterAll, groupBy, newest, seedRequired, topK, type Accumulator, type FieldLists } from './candidates.ts';
import { makeSnippet } from './snippet.ts';
export { makeSnippet } from './snippet.ts';
import { dataAnchor, parseQuery, type ParsedQuery, type SearchFilters } from './query.ts';
import { rankByCoordination } from './rank.ts';

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
  /**
   * Query words no record holds, not even within the typo tolerance: the hits match the other words
   * only (or nothing, when every word is unmatched). Empty when every word matched.
   */
  readonly unmatched_terms: readonly string[];
  /** The date relative dates ("last month") were read against: the caller's `now`, else the month after the data's latest record. */
  readonly anchor: string;
}

export interface SearchOptions {
  readonly limit?: number;
  readonly offset?: number;
  /**
   * Anchors "last month" and the like. Default: the first day of the month after the latest record's
   * month, so "last month" is the data's latest month (the clock would find nothing in data that ends
   * before it).
   */
  readonly now?: Date;
  /** Extra filters on top of those read from the query. */
  readonly filters?: SearchFilters;
  /**
   * Records the caller may not see (OFFICIAL-SENSITIVE ones without the grant): left out of the
   * hits, the total and the facets alike, so that counts do not reveal that they exist.
   */
  readonly hidden?: ReadonlyArray<{ readonly force_id: string; readonly record_id: string }>;
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
  /** Closes the index file of an opened index (also done when the index is garbage-collected); a no-op for a built one. */
  close(): void;
}

export interface IndexBuilder {
  add(doc: SearchDoc): void;
  readonly size: number;
  finish(): SearchIndex;
}

const K1 = 1.2;
const B = 0.75;
const NO_CATEGORY = '';
const MAX_TF = 255;

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

/** A section of the file that is not held in memory: bytes [from, to) of it on request. */

/**
 * Memory for one query's postings, reused by the next query: a bump allocator over one buffer that
 * only grows, so reading postings does not leave megabytes of garbage per query.
 */
class Arena {
  private buf = new ArrayBuffer(1 << 20);
  private used = 0;
  reset(): void {
    this.used = 0;
  }
  take(bytes: number): Uint8Array {
    let at = Math.ceil(this.used / 8) * 8;
    if (at + bytes > this.buf.byteLength) {
      // Views already handed out keep the old buffer alive until the query ends.
      this.buf = new ArrayBuffer(Math.max(this.buf.byteLength * 2, Math.ceil((at + bytes) * 1.5)));
      at = 0;
    }
    this.used = at + bytes;
    return new Uint8Array(this.buf, at, bytes);
  }
}


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

/** 32-bit FNV-1a over the UTF-16 code units of a record's key. */
function keyHashOf(force_id: string, record_id: string): number {
  let h = 0x811c9dc5;
  const s = `${force_id}\u0000${record_id}`;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Document ids ordered by their key hash (LSD radix sort, two 16-bit passes; stable, so ties stay in document order). */
function sortByHash(hashes: Uint32Array): { keyHash: Uint32Array; keyDoc: Int32Array } {
  const n = hashes.length;
  let docs = new Int32Array(n);
  for (let i = 0; i < n; i++) docs[i] = i;
  let tmp = new Int32Array(n);
  for (const shift of [0, 16]) {
    const count = new Uint32Array(65537);
    for (let i = 0; i < n; i++) count[((hashes[docs[i]] >>> shift) & 0xffff) + 1]++;
    for (let k = 0; k < 65536; k++) count[k + 1] += count[k];
    for (let i = 0; i < n; i++) tmp[count[(hashes[docs[i]] >>> shift) & 0xffff]++] = docs[i];
    [docs, tmp] = [tmp, docs];
  }
  const keyHash = new Uint32Array(n);
  for (let i = 0; i < n; i++) keyHash[i] = hashes[docs[i]];
  return { keyHash, keyDoc: docs };
}

function memoryBytes(a: Uint8Array | Int32Array): LazyBytes {
  const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  return { byteLength: bytes.length, read: (from, to) => bytes.subarray(from, to) };
}

/** Starts an empty index; add documents, then `finish()`. */
export function createIndexBuilder(): IndexBuilder {
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
      const json = JSON.stringify([d.force_id, d.record_id, d.kind, d.occurred_at, d.category, d.location_text, d.narrative]);
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
      return makeIndex({
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

/** Builds an index over documents in one go. */
export function buildSearchIndex(docs: Iterable<SearchDoc>): SearchIndex {
  const b = createIndexBuilder();
  for (const d of docs) b.add(d);
  return b.finish();
}

const RESIDENT = ['vocabText', 'vocabOffsets', 'postOffsets', 'force', 'kind', 'category', 'day', 'len', 'keyHash', 'keyDoc', 'textOffsets'] as const;
const LAZY = ['postDocs', 'postTfs', 'text'] as const;
type Resident = (typeof RESIDENT)[number];
type Lazy = (typeof LAZY)[number];
type SectionName = Resident | Lazy;
const CTORS = {
  vocabText: Uint8Array, vocabOffsets: Uint32Array, postOffsets: Float64Array, force: Uint8Array, kind: Uint8Array, category: Uint8Array,
  day: Int32Array, len: Uint16Array, keyHash: Uint32Array, keyDoc: Int32Array, textOffsets: Float64Array,
} as const satisfies Record<Resident, unknown>;
const MAGIC = 'PEELIDX2';
const CHUNK = 1 << 26;

interface Header {
  version: 2;
  forces: string[];
  kinds: string[];
  categories: string[];
  avgLen: number;
  maxDay: number;
  sections: { name: SectionName; offset: number; bytes: number }[];
}

function saveParts(p: Parts, path: string): void {
  const vocabBytes = Buffer.from(p.vocabText, 'utf8');
  const resident = (name: Resident): Uint8Array => {
    const a = name === 'vocabText' ? vocabBytes : p[name];
    return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  };
  const sizeOf = (name: SectionName): number => ((LAZY as readonly string[]).includes(name) ? p[name as Lazy].byteLength : resident(name as Resident).byteLength);
  const base = { version: 2 as const, forces: p.forces, kinds: p.kinds, categories: p.categories, avgLen: p.avgLen, maxDay: p.maxDay };
  // Two passes: the header's size fixes where the sections start.
  let header: Header = { ...base, sections: [] };
  let start = 0;
  for (let pass = 0; pass < 2; pass++) {
    start = Math.ceil((12 + Buffer.byteLength(JSON.stringify(header)) + 64) / 8) * 8; // slack so the second pass fits
    let at = start;
    const sections: Header['sections'] = [];
    for (const name of [...RESIDENT, ...LAZY]) {
      sections.push({ name, offset: at, bytes: sizeOf(name) });
      at = Math.ceil((at + sizeOf(name)) / 8) * 8;
    }
    header = { ...base, sections };
  }
  const json = JSON.stringify(header);
  const fd = openSync(path, 'w');
  try {
    const head = Buffer.alloc(start);
    head.write(MAGIC, 0, 'latin1');
    head.writeUInt32LE(Buffer.byteLength(json), 8);
    head.write(json, 12, 'utf8');
    writeSync(fd, head);
    let pos = start;
    for (const s of header.sections) {
      if (s.offset > pos) writeSync(fd, Buffer.alloc(s.offset - pos));
      if ((LAZY as readonly string[]).includes(s.name)) {
        const lazy = p[s.name as Lazy];
        for (let a = 0; a < s.bytes; a += CHUNK) writeSync(fd, lazy.read(a, Math.min(s.bytes, a + CHUNK)));
      } else {
        const bytes = resident(s.name as Resident);
        for (let a = 0; a < bytes.length; a += CHUNK) writeSync(fd, bytes.subarray(a, Math.min(bytes.length, a + CHUNK)));
      }
      pos = s.offset + s.bytes;
    }
  } finally {
    closeSync(fd);
  }
}

function readFully(fd: number, into: Uint8Array, position: number): void {
  for (let got = 0; got < into.length; ) {
    const n = readSync(fd, into, got, into.length - got, position + got);
    if (n === 0) throw new Error(`search index ends early (wanted ${into.length} bytes at ${position})`);
    got += n;
  }
}

/**
 * Opens an index written by `save`: one read of the resident sections (vocabulary, per-document
 * arrays, key table), typed-array views over them; postings and texts are read when a query needs
 * them. The file stays open for the life of the process.
 */
export function loadSearchIndex(path: string): SearchIndex {
  if (!existsSync(path)) throw new PeelError('not_found', `no search index at ${path} (build one with: peel records index --in FILE.ndjson)`);
  const fd = openSync(path, 'r');
  const state = { fd, open: true };
  try {
    return openIndex(path, fd, state);
  } catch (e) {
    closeSync(fd);
    throw e;
  }
}

function openIndex(path: string, fd: number, state: { fd: number; open: boolean }): SearchIndex {
  const head = Buffer.alloc(12);
  readFully(fd, head, 0);
  const magic = head.toString('latin1', 0, 8);
  if (magic === 'PEELIDX1') throw new Error(`${path} is a search index in the old format; rebuild it (peel records index --in FILE.ndjson)`);
  if (magic !== MAGIC) throw new Error(`${path} is not a Peel search index (bad magic)`);
  const hb = Buffer.alloc(head.readUInt32LE(8));
  readFully(fd, hb, 12);
  const header = JSON.parse(hb.toString('utf8')) as Header;
  const section = (name: SectionName) => {
    const s = header.sections.find((x) => x.name === name);
    if (!s) throw new Error(`${path}: section ${name} missing`);
    return s;
  };
  const first = section(RESIDENT[0]).offset;
  const last = section(RESIDENT[RESIDENT.length - 1]);
  const buf = new Uint8Array(last.offset + last.bytes - first);
  readFully(fd, buf, first);
  const view = <N extends Resident>(name: N): InstanceType<(typeof CTORS)[N]> => {
    const s = section(name);
    const C = CTORS[name] as unknown as new (b: ArrayBufferLike, o: number, l: number) => InstanceType<(typeof CTORS)[N]>;
    return new C(buf.buffer, buf.byteOffset + s.offset - first, s.bytes / C.prototype.BYTES_PER_ELEMENT);
  };
  const lazy = (name: Lazy): LazyBytes => {
    const s = section(name);
    return {
      byteLength: s.bytes,
      read(from, to, into) {
        if (!state.open) throw new Error(`search index ${path} is closed`);
        const out = into ?? new Uint8Array(to - from);
        readFully(fd, out, s.offset + from);
        return out;
      },
    };
  };
  const close = () => {
    if (state.open) closeSync(fd);
    state.open = false;
  };
  const index = makeIndex({
    forces: header.forces, kinds: header.kinds, categories: header.categories, avgLen: header.avgLen, maxDay: header.maxDay,
    vocabText: new TextDecoder().decode(view('vocabText')), vocabOffsets: view('vocabOffsets'), postOffsets: view('postOffsets'),
    force: view('force'), kind: view('kind'), category: view('category'), day: view('day'), len: view('len'),
    keyHash: view('keyHash'), keyDoc: view('keyDoc'), textOffsets: view('textOffsets'),
    postDocs: lazy('postDocs'), postTfs: lazy('postTfs'), text: lazy('text'), close,
  });
  // A server that swaps in a rebuilt index and drops the old one should not leak its descriptor.
  closeOnCollect.register(index, state);
  return index;
}

const closeOnCollect = new FinalizationRegistry<{ fd: number; open: boolean }>((state) => {
  if (!state.open) return;
  state.open = false;
  closeSync(state.fd);
});

/** Month number (year·12 + month − 1) of a day since 1970, without a Date (Hinnant's civil_from_days). */
function monthOfDay(z: number): number {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return y * 12 + m - 1;
}

interface Weighted {
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

function makeIndex(p: Parts): SearchIndex {
  const N = p.force.length;
  const V = p.vocabOffsets.length - 1;
  const term = (i: number): string => p.vocabText.slice(p.vocabOffsets[i], p.vocabOffsets[i + 1]);
  /** First term id whose text is >= s. */
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
  const decoder = new TextDecoder();
  const docAt = (i: number): SearchDoc => {
    const raw = JSON.parse(decoder.decode(p.text.read(p.textOffsets[i], p.textOffsets[i + 1]))) as [string, string, string, string, string | null, string, string];
    return { force_id: raw[0], record_id: raw[1], kind: raw[2], occurred_at: raw[3], category: raw[4], location_text: raw[5], narrative: raw[6] };
  };
  const arena = new Arena();
  const postings = (t: number): { docs: Int32Array; tfs: Uint8Array } => {
    const a = p.postOffsets[t];
    const b = p.postOffsets[t + 1];
    const db = p.postDocs.read(a * 4, b * 4, arena.take((b - a) * 4));
    return { docs: new Int32Array(db.buffer, db.byteOffset, b - a), tfs: p.postTfs.read(a, b, arena.take(b - a)) };
  };
  const df = (t: number) => p.postOffsets[t + 1] - p.postOffsets[t];
  const idf = (t: number) => Math.log(1 + (N - df(t) + 0.5) / (df(t) + 0.5));

  // Per-document values derived once at open: BM25 length normalisation and month.
  const norm = new Float32Array(N);
  const month = new Uint16Array(N);
  let minDay = Infinity;
  let maxDay = -Infinity;
  for (let d = 0; d < N; d++) {
    norm[d] = K1 * (1 - B + (B * p.len[d]) / (p.avgLen || 1));
    if (p.day[d] < minDay) minDay = p.day[d];
    if (p.day[d] > maxDay) maxDay = p.day[d];
  }
  // Months through a table of the days in range (a few hundred), not a calendar sum per record.
  const minMonth = N ? monthOfDay(minDay) : 0;
  const months = N ? monthOfDay(maxDay) - minMonth + 1 : 0;
  const monthByDay = new Uint16Array(N ? maxDay - minDay + 1 : 0);
  for (let k = 0; k < monthByDay.length; k++) monthByDay[k] = monthOfDay(minDay + k) - minMonth;
  for (let d = 0; d < N; d++) month[d] = monthByDay[p.day[d] - minDay];

  // Scratch, reused by every query (queries run one at a time).
  const scores = new Float32Array(N);
  const touchedMark = new Uint8Array(N);
  const reqHits = new Uint8Array(N);
  const touched = new Int32Array(N);
  const candScratch = new Int32Array(N);
  let lists: FieldLists | null = null;
  /** Documents grouped by force, kind and category, for queries that filter without words. */
  const fieldLists = (): FieldLists => (lists ??= { force: groupBy(p.force), kind: groupBy(p.kind), category: groupBy(p.category) });

  let typo: TypoBuckets | null = null;
  const typoBuckets = (): TypoBuckets => {
    if (typo) return typo;
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
    return (typo = { byFirst, firstStart, bySecond, secondStart });
  };

  // Built at open (tens of milliseconds at a million records) rather than by the first query that needs them.
  fieldLists();
  typoBuckets();

  /** Vocabulary terms for one query word: exact, prefix, or within a small edit distance. */
  const expand = (word: string, prefix: boolean, corrections: Record<string, string[]>): Weighted[] => {
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
    const b = typoBuckets();
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

  const run = (parsed: ParsedQuery, weighted: Weighted[], required: number[][], opts: SearchOptions, corrections: Record<string, string[]>, exclude = -1,
    groups: ReadonlySet<string>[] = [], unmatched: readonly string[] = [], anchor = ''): SearchResult => {
    const filters: SearchFilters = { ...parsed.filters, ...opts.filters };
    const f = docFilter(p, filters, exclude);
    arena.reset();
    const acc: Accumulator = { scores, mark: touchedMark, touched, n: 0 };
    const reqTerms = [...new Set(required.flat())];
    const R = reqTerms.length;
    if (R > 0) {
      // Phrases: the documents holding every phrase word first (rarest word first), then only those are scored.
      const req = reqTerms.map((id) => ({ id, ps: postings(id) })).sort((a, b) => a.ps.docs.length - b.ps.docs.length);
      seedRequired(acc, req[0].ps.docs, reqHits, f);
      for (let r = 1; r < R; r++) countRequired(req[r].ps.docs, touchedMark, reqHits);
      const byId = new Map(req.map((x) => [x.id, x.ps]));
      for (const { id, w } of weighted) {
        const ps = byId.get(id) ?? postings(id);
        accumulateWithin(scores, ps.docs, ps.tfs, w * idf(id) * (K1 + 1), norm, reqHits, R);
      }
      for (const { id, ps } of req) if (!weighted.some((x) => x.id === id)) accumulateWithin(scores, ps.docs, ps.tfs, idf(id) * (K1 + 1), norm, reqHits, R);
    } else {
      for (const { id, w } of weighted) {
        const ps = postings(id);
        accumulate(acc, ps.docs, ps.tfs, w * idf(id) * (K1 + 1), norm, f);
      }
    }
    const nTouched = acc.n;
    // No words at all ("burglaries in Leicester last month"): every filtered record matches, newest first.
    const noWords = parsed.words.length === 0 && parsed.phrases.length === 0;
    let cands: Int32Array;
    if (noWords) {
      cands = filterAll(f, N, candScratch, fieldLists);
    } else if (R > 0) {
      // A copy: `touched` must keep every marked document for the reset at the end.
      let c = 0;
      const kept = candScratch;
      for (let i = 0; i < nTouched; i++) if (reqHits[touched[i]] === R) kept[c++] = touched[i];
      cands = kept.subarray(0, c);
    } else cands = touched.subarray(0, nTouched);
    if (opts.hidden?.length) {
      const hide = new Set<number>();
      for (const k of opts.hidden) {
        const d = find(k.force_id, k.record_id);
        if (d >= 0) hide.add(d);
      }
      if (hide.size) {
        // A copy: `cands` may be `touched`, which must keep every marked document for the reset.
        const kept = new Int32Array(cands.length);
        let c = 0;
        for (let i = 0; i < cands.length; i++) if (!hide.has(cands[i])) kept[c++] = cands[i];
        cands = kept.subarray(0, c);
      }
    }
    const fc = new Uint32Array(256);
    const kc = new Uint32Array(256);
    const cc = new Uint32Array(256);
    const mc = new Uint32Array(months);
    countFacets(cands, p.force, p.kind, p.category, month, fc, kc, cc, mc);
    const named = (counts: Uint32Array, names: string[], blank = '') => {
      const o: Record<string, number> = {};
      names.forEach((nm, i) => {
        if (counts[i]) o[nm || blank] = counts[i];
      });
      return o;
    };
    const monthFacet: Record<string, number> = {};
    for (let m = months - 1; m >= 0; m--) {
      if (!mc[m]) continue;
      const abs = m + minMonth;
      monthFacet[`${Math.floor(abs / 12)}-${String((abs % 12) + 1).padStart(2, '0')}`] = mc[m];
    }
    const facets = { force: named(fc, p.forces), kind: named(kc, p.kinds), category: named(cc, p.categories, '(none)'), month: monthFacet };
    const limit = opts.limit ?? 10;
    const offset = opts.offset ?? 0;
    const want = Math.max(200, (offset + limit) * 10);
    const top = noWords ? newest(cands, p.day, want) : topK(cands, scores, want);
    const ranked = noWords ? top : rankByCoordination(top, Math.min(top.length, Math.max(100, (offset + limit) * 2)), groups, (d) => docAt(d).narrative, (d) => scores[d]);
    const phraseRes = parsed.phrases.map((ph) => new RegExp(ph.trim().split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\W+'), 'i'));
    const area = filters.area?.toLowerCase();
    const qterms = new Set<string>([...weighted.map((x) => term(x.id)), ...required.flat().map(term)]);
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
    const total = cands.length;
    for (let i = 0; i < nTouched; i++) {
      const d = touched[i];
      scores[d] = 0;
      touchedMark[d] = 0;
      reqHits[d] = 0;
    }
    return { query: parsed, total, hits, facets, corrections, unmatched_terms: [...unmatched], anchor };
  };

  const find = (force_id: string, record_id: string): number => {
    const h = keyHashOf(force_id, record_id);
    let lo = 0;
    let hi = N;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (p.keyHash[mid] < h) lo = mid + 1;
      else hi = mid;
    }
    // The last document with this key, as a reload of a record replaces it.
    let found = -1;
    for (let i = lo; i < N && p.keyHash[i] === h; i++) {
      const d = p.keyDoc[i];
      const doc = docAt(d);
      if (doc.force_id === force_id && doc.record_id === record_id && d > found) found = d;
    }
    return found;
  };

  const index: SearchIndex = {
    size: N,
    terms: V,
    search(query, opts = {}) {
      const now = opts.now ?? dataAnchor(index.latestDate());
      const anchor = now.toISOString().slice(0, 10);
      const parsed = typeof query === 'string' ? parseQuery(query, now) : query;
      const corrections: Record<string, string[]> = {};
      const expanded = parsed.words.map(({ word, prefix }) => ({ word, terms: expand(word, prefix, corrections) }));
      const weighted = expanded.flatMap((e) => e.terms);
      // Words that are not stop words and found no term at all, exact, prefix or near.
      const unmatched = [...new Set(expanded.filter((e) => !e.terms.length && !isStopWord(e.word.toLowerCase().replace(/['’]/g, ''))).map((e) => e.word))];
      const groups = expanded.filter((e) => e.terms.length).map((e) => new Set(e.terms.map((t) => term(t.id))));
      const required = parsed.phrases.map((ph) => analyse(ph).map((t) => termId(t.term)));
      // A phrase with a word the index has never seen matches nothing.
      if (required.some((g) => g.includes(-1))) {
        const missing = parsed.phrases.filter((_, i) => required[i].includes(-1)).map((ph) => `"${ph}"`);
        return { query: parsed, total: 0, hits: [], facets: { force: {}, kind: {}, category: {}, month: {} }, corrections, unmatched_terms: [...unmatched, ...missing], anchor };
      }
      // Every word unmatched: nothing matches the query, so say so rather than list the filters' records.
      if (parsed.words.length && unmatched.length && !weighted.length && !parsed.phrases.length) {
        return { query: parsed, total: 0, hits: [], facets: { force: {}, kind: {}, category: {}, month: {} }, corrections, unmatched_terms: unmatched, anchor };
      }
      const res = run(parsed, weighted, required.filter((g) => g.length), opts, corrections, -1, groups, unmatched, anchor);
      // Records without categories (another country's data, incident logs): "burglary" was meant as a word.
      if (res.total === 0 && parsed.categoryWords.length && !opts.filters?.categories && p.categories.every((c) => c === NO_CATEGORY)) {
        const { categories: _c, ...rest } = parsed.filters;
        const words = [...parsed.words, ...parsed.categoryWords.map((word) => ({ word, prefix: false }))];
        return index.search({ ...parsed, words, categoryWords: [], filters: rest, understood: parsed.understood.filter((u) => !u.startsWith('category')) }, opts);
      }
      return res;
    },
    moreLikeThis(force_id, record_id, opts = {}) {
      const d = find(force_id, record_id);
      if (d < 0) throw new Error(`record ${force_id}/${record_id} is not in the index`);
      const doc = docAt(d);
      const tf = new Map<number, number>();
      for (const t of termsOf(doc.narrative)) {
        const id = termId(t);
        if (id >= 0 && df(id) > 1 && df(id) < Math.max(1000, N / 20)) tf.set(id, (tf.get(id) ?? 0) + 1);
      }
      const top = [...tf].map(([id, c]) => ({ id, s: c * idf(id) })).sort((a, b) => b.s - a.s || a.id - b.id).slice(0, 15);
      const max = top[0]?.s ?? 1;
      const parsed: ParsedQuery = { words: top.map((t) => ({ word: term(t.id), prefix: false })), phrases: [], categoryWords: [], filters: {}, understood: [`like ${force_id}/${record_id}`] };
      return run(parsed, top.map((t) => ({ id: t.id, w: t.s / max })), [], opts, {}, d, [], [], '');
    },
    doc: docAt,
    find,
    latestDate() {
      return N ? new Date(p.maxDay * DAY_MS).toISOString().slice(0, 10) : null;
    },
    save(path) {
      saveParts(p, path);
    },
    close() {
      p.close();
    },
  };
  return index;
}

/** Writes an index file to a temporary name and renames it, so a reader never sees half a file. */
export function writeIndexFile(index: SearchIndex, path: string): void {
  const tmp = `${path}.tmp`;
  mkdirSync(dirname(path), { recursive: true });
  index.save(tmp);
  renameSync(tmp, path);
}
