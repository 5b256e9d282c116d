/**
 * The store: the only code in Peel that speaks SQL, behind one declared interface.
 *
 * - `types/`: the interface (`Store` and one interface per namespace, with every row type and
 *   vocabulary). Capabilities, the API and the CLI import these (through this file) and nothing else.
 * - `duckdb/`: the embedded DuckDB backend (the default: one file, `./peel-data/peel.duckdb`, or
 *   `--store` / `PEEL_STORE`), held by one process at a time.
 * - `postgres/`: the PostgreSQL server backend (coming; `--store postgres://...`).
 * - `errors.ts`: errors every backend throws alike (GroupClash).
 *
 * Adding a namespace: declare `types/<name>.ts` (its rows and `interface <Name>Store`, every method
 * documented), add it to `Store` in `types/index.ts`, implement it in each backend
 * (`duckdb/<name>.ts`: `<NAME>_MIGRATIONS` in the capability's id range, spread into `MIGRATIONS` in
 * `duckdb/schema.ts`, and `<name>Store(db: Db): <Name>Store`, assembled in `duckdb/index.ts`).
 * Capabilities then call `store.<name>.method(...)` and never see SQL or a database. See docs/store.md.
 */
import { randomBytes } from 'node:crypto';
import { openDuckDbStore } from './duckdb/index.ts';
import type { Store, StoreConfig } from './types/index.ts';

export type * from './types/index.ts';
export { EXPORTABLE_TABLES, EXPORT_FORMATS, CSV_FORMULA_START, GEOGRAPHY_FILE_KINDS, GEOGRAPHY_COLUMNS, ALERT_KINDS, ALERT_STATUSES, ALERT_AREA_TYPES, ALERT_REVIEWS } from './types/index.ts';
export { GroupClash } from './errors.ts';

/** A new load batch id: time-ordered, with 32 random bits. */
export function newBatchId(): string {
  return `b${Date.now().toString(36)}${randomBytes(4).toString('hex')}`;
}

/** Whether a store name is a PostgreSQL server's URL (`postgres://` or `postgresql://`) rather than a DuckDB file. */
export function isServerStore(store: string): boolean {
  return /^postgres(ql)?:\/\//i.test(store);
}

/** Opens the store named by the config (creating and migrating it when needed). */
export async function openStore(config: StoreConfig): Promise<Store> {
  // A server's URL: the PostgreSQL store, loaded only then (DuckDB users never load `pg`).
  if (isServerStore(config.store)) return (await import('./postgres/index.ts')).openPostgresStore({ store: config.store });
  return openDuckDbStore(config);
}

/** Opens the store, runs `fn`, and closes it whatever happens. */
export async function withStore<T>(config: StoreConfig, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(config);
  try {
    return await fn(store);
  } finally {
    store.close();
  }
}
