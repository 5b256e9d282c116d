/**
 * Candidates of the entity extraction: a found span with its type, normalised value, confidence
 * and the priority of its type (which wins where two candidates overlap); and the words just before
 * a match, which the finders read for context.
 */
import type { Candidate, ExtractedType } from './entity.ts';

export const PRIORITY: Readonly<Record<ExtractedType, number>> = {
  EMAIL: 100,
  IP_ADDRESS: 95,
  ID_DOCUMENT: 90,
  PAYMENT_CARD: 85,
  BANK_ACCOUNT: 80,
  NI_NUMBER: 78,
  PHONE: 75,
  DATE_OF_BIRTH: 70,
  POSTCODE: 65,
  VEHICLE_REG: 60,
  ADDRESS: 55,
  OFFICER: 50,
  PERSON: 40,
  WEAPON: 10,
  DRUG: 10,
};

export function cand(type: ExtractedType, start: number, text: string, value: string, confidence: number): Candidate {
  return { type, start, end: start + text.length, text, value, confidence, priority: PRIORITY[type] };
}

/** Lower-case words in the `n` characters before `at`. */
export function before(text: string, at: number, n: number): string {
  return text.slice(Math.max(0, at - n), at).toLowerCase();
}
