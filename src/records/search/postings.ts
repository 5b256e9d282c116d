/**
 * Reading a term's postings (document ids and term frequencies) for a query, into memory that the
 * next query reuses, and its document frequency.
 */
import type { Parts } from './parts.ts';

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

export interface Postings {
  readonly docs: Int32Array;
  readonly tfs: Uint8Array;
}

export interface PostingsReader {
  /** Term t's postings, valid until the next `reset`. */
  postings(t: number): Postings;
  /** Frees the memory of the previous query's postings (call at the start of a query). */
  reset(): void;
  /** Number of documents holding term t. */
  df(t: number): number;
}

export function postingsReader(p: Parts): PostingsReader {
  const arena = new Arena();
  return {
    postings(t) {
      const a = p.postOffsets[t];
      const b = p.postOffsets[t + 1];
      const db = p.postDocs.read(a * 4, b * 4, arena.take((b - a) * 4));
      return { docs: new Int32Array(db.buffer, db.byteOffset, b - a), tfs: p.postTfs.read(a, b, arena.take(b - a)) };
    },
    reset: () => arena.reset(),
    df: (t) => p.postOffsets[t + 1] - p.postOffsets[t],
  };
}
