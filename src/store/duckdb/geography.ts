/**
 * Geography tables: the ONS lookups that place an LSOA in its local authority and police force
 * area, each LSOA's point, and the force boundaries. DuckDB reads the files itself (`read_csv`
 * for the lookups, `read_json` for the GeoJSON); nothing is parsed row by row in JavaScript.
 *
 * These are reference tables, the same for every force: under PostgreSQL/Citus they are
 * reference (replicated) tables, so their keys are not led by `force_id`.
 *
 * The LAD → PFA lookup uses January 2017 local-authority codes while the LSOA lookup uses 2022
 * ones; both are brought to the current ("active") code through `la_all_codes.csv` (LADCD →
 * LADCD_ACTIVE) before they are joined, so unitary mergers (Bournemouth, Cumbria, North
 * Yorkshire, Somerset...) still land in the right force. Without that file codes join as given.
 */
import { FORCES, PeelError } from '../../standard/index.ts';
import { sqlString, type Db } from './db.ts';
import type { Migration } from './schema.ts';
import type { BoundaryCollection, GeographyFileKind, GeographySource, GeographyStatus, GeographyStore, LsoaPlace } from '../types/geography.ts';

export const GEOGRAPHY_MIGRATIONS: readonly Migration[] = [
  {
    id: '0101-geography',
    statements: [
      // key (lsoa_code, lsoa_name): a code may carry a 2011 and a 2021 name.
      `CREATE TABLE geo_lsoa (lsoa_code VARCHAR NOT NULL, lsoa_name VARCHAR, lad_code VARCHAR NOT NULL, lad_name VARCHAR)`,
      // key (lad_code): as published, January 2017 codes.
      `CREATE TABLE geo_lad_pfa (lad_code VARCHAR NOT NULL, lad_name VARCHAR, pfa_code VARCHAR NOT NULL, pfa_name VARCHAR)`,
      // key (lad_code): every code in use since 2011 → the code in use now.
      `CREATE TABLE geo_lad_active (lad_code VARCHAR NOT NULL, active_code VARCHAR NOT NULL)`,
      // key (lsoa_code)
      `CREATE TABLE geo_lsoa_point (lsoa_code VARCHAR NOT NULL, lon DOUBLE NOT NULL, lat DOUBLE NOT NULL)`,
      // key (force_id)
      `CREATE TABLE geo_boundary (force_id VARCHAR NOT NULL, pfa_code VARCHAR NOT NULL, pfa_name VARCHAR, geometry VARCHAR NOT NULL)`,
      // Derived after every load: one row per LSOA code with its force, point and every name it goes by.
      // key (lsoa_code)
      `CREATE TABLE geo_lsoa_force (lsoa_code VARCHAR NOT NULL, force_id VARCHAR, lad_code VARCHAR, names VARCHAR[] NOT NULL,
        lon DOUBLE, lat DOUBLE)`,
      `CREATE TABLE geo_sources (kind VARCHAR NOT NULL, source VARCHAR NOT NULL, rows BIGINT NOT NULL, loaded_at TIMESTAMP NOT NULL)`,
    ],
  },
  {
    // The LSOA's names as published (the first two), so most rows match exactly without lower-casing.
    id: '0102-geography-lsoa-names',
    statements: [
      `ALTER TABLE geo_lsoa_force ADD COLUMN name1 VARCHAR`,
      `ALTER TABLE geo_lsoa_force ADD COLUMN name2 VARCHAR`,
      `UPDATE geo_lsoa_force SET name1 = names[1], name2 = names[2]`,
    ],
  },
];

export function forceKeyValues(): string {
  const key = (s: string) => s.toLowerCase().replace(/&/g, ' and ').replace(/[^a-z0-9]+/g, ' ').trim().replace(/\s+/g, ' ');
  const rows = new Map<string, string>();
  for (const f of FORCES) {
    for (const n of [f.id, f.name, ...f.variants]) rows.set(key(n), f.id);
    if (f.pfa) rows.set(key(f.pfa), f.id);
  }
  return [...rows].map(([k, id]) => `(${sqlString(k)}, ${sqlString(id)})`).join(', ');
}

export const FORCE_KEY = (col: string) => `trim(regexp_replace(regexp_replace(lower(${col}), '&', ' and ', 'g'), '[^a-z0-9]+', ' ', 'g'))`;

const csv = (path: string) => `read_csv(${sqlString(path)}, header = true, all_varchar = true, auto_detect = true)`;

export function geographyStore(db: Db): GeographyStore {
  async function record(kind: GeographyFileKind, source: string, rows: number): Promise<void> {
    await db.run(`DELETE FROM geo_sources WHERE kind = ?`, [kind]);
    await db.run(`INSERT INTO geo_sources VALUES (?, ?, ?, now()::TIMESTAMP)`, [kind, source, rows]);
  }
  async function count(table: string): Promise<number> {
    return Number((await db.one<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))?.n ?? 0);
  }

  /**
   * The first row of a lookup that breaks its format, as `file line N: what "value"` (a PeelError).
   * Lines count from the header as line 1 (ONS lookups have no embedded line breaks).
   */
  async function validateFile(kind: GeographyFileKind, path: string, source: string): Promise<void> {
    const code = (col: string, re: string) => `NOT regexp_full_match(coalesce(trim(${col}), ''), '${re}')`;
    const rules: Record<GeographyFileKind, Array<[string, string, string]>> = {
      lsoa_lad: [
        [code('LSOA11CD', '[EW]01\\d{6}'), 'LSOA11CD', 'not an LSOA code'],
        [code('LSOA21CD', '[EW]01\\d{6}'), 'LSOA21CD', 'not an LSOA code'],
        [code('LAD22CD', '[EW]0[6-9]\\d{6}'), 'LAD22CD', 'not a local authority code'],
      ],
      lad_pfa: [
        [code('LAD17CD', '[EW]0[6-9]\\d{6}'), 'LAD17CD', 'not a local authority code'],
        [`coalesce(kc.force_id, kn.force_id) IS NULL`, 'PFA17CD', 'a police force area no force of the registry has (by code or name)'],
      ],
      lad_codes: [
        [code('LADCD', '[EWSN]\\d{8}'), 'LADCD', 'not a local authority code'],
        [code('LADCD_ACTIVE', '[EWSN]\\d{8}'), 'LADCD_ACTIVE', 'not a local authority code'],
      ],
      lsoa_points: [
        [`regexp_full_match(trim(LSOACD), '[EW]01\\d{6}') AND (TRY_CAST(latitude AS DOUBLE) NOT BETWEEN 49 AND 61 OR TRY_CAST(latitude AS DOUBLE) IS NULL)`, 'latitude', 'not a latitude in England and Wales'],
        [`regexp_full_match(trim(LSOACD), '[EW]01\\d{6}') AND (TRY_CAST(longitude AS DOUBLE) NOT BETWEEN -7 AND 2 OR TRY_CAST(longitude AS DOUBLE) IS NULL)`, 'longitude', 'not a longitude in England and Wales'],
      ],
      boundaries: [],
    };
    if (!rules[kind].length) return;
    await db.run(`CREATE OR REPLACE TEMP TABLE geo_force_keys AS SELECT * FROM (VALUES ${forceKeyValues()}) t(k, force_id)`);
    const join = kind === 'lad_pfa'
      ? `LEFT JOIN geo_force_keys kc ON kc.k = ${FORCE_KEY('f.PFA17CD')} LEFT JOIN geo_force_keys kn ON kn.k = ${FORCE_KEY('f.PFA17NM')}`
      : '';
    for (const [bad, col, what] of rules[kind]) {
      const row = await db.one<{ line: number; value: string | null }>(
        `SELECT line, "${col}" AS value FROM (SELECT row_number() OVER () + 1 AS line, * FROM ${csv(path)}) f ${join}
         WHERE ${bad} ORDER BY line LIMIT 1`);
      if (row) throw new PeelError('bad_input', `${source} line ${row.line}: ${col} "${row.value ?? ''}" is ${what}`);
    }
  }

  /** Rebuilds `geo_lsoa_force` from whichever lookups are loaded (called after each load). */
  async function rebuild(): Promise<void> {
    await db.run(`CREATE OR REPLACE TEMP TABLE geo_force_keys AS SELECT * FROM (VALUES ${forceKeyValues()}) t(k, force_id)`);
    await db.run(`DELETE FROM geo_lsoa_force`);
    await db.run(`INSERT INTO geo_lsoa_force (lsoa_code, force_id, lad_code, names, lon, lat, name1, name2)
      WITH lad_force AS (
        SELECT coalesce(a.active_code, l.lad_code) AS active, mode(coalesce(kc.force_id, kn.force_id)) AS force_id
        FROM geo_lad_pfa l LEFT JOIN geo_lad_active a ON a.lad_code = l.lad_code
        LEFT JOIN geo_force_keys kc ON kc.k = ${FORCE_KEY('l.pfa_code')}
        LEFT JOIN geo_force_keys kn ON kn.k = ${FORCE_KEY('l.pfa_name')}
        GROUP BY 1),
      codes AS (SELECT lsoa_code, any_value(lad_code) AS lad_code, list(DISTINCT lower(lsoa_name)) FILTER (WHERE lsoa_name IS NOT NULL) AS names,
                  list(DISTINCT lsoa_name ORDER BY lsoa_name) FILTER (WHERE lsoa_name IS NOT NULL) AS raw
                FROM geo_lsoa GROUP BY lsoa_code
                UNION ALL SELECT lsoa_code, NULL, [], [] FROM geo_lsoa_point WHERE lsoa_code NOT IN (SELECT lsoa_code FROM geo_lsoa))
      SELECT c.lsoa_code, lf.force_id, c.lad_code, coalesce(c.names, []), p.lon, p.lat, c.raw[1], c.raw[2]
      FROM codes c
      LEFT JOIN geo_lad_active a ON a.lad_code = c.lad_code
      LEFT JOIN lad_force lf ON lf.active = coalesce(a.active_code, c.lad_code)
      LEFT JOIN geo_lsoa_point p ON p.lsoa_code = c.lsoa_code`);
  }

  return {
    /** The header of a CSV file as DuckDB reads it (BOM removed), for telling file kinds apart. */
    async csvColumns(path: string): Promise<string[]> {
      const rows = await db.all<{ column_name: string }>(`DESCRIBE SELECT * FROM ${csv(path)}`);
      return rows.map((r) => r.column_name);
    },

    /** Loads one file of a known kind, replacing that kind's table. Returns the rows kept. */
    async loadFile(kind: GeographyFileKind, path: string, source: string): Promise<number> {
      await validateFile(kind, path, source);
      return db.transaction(async () => {
        switch (kind) {
          case 'lsoa_lad':
            await db.run(`DELETE FROM geo_lsoa`);
            await db.run(`INSERT INTO geo_lsoa
              SELECT DISTINCT trim(code), trim(name), trim(LAD22CD), trim(LAD22NM) FROM (
                SELECT LSOA11CD AS code, LSOA11NM AS name, LAD22CD, LAD22NM FROM ${csv(path)}
                UNION ALL SELECT LSOA21CD, LSOA21NM, LAD22CD, LAD22NM FROM ${csv(path)})
              WHERE nullif(trim(code), '') IS NOT NULL AND nullif(trim(LAD22CD), '') IS NOT NULL`);
            await record(kind, source, await count(`(SELECT DISTINCT lsoa_code FROM geo_lsoa)`));
            break;
          case 'lad_pfa':
            await db.run(`DELETE FROM geo_lad_pfa`);
            await db.run(`INSERT INTO geo_lad_pfa SELECT DISTINCT trim(LAD17CD), trim(LAD17NM), trim(PFA17CD), trim(PFA17NM)
              FROM ${csv(path)} WHERE nullif(trim(LAD17CD), '') IS NOT NULL AND nullif(trim(PFA17CD), '') IS NOT NULL`);
            await record(kind, source, await count('geo_lad_pfa'));
            break;
          case 'lad_codes':
            await db.run(`DELETE FROM geo_lad_active`);
            await db.run(`INSERT INTO geo_lad_active SELECT DISTINCT trim(LADCD), trim(LADCD_ACTIVE) FROM ${csv(path)}
              WHERE nullif(trim(LADCD), '') IS NOT NULL AND nullif(trim(LADCD_ACTIVE), '') IS NOT NULL`);
            await record(kind, source, await count('geo_lad_active'));
            break;
          case 'lsoa_points':
            await db.run(`DELETE FROM geo_lsoa_point`);
            // England and Wales codes only; a code listed twice keeps the mean of its points.
            await db.run(`INSERT INTO geo_lsoa_point
              SELECT trim(LSOACD), avg(TRY_CAST(longitude AS DOUBLE)), avg(TRY_CAST(latitude AS DOUBLE)) FROM ${csv(path)}
              WHERE regexp_full_match(trim(LSOACD), '[EW]01\\d{6}') AND TRY_CAST(longitude AS DOUBLE) IS NOT NULL
                AND TRY_CAST(latitude AS DOUBLE) IS NOT NULL
              GROUP BY trim(LSOACD)`);
            await record(kind, source, await count('geo_lsoa_point'));
            break;
          case 'boundaries': {
            await db.run(`DELETE FROM geo_boundary`);
            await db.run(`CREATE OR REPLACE TEMP TABLE geo_force_keys AS SELECT * FROM (VALUES ${forceKeyValues()}) t(k, force_id)`);
            // Any PFAyyCD / PFAyyNM property names the area (PFA23CD in the December 2023 file).
            await db.run(`INSERT INTO geo_boundary
              WITH f AS (SELECT unnest(features) AS f FROM read_json(${sqlString(path)}, columns = {features: 'JSON[]'}, maximum_object_size = 536870912)),
              k AS (SELECT f,
                      list_filter(json_keys(f->'$.properties'), x -> regexp_full_match(x, 'PFA\\d\\dCD'))[1] AS cd,
                      list_filter(json_keys(f->'$.properties'), x -> regexp_full_match(x, 'PFA\\d\\dNM'))[1] AS nm FROM f),
              p AS (SELECT json_extract_string(f, '$.properties.' || cd) AS code, json_extract_string(f, '$.properties.' || nm) AS name,
                      json(f->'$.geometry')::VARCHAR AS geometry FROM k WHERE cd IS NOT NULL)
              SELECT coalesce(kc.force_id, kn.force_id), p.code, p.name, p.geometry FROM p
              LEFT JOIN geo_force_keys kc ON kc.k = ${FORCE_KEY('p.code')}
              LEFT JOIN geo_force_keys kn ON kn.k = ${FORCE_KEY('p.name')}
              WHERE coalesce(kc.force_id, kn.force_id) IS NOT NULL`);
            await record(kind, source, await count('geo_boundary'));
            break;
          }
          default: {
            const never: never = kind;
            throw new Error(`unknown geography file kind ${String(never)}`);
          }
        }
        await rebuild();
        return Number((await db.one<{ rows: number }>(`SELECT rows FROM geo_sources WHERE kind = ?`, [kind]))?.rows ?? 0);
      });
    },

    async status(): Promise<GeographyStatus> {
      const sources = await db.all<GeographySource & Record<string, unknown>>(
        `SELECT kind, source, rows, strftime(loaded_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS loaded_at FROM geo_sources ORDER BY kind`);
      const c = await db.one<{ lsoas: number; with_force: number; with_point: number }>(
        `SELECT count(*) FILTER (WHERE names <> [] OR lad_code IS NOT NULL) AS lsoas, count(force_id) AS with_force, count(lon) AS with_point FROM geo_lsoa_force`);
      return {
        version: sources.length ? sources.map((s) => s.loaded_at).sort().at(-1)! : null,
        sources,
        lsoas: Number(c?.lsoas ?? 0),
        lsoas_with_force: Number(c?.with_force ?? 0),
        lsoas_with_point: Number(c?.with_point ?? 0),
        boundaries: await count('geo_boundary'),
      };
    },

    /** Force of each LSOA code asked for (codes the lookups do not know are left out). */
    async lsoaForces(codes: readonly string[]): Promise<Array<{ lsoa_code: string; force_id: string | null }>> {
      if (!codes.length) return [];
      return db.all(`SELECT lsoa_code, force_id FROM geo_lsoa_force WHERE lsoa_code IN (${codes.map(() => '?').join(',')}) ORDER BY lsoa_code`, codes);
    },

    /**
     * The LSOAs placed in a force that have a point: code, ONS name, and their local authority
     * district (code and name), for drawing districts and naming areas. Empty when the lookups or
     * points are not loaded.
     */
    async lsoaPlaces(force: string): Promise<LsoaPlace[]> {
      return db.all<LsoaPlace>(
        `WITH f AS (SELECT * FROM geo_lsoa_force WHERE force_id = ? AND lon IS NOT NULL AND lat IS NOT NULL AND lad_code IS NOT NULL),
         lad AS (SELECT lad_code, any_value(lad_name) AS district FROM geo_lsoa WHERE lad_code IN (SELECT lad_code FROM f) GROUP BY lad_code)
         SELECT f.lsoa_code, f.name1 AS name, f.lad_code, lad.district, f.lon, f.lat FROM f LEFT JOIN lad USING (lad_code) ORDER BY f.lsoa_code`, [force]);
    },

    /** The force boundaries as one GeoJSON FeatureCollection with `force_id` properties; null when none is loaded. */
    async boundaries(): Promise<BoundaryCollection | null> {
      const rows = await db.all<{ force_id: string; pfa_code: string; pfa_name: string | null; geometry: string }>(
        `SELECT force_id, pfa_code, pfa_name, geometry FROM geo_boundary ORDER BY force_id`);
      if (!rows.length) return null;
      return {
        type: 'FeatureCollection',
        features: rows.map((r) => ({
          type: 'Feature',
          properties: { force_id: r.force_id, pfa_code: r.pfa_code, name: r.pfa_name },
          geometry: JSON.parse(r.geometry) as unknown,
        })),
      };
    },
  };
}

