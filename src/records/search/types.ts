/**
 * The shapes of the narrative search engine (src/records/search/engine.ts): the documents it
 * indexes, the hits and results it returns, the options of a search, and the index and its builder.
 */
import type { ParsedQuery, SearchFilters } from './query.ts';

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
