import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openDb, type Db } from '../../../src/store/duckdb/db.ts';
import { openStore } from '../../../src/store/index.ts';
import { ingest } from '../../../src/ingest/index.ts';
import { tempDir, writeStreetSet } from '../../helpers/police-uk.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function withDb<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  const db = await openDb(join(tempDir('peel-iso-'), 'iso.duckdb'));
  try {
    return await fn(db);
  } finally {
    db.close();
  }
}

async function seed(db: Db): Promise<void> {
  await db.run(`CREATE TABLE street (force_id VARCHAR, month VARCHAR, n INTEGER)`);
  await db.run(`CREATE TABLE notes (note VARCHAR)`);
  await db.run(`INSERT INTO street SELECT 'kent', '2024-03', i FROM range(100) t(i)`);
}

/** Starts `fn` in a transaction and resolves `started` once its first statement is done. */
function slowTransaction(db: Db, body: (signal: () => void) => Promise<void>): { started: Promise<void>; done: Promise<void> } {
  let signal!: () => void;
  const started = new Promise<void>((r) => (signal = r));
  const done = db.transaction(() => body(signal));
  return { started, done };
}

describe('a transaction holds only its own work', () => {
  it('a reader during a slow replace sees the old month or the new, never a mix', async () => {
    await withDb(async (db) => {
      await seed(db);
      const tx = slowTransaction(db, async (signal) => {
        await db.run(`DELETE FROM street WHERE force_id = 'kent' AND month = '2024-03'`);
        signal();
        await sleep(300);
        await db.run(`INSERT INTO street SELECT 'kent', '2024-03', i FROM range(40) t(i)`);
      });
      await tx.started;
      // Inside the transaction's window: the month is deleted but not yet re-inserted.
      const seen = await db.one<{ n: number }>(`SELECT count(*) AS n FROM street WHERE force_id = 'kent' AND month = '2024-03'`);
      await tx.done;
      expect([100, 40]).toContain(seen?.n);
      expect((await db.one<{ n: number }>(`SELECT count(*) AS n FROM street`))?.n).toBe(40);
    });
  });

  it('an unrelated write during a failing transaction is not rolled back with it', async () => {
    await withDb(async (db) => {
      await seed(db);
      const tx = slowTransaction(db, async (signal) => {
        await db.run(`DELETE FROM street`);
        signal();
        await sleep(200);
        throw new Error('the load failed');
      });
      await tx.started;
      const other = db.run(`INSERT INTO notes VALUES ('written by someone else')`);
      await expect(tx.done).rejects.toThrow('the load failed');
      await other;
      expect(await db.all(`SELECT note FROM notes`)).toEqual([{ note: 'written by someone else' }]);
      expect((await db.one<{ n: number }>(`SELECT count(*) AS n FROM street`))?.n).toBe(100);
    });
  });

  it("an appender's rows from outside a failing transaction are kept", async () => {
    await withDb(async (db) => {
      await seed(db);
      const tx = slowTransaction(db, async (signal) => {
        await db.run(`INSERT INTO notes VALUES ('inside')`);
        signal();
        await sleep(200);
        throw new Error('the load failed');
      });
      await tx.started;
      const app = db.appender('notes', ['varchar']).then((a) => {
        a.row(['appended outside']);
        a.close();
      });
      await expect(tx.done).rejects.toThrow('the load failed');
      await app;
      expect(await db.all(`SELECT note FROM notes`)).toEqual([{ note: 'appended outside' }]);
    });
  });

  it("the transaction's own reads see its own uncommitted work, and a nested transaction joins it", async () => {
    await withDb(async (db) => {
      await seed(db);
      const inside = await db.transaction(async () => {
        await db.run(`DELETE FROM street`);
        return db.transaction(async () => (await db.one<{ n: number }>(`SELECT count(*) AS n FROM street`))?.n);
      });
      expect(inside).toBe(0);
    });
  }, 15_000);

  it('a read of temporary tables made outside the transaction still finds them while it is open', async () => {
    await withDb(async (db) => {
      await seed(db);
      await db.run(`CREATE TEMP TABLE scratch AS SELECT 7 AS x`);
      const tx = slowTransaction(db, async (signal) => {
        signal();
        await sleep(150);
      });
      await tx.started;
      expect(await db.one(`SELECT x FROM scratch`)).toEqual({ x: 7 });
      await tx.done;
    });
  });

  it('a read is not held up by a long write outside any transaction (a load between its transactions)', async () => {
    await withDb(async (db) => {
      await seed(db);
      let wroteAt = 0;
      const write = db.run(`CREATE TABLE slow AS SELECT count(*) AS n FROM range(8000) a(i), range(8000) b(j) WHERE (i * j) % 7 = 3`)
        .then(() => (wroteAt = performance.now()));
      await sleep(20);
      const seen = await db.one<{ n: number }>(`SELECT count(*) AS n FROM street`);
      const readAt = performance.now();
      await write;
      expect(seen?.n).toBe(100);
      expect(readAt).toBeLessThan(wroteAt);
    });
  }, 60_000);

  it('readers of a real replace load see the old rows or the new, never a half-replaced month', async () => {
    const dir = tempDir('peel-iso-load-');
    const store = await openStore({ store: join(dir, 'store.duckdb') });
    try {
      const first = join(dir, 'a');
      const second = join(dir, 'b');
      (await import('node:fs')).mkdirSync(first);
      (await import('node:fs')).mkdirSync(second);
      writeStreetSet(first, 1, 3000);
      writeStreetSet(second, 1, 1200);
      await ingest(store, [first]);
      const total = async () => (await store.cube({ forces: ['kent'] })).reduce((a, r) => a + r.n, 0);
      const old = await total();
      expect(old).toBe(3000);
      let loading = true;
      const load = ingest(store, [second], { allowShrink: true }).finally(() => (loading = false));
      const seen = new Set<number>();
      while (loading) seen.add(await total());
      await load;
      seen.add(await total());
      expect([...seen].filter((n) => n !== 3000 && n !== 1200)).toEqual([]);
      expect(await total()).toBe(1200);
    } finally {
      store.close();
    }
  }, 60_000);
});
