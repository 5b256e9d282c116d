/**
 * The same inputs give the same results on both backends: status, batch reports, quarantine rows
 * and every stored fact row (ids, H3 cells, the cube), loaded through `ingest` as a user would.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { join } from 'node:path';
import { ingest } from '../../../src/ingest/index.ts';
import type { BatchResult, Store } from '../../../src/store/index.ts';
import { describePostgres } from '../../helpers/postgres.ts';
import { freshStoreName, rawRows, releaseCluster, sharedCluster } from '../../helpers/backends.ts';
import { openStore } from '../../../src/store/index.ts';
import { tempDir } from '../../helpers/police-uk.ts';
import { writeFirstLoad } from './fixtures.ts';

/** A batch report without what differs by run (ids, timings). */
const report = (b: BatchResult) => {
  const { batch_id: _id, ms_total: _ms, ...rest } = b;
  return rest;
};

const FACTS = {
  street: `SELECT force_id, month, row_id, crime_id, reported_by, falls_within, lon, lat, location, lsoa_code, lsoa_name, category, outcome,
             context, located, h3_r7, h3_r8, h3_r9 FROM street ORDER BY force_id, month, row_id`,
  outcomes: `SELECT force_id, month, row_id, crime_id, lon, lat, outcome, located, h3_r9 FROM outcomes ORDER BY force_id, month, row_id`,
  stop_search: `SELECT force_id, month, row_id, search_type, occurred_at, part_of_operation, lon, lat, gender, outcome, located, h3_r8
                FROM stop_search ORDER BY force_id, month, row_id`,
  cube: `SELECT force_id, month, category, lsoa_code, h3_r8, n FROM cube ORDER BY force_id, month, category, lsoa_code, h3_r8`,
  force_months: `SELECT force_id, kind, month, sha256, rows FROM force_months ORDER BY force_id, kind, month`,
  quarantine: `SELECT force_id, kind, source, line, raw, reasons, detail FROM quarantine ORDER BY source, line`,
} as const;

/** Values as both backends return them compared as equal: timestamps as ISO text, numbers within 1e-9. */
function normal(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number' && !Number.isInteger(v)) return Math.round(v * 1e9) / 1e9;
  if (typeof v === 'number' && !Number.isSafeInteger(v)) return String(v);
  if (Array.isArray(v)) return v.map(normal);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, normal(x)]));
  return v;
}

describePostgres('the same files on DuckDB and PostgreSQL', () => {
  const dir = tempDir();
  const files = writeFirstLoad(join(dir, 'in'));
  const runs: Record<'duckdb' | 'postgres', { name: string; store: Store; batches: BatchResult[] }> = {} as never;

  beforeAll(async () => {
    await sharedCluster();
    for (const backend of ['duckdb', 'postgres'] as const) {
      const name = await freshStoreName(backend);
      const store = await openStore({ store: name });
      const r = await ingest(store, files, { shrinkRatio: 0.5 });
      runs[backend] = { name, store, batches: r.batches };
    }
  });
  afterAll(async () => {
    for (const r of Object.values(runs)) r?.store.close();
    await releaseCluster();
  });

  it('report the same batches', () => {
    const d = runs.duckdb.batches.map(report);
    expect(runs.postgres.batches.map(report)).toEqual(d);
    // The fixtures exercise what they mean to: every street reason, and something quarantined in each kind.
    expect(d.map((b) => [b.kind, b.rows_quarantined > 0])).toEqual(expect.arrayContaining([['street', true], ['outcomes', true], ['stop_search', true]]));
  });

  it('give the same status, coverage, batches and quarantine through the store', async () => {
    const [d, p] = [runs.duckdb.store, runs.postgres.store];
    expect(await p.status()).toEqual(await d.status());
    const noBatch = <T extends { batch_id: string }>(xs: T[]) => xs.map(({ batch_id: _b, ...x }) => x);
    expect(noBatch(await p.coverage())).toEqual(noBatch(await d.coverage()));
    const batchRows = async (s: Store) => noBatch((await s.batches({ limit: 100 })).items).map(({ started_at: _s, finished_at: _f, ms_total: _m, ...x }) => x)
      .sort((a, b) => a.source.localeCompare(b.source));
    expect(await batchRows(p)).toEqual(await batchRows(d));
    const q = async (s: Store) => noBatch((await s.quarantine({ limit: 1000 })).items).sort((a, b) => a.source.localeCompare(b.source) || Number(a.line) - Number(b.line));
    const dq = await q(d);
    expect(await q(p)).toEqual(dq);
    expect(dq.length).toBeGreaterThan(15);
    expect(await p.quarantineSummary()).toEqual(await d.quarantineSummary());
    expect(normal(await p.cube({ area: 'h3_r8' }))).toEqual(normal(await d.cube({ area: 'h3_r8' })));
    expect(normal(await p.cube({ area: 'lsoa', categories: ['burglary'] }))).toEqual(normal(await d.cube({ area: 'lsoa', categories: ['burglary'] })));
    expect(await p.latestMonth()).toBe(await d.latestMonth());
    expect(await p.migrations()).toEqual(await d.migrations());
  });

  it('store the same rows, ids and H3 cells', async () => {
    for (const [table, sql] of Object.entries(FACTS)) {
      const d = await rawRows(runs.duckdb.store, runs.duckdb.name, sql);
      runs.duckdb.store = d.store;
      const p = await rawRows(runs.postgres.store, runs.postgres.name, sql);
      expect(normal(p.rows), table).toEqual(normal(d.rows));
      expect(d.rows.length, table).toBeGreaterThan(0);
    }
  });
});
