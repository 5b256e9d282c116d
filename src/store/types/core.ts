/**
 * The core reads of the store: what is held (coverage and status), the load batches, the
 * quarantine and the monthly cube. Types only; the DuckDB implementation is
 * `src/store/duckdb/core.ts`. Every list is paged (`limit`, `offset`) and returns its total.
 */
import type { DatasetKind } from '../../standard/index.ts';

export interface Page<T> {
  readonly items: T[];
  readonly total: number;
  readonly limit: number;
  readonly offset: number;
}

export interface ForceStatus {
  readonly force_id: string;
  readonly months: string[];
  readonly rows: { street: number; outcomes: number; stop_search: number };
}

export interface CoverageCell {
  readonly force_id: string;
  readonly kind: DatasetKind;
  readonly month: string;
  readonly rows: number;
  readonly batch_id: string;
}

export interface BatchRow {
  readonly batch_id: string;
  readonly force_id: string;
  readonly kind: DatasetKind;
  readonly source: string;
  readonly sha256: string;
  readonly months: string[];
  readonly rows_read: number;
  readonly rows_loaded: number;
  readonly rows_quarantined: number;
  readonly status: string;
  readonly started_at: string;
  readonly finished_at: string;
  readonly ms_total: number;
  readonly detail: string | null;
}

export interface QuarantineRow {
  readonly force_id: string;
  readonly batch_id: string;
  readonly kind: DatasetKind;
  readonly source: string;
  readonly line: number | null;
  readonly raw: string | null;
  readonly reasons: string[];
  readonly detail: string | null;
}

export type CubeArea = 'force' | 'lsoa' | 'h3_r8';

export interface CubeQuery {
  readonly forces?: readonly string[];
  readonly categories?: readonly string[];
  readonly from?: string;
  readonly to?: string;
  /** The area level to count by: the whole force (default), LSOA, or H3 resolution 8 cell. */
  readonly area?: CubeArea;
  readonly areas?: readonly string[];
}

export interface CubeRow {
  readonly force_id: string;
  readonly month: string;
  readonly category: string;
  /** LSOA code or H3 cell (hex) when counting by area; null for the force level or unlocated rows. */
  readonly area_id: string | null;
  readonly n: number;
}

/** Quarantined rows of one force, kind and reason code. A type alias, not an interface, so a backend's row read (`db.all(...)`) returns it without a cast. */
export type QuarantineSummaryRow = {
  force_id: string;
  kind: string;
  reason: string;
  n: number;
};

/** Batch list filters (every field optional; absent means any). */
export interface BatchQuery {
  limit?: number;
  offset?: number;
  force?: string;
  status?: string;
}

/** Quarantine list filters (every field optional; absent means any). */
export interface QuarantineQuery {
  batch?: string;
  force?: string;
  /** Only rows carrying this reason code (a row may carry several). */
  reason?: string;
  limit?: number;
  offset?: number;
}

/**
 * Reads of the core tables (`force_months`, `batches`, `quarantine`, `cube`). They sit at the top
 * level of `Store` (`store.status()`, not `store.core.status()`). None of them writes; none throws
 * on an empty store (empty lists, null months).
 */
export interface CoreReads {
  /**
   * Forces with the months they hold (any dataset, distinct, ascending) and their row counts per
   * dataset (0 where a dataset is not held). Forces in id order.
   */
  status(): Promise<{ forces: ForceStatus[] }>;
  /** Every held force × dataset × month with its rows and the batch holding it, ordered by force, dataset, month. */
  coverage(): Promise<CoverageCell[]>;
  /**
   * Load batches (one per file loaded, whatever its outcome), newest first (`finished_at` descending,
   * then batch id), paged: `limit` default 100, `offset` default 0; `total` counts every match.
   * Times are ISO 8601 UTC to the second (`2024-05-01T10:00:00Z`).
   */
  batches(q?: BatchQuery): Promise<Page<BatchRow>>;
  /** One batch by id, or undefined when no batch has it. */
  batch(batchId: string): Promise<BatchRow | undefined>;
  /**
   * Quarantined rows with their reason codes, in batch then line order, paged (`limit` default
   * 100, `offset` default 0); `total` counts every match.
   */
  quarantine(q?: QuarantineQuery): Promise<Page<QuarantineRow>>;
  /** Quarantined rows counted by force, dataset and reason code (a row with two reasons counts under each), largest first, then force and reason. */
  quarantineSummary(): Promise<QuarantineSummaryRow[]>;
  /**
   * Street crimes counted from the monthly cube at force (default), LSOA or H3 resolution-8 level,
   * filtered by forces, categories, months (`from`/`to` inclusive, `YYYY-MM`) and area ids (ignored
   * at force level), ordered by force, month, category, area. Unlocated rows count at force level
   * and as area null.
   */
  cube(q?: CubeQuery): Promise<CubeRow[]>;
  /** The latest month held by any force for the dataset (default street), or null when none (what `peel detect` uses by default). */
  latestMonth(kind?: DatasetKind): Promise<string | null>;
}
