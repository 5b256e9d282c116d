/**
 * The entity the records assistant finds in a narrative, and the classes they are grouped into
 * on an entity page (Person / Object / Location).
 */
import type { EntityType } from '../standard/index.ts';
import type { LexiconType } from './lexicon.ts';

export type ExtractedType = EntityType | LexiconType;

/**
 * One mention found in a text. `start`/`end` are JavaScript string offsets (end exclusive) into
 * the text; `value` is the normalised value used to link mentions across records (E.164 phone,
 * `AB12 CDE` registration, upper-case postcode with one space, ISO date of birth, lower-case
 * e-mail, upper-case name); `confidence` in 0..1 says how sure the rule is: validation (Luhn,
 * possible-number, NI prefixes, postcode areas, IBAN check digits) raises it, but a value that
 * fails validation is still reported, because for redaction a miss costs more than a doubt.
 */
export interface ExtractedEntity {
  readonly type: ExtractedType;
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly value: string;
  readonly confidence: number;
}

export const ENTITY_CLASSES = ['person', 'object', 'location'] as const;
export type EntityClass = (typeof ENTITY_CLASSES)[number];

/** Which entity page each type belongs to. */
export const ENTITY_CLASS: Readonly<Record<ExtractedType, EntityClass>> = {
  PERSON: 'person',
  OFFICER: 'person',
  DATE_OF_BIRTH: 'person',
  NI_NUMBER: 'person',
  ID_DOCUMENT: 'person',
  ADDRESS: 'location',
  POSTCODE: 'location',
  PHONE: 'object',
  EMAIL: 'object',
  VEHICLE_REG: 'object',
  BANK_ACCOUNT: 'object',
  PAYMENT_CARD: 'object',
  IP_ADDRESS: 'object',
  WEAPON: 'object',
  DRUG: 'object',
};

/** A candidate before overlaps are resolved: a higher `priority` wins an overlap. */
export interface Candidate extends ExtractedEntity {
  readonly priority: number;
}
