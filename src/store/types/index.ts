/**
 * The store's declared interface: what every backend (embedded DuckDB in `src/store/duckdb/`,
 * PostgreSQL in `src/store/postgres/`) provides, and the rows that cross it. Types and the small
 * `as const` vocabularies they are derived from only: nothing here knows a database. Capabilities,
 * the API and the CLI depend on these types through `src/store/index.ts`, never on a backend.
 *
 * One file per namespace: core (top-level reads), load and export (top-level methods), then one
 * per capability's namespace (`store.geography`, `store.quality`, ...). See docs/store.md.
 */
import type { PeelConfig } from '../../config/index.ts';
import type { CoreReads } from './core.ts';
import type { LoadMethods } from './load.ts';
import type { ExportMethods } from './export.ts';
import type { GeographyStore } from './geography.ts';
import type { QualityStore } from './quality.ts';
import type { AccessStore } from './access.ts';
import type { AlertsStore } from './alerts.ts';
import type { RecordsStore } from './records.ts';
import type { LinkageStore } from './linkage.ts';
import type { ProductivityStore } from './productivity.ts';
import type { TacticsStore } from './tactics.ts';

export type * from './core.ts';
export type * from './load.ts';
export type * from './export.ts';
export type * from './geography.ts';
export type * from './quality.ts';
export type * from './access.ts';
export type * from './alerts.ts';
export type * from './records.ts';
export type * from './linkage.ts';
export type * from './productivity.ts';
export type * from './tactics.ts';
export { EXPORTABLE_TABLES, EXPORT_FORMATS, CSV_FORMULA_START } from './export.ts';
export { GEOGRAPHY_FILE_KINDS, GEOGRAPHY_COLUMNS } from './geography.ts';
export { ALERT_KINDS, ALERT_STATUSES, ALERT_AREA_TYPES, ALERT_REVIEWS } from './alerts.ts';

/** What opening a store needs: where it is, and (embedded store) its threads and memory limit. */
export type StoreConfig = Pick<PeelConfig, 'store'> & Partial<Pick<PeelConfig, 'threads' | 'memoryLimit'>>;

/**
 * An open store. Opening creates and migrates it when needed (`openStore` in src/store/index.ts);
 * `close` must be called once when done (`withStore` does it).
 */
export interface Store extends CoreReads, LoadMethods, ExportMethods {
  /** Where the store is: the DuckDB file's path, or the PostgreSQL connection string as given. */
  readonly path: string;
  /** ONS lookups, LSOA points and force boundaries (src/geography). */
  readonly geography: GeographyStore;
  /** Data-quality findings, measures, scores and run state (src/quality). */
  readonly quality: QualityStore;
  /** Accounts, sessions, tokens, grants and the append-only audit log (src/access). */
  readonly access: AccessStore;
  /** Detection alerts, their runs, statuses and the aggregated reads detection needs (src/trends/detect). */
  readonly alerts: AlertsStore;
  /** Narrative records, their entity mentions, quarantine and loads (src/records). */
  readonly records: RecordsStore;
  /** Person entities linked across records and forces, with why (src/linkage). */
  readonly linkage: LinkageStore;
  /** The reads of the productivity standard, officer numbers and loaded comparison groups (src/productivity). */
  readonly productivity: ProductivityStore;
  /** The tactic library, registered trials and their evaluations (src/tactics). */
  readonly tactics: TacticsStore;
  /** Ids of the migrations applied to this store, ascending. */
  migrations(): Promise<string[]>;
  /** Releases the store (the file lock or the connections); the store must not be used after. */
  close(): void;
}
