/**
 * Store tests on both backends: `eachBackend` runs a suite once on an embedded DuckDB file and
 * once on a database of a throwaway PostgreSQL cluster (skipped, with the reason, when the server
 * binaries are absent). `openBackend` opens a fresh store of one backend; `rawRows` reads a table
 * of it directly (for assertions on stored rows), whatever the backend.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe } from 'vitest';
import pg from 'pg';
import { openStore, type Store } from '../../src/store/index.ts';
import { openDb } from '../../src/store/duckdb/db.ts';
import { typeParsers } from '../../src/store/postgres/db.ts';
import { HAS_POSTGRES, NO_POSTGRES, startPostgres, type PgCluster } from './postgres.ts';
import { tempDir } from './police-uk.ts';

export type Backend = 'duckdb' | 'postgres';
export const BACKENDS: readonly Backend[] = ['duckdb', 'postgres'];

let cluster: PgCluster | null = null;
let users = 0;

/** A cluster shared by the suites of one test file, started on first use and stopped after the last. */
export async function sharedCluster(): Promise<PgCluster> {
  users++;
  cluster ??= await startPostgres();
  return cluster;
}

export async function releaseCluster(): Promise<void> {
  if (--users > 0 || !cluster) return;
  const c = cluster;
  cluster = null;
  await c.stop();
}

/** The name of a fresh store of `backend`: a new DuckDB file, or a new PostgreSQL database's URL. */
export async function freshStoreName(backend: Backend): Promise<string> {
  if (backend === 'duckdb') return join(tempDir(), 'store', 'peel.duckdb');
  if (!cluster) throw new Error('freshStoreName(postgres) needs sharedCluster() first');
  return cluster.createDatabase();
}

/** Opens a fresh, empty store of `backend`. */
export async function openBackend(backend: Backend): Promise<Store> {
  return openStore({ store: await freshStoreName(backend) });
}

/**
 * Rows of a query run on the store's database directly. DuckDB allows one process per file, so
 * the store is closed for the read and a new one returned (use it from then on).
 */
export async function rawRows<T extends Record<string, unknown>>(store: Store, name: string, sql: string): Promise<{ rows: T[]; store: Store }> {
  if (/^postgres(ql)?:\/\//.test(name)) {
    const c = new pg.Client({ connectionString: name, types: typeParsers as pg.CustomTypesConfig });
    await c.connect();
    try {
      return { rows: (await c.query(sql)).rows as T[], store };
    } finally {
      await c.end();
    }
  }
  store.close();
  const db = await openDb(name);
  let rows: T[];
  try {
    rows = await db.all<T>(sql);
  } finally {
    db.close();
  }
  return { rows, store: await openStore({ store: name }) };
}

/** Runs `fn` as a suite per backend; `name` gets the backend appended. */
export function eachBackend(name: string, fn: (backend: Backend) => void): void {
  for (const backend of BACKENDS) {
    if (backend === 'postgres' && !HAS_POSTGRES) {
      describe.skip(`${name} [postgres]${NO_POSTGRES}`, () => fn(backend));
      continue;
    }
    describe(`${name} [${backend}]`, () => {
      if (backend === 'postgres') {
        beforeAll(async () => void (await sharedCluster()));
        afterAll(async () => releaseCluster());
      }
      fn(backend);
    });
  }
}
