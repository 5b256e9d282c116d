/**
 * The records assistant (`src/records`): narrative records, the narratives that failed the
 * standard (quarantine), the entities found in each narrative, and the provenance of each load.
 * A record is keyed by (force_id, record_id); a reload of a record id replaces it and its entity
 * mentions. Types only; the DuckDB implementation is `src/store/duckdb/records.ts`.
 */
import type { Page } from './core.ts';

/** A narrative record as stored (occurred_at as ISO 8601 UTC). */
export interface NarrativeRow {
  readonly force_id: string;
  readonly record_id: string;
  readonly kind: string;
  readonly occurred_at: string;
  readonly category: string | null;
  readonly location_text: string;
  readonly lon: number | null;
  readonly lat: number | null;
  readonly lsoa_code: string | null;
  readonly classification: string;
  readonly narrative: string;
  readonly batch_id: string;
}

export interface MentionRow {
  readonly force_id: string;
  readonly record_id: string;
  readonly type: string;
  readonly value: string;
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly confidence: number;
}

/** One mention as the loader stages it. */
export type StagedMention = Omit<MentionRow, 'force_id' | 'record_id'>;

export interface NarrativeQuarantineRow {
  readonly force_id: string;
  readonly batch_id: string;
  readonly source: string;
  readonly line: number;
  readonly raw: string;
  readonly reasons: string[];
  readonly detail: string;
}

export interface NarrativeBatchRow {
  readonly batch_id: string;
  readonly source: string;
  readonly sha256: string;
  readonly forces: string[];
  readonly rows_read: number;
  readonly rows_loaded: number;
  readonly rows_quarantined: number;
  /** Records already held (or repeated earlier in the same file) that this load replaced. */
  readonly records_replaced: number;
  readonly mentions: number;
  readonly started_at: string;
  readonly finished_at: string;
  readonly ms_total: number;
}

/** Where the loader puts one file's rows; everything lands in one transaction. */
export interface NarrativeStaging {
  addRecord(r: Omit<NarrativeRow, 'batch_id'>, mentions: readonly StagedMention[]): void;
  addQuarantine(q: Omit<NarrativeQuarantineRow, 'batch_id' | 'source'>): void;
}

export interface NarrativeLoad {
  readonly batchId: string;
  readonly source: string;
  readonly sha256: string;
  readonly startedAt: Date;
}

/** A record mentioning an entity, with how often and as what text. */
export interface EntityRecordRow extends Pick<NarrativeRow, 'force_id' | 'record_id' | 'kind' | 'occurred_at' | 'category' | 'location_text' | 'classification'> {
  readonly mentions: number;
  readonly texts: string[];
}

export interface RecordKey {
  readonly force_id: string;
  readonly record_id: string;
}

export interface RecordsStore {
  /**
   * Loads one file in one transaction: `fill` stages its records and quarantined lines; then each
   * staged record replaces any held record with the same (force_id, record_id), the last line
   * winning within the file, with its entity mentions. Rolled back whole when anything throws.
   */
  loadNarratives(load: NarrativeLoad, fill: (stage: NarrativeStaging) => Promise<void>): Promise<NarrativeBatchRow>;
  /** One record by force and id, or undefined. */
  record(force: string, id: string): Promise<NarrativeRow | undefined>;
  /** Records by key, in no particular order (unknown keys are left out). */
  records(keys: readonly RecordKey[]): Promise<NarrativeRow[]>;
  /** The keys of the OFFICIAL-SENSITIVE records of these forces. */
  sensitive(forces: readonly string[]): Promise<RecordKey[]>;
  /** Mentions of the given records, in record and offset order. */
  mentions(keys: readonly RecordKey[]): Promise<MentionRow[]>;
  /**
   * Records mentioning one entity (type and normalised value), newest first, within `forces`
   * (`all` for every force). OFFICIAL-SENSITIVE records are included only for the forces in
   * `sensitive` (default: all of them), and counted only when included. Paged (`limit` default 100,
   * `offset` 0); `byForce` counts the matching records per force, `total` their sum.
   */
  entity(q: { type: string; value: string; forces: 'all' | readonly string[]; sensitive?: 'all' | readonly string[]; limit?: number; offset?: number }): Promise<Page<EntityRecordRow> & { byForce: Record<string, number> }>;
  /** Every record, in (force_id, record_id) order, `chunk` at a time (default 20,000; for rebuilding the search index). Returns the records read. */
  scan(fn: (rows: NarrativeRow[]) => void | Promise<void>, chunk?: number): Promise<number>;
  /** Records held. */
  count(): Promise<number>;
  /** Quarantined narrative lines with filters, in batch then line order, paged (`limit` default 100, `offset` 0). */
  quarantine(q?: { force?: string; batch?: string; limit?: number; offset?: number }): Promise<Page<NarrativeQuarantineRow>>;
  /** Narrative loads, newest first (then batch id), paged (`limit` default 100, `offset` 0). */
  batches(q?: { limit?: number; offset?: number }): Promise<Page<NarrativeBatchRow>>;
}
