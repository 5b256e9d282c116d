/**
 * National Insurance numbers (a never-issued prefix still found, graded lower; a malformed one the
 * text calls an NI number too) and identity documents: driving licence numbers by their format,
 * PNC IDs and CRO numbers, passports, permits and other documents by context.
 */
import type { Candidate } from '../entity.ts';
import { before, cand } from '../candidate.ts';

const NI = /\b[A-Za-z]{2}[\s-]?\d{2}[\s-]?\d{2}[\s-]?\d{2}(?:[\s-]?[A-Da-d])?\b/g;
/** A malformed NI number the text still calls one ("NI number QQ 40 77 1 2A", "NINO QQ407712"). */
const NI_CONTEXT = /\b(?:N\.?I\.?|national insurance|NINO)(?![A-Za-z])(?:\s*(?:no\.?|number|num))?\s*[:.]?\s*(?:(?:is|was|as|given\s+as|of)\s+)?([A-Za-z0-9]{2}(?:[\s-]?[A-Za-z0-9]{1,3}){2,4})\b/gi;
const NI_BAD_FIRST = new Set('DFIQUV');
const NI_BAD_SECOND = new Set('DFIOQUV');
const NI_BAD_PREFIX = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']);

export function findNiNumbers(text: string): Candidate[] {
  const out: Candidate[] = [];
  for (const m of text.matchAll(NI)) {
    const t = m[0];
    // A letter pair with a space then six digits is an NI number only if the letters are capitals
    // or the text calls it one; "at 12 34 56" is not.
    if (/^[a-z]/.test(t) && !/\b(?:ni|national insurance|nino)\b/i.test(before(text, m.index, 30))) continue;
    const v = t.toUpperCase().replace(/[\s-]/g, '');
    const p = v.slice(0, 2);
    const valid = !NI_BAD_FIRST.has(p[0]) && !NI_BAD_SECOND.has(p[1]) && !NI_BAD_PREFIX.has(p) && v.length === 9;
    out.push(cand('NI_NUMBER', m.index, t, v, valid ? 0.95 : 0.8));
  }
  for (const m of text.matchAll(NI_CONTEXT)) {
    const t = m[1];
    if ((t.match(/\d/g)?.length ?? 0) < 4 || t.replace(/[\s-]/g, '').length < 7) continue;
    const start = m.index + m[0].length - t.length;
    out.push(cand('NI_NUMBER', start, t, t.toUpperCase().replace(/[\s-]/g, ''), 0.7));
  }
  return out;
}


const DRIVING_LICENCE = /\b[A-Z9]{5}\d{6}[A-Z9]{2}\d[A-Z]{2}(?:\s?\d{2})?\b/g;
/** PNC ID `98/512334K`, CRO number `041233/98D`. */
const PNC_ID = /(?<![\w/])\d{2}\/\d{1,7}[A-Z](?![\w/])/g;
const CRO = /(?<![\w/])\d{1,6}\/\d{2}[A-Z](?![\w/])/g;
const DOC_CONTEXT =
  /\b(?:passport|driving licence|driver'?s licen[cs]e|licence|identity card|id card|national id|residence permit|brp|visa|pnc(?:\s+id)?|cro(?:\s+no)?|id document|identity document|id)\b(?:\s+(?:no\.?|number|num|#|is|was|ref))*\s*[:.]?\s*\(?\s*([A-Z0-9]{1,4}\s[A-Z0-9]{4,10}|[A-Z0-9][A-Z0-9/-]{4,15}[A-Z0-9])\b/gi;

export function findIdDocuments(text: string): Candidate[] {
  const out: Candidate[] = [];
  if (/\d{6}/.test(text)) for (const m of text.matchAll(DRIVING_LICENCE)) out.push(cand('ID_DOCUMENT', m.index, m[0], m[0].replace(/\s/g, ''), 0.95));
  if (text.includes('/')) for (const m of text.matchAll(PNC_ID)) out.push(cand('ID_DOCUMENT', m.index, m[0], m[0], 0.9));
  if (text.includes('/')) for (const m of text.matchAll(CRO)) out.push(cand('ID_DOCUMENT', m.index, m[0], m[0], 0.9));
  for (const m of text.matchAll(DOC_CONTEXT)) {
    const t = m[1];
    if (!/\d/.test(t) || t.replace(/\D/g, '').length < 4) continue;
    // "ID 7" or a date is not a document number.
    if (/^\d{1,2}\/\d{1,2}\/\d{2,4}$/.test(t)) continue;
    const start = m.index + m[0].length - t.length;
    out.push(cand('ID_DOCUMENT', start, t, t.toUpperCase(), 0.85));
  }
  return out;
}
