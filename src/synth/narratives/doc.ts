/**
 * A narrative under construction: a list of pieces, each plain text or one labelled entity. Offsets
 * are computed when the pieces are joined, so a label can never drift from its text, and whole-text
 * transformations (ALL CAPS, a duplicate's retyping) are applied piece by piece.
 */
import type { EntitySpan, EntityType } from '../../standard/index.ts';

export interface Piece {
  readonly text: string;
  readonly type: EntityType | null;
}

export class Doc {
  readonly pieces: Piece[] = [];

  /** Plain, unlabelled text. */
  t(text: string): this {
    if (text.length > 0) this.pieces.push({ text, type: null });
    return this;
  }

  /** One labelled entity. */
  e(type: EntityType, text: string): this {
    if (text.length === 0) throw new Error(`Doc.e: empty ${type} entity`);
    this.pieces.push({ text, type });
    return this;
  }
}

export interface Rendered {
  readonly narrative: string;
  readonly entities: EntitySpan[];
}

/** Joins pieces into the narrative and its labels; `caps` writes the whole record in capitals. */
export function renderPieces(pieces: readonly Piece[], caps: boolean): Rendered {
  let narrative = '';
  const entities: EntitySpan[] = [];
  for (const p of pieces) {
    const text = caps ? p.text.toUpperCase() : p.text;
    if (p.type !== null) entities.push({ start: narrative.length, end: narrative.length + text.length, type: p.type, text });
    narrative += text;
  }
  return { narrative, entities };
}

/**
 * True when some labelled value other than an officer (longer than 3 characters), or a word of a
 * labelled person's name, also occurs outside every label, case-sensitively: the labelling
 * convention says every mention is labelled, so such a record must be written again.
 */
export function hasUnlabelledMention(r: Rendered): boolean {
  const { narrative, entities } = r;
  const checked = new Set<string>();
  for (const e of entities) {
    // Long structured values (phones, e-mails, NI numbers ...) are only ever written as labels;
    // names, addresses, short registrations and short digit runs (card endings, sort codes and
    // account numbers) are the ones that can recur as ordinary words or reference numbers.
    if (!RECURRING.has(e.type)) continue;
    if (checked.has(e.text)) continue;
    checked.add(e.text);
    if (occursUnlabelled(narrative, entities, e.text)) return true;
    if (e.type === 'PERSON' && e.text.length > 3) {
      for (const w of e.text.split(NAME_SPLIT)) {
        if (w === e.text || checked.has(w)) continue;
        checked.add(w);
        if (occursUnlabelled(narrative, entities, w)) return true;
      }
    }
  }
  return false;
}

const NAME_SPLIT = /[\s,']+/;
const RECURRING = new Set<EntityType>(['PERSON', 'ADDRESS', 'VEHICLE_REG', 'PAYMENT_CARD', 'BANK_ACCOUNT']);

function occursUnlabelled(narrative: string, entities: readonly EntitySpan[], needle: string): boolean {
  if (needle.length <= 3) return false;
  for (let i = narrative.indexOf(needle); i >= 0; i = narrative.indexOf(needle, i + 1)) {
    let inside = false;
    for (const e of entities) if (e.start <= i && i + needle.length <= e.end) { inside = true; break; }
    if (!inside) return true;
  }
  return false;
}
