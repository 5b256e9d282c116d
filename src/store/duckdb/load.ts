/**
 * Loading data.police.uk CSV files into the store. DuckDB parses (`read_csv`, twice: a first pass
 * for what the checks look up, a second that checks and types every row), SQL validates every row
 * against the national standard and computes stable ids, and one transaction per group of files
 * replaces the force-months they hold. JavaScript touches only what SQL cannot do: H3 cells of the
 * distinct points never seen before (on worker threads), and the raw text of the (few)
 * quarantined rows.
 *
 * Guarantees, per file (a batch): rows read = rows loaded + rows quarantined; a force × kind ×
 * month is replaced atomically (readers see the old rows or the new, never both); the same bytes
 * loaded again change nothing and are reported `unchanged`.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import {
  PeelError, DATASET_COLUMNS, REASONS, UK_BOUNDS, crimeCategoryNameTable, outcomeNameTable, FORCES, STOP_SEARCH_VOCABULARIES,
  type DatasetKind, type ReasonCode,
} from '../../standard/index.ts';
import { h3ParentSql, sqlString, type Db } from './db.ts';
import { cellsR9 } from './h3-cells.ts';
import { CODE_TYPES, OUTCOMES_STORED_COLUMNS, STREET_STORED_COLUMNS } from './schema.ts';
import { judgeReplacements, type HeldForceMonth } from './replace.ts';
import { GroupClash } from '../errors.ts';
import type { BatchResult, BatchStatus, LoadFile, LoadGroup, LoadHooks } from '../types/load.ts';

let mapsReady = new WeakSet<Db>();

/** Name-to-code tables of the standard, as temporary tables the validation SQL joins. */
async function ensureMaps(db: Db): Promise<void> {
  if (mapsReady.has(db)) return;
  const values = (rows: ReadonlyArray<readonly string[]>) => rows.map((r) => `(${r.map(sqlString).join(', ')})`).join(',\n');
  const forceRows: string[][] = [];
  const key = (s: string) => s.toLowerCase().replace(/&/g, ' and ').replace(/[^a-z0-9]+/g, ' ').trim().replace(/\s+/g, ' ');
  for (const f of FORCES) for (const n of [f.id, f.name, ...f.variants]) forceRows.push([key(n), f.id]);
  const ss: string[][] = [];
  for (const [vocab, m] of Object.entries(STOP_SEARCH_VOCABULARIES)) for (const [name, code] of m) ss.push([vocab, name, code]);
  await db.run(`
    CREATE OR REPLACE TEMP TABLE map_category AS SELECT * FROM (VALUES ${values(crimeCategoryNameTable())}) t(name, code);
    CREATE OR REPLACE TEMP TABLE map_outcome AS SELECT * FROM (VALUES ${values(outcomeNameTable())}) t(name, code);
    CREATE OR REPLACE TEMP TABLE map_force AS SELECT DISTINCT * FROM (VALUES ${values(forceRows)}) t(name, id);
    CREATE OR REPLACE TEMP TABLE map_ss AS SELECT * FROM (VALUES ${values(ss)}) t(vocab, name, code);
    CREATE OR REPLACE MACRO force_key(s) AS trim(regexp_replace(regexp_replace(lower(s), '&', ' and ', 'g'), '[^a-z0-9]+', ' ', 'g'));
    -- nullif(trim(s), ''), but trimming (which copies the string) only values that start or end
    -- with a space: almost none do, and trimming every field of every row was the costliest part
    -- of validation.
    CREATE OR REPLACE MACRO blank(s) AS CASE WHEN s IS NULL OR s = '' THEN NULL
      WHEN starts_with(s, ' ') OR ends_with(s, ' ') THEN nullif(trim(s), '') ELSE s END;
  `);
  mapsReady.add(db);
}

/** Forget per-connection setup (after the store is reopened). */
export function resetLoadState(): void {
  mapsReady = new WeakSet<Db>();
}

/**
 * For each sha256, the batch whose bytes the store already holds, if any: the same sha256 and
 * kind, and every month that batch loaded is still held by it. One query for any number of files.
 */
export async function findUnchanged(db: Db, kind: DatasetKind, sha256s: readonly string[]): Promise<Map<string, BatchResult>> {
  const out = new Map<string, BatchResult>();
  if (!sha256s.length) return out;
  const rows = await db.all<Record<string, unknown>>(
    `SELECT * FROM (
       SELECT b.*, row_number() OVER (PARTITION BY b.sha256 ORDER BY b.finished_at DESC) AS rn FROM batches b
       WHERE b.kind = ? AND b.sha256 IN (${sha256s.map(sqlString).join(', ')}) AND b.status IN ('loaded', 'replaced') AND len(b.months) > 0
         AND NOT EXISTS (SELECT 1 FROM unnest(b.months) AS m(month)
                         WHERE NOT EXISTS (SELECT 1 FROM force_months f WHERE f.force_id = b.force_id AND f.kind = b.kind
                                             AND f.month = m.month AND f.batch_id = b.batch_id))) WHERE rn = 1`,
    [kind],
  );
  for (const row of rows) {
    out.set(String(row.sha256), {
      batch_id: String(row.batch_id), source: String(row.source), kind, force_id: String(row.force_id),
      months: (row.months as string[]).slice(), rows_read: Number(row.rows_read), rows_loaded: Number(row.rows_loaded),
      rows_quarantined: Number(row.rows_quarantined), rows_before: Number(row.rows_loaded), status: 'unchanged', ms_total: 0,
    });
  }
  return out;
}

/** Records a batch that changed nothing (its bytes are already held), for provenance. */
export async function recordUnchanged(db: Db, file: LoadFile, prior: BatchResult): Promise<BatchResult> {
  const now = new Date().toISOString();
  await db.run(
    `INSERT INTO batches VALUES (?, ?, ?, ?, ?, ?::VARCHAR[], ?, 0, 0, 'unchanged', ?::TIMESTAMP, ?::TIMESTAMP, 0, ?)`,
    [prior.force_id, file.batchId, prior.kind, file.source, file.sha256, `[${prior.months.map((m) => `'${m}'`).join(',')}]`,
      prior.rows_read, now.replace('Z', ''), now.replace('Z', ''), `same bytes as batch ${prior.batch_id}`],
  );
  return { ...prior, batch_id: file.batchId, source: file.source, rows_loaded: prior.rows_loaded, status: 'unchanged' };
}

const REJECT_REASON: Record<string, ReasonCode> = {
  'MISSING COLUMNS': 'row.field_count',
  'TOO MANY COLUMNS': 'row.field_count',
};

function csvColumnsStruct(columns: readonly string[]): string {
  return `{${columns.map((c) => `${sqlString(c)}: 'VARCHAR'`).join(', ')}}`;
}

/**
 * The group's files as a subquery with the standard's columns (NULL where a file lacks one; extra
 * columns left out) and `filename`. With `rejects`, lines DuckDB cannot parse go to `rej_errors`
 * and `rej_scans`; without, they are skipped the same way.
 */
function csvSource(kind: DatasetKind, files: readonly LoadFile[], columns: readonly string[]): (rejects: boolean) => string {
  const expected: readonly string[] = DATASET_COLUMNS[kind];
  const select = expected.map((c) => (columns.includes(c) ? `"${c}"` : `NULL::VARCHAR AS "${c}"`)).join(', ');
  const fileList = `[${files.map((f) => sqlString(f.path)).join(', ')}]`;
  return (rejects) => `(SELECT ${select}, filename FROM read_csv(${fileList},
      auto_detect = false, header = true, delim = ',', quote = '"', escape = '"', columns = ${csvColumnsStruct(columns)},
      filename = true, strict_mode = true,
      ${rejects ? `store_rejects = true, rejects_table = 'rej_errors', rejects_scan = 'rej_scans'` : 'ignore_errors = true'}))`;
}

/**
 * The SELECT that validates the rows of `source` of one kind: typed values, whether the row passed
 * (`ok`), and the H3 r9 cell of its point (from `gph`, the group's points: see groupPoints). A failed
 * row's reasons and detail are worked out again where it is placed on its line (stageQuarantine),
 * so they are left out here.
 */
function validationSql(kind: DatasetKind, source: string): string {
  return `SELECT x.* EXCLUDE (reasons, detail), gph.h3_r9 FROM (${checksSql(kind, source, false)}) x LEFT JOIN gph ON gph.lon = x.lon AND gph.lat = x.lat`;
}

/** The distinct in-range points of the group (from the first pass's distinct coordinate pairs), as the validation types them. */
function stagedPointsSql(): string {
  const B = UK_BOUNDS;
  return `SELECT DISTINCT lon, lat FROM (SELECT TRY_CAST(blank(longitude) AS DOUBLE) AS lon, TRY_CAST(blank(latitude) AS DOUBLE) AS lat
      FROM p1 WHERE longitude IS NOT NULL AND latitude IS NOT NULL)
    WHERE lon BETWEEN ${B.minLon} AND ${B.maxLon} AND lat BETWEEN ${B.minLat} AND ${B.maxLat}`;
}

/**
 * The checks of one kind over `source`, a subquery with the standard's columns and `filename`.
 * With `located`, the source also has `_rid` (the row's ordinal in an ordered staging table) and
 * the result carries it and the file, to place quarantined rows on their lines.
 */
function checksSql(kind: DatasetKind, source: string, located: boolean): string {
  const place = located ? 's._rid AS _rid, s.filename AS _file,' : '';
  const placeCols = located ? '_rid, _file,' : '';
  const B = UK_BOUNDS;
  const coords = `
      TRY_CAST(blank(s.longitude) AS DOUBLE) AS lon, TRY_CAST(blank(s.latitude) AS DOUBLE) AS lat,
      CASE WHEN (blank(s.longitude) IS NULL) <> (blank(s.latitude) IS NULL) THEN 'coords.partial'
           WHEN (blank(s.longitude) IS NOT NULL AND TRY_CAST(blank(s.longitude) AS DOUBLE) IS NULL)
             OR (blank(s.latitude) IS NOT NULL AND TRY_CAST(blank(s.latitude) AS DOUBLE) IS NULL) THEN 'coords.unparseable'
           WHEN TRY_CAST(blank(s.longitude) AS DOUBLE) NOT BETWEEN ${B.minLon} AND ${B.maxLon}
             OR TRY_CAST(blank(s.latitude) AS DOUBLE) NOT BETWEEN ${B.minLat} AND ${B.maxLat} THEN 'coords.out_of_range' END AS r_coords,
      CASE WHEN (blank(s.longitude) IS NOT NULL OR blank(s.latitude) IS NOT NULL)
             AND (TRY_CAST(blank(s.longitude) AS DOUBLE) IS NULL OR TRY_CAST(blank(s.latitude) AS DOUBLE) IS NULL
               OR TRY_CAST(blank(s.longitude) AS DOUBLE) NOT BETWEEN ${B.minLon} AND ${B.maxLon}
               OR TRY_CAST(blank(s.latitude) AS DOUBLE) NOT BETWEEN ${B.minLat} AND ${B.maxLat})
           THEN 'Longitude/Latitude "' || coalesce(s.longitude, '') || '","' || coalesce(s.latitude, '') || '"' END AS d_coords`;
  if (kind === 'street' || kind === 'outcomes') {
    const outcomeCol = kind === 'street' ? 'last_outcome_category' : 'outcome_type';
    const rowForce = `coalesce(fr.id, CASE WHEN blank(s.reported_by) IS NULL THEN coalesce(ff.id, f.force_hint::${CODE_TYPES.force}) END)`;
    // String fields are checked once per distinct value (lookups built in lookupSql), then joined.
    const conds = {
      month: `CASE WHEN blank(s.month) IS NULL THEN 'month.missing' WHEN lm.month IS NULL THEN 'month.unparseable' END`,
      force: `CASE WHEN blank(s.reported_by) IS NOT NULL AND fr.id IS NULL THEN 'force.unknown'
                   WHEN blank(s.reported_by) IS NULL AND coalesce(ff.id, f.force_hint::${CODE_TYPES.force}) IS NULL THEN 'force.missing' END`,
      lsoa: `CASE WHEN blank(s.lsoa_code) IS NOT NULL AND NOT ll.ok THEN 'lsoa.malformed' END`,
      category: kind === 'street' ? `CASE WHEN blank(s.crime_type) IS NULL THEN 'category.missing' WHEN lc.code IS NULL THEN 'category.unknown' END` : 'NULL',
      outcome: kind === 'street'
        ? `CASE WHEN blank(s.last_outcome_category) IS NOT NULL AND lo.code IS NULL THEN 'outcome.unknown' END`
        : `CASE WHEN lo.code IS NULL THEN 'outcome.unknown' END`,
      // A file writes only the force and month it declares (its name, --force, or for a file whose
      // name says neither, the force most of its rows name: see declareForces). A row of another
      // force or month is quarantined, never used to replace that force-month.
      declared: `CASE WHEN f.force_hint IS NOT NULL AND ${rowForce} IS NOT NULL AND ${rowForce} <> f.force_hint::${CODE_TYPES.force} THEN 'force.mismatch' END`,
      declaredMonth: `CASE WHEN f.month_hint IS NOT NULL AND lm.month IS NOT NULL AND lm.month <> f.month_hint THEN 'month.mismatch' END`,
    };
    const bad = `(c_month IS NOT NULL OR c_force IS NOT NULL OR r_coords IS NOT NULL OR c_lsoa IS NOT NULL OR c_category IS NOT NULL OR c_outcome IS NOT NULL
      OR c_fdecl IS NOT NULL OR c_mdecl IS NOT NULL)`;
    return `
      SELECT ${placeCols} batch_id, crime_id, month, reported_by, falls_within, force_id, lon, lat, location,
        lsoa_code, lsoa_name, ${kind === 'street' ? 'category, context,' : ''} outcome,
        NOT ${bad} AS ok,
        CASE WHEN ${bad} THEN list_filter([c_month, c_force, c_fdecl, c_mdecl, r_coords, c_lsoa, c_category, c_outcome], x -> x IS NOT NULL) END AS reasons,
        CASE WHEN ${bad} THEN concat_ws('; ',
          CASE WHEN c_fdecl IS NOT NULL THEN 'a row of force "' || force_id || '" in a file of "' || force_hint || '"' END,
          CASE WHEN c_mdecl IS NOT NULL THEN 'a row of month "' || month || '" in a file of "' || month_hint || '"' END,
          CASE WHEN c_month = 'month.unparseable' THEN 'unparseable month "' || month_raw || '"' END,
          CASE WHEN c_force = 'force.unknown' THEN 'unknown force "' || reported_by || '"' END,
          d_coords,
          CASE WHEN c_lsoa IS NOT NULL THEN 'malformed LSOA code "' || lsoa_code || '"' END,
          CASE WHEN c_category = 'category.unknown' THEN 'unknown crime type "' || crime_type_raw || '"' END,
          CASE WHEN c_outcome IS NOT NULL THEN 'unknown outcome "' || coalesce(outcome_raw, '') || '"' END) END AS detail
      FROM (
        SELECT ${place} f.batch_id, f.force_hint, f.month_hint,
          blank(s.crime_id) AS crime_id, s.month AS month_raw, lm.month,
          blank(s.reported_by) AS reported_by, blank(s.falls_within) AS falls_within,
          ${rowForce} AS force_id,
          ${coords},
          blank(s.location) AS location, blank(s.lsoa_code) AS lsoa_code, blank(s.lsoa_name) AS lsoa_name,
          ${kind === 'street' ? `s.crime_type AS crime_type_raw, lc.code AS category, blank(s.context) AS context,` : `NULL AS crime_type_raw,`}
          s.${outcomeCol} AS outcome_raw, lo.code AS outcome,
          ${conds.month} AS c_month, ${conds.force} AS c_force, ${conds.lsoa} AS c_lsoa,
          ${conds.category} AS c_category, ${conds.outcome} AS c_outcome,
          ${conds.declared} AS c_fdecl, ${conds.declaredMonth} AS c_mdecl
        FROM ${source} s
        JOIN load_files f ON s.filename = f.path
        LEFT JOIN lk_month lm ON lm.raw = s.month
        LEFT JOIN lk_force fr ON fr.raw = s.reported_by
        LEFT JOIN lk_force ff ON ff.raw = s.falls_within
        LEFT JOIN lk_lsoa ll ON ll.raw = s.lsoa_code
        ${kind === 'street' ? `LEFT JOIN lk_category lc ON lc.raw = s.crime_type` : ''}
        LEFT JOIN lk_outcome lo ON lo.raw = s.${outcomeCol}
      ) t`;
  }
  // stop and search: the force comes from the file name (the files carry no force column), the
  // month is the file's month (a row dated outside it stays with its file).
  const vocab = (col: string, v: string) =>
    `LEFT JOIN map_ss m_${v} ON m_${v}.vocab = '${v}' AND m_${v}.name = lower(trim(s.${col}))`;
  const bool = (col: string) =>
    `CASE lower(trim(coalesce(s.${col}, ''))) WHEN 'true' THEN true WHEN 'false' THEN false END`;
  const boolBad = (col: string) => `lower(trim(coalesce(s.${col}, ''))) NOT IN ('', 'true', 'false')`;
  const unknown = (col: string, v: string) => `blank(s.${col}) IS NOT NULL AND m_${v}.code IS NULL`;
  return `SELECT *, len(reasons) = 0 AS ok FROM (
    SELECT ${place} f.batch_id, f.force_hint AS force_id,
      coalesce(f.month_hint, strftime(TRY_CAST(blank(s.date) AS TIMESTAMPTZ), '%Y-%m')) AS month,
      TRY_CAST(blank(s.date) AS TIMESTAMPTZ) AS occurred_at,
      m_type.code AS search_type, ${bool('part_of_a_policing_operation')} AS part_of_operation,
      blank(s.policing_operation) AS operation_name,
      ${coords},
      m_gender.code AS gender, m_age_range.code AS age_range, m_self_defined_ethnicity.code AS self_defined_ethnicity,
      m_officer_defined_ethnicity.code AS officer_defined_ethnicity, m_legislation.code AS legislation,
      m_object_of_search.code AS object_of_search, m_outcome.code AS outcome,
      ${bool('outcome_linked_to_object_of_search')} AS outcome_linked,
      ${bool('removal_of_more_than_just_outer_clothing')} AS removal_of_outer_clothing,
      md5(concat_ws('|', s.type, s.date, s.part_of_a_policing_operation, s.policing_operation, s.latitude, s.longitude,
        s.gender, s.age_range, s.self_defined_ethnicity, s.officer_defined_ethnicity, s.legislation, s.object_of_search,
        s.outcome, s.outcome_linked_to_object_of_search, s.removal_of_more_than_just_outer_clothing)) AS content,
      list_filter([
        CASE WHEN f.force_hint IS NULL THEN 'force.missing' END,
        CASE WHEN blank(s.date) IS NULL THEN 'date.missing' WHEN TRY_CAST(blank(s.date) AS TIMESTAMPTZ) IS NULL THEN 'date.unparseable' END,
        CASE WHEN blank(s.type) IS NULL THEN 'type.missing' WHEN m_type.code IS NULL THEN 'type.unknown' END,
        r_coords,
        CASE WHEN ${unknown('legislation', 'legislation')} THEN 'legislation.unknown' END,
        CASE WHEN ${unknown('object_of_search', 'object_of_search')} THEN 'object_of_search.unknown' END,
        CASE WHEN ${unknown('outcome', 'outcome')} THEN 'search_outcome.unknown' END,
        CASE WHEN ${unknown('age_range', 'age_range')} THEN 'age_range.unknown' END,
        CASE WHEN ${unknown('gender', 'gender')} THEN 'gender.unknown' END,
        CASE WHEN ${unknown('self_defined_ethnicity', 'self_defined_ethnicity')} OR ${unknown('officer_defined_ethnicity', 'officer_defined_ethnicity')} THEN 'ethnicity.unknown' END,
        CASE WHEN ${boolBad('part_of_a_policing_operation')} OR ${boolBad('outcome_linked_to_object_of_search')} OR ${boolBad('removal_of_more_than_just_outer_clothing')} THEN 'boolean.unparseable' END
      ], x -> x IS NOT NULL) AS reasons,
      concat_ws('; ',
        CASE WHEN blank(s.date) IS NOT NULL AND TRY_CAST(blank(s.date) AS TIMESTAMPTZ) IS NULL THEN 'unparseable date "' || s.date || '"' END,
        CASE WHEN blank(s.type) IS NOT NULL AND m_type.code IS NULL THEN 'unknown search type "' || s.type || '"' END,
        d_coords,
        CASE WHEN ${unknown('legislation', 'legislation')} THEN 'unknown legislation "' || s.legislation || '"' END,
        CASE WHEN ${unknown('object_of_search', 'object_of_search')} THEN 'unknown object of search "' || s.object_of_search || '"' END,
        CASE WHEN ${unknown('outcome', 'outcome')} THEN 'unknown search outcome "' || s.outcome || '"' END,
        CASE WHEN ${unknown('age_range', 'age_range')} THEN 'unknown age range "' || s.age_range || '"' END,
        CASE WHEN ${unknown('gender', 'gender')} THEN 'unknown gender "' || s.gender || '"' END,
        CASE WHEN ${unknown('self_defined_ethnicity', 'self_defined_ethnicity')} THEN 'unknown self-defined ethnicity "' || s.self_defined_ethnicity || '"' END,
        CASE WHEN ${unknown('officer_defined_ethnicity', 'officer_defined_ethnicity')} THEN 'unknown officer-defined ethnicity "' || s.officer_defined_ethnicity || '"' END
      ) AS detail
    FROM ${source} s
    JOIN load_files f ON s.filename = f.path
    ${vocab('type', 'type')} ${vocab('gender', 'gender')} ${vocab('age_range', 'age_range')}
    ${vocab('self_defined_ethnicity', 'self_defined_ethnicity')} ${vocab('officer_defined_ethnicity', 'officer_defined_ethnicity')}
    ${vocab('legislation', 'legislation')} ${vocab('object_of_search', 'object_of_search')} ${vocab('outcome', 'outcome')})`;
}

/** The file's columns whose distinct values the validation looks up (street and outcomes; none for stop-and-search). */
function lookupColumns(kind: DatasetKind): string[] {
  switch (kind) {
    case 'street':
      return ['month', 'reported_by', 'falls_within', 'lsoa_code', 'crime_type', 'last_outcome_category'];
    case 'outcomes':
      return ['month', 'reported_by', 'falls_within', 'lsoa_code', 'outcome_type'];
    case 'stop_search':
      return [];
    default: {
      const never: never = kind;
      throw new Error(`unknown kind ${String(never)}`);
    }
  }
}

/**
 * The first pass over a group's files: one scan that counts each file's rows and collects the
 * distinct values of every looked-up column and the distinct coordinate pairs (one grouping set
 * each). Only a set's own columns are non-NULL in its rows, so `WHERE col IS NOT NULL` reads one set.
 */
function pass1Sql(kind: DatasetKind, source: string): string {
  const cols = lookupColumns(kind);
  const sets = ['(filename)', ...cols.map((c) => `(${c})`), '(longitude, latitude)'];
  return `SELECT filename, ${[...cols, 'longitude', 'latitude'].join(', ')}, count(*) AS n FROM ${source} GROUP BY GROUPING SETS (${sets.join(', ')})`;
}

/** Per-distinct-value lookups for the string fields of street and outcomes files (few distinct values, many rows), from the first pass; codes come out as the standard's ENUM types. */
function lookupSql(kind: DatasetKind): string {
  const outcomeCol = kind === 'street' ? 'last_outcome_category' : 'outcome_type';
  const distinct = (col: string) => `SELECT ${col} AS raw FROM p1 WHERE ${col} IS NOT NULL`;
  return `
    CREATE OR REPLACE TEMP TABLE lk_month AS SELECT raw, CASE WHEN regexp_full_match(trim(raw), '\\d{4}-(0[1-9]|1[0-2])') THEN trim(raw) END AS month
      FROM (${distinct('month')});
    CREATE OR REPLACE TEMP TABLE lk_force AS SELECT x.raw, m.id::${CODE_TYPES.force} AS id FROM
      (${distinct('reported_by')} UNION ${distinct('falls_within')}) x
      LEFT JOIN map_force m ON m.name = force_key(x.raw);
    CREATE OR REPLACE TEMP TABLE lk_lsoa AS SELECT raw, regexp_full_match(trim(raw), '[EW]01\\d{6}') AS ok
      FROM (${distinct('lsoa_code')});
    ${kind === 'street' ? `CREATE OR REPLACE TEMP TABLE lk_category AS SELECT x.raw, m.code::${CODE_TYPES.category} AS code FROM (${distinct('crime_type')}) x
      LEFT JOIN map_category m ON m.name = lower(regexp_replace(trim(x.raw), '\\s+', ' ', 'g'));` : ''}
    CREATE OR REPLACE TEMP TABLE lk_outcome AS SELECT x.raw, m.code::${CODE_TYPES.outcome} AS code FROM (${distinct(outcomeCol)}) x
      LEFT JOIN map_outcome m ON m.name = lower(regexp_replace(trim(x.raw), '\\s+', ' ', 'g'));`;
}

/**
 * The INSERT of validated rows into the kind's fact table. `src` is a subquery with the columns of
 * `v` plus `row_key` (street, outcomes: the row id where it is not the Crime ID, else NULL) or
 * `row_id` (stop-and-search). Columns are named: street and outcomes have a generated `row_id`.
 */
function insertSql(kind: DatasetKind, src: string): string {
  const derived: Record<string, string> = {
    located: 'g.h3_r9 IS NOT NULL AND g.lon IS NOT NULL', h3_r7: h3ParentSql('g.h3_r9', 7), h3_r8: h3ParentSql('g.h3_r9', 8),
  };
  const into = (table: string, cols: readonly string[]) =>
    `INSERT INTO ${table} (${cols.join(', ')}) SELECT ${cols.map((c) => derived[c] ?? `g.${c}`).join(', ')} FROM (${src}) g`;
  switch (kind) {
    case 'street':
      return into('street', STREET_STORED_COLUMNS);
    case 'outcomes':
      return into('outcomes', OUTCOMES_STORED_COLUMNS);
    case 'stop_search':
      return into('stop_search', ['force_id', 'month', 'row_id', 'search_type', 'occurred_at', 'part_of_operation',
        'operation_name', 'lon', 'lat', 'gender', 'age_range', 'self_defined_ethnicity', 'officer_defined_ethnicity',
        'legislation', 'object_of_search', 'outcome', 'outcome_linked', 'removal_of_outer_clothing', 'located', 'h3_r7',
        'h3_r8', 'h3_r9', 'batch_id']);
    default: {
      const never: never = kind;
      throw new Error(`unknown kind ${String(never)}`);
    }
  }
}

/**
 * Inserts a group's valid rows with their stable ids. A Crime ID that is
 * unique in its force-month is the row's id (the fast path: most rows). Repeated Crime IDs (all
 * copies kept) get the id plus a hash of the row's content; rows without an ID (anti-social
 * behaviour) and stop-and-search rows get a hash of their content. Identical copies are
 * numbered in file order.
 */
async function insertRows(db: Db, kind: DatasetKind): Promise<void> {
  const numbered = (key: string) =>
    `CASE WHEN row_number() OVER (PARTITION BY force_id, month, ${key} ORDER BY _rid) > 1
          THEN ':' || row_number() OVER (PARTITION BY force_id, month, ${key} ORDER BY _rid) ELSE '' END`;
  if (kind === 'stop_search') {
    await db.run(insertSql(kind, `SELECT *, 'ss-' || substr(content, 1, 20) || ${numbered('content')} AS row_id FROM (SELECT rowid AS _rid, * FROM v) WHERE ok`));
    return;
  }
  const content = kind === 'street'
    ? `md5(concat_ws('|', month, lon, lat, location, lsoa_code, lsoa_name, category, outcome))`
    : `md5(concat_ws('|', month, lon, lat, location, lsoa_code, lsoa_name, outcome))`;
  // Repeated Crime IDs: candidates by a 64-bit hash of the key (grouping integers, not 64-character
  // strings), then confirmed on the key itself.
  await db.run(`CREATE OR REPLACE TEMP TABLE dup AS
    WITH cand AS (SELECT hash(force_id, month, crime_id) AS h FROM v WHERE ok AND crime_id IS NOT NULL GROUP BY ALL HAVING count(*) > 1)
    SELECT force_id, month, crime_id FROM v WHERE ok AND crime_id IS NOT NULL AND hash(force_id, month, crime_id) IN (SELECT h FROM cand)
    GROUP BY ALL HAVING count(*) > 1`);
  const anyDup = await db.one(`SELECT 1 AS x FROM dup LIMIT 1`);
  const withDup = anyDup
    ? `SELECT v.rowid AS _rid, v.*, d.crime_id IS NOT NULL AS is_dup FROM v LEFT JOIN dup d ON d.force_id = v.force_id AND d.month = v.month AND d.crime_id = v.crime_id WHERE v.ok`
    : `SELECT v.rowid AS _rid, v.*, false AS is_dup FROM v WHERE v.ok`;
  // The fast path: the row id is the Crime ID, which the table does not store twice (row_key NULL).
  await db.run(insertSql(kind, `SELECT *, NULL::VARCHAR AS row_key FROM (${withDup}) WHERE crime_id IS NOT NULL AND NOT is_dup`));
  await db.run(insertSql(kind, `SELECT *, coalesce(crime_id, 'x') || ':' || substr(content, 1, 16) || ${numbered('crime_id, content')} AS row_key
      FROM (SELECT *, ${content} AS content FROM (${withDup}) WHERE crime_id IS NULL OR is_dup)`));
}

/**
 * Loads one group of files of the same kind in one transaction. The caller guarantees that no two
 * files of the group hold the same force-month (it splits such files into separate groups).
 */
export async function loadGroup(db: Db, group: LoadGroup, hooks: LoadHooks = {}): Promise<BatchResult[]> {
  const t0 = performance.now();
  await ensureMaps(db);
  const { kind, files } = group;
  // Files of a group share one header layout (the caller groups them so).
  const columns = files[0].columns;
  await db.run(`
    DROP TABLE IF EXISTS p1; DROP TABLE IF EXISTS q_stg; DROP TABLE IF EXISTS v; DROP TABLE IF EXISTS dup; DROP TABLE IF EXISTS load_files;
    DROP TABLE IF EXISTS rej_errors; DROP TABLE IF EXISTS rej_scans; DROP TABLE IF EXISTS q_rows;
    DROP TABLE IF EXISTS gp; DROP TABLE IF EXISTS gp_new; DROP TABLE IF EXISTS gp_words; DROP TABLE IF EXISTS gph;`);
  await db.run(`CREATE TEMP TABLE load_files (path VARCHAR, source VARCHAR, batch_id VARCHAR, force_hint VARCHAR, month_hint VARCHAR, sha256 VARCHAR)`);
  const app = await db.appender('load_files', ['varchar', 'varchar', 'varchar', 'varchar', 'varchar', 'varchar']);
  for (const f of files) app.row([f.path, f.source, f.batchId, f.forceHint, f.monthHint, f.sha256]);
  app.close();

  // The files are read twice, and never copied into a staging table: copying a million rows of
  // text into a temporary table cost more CPU than parsing them again. The first pass collects
  // what the checks look up (distinct values, points) and records unparseable lines; the second
  // parses, checks and types every row into `v`.
  const csv = csvSource(kind, files, columns);
  await db.run(`CREATE TEMP TABLE p1 AS ${pass1Sql(kind, csv(true))}`);
  const staged = await db.one<{ n: number }>(`SELECT sum(n)::BIGINT AS n FROM p1 WHERE filename IS NOT NULL`);
  hooks.onRows?.(staged?.n ?? 0);

  if (kind !== 'stop_search') {
    await db.run(lookupSql(kind));
    await declareForces(db, kind, files, columns);
  }
  await groupPoints(db);
  // DuckDB's estimate of a CSV's rows is poor, and it would build hash tables on the files'
  // million rows rather than on the small lookups. Keeping the files on the probe side also keeps
  // rows in file order.
  await db.run(`SET disabled_optimizers = 'build_side_probe_side'`);
  try {
    await db.run(`CREATE TEMP TABLE v AS ${validationSql(kind, csv(false))}`);
  } finally {
    await db.run(`RESET disabled_optimizers`);
  }
  // Both passes must have read the same rows (a file rewritten mid-load would not).
  const drift = await db.one<{ source: string; first: number; second: number }>(`
    SELECT f.source, coalesce(p.n, 0) AS first, coalesce(c.n, 0) AS second FROM load_files f
    LEFT JOIN (SELECT filename, n FROM p1 WHERE filename IS NOT NULL) p ON p.filename = f.path
    LEFT JOIN (SELECT batch_id, count(*) AS n FROM v GROUP BY batch_id) c ON c.batch_id = f.batch_id
    WHERE coalesce(p.n, 0) <> coalesce(c.n, 0) LIMIT 1`);
  if (drift) throw new PeelError('unreadable_input', `${drift.source}: changed while it was being loaded (${drift.first} rows, then ${drift.second}); load it again`);

  // A group must not hold the same force-month twice: the caller's grouping relies on file names.
  const clash = await db.one<{ force_id: string; month: string }>(
    `SELECT force_id, month FROM v WHERE ok GROUP BY force_id, month HAVING count(DISTINCT batch_id) > 1 LIMIT 1`);
  if (clash) throw new GroupClash(`${clash.force_id} ${clash.month}`);

  await stageQuarantine(db, kind, files, columns);

  // A file's force is the one it declares; the force of most of its rows only for a file that declares none.
  const batchForce = await db.all<{ batch_id: string; force_id: string }>(
    `SELECT f.batch_id, coalesce(any_value(f.force_hint), mode(v.force_id)::VARCHAR, 'unknown') AS force_id
     FROM load_files f LEFT JOIN v ON v.batch_id = f.batch_id GROUP BY f.batch_id`);
  const fmSql = `CREATE OR REPLACE TEMP TABLE fm AS SELECT force_id, month, any_value(batch_id) AS batch_id, count(*) AS rows FROM v WHERE ok GROUP BY force_id, month`;
  await db.run(fmSql);
  // What each file would replace (read before the transaction: uploads and `peel ingest` load one group at a time).
  const prior = await db.all<HeldForceMonth & Record<string, unknown>>(
    `SELECT fm.force_id::VARCHAR AS force_id, fm.month, fm.batch_id, h.rows AS rows_before, fm.rows AS rows_after
     FROM fm JOIN force_months h ON h.force_id = fm.force_id AND h.month = fm.month AND h.kind = ? ORDER BY fm.force_id, fm.month`, [kind]);
  const counts = await db.all<{ batch_id: string; source: string; sha256: string; read: number; loaded: number; quarantined: number; months: string[] | null }>(`
    WITH vc AS (SELECT batch_id, count(*) AS parsed, count(*) FILTER (WHERE ok) AS loaded,
                       list(DISTINCT month ORDER BY month) FILTER (WHERE ok) AS months FROM v GROUP BY batch_id),
         qc AS (SELECT batch_id, count(*) AS quarantined, count(*) FILTER (WHERE rejected) AS rejected FROM q_rows GROUP BY batch_id)
    SELECT f.batch_id, f.source, f.sha256, coalesce(vc.parsed, 0) + coalesce(qc.rejected, 0) AS read,
           coalesce(vc.loaded, 0) AS loaded, coalesce(qc.quarantined, 0) AS quarantined, vc.months
    FROM load_files f LEFT JOIN vc ON vc.batch_id = f.batch_id LEFT JOIN qc ON qc.batch_id = f.batch_id`);
  const verdicts = judgeReplacements(kind, prior, hooks.allowShrink ? 0 : (hooks.shrinkRatio ?? 0));
  // Rows naming another force or month than their file declares, named in the report.
  const strays = new Map((await db.all<{ batch_id: string; n: number; forces: string[] }>(
    `SELECT batch_id, count(*) AS n, list(DISTINCT force_id ORDER BY force_id) AS forces FROM q_rows
     WHERE list_contains(reasons, 'force.mismatch') OR list_contains(reasons, 'month.mismatch') GROUP BY batch_id`)).map((r) => [r.batch_id, r]));
  const strayNote = (batchId: string, force: string, months: readonly string[]) => {
    const st = strays.get(batchId);
    return st ? `quarantined ${st.n} row${st.n === 1 ? '' : 's'} of another force or month than the file's ${force}${months.length === 1 ? ` ${months[0]}` : ''} (rows of ${st.forces.join(', ')})` : null;
  };
  const ms = performance.now() - t0;
  const forceOf = new Map(batchForce.map((b) => [b.batch_id, b.force_id]));
  const all: BatchResult[] = counts.map((c) => {
    if (c.read !== c.loaded + c.quarantined) throw new Error(`reconciliation failed for ${c.source}: read ${c.read} ≠ ${c.loaded} + ${c.quarantined}`);
    const v = verdicts.get(c.batch_id);
    const status: BatchStatus = v?.refused.length ? 'refused' : v ? 'replaced' : 'loaded';
    const force = forceOf.get(c.batch_id) ?? 'unknown';
    const detail = [v?.detail, strayNote(c.batch_id, force, c.months ?? [])].filter(Boolean).join('; ');
    return {
      batch_id: c.batch_id, source: c.source, kind, force_id: force, months: (c.months ?? []).slice(),
      // A refused file's counts are what it would have loaded; nothing of it is written.
      rows_read: c.read, rows_loaded: c.loaded, rows_quarantined: c.quarantined,
      rows_before: v?.rowsBefore ?? 0, status, ms_total: ms / files.length, ...(detail ? { detail } : {}),
    };
  });
  const refused = all.filter((b) => b.status === 'refused');
  const kept = all.filter((b) => b.status !== 'refused');
  if (refused.length) {
    // A refused file writes nothing: its rows leave the group, the rest of the group loads.
    const ids = refused.map((b) => sqlString(b.batch_id)).join(', ');
    await db.run(`DELETE FROM v WHERE batch_id IN (${ids}); DELETE FROM q_rows WHERE batch_id IN (${ids}); DELETE FROM load_files WHERE batch_id IN (${ids});`);
    await db.run(fmSql);
  }
  if (kept.length) {
    await db.transaction(async () => {
      const held = prior.filter((p) => !verdicts.get(p.batch_id)?.refused.length);
      if (held.length) {
        // Constant lists first, so DuckDB's zone maps skip row groups of other months and forces.
        const inList = (xs: readonly string[]) => [...new Set(xs)].map(sqlString).join(', ');
        const pre = (t: string) => `${t}.month IN (${inList(held.map((p) => p.month))}) AND ${t}.force_id IN (${inList(held.map((p) => p.force_id))})`;
        await db.run(`DELETE FROM ${kind} t USING fm WHERE ${pre('t')} AND t.force_id = fm.force_id AND t.month = fm.month`);
        if (kind === 'street') await db.run(`DELETE FROM cube c USING fm WHERE ${pre('c')} AND c.force_id = fm.force_id AND c.month = fm.month`);
        await db.run(`DELETE FROM force_months h USING fm WHERE h.kind = ? AND h.force_id = fm.force_id AND h.month = fm.month`, [kind]);
      }
      await insertRows(db, kind);
      if (kind === 'street') {
        // The cube of these force-months is exactly the new rows: count them here, without rescanning street.
        await db.run(`INSERT INTO cube SELECT g.force_id, g.month, g.category, g.lsoa_code, ${h3ParentSql('g.h3_r9', 8)}, count(*)
                      FROM v g WHERE g.ok GROUP BY ALL`);
      }
      await db.run(`INSERT INTO force_months SELECT fm.force_id, ?, fm.month, fm.batch_id, f.sha256, fm.rows FROM fm JOIN load_files f ON f.batch_id = fm.batch_id`, [kind]);
      // A quarantined row belongs to the file (and so the force) that sent it, whatever force it names.
      await db.run(`INSERT INTO quarantine SELECT coalesce(f.force_hint, q.force_id), q.batch_id, ?, q.source, q.line, q.raw, q.reasons, q.detail
                    FROM q_rows q LEFT JOIN load_files f ON f.batch_id = q.batch_id`, [kind]);
      await insertBatches(db, kept, files);
      // Inside the transaction: the caller's audit of these batches commits with them, or neither does.
      await hooks.beforeCommit?.(kept);
    });
  }
  await db.run(`DROP TABLE IF EXISTS p1; DROP TABLE IF EXISTS q_stg; DROP TABLE IF EXISTS v; DROP TABLE IF EXISTS dup; DROP TABLE IF EXISTS q_rows;
    DROP TABLE IF EXISTS gp; DROP TABLE IF EXISTS gp_new; DROP TABLE IF EXISTS gp_words; DROP TABLE IF EXISTS gph;`);
  return all;
}

/**
 * The declared force of a street or outcomes file whose name gives none (and no --force): the
 * force most of its rows name in Reported by (ties: the first force id in order). Its rows of
 * other forces are then quarantined as `force.mismatch`, as in a named file. Such files are rare
 * (renamed or merged files) and loaded one per group, so the extra read costs a normal load nothing.
 */
async function declareForces(db: Db, kind: DatasetKind, files: readonly LoadFile[], columns: readonly string[]): Promise<void> {
  const nameless = files.filter((f) => !f.forceHint);
  if (!nameless.length || !columns.includes('reported_by')) return;
  await db.run(`UPDATE load_files SET force_hint = d.id FROM (
      SELECT filename, first(id ORDER BY n DESC, id) AS id FROM (
        SELECT s.filename, m.id::VARCHAR AS id, count(*) AS n FROM ${csvSource(kind, nameless, columns)(false)} s
        JOIN lk_force m ON m.raw = s.reported_by WHERE m.id IS NOT NULL GROUP BY ALL)
      GROUP BY filename) d
    WHERE load_files.path = d.filename AND load_files.force_hint IS NULL`);
}

/** The batches table rows of a group's committed files (status, counts, and what a replacement replaced). */
async function insertBatches(db: Db, out: readonly BatchResult[], files: readonly LoadFile[]): Promise<void> {
  const now = new Date().toISOString().replace('Z', '');
  const lit = (v: string | number | null | undefined) => (typeof v === 'number' ? String(v) : v == null ? 'NULL' : sqlString(v));
  await db.run(`INSERT INTO batches VALUES ${out.map((b) =>
    `(${[b.force_id, b.batch_id, b.kind, b.source, files.find((f) => f.batchId === b.batch_id)!.sha256].map(lit).join(', ')},
      [${b.months.map(sqlString).join(', ')}]::VARCHAR[], ${b.rows_read}, ${b.rows_loaded}, ${b.rows_quarantined}, ${lit(b.status)},
      ${lit(now)}::TIMESTAMP, ${lit(now)}::TIMESTAMP, ${b.ms_total}, ${lit(b.detail)})`).join(',\n')}`);
}

/**
 * `gph`: the H3 r9 cell of every distinct in-range point of the staged rows. Cells of points seen
 * in earlier loads come from `h3_points` (one join, over the group's points only); the rest are
 * computed here, once, and kept in `h3_points`. The validation joins `gph`, so the fact and cube
 * inserts read the cell from `v` without touching `h3_points` again.
 */
async function groupPoints(db: Db): Promise<void> {
  await db.run(`CREATE TEMP TABLE gp AS SELECT d.lon, d.lat, p.h3_r9 FROM (${stagedPointsSql()}) d
                LEFT JOIN h3_points p ON p.lon = d.lon AND p.lat = d.lat`);
  await db.run(`CREATE TEMP TABLE gp_new (lon DOUBLE, lat DOUBLE, h3_r9 UBIGINT)`);
  const fresh = await db.one<{ lons: number[] | null; lats: number[] | null }>(`SELECT list(lon) AS lons, list(lat) AS lats FROM gp WHERE h3_r9 IS NULL`);
  if (fresh?.lons?.length) {
    const lons = Float64Array.from(fresh.lons);
    const lats = Float64Array.from(fresh.lats!);
    const { hi, lo } = await cellsR9(lons, lats);
    await db.run(`CREATE OR REPLACE TEMP TABLE gp_words (lon DOUBLE, lat DOUBLE, hi DOUBLE, lo DOUBLE)`);
    const app = await db.appender('gp_words', ['double', 'double', 'double', 'double']);
    for (let i = 0; i < lons.length; i++) app.row([lons[i], lats[i], hi[i], lo[i]]);
    app.close();
    await db.run(`INSERT INTO gp_new SELECT lon, lat, (hi::UBIGINT << 32) | lo::UBIGINT FROM gp_words`);
    await db.run(`INSERT INTO h3_points SELECT lon, lat, h3_r9 FROM gp_new`);
  }
  await db.run(`CREATE TEMP TABLE gph AS SELECT lon, lat, h3_r9 FROM gp WHERE h3_r9 IS NOT NULL UNION ALL SELECT lon, lat, h3_r9 FROM gp_new`);
}

/**
 * Quarantined rows of the group: rows DuckDB could not parse (from its reject tables, with their
 * line and raw text) and rows that failed validation. For the latter, the files holding them are
 * staged again in file order (a copy with row ids, only of those files, so a clean load never pays
 * for it); a row's ordinal there gives its line (counting past the rejected lines), and its raw
 * text is read back from the file.
 */
async function stageQuarantine(db: Db, kind: DatasetKind, files: readonly LoadFile[], columns: readonly string[]): Promise<void> {
  await db.run(`CREATE TEMP TABLE q_rows (force_id VARCHAR, batch_id VARCHAR, source VARCHAR, line BIGINT, raw VARCHAR,
                reasons VARCHAR[], detail VARCHAR, rejected BOOLEAN)`);
  const rejects = await db.all<{ path: string; line: number; raw: string; error_types: string[] }>(`
    SELECT s.file_path AS path, e.line, any_value(e.csv_line) AS raw, list(DISTINCT e.error_type) AS error_types
    FROM rej_errors e JOIN rej_scans s ON s.scan_id = e.scan_id AND s.file_id = e.file_id
    GROUP BY s.file_path, e.line ORDER BY s.file_path, e.line`).catch(() => []);
  const badCounts = await db.all<{ batch_id: string; n: number }>(`SELECT batch_id, count(*) AS n FROM v WHERE NOT ok GROUP BY batch_id`);
  let bad: Array<{ path: string; ordinal: number; reasons: string[]; detail: string; force_id: string | null }> = [];
  if (badCounts.length) {
    const withBad = new Set(badCounts.map((b) => b.batch_id));
    const staged = files.filter((f) => withBad.has(f.batchId));
    await db.run(`CREATE TEMP TABLE q_stg AS SELECT * FROM ${csvSource(kind, staged, columns)(false)}`);
    bad = await db.all(`
      SELECT x._file AS path, x._rid - o.first AS ordinal, x.reasons, x.detail, x.force_id
      FROM (${checksSql(kind, '(SELECT rowid AS _rid, * FROM q_stg)', true)}) x
      JOIN (SELECT filename, min(rowid) AS first FROM q_stg GROUP BY filename) o ON o.filename = x._file
      WHERE NOT x.ok ORDER BY x._file, x._rid`);
    const expected = badCounts.reduce((a, b) => a + b.n, 0);
    if (bad.length !== expected) throw new Error(`quarantine: ${expected} rows failed the checks but ${bad.length} were found again in their files`);
  }
  const scanned = files.filter((f) => f.lines?.rejects.length);
  if (!rejects.length && !bad.length && !scanned.length) return;
  const byPath = new Map(files.map((f) => [f.path, f]));
  const rows: Array<[string, string, string, number | null, string | null, string, string, boolean]> = [];
  // Rows the byte-level scan left out of a sanitized copy: read, and rejected before DuckDB saw them.
  for (const f of scanned) {
    for (const r of f.lines!.rejects) {
      rows.push([f.forceHint ?? 'unknown', f.batchId, f.source, r.line, r.raw, `[${r.reasons.map((c) => `'${c}'`).join(',')}]`, r.detail, true]);
    }
  }
  // DuckDB numbers a file's rows (header 1) where a sanitized copy's map names source lines.
  const sourceLine = (path: string, row: number) => {
    const map = byPath.get(path)?.lines;
    return map ? map.rows[row - 2] ?? row : row;
  };
  const copyLine = (path: string, row: number) => {
    const map = byPath.get(path)?.lines;
    return map ? map.copyLines[row - 2] ?? row : row;
  };
  const rejectLines = new Map<string, number[]>();
  for (const r of rejects) {
    const f = byPath.get(r.path)!;
    (rejectLines.get(r.path) ?? rejectLines.set(r.path, []).get(r.path)!).push(r.line);
    const reason: ReasonCode = r.error_types.every((t) => REJECT_REASON[t]) ? 'row.field_count' : 'row.unparseable';
    rows.push([f.forceHint ?? 'unknown', f.batchId, f.source, sourceLine(r.path, r.line), r.raw.replace(/^[\r\n]+|[\r\n]+$/g, ''), `['${reason}']`,
      `${REASONS[reason]} (${r.error_types.join(', ').toLowerCase()})`, true]);
  }
  // line of the k-th parsed data row (0-based): header is line 1, rejected lines are skipped over.
  const wanted = new Map<string, Map<number, number>>();
  const lineOf = (path: string, ordinal: number) => {
    let line = ordinal + 2;
    for (const r of rejectLines.get(path) ?? []) if (r <= line) line++;
    return line;
  };
  const badLines: Array<{ path: string; line: number; b: (typeof bad)[number] }> = [];
  for (const b of bad) {
    const line = lineOf(b.path, b.ordinal);
    badLines.push({ path: b.path, line, b });
    (wanted.get(b.path) ?? wanted.set(b.path, new Map()).get(b.path)!).set(copyLine(b.path, line), 0);
  }
  const raw = new Map<string, Map<number, string>>();
  for (const [path, lines] of wanted) raw.set(path, await readLines(path, new Set(lines.keys())));
  for (const { path, line, b } of badLines) {
    const f = byPath.get(path)!;
    rows.push([b.force_id ?? f.forceHint ?? 'unknown', f.batchId, f.source, sourceLine(path, line), raw.get(path)?.get(copyLine(path, line)) ?? null,
      `[${b.reasons.map((r) => `'${r}'`).join(',')}]`, b.detail || b.reasons.map((r) => REASONS[r as ReasonCode] ?? r).join('; '), false]);
  }
  await db.run(`CREATE OR REPLACE TEMP TABLE q_in (force_id VARCHAR, batch_id VARCHAR, source VARCHAR, line BIGINT, raw VARCHAR, reasons VARCHAR, detail VARCHAR, rejected BOOLEAN)`);
  const app = await db.appender('q_in', ['varchar', 'varchar', 'varchar', 'bigint', 'varchar', 'varchar', 'varchar', 'boolean']);
  for (const r of rows) app.row(r);
  app.close();
  await db.run(`INSERT INTO q_rows SELECT force_id, batch_id, source, line, raw, reasons::VARCHAR[], detail, rejected FROM q_in`);
}

/** Reads the given 1-based line numbers of a text file (LF, CRLF or CR-only line endings). */
async function readLines(path: string, lines: ReadonlySet<number>): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  const max = Math.max(...lines);
  const rl = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let n = 0;
  for await (const l of rl) {
    n++;
    if (lines.has(n)) out.set(n, l);
    if (n >= max) break;
  }
  rl.close();
  return out;
}
