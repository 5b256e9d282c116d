import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { mkdirSync, readFileSync } from 'node:fs';
import { openStore } from '../../../src/store/index.ts';
import { MIGRATIONS } from '../../../src/store/duckdb/schema.ts';
import { openDb, type Db } from '../../../src/store/duckdb/db.ts';
import { ingest } from '../../../src/ingest/index.ts';
import { crimeId, tempDir } from '../../helpers/police-uk.ts';
import { writeRowKeyFixture } from './row-key.fixture.ts';

// The ids the loader gave these rows before row_key existed (commit 827f7b6, row_id stored).
const D = crimeId('repeated');
const OLD_IDS = {
  street: [crimeId('unique-1'), crimeId('unique-3'), crimeId('unique-2'),
    `${D}:3950cd8e4f43dade`, `${D}:5f5d1cb7940cbfc9`, `${D}:5f5d1cb7940cbfc9:2`,
    'x:b32cc62f64ff8a18', 'x:e7026f2e4743d3a0', 'x:e7026f2e4743d3a0:2'].sort(),
  outcomes: [crimeId('unique-1'), `${D}:50374059fb2ccb1c`, `${D}:57e992957041e041`, 'x:50374059fb2ccb1c'].sort(),
};

// The columns exports had before row_key existed.
const OLD_EXPORT_COLUMNS = {
  street: 'force_id,month,row_id,crime_id,reported_by,falls_within,lon,lat,location,lsoa_code,lsoa_name,category,outcome,context,located,batch_id,h3_r7,h3_r8,h3_r9',
  outcomes: 'force_id,month,row_id,crime_id,reported_by,falls_within,lon,lat,location,lsoa_code,lsoa_name,outcome,located,batch_id,h3_r7,h3_r8,h3_r9',
};

async function withDb<T>(path: string, fn: (db: Db) => Promise<T>): Promise<T> {
  const db = await openDb(path);
  try {
    return await fn(db);
  } finally {
    db.close();
  }
}

/** Every column of every row as text, in row_id order, with the column names. */
async function snapshot(db: Db, table: string, exclude = ''): Promise<{ columns: string[]; rows: string[][] }> {
  const cols = (await db.all<{ column_name: string }>(`DESCRIBE SELECT * ${exclude} FROM ${table}`)).map((c) => c.column_name);
  const rows = await db.all(`SELECT ${cols.map((c) => `${c}::VARCHAR AS ${c}`).join(', ')} FROM ${table} ORDER BY row_id`);
  return { columns: cols, rows: rows.map((r) => cols.map((c) => r[c] as string)) };
}

describe('row_id stored only where it is not the Crime ID', () => {
  it('gives unique Crime IDs, repeated Crime IDs and rows without one the same ids as before, storing a row_key only for the last two', async () => {
    const dir = tempDir();
    const store = await openStore({ store: join(dir, 'p.duckdb') });
    await ingest(store, writeRowKeyFixture(dir));
    store.close();
    await withDb(join(dir, 'p.duckdb'), async (db) => {
      for (const table of ['street', 'outcomes'] as const) {
        const rows = await db.all<{ row_id: string; crime_id: string | null; row_key: string | null }>(
          `SELECT row_id, crime_id, row_key FROM ${table} ORDER BY row_id`);
        expect(rows.map((r) => r.row_id)).toEqual(OLD_IDS[table]);
        for (const r of rows) expect(r.row_key).toBe(r.row_id === r.crime_id ? null : r.row_id);
        // Unique Crime IDs (the most rows by far) store no row_key.
        expect(rows.filter((r) => r.row_key === null).map((r) => r.row_id))
          .toEqual(rows.filter((r) => r.crime_id !== null && !r.row_id.includes(':')).map((r) => r.row_id));
      }
    });
  });

  it('exports the same columns as before, without row_key, in CSV, Parquet and GeoJSON', async () => {
    const dir = tempDir();
    const store = await openStore({ store: join(dir, 'p.duckdb') });
    await ingest(store, writeRowKeyFixture(dir));
    for (const table of ['street', 'outcomes'] as const) {
      await store.exportTable(table, 'csv', join(dir, `${table}.csv`));
      // CSV exports quote text cells (and their header names) since formula neutralisation; the
      // columns and ids are what they were.
      const [header, ...lines] = readFileSync(join(dir, `${table}.csv`), 'utf8').trim().replace(/"/g, '').split('\n');
      expect(header).toBe(OLD_EXPORT_COLUMNS[table]);
      expect(lines.map((l) => l.split(',')[2]).sort()).toEqual(OLD_IDS[table]);
      await store.exportTable(table, 'parquet', join(dir, `${table}-pq`));
      await store.exportTable(table, 'geojson', join(dir, `${table}.geojson`));
      const fc = JSON.parse(readFileSync(join(dir, `${table}.geojson`), 'utf8')) as { features: Array<{ properties: Record<string, unknown> }> };
      expect(Object.keys(fc.features[0].properties).join(',')).toBe(OLD_EXPORT_COLUMNS[table]);
    }
    store.close();
    await withDb(':memory:', async (db) => {
      for (const table of ['street', 'outcomes'] as const) {
        const cols = await db.all<{ column_name: string }>(
          `DESCRIBE SELECT * FROM read_parquet('${join(dir, `${table}-pq`)}/**/*.parquet', hive_partitioning = true)`);
        // Parquet's partition columns (force_id, month) come last, as they always did.
        expect(cols.map((c) => c.column_name).sort()).toEqual(OLD_EXPORT_COLUMNS[table].split(',').sort());
      }
    });
  });

  it('upgrades a store holding the old layout without losing or changing a row', async () => {
    const dir = tempDir();
    const path = join(dir, 'old.duckdb');
    // A store as the previous release left it: every migration before 0002-core-row-key applied,
    // street and outcomes in their old layout (written out here, not taken from schema.ts).
    const before = await withDb(path, async (db) => {
      await db.run(`CREATE TABLE schema_migrations (id VARCHAR PRIMARY KEY, applied_at TIMESTAMP NOT NULL)`);
      for (const m of MIGRATIONS.filter((m) => m.id !== '0002-core-row-key')) {
        for (const s of m.statements) await db.run(s);
        await db.run(`INSERT INTO schema_migrations VALUES (?, now()::TIMESTAMP)`, [m.id]);
      }
      await db.run(`DROP TABLE street; DROP TABLE outcomes;
        CREATE TABLE street (
          force_id VARCHAR NOT NULL, month VARCHAR NOT NULL, row_id VARCHAR NOT NULL, crime_id VARCHAR,
          reported_by VARCHAR, falls_within VARCHAR, lon DOUBLE, lat DOUBLE, location VARCHAR, lsoa_code VARCHAR,
          lsoa_name VARCHAR, category VARCHAR NOT NULL, outcome VARCHAR, context VARCHAR, located BOOLEAN NOT NULL,
          h3_r7 UBIGINT, h3_r8 UBIGINT, h3_r9 UBIGINT, batch_id VARCHAR NOT NULL);
        CREATE TABLE outcomes (
          force_id VARCHAR NOT NULL, month VARCHAR NOT NULL, row_id VARCHAR NOT NULL, crime_id VARCHAR,
          reported_by VARCHAR, falls_within VARCHAR, lon DOUBLE, lat DOUBLE, location VARCHAR, lsoa_code VARCHAR,
          lsoa_name VARCHAR, outcome VARCHAR NOT NULL, located BOOLEAN NOT NULL,
          h3_r7 UBIGINT, h3_r8 UBIGINT, h3_r9 UBIGINT, batch_id VARCHAR NOT NULL);`);
      // H3 cells above 2^63 (all real ones are), an unlocated row, a repeated Crime ID, a row without one.
      const r9 = 0x89195da49b7ffffn, r8 = 0x88195da49bfffffn, r7 = 0x87195da49ffffffn;
      const u = crimeId('old-unique'), d = crimeId('old-repeated');
      await db.run(`INSERT INTO street VALUES
        ('kent', '2024-01', '${u}', '${u}', 'Kent Police', 'Kent Police', 0.521, 51.271, 'On or near High Street', 'E01024389', 'Maidstone 001A', 'burglary', 'under-investigation', NULL, true, ${r7}, ${r8}, ${r9}, 'b1'),
        ('kent', '2024-01', '${d}:3950cd8e4f43dade', '${d}', 'Kent Police', 'Kent Police', 0.521, 51.271, 'On or near A Road', 'E01024389', 'Maidstone 001A', 'burglary', NULL, 'a context, with a comma', true, ${r7}, ${r8}, ${r9}, 'b1'),
        ('kent', '2024-01', '${d}:3950cd8e4f43dade:2', '${d}', 'Kent Police', 'Kent Police', 0.521, 51.271, 'On or near A Road', 'E01024389', 'Maidstone 001A', 'burglary', NULL, 'a context, with a comma', true, ${r7}, ${r8}, ${r9}, 'b1'),
        ('kent', '2024-01', 'x:e7026f2e4743d3a0', NULL, 'Kent Police', 'Kent Police', NULL, NULL, 'No Location', NULL, NULL, 'anti-social-behaviour', NULL, NULL, false, NULL, NULL, NULL, 'b1'),
        ('essex', '2024-02', '${crimeId('old-essex')}', '${crimeId('old-essex')}', 'Essex Police', 'Essex Police', 0.6, 51.7, 'On or near Park', NULL, NULL, 'vehicle-crime', 'suspect-charged', NULL, true, ${r7}, ${r8}, ${r9}, 'b2')`);
      await db.run(`INSERT INTO outcomes VALUES
        ('kent', '2024-01', '${u}', '${u}', 'Kent Police', 'Kent Police', 0.521, 51.271, 'On or near High Street', 'E01024389', 'Maidstone 001A', 'suspect-charged', true, ${r7}, ${r8}, ${r9}, 'b3'),
        ('kent', '2024-01', '${d}:50374059fb2ccb1c', '${d}', 'Kent Police', 'Kent Police', NULL, NULL, 'No Location', NULL, NULL, 'no-further-action', false, NULL, NULL, NULL, 'b3'),
        ('kent', '2024-01', 'x:50374059fb2ccb1c', NULL, 'Kent Police', 'Kent Police', 0.521, 51.271, 'On or near High Street', 'E01024389', 'Maidstone 001A', 'suspect-charged', true, ${r7}, ${r8}, ${r9}, 'b3')`);
      return { street: await snapshot(db, 'street'), outcomes: await snapshot(db, 'outcomes') };
    });
    expect(before.street.rows).toHaveLength(5);

    const store = await openStore({ store: path });
    expect(await store.migrations()).toContain('0002-core-row-key');
    store.close();
    await withDb(path, async (db) => {
      for (const table of ['street', 'outcomes'] as const) {
        // Same columns in the same order, same values, not one row more or less.
        expect(await snapshot(db, table, 'EXCLUDE (row_key)')).toEqual(before[table]);
        const keys = await db.all<{ row_id: string; crime_id: string | null; row_key: string | null }>(`SELECT row_id, crime_id, row_key FROM ${table}`);
        for (const k of keys) expect(k.row_key).toBe(k.row_id === k.crime_id ? null : k.row_id);
      }
    });

    // The upgraded store loads, replaces and exports as a new one does.
    const again = await openStore({ store: path });
    const fixtureDir = join(dir, 'in');
    mkdirSync(fixtureDir);
    await ingest(again, writeRowKeyFixture(fixtureDir));
    await again.exportTable('street', 'csv', join(dir, 'street.csv'));
    again.close();
    const csv = readFileSync(join(dir, 'street.csv'), 'utf8').trim().replace(/"/g, '').split('\n');
    expect(csv[0]).toBe(OLD_EXPORT_COLUMNS.street);
    expect(csv).toHaveLength(1 + 5 + OLD_IDS.street.length);
  });
});
