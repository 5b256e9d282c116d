/**
 * Loading data.police.uk CSV files (`src/ingest` hands the store groups of files it has read the
 * headers of). Types only; the DuckDB implementation is `src/store/duckdb/load.ts`.
 *
 * Guarantees every backend keeps, per file (a batch): rows read = rows loaded + rows quarantined
 * (each quarantined row with its line, raw text and every reason code); a force × kind × month is
 * replaced atomically (readers see the old rows or the new, never both); the same bytes loaded
 * again change nothing and are reported `unchanged`; a file that would shrink a held force-month
 * below the shrink ratio is refused whole.
 */
import type { DatasetKind, ReasonCode } from '../../standard/index.ts';

export interface LoadFile {
  /** The file on disk that the store reads (a temporary copy for a zip entry). */
  readonly path: string;
  /** The name reported back: the path as given, or `zipfile!inner/path`. */
  readonly source: string;
  readonly sha256: string;
  /** Canonical column names in the file's own order (from its header). */
  readonly columns: readonly string[];
  /** Force from the file name or `--force`, used when rows do not say (stop-and-search files). */
  readonly forceHint: string | null;
  /** Month from the file name. */
  readonly monthHint: string | null;
  readonly batchId: string;
  /**
   * Set when `path` is a sanitized copy of the source (see ingest's scan): where the copy's rows
   * came from, and the rows left out of it, which count as read and are quarantined.
   */
  readonly lines?: LineMap;
}

/** A row the byte-level scan left out of a sanitized copy. */
export interface ScanReject {
  /** 1-based line of the source file where the row starts. */
  readonly line: number;
  /** Its text, cut to a bounded length. */
  readonly raw: string;
  readonly reasons: readonly ReasonCode[];
  readonly detail: string;
}

/** How the rows of a sanitized copy map back onto the lines of its source. */
export interface LineMap {
  /** For the k-th data row of the copy, the source line it starts on. */
  readonly rows: Int32Array;
  /** For the k-th data row of the copy, the copy's line it starts on (to read its raw text back). */
  readonly copyLines: Int32Array;
  readonly rejects: readonly ScanReject[];
}

export interface LoadGroup {
  readonly kind: DatasetKind;
  readonly files: readonly LoadFile[];
}

/**
 * What happened to one file. `loaded`: its force-months were new. `replaced`: it replaced held
 * force-months (`rows_before` says how many rows they held). `unchanged`: the store already holds
 * these bytes. `superseded`: another file for the same force × kind × month in the same run was
 * chosen (ingest's two-versions rule). `refused`: it would have replaced a held force-month with
 * far fewer rows (the shrink guard); nothing of it was written. `failed`: kept for older stores.
 */
export type BatchStatus = 'loaded' | 'replaced' | 'unchanged' | 'superseded' | 'refused' | 'failed';

export interface BatchResult {
  readonly batch_id: string;
  readonly source: string;
  readonly kind: DatasetKind;
  readonly force_id: string;
  readonly months: string[];
  readonly rows_read: number;
  readonly rows_loaded: number;
  readonly rows_quarantined: number;
  /** Rows the store held for the file's force-months before it (0 when they were new; for `unchanged`, the rows held). */
  readonly rows_before: number;
  readonly status: BatchStatus;
  readonly ms_total: number;
  readonly detail?: string;
}

export interface LoadHooks {
  /** Called with the number of rows staged so far (for progress bars). */
  readonly onRows?: (rows: number) => void;
  /**
   * The shrink guard: a file that would replace a held force-month with fewer than this share of
   * its rows is refused (status `refused`, nothing written). 0 turns the guard off.
   */
  readonly shrinkRatio?: number;
  /** The user confirmed that shrinking replacements are meant. */
  readonly allowShrink?: boolean;
  /**
   * Runs inside the group's transaction, after its rows and batches are written and before they
   * commit, with the committed batches: an audit written here commits with the load or not at all.
   * If it throws, nothing of the group is written.
   */
  readonly beforeCommit?: (batches: readonly BatchResult[]) => Promise<void>;
}

/** The loading methods; they sit at the top level of `Store` (`store.loadGroup(...)`). */
export interface LoadMethods {
  /**
   * Loads one group of files of the same kind and header layout in one transaction: validates
   * every row against the national standard (bad rows quarantined with their reasons), replaces the
   * force-months the files hold, records one batch per file, and returns one result per file, in
   * the group's order. The caller guarantees no two files of the group hold the same force-month;
   * if they do, throws GroupClash (src/store/errors.ts) and writes nothing, and the caller loads
   * them one by one. A file changed while being read throws PeelError `unreadable_input`. When
   * anything throws (including `hooks.beforeCommit`), nothing of the group is written.
   */
  loadGroup(group: LoadGroup, hooks?: LoadHooks): Promise<BatchResult[]>;
  /**
   * For each sha256, the latest loaded or replacing batch of that kind with those bytes whose every
   * month it still holds (as an `unchanged` result, rows_before = its rows loaded); hashes without
   * one are absent. One read for any number of files.
   */
  findUnchanged(kind: DatasetKind, sha256s: readonly string[]): Promise<Map<string, BatchResult>>;
  /** Records a batch for a file whose bytes are already held (status `unchanged`, pointing at `prior`), for provenance; returns its result. */
  recordUnchanged(file: LoadFile, prior: BatchResult): Promise<BatchResult>;
}
