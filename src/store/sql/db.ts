/**
 * The SQL layer both backends implement (`src/store/duckdb/db.ts` over DuckDB,
 * `src/store/postgres/db.ts` over a pg pool), and what SQL written once for both may use: the
 * store's namespaces see `Db`, plain rows and Peel's errors, never a driver's types.
 */

export type SqlValue = string | number | boolean | null | bigint;
export type Row = Record<string, unknown>;

export interface Appender {
  row(values: readonly SqlValue[]): void;
  close(): void;
}

export interface Db {
  readonly path: string;
  /** Which SQL this Db speaks, for the few statements written differently per backend. */
  readonly dialect: 'duckdb' | 'postgres';
  /** Runs a statement (or several separated by `;` when no params are given). */
  run(sql: string, params?: readonly SqlValue[]): Promise<void>;
  /** Runs a query and returns its rows as plain objects (BIGINTs as numbers when safe). */
  all<T extends Row = Row>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  one<T extends Row = Row>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined>;
  /**
   * Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. Only
   * calls made from `fn`'s own async context run inside it; other callers' writes wait for it to
   * end and their reads see committed state. A transaction opened inside `fn` joins it.
   */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  /**
   * A fast row appender for a table whose column types are VARCHAR, DOUBLE, BIGINT or UBIGINT.
   * Fill it synchronously (create, rows, close): outside a transaction it holds the connection
   * until closed.
   */
  appender(table: string, types: readonly AppenderType[]): Promise<Appender>;
  /**
   * Runs `fn` on a connection of its own, closed afterwards: it reads committed state, its
   * settings (`SET ...`) stay its own, and a long statement there holds up no other caller.
   */
  session<T>(fn: (s: Session) => Promise<T>): Promise<T>;
  close(): void;
}

/** A connection of its own (see `Db.session`); use it from one caller at a time. */
export interface Session {
  run(sql: string, params?: readonly SqlValue[]): Promise<void>;
  all<T extends Row = Row>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  /**
   * Streams the first column of a query, one chunk (about 2,048 rows) at a time, without holding
   * the result in memory; `write` is awaited before the next chunk is fetched. Returns the rows.
   */
  streamColumn(sql: string, write: (values: readonly unknown[]) => Promise<void> | void): Promise<number>;
}

/** A schema change: applied once, in order, its statements in one transaction; ids are kept in `schema_migrations`. */
export interface Migration {
  readonly id: string;
  readonly statements: readonly string[];
}

export type AppenderType = 'varchar' | 'double' | 'bigint' | 'ubigint' | 'integer' | 'boolean';

/** Quotes a string as a SQL literal (for identifiers and file paths a statement cannot bind). */
export function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}
