/**
 * The H3 cells of a group's points: looked up once per distinct point in `h3_points`, computed
 * (on worker threads) only for points never seen before, and kept for later loads.
 */
import type { Db } from './db.ts';
import { cellsR9 } from './h3-cells.ts';
import { stagedPointsSql } from './load-checks.ts';

/**
 * `gph`: the H3 r9 cell of every distinct in-range point of the staged rows. Cells of points seen
 * in earlier loads come from `h3_points` (one join, over the group's points only); the rest are
 * computed here, once, and kept in `h3_points`. The validation joins `gph`, so the fact and cube
 * inserts read the cell from `v` without touching `h3_points` again.
 */
export async function groupPoints(db: Db): Promise<void> {
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
