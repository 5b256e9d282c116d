/**
 * Record keys in a search index: a 32-bit hash of "force_id\0record_id" per document, the table of
 * those hashes sorted with their documents (built with the index, stored in its file), and the
 * lookup of a record's document through that table.
 */
import type { Parts } from './parts.ts';
import type { SearchDoc } from './types.ts';

/** 32-bit FNV-1a over the UTF-16 code units of a record's key. */
export function keyHashOf(force_id: string, record_id: string): number {
  let h = 0x811c9dc5;
  const s = `${force_id}\u0000${record_id}`;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Document ids ordered by their key hash (LSD radix sort, two 16-bit passes; stable, so ties stay in document order). */
export function sortByHash(hashes: Uint32Array): { keyHash: Uint32Array; keyDoc: Int32Array } {
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

/** The document of a record (the last one with its key, as a reload of a record replaces it), or -1. */
export function findDoc(p: Parts, docAt: (i: number) => SearchDoc, force_id: string, record_id: string): number {
  const N = p.keyHash.length;
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
}
