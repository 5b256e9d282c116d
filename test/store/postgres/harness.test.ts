import { afterAll, beforeAll, expect, it } from 'vitest';
import pg from 'pg';
import { existsSync } from 'node:fs';
import { describePostgres, startPostgres, type PgCluster } from '../../helpers/postgres.ts';

describePostgres('the throwaway PostgreSQL cluster', () => {
  let cluster: PgCluster;
  beforeAll(async () => { cluster = await startPostgres(); });
  afterAll(async () => { await cluster?.stop(); });

  it('gives each caller its own empty database, and removes everything on stop', async () => {
    const a = await cluster.createDatabase();
    const b = await cluster.createDatabase();
    expect(a).not.toBe(b);
    expect(a).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/peel_test_/);
    const c = new pg.Client({ connectionString: a });
    await c.connect();
    await c.query('CREATE TABLE t (x int)');
    const v = await c.query<{ v: string }>('SELECT current_setting(\'server_version\') AS v');
    await c.end();
    expect(Number(v.rows[0].v.split('.')[0])).toBeGreaterThanOrEqual(13);
    const d = new pg.Client({ connectionString: b });
    await d.connect();
    const t = await d.query(`SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 't'`);
    await d.end();
    expect(t.rows[0].n).toBe(0);
    const dir = cluster.dir;
    await cluster.stop();
    expect(existsSync(dir)).toBe(false);
  });
});
