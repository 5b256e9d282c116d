/**
 * The parts of a search index, whether built in memory or opened from its file: the per-document
 * arrays, the vocabulary and the postings (read on demand). Made by the builder (builder.ts) or
 * the index file (index-file.ts), read by the engine (engine.ts) and the steps of a search.
 */

/** A day in milliseconds: documents' dates are stored as days since 1970-01-01. */
export const DAY_MS = 86_400_000;

/** The category name stored for a record without a category. */
export const NO_CATEGORY = '';

/** Bytes held in memory or read from the index file on demand. */
export interface LazyBytes {
  readonly byteLength: number;
  /** The bytes, in `into` (of length to − from) when given and the bytes must be copied. */
  read(from: number, to: number, into?: Uint8Array): Uint8Array;
}

export interface Parts {
  forces: string[];
  kinds: string[];
  categories: string[];
  avgLen: number;
  maxDay: number;
  /** All terms in sorted order, concatenated; term i is vocabText.slice(vocabOffsets[i], vocabOffsets[i + 1]). */
  vocabText: string;
  vocabOffsets: Uint32Array;
  /** Term t's postings are entries [postOffsets[t], postOffsets[t + 1]) of postDocs / postTfs. */
  postOffsets: Float64Array;
  force: Uint8Array;
  kind: Uint8Array;
  category: Uint8Array;
  day: Int32Array;
  len: Uint16Array;
  /** FNV-1a hashes of "force_id\0record_id", ascending, and the document of each. */
  keyHash: Uint32Array;
  keyDoc: Int32Array;
  textOffsets: Float64Array;
  postDocs: LazyBytes;
  postTfs: LazyBytes;
  text: LazyBytes;
  close(): void;
}
