/**
 * The thin layer over DuckDB that the rest of the store uses. DuckDB's own types stay in this
 * file; the store's modules see `Db`, plain rows and Peel's errors.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { AsyncLocalStorage } from 'node:async_hooks';
import { DuckDBInstance, type DuckDBAppender, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { PeelError } from '../../standard/index.ts';
import type { Appender, AppenderType, Db, Row, Session, SqlValue } from '../sql/db.ts';
import { sqlString } from '../sql/db.ts';

export type { SqlValue, Row, Appender, AppenderType, Db, Session } from '../sql/db.ts';
export { sqlString } from '../sql/db.ts';

function toJs(v: unknown): unknown {
  if (typeof v === 'bigint') return v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(v) : v.toString();
  if (Array.isArray(v)) return v.map(toJs);
  return v;
}

/**
 * Plain row objects from a result's columns. Reading DuckDB's result column by column and building
 * the objects here is five times faster than its own `getRowObjectsJS` (61,495 rows × 7 columns:
 * 0.26 s against 1.2–1.7 s), which matters for every large read (productivity cells, exports of
 * aggregates, detection's reads). A repeated column name keeps its last value, as before.
 */
function rowsOf<T extends Row>(names: readonly string[], columns: readonly (readonly unknown[])[]): T[] {
  const n = columns[0]?.length ?? 0;
  const out: T[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const row: Row = {};
    for (let c = 0; c < names.length; c++) row[names[c]] = toJs(columns[c][i]);
    out[i] = row as T;
  }
  return out;
}


function wrapAppender(app: DuckDBAppender, types: readonly AppenderType[], onClose: () => void): Appender {
  return {
    row(values) {
      for (let i = 0; i < types.length; i++) {
        const v = values[i];
        if (v === null || v === undefined) {
          app.appendNull();
          continue;
        }
        switch (types[i]) {
          case 'varchar': app.appendVarchar(String(v)); break;
          case 'double': app.appendDouble(Number(v)); break;
          case 'bigint': app.appendBigInt(BigInt(v)); break;
          case 'ubigint': app.appendUBigInt(BigInt(v)); break;
          case 'integer': app.appendInteger(Number(v)); break;
          case 'boolean': app.appendBoolean(Boolean(v)); break;
        }
      }
      app.endRow();
    },
    close() {
      try {
        app.flushSync();
        app.closeSync();
      } finally {
        onClose();
      }
    },
  };
}

/** Statements a second connection may answer: plain queries (no writes, no settings). */
const READ_ONLY_SQL = /^\s*(SELECT|WITH|FROM)\b/i;

export interface OpenDbOptions {
  readonly threads?: number | null;
  readonly memoryLimit?: string;
  readonly readOnly?: boolean;
}

/** Opens (creating when absent) a DuckDB database file. Extension auto-install is off: Peel runs offline. */
export async function openDb(path: string, opts: OpenDbOptions = {}): Promise<Db> {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const options: Record<string, string> = {
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'true',
    memory_limit: opts.memoryLimit ?? '2GB',
    preserve_insertion_order: 'true',
  };
  if (opts.threads) options.threads = String(opts.threads);
  if (opts.readOnly) options.access_mode = 'READ_ONLY';
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(path, options);
  } catch (e) {
    const msg = (e as Error).message;
    if (/lock/i.test(msg)) {
      throw new PeelError('store_busy', `the store ${path} is in use by another process (is \`peel serve\` running?)`);
    }
    throw new PeelError('unreadable_input', `cannot open the store ${path}: ${msg.split('\n')[0]}`);
  }
  const conn: DuckDBConnection = await instance.connect();
  // Isolation. One connection (`conn`) does the writing: statements from callers are serialised
  // on it, and a transaction holds it from BEGIN to COMMIT. Only the transaction's own work runs
  // inside it: calls made from the transaction's async context (AsyncLocalStorage) go straight to
  // `conn`; anyone else's writes queue until the transaction ends, so a failing load cannot roll
  // them back, and their reads go to a second connection (`reader`) on the same instance, which
  // sees committed state only (DuckDB is MVCC), so a half-replaced month is never visible.
  const txContext = new AsyncLocalStorage<{ readonly owner: object }>();
  const owner = {};
  let txOpen = false;
  let reader: DuckDBConnection | undefined;
  let readerQueue: Promise<unknown> = Promise.resolve();
  let queue: Promise<unknown> = Promise.resolve();
  const inOwnTx = () => txContext.getStore()?.owner === owner;
  // DuckDB connections run one statement at a time; serialise callers so concurrent API requests
  // cannot interleave statements of a transaction.
  let writerJobs = 0;
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    writerJobs++;
    const p = queue.then(fn, fn);
    queue = p.catch(() => undefined).finally(() => writerJobs--);
    return p;
  };
  const exec = async (c: DuckDBConnection, sql: string, params?: readonly SqlValue[]) =>
    params && params.length ? c.run(sql, params as DuckDBValue[]) : c.run(sql);
  const readAll = async <T extends Row>(c: DuckDBConnection, sql: string, params?: readonly SqlValue[]) => {
    const r = params && params.length ? await c.runAndReadAll(sql, params as DuckDBValue[]) : await c.runAndReadAll(sql);
    return rowsOf<T>(r.columnNames(), r.getColumnsJS());
  };
  // A read from outside an open transaction: committed state, from the reader connection. A
  // statement that is not a plain query, or that names this connection's temporary tables (which
  // the reader cannot see), waits for the writer instead.
  const readCommitted = async <T extends Row>(sql: string, params?: readonly SqlValue[]): Promise<T[]> => {
    if (!READ_ONLY_SQL.test(sql)) return serial(() => readAll<T>(conn, sql, params));
    try {
      // The reader, too, runs one statement at a time.
      const p = readerQueue.then(async () => readAll<T>((reader ??= await instance.connect()), sql, params));
      readerQueue = p.catch(() => undefined);
      return await p;
    } catch (e) {
      if (/Catalog Error/i.test((e as Error).message)) return serial(() => readAll<T>(conn, sql, params));
      throw e;
    }
  };

  const db: Db = {
    path,
    dialect: 'duckdb',
    run: async (sql, params) => {
      await (inOwnTx() ? exec(conn, sql, params) : serial(() => exec(conn, sql, params)));
    },
    all: async <T extends Row>(sql: string, params?: readonly SqlValue[]) => {
      if (inOwnTx()) return readAll<T>(conn, sql, params);
      // While the writer is busy (a transaction, or a load's long statements between them), a
      // plain read is answered from committed state by the reader rather than waiting its turn.
      if (txOpen || writerJobs > 0) return readCommitted<T>(sql, params);
      return serial(() => readAll<T>(conn, sql, params));
    },
    one: async <T extends Row>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined> => (await db.all<T>(sql, params))[0],
    transaction: <T>(fn: () => Promise<T>): Promise<T> => {
      // A transaction opened inside another joins it (DuckDB has no nested transactions): a load's
      // audit event commits with the load.
      if (inOwnTx()) return fn();
      return serial(async () => {
        await conn.run('BEGIN TRANSACTION');
        txOpen = true;
        try {
          const r = await txContext.run({ owner }, fn);
          await conn.run('COMMIT');
          return r;
        } catch (e) {
          try {
            await conn.run('ROLLBACK');
          } catch {
            /* the transaction may already be aborted */
          }
          throw e;
        } finally {
          txOpen = false;
        }
      });
    },
    appender: async (table, types) => {
      if (inOwnTx()) return wrapAppender(await conn.createAppender(table), types, () => undefined);
      // Outside a transaction the appender holds the writer until it is closed, so its rows cannot
      // land in someone else's transaction. Appenders are filled synchronously (create, rows,
      // close); should a caller throw before closing, the writer is released on the next turn.
      return new Promise<Appender>((resolve, reject) => {
        void serial(async () => {
          let app: DuckDBAppender;
          try {
            app = await conn.createAppender(table);
          } catch (e) {
            reject(e);
            return;
          }
          await new Promise<void>((release) => {
            const guard = setImmediate(release);
            resolve(wrapAppender(app, types, () => (clearImmediate(guard), release())));
          });
        });
      });
    },
    session: async <T>(fn: (s: Session) => Promise<T>): Promise<T> => {
      const c = await instance.connect();
      try {
        return await fn({
          run: async (sql, params) => {
            await exec(c, sql, params);
          },
          all: <R extends Row>(sql: string, params?: readonly SqlValue[]) => readAll<R>(c, sql, params),
          streamColumn: async (sql, write) => {
            const result = await c.stream(sql);
            let n = 0;
            for (;;) {
              const chunk = await result.fetchChunk();
              if (!chunk || chunk.rowCount === 0) break;
              n += chunk.rowCount;
              await write(chunk.getColumnValues(0));
            }
            return n;
          },
        });
      } finally {
        c.closeSync();
      }
    },
    close() {
      reader?.closeSync();
      conn.closeSync();
      instance.closeSync();
    },
  };
  return db;
}


/** SQL expression turning a UBIGINT H3 cell column into the usual lower-case hex string. */
export function h3ToHex(col: string): string {
  return `lower(hex(${col}))`;
}

/**
 * SQL for the H3 parent at resolution `res` of a UBIGINT cell column of a finer resolution: set
 * the resolution field (bits 52–55) and fill the digits finer than `res` with 7 (unused). Both
 * masks are constants, so DuckDB stays in UBIGINT (a macro taking `res` computed through HUGEINT
 * casts and cost about four times as much).
 */
export function h3ParentSql(col: string, res: number): string {
  if (!Number.isInteger(res) || res < 0 || res > 15) throw new Error(`H3 resolution must be an integer 0..15, got ${res}`);
  const keep = ((1n << 64n) - 1n) ^ (15n << 52n);
  const set = (BigInt(res) << 52n) | ((1n << BigInt(3 * (15 - res))) - 1n);
  return `((${col} & ${keep}::UBIGINT) | ${set}::UBIGINT)`;
}
