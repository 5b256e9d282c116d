/**
 * The schema's migrations in PostgreSQL: the same ids, tables and column names as the embedded
 * store's (../duckdb/schema.ts and each capability's list), so `store.migrations()` agree.
 *
 * The core tables (0001-0003) are written here by hand in their current layout: PostgreSQL has no
 * ENUMs that widen cheaply nor compression clauses, so the coded columns are text and 0002/0003
 * (which rebuild DuckDB's tables) have nothing left to do. `row_id` is a stored generated column
 * (PostgreSQL 15 has no virtual ones). H3 cells are BIGINT: a cell's top bit is always 0, so a
 * UBIGINT cell fits a signed 64-bit integer unchanged.
 *
 * Every other capability's DDL is portable but for two type names and the empty-list default, translated by `toPostgres`.
 * Indexes, which DuckDB does without, lead with force_id (the Citus distribution key).
 */
import { MIGRATIONS, type Migration } from '../duckdb/schema.ts';

/** DuckDB's DDL type names that PostgreSQL spells otherwise. */
export function toPostgres(ddl: string): string {
  return ddl.replace(/\bDOUBLE\b(?!\s+PRECISION)/g, 'DOUBLE PRECISION').replace(/\bUBIGINT\b/g, 'BIGINT').replace(/\bDEFAULT \[\]/g, "DEFAULT '{}'");
}

const FACT = `lon DOUBLE PRECISION, lat DOUBLE PRECISION, location VARCHAR, lsoa_code VARCHAR, lsoa_name VARCHAR`;

const CORE: Record<string, readonly string[]> = {
  '0001-core': [
    `CREATE TABLE batches (
      force_id VARCHAR NOT NULL, batch_id VARCHAR NOT NULL, kind VARCHAR NOT NULL, source VARCHAR NOT NULL,
      sha256 VARCHAR NOT NULL, months VARCHAR[] NOT NULL, rows_read BIGINT NOT NULL, rows_loaded BIGINT NOT NULL,
      rows_quarantined BIGINT NOT NULL, status VARCHAR NOT NULL, started_at TIMESTAMP NOT NULL,
      finished_at TIMESTAMP NOT NULL, ms_total DOUBLE PRECISION NOT NULL, detail VARCHAR,
      PRIMARY KEY (force_id, batch_id))`,
    `CREATE INDEX batches_sha256 ON batches (sha256)`,
    `CREATE TABLE force_months (
      force_id VARCHAR NOT NULL, kind VARCHAR NOT NULL, month VARCHAR NOT NULL, batch_id VARCHAR NOT NULL,
      sha256 VARCHAR NOT NULL, rows BIGINT NOT NULL, PRIMARY KEY (force_id, kind, month))`,
    `CREATE TABLE street (
      force_id VARCHAR NOT NULL, month VARCHAR NOT NULL, row_id VARCHAR GENERATED ALWAYS AS (coalesce(row_key, crime_id)) STORED,
      crime_id VARCHAR, reported_by VARCHAR, falls_within VARCHAR, ${FACT},
      category VARCHAR NOT NULL, outcome VARCHAR, context VARCHAR, located BOOLEAN NOT NULL,
      h3_r7 BIGINT, h3_r8 BIGINT, h3_r9 BIGINT, batch_id VARCHAR NOT NULL, row_key VARCHAR)`,
    `CREATE INDEX street_force_month ON street (force_id, month)`,
    `CREATE TABLE outcomes (
      force_id VARCHAR NOT NULL, month VARCHAR NOT NULL, row_id VARCHAR GENERATED ALWAYS AS (coalesce(row_key, crime_id)) STORED,
      crime_id VARCHAR, reported_by VARCHAR, falls_within VARCHAR, ${FACT},
      outcome VARCHAR NOT NULL, located BOOLEAN NOT NULL,
      h3_r7 BIGINT, h3_r8 BIGINT, h3_r9 BIGINT, batch_id VARCHAR NOT NULL, row_key VARCHAR)`,
    `CREATE INDEX outcomes_force_month ON outcomes (force_id, month)`,
    `CREATE TABLE stop_search (
      force_id VARCHAR NOT NULL, month VARCHAR NOT NULL, row_id VARCHAR NOT NULL, search_type VARCHAR NOT NULL,
      occurred_at TIMESTAMPTZ NOT NULL, part_of_operation BOOLEAN, operation_name VARCHAR, lon DOUBLE PRECISION, lat DOUBLE PRECISION,
      gender VARCHAR, age_range VARCHAR, self_defined_ethnicity VARCHAR, officer_defined_ethnicity VARCHAR,
      legislation VARCHAR, object_of_search VARCHAR, outcome VARCHAR, outcome_linked BOOLEAN,
      removal_of_outer_clothing BOOLEAN, located BOOLEAN NOT NULL, h3_r7 BIGINT, h3_r8 BIGINT, h3_r9 BIGINT,
      batch_id VARCHAR NOT NULL)`,
    `CREATE INDEX stop_search_force_month ON stop_search (force_id, month)`,
    `CREATE TABLE quarantine (
      force_id VARCHAR NOT NULL, batch_id VARCHAR NOT NULL, kind VARCHAR NOT NULL, source VARCHAR NOT NULL,
      line BIGINT, raw VARCHAR, reasons VARCHAR[] NOT NULL, detail VARCHAR)`,
    `CREATE INDEX quarantine_batch ON quarantine (force_id, batch_id)`,
    `CREATE TABLE cube (
      force_id VARCHAR NOT NULL, month VARCHAR NOT NULL, category VARCHAR NOT NULL, lsoa_code VARCHAR,
      h3_r8 BIGINT, n BIGINT NOT NULL)`,
    `CREATE INDEX cube_force_month ON cube (force_id, month)`,
    `CREATE TABLE h3_points (lon DOUBLE PRECISION NOT NULL, lat DOUBLE PRECISION NOT NULL, h3_r9 BIGINT NOT NULL, PRIMARY KEY (lon, lat))`,
  ],
  // The embedded store's rebuilds into the row-key and coded layouts: 0001 above is already both.
  '0002-core-row-key': [],
  '0003-core-codes': [],
};

/** Every migration, in the embedded store's order, in PostgreSQL DDL. */
export const PG_MIGRATIONS: readonly Migration[] = MIGRATIONS.map((m) => ({
  id: m.id,
  statements: CORE[m.id] ?? m.statements.map(toPostgres),
}));
