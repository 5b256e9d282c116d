/**
 * The thin layer over DuckDB that the rest of the store uses. DuckDB's own types stay in this
 * file; the store's modules see `Db`, plain rows and Peel's errors.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { PeelError } from '../standard/index.ts';

export type SqlValue = string | number | boolean | null | bigint;
export type Row = Record<string, unknown>;

export interface Appender {
  row(values: readonly SqlValue[]): void;
  close(): void;
}

export interface Db {
  readonly path: string;
  /** Runs a statement (or several separated by `;` when no params are given). */
  run(sql: string, params?: readonly SqlValue[]): Promise<void>;
  /** Runs a query and returns its rows as plain objects (BIGINTs as numbers when safe). */
  all<T extends Row = Row>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  one<T extends Row = Row>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined>;
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  /** A fast row appender for a table whose column types are VARCHAR, DOUBLE, BIGINT or UBIGINT. */
  appender(table: string, types: readonly ('varchar' | 'double' | 'bigint' | 'ubigint' | 'integer' | 'boolean')[]): Promise<Appender>;
  close(): void;
}

function toJs(v: unknown): unknown {
  if (typeof v === 'bigint') return v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(v) : v.toString();
  if (Array.isArray(v)) return v.map(toJs);
  return v;
}

function convertRow(r: Record<string, unknown>): Row {
  const out: Row = {};
  for (const k of Object.keys(r)) out[k] = toJs(r[k]);
  return out;
}

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
  let inTx = false;
  let queue: Promise<unknown> = Promise.resolve();
  // DuckDB connections run one statement at a time; serialise callers so concurrent API requests
  // cannot interleave statements of a transaction.
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const p = queue.then(fn, fn);
    queue = p.catch(() => undefined);
    return p;
  };
  const exec = async (sql: string, params?: readonly SqlValue[]) =>
    params && params.length ? conn.run(sql, params as DuckDBValue[]) : conn.run(sql);

  const db: Db = {
    path,
    run: async (sql, params) => {
      await (inTx ? exec(sql, params) : serial(() => exec(sql, params)));
    },
    all: async <T extends Row>(sql: string, params?: readonly SqlValue[]) => {
      const go = async () => {
        const reader = params && params.length ? await conn.runAndReadAll(sql, params as DuckDBValue[]) : await conn.runAndReadAll(sql);
        return reader.getRowObjectsJS().map((r) => convertRow(r as Record<string, unknown>)) as T[];
      };
      return inTx ? go() : serial(go);
    },
    one: async <T extends Row>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined> => (await db.all<T>(sql, params))[0],
    // A transaction opened inside another joins it (DuckDB has no nested transactions): a load's
    // audit event commits with the load.
    transaction: <T>(fn: () => Promise<T>) => inTx ? fn() :
      serial(async () => {
        await conn.run('BEGIN TRANSACTION');
        inTx = true;
        try {
          const r = await fn();
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
          inTx = false;
        }
      }),
    appender: async (table, types) => {
      const app = await conn.createAppender(table);
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
          app.flushSync();
          app.closeSync();
        },
      };
    },
    close() {
      conn.closeSync();
      instance.closeSync();
    },
  };
  return db;
}

/** Quotes a string as a SQL literal (for identifiers and file paths that DuckDB cannot bind). */
export function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
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
