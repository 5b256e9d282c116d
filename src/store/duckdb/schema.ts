/**
 * Versioned migrations. Each has a stable id and is applied once, in order, inside a transaction;
 * applied ids are recorded in `schema_migrations`. A capability that needs tables adds its own
 * migration list in its own module and registers it in `MIGRATIONS` below.
 *
 * Every key is led by `force_id`, the distribution key when the store moves to PostgreSQL/Citus.
 * The large fact tables (street, outcomes, stop_search, cube) declare their keys in comments and
 * tests, not as DuckDB constraints: DuckDB's ART indexes would slow bulk loads several-fold, and
 * the loader guarantees uniqueness of (force_id, month, row_id) itself.
 *
 * In `street` and `outcomes`, `row_id` is a virtual column, `coalesce(row_key, crime_id)`: most
 * rows' id is their Crime ID, and storing it twice cost about a sixth of the fact INSERT's CPU
 * (compressing a second 64-character string per row). `row_key` holds the id only where it differs
 * (repeated Crime IDs, rows without one) and is NULL otherwise; nothing outside the loader reads it.
 *
 * The standard's closed vocabularies (force, crime category, outcome) are DuckDB ENUM types in
 * `street`, `outcomes` and `cube` (0003): a one-byte code is written and grouped for a fraction of
 * the CPU a string costs, and reads, comparisons with strings and exports see the same text as
 * before. Their values are sorted, so ORDER BY sorts them as it sorts text. DuckDB cannot add a
 * value to an ENUM: a version of the standard that adds a force, category or outcome brings a
 * migration that rebuilds these tables with the wider type. The same migration names the
 * compression of each text column of those tables (see Coding).
 */
import { FORCES, crimeCategoryNameTable, outcomeNameTable } from '../../standard/index.ts';
import { sqlString } from './db.ts';
import { ACCESS_MIGRATIONS } from '../sql/access.ts';
import { GEOGRAPHY_MIGRATIONS } from './geography.ts';
import { QUALITY_MIGRATIONS } from './quality.ts';
import { ALERTS_MIGRATIONS } from './alerts.ts';
import { RECORDS_MIGRATIONS } from './records.ts';
import { METHODS_MIGRATIONS } from './methods.ts';
import { LINKAGE_MIGRATIONS } from './linkage.ts';
import { PRODUCTIVITY_MIGRATIONS } from './productivity.ts';
import { TACTICS_MIGRATIONS } from './tactics.ts';

export type { Migration } from '../sql/db.ts';
import type { Migration } from '../sql/db.ts';

/** The ENUM types of the standard's closed vocabularies, by what they hold. */
export const CODE_TYPES = { force: 'force_code', category: 'category_code', outcome: 'outcome_code' } as const;

function codeTypes(): string[] {
  const values = (xs: Iterable<string>) => [...new Set(xs)].sort().map(sqlString).join(', ');
  return [
    `CREATE TYPE ${CODE_TYPES.force} AS ENUM (${values(FORCES.map((f) => f.id))})`,
    `CREATE TYPE ${CODE_TYPES.category} AS ENUM (${values(crimeCategoryNameTable().map(([, code]) => code))})`,
    `CREATE TYPE ${CODE_TYPES.outcome} AS ENUM (${values(outcomeNameTable().map(([, code]) => code))})`,
  ];
}

/**
 * Column types of the coded columns, and how the text columns are compressed: text and DuckDB's
 * own choice (the layout of 0002), or the standard's ENUMs and a named compression per text
 * column (0003 on). DuckDB otherwise tries every method on every segment it writes; naming the one
 * it picks anyway (FSST for the Crime ID's hex and the location, a dictionary for the few
 * distinct names and codes) takes a sixth off the CPU of a load's fact INSERT, for a store 1%
 * larger.
 */
interface Coding {
  readonly force: string;
  readonly category: string;
  readonly outcome: string;
  /** `USING COMPRESSION` of a text column, by column name; none means DuckDB chooses. */
  readonly compression: Readonly<Record<string, 'fsst' | 'dictionary'>>;
}
const TEXT: Coding = { force: 'VARCHAR', category: 'VARCHAR', outcome: 'VARCHAR', compression: {} };
const CODED: Coding = {
  ...CODE_TYPES,
  compression: {
    crime_id: 'fsst', location: 'fsst', month: 'dictionary', reported_by: 'dictionary', falls_within: 'dictionary',
    lsoa_code: 'dictionary', lsoa_name: 'dictionary', context: 'dictionary', batch_id: 'dictionary',
  },
};

/** `name VARCHAR` with its compression under `t`, and `extra` (e.g. NOT NULL) before it. */
function text(t: Coding, name: string, extra = ''): string {
  const method = t.compression[name];
  return `${name} VARCHAR${extra ? ` ${extra}` : ''}${method ? ` USING COMPRESSION ${method}` : ''}`;
}

/**
 * The layout of `street` (the table name is a parameter so a migration can build it beside the
 * old one). `row_id` keeps its place, so `SELECT * EXCLUDE (row_key)` reads as it always did.
 */
function streetTable(name: string, t: Coding): string {
  return `CREATE TABLE ${name} (
    force_id ${t.force} NOT NULL, ${text(t, 'month', 'NOT NULL')}, row_id VARCHAR GENERATED ALWAYS AS (coalesce(row_key, crime_id)) VIRTUAL,
    ${text(t, 'crime_id')}, ${text(t, 'reported_by')}, ${text(t, 'falls_within')}, lon DOUBLE, lat DOUBLE, ${text(t, 'location')}, ${text(t, 'lsoa_code')},
    ${text(t, 'lsoa_name')}, category ${t.category} NOT NULL, outcome ${t.outcome}, ${text(t, 'context')}, located BOOLEAN NOT NULL,
    h3_r7 UBIGINT, h3_r8 UBIGINT, h3_r9 UBIGINT, ${text(t, 'batch_id', 'NOT NULL')}, row_key VARCHAR)`;
}

/** The layout of `outcomes` (see streetTable). */
function outcomesTable(name: string, t: Coding): string {
  return `CREATE TABLE ${name} (
    force_id ${t.force} NOT NULL, ${text(t, 'month', 'NOT NULL')}, row_id VARCHAR GENERATED ALWAYS AS (coalesce(row_key, crime_id)) VIRTUAL,
    ${text(t, 'crime_id')}, ${text(t, 'reported_by')}, ${text(t, 'falls_within')}, lon DOUBLE, lat DOUBLE, ${text(t, 'location')}, ${text(t, 'lsoa_code')},
    ${text(t, 'lsoa_name')}, outcome ${t.outcome} NOT NULL, located BOOLEAN NOT NULL,
    h3_r7 UBIGINT, h3_r8 UBIGINT, h3_r9 UBIGINT, ${text(t, 'batch_id', 'NOT NULL')}, row_key VARCHAR)`;
}

/** The layout of `cube` (see streetTable). */
function cubeTable(name: string, t: Coding): string {
  return `CREATE TABLE ${name} (
    force_id ${t.force} NOT NULL, ${text(t, 'month', 'NOT NULL')}, category ${t.category} NOT NULL, ${text(t, 'lsoa_code')},
    h3_r8 UBIGINT, n BIGINT NOT NULL)`;
}

/** The stored columns of `street` and `outcomes`, in table order (what the loader and migrations insert). */
export const STREET_STORED_COLUMNS = ['force_id', 'month', 'crime_id', 'reported_by', 'falls_within', 'lon', 'lat', 'location',
  'lsoa_code', 'lsoa_name', 'category', 'outcome', 'context', 'located', 'h3_r7', 'h3_r8', 'h3_r9', 'batch_id', 'row_key'] as const;
export const OUTCOMES_STORED_COLUMNS = ['force_id', 'month', 'crime_id', 'reported_by', 'falls_within', 'lon', 'lat', 'location',
  'lsoa_code', 'lsoa_name', 'outcome', 'located', 'h3_r7', 'h3_r8', 'h3_r9', 'batch_id', 'row_key'] as const;

/**
 * Rebuilds a fact table in the given layout, keeping every row in its order: `row_key` is the
 * old `row_id` where it differs from the Crime ID. Reads `row_id` and `crime_id` only, so it
 * works on the old layout and on the new one alike.
 */
function rebuild(table: 'street' | 'outcomes' | 'cube', coding: Coding): string[] {
  if (table === 'cube') {
    return [cubeTable('cube_rebuilt', coding), `INSERT INTO cube_rebuilt SELECT * FROM cube`, `DROP TABLE cube`, `ALTER TABLE cube_rebuilt RENAME TO cube`];
  }
  const cols = table === 'street' ? STREET_STORED_COLUMNS : OUTCOMES_STORED_COLUMNS;
  const create = table === 'street' ? streetTable : outcomesTable;
  const select = cols.map((c) => (c === 'row_key' ? `CASE WHEN row_id IS DISTINCT FROM crime_id THEN row_id END` : c)).join(', ');
  return [
    create(`${table}_rebuilt`, coding),
    `INSERT INTO ${table}_rebuilt (${cols.join(', ')}) SELECT ${select} FROM ${table}`,
    `DROP TABLE ${table}`,
    `ALTER TABLE ${table}_rebuilt RENAME TO ${table}`,
  ];
}

const CORE: readonly Migration[] = [
  {
    id: '0001-core',
    statements: [
      `CREATE TABLE batches (
        force_id VARCHAR NOT NULL, batch_id VARCHAR NOT NULL, kind VARCHAR NOT NULL, source VARCHAR NOT NULL,
        sha256 VARCHAR NOT NULL, months VARCHAR[] NOT NULL, rows_read BIGINT NOT NULL, rows_loaded BIGINT NOT NULL,
        rows_quarantined BIGINT NOT NULL, status VARCHAR NOT NULL, started_at TIMESTAMP NOT NULL,
        finished_at TIMESTAMP NOT NULL, ms_total DOUBLE NOT NULL, detail VARCHAR,
        PRIMARY KEY (force_id, batch_id))`,
      // Which batch currently holds each force × kind × month: the unit a reload replaces.
      `CREATE TABLE force_months (
        force_id VARCHAR NOT NULL, kind VARCHAR NOT NULL, month VARCHAR NOT NULL, batch_id VARCHAR NOT NULL,
        sha256 VARCHAR NOT NULL, rows BIGINT NOT NULL, PRIMARY KEY (force_id, kind, month))`,
      // key (force_id, month, row_id). The first layout of street and outcomes, kept as it was applied;
      // 0002-core-row-key rebuilds both in the current layout (streetTable, outcomesTable).
      `CREATE TABLE street (
        force_id VARCHAR NOT NULL, month VARCHAR NOT NULL, row_id VARCHAR NOT NULL, crime_id VARCHAR,
        reported_by VARCHAR, falls_within VARCHAR, lon DOUBLE, lat DOUBLE, location VARCHAR, lsoa_code VARCHAR,
        lsoa_name VARCHAR, category VARCHAR NOT NULL, outcome VARCHAR, context VARCHAR, located BOOLEAN NOT NULL,
        h3_r7 UBIGINT, h3_r8 UBIGINT, h3_r9 UBIGINT, batch_id VARCHAR NOT NULL)`,
      // key (force_id, month, row_id)
      `CREATE TABLE outcomes (
        force_id VARCHAR NOT NULL, month VARCHAR NOT NULL, row_id VARCHAR NOT NULL, crime_id VARCHAR,
        reported_by VARCHAR, falls_within VARCHAR, lon DOUBLE, lat DOUBLE, location VARCHAR, lsoa_code VARCHAR,
        lsoa_name VARCHAR, outcome VARCHAR NOT NULL, located BOOLEAN NOT NULL,
        h3_r7 UBIGINT, h3_r8 UBIGINT, h3_r9 UBIGINT, batch_id VARCHAR NOT NULL)`,
      // key (force_id, month, row_id)
      `CREATE TABLE stop_search (
        force_id VARCHAR NOT NULL, month VARCHAR NOT NULL, row_id VARCHAR NOT NULL, search_type VARCHAR NOT NULL,
        occurred_at TIMESTAMPTZ NOT NULL, part_of_operation BOOLEAN, operation_name VARCHAR, lon DOUBLE, lat DOUBLE,
        gender VARCHAR, age_range VARCHAR, self_defined_ethnicity VARCHAR, officer_defined_ethnicity VARCHAR,
        legislation VARCHAR, object_of_search VARCHAR, outcome VARCHAR, outcome_linked BOOLEAN,
        removal_of_outer_clothing BOOLEAN, located BOOLEAN NOT NULL, h3_r7 UBIGINT, h3_r8 UBIGINT, h3_r9 UBIGINT,
        batch_id VARCHAR NOT NULL)`,
      // key (force_id, batch_id, line)
      `CREATE TABLE quarantine (
        force_id VARCHAR NOT NULL, batch_id VARCHAR NOT NULL, kind VARCHAR NOT NULL, source VARCHAR NOT NULL,
        line BIGINT, raw VARCHAR, reasons VARCHAR[] NOT NULL, detail VARCHAR)`,
      // The monthly cube the analyses read: street rows counted by force × month × category × LSOA × H3 r8.
      // key (force_id, month, category, lsoa_code, h3_r8)
      cubeTable('cube', TEXT),
      // H3 r9 of every distinct point ever loaded, so a reload never recomputes it.
      `CREATE TABLE h3_points (lon DOUBLE NOT NULL, lat DOUBLE NOT NULL, h3_r9 UBIGINT NOT NULL)`,
    ],
  },
  {
    // street and outcomes store the row id only where it is not the Crime ID (see the top of this file).
    id: '0002-core-row-key',
    statements: [...rebuild('street', TEXT), ...rebuild('outcomes', TEXT)],
  },
  {
    // The standard's forces, categories and outcomes as ENUM codes (see the top of this file).
    id: '0003-core-codes',
    statements: [...codeTypes(), ...rebuild('street', CODED), ...rebuild('outcomes', CODED), ...rebuild('cube', CODED)],
  },
];

/** Every migration of every capability, in order. */
export const MIGRATIONS: readonly Migration[] = [...CORE, ...GEOGRAPHY_MIGRATIONS, ...QUALITY_MIGRATIONS, ...ACCESS_MIGRATIONS, ...ALERTS_MIGRATIONS, ...RECORDS_MIGRATIONS, ...PRODUCTIVITY_MIGRATIONS, ...LINKAGE_MIGRATIONS, ...TACTICS_MIGRATIONS, ...METHODS_MIGRATIONS];
