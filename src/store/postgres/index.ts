/**
 * The store on a PostgreSQL server (`--store postgres://user@host/db`): the same `Store` as the
 * embedded DuckDB file, for many processes at once. Loaded only by `openStore` for a store URL,
 * so DuckDB users never load `pg`.
 *
 * Namespaces whose SQL is portable use the embedded store's own factory over this Db (same SQL,
 * same results); the rest have PostgreSQL versions here, one file per namespace. Export, not yet
 * ported, fails with a PeelError saying so (never a silent wrong answer).
 */
import { PeelError } from '../../standard/index.ts';
import { qualityPg } from './quality.ts';
import { geographyPg } from './geography.ts';
import type { Store } from '../index.ts';
import { accessStore } from '../sql/access.ts';
import { alertsStorePg } from './alerts.ts';
import { openPgDb, type PgDb } from './db.ts';
import { PG_MIGRATIONS } from './schema.ts';
import { coreReadsPg } from './core.ts';
import { loadGroupPg, findUnchangedPg, recordUnchangedPg, recordNotLoadedPg } from './load.ts';
import { distribute } from './citus.ts';
import { recordsStorePg } from './records.ts';
import { productivityStorePg } from './productivity.ts';
import { tacticsStorePg } from './tactics.ts';
import { methodsStorePg } from './methods.ts';
import { linkageStorePg } from './linkage.ts';

/** Applies the migrations not yet applied, under the writers' lock (several processes may start at once). */
async function migrate(db: PgDb): Promise<void> {
  await db.transaction(async () => {
    await db.run(`CREATE TABLE IF NOT EXISTS schema_migrations (id VARCHAR PRIMARY KEY, applied_at TIMESTAMP NOT NULL)`);
    const done = new Set((await db.all<{ id: string }>(`SELECT id FROM schema_migrations`)).map((r) => r.id));
    for (const m of PG_MIGRATIONS) {
      if (done.has(m.id)) continue;
      for (const s of m.statements) await db.run(s);
      await db.run(`INSERT INTO schema_migrations VALUES (?, now()::TIMESTAMP)`, [m.id]);
    }
  });
}

/** Opens (migrating when needed) the store in the PostgreSQL database of `url`. */
export async function openPostgresStore(config: { store: string }): Promise<Store> {
  const db = await openPgDb(config.store);
  try {
    await migrate(db);
    // With Citus, spread the tables over the workers (nothing on plain PostgreSQL).
    await distribute(db);
  } catch (e) {
    db.close();
    throw e;
  }
  return {
    path: db.path,
    ...coreReadsPg(db),
    geography: geographyPg(db),
    quality: qualityPg(db),
    access: accessStore(db),
    alerts: alertsStorePg(db),
    records: recordsStorePg(db),
    linkage: linkageStorePg(db),
    productivity: productivityStorePg(db),
    tactics: tacticsStorePg(db),
    methods: methodsStorePg(db),
    loadGroup: (group, hooks) => loadGroupPg(db, group, hooks),
    findUnchanged: (kind, shas) => findUnchangedPg(db, kind, shas),
    recordUnchanged: (file, prior) => recordUnchangedPg(db, file, prior),
    recordNotLoaded: (files) => recordNotLoadedPg(db, files),
    exportTable: async () => {
      throw new PeelError('not_available', 'export is not yet available on the PostgreSQL store; use the embedded store (a .duckdb file) for it');
    },
    migrations: async () => (await db.all<{ id: string }>(`SELECT id FROM schema_migrations ORDER BY id COLLATE "C"`)).map((r) => r.id),
    close: () => db.close(),
  };
}
