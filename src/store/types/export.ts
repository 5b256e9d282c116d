/**
 * Exports: a table written out as CSV, GeoJSON or Parquet (the lake layout, partitioned by force
 * and month). Types and vocabularies only; the DuckDB implementation is `src/store/duckdb/export.ts`.
 */

export const EXPORTABLE_TABLES = ['street', 'outcomes', 'stop_search', 'cube', 'batches', 'quarantine'] as const;
export type ExportableTable = (typeof EXPORTABLE_TABLES)[number];
export const EXPORT_FORMATS = ['csv', 'parquet', 'geojson'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportOptions {
  /** Only these forces' rows (default: every force). */
  readonly forces?: readonly string[];
  /** CSV only: write text cells as stored, without formula neutralisation (for machines, not spreadsheets). */
  readonly raw?: boolean;
}

export interface ExportResult {
  readonly rows: number;
  readonly path: string;
  /** The forces whose rows were written (all that the table holds when no filter was given). */
  readonly forces: string[];
  /** First and last month written, for tables with a month column; null otherwise or when empty. */
  readonly months: { readonly from: string; readonly to: string } | null;
}

/** Characters that make a spreadsheet read a cell as a formula (OWASP CSV injection). */
export const CSV_FORMULA_START = /^[=+\-@\t\r]/;

/** The export method; it sits at the top level of `Store` (`store.exportTable(...)`). */
export interface ExportMethods {
  /**
   * Writes `table` (only `opts.forces` when given) to `out`: CSV with text cells that start with a
   * CSV_FORMULA_START character neutralised (a quote before them; numbers untouched) unless
   * `opts.raw`; GeoJSON as one FeatureCollection, streamed; Parquet partitioned by force and month
   * (`force_id=.../month=.../`) for tables that have them. Runs at the store's memory limit whatever
   * the table's size, on committed data, holding up no writer. Output is written beside `out` and
   * renamed into place when complete: a failed export leaves nothing behind. Throws PeelError
   * `bad_input` for an unknown table or format, GeoJSON of a table without points (street,
   * outcomes, stop_search have them), a Parquet partition folder that exists and is not empty, or
   * an `out` that is a folder where a file is written.
   */
  exportTable(table: ExportableTable, format: ExportFormat, out: string, opts?: ExportOptions): Promise<ExportResult>;
}
