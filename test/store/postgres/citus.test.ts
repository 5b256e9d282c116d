/**
 * The schema is ready for Citus: checked against the live PostgreSQL schema (Citus itself is not
 * installed here), every table is classified once (distributed, reference or local), every
 * distributed table has its distribution column NOT NULL, and every primary or unique key of a
 * distributed table includes it (Citus refuses the table otherwise) — led by it, except where
 * `NOT_LED_BY_FORCE` says why. On plain PostgreSQL the distribution does nothing.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import pg from 'pg';
import { openStore } from '../../../src/store/index.ts';
import { DISTRIBUTED, DISTRIBUTED_BY, LOCAL, NOT_LED_BY_FORCE, REFERENCE, distribute } from '../../../src/store/postgres/citus.ts';
import { openPgDb } from '../../../src/store/postgres/db.ts';
import { describePostgres } from '../../helpers/postgres.ts';
import { freshStoreName, releaseCluster, sharedCluster } from '../../helpers/backends.ts';

describePostgres('the schema and Citus', () => {
  let url: string;
  const q = async <T>(sql: string): Promise<T[]> => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      return (await c.query(sql)).rows as T[];
    } finally {
      await c.end();
    }
  };
  beforeAll(async () => {
    await sharedCluster();
    url = await freshStoreName('postgres');
    (await openStore({ store: url })).close();
  });
  afterAll(async () => releaseCluster());

  it('classifies every table once, and keys every distributed table by its force column', async () => {
    const tables = (await q<{ t: string }>(`SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public'`)).map((r) => r.t).sort();
    const distCol = new Map<string, string>([...DISTRIBUTED.map((t) => [t, 'force_id'] as const), ...Object.entries(DISTRIBUTED_BY)]);
    const classified = [...distCol.keys(), ...REFERENCE, ...LOCAL];
    expect(new Set(classified).size).toBe(classified.length);
    expect([...classified].sort()).toEqual(tables);

    const cols = await q<{ t: string; c: string; nullable: string }>(
      `SELECT table_name AS t, column_name AS c, is_nullable AS nullable FROM information_schema.columns WHERE table_schema = 'public'`);
    for (const [t, col] of distCol) {
      expect(cols.find((c) => c.t === t && c.c === col)?.nullable, `${t}.${col}`).toBe('NO');
    }
    const keys = await q<{ t: string; name: string; cols: string[] }>(`
      SELECT c.conrelid::regclass::text AS t, c.conname AS name,
             array_agg(a.attname::text ORDER BY k.ord) AS cols
      FROM pg_constraint c CROSS JOIN LATERAL unnest(c.conkey) WITH ORDINALITY k(attnum, ord)
      JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum
      WHERE c.contype IN ('p', 'u') AND c.connamespace = 'public'::regnamespace GROUP BY 1, 2`);
    for (const k of keys) {
      const col = distCol.get(k.t);
      if (!col) continue;
      expect(k.cols, `${k.t} ${k.name}`).toContain(col);
      if (!NOT_LED_BY_FORCE[k.t]) expect(k.cols[0], `${k.t} ${k.name} is led by ${col}`).toBe(col);
    }
    // The reasons name real tables.
    for (const t of Object.keys(NOT_LED_BY_FORCE)) expect(tables).toContain(t);
  });

  it('does nothing without the citus extension', async () => {
    const db = await openPgDb(url);
    try {
      expect(await distribute(db)).toEqual([]);
    } finally {
      db.close();
    }
  });
});
