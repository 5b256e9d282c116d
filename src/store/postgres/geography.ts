import { geographyStore } from '../duckdb/geography.ts';
import type { GeographyStore, GeographySource, LsoaPlace } from '../types/geography.ts';
import type { PgDb } from './db.ts';
import { geographyLoadPg } from './geography-load.ts';

/**
 * Geography on PostgreSQL: its reads (status, the force of LSOAs, boundaries), so `/api/health`
 * and the map answer, and loading the ONS files (./geography-load.ts).
 */
export function geographyPg(db: PgDb): GeographyStore {
  const shared = geographyStore(db);
  return {
    ...geographyLoadPg(db),
    lsoaForces: shared.lsoaForces,
    boundaries: shared.boundaries,
    // DuckDB's any_value is not in PostgreSQL 15: a district's name is one per code, so min() is it.
    lsoaPlaces: (force) => db.all<LsoaPlace & Record<string, unknown>>(
      `WITH f AS (SELECT * FROM geo_lsoa_force WHERE force_id = ? AND lon IS NOT NULL AND lat IS NOT NULL AND lad_code IS NOT NULL),
       lad AS (SELECT lad_code, min(lad_name) AS district FROM geo_lsoa WHERE lad_code IN (SELECT lad_code FROM f) GROUP BY lad_code)
       SELECT f.lsoa_code, f.name1 AS name, f.lad_code, lad.district, f.lon, f.lat FROM f LEFT JOIN lad USING (lad_code)
       ORDER BY f.lsoa_code COLLATE "C"`, [force]),
    async status() {
      const sources = await db.all<GeographySource & Record<string, unknown>>(
        `SELECT kind, source, rows, to_char(loaded_at, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS loaded_at FROM geo_sources ORDER BY kind COLLATE "C"`);
      const c = await db.one<{ lsoas: number; with_force: number; with_point: number }>(
        `SELECT count(*) FILTER (WHERE names <> '{}' OR lad_code IS NOT NULL) AS lsoas, count(force_id) AS with_force, count(lon) AS with_point FROM geo_lsoa_force`);
      const b = await db.one<{ n: number }>(`SELECT count(*) AS n FROM geo_boundary`);
      return {
        version: sources.length ? sources.map((s) => s.loaded_at).sort().at(-1)! : null,
        sources,
        lsoas: Number(c?.lsoas ?? 0),
        lsoas_with_force: Number(c?.with_force ?? 0),
        lsoas_with_point: Number(c?.with_point ?? 0),
        boundaries: Number(b?.n ?? 0),
      };
    },
  };
}

