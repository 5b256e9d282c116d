/**
 * The records assistant's part of the API contract: search, one record with its entities, entity
 * pages, summaries, and the redaction review (propose, then apply the reviewed spans). The typed
 * client takes its types from here (type-only imports).
 */
import { z } from 'zod';
import { Problem } from './schemas.ts';

export { Problem };

const ENTITY_TYPE_NAMES = [
  'PERSON', 'OFFICER', 'DATE_OF_BIRTH', 'ADDRESS', 'POSTCODE', 'PHONE', 'EMAIL', 'VEHICLE_REG',
  'NI_NUMBER', 'BANK_ACCOUNT', 'PAYMENT_CARD', 'IP_ADDRESS', 'ID_DOCUMENT',
] as const;
export const PersonalType = z.enum(ENTITY_TYPE_NAMES);
export const PolicyName = z.enum(['disclosure', 'public']).describe('disclosure (to the CPS: officers stay named) or public (everything replaced)');

export const RecordSearchQuery = z.object({
  q: z.string().trim().min(1).max(500).describe('plain-English query, e.g. "burglaries in Dover last month screwdriver"'),
  force: z.string().optional().describe('comma-separated force slugs (within the forces you may read)'),
  kind: z.enum(['incident', 'crime', 'intelligence', 'stop_search']).optional(),
  category: z.string().optional().describe('crime category slug'),
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().describe('inclusive date YYYY-MM-DD'),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().describe('exclusive date YYYY-MM-DD'),
  now: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().describe('date that "last month" and the like are relative to (default today)'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(10_000).default(0),
});

export const RecordHit = z.object({
  force_id: z.string(), record_id: z.string(), kind: z.string(), occurred_at: z.string(), category: z.string().nullable(),
  location_text: z.string(), classification: z.string(), score: z.number(),
  snippet: z.string(), highlights: z.array(z.tuple([z.number().int(), z.number().int()])).describe('offsets of matched words in snippet'),
});
export type RecordHit = z.infer<typeof RecordHit>;

const Counts = z.record(z.string(), z.number());
export const RecordSearchResult = z.object({
  total: z.number().int().describe('matches within your forces, before phrase and area checks'),
  hits: z.array(RecordHit),
  withheld: z.number().int().describe('hits on this page left out because the index still holds them but the store no longer does (OFFICIAL-SENSITIVE records you may not open are never matched, so never counted here)'),
  facets: z.object({ force: Counts, kind: Counts, category: Counts, month: Counts }),
  corrections: z.record(z.string(), z.array(z.string())),
  unmatched_terms: z.array(z.string()).describe('query words no record holds (not even within the typo tolerance): the hits match the other words only; show them, e.g. "no record mentions catalytic, converter"'),
  anchor: z.string().describe('the date "last month" and the like were read against: `now` if given, else the first day of the month after the latest record (so "last month" is the data\'s latest month)'),
  understood: z.array(z.string()),
  limit: z.number().int(), offset: z.number().int(),
});
export type RecordSearchResult = z.infer<typeof RecordSearchResult>;

export const RecordParams = z.object({ force: z.string(), id: z.string().min(1).max(200) });

export const Mention = z.object({
  type: z.string(), value: z.string(), start: z.number().int(), end: z.number().int(), text: z.string(), confidence: z.number(),
});
export type Mention = z.infer<typeof Mention>;

export const NarrativeRecord = z.object({
  force_id: z.string(), record_id: z.string(), kind: z.string(), occurred_at: z.string(), category: z.string().nullable(),
  location_text: z.string(), lon: z.number().nullable(), lat: z.number().nullable(), lsoa_code: z.string().nullable(),
  classification: z.string(), narrative: z.string(), batch_id: z.string(),
});
export const RecordDetail = z.object({ record: NarrativeRecord, entities: z.array(Mention) });
export type RecordDetail = z.infer<typeof RecordDetail>;

export const EntityParams = z.object({ type: z.string().max(40), value: z.string().min(1).max(200) });
export const EntityRecord = z.object({
  force_id: z.string(), record_id: z.string(), kind: z.string(), occurred_at: z.string(), category: z.string().nullable(),
  location_text: z.string(), classification: z.string(), mentions: z.number().int(), texts: z.array(z.string()),
});
export const EntityPage = z.object({
  type: z.string(), value: z.string().describe('the normalised value searched'),
  items: z.array(EntityRecord), total: z.number().int(), limit: z.number().int(), offset: z.number().int(),
  by_force: Counts.describe('records mentioning it, per force you may read'),
});
export type EntityPage = z.infer<typeof EntityPage>;
export const EntityQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

export const SummaryQuery = z.object({
  q: z.string().trim().min(1).max(500).describe('the search whose best records are summarised'),
  force: RecordSearchQuery.shape.force,
  kind: RecordSearchQuery.shape.kind,
  category: RecordSearchQuery.shape.category,
  limit: z.coerce.number().int().min(1).max(500).default(200).describe('records of the search to summarise, best first'),
  now: RecordSearchQuery.shape.now,
  advisory: z.enum(['true', 'false']).optional().describe('also ask the configured summariser (sends the records to it; refused when it is off)'),
});
const Top = z.object({ type: z.string(), value: z.string(), mentions: z.number().int(), records: z.number().int() });
export const RecordsSummary = z.object({
  records: z.number().int(),
  forces: Counts,
  period: z.object({ from: z.string().nullable(), to: z.string().nullable() }),
  months: Counts,
  categories: z.array(z.object({ category: z.string(), n: z.number().int() })),
  kinds: z.array(z.object({ kind: z.string(), n: z.number().int() })),
  places: z.array(z.object({ place: z.string(), n: z.number().int() })),
  entities: z.object({ people: z.array(Top), vehicles: z.array(Top), phones: z.array(Top), places: z.array(Top), other: z.array(Top) }),
  timeline: z.array(z.object({ occurred_at: z.string(), force_id: z.string(), record_id: z.string(), kind: z.string(), category: z.string().nullable(), text: z.string() })),
});
export const SummaryResult = z.object({
  summary: RecordsSummary,
  advisory: z.object({ advisory: z.literal(true), label: z.string(), model: z.string(), endpoint: z.string(), text: z.string() }).nullable()
    .describe('the optional summariser\'s prose, labelled advisory; null unless asked for and switched on'),
  summariser: z.enum(['off', 'on']).describe('whether this server may send records to a summariser'),
});
export type SummaryResult = z.infer<typeof SummaryResult>;

const RecordRef = z.object({ force_id: z.string(), record_id: z.string().min(1).max(200) });
const UploadedRecord = z.object({ record_id: z.string().min(1).max(200), narrative: z.string().max(100_000) });
export const ProposeBody = z.object({
  policy: PolicyName.default('disclosure'),
  records: z.array(RecordRef).max(200).optional().describe('records held in the store'),
  upload: z.array(UploadedRecord).max(5000).optional().describe('or: records of an uploaded NDJSON set (record_id, narrative)'),
}).refine((b) => !!b.records?.length !== !!b.upload?.length, { message: 'give records (held in the store) or upload (your own set), not both' });

export const Span = z.object({ start: z.number().int().min(0), end: z.number().int().min(1), type: PersonalType });
export const ProposedSpan = Span.extend({ text: z.string(), value: z.string(), confidence: z.number(), placeholder: z.string(), kept: z.boolean() });
export const ProposedRecord = z.object({
  force_id: z.string().nullable(), record_id: z.string(), narrative: z.string(), classification: z.string().nullable(),
  spans: z.array(ProposedSpan), redacted: z.string().describe('the text as the proposed spans would redact it'),
});
export const Proposal = z.object({ policy: PolicyName, records: z.array(ProposedRecord) });
export type Proposal = z.infer<typeof Proposal>;

export const ApplyBody = z.object({
  policy: PolicyName.default('disclosure'),
  records: z.array(z.object({
    force_id: z.string().nullable().optional().describe('set for a record held in the store (its text is read from the store)'),
    record_id: z.string().min(1).max(200),
    narrative: z.string().max(100_000).optional().describe('the text of an uploaded record (not for records held in the store)'),
    spans: z.array(Span).max(2000).describe('the reviewed spans: proposed ones accepted, removed ones left out, added or changed ones included'),
  })).min(1).max(5000),
});
export const AppliedRecord = z.object({
  force_id: z.string().nullable(), record_id: z.string(), text: z.string(),
  spans: z.array(z.object({ start: z.number().int(), end: z.number().int(), type: z.string(), placeholder: z.string(), kept: z.boolean() })),
  accepted: z.number().int(), removed: z.number().int(), added: z.number().int(),
});
export const Applied = z.object({
  policy: PolicyName,
  records: z.array(AppliedRecord),
  decision: z.object({ accepted: z.number().int(), removed: z.number().int(), added: z.number().int(), audit_event: z.number().int().nullable() }),
});
export type Applied = z.infer<typeof Applied>;
export type ApplyBodyRecord = z.infer<typeof ApplyBody>['records'][number];
