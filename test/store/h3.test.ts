import { describe, expect, it } from 'vitest';
import { cellToParent, latLngToCell } from 'h3-js';
import { openStore } from '../../src/store/index.ts';
import { openDb } from '../../src/store/db.ts';
import { ingest } from '../../src/ingest/index.ts';
import { STREET_HEADER, streetRow, tempDir, writeLines } from '../helpers/police-uk.ts';
import { join } from 'node:path';

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
});
