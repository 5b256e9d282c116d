/**
 * Entity pages: every record that mentions one entity (a type and its normalised value), across
 * the forces the caller may see. A value typed by a person (`ab12cde`, `07700 900123`) is
 * normalised the way the extractor normalises mentions (`AB12 CDE`, `+447700900123`), so it
 * finds the stored mentions whatever spacing or case the user typed.
 */
import { PeelError, ENTITY_TYPES } from '../standard/index.ts';
import type { EntityRecordRow, Page, Store } from '../store/index.ts';
import { extractEntities } from './extract.ts';
import { LEXICON_TYPES } from './lexicon.ts';
import type { ExtractedType } from './entity.ts';

export const ENTITY_PAGE_TYPES: readonly ExtractedType[] = [...ENTITY_TYPES, ...LEXICON_TYPES];

/** Words that cue the extractor to read a bare value as the given type. */
const CUE: Partial<Record<ExtractedType, string>> = {
  VEHICLE_REG: 'registration', PHONE: 'phone', EMAIL: 'email', POSTCODE: 'postcode', IP_ADDRESS: 'IP', NI_NUMBER: 'NI number',
  DATE_OF_BIRTH: 'DOB', PAYMENT_CARD: 'card', BANK_ACCOUNT: 'account', ID_DOCUMENT: 'passport', OFFICER: '', PERSON: '',
};

export function isEntityType(t: string): t is ExtractedType {
  return (ENTITY_PAGE_TYPES as readonly string[]).includes(t);
}

/** The normalised value of a typed value (as stored in mentions), or the trimmed upper-case text. */
export function normaliseEntityValue(type: ExtractedType, value: string): string {
  const v = value.trim().replace(/\s+/g, ' ');
  if (!v) throw new PeelError('bad_input', `an entity value is needed (${type})`);
  const cue = CUE[type] ?? '';
  const text = cue ? `${cue} ${v}` : v;
  const found = extractEntities(text, { lexicon: true, types: [type] }).filter((e) => e.type === type);
  // The mention must cover what the user typed, not a part of it.
  const hit = found.find((e) => e.end - e.start >= v.length * 0.8);
  if (hit) return hit.value;
  return type === 'EMAIL' || type === 'IP_ADDRESS' ? v.toLowerCase() : v.toUpperCase();
}

export interface EntityPage extends Page<EntityRecordRow> {
  readonly type: ExtractedType;
  readonly value: string;
  /** Records mentioning it per force (only the forces searched). */
  readonly byForce: Readonly<Record<string, number>>;
}

/** Records mentioning an entity within `forces` (`all`: every force), newest first. */
export async function entityRecords(
  store: Store, q: { type: string; value: string; forces: 'all' | readonly string[]; sensitive?: 'all' | readonly string[]; limit?: number; offset?: number },
): Promise<EntityPage> {
  const type = q.type.toUpperCase();
  if (!isEntityType(type)) throw new PeelError('bad_input', `unknown entity type "${q.type}": use one of ${ENTITY_PAGE_TYPES.join(', ')}`);
  const value = normaliseEntityValue(type, q.value);
  const page = await store.records.entity({ type, value, forces: q.forces, sensitive: q.sensitive, limit: q.limit, offset: q.offset });
  return { ...page, type, value };
}
