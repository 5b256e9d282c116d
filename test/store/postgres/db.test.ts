/**
 * The PostgreSQL `Db` keeps the contract of the DuckDB one (test/store/isolation.test.ts): a
 * transaction holds only its own async context's work, a reader during it sees committed state,
 * another caller's write is not rolled back with it, a transaction inside one joins it; `?`
 * placeholders (not those inside quotes), BIGINT as numbers when exact, the COPY appender, and
 * a session's streamed column.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openPgDb, type PgDb } from '../../../src/store/postgres/db.ts';
import { numberPlaceholders } from '../../../src/store/postgres/placeholders.ts';
import { describePostgres } from '../../helpers/postgres.ts';
import { freshStoreName, releaseCluster, sharedCluster } from '../../helpers/backends.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

it('numbers ? placeholders outside quotes and comments', () => {
  expect(numberPlaceholders(`SELECT ?, '?', "a?b", x -- what?\n FROM t WHERE y = ? /* ? */ AND z = 'it''s ?' AND w = ?`))
    .toBe(`SELECT $1, '?', "a?b", x -- what?\n FROM t WHERE y = $2 /* ? */ AND z = 'it''s ?' AND w = $3`);
});

describePostgres('the PostgreSQL Db', () => {
  let db: PgDb;
  beforeAll(async () => {
    await sharedCluster();
    db = await openPgDb(await freshStoreName('postgres'));
    await db.run(`CREATE TABLE street (force_id VARCHAR, month VARCHAR, n INTEGER); CREATE TABLE notes (note VARCHAR)`);
  });
  afterAll(async () => {
    db?.close();
    await releaseCluster();
  });

  it('lets a reader during a slow replace see the old month, and then the new, never a mix', async () => {
    await db.run(`DELETE FROM street`);
    await db.run(`INSERT INTO street SELECT 'kent', '2024-03', i FROM generate_series(1, 100) i`);
    let started!: () => void;
    const began = new Promise<void>((r) => (started = r));
    const done = db.transaction(async () => {
      await db.run(`DELETE FROM street WHERE force_id = ?`, ['kent']);
      started();
      await sleep(300);
      await db.run(`INSERT INTO street SELECT 'kent', '2024-03', i FROM generate_series(1, 120) i`);
    });
    await began;
    expect((await db.one<{ n: number }>(`SELECT count(*) AS n FROM street`))?.n).toBe(100);
    await done;
    expect((await db.one<{ n: number }>(`SELECT count(*) AS n FROM street`))?.n).toBe(120);
  });

  it('rolls back only the failing transaction, not another caller\'s write made meanwhile; a nested transaction joins', async () => {
    await db.run(`DELETE FROM notes`);
    const failing = db.transaction(async () => {
      await db.run(`INSERT INTO notes VALUES ('inside')`);
      await db.transaction(async () => db.run(`INSERT INTO notes VALUES ('nested')`));
      await sleep(200);
      throw new Error('boom');
    });
    await sleep(50);
    await db.run(`INSERT INTO notes VALUES ('outside')`);
    await expect(failing).rejects.toThrow('boom');
    expect((await db.all<{ note: string }>(`SELECT note FROM notes ORDER BY note`)).map((r) => r.note)).toEqual(['outside']);
  });

  it('returns BIGINT and NUMERIC as numbers when exact, and as text beyond 2^53', async () => {
    const r = await db.one<{ a: unknown; b: unknown; c: unknown; d: unknown }>(
      `SELECT 42::BIGINT AS a, 9007199254740993::BIGINT AS b, 1.5::NUMERIC AS c, ARRAY[1, 2]::BIGINT[] AS d`);
    expect(r).toEqual({ a: 42, b: '9007199254740993', c: 1.5, d: [1, 2] });
  });

  it('appends rows with COPY, in and out of a transaction, escaping text', async () => {
    await db.run(`CREATE TABLE app (s VARCHAR, x DOUBLE PRECISION, n BIGINT, b BOOLEAN)`);
    const a = await db.appender('app', ['varchar', 'double', 'bigint', 'boolean']);
    a.row(['tab\there\nline\\slash', 1.25, 7, true]);
    a.row([null, null, null, false]);
    a.close();
    await db.transaction(async () => {
      const t = await db.appender('app', ['varchar', 'double', 'bigint', 'boolean']);
      t.row(['in tx', 2, 8, false]);
      t.close();
    });
    expect(await db.all(`SELECT * FROM app ORDER BY n NULLS LAST`)).toEqual([
      { s: 'tab\there\nline\\slash', x: 1.25, n: 7, b: true }, { s: 'in tx', x: 2, n: 8, b: false }, { s: null, x: null, n: null, b: false }]);
  });

  it('streams a column from a session in chunks', async () => {
    const chunks: number[] = [];
    const n = await db.session((s) => s.streamColumn(`SELECT i FROM generate_series(1, 5000) i`, (vs) => void chunks.push(vs.length)));
    expect(n).toBe(5000);
    expect(chunks).toEqual([2048, 2048, 904]);
  });
});
