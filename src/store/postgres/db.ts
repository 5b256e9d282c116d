/**
 * The `Db` of the store (see ../sql/db.ts for the contract) over a PostgreSQL connection pool.
 * `pg`'s own types stay in this file.
 *
 * Isolation. Statements outside a transaction run on any pooled connection and see committed
 * state (PostgreSQL is MVCC, READ COMMITTED). `transaction(fn)` holds one connection from BEGIN
 * to COMMIT; calls made from `fn`'s own async context (AsyncLocalStorage, as in the DuckDB Db) run
 * on it, everyone else's on other connections, so a failing load cannot roll back their writes
 * and they never see its half-written rows. Writing transactions take one advisory lock first, so
 * writers queue as they do on the embedded store (one writer at a time, across every process
 * sharing the database) and the rules that read before they write (replacement, the shrink
 * guard, the audit chain) stay exact. Readers never wait for it.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { PeelError } from '../../standard/index.ts';
import type { Appender, Db, Row, Session, SqlValue } from '../sql/db.ts';
import { numberPlaceholders } from './placeholders.ts';

/** The advisory lock every writing transaction takes (an arbitrary constant: "peel" in ASCII). */
export const WRITER_LOCK = 0x7065656c;

type AppenderType = 'varchar' | 'double' | 'bigint' | 'ubigint' | 'integer' | 'boolean';

const OID = { int8: 20, numeric: 1700, timestamp: 1114, int8Array: 1016, numericArray: 1231 } as const;

function toNumber(s: string): number | string {
  const n = Number(s);
  return Number.isSafeInteger(n) || (!/^-?\d+$/.test(s) && Number.isFinite(n)) ? n : s;
}

/** BIGINT and NUMERIC as numbers when exact (as the DuckDB Db does), TIMESTAMP as UTC. */
export const typeParsers = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    const arrayOf = (parse: (s: string) => unknown) => (s: string) =>
      ((pg.types.getTypeParser as (oid: number, f: string) => unknown)(1009, 'text') as (s: string) => Array<string | null>)(s).map((x) => (x === null ? null : parse(x)));
    switch (oid) {
      case OID.int8:
      case OID.numeric:
        return toNumber;
      case OID.int8Array:
      case OID.numericArray:
        return arrayOf(toNumber);
      case OID.timestamp:
        return (s: string) => new Date(`${s.replace(' ', 'T')}Z`);
      default:
        return (pg.types.getTypeParser as (oid: number, f: string) => unknown)(oid, format ?? 'text');
    }
  },
};

const ESCAPE_TEST = /[\\\t\n\r]/;

/** A value as PostgreSQL's COPY text format writes it. */
function copyText(v: SqlValue | undefined, t: AppenderType): string {
  if (v === null || v === undefined) return '\\N';
  if (t === 'boolean') return v ? 't' : 'f';
  if (t === 'double') {
    const n = Number(v);
    return Number.isNaN(n) ? 'NaN' : n === Infinity ? 'Infinity' : n === -Infinity ? '-Infinity' : String(n);
  }
  if (t === 'varchar') {
    const text = String(v);
    // Almost no value holds a backslash, tab or line break: test once, escape only those.
    return ESCAPE_TEST.test(text) ? text.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : text;
  }
  return String(typeof v === 'boolean' ? Number(v) : v);
}

/** Streams rows into a table with COPY FROM STDIN (text format). */
export async function copyRows(client: pg.PoolClient | pg.Client, table: string, columns: readonly string[] | null,
  types: readonly AppenderType[], rows: Iterable<readonly SqlValue[]>): Promise<void> {
  const cols = columns ? ` (${columns.join(', ')})` : '';
  const stream = client.query(copyFrom(`COPY ${table}${cols} FROM STDIN`));
  async function* lines() {
    let buf = '';
    for (const r of rows) {
      let line = '';
      for (let i = 0; i < types.length; i++) line += (i ? '\t' : '') + copyText(r[i], types[i]);
      buf += line + '\n';
      if (buf.length > 1 << 20) {
        yield buf;
        buf = '';
      }
    }
    if (buf) yield buf;
  }
  await pipeline(Readable.from(lines()), stream);
}

export interface PgDb extends Db {
  /** A pooled connection of its own for `fn` (temporary tables, COPY), released afterwards. */
  withClient<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T>;
  /** The connection of the transaction open in this async context, if any. */
  txClient(): pg.PoolClient | undefined;
}

/** Where a store URL's password is, hidden (for messages and `store.path`). */
export function redactUrl(url: string): string {
  return url.replace(/^(postgres(?:ql)?:\/\/[^:/@]+:)[^@]*@/, '$1***@');
}

/** Opens a pool on the database of a `postgres://` URL and checks it answers. */
export async function openPgDb(url: string, opts: { max?: number } = {}): Promise<PgDb> {
  const pool = new pg.Pool({ connectionString: url, max: opts.max ?? 10, types: typeParsers as pg.CustomTypesConfig, application_name: 'peel' });
  // An idle connection's error (the server restarted) must not crash the process.
  pool.on('error', () => undefined);
  const shown = redactUrl(url);
  try {
    const c = await pool.connect();
    c.release();
  } catch (e) {
    await pool.end().catch(() => undefined);
    throw new PeelError('unreadable_input', `cannot open the store ${shown}: ${(e as Error).message.split('\n')[0]}`);
  }
  const txContext = new AsyncLocalStorage<{ client: pg.PoolClient; pending: Promise<void> }>();
  // COPYs started by appenders closed outside a transaction; every later statement waits for them.
  let pending: Promise<void> = Promise.resolve();
  const settle = async () => {
    const tx = txContext.getStore();
    if (tx) {
      const p = tx.pending;
      tx.pending = Promise.resolve();
      await p;
    } else {
      const p = pending;
      pending = Promise.resolve();
      await p;
    }
  };
  const query = async <T extends Row>(sql: string, params?: readonly SqlValue[]): Promise<T[]> => {
    await settle();
    const text = params && params.length ? numberPlaceholders(sql) : sql;
    const values = params?.map((v) => (typeof v === 'bigint' ? v.toString() : v));
    const tx = txContext.getStore();
    const r = tx ? await tx.client.query(text, values as unknown[]) : await pool.query(text, values as unknown[]);
    // A multi-statement text returns one result per statement: the rows are the last one's.
    const last = Array.isArray(r) ? r[r.length - 1] : r;
    return (last?.rows ?? []) as T[];
  };
  const db: PgDb = {
    path: shown,
    dialect: 'postgres',
    run: async (sql, params) => {
      await query(sql, params);
    },
    all: query,
    one: async <T extends Row>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined> => (await query<T>(sql, params))[0],
    transaction: async <T>(fn: () => Promise<T>): Promise<T> => {
      if (txContext.getStore()) return fn();
      await settle();
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query('SELECT pg_advisory_xact_lock($1)', [WRITER_LOCK]);
        const ctx = { client, pending: Promise.resolve() };
        const r = await txContext.run(ctx, async () => {
          const out = await fn();
          await ctx.pending;
          return out;
        });
        await client.query('COMMIT');
        return r;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    },
    appender: async (table, types) => {
      const rows: SqlValue[][] = [];
      return {
        row(values) {
          rows.push(values.slice(0, types.length) as SqlValue[]);
        },
        close() {
          const tx = txContext.getStore();
          const run = async () => {
            if (tx) await copyRows(tx.client, table, null, types, rows);
            else {
              const c = await pool.connect();
              try {
                await copyRows(c, table, null, types, rows);
              } finally {
                c.release();
              }
            }
          };
          if (tx) tx.pending = tx.pending.then(run);
          else pending = pending.then(run);
        },
      } satisfies Appender;
    },
    session: async <T>(fn: (s: Session) => Promise<T>): Promise<T> => {
      await settle();
      const c = await pool.connect();
      const sq = async <R extends Row>(sql: string, params?: readonly SqlValue[]) => {
        const r = await c.query(params && params.length ? numberPlaceholders(sql) : sql, params as unknown[] | undefined);
        const last = Array.isArray(r) ? r[r.length - 1] : r;
        return (last?.rows ?? []) as R[];
      };
      try {
        return await fn({
          run: async (sql, params) => void (await sq(sql, params)),
          all: sq,
          streamColumn: async (sql, write) => {
            // A cursor, fetched 2,048 rows at a time: the result is never held whole.
            await c.query('BEGIN READ ONLY');
            try {
              await c.query(`DECLARE peel_stream NO SCROLL CURSOR FOR ${sql}`);
              let n = 0;
              for (;;) {
                const r = await c.query({ text: 'FETCH 2048 FROM peel_stream', rowMode: 'array' });
                if (!r.rows.length) break;
                n += r.rows.length;
                await write(r.rows.map((x: unknown[]) => x[0]));
              }
              await c.query('COMMIT');
              return n;
            } catch (e) {
              await c.query('ROLLBACK').catch(() => undefined);
              throw e;
            }
          },
        });
      } finally {
        c.release();
      }
    },
    withClient: async (fn) => {
      await settle();
      const c = await pool.connect();
      try {
        return await fn(c);
      } finally {
        c.release();
      }
    },
    txClient: () => txContext.getStore()?.client,
    close() {
      void pool.end().catch(() => undefined);
    },
  };
  return db;
}
