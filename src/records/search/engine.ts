/**
 * The narrative search engine: an inverted index with Okapi BM25 ranking (bm25.ts), kept in typed
 * arrays and persisted as one binary file beside the store (index-file.ts), so a server opens it at
 * start instead of rebuilding it. This file is the folder's front door and runs a search; the
 * steps live beside it:
 * - builder.ts builds an index in memory; index-file.ts saves and opens one; keys.ts finds a record;
 *   documents.ts stores the records' fields; vocabulary.ts and postings.ts read the terms;
 * - query.ts reads a plain-English query into words, phrases and filters; expand.ts turns words into
 *   terms (exact, prefix, typo-tolerant; w_t = 1 for a query word, 0.8 for an expansion);
 * - candidates.ts scores postings, applying the force, kind, category and date filters from
 *   per-document arrays as it goes; rank.ts re-ranks the best by how many query words they hold;
 * - facets.ts counts the filtered matches by force, kind, category and month;
 * - hits.ts checks phrases and the area filter (words in the location text) on the stored text of
 *   the best candidates and makes their snippets (snippet.ts: the 160-character window with most
 *   query terms, with highlight offsets).
 */
import { analyse, isStopWord, terms as termsOf } from './text.ts';
import { DAY_MS, NO_CATEGORY, type Parts } from './parts.ts';
import { accumulate, accumulateWithin, countRequired, docFilter, filterAll, groupBy, newest, seedRequired, topK, type Accumulator, type FieldLists } from './candidates.ts';
export { makeSnippet } from './snippet.ts';
import { dataAnchor, parseQuery, type ParsedQuery, type SearchFilters } from './query.ts';
import { rankByCoordination } from './rank.ts';
import type { IndexBuilder, SearchDoc, SearchIndex, SearchOptions, SearchResult } from './types.ts';
export type { IndexBuilder, SearchDoc, SearchHit, SearchIndex, SearchOptions, SearchResult } from './types.ts';
import { newIndexBuilder } from './builder.ts';
import { loadIndexFile, saveParts } from './index-file.ts';
export { writeIndexFile } from './index-file.ts';
import { findDoc } from './keys.ts';
import { docReader } from './documents.ts';
import { vocabularyOf } from './vocabulary.ts';
import { postingsReader } from './postings.ts';
import { idfOf, K1, lengthNorms } from './bm25.ts';
import { termExpander, type Weighted } from './expand.ts';
import { docMonths, facetsOf } from './facets.ts';
import { collectHits } from './hits.ts';

/** Starts an empty index; add documents, then `finish()`. */
export function createIndexBuilder(): IndexBuilder {
  return newIndexBuilder(makeIndex);
}

/** Builds an index over documents in one go. */
export function buildSearchIndex(docs: Iterable<SearchDoc>): SearchIndex {
  const b = createIndexBuilder();
  for (const d of docs) b.add(d);
  return b.finish();
}

/**
 * Opens an index written by `save`: one read of the resident sections (vocabulary, per-document
 * arrays, key table), typed-array views over them; postings and texts are read when a query needs
 * them. The file stays open for the life of the process.
 */
export function loadSearchIndex(path: string): SearchIndex {
  return loadIndexFile(path, makeIndex);
}

function makeIndex(p: Parts): SearchIndex {
  const N = p.force.length;
  const vocab = vocabularyOf(p);
  const V = vocab.size;
  const { term, termId } = vocab;
  const docAt = docReader(p);
  const reader = postingsReader(p);
  const { postings, df } = reader;
  const idf = (t: number) => idfOf(N, df(t));

  // Per-document values derived once at open: BM25 length normalisation and month.
  const norm = lengthNorms(p);
  const months = docMonths(p);

  // Scratch, reused by every query (queries run one at a time).
  const scores = new Float32Array(N);
  const touchedMark = new Uint8Array(N);
  const reqHits = new Uint8Array(N);
  const touched = new Int32Array(N);
  const candScratch = new Int32Array(N);
  let lists: FieldLists | null = null;
  /** Documents grouped by force, kind and category, for queries that filter without words. */
  const fieldLists = (): FieldLists => (lists ??= { force: groupBy(p.force), kind: groupBy(p.kind), category: groupBy(p.category) });

  // Built at open (tens of milliseconds at a million records) rather than by the first query that needs them.
  fieldLists();
  const expand = termExpander(p, vocab, df);

  const run = (parsed: ParsedQuery, weighted: Weighted[], required: number[][], opts: SearchOptions, corrections: Record<string, string[]>, exclude = -1,
    groups: ReadonlySet<string>[] = [], unmatched: readonly string[] = [], anchor = ''): SearchResult => {
    const filters: SearchFilters = { ...parsed.filters, ...opts.filters };
    const f = docFilter(p, filters, exclude);
    reader.reset();
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
    const facets = facetsOf(cands, p, months);
    const limit = opts.limit ?? 10;
    const offset = opts.offset ?? 0;
    const want = Math.max(200, (offset + limit) * 10);
    const top = noWords ? newest(cands, p.day, want) : topK(cands, scores, want);
    const ranked = noWords ? top : rankByCoordination(top, Math.min(top.length, Math.max(100, (offset + limit) * 2)), groups, (d) => docAt(d).narrative, (d) => scores[d]);
    const qterms = new Set<string>([...weighted.map((x) => term(x.id)), ...required.flat().map(term)]);
    const hits = collectHits(ranked, docAt, scores, { limit, offset, phrases: parsed.phrases, area: filters.area?.toLowerCase(), qterms, noWords });
    const total = cands.length;
    for (let i = 0; i < nTouched; i++) {
      const d = touched[i];
      scores[d] = 0;
      touchedMark[d] = 0;
      reqHits[d] = 0;
    }
    return { query: parsed, total, hits, facets, corrections, unmatched_terms: [...unmatched], anchor };
  };

  const find = (force_id: string, record_id: string): number => findDoc(p, docAt, force_id, record_id);

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
