import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/shared.ts';
import { STREET_HEADER, asbRow, streetRow, tempDir, writeLines } from '../helpers/police-uk.ts';

const PEEL = join(REPO_ROOT, 'bin', 'peel.mjs');
function peel(...args: string[]) {
  return spawnSync(process.execPath, [PEEL, ...args], { encoding: 'utf8' });
}

describe('the peel CLI on the spine', () => {
  let dir: string;
  let store: string;
  beforeAll(() => {
    dir = tempDir();
    store = join(dir, 'p.duckdb');
    writeLines(join(dir, '2024-03-kent-street.csv'), [STREET_HEADER, streetRow(), asbRow(), streetRow({ type: 'Burgalry' }), streetRow({ lon: '', lat: '', location: 'No Location', lsoa: '', lsoaName: '' })]);
    writeLines(join(dir, '2024-04-kent-street.csv'), [STREET_HEADER, streetRow({ month: '2024-04' }), streetRow({ month: '2024-04' })]);
  });

  it('prints the ingest contract with --json and reconciles every batch', () => {
    const r = peel('ingest', dir, '--store', store, '--json');
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.batches).toHaveLength(2);
    for (const b of out.batches) {
      expect(Object.keys(b).sort()).toEqual(['batch_id', 'detail', 'force_id', 'kind', 'months', 'rows_before', 'rows_loaded', 'rows_quarantined', 'rows_read', 'source', 'status']);
      expect(b.rows_read).toBe(b.rows_loaded + b.rows_quarantined);
    }
    expect(out.batches[0]).toMatchObject({ kind: 'street', force_id: 'kent', months: ['2024-03'], rows_read: 4, rows_loaded: 3, rows_quarantined: 1, status: 'loaded' });
  });

  it('prints status, batches and quarantine as JSON', () => {
    const status = JSON.parse(peel('status', '--store', store, '--json').stdout);
    expect(status).toEqual({ forces: [{ force_id: 'kent', months: ['2024-03', '2024-04'], rows: { street: 5, outcomes: 0, stop_search: 0 } }] });
    const batches = JSON.parse(peel('batches', '--store', store, '--json').stdout);
    expect(batches.total).toBe(2);
    const q = JSON.parse(peel('quarantine', '--store', store, '--json').stdout);
    expect(q.items).toHaveLength(1);
    expect(q.items[0]).toMatchObject({ line: 4, reasons: ['category.unknown'] });
  });

  it('prints a readable reconciliation line without --json', () => {
    const r = peel('ingest', join(dir, '2024-03-kent-street.csv'), '--store', store);
    expect(r.stdout).toMatch(/unchanged\s+street\s+kent\s+2024-03\s+read 4 = loaded 3 \+ quarantined 1/);
  });

  it('exports CSV, Parquet partitioned by force and month, and GeoJSON of located rows', () => {
    expect(peel('export', 'street', '--format', 'csv', '--out', join(dir, 'out', 'street.csv'), '--store', store).status).toBe(0);
    expect(readFileSync(join(dir, 'out', 'street.csv'), 'utf8').trim().split('\n')).toHaveLength(6);
    expect(peel('export', 'street', '--format', 'parquet', '--out', join(dir, 'lake'), '--store', store).status).toBe(0);
    expect(readdirSync(join(dir, 'lake', 'force_id=kent')).sort()).toEqual(['month=2024-03', 'month=2024-04']);
    expect(peel('export', 'street', '--format', 'geojson', '--out', join(dir, 'out', 'street.geojson'), '--store', store).status).toBe(0);
    const fc = JSON.parse(readFileSync(join(dir, 'out', 'street.geojson'), 'utf8'));
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features).toHaveLength(4);
    expect(fc.features[0].geometry.type).toBe('Point');
  });

  it('fails with one clear line and a non-zero exit on bad input', () => {
    const missing = peel('ingest', join(dir, 'nothing-here.csv'), '--store', store);
    expect(missing.status).not.toBe(0);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toContain('nothing-here.csv');
    const badTable = peel('export', 'secrets', '--format', 'csv', '--out', join(dir, 'x.csv'), '--store', store);
    expect(badTable.status).not.toBe(0);
    expect(badTable.stderr).toMatch(/cannot export "secrets"/);
    expect(existsSync(join(dir, 'x.csv'))).toBe(false);
  });

  it('names a bad --scan-locations for detect and stops quietly when its reader closes the pipe', async () => {
    const bad = peel('detect', '--store', store, '--scan-locations', '9');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--scan-locations "9": choose lsoa, 7, 8 or auto/);
    // `peel quarantine --json | head -c 1` on 3,000 quarantined rows (far more than a pipe holds):
    // the reader goes away after the first chunk.
    const big = join(tempDir(), '2024-05-kent-street.csv');
    writeLines(big, [STREET_HEADER, ...Array.from({ length: 3000 }, () => streetRow({ month: '2024-05', type: 'Not a crime type' }))]);
    const bigStore = join(dir, 'big.duckdb');
    expect(peel('ingest', big, '--store', bigStore).status).toBe(0);
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, [PEEL, 'quarantine', '--store', bigStore, '--limit', '5000', '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toMatch(/EPIPE|Unhandled/);
    expect(code).toBe(0);
  });
});
