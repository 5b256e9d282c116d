/**
 * The store: the only code in Peel that speaks SQL.
 *
 * Adding a capability's tables: write `src/store/duckdb/<name>.ts` (the embedded DuckDB implementation) exporting its migrations
 * (`<NAME>_MIGRATIONS: Migration[]`, ids in the capability's own range: geography 01xx, quality
 * 02xx, alerts 03xx, access 04xx, records 05xx, productivity 07xx, tactics 09xx, linkage 11xx) and a factory `<name>Store(db: Db)` returning its
 * methods; spread the migrations into `MIGRATIONS` (schema.ts), add the namespace to `Store` and
 * to the object `openStore` returns (below), and export its public types here. Capabilities then
 * call `store.<name>.method(...)` and never see SQL or DuckDB.
 * Default: one embedded DuckDB file
 * (`./peel-data/peel.duckdb`, or `--store` / `PEEL_STORE`). Capabilities reach their tables
 * through the namespaces of `Store`; none of them sees DuckDB's own types.
 */
import { randomBytes } from 'node:crypto';
import { openDb, type Db } from './duckdb/db.ts';
import { MIGRATIONS } from './duckdb/schema.ts';
import { coreReads, type CoreReads } from './duckdb/core.ts';
import { exportTable, type ExportableTable, type ExportFormat, type ExportOptions, type ExportResult } from './duckdb/export.ts';
import { geographyStore, type GeographyStore } from './duckdb/geography.ts';
import { qualityStore, type QualityStore } from './duckdb/quality.ts';
import { accessStore, type AccessStore } from './duckdb/access.ts';
import { alertsStore, type AlertsStore } from './duckdb/alerts.ts';
import { recordsStore, type RecordsStore } from './duckdb/records.ts';
import { linkageStore, type LinkageStore } from './duckdb/linkage.ts';
import { productivityStore, type ProductivityStore } from './duckdb/productivity.ts';
import { tacticsStore, type TacticsStore } from './duckdb/tactics.ts';
import { loadGroup, findUnchanged, recordUnchanged, recordNotLoaded, GroupClash, type LoadGroup, type LoadFile, type LoadHooks, type BatchResult } from './duckdb/load.ts';
import type { DatasetKind } from '../standard/index.ts';
import type { PeelConfig } from '../config/index.ts';

export type { LoadGroup, LoadFile, LoadHooks, BatchResult, BatchStatus, LineMap, ScanReject } from './duckdb/load.ts';
export type { Page, ForceStatus, CoverageCell, BatchRow, QuarantineRow, CubeQuery, CubeRow, CubeArea } from './duckdb/core.ts';
export type { ExportableTable, ExportFormat, ExportOptions, ExportResult } from './duckdb/export.ts';
export { EXPORTABLE_TABLES, EXPORT_FORMATS, CSV_FORMULA_START } from './duckdb/export.ts';
export { GEOGRAPHY_FILE_KINDS, GEOGRAPHY_COLUMNS } from './duckdb/geography.ts';
export type { QualityStore, QualityOrigin, ForceMonthKey, HeldForceMonth, LocatedCounts, DuplicateCounts, StopSearchCounts, QuarantineCounts, MonthlyCount, MeasureRow, FindingRow, ScoreRow, LeagueRow, FindingQuery, ScoreQuery, SaveQuality } from './duckdb/quality.ts';
export type { GeographyStore, GeographyFileKind, GeographySource, GeographyStatus, BoundaryFeature, BoundaryCollection } from './duckdb/geography.ts';
export { ALERT_KINDS, ALERT_STATUSES, ALERT_AREA_TYPES, ALERT_REVIEWS } from './duckdb/alerts.ts';
export type { AlertsStore, AlertKind, AlertStatus, AlertReview, AlertAreaType, AlertEvidence, AlertMember, EvidencePoint, NewAlert, StoredAlert, AlertSummary, AlertRun, AlertQuery, AlertStatusChange, AlertEvent, AreaSeries, AreaLevel } from './duckdb/alerts.ts';
export type { RecordsStore, NarrativeRow, MentionRow, StagedMention, NarrativeQuarantineRow, NarrativeBatchRow, NarrativeStaging, NarrativeLoad, EntityRecordRow, RecordKey } from './duckdb/records.ts';
export type { LinkageStore, PersonMentionRow, PersonEntityRow, PersonLinkRow, PersonLinkRun } from './duckdb/linkage.ts';
export type { ProductivityStore, ProductivityScope, OutcomeCell, StopSearchCell, ForceArea, WorkforceRow, GroupMemberRow } from './duckdb/productivity.ts';
export type { TacticsStore, TrialRow, AmendmentRow, LsoaMonthCount, LsoaPoint } from './duckdb/tactics.ts';
export type { AccessStore, UserRow, UserPatch, SessionRow, TokenRow, GrantRow, AuditRow, AuditFilter } from './duckdb/access.ts';

export interface Store extends CoreReads {
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
  /** Loads one group of same-kind, same-layout files in one transaction (see load.ts). */
  loadGroup(group: LoadGroup, hooks?: LoadHooks): Promise<BatchResult[]>;
  /** For each sha256, the batch already holding exactly those bytes, if any (one query for many files). */
  findUnchanged(kind: DatasetKind, sha256s: readonly string[]): Promise<Map<string, BatchResult>>;
  recordUnchanged(file: LoadFile, prior: BatchResult): Promise<BatchResult>;
  /** Records files a run chose not to load (`superseded`), with their sha256, in `batches`. */
  recordNotLoaded(files: ReadonlyArray<{ readonly batch: BatchResult; readonly sha256: string }>): Promise<void>;
  /**
   * Writes a table out: CSV (text cells neutralised against formula injection unless `raw`),
   * GeoJSON (streamed) or Parquet (partitioned by force and month), at the store's memory limit;
   * a failed export leaves nothing behind (see export.ts).
   */
  exportTable(table: ExportableTable, format: ExportFormat, out: string, opts?: ExportOptions): Promise<ExportResult>;
  /** Ids of migrations applied to this store, in order. */
  migrations(): Promise<string[]>;
  close(): void;
}

export { GroupClash };

export function newBatchId(): string {
  return `b${Date.now().toString(36)}${randomBytes(4).toString('hex')}`;
}

async function migrate(db: Db): Promise<void> {
  await db.run(`CREATE TABLE IF NOT EXISTS schema_migrations (id VARCHAR PRIMARY KEY, applied_at TIMESTAMP NOT NULL)`);
  const done = new Set((await db.all<{ id: string }>(`SELECT id FROM schema_migrations`)).map((r) => r.id));
  for (const m of MIGRATIONS) {
    if (done.has(m.id)) continue;
    await db.transaction(async () => {
      for (const s of m.statements) await db.run(s);
      await db.run(`INSERT INTO schema_migrations VALUES (?, now()::TIMESTAMP)`, [m.id]);
    });
  }
}

/** Opens the store named by the config (creating and migrating it when needed). */
export async function openStore(config: Pick<PeelConfig, 'store'> & Partial<Pick<PeelConfig, 'threads' | 'memoryLimit'>>): Promise<Store> {
  const db = await openDb(config.store, { threads: config.threads ?? null, memoryLimit: config.memoryLimit });
  try {
    await migrate(db);
  } catch (e) {
    db.close();
    throw e;
  }
  return {
    path: config.store,
    ...coreReads(db),
    geography: geographyStore(db),
    quality: qualityStore(db),
    access: accessStore(db),
    alerts: alertsStore(db),
    records: recordsStore(db),
    linkage: linkageStore(db),
    productivity: productivityStore(db),
    tactics: tacticsStore(db),
    loadGroup: (group, hooks) => loadGroup(db, group, hooks),
    findUnchanged: (kind, shas) => findUnchanged(db, kind, shas),
    recordUnchanged: (file, prior) => recordUnchanged(db, file, prior),
    recordNotLoaded: (files) => recordNotLoaded(db, files),
    exportTable: (table, format, out, opts) => exportTable(db, table, format, out, opts),
    migrations: async () => (await db.all<{ id: string }>(`SELECT id FROM schema_migrations ORDER BY id`)).map((r) => r.id),
    close: () => db.close(),
  };
}

/** Opens the store, runs `fn`, and closes it whatever happens. */
export async function withStore<T>(config: Parameters<typeof openStore>[0], fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(config);
  try {
    return await fn(store);
  } finally {
    store.close();
  }
}
