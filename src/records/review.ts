/**
 * Redaction review: the extractor proposes spans for a set of records, a reviewer accepts,
 * removes, adds or changes them, and the export applies exactly the reviewed spans with the same
 * consistent placeholders as `peel redact`. The decision is summarised against what was proposed
 * (accepted / removed / added, by offsets and type, never by text) so it can be audited.
 */
import { ENTITY_TYPES, PeelError, type EntityType } from '../standard/index.ts';
import { extractEntities, isPersonalDataType } from './extract.ts';
import { createRedactor, REDACTION_POLICIES, type RedactionPolicy } from './redact.ts';

export interface ReviewRecord {
  readonly force_id: string | null;
  readonly record_id: string;
  readonly narrative: string;
  readonly classification?: string | null;
}

export interface ProposedSpan {
  readonly start: number;
  readonly end: number;
  readonly type: EntityType;
  readonly text: string;
  readonly value: string;
  readonly confidence: number;
  /** The placeholder the proposal would give it (numbered consistently across the set). */
  readonly placeholder: string;
  /** True when the policy keeps this type visible (e.g. officers in a disclosure). */
  readonly kept: boolean;
}

export interface ProposedRecord extends ReviewRecord {
  readonly classification: string | null;
  readonly spans: readonly ProposedSpan[];
  readonly redacted: string;
}

/** Proposed spans of each record, and the text as they would redact it. */
export function proposeRedaction(records: readonly ReviewRecord[], policy: RedactionPolicy): ProposedRecord[] {
  const redactor = createRedactor(policy);
  return records.map((r) => {
    const found = extractEntities(r.narrative).filter((e) => isPersonalDataType(e.type));
    const red = redactor.redact(r.narrative, found);
    const byStart = new Map(red.spans.map((s) => [s.start, s]));
    return {
      force_id: r.force_id, record_id: r.record_id, narrative: r.narrative, classification: r.classification ?? null,
      spans: found.map((e) => {
        const s = byStart.get(e.start);
        return { start: e.start, end: e.end, type: e.type as EntityType, text: e.text, value: e.value, confidence: e.confidence, placeholder: s?.placeholder ?? '', kept: s?.kept ?? false };
      }),
      redacted: red.text,
    };
  });
}

export interface ReviewedSpan {
  readonly start: number;
  readonly end: number;
  readonly type: string;
}

export interface AppliedRecord {
  readonly force_id: string | null;
  readonly record_id: string;
  readonly text: string;
  readonly spans: ReadonlyArray<{ start: number; end: number; type: EntityType; placeholder: string; kept: boolean }>;
  readonly accepted: number;
  readonly removed: number;
  readonly added: number;
}

export interface ReviewDecision {
  readonly accepted: number;
  readonly removed: number;
  readonly added: number;
  /** `force/record TYPE start-end` of each proposed span the reviewer removed (offsets, never text). */
  readonly removedSpans: readonly string[];
  /** The same for spans the reviewer added or changed. */
  readonly addedSpans: readonly string[];
}

const key = (s: ReviewedSpan) => `${s.start}:${s.end}:${s.type}`;

/**
 * Applies reviewed spans. Spans must lie inside their narrative and not overlap; types must be
 * personal-data types. Placeholders are numbered across the whole set, as `peel redact` numbers them.
 *
 * Every reviewed span is replaced: the reviewer's tick is the decision, so the export shows what
 * the review showed. The policy decides only what was proposed: a span the policy keeps visible
 * (an officer under `disclosure`) is not a proposal, so leaving it unticked removes nothing and
 * ticking it counts as added.
 */
export function applyReviewedRedaction(
  records: ReadonlyArray<ReviewRecord & { readonly spans: readonly ReviewedSpan[] }>, policy: RedactionPolicy,
): { records: AppliedRecord[]; decision: ReviewDecision } {
  const redactor = createRedactor(policy, { replaceAll: true });
  const kept = new Set<string>(REDACTION_POLICIES[policy].keep);
  const removedSpans: string[] = [];
  const addedSpans: string[] = [];
  let accepted = 0;
  const out = records.map((r, i) => {
    const id = `${r.force_id ?? 'upload'}/${r.record_id}`;
    const spans = [...r.spans].sort((a, b) => a.start - b.start);
    spans.forEach((s, j) => {
      const where = `records[${i}].spans[${j}] of ${id}`;
      if (!(ENTITY_TYPES as readonly string[]).includes(s.type)) throw new PeelError('bad_input', `${where}: unknown type "${s.type}"`, { field: 'body.records' });
      if (!(s.start >= 0 && s.end > s.start && s.end <= r.narrative.length)) {
        throw new PeelError('bad_input', `${where}: span ${s.start}-${s.end} lies outside the narrative (${r.narrative.length} characters)`, { field: 'body.records' });
      }
      if (j > 0 && s.start < spans[j - 1].end) throw new PeelError('bad_input', `${where}: span ${s.start}-${s.end} overlaps ${spans[j - 1].start}-${spans[j - 1].end}`, { field: 'body.records' });
    });
    const found = extractEntities(r.narrative).filter((e) => isPersonalDataType(e.type));
    const foundByKey = new Map(found.map((e) => [key(e), e]));
    const proposed = found.filter((e) => !kept.has(e.type));
    const proposedByKey = new Map(proposed.map((e) => [key(e), e]));
    const reviewedKeys = new Set(spans.map(key));
    let acc = 0;
    let add = 0;
    for (const s of spans) {
      if (proposedByKey.has(key(s))) acc++;
      else (add++, addedSpans.push(`${id} ${s.type} ${s.start}-${s.end}`));
    }
    const rem = proposed.filter((e) => !reviewedKeys.has(key(e)));
    for (const e of rem) removedSpans.push(`${id} ${e.type} ${e.start}-${e.end}`);
    accepted += acc;
    const red = redactor.redact(r.narrative, spans.map((s) => {
      const text = r.narrative.slice(s.start, s.end);
      return { start: s.start, end: s.end, type: s.type as EntityType, text, value: foundByKey.get(key(s))?.value ?? text };
    }));
    return {
      force_id: r.force_id, record_id: r.record_id, text: red.text,
      spans: red.spans.map((s) => ({ start: s.start, end: s.end, type: s.type, placeholder: s.placeholder, kept: s.kept })),
      accepted: acc, removed: rem.length, added: add,
    };
  });
  return { records: out, decision: { accepted, removed: removedSpans.length, added: addedSpans.length, removedSpans, addedSpans } };
}
