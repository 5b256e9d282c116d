/**
 * The method (MO) features of each narrative record (src/methods): missing or stale ones found and
 * filled (the backfill), and the crimes series linkage reads with their stored features.
 */

/** A record's methods as stored (features and evidence as JSON text). */
export interface MethodRow {
  readonly force_id: string;
  readonly record_id: string;
  /** The narrative's load the methods were read from. */
  readonly batch_id: string;
  readonly version: number;
  readonly features: string;
  readonly evidence: string;
}

/** A narrative whose methods are missing, stale or of an older extractor version. */
export interface StaleMethodRow {
  readonly force_id: string;
  readonly record_id: string;
  readonly batch_id: string;
  readonly occurred_at: string;
  readonly narrative: string;
}

/** A crime with its stored features, as series linkage reads it. */
export interface MethodCrimeRow {
  readonly force_id: string;
  readonly record_id: string;
  readonly category: string | null;
  readonly occurred_at: string;
  readonly lon: number | null;
  readonly lat: number | null;
  readonly classification: string;
  readonly features: string;
}

export interface MethodsStore {
  /** Narratives without methods of `version` read from their current load, up to `limit`. */
  stale(version: number, limit: number): Promise<StaleMethodRow[]>;
  /** Writes methods, replacing any held for the same records, in one transaction. */
  save(rows: readonly MethodRow[]): Promise<void>;
  /**
   * Records with a category and methods, in a window: `forces` ('all' or a list), `category`,
   * `from`/`to` as `YYYY-MM` (inclusive). OFFICIAL-SENSITIVE records only for forces in
   * `sensitive` (default all).
   */
  crimes(q: { forces: 'all' | readonly string[]; category?: string; from?: string; to?: string; sensitive?: 'all' | readonly string[] }): Promise<MethodCrimeRow[]>;
  count(): Promise<number>;
}
