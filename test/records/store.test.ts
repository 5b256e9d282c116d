/**
 * Narratives in the store: a file loads in one transaction, read = loaded + quarantined, a
 * reloaded record id replaces the record (never duplicates it), bad records are quarantined with
 * file, line, raw text and reasons, entity mentions are stored and looked up across forces, and the
 * search index beside the store is rebuilt from it. Real DuckDB files in a temporary folder.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '../../src/store/index.ts';
import { entityRecords, loadNarratives, loadSearchIndex, normaliseEntityValue, searchIndexPath } from '../../src/records/index.ts';
import { NARRATIVES, writeNdjson } from './fixtures.ts';

describe('narratives in the store', () => {
  let dir: string;
  let store: Store;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'peel-records-'));
    store = await openStore({ store: join(dir, 'peel.duckdb') });
  });
  afterAll(() => {
    store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('applies the records migration', async () => {
    expect(await store.migrations()).toContain('0501-records');
  });

  it('loads a file: read = loaded + quarantined, bad lines kept with file, line, raw text and reasons', async () => {
    const f = writeNdjson(join(dir, 'a.ndjson'), NARRATIVES, ['{not json', JSON.stringify({ ...NARRATIVES[0], record_id: 'K-9', force_id: 'atlantis', occurred_at: 'yesterday' })]);
    const r = await loadNarratives(store, [f]);
    const file = r.files[0];
    expect(file).toMatchObject({ rows_read: 6, rows_loaded: 4, rows_quarantined: 2, records_replaced: 0, forces: ['essex', 'kent', 'unknown'] });
    expect(file.rows_read).toBe(file.rows_loaded + file.rows_quarantined);
    expect(r.records).toBe(4);
    const q = await store.records.quarantine();
    expect(q.total).toBe(2);
    expect(q.items[0]).toMatchObject({ source: 'a.ndjson', line: 5, raw: '{not json', reasons: ['json.unparseable'] });
    expect(q.items[1].line).toBe(6);
    expect(q.items[1].reasons.sort()).toEqual(['force.unknown', 'occurred_at.unparseable']);
    expect(q.items[1].detail).toContain('"atlantis"');
    const batches = await store.records.batches();
    expect(batches.items[0]).toMatchObject({ source: 'a.ndjson', rows_read: 6, rows_loaded: 4, rows_quarantined: 2 });
    expect(batches.items[0].sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('stores the record with its marking and its entity mentions, normalised', async () => {
    const rec = await store.records.record('essex', 'E-8');
    expect(rec).toMatchObject({ kind: 'crime', classification: 'OFFICIAL-SENSITIVE', occurred_at: '2024-05-07T09:00:00Z', category: 'burglary' });
    const ms = await store.records.mentions([{ force_id: 'kent', record_id: 'K-1' }]);
    const types = ms.map((m) => `${m.type}:${m.value}`);
    expect(types).toContain('VEHICLE_REG:AB12 CDE');
    expect(types).toContain('PHONE:+447700900123');
    expect(types).toContain('WEAPON:screwdriver');
    const m = ms.find((x) => x.type === 'VEHICLE_REG')!;
    expect(NARRATIVES[0].narrative.slice(m.start, m.end)).toBe(m.text);
  });

  it('finds every record mentioning an entity across forces, within the forces asked for', async () => {
    expect(normaliseEntityValue('VEHICLE_REG', 'ab12cde')).toBe('AB12 CDE');
    expect(normaliseEntityValue('PHONE', '07700 900123')).toBe('+447700900123');
    const all = await entityRecords(store, { type: 'vehicle_reg', value: 'ab12 cde', forces: 'all' });
    expect(all.total).toBe(4);
    expect(all.byForce).toEqual({ essex: 2, kent: 2 });
    expect(all.items.map((r) => r.record_id)).toEqual(['E-8', 'E-7', 'K-2', 'K-1']);
    expect(all.items.find((r) => r.record_id === 'K-2')!.texts).toEqual(['AB12CDE']);
    const kent = await entityRecords(store, { type: 'PHONE', value: '+44 7700 900123', forces: ['kent'] });
    expect(kent.items.map((r) => `${r.force_id}/${r.record_id}`)).toEqual(['kent/K-2', 'kent/K-1']);
    expect((await entityRecords(store, { type: 'PHONE', value: '07700900123', forces: [] })).total).toBe(0);
    await expect(entityRecords(store, { type: 'SHOE_SIZE', value: '9', forces: 'all' })).rejects.toThrow(/unknown entity type "SHOE_SIZE"/);
  });

  it('rebuilds the search index beside the store from what the store holds', async () => {
    const path = searchIndexPath(store.path);
    expect(existsSync(path)).toBe(true);
    const index = loadSearchIndex(path);
    expect(index.size).toBe(4);
    const r = index.search('catalytic converter', { now: new Date('2024-06-01') });
    expect(r.hits[0]).toMatchObject({ force_id: 'essex', record_id: 'E-7' });
  });

  it('replaces a reloaded record id, never duplicating it, in the store, the mentions and the index', async () => {
    const changed = { ...NARRATIVES[2], narrative: 'Corrected: catalytic converter stolen; no vehicle seen. Witness Tom HARDY.' };
    // The same id twice in one file: the last line wins.
    const f = writeNdjson(join(dir, 'b.ndjson'), [{ ...changed, narrative: 'first draft' }, changed]);
    const r = await loadNarratives(store, [f]);
    expect(r.files[0]).toMatchObject({ rows_read: 2, rows_loaded: 2, rows_quarantined: 0, records_replaced: 2 });
    expect(r.records).toBe(4);
    expect((await store.records.record('essex', 'E-7'))!.narrative).toBe(changed.narrative);
    const veh = await entityRecords(store, { type: 'VEHICLE_REG', value: 'AB12 CDE', forces: 'all' });
    expect(veh.items.map((x) => x.record_id)).not.toContain('E-7');
    const ms = await store.records.mentions([{ force_id: 'essex', record_id: 'E-7' }]);
    expect(ms.filter((m) => m.type === 'PERSON').length).toBeGreaterThan(0);
    expect(new Set(ms.map((m) => m.start)).size).toBe(ms.length);
    const index = loadSearchIndex(searchIndexPath(store.path));
    expect(index.size).toBe(4);
    expect(index.search('corrected').hits[0]?.record_id).toBe('E-7');
  });

  it('loads CSV through a column mapping, and names the file, line and value when it cannot', async () => {
    const csv = join(dir, 'mo.csv');
    writeFileSync(csv, 'Ref,When,MO,Where\nD1,2024-04-02,"Suspect used a crowbar to force the door",Main St\nD2,not a date,x,Elm St\n');
    const r = await loadNarratives(store, [csv], {
      mapping: { record_id: 'Ref', occurred_at: 'When', narrative: 'MO', location_text: 'Where' }, defaults: { force_id: 'gwent', kind: 'crime' },
    });
    expect(r.files[0]).toMatchObject({ rows_read: 2, rows_loaded: 1, rows_quarantined: 1 });
    expect(r.files[0].firstQuarantined[0]).toMatchObject({ line: 3, reasons: 'occurred_at "not a date"' });
    await expect(loadNarratives(store, [csv])).rejects.toThrow(/mo\.csv is CSV: say which column/);
    await expect(loadNarratives(store, [csv], { mapping: { narrative: 'Story' } })).rejects.toThrow(/line 1 of mo\.csv: column "Story"/);
    await expect(loadNarratives(store, [join(dir, 'nope.ndjson')])).rejects.toThrow(/cannot read .*nope\.ndjson/);
    expect(await store.records.count()).toBe(5);
  });

  it('rolls the whole file back when a load fails part-way', async () => {
    const before = await store.records.count();
    await expect(store.records.loadNarratives({ batchId: 'nfail', source: 'x', sha256: '0', startedAt: new Date() }, async (stage) => {
      stage.addRecord({ force_id: 'kent', record_id: 'K-X', kind: 'crime', occurred_at: '2024-01-01T00:00:00Z', category: null, location_text: 'x', lon: null, lat: null, lsoa_code: null, classification: 'OFFICIAL', narrative: 'x' }, []);
      throw new Error('disk on fire');
    })).rejects.toThrow('disk on fire');
    expect(await store.records.count()).toBe(before);
    expect(await store.records.record('kent', 'K-X')).toBeUndefined();
  });
});
