/**
 * Loading the ONS geography lookups into the PostgreSQL store. The files are on the client, not
 * the server, so each one is read, validated and shaped by the embedded store's own code in a
 * scratch in-memory DuckDB (the same `read_csv`/`read_json`, the same errors naming file, line
 * and value); its table is then copied to PostgreSQL, and `geo_lsoa_force` rebuilt there from every
 * lookup held, in one transaction.
 */
import { openDb } from '../duckdb/db.ts';
import type { AppenderType, Db } from '../sql/db.ts';
import { FORCE_KEY, GEOGRAPHY_MIGRATIONS, forceKeyValues, geographyStore } from '../duckdb/geography.ts';
import type { GeographyFileKind, GeographyStore } from '../types/geography.ts';
import type { PgDb } from './db.ts';

const C = 'COLLATE "C"';

/** Each kind's table and its columns' types (in table order). */
const TABLES: Record<GeographyFileKind, { table: string; types: AppenderType[] }> = {
  lsoa_lad: { table: 'geo_lsoa', types: ['varchar', 'varchar', 'varchar', 'varchar'] },
  lad_pfa: { table: 'geo_lad_pfa', types: ['varchar', 'varchar', 'varchar', 'varchar'] },
  lad_codes: { table: 'geo_lad_active', types: ['varchar', 'varchar'] },
  lsoa_points: { table: 'geo_lsoa_point', types: ['varchar', 'double', 'double'] },
  boundaries: { table: 'geo_boundary', types: ['varchar', 'varchar', 'varchar', 'varchar'] },
};

/** Runs `fn` on a fresh in-memory DuckDB holding the geography tables, closed afterwards. */
async function withScratch<T>(fn: (mem: Db) => Promise<T>): Promise<T> {
  const mem = await openDb(':memory:', { threads: 1 });
  try {
    for (const m of GEOGRAPHY_MIGRATIONS) for (const s of m.statements) await mem.run(s);
    return await fn(mem);
  } finally {
    mem.close();
  }
}

/** Rebuilds `geo_lsoa_force` from whichever lookups are loaded (the embedded store's rebuild, in PostgreSQL). */
async function rebuild(db: PgDb): Promise<void> {
  await db.run(`DELETE FROM geo_lsoa_force`);
  await db.run(`INSERT INTO geo_lsoa_force (lsoa_code, force_id, lad_code, names, lon, lat, name1, name2)
    WITH keys AS (SELECT * FROM (VALUES ${forceKeyValues()}) t(k, force_id)),
    lad_force AS (
      SELECT coalesce(a.active_code, l.lad_code) AS active, mode() WITHIN GROUP (ORDER BY coalesce(kc.force_id, kn.force_id) ${C}) AS force_id
      FROM geo_lad_pfa l LEFT JOIN geo_lad_active a ON a.lad_code = l.lad_code
      LEFT JOIN keys kc ON kc.k = ${FORCE_KEY('l.pfa_code')}
      LEFT JOIN keys kn ON kn.k = ${FORCE_KEY('l.pfa_name')}
      GROUP BY 1),
    codes AS (SELECT lsoa_code, min(lad_code) AS lad_code, array_agg(DISTINCT lower(lsoa_name)) FILTER (WHERE lsoa_name IS NOT NULL) AS names,
                array_agg(DISTINCT lsoa_name ${C} ORDER BY lsoa_name ${C}) FILTER (WHERE lsoa_name IS NOT NULL) AS raw
              FROM geo_lsoa GROUP BY lsoa_code
              UNION ALL SELECT lsoa_code, NULL, '{}', '{}' FROM geo_lsoa_point WHERE lsoa_code NOT IN (SELECT lsoa_code FROM geo_lsoa))
    SELECT c.lsoa_code, lf.force_id, c.lad_code, coalesce(c.names, '{}'), p.lon, p.lat, c.raw[1], c.raw[2]
    FROM codes c
    LEFT JOIN geo_lad_active a ON a.lad_code = c.lad_code
    LEFT JOIN lad_force lf ON lf.active = coalesce(a.active_code, c.lad_code)
    LEFT JOIN geo_lsoa_point p ON p.lsoa_code = c.lsoa_code`);
}

export function geographyLoadPg(db: PgDb): Pick<GeographyStore, 'csvColumns' | 'loadFile'> {
  return {
    csvColumns: (path) => withScratch((mem) => geographyStore(mem).csvColumns(path)),

    async loadFile(kind, path, source) {
      const { table, types } = TABLES[kind];
      const { rows, data } = await withScratch(async (mem) => {
        const n = await geographyStore(mem).loadFile(kind, path, source);
        return { rows: n, data: await mem.all(`SELECT * FROM ${table}`) };
      });
      await db.transaction(async () => {
        await db.run(`DELETE FROM ${table}`);
        const app = await db.appender(table, types);
        for (const r of data) app.row(Object.values(r) as never);
        app.close();
        await db.run(`DELETE FROM geo_sources WHERE kind = ?`, [kind]);
        await db.run(`INSERT INTO geo_sources VALUES (?, ?, ?, (now() AT TIME ZONE 'UTC')::TIMESTAMP)`, [kind, source, rows]);
        await rebuild(db);
      });
      return rows;
    },
  };
}
