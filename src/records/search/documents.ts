/**
 * How a search index stores its documents: each one a UTF-8 JSON array of its fields in a fixed
 * order (force, record id, kind, date, category, location, narrative), written by the builder and
 * read back by position through the index's `textOffsets`.
 */
import type { Parts } from './parts.ts';
import type { SearchDoc } from './types.ts';

/** A document as the JSON array the index stores. */
export function encodeDoc(d: SearchDoc): string {
  return JSON.stringify([d.force_id, d.record_id, d.kind, d.occurred_at, d.category, d.location_text, d.narrative]);
}

/** Reads the stored document at position i of an index's parts. */
export function docReader(p: Parts): (i: number) => SearchDoc {
  const decoder = new TextDecoder();
  return (i: number): SearchDoc => {
    const raw = JSON.parse(decoder.decode(p.text.read(p.textOffsets[i], p.textOffsets[i + 1]))) as [string, string, string, string, string | null, string, string];
    return { force_id: raw[0], record_id: raw[1], kind: raw[2], occurred_at: raw[3], category: raw[4], location_text: raw[5], narrative: raw[6] };
  };
}
