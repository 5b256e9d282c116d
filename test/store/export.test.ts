/**
 * Exports on a real DuckDB store: CSV formula neutralisation (OWASP CSV injection) on text
 * columns only, `raw` for machines, force filters, GeoJSON and partitioned Parquet written whole
 * (a failed export leaving nothing behind: test/store/duckdb/export-failure.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openStore, type Store } from '../../src/store/index.ts';
import { DuckDBInstance } from '@duckdb/node-api';
import { ingest } from '../../src/ingest/index.ts';
import { tempDir } from '../helpers/police-uk.ts';
import { HOSTILE, writeHostileSet } from '../helpers/hostile.ts';

/** Minimal CSV reader for the test (quoted fields, doubled quotes). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let wasQuoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"', i++);
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') (quoted = true, wasQuoted = true);
    else if (ch === ',') (row.push(cell), (cell = ''), (wasQuoted = false));
    else if (ch === '\n') (row.push(cell), rows.push(row), (row = []), (cell = ''), (wasQuoted = false));
    else if (ch !== '\r' || wasQuoted) cell += ch;
  }
  if (cell || row.length) (row.push(cell), rows.push(row));
  return rows;
}

describe('exports', () => {
  let dir: string;
  let store: Store;

  beforeAll(async () => {
    dir = tempDir('peel-export-');
    writeHostileSet(join(dir, 'in'));
    store = await openStore({ store: join(dir, 'store.duckdb'), threads: 1 });
    const r = await ingest(store, [join(dir, 'in')]);
    expect(r.batches.reduce((a, b) => a + b.rows_loaded, 0)).toBe(7);
  });
  afterAll(() => store?.close());

  it('neutralises CSV text cells that a spreadsheet would run as formulas, and quotes text cells', async () => {
    const out = join(dir, 'csv', 'street.csv');
    const r = await store.exportTable('street', 'csv', out);
    expect(r.rows).toBe(7);
    const text = readFileSync(out, 'utf8');
    expect(text).not.toMatch(/(^|,)"?=cmd/m);
    const [header, ...rows] = parseCsv(text);
    const col = (name: string) => header.indexOf(name);
    const locations = rows.map((x) => x[col('location')]);
    expect(locations).toContain(`'${HOSTILE.formula}`);
    expect(locations).toContain(`'${HOSTILE.plus}`);
    expect(locations).toContain(`'${HOSTILE.minus}`);
    expect(locations).toContain(`'${HOSTILE.tab}`);
    expect(locations).toContain('On or near High Street');
    expect(rows.map((x) => x[col('lsoa_name')])).toContain(`'${HOSTILE.at}`);
    // Text cells are quoted; numbers are not text: a negative longitude stays a bare number.
    expect(text).toContain(`"'${HOSTILE.formula.replace(/"/g, '""')}"`);
    expect(text).toMatch(/,-0\.521,/);
    expect(rows.map((x) => x[col('lon')])).toContain('-0.521');
  });

  it('writes text as stored with raw, for machines', async () => {
    const out = join(dir, 'raw.csv');
    await store.exportTable('street', 'csv', out, { raw: true });
    const [header, ...rows] = parseCsv(readFileSync(out, 'utf8'));
    const locations = rows.map((x) => x[header.indexOf('location')]);
    expect(locations).toContain(HOSTILE.formula);
    expect(locations).toContain(HOSTILE.plus);
    expect(locations.some((l) => l.startsWith("'"))).toBe(false);
  });

  it('exports only the forces asked for, and says which forces and months it wrote', async () => {
    const r = await store.exportTable('street', 'csv', join(dir, 'essex.csv'), { forces: ['essex'] });
    expect(r).toMatchObject({ rows: 1, forces: ['essex'], months: { from: '2024-04', to: '2024-04' } });
    const rows = parseCsv(readFileSync(join(dir, 'essex.csv'), 'utf8'));
    expect(rows.length).toBe(2);
    const all = await store.exportTable('street', 'csv', join(dir, 'all.csv'));
    expect(all).toMatchObject({ rows: 7, forces: ['essex', 'kent'], months: { from: '2024-03', to: '2024-04' } });
  });

  it('streams GeoJSON as one FeatureCollection of the located rows, properties as stored', async () => {
    const out = join(dir, 'street.geojson');
    const r = await store.exportTable('street', 'geojson', out);
    const fc = JSON.parse(readFileSync(out, 'utf8')) as { type: string; features: Array<{ geometry: { coordinates: number[] }; properties: Record<string, unknown> }> };
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features.length).toBe(6);
    expect(r.rows).toBe(6);
    expect(fc.features.map((f) => f.properties.location)).toContain(HOSTILE.formula);
    expect(fc.features.find((f) => f.properties.location === HOSTILE.formula)?.geometry.coordinates[0]).toBe(-0.521);
    const empty = join(dir, 'none.geojson');
    await store.exportTable('street', 'geojson', empty, { forces: ['gwent'] });
    expect(JSON.parse(readFileSync(empty, 'utf8'))).toEqual({ type: 'FeatureCollection', features: [] });
  });

  it('writes Parquet partitioned by force and month, every row once', async () => {
    const out = join(dir, 'lake', 'street');
    const r = await store.exportTable('street', 'parquet', out);
    expect(r.rows).toBe(7);
    expect(readdirSync(out).sort()).toEqual(['force_id=essex', 'force_id=kent']);
    expect(readdirSync(join(out, 'force_id=kent'))).toEqual(['month=2024-03']);
    // Read back with a DuckDB of the test's own (a Parquet reader, not the store).
    const conn = await (await DuckDBInstance.create(':memory:')).connect();
    try {
      const back = (await conn.runAndReadAll(
        `SELECT force_id, month, count(*)::INTEGER AS n FROM read_parquet('${out}/*/*/*.parquet', hive_partitioning = true) GROUP BY ALL ORDER BY ALL`)).getRowObjectsJS();
      expect(back).toEqual([{ force_id: 'essex', month: '2024-04', n: 1 }, { force_id: 'kent', month: '2024-03', n: 6 }]);
    } finally {
      conn.closeSync();
    }
    await expect(store.exportTable('street', 'parquet', out)).rejects.toThrow(/already exists and is not empty/);
  });
});
