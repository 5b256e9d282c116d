/**
 * The store on a PostgreSQL server (`--store postgres://user@host/db`): the same `Store` as the
 * embedded DuckDB file, for many processes at once. Loaded only by `openStore` for a store URL,
 * so DuckDB users never load `pg`.
 *
 * Namespaces whose SQL is portable use the embedded store's own factory over this Db (same SQL,
 * same results); the rest have PostgreSQL versions here. A namespace not ported yet answers every
 * call with a PeelError naming it (never a silent wrong answer).
 */
import { PeelError } from '../../standard/index.ts';
import type { Store } from '../index.ts';
import { accessStore } from '../duckdb/access.ts';
import { qualityStore, type QualityStore } from '../duckdb/quality.ts';
import { alertsStorePg } from './alerts.ts';
import { openPgDb, type PgDb } from './db.ts';
import { PG_MIGRATIONS } from './schema.ts';
import { coreReadsPg } from './core.ts';
import { loadGroupPg, findUnchangedPg, recordUnchangedPg } from './load.ts';

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

/** A namespace every call of which fails, naming it: for what is not yet ported. */
export function notYetAvailable<T extends object>(name: string): T {
  return new Proxy({} as T, {
    get(_t, prop) {
      if (prop === 'then' || typeof prop === 'symbol') return undefined;
      return () => {
        throw new PeelError('not_available', `${name} (${String(prop)}) is not yet available on the PostgreSQL store; use the embedded store (a .duckdb file) for it`);
      };
    },
  });
}

/**
 * A namespace of which only some methods are ported: those are `ported`'s, every other call fails
 * naming the namespace and the method.
 */
export function partlyAvailable<T extends object>(name: string, ported: Partial<T>): T {
  const missing = notYetAvailable<T>(name);
  return new Proxy(ported as T, {
    get(target, prop, receiver) {
      if (prop in target) return Reflect.get(target, prop, receiver);
      return (missing as Record<string | symbol, unknown>)[prop];
    },
  });
}

/**
 * Quality on PostgreSQL: the stored results' reads (findings, measures, scores: the embedded
 * store's own portable SQL, and what detection reads), not yet the checks' computation.
 */
function qualityPg(db: PgDb): QualityStore {
  const shared = qualityStore(db);
  return partlyAvailable<QualityStore>('quality (running the checks)', {
    findings: shared.findings,
    measures: shared.measures,
    scores: shared.scores,
    scoredMonths: shared.scoredMonths,
    async heldMonths(force?: string) {
      const rows = await db.all<{ force_id: string; months: string[] }>(
        `SELECT force_id, array_agg(DISTINCT month ORDER BY month) AS months FROM force_months${force ? ' WHERE force_id = ?' : ''}
         GROUP BY force_id ORDER BY force_id COLLATE "C"`, force ? [force] : []);
      return new Map(rows.map((r) => [r.force_id, r.months]));
    },
    async lastRun() {
      return db.one(`SELECT run_id, mode, to_char(started_at, 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS started_at, ms, force_months, forces, findings
        FROM quality_runs ORDER BY quality_runs.started_at DESC LIMIT 1`);
    },
  });
}

/** Opens (migrating when needed) the store in the PostgreSQL database of `url`. */
export async function openPostgresStore(config: { store: string }): Promise<Store> {
  const db = await openPgDb(config.store);
  try {
    await migrate(db);
  } catch (e) {
    db.close();
    throw e;
  }
  return {
    path: db.path,
    ...coreReadsPg(db),
    geography: notYetAvailable('geography'),
    quality: qualityPg(db),
    access: accessStore(db),
    alerts: alertsStorePg(db),
    records: notYetAvailable('records'),
    linkage: notYetAvailable('linkage'),
    productivity: notYetAvailable('productivity'),
    tactics: notYetAvailable('tactics'),
    loadGroup: (group, hooks) => loadGroupPg(db, group, hooks),
    findUnchanged: (kind, shas) => findUnchangedPg(db, kind, shas),
    recordUnchanged: (file, prior) => recordUnchangedPg(db, file, prior),
    exportTable: async () => {
      throw new PeelError('not_available', 'export is not yet available on the PostgreSQL store; use the embedded store (a .duckdb file) for it');
    },
    migrations: async () => (await db.all<{ id: string }>(`SELECT id FROM schema_migrations ORDER BY id COLLATE "C"`)).map((r) => r.id),
    close: () => db.close(),
  };
}
