/**
 * Narratives on both backends: the same files loaded through `loadNarratives` (as `peel records
 * ingest` does: a first file, then a reload that replaces a record and repeats one) give the same
 * batch reports, quarantine, records, mentions, entity lookups and scan order, and the search index
 * built from each store finds the same records.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadNarratives, loadSearchIndex, searchIndexPath, type LoadNarrativesResult } from '../../../src/records/index.ts';
import { openStore, type Store } from '../../../src/store/index.ts';
import { describePostgres } from '../../helpers/postgres.ts';
import { freshStoreName, releaseCluster, sharedCluster } from '../../helpers/backends.ts';
import { tempDir } from '../../helpers/police-uk.ts';
import { NARRATIVES, writeNdjson } from '../../records/fixtures.ts';

type Backend = 'duckdb' | 'postgres';

describePostgres('narratives on DuckDB and PostgreSQL', () => {
  const dir = tempDir();
  const first = writeNdjson(join(dir, 'a.ndjson'), NARRATIVES,
    ['{not json', JSON.stringify({ ...NARRATIVES[0], record_id: 'K-9', force_id: 'atlantis', occurred_at: 'yesterday' })]);
  // The reload: K-1 rewritten (twice: the last line wins), a new Essex record, one bad line.
  const second = writeNdjson(join(dir, 'b.ndjson'), [
    { ...NARRATIVES[0], narrative: 'First rewrite, vehicle AB12 CDE.' },
    { ...NARRATIVES[0], narrative: 'Second rewrite: vehicle AB12 CDE and phone 07700 900123 seen.' },
    { ...NARRATIVES[2], record_id: 'E-9', occurred_at: '2024-05-09T12:00:00Z' },
  ], [JSON.stringify({ ...NARRATIVES[1], kind: 'rumour' })]);
  const runs = {} as Record<Backend, { store: Store; loads: LoadNarrativesResult[]; index: string }>;

  beforeAll(async () => {
    await sharedCluster();
    for (const backend of ['duckdb', 'postgres'] as const) {
      const store = await openStore({ store: await freshStoreName(backend) });
      const index = join(tempDir(), `${backend}.records-index`);
      const loads = [await loadNarratives(store, [first], { indexPath: index }), await loadNarratives(store, [second], { indexPath: index })];
      runs[backend] = { store, loads, index };
    }
  });
  afterAll(async () => {
    for (const r of Object.values(runs)) r?.store.close();
    await releaseCluster();
  });

  const noRun = <T extends { batch_id: string; ms_total: number; started_at: string; finished_at: string }>(x: T) => {
    const { batch_id: _b, ms_total: _m, started_at: _s, finished_at: _f, ...rest } = x;
    return rest;
  };

  it('report the same loads: read = loaded + quarantined, replaced records counted alike', async () => {
    const files = (b: Backend) => runs[b].loads.map((l) => ({ records: l.records, files: l.files.map(({ path: _p, firstQuarantined: _q, ...f }) => noRun(f)) }));
    expect(files('postgres')).toEqual(files('duckdb'));
    const second = runs.duckdb.loads[1].files[0];
    expect(second).toMatchObject({ rows_read: 4, rows_loaded: 3, rows_quarantined: 1, records_replaced: 2 });
    // Both loads may finish within one second (the order's first key): compared by file.
    const batches = async (b: Backend) => (await runs[b].store.records.batches()).items.map(noRun).sort((x, y) => x.source.localeCompare(y.source));
    expect(await batches('postgres')).toEqual(await batches('duckdb'));
  });

  it('hold the same records, mentions and quarantine', async () => {
    const [d, p] = [runs.duckdb.store.records, runs.postgres.store.records];
    expect(await p.count()).toBe(await d.count());
    const scan = async (s: Store['records']) => {
      const out: unknown[] = [];
      await s.scan((rows) => void out.push(...rows.map(({ batch_id: _b, ...r }) => r)), 2);
      return out;
    };
    const ds = await scan(d);
    expect(ds.length).toBe(5);
    expect(await scan(p)).toEqual(ds);
    const keys = [{ force_id: 'kent', record_id: 'K-1' }, { force_id: 'essex', record_id: 'E-8' }, { force_id: 'essex', record_id: 'nope' }];
    const recs = async (s: Store['records']) => (await s.records(keys)).map(({ batch_id: _b, ...r }) => r).sort((a, b) => a.record_id.localeCompare(b.record_id));
    expect(await recs(p)).toEqual(await recs(d));
    expect((await p.record('kent', 'K-1'))?.narrative).toContain('Second rewrite');
    expect(await p.mentions(keys)).toEqual(await d.mentions(keys));
    expect(await p.sensitive(['essex', 'kent'])).toEqual(await d.sensitive(['essex', 'kent']));
    const quar = async (s: Store['records']) => (await s.quarantine({ limit: 10 })).items.map(({ batch_id: _b, ...q }) => q);
    const dq = await quar(d);
    expect(dq.length).toBe(3);
    expect(await quar(p)).toEqual(dq);
    expect((await p.quarantine({ force: 'kent' })).total).toBe((await d.quarantine({ force: 'kent' })).total);
  });

  it('find the same records by entity, within forces and sensitivity', async () => {
    const [d, p] = [runs.duckdb.store.records, runs.postgres.store.records];
    for (const q of [
      { type: 'VEHICLE_REG', value: 'AB12 CDE', forces: 'all' as const },
      { type: 'VEHICLE_REG', value: 'AB12 CDE', forces: ['kent'], limit: 1, offset: 1 },
      { type: 'VEHICLE_REG', value: 'AB12 CDE', forces: 'all' as const, sensitive: ['kent'] },
      { type: 'PHONE', value: '+447700900123', forces: ['kent', 'essex'] },
    ]) {
      const want = await d.entity(q);
      expect(await p.entity(q), JSON.stringify(q)).toEqual(want);
    }
    expect((await d.entity({ type: 'VEHICLE_REG', value: 'AB12 CDE', forces: 'all' })).total).toBe(5);
  });

  it("keep a server store's search index in a local file named by server and database, without the password", () => {
    const prev = process.env.PEEL_INDEX_DIR;
    process.env.PEEL_INDEX_DIR = '/var/peel';
    try {
      expect(searchIndexPath('postgres://peel:***@db.example:5433/hub?sslmode=require')).toBe('/var/peel/db.example_5433_hub.records-index');
      expect(searchIndexPath('postgresql:///hub')).toBe('/var/peel/localhost_hub.records-index');
      expect(searchIndexPath('/data/peel.duckdb')).toBe('/data/peel.duckdb.records-index');
    } finally {
      if (prev === undefined) delete process.env.PEEL_INDEX_DIR;
      else process.env.PEEL_INDEX_DIR = prev;
    }
  });

  it('build search indexes that answer alike', () => {
    const [d, p] = [loadSearchIndex(runs.duckdb.index), loadSearchIndex(runs.postgres.index)];
    try {
      expect(p.size).toBe(d.size);
      for (const q of ['catalytic converter', 'rewrite vehicle', 'burglary']) {
        const hits = (i: typeof d) => i.search(q, { now: new Date('2024-06-01') }).hits.map((h) => `${h.force_id}/${h.record_id}`);
        expect(hits(p), q).toEqual(hits(d));
        expect(hits(d).length, q).toBeGreaterThan(0);
      }
    } finally {
      d.close();
      p.close();
    }
  });
});
