/**
 * The SQL of a load's checks: how a group's files are read (`read_csv`, strict, with their
 * unparseable lines recorded), the first pass that collects what the checks look up, the lookups
 * themselves (each distinct month, force, LSOA code, category and outcome judged once), and the
 * per-row checks of the national standard with their reason codes and details, including the
 * ownership checks (a row of another force or month than its file declares). Pure SQL text
 * builders, plus the standard's name-to-code tables they join (`ensureMaps`).
 */
import {
  DATASET_COLUMNS, UK_BOUNDS, crimeCategoryNameTable, outcomeNameTable, FORCES, STOP_SEARCH_VOCABULARIES, type DatasetKind,
} from '../../standard/index.ts';
import { sqlString, type Db } from './db.ts';
import { CODE_TYPES } from './schema.ts';
import type { LoadFile } from '../types/load.ts';

let mapsReady = new WeakSet<Db>();

/** Name-to-code tables of the standard, as temporary tables the validation SQL joins. */
export async function ensureMaps(db: Db): Promise<void> {
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

function csvColumnsStruct(columns: readonly string[]): string {
  return `{${columns.map((c) => `${sqlString(c)}: 'VARCHAR'`).join(', ')}}`;
}

/**
 * The group's files as a subquery with the standard's columns (NULL where a file lacks one; extra
 * columns left out) and `filename`. With `rejects`, lines DuckDB cannot parse go to `rej_errors`
 * and `rej_scans`; without, they are skipped the same way.
 */
export function csvSource(kind: DatasetKind, files: readonly LoadFile[], columns: readonly string[]): (rejects: boolean) => string {
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
export function validationSql(kind: DatasetKind, source: string): string {
  return `SELECT x.* EXCLUDE (reasons, detail), gph.h3_r9 FROM (${checksSql(kind, source, false)}) x LEFT JOIN gph ON gph.lon = x.lon AND gph.lat = x.lat`;
}

/** The distinct in-range points of the group (from the first pass's distinct coordinate pairs), as the validation types them. */
export function stagedPointsSql(): string {
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
export function checksSql(kind: DatasetKind, source: string, located: boolean): string {
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
export function lookupColumns(kind: DatasetKind): string[] {
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
export function pass1Sql(kind: DatasetKind, source: string): string {
  const cols = lookupColumns(kind);
  const sets = ['(filename)', ...cols.map((c) => `(${c})`), '(longitude, latitude)'];
  return `SELECT filename, ${[...cols, 'longitude', 'latitude'].join(', ')}, count(*) AS n FROM ${source} GROUP BY GROUPING SETS (${sets.join(', ')})`;
}

/** Per-distinct-value lookups for the string fields of street and outcomes files (few distinct values, many rows), from the first pass; codes come out as the standard's ENUM types. */
export function lookupSql(kind: DatasetKind): string {
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
