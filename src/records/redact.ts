/**
 * Redaction: personal data replaced by typed, numbered placeholders (`[PERSON 1]`,
 * `[VEHICLE_REG 2]`) that stay the same for the same entity across the whole set of records, so a
 * reader of a disclosure bundle can still follow who did what without learning who they are.
 *
 * Numbering: one counter per type, in order of first appearance across the set. The same
 * entity is recognised by its normalised value (E.164 phone, `AB12 CDE` registration, upper-case
 * postcode, ...). People are recognised by name: a surname or forename on its own is joined to
 * the full name it belongs to in the same record (the nearest earlier full name containing it,
 * else the first later one, else the only full name seen earlier in the set with that word), so
 * "Kyle BRANNIGAN ... BRANNIGAN" is one placeholder; officers by
 * surname, or collar number when no name is given.
 */
import type { EntityType } from '../standard/index.ts';
import type { ExtractedEntity } from './entity.ts';
import { extractEntities, isPersonalDataType } from './extract.ts';

/** What each policy keeps visible; every other personal-data type is replaced. */
export const REDACTION_POLICIES = {
  disclosure: {
    description: 'disclosure to the prosecutor (CPS): officers acting in role stay named; all other personal data is replaced',
    keep: ['OFFICER'],
  },
  public: {
    description: 'release outside the justice system: every personal-data type is replaced, officers included',
    keep: [],
  },
} as const satisfies Record<string, { readonly description: string; readonly keep: readonly EntityType[] }>;
export type RedactionPolicy = keyof typeof REDACTION_POLICIES;
export const REDACTION_POLICY_NAMES = Object.keys(REDACTION_POLICIES) as RedactionPolicy[];

export function isRedactionPolicy(s: string): s is RedactionPolicy {
  return Object.hasOwn(REDACTION_POLICIES, s);
}

/** One replaced or kept span, with the placeholder it was given. */
export interface RedactionSpan {
  readonly start: number;
  readonly end: number;
  readonly type: EntityType;
  readonly text: string;
  readonly placeholder: string;
  readonly kept: boolean;
}

export interface RedactedText {
  readonly text: string;
  readonly spans: readonly RedactionSpan[];
}

/** Redacts one text after another, numbering placeholders consistently across all of them. */
export interface Redactor {
  readonly policy: RedactionPolicy;
  /** Redacts `text`; `entities` defaults to `extractEntities(text)` (pass reviewed spans to override). */
  redact(text: string, entities?: readonly Pick<ExtractedEntity, 'start' | 'end' | 'type' | 'text' | 'value'>[]): RedactedText;
  /** Distinct placeholders issued so far, per type. */
  counts(): Readonly<Partial<Record<EntityType, number>>>;
}

const nameWords = (v: string): string[] => v.toUpperCase().replace(/['"‘’“”.]/g, '').split(/[\s,]+/).filter((w) => w.length > 1);

/** The key under which mentions of one entity share a placeholder. */
function entityKeys(
  entities: readonly Pick<ExtractedEntity, 'start' | 'end' | 'type' | 'text' | 'value'>[],
  seenNames: Map<string, Set<string>>,
): string[] {
  const keys: string[] = [];
  const full = entities
    .map((e, i) => ({ i, e, words: nameWords(e.value || e.text) }))
    .filter((x) => x.e.type === 'PERSON' && x.words.length > 1);
  for (let i = 0; i < entities.length; i++) {
    const e = entities[i];
    const value = e.value || e.text;
    switch (e.type) {
      case 'PERSON': {
        const words = nameWords(value);
        if (words.length > 1) {
          const key = words.join(' ');
          keys.push(`PERSON:${key}`);
          for (const w of words) {
            let set = seenNames.get(w);
            if (!set) seenNames.set(w, (set = new Set()));
            set.add(key);
          }
          break;
        }
        const w = words[0] ?? value.toUpperCase();
        const owners = full.filter((f) => f.words.includes(w));
        const owner = owners.filter((f) => f.i < i).pop() ?? owners[0];
        // Failing a full name in this record, the one full name seen earlier in the set with this word.
        const earlier = seenNames.get(w);
        const key = owner ? owner.words.join(' ') : earlier?.size === 1 ? [...earlier][0] : w;
        keys.push(`PERSON:${key}`);
        break;
      }
      case 'OFFICER': {
        const words = value.toUpperCase().split(/\s+/);
        const name = words.filter((w) => /^[A-Z][A-Z'’-]+$/.test(w)).slice(1).pop();
        const collar = words.find((w) => /^\d/.test(w));
        keys.push(`OFFICER:${name ?? collar ?? value.toUpperCase()}`);
        break;
      }
      default:
        keys.push(`${e.type}:${value.toUpperCase()}`);
    }
  }
  return keys;
}

/**
 * A redactor under `policy`. `replaceAll`: replace every span given, whatever the policy keeps: for
 * spans a reviewer ticked, where the tick is the decision (an officer ticked under the disclosure
 * policy is redacted in the export, as the review showed it).
 */
export function createRedactor(policy: RedactionPolicy = 'disclosure', opts: { readonly replaceAll?: boolean } = {}): Redactor {
  const keep = new Set<EntityType>(opts.replaceAll ? [] : REDACTION_POLICIES[policy].keep);
  const numbers = new Map<string, number>();
  const perType = new Map<EntityType, number>();
  const seenNames = new Map<string, Set<string>>();
  return {
    policy,
    redact(text, entities) {
      const found = (entities ?? extractEntities(text)).filter((e) => isPersonalDataType(e.type));
      const sorted = [...found].sort((a, b) => a.start - b.start);
      const keys = entityKeys(sorted, seenNames);
      const spans: RedactionSpan[] = [];
      let out = '';
      let pos = 0;
      for (let i = 0; i < sorted.length; i++) {
        const e = sorted[i];
        const type = e.type as EntityType;
        if (e.start < pos) continue; // overlapping reviewed spans: the first wins
        let n = numbers.get(keys[i]);
        if (n === undefined) {
          n = (perType.get(type) ?? 0) + 1;
          perType.set(type, n);
          numbers.set(keys[i], n);
        }
        const placeholder = `[${type} ${n}]`;
        const kept = keep.has(type);
        spans.push({ start: e.start, end: e.end, type, text: text.slice(e.start, e.end), placeholder, kept });
        out += text.slice(pos, e.start) + (kept ? text.slice(e.start, e.end) : placeholder);
        pos = e.end;
      }
      out += text.slice(pos);
      return { text: out, spans };
    },
    counts() {
      return Object.fromEntries(perType) as Partial<Record<EntityType, number>>;
    },
  };
}
