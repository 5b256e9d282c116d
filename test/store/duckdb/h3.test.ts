import { describe, expect, it } from 'vitest';
import { cellToParent, latLngToCell } from 'h3-js';
import { openStore } from '../../../src/store/index.ts';
import { h3ParentSql, openDb } from '../../../src/store/duckdb/db.ts';
import { ingest } from '../../../src/ingest/index.ts';
import { STREET_HEADER, streetRow, tempDir, writeLines } from '../../helpers/police-uk.ts';
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';

describe('H3 cells computed on load', () => {
  it('stores r9 from the point and r8/r7 parents that equal h3-js cellToParent', async () => {
    const dir = tempDir();
    const pts = [[-1.1398, 52.6369], [-3.0, 51.58], [0.521, 51.271], [-2.5879, 51.4545], [-0.0977, 51.5151]];
    writeLines(join(dir, '2024-03-kent-street.csv'), [STREET_HEADER, ...pts.map(([lon, lat]) => streetRow({ lon: String(lon), lat: String(lat) }))]);
    const store = await openStore({ store: join(dir, 'p.duckdb') });
    await ingest(store, [dir]);
    store.close();
    const db = await openDb(join(dir, 'p.duckdb'));
    const rows = await db.all<{ lon: number; lat: number; r7: string; r8: string; r9: string }>(
      `SELECT lon, lat, lower(hex(h3_r7)) r7, lower(hex(h3_r8)) r8, lower(hex(h3_r9)) r9 FROM street ORDER BY lon`);
    db.close();
    expect(rows).toHaveLength(pts.length);
    for (const r of rows) {
      const r9 = latLngToCell(r.lat, r.lon, 9);
      expect(r.r9).toBe(r9);
      expect(r.r8).toBe(cellToParent(r9, 8));
      expect(r.r7).toBe(cellToParent(r9, 7));
    }
  });

  it('gives a later load the cells of points an earlier load computed, and the cube the same r8 cells as the rows', async () => {
    const dir = tempDir();
    const a = join(dir, 'a'), b = join(dir, 'b');
    mkdirSync(a);
    mkdirSync(b);
    const known = [[-1.1398, 52.6369], [-3.0, 51.58]];
    const fresh = [[0.521, 51.271], [-2.5879, 51.4545]];
    writeLines(join(a, '2024-03-kent-street.csv'), [STREET_HEADER, ...known.map(([lon, lat]) => streetRow({ lon: String(lon), lat: String(lat) }))]);
    // The next month repeats the known points (one padded with spaces, as some exports are) and adds new ones.
    writeLines(join(b, '2024-04-kent-street.csv'), [STREET_HEADER,
      ...[...known, ...fresh].map(([lon, lat], i) => streetRow({ month: '2024-04', lon: i === 0 ? ` ${lon} ` : String(lon), lat: String(lat) }))]);
    const store = await openStore({ store: join(dir, 'p.duckdb') });
    await ingest(store, [a]);
    await ingest(store, [b]);
    store.close();
    const db = await openDb(join(dir, 'p.duckdb'));
    const rows = await db.all<{ lon: number; lat: number; r9: string; located: boolean }>(
      `SELECT lon, lat, lower(hex(h3_r9)) r9, located FROM street WHERE month = '2024-04' ORDER BY lon`);
    const cube = await db.all<{ r8: string; n: number }>(`SELECT lower(hex(h3_r8)) r8, sum(n)::INT n FROM cube WHERE month = '2024-04' GROUP BY ALL`);
    const points = await db.one<{ n: number }>(`SELECT count(*)::INT n FROM h3_points`);
    db.close();
    expect(rows).toHaveLength(4);
    for (const r of rows) {
      expect(r.located).toBe(true);
      expect(r.r9).toBe(latLngToCell(r.lat, r.lon, 9));
    }
    const want = new Map<string, number>();
    for (const r of rows) want.set(cellToParent(r.r9, 8), (want.get(cellToParent(r.r9, 8)) ?? 0) + 1);
    expect(new Map(cube.map((c) => [c.r8, c.n]))).toEqual(want);
    expect(points?.n).toBe(4); // each point's cell computed once
  });

  it('computes parents in SQL as h3-js cellToParent does, at every coarser resolution', async () => {
    const cells = [[52.6369, -1.1398], [51.58, -3.0], [60.1, -1.2], [49.9, -6.3]].map(([lat, lon]) => latLngToCell(lat, lon, 9));
    const db = await openDb(':memory:');
    for (const cell of cells) {
      for (let res = 0; res < 9; res++) {
        const got = await db.one<{ p: string }>(`SELECT lower(hex(${h3ParentSql(`${BigInt('0x' + cell)}::UBIGINT`, res)})) AS p`);
        expect(got?.p).toBe(cellToParent(cell, res));
      }
    }
    db.close();
    expect(() => h3ParentSql('x', 16)).toThrow(/0\.\.15, got 16/);
  });
});
