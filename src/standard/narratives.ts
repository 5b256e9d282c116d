/**
 * The narrative record format of the national standard, version 1: one JSON object per line
 * (NDJSON). Used for incident logs, crime reports, intelligence and stop-and-search narratives.
 *
 * Fields: `force_id` (force slug), `record_id` (unique within the force), `kind`, `occurred_at`
 * (ISO 8601, UTC), `category` (crime category slug, or null for non-crime incidents),
 * `location_text`, optional `lon`, `lat` (WGS84), `lsoa_code`, `classification` (Government
 * Security Classification marking, default OFFICIAL) and the free text `narrative`.
 *
 * Personal-data labels (`labels.ndjson`) are `{record_id, entities: [{start, end, type, text}]}`
 * with JavaScript string offsets into `narrative`.
 */
export const NARRATIVE_KINDS = ['incident', 'crime', 'intelligence', 'stop_search'] as const;
export type NarrativeKind = (typeof NARRATIVE_KINDS)[number];

export const CLASSIFICATIONS = ['OFFICIAL', 'OFFICIAL-SENSITIVE'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

export interface NarrativeRecord {
  readonly force_id: string;
  readonly record_id: string;
  readonly kind: NarrativeKind;
  readonly occurred_at: string;
  readonly category: string | null;
  readonly location_text: string;
  readonly lon?: number | null;
  readonly lat?: number | null;
  readonly lsoa_code?: string | null;
  readonly classification?: Classification;
  readonly narrative: string;
}

/** Personal-data entity types labelled in narratives and found by the records assistant. */
export const ENTITY_TYPES = [
  'PERSON', 'OFFICER', 'DATE_OF_BIRTH', 'ADDRESS', 'POSTCODE', 'PHONE', 'EMAIL', 'VEHICLE_REG',
  'NI_NUMBER', 'BANK_ACCOUNT', 'PAYMENT_CARD', 'IP_ADDRESS', 'ID_DOCUMENT',
] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

export interface EntitySpan {
  readonly start: number;
  readonly end: number;
  readonly type: EntityType;
  readonly text: string;
}

export interface NarrativeLabels {
  readonly record_id: string;
  readonly entities: readonly EntitySpan[];
}

/** Reason codes for narrative records that fail the standard. */
export const NARRATIVE_REASONS = {
  'json.unparseable': 'the line is not a JSON object',
  'field.missing': 'a required field is missing or empty',
  'force.unknown': 'force_id is not in the force registry',
  'kind.unknown': 'kind is not incident, crime, intelligence or stop_search',
  'occurred_at.unparseable': 'occurred_at is not an ISO 8601 timestamp',
  'category.unknown': 'category is not a crime category slug',
  'coords.out_of_range': 'lon/lat lie outside the British Isles bounding box',
  'classification.unknown': 'classification is not OFFICIAL or OFFICIAL-SENSITIVE',
} as const;
export type NarrativeReasonCode = keyof typeof NARRATIVE_REASONS;
