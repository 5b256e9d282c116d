/**
 * The embedded DuckDB backend of the store: one file (`./peel-data/peel.duckdb` by default), held
 * by one process at a time. `openDuckDbStore` opens (creating when needed) and migrates the file,
 * then assembles the `Store` from the namespace factories of this folder, each implementing its
 * declared interface in `src/store/types/`. Nothing outside `src/store/` imports this folder.
 */
import { openDb, type Db } from './db.ts';
import { MIGRATIONS } from './schema.ts';
import { coreReads } from './core.ts';
import { exportTable } from './export.ts';
import { geographyStore } from './geography.ts';
import { qualityStore } from './quality.ts';
import { accessStore } from '../sql/access.ts';
import { alertsStore } from './alerts.ts';
import { recordsStore } from './records.ts';
import { linkageStore } from './linkage.ts';
import { productivityStore } from './productivity.ts';
import { tacticsStore } from './tactics.ts';
import { methodsStore } from './methods.ts';
import { loadGroup, findUnchanged, recordUnchanged, recordNotLoaded } from './load.ts';
import type { Store, StoreConfig } from '../types/index.ts';

/** Applies, in id order and each in its own transaction, the migrations the file has not had yet. */
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

/** Opens the DuckDB store file named by `config.store` (creating and migrating it when needed). */
export async function openDuckDbStore(config: StoreConfig): Promise<Store> {
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
    methods: methodsStore(db),
    loadGroup: (group, hooks) => loadGroup(db, group, hooks),
    findUnchanged: (kind, shas) => findUnchanged(db, kind, shas),
    recordUnchanged: (file, prior) => recordUnchanged(db, file, prior),
    recordNotLoaded: (files) => recordNotLoaded(db, files),
    exportTable: (table, format, out, opts) => exportTable(db, table, format, out, opts),
    migrations: async () => (await db.all<{ id: string }>(`SELECT id FROM schema_migrations ORDER BY id`)).map((r) => r.id),
    close: () => db.close(),
  };
}
