/**
 * The write path's ownership rules and honest reporting (issue #15, items 1, 2, 5 and 10): a file
 * writes only the force-months it declares, for a caller who holds them; a much smaller
 * replacement needs confirming; every group is reported and audited as it commits; two versions
 * of one force-month in one run are resolved before loading, so the next run is a no-op.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendFileSync, copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { openStore, type BatchResult, type Store } from '../../src/store/index.ts';
import { ingest } from '../../src/ingest/index.ts';
import { auditCollection, listAudit } from '../../src/access/index.ts';
import { isPeelError, type PeelError } from '../../src/standard/index.ts';
import { ingestTotals } from '../../src/cli/commands/ingest.ts';
import { loadConfig } from '../../src/config/index.ts';
import { STREET_HEADER, STOP_SEARCH_HEADER, crimeId, streetRow, tempDir, writeLines } from '../helpers/police-uk.ts';
import { describeShared, SHARED_DATA } from '../helpers/shared.ts';

let dir: string;
let store: Store;

beforeEach(async () => {
  dir = tempDir();
  store = await openStore({ store: join(dir, 'peel.duckdb'), threads: 1 });
});
afterEach(() => store.close());

const kentRows = (n: number, month = '2024-03') => Array.from({ length: n }, (_, i) => streetRow({ id: crimeId(`k${month}${i}`), month }));
const heldRows = async (force: string) => (await store.status()).forces.find((f) => f.force_id === force)?.rows.street ?? 0;
const coverage = async () => (await store.coverage()).map((c) => `${c.force_id} ${c.kind} ${c.month} ${c.rows}`).sort();

describe('a file writes only the force-months it declares', () => {
  it('quarantines rows of another force or month as force.mismatch / month.mismatch, naming both values, and leaves their force-months alone', async () => {
    await ingest(store, [writeLines(join(dir, '2024-04-kent-street.csv'), [STREET_HEADER, ...kentRows(6, '2024-04')])]);
    await ingest(store, [writeLines(join(dir, '2024-03-essex-street.csv'), [STREET_HEADER, streetRow({ force: 'Essex Police' })])]);
    const before = await coverage();
    const f = writeLines(join(dir, '2024-03-kent-street.csv'), [
      STREET_HEADER, ...kentRows(3),
      streetRow({ month: '2024-04' }), // Kent, another month
      streetRow({ force: 'Essex Police' }), // same month, another force
    ]);
    const r = await ingest(store, [f]);
    expect(r.batches[0]).toMatchObject({ force_id: 'kent', months: ['2024-03'], rows_read: 5, rows_loaded: 3, rows_quarantined: 2, status: 'loaded' });
    expect(r.batches[0].detail).toContain('quarantined 2 rows of another force or month than the file\'s kent 2024-03 (rows of essex, kent)');
    expect(await coverage()).toEqual([...before, 'kent street 2024-03 3'].sort());
    const q = await store.quarantine({ limit: 10, offset: 0 });
    expect(q.items.map((x) => [x.line, x.reasons, x.detail, x.force_id])).toEqual([
      [5, ['month.mismatch'], 'a row of month "2024-04" in a file of "2024-03"', 'kent'],
      [6, ['force.mismatch'], 'a row of force "essex" in a file of "kent"', 'kent'],
    ]);
  });

  it('gives a file whose name declares no force the force most of its rows name, quarantining the others', async () => {
    const f = writeLines(join(dir, 'merged.csv'), [STREET_HEADER, ...kentRows(3), streetRow({ force: 'Gwent Police' })]);
    const r = await ingest(store, [f]);
    expect(r.batches[0]).toMatchObject({ force_id: 'kent', rows_loaded: 3, rows_quarantined: 1 });
    expect((await store.status()).forces.map((x) => x.force_id)).toEqual(['kent']);
  });

  it('refuses --force that contradicts a data.police.uk name, before writing anything', async () => {
    const f = writeLines(join(dir, '2024-03-kent-street.csv'), [STREET_HEADER, ...kentRows(2)]);
    const err = await ingest(store, [f], { force: 'gwent' }).then(() => null, (e: unknown) => e as PeelError);
    if (!err) throw new Error('loaded');
    expect(isPeelError(err) && err.code).toBe('bad_input');
    expect(err.message).toContain('named as a file of "kent", but the force given is "gwent"');
    expect((await store.batches({ limit: 10, offset: 0 })).total).toBe(0);
  });

  it('refuses a caller scoped to other forces before reading or writing anything, and lets it write its own', async () => {
    await ingest(store, [writeLines(join(dir, '2024-03-kent-street.csv'), [STREET_HEADER, ...kentRows(4)])]);
    mkdirSync(join(dir, 'up'));
    const kent = writeLines(join(dir, 'up', '2024-03-kent-street.csv'), [STREET_HEADER, ...kentRows(1)]);
    const gwent = writeLines(join(dir, 'up', '2024-03-gwent-street.csv'), [STREET_HEADER, streetRow({ force: 'Gwent Police' })]);
    const nameless = writeLines(join(dir, 'up', 'rows.csv'), [STREET_HEADER, streetRow({ force: 'Gwent Police', month: '2024-05' })]);
    for (const [paths, opts, says] of [
      [[gwent, kent], {}, 'is a file of "kent"; you may write only gwent'],
      [[kent], { force: 'gwent' }, 'named as a file of "kent"'],
      [[nameless], {}, 'does not declare its force'],
    ] as const) {
      const err = await ingest(store, [...paths], { ...opts, allowedForces: ['gwent'] }).then(() => new Error('loaded'), (e: unknown) => e as Error);
      expect(err.message).toContain(says);
    }
    expect(await heldRows('kent')).toBe(4);
    expect((await store.batches({ limit: 10, offset: 0 })).total).toBe(1);
    const ok = await ingest(store, [gwent, nameless], { allowedForces: ['gwent'], force: 'gwent' });
    expect(ok.batches.map((b) => `${b.force_id} ${b.status}`)).toEqual(['gwent loaded', 'gwent loaded']);
  });
});

describe('the shrink guard', () => {
  it('refuses to replace a held force-month with under half its rows, writes nothing of that file, loads the rest, and says before and after', async () => {
    mkdirSync(join(dir, 'a'));
    await ingest(store, [writeLines(join(dir, 'a', '2024-03-kent-street.csv'), [STREET_HEADER, ...kentRows(10)]),
      writeLines(join(dir, 'a', '2024-04-kent-street.csv'), [STREET_HEADER, ...kentRows(4, '2024-04')])]);
    mkdirSync(join(dir, 'b'));
    const small = writeLines(join(dir, 'b', '2024-03-kent-street.csv'), [STREET_HEADER, ...kentRows(4)]);
    const bigger = writeLines(join(dir, 'b', '2024-04-kent-street.csv'), [STREET_HEADER, ...kentRows(5, '2024-04')]);
    const seen: BatchResult[] = [];
    const err = await ingest(store, [small, bigger], { onCommitted: (b) => seen.push(...b) }).then(() => null, (e: unknown) => e as PeelError);
    if (!err) throw new Error('loaded');
    expect(isPeelError(err) && err.code).toBe('shrink_refused');
    expect(err.message).toContain('would replace street kent 2024-03 (10 rows held) with 4 rows — under 50% of what is held');
    expect(err.message).toContain('--allow-shrink');
    const batches = err.details.batches as BatchResult[];
    expect(batches.map((b) => [b.status, b.rows_before, b.rows_loaded])).toEqual([['refused', 10, 4], ['replaced', 4, 5]]);
    expect(seen.map((b) => b.status)).toEqual(['refused', 'replaced']);
    expect(await coverage()).toEqual(['kent street 2024-03 10', 'kent street 2024-04 5']);
    // The refused file is recorded in batches (status, the rows it offered, why); nothing else of it is stored.
    const stored = (await store.batches({ limit: 10, offset: 0 })).items;
    expect(stored.map((b) => b.status).sort()).toEqual(['loaded', 'loaded', 'refused', 'replaced']);
    const rec = stored.find((b) => b.status === 'refused')!;
    expect(rec).toMatchObject({ source: small, force_id: 'kent', kind: 'street', months: ['2024-03'], rows_read: 4, rows_loaded: 4, rows_quarantined: 0 });
    expect(rec.sha256).toBe(createHash('sha256').update(readFileSync(small)).digest('hex'));
    expect(rec.detail).toContain('would replace street kent 2024-03 (10 rows held) with 4 rows');
    expect((await store.batches({ status: 'refused', limit: 10, offset: 0 })).total).toBe(1);
    expect((await store.quarantine({ batch: rec.batch_id, limit: 10, offset: 0 })).total).toBe(0);

    const confirmed = await ingest(store, [small], { allowShrink: true });
    expect(confirmed.batches[0]).toMatchObject({ status: 'replaced', rows_before: 10, rows_loaded: 4 });
    expect(confirmed.batches[0].detail).toBe('replaced kent 2024-03: 10 rows before, 4 after');
    expect(await heldRows('kent')).toBe(9);
  });

  it('takes its ratio from config (PEEL_SHRINK_RATIO, 0..1), naming a bad value', () => {
    expect(loadConfig({}).shrinkRatio).toBe(0.5);
    expect(loadConfig({ PEEL_SHRINK_RATIO: '0.8' }).shrinkRatio).toBe(0.8);
    expect(() => loadConfig({ PEEL_SHRINK_RATIO: '2' })).toThrow('PEEL_SHRINK_RATIO=2 is not a number from 0 to 1');
  });

  it('takes its ratio from the options (0 turns it off)', async () => {
    await ingest(store, [writeLines(join(dir, '2024-03-kent-street.csv'), [STREET_HEADER, ...kentRows(10)])]);
    const seven = writeLines(join(dir, '2024-03-kent-street.csv'), [STREET_HEADER, ...kentRows(7)]);
    expect(await ingest(store, [seven], { shrinkRatio: 0.8 }).then(() => 'loaded', (e: Error) => e.message)).toContain('under 80%');
    expect((await ingest(store, [seven], { shrinkRatio: 0 })).batches[0]).toMatchObject({ status: 'replaced', rows_before: 10 });
  });
});

describe('honest runs', () => {
  const audited = async () => (await listAudit(store, { limit: 100, offset: 0 })).items.filter((e) => e.action === 'collection' || e.action === 'alteration');

  it('reports and audits each group as it commits; a failure later says what was committed, and its own group writes nothing', async () => {
    const street = writeLines(join(dir, '2024-03-kent-street.csv'), [STREET_HEADER, ...kentRows(3)]);
    const ss = writeLines(join(dir, '2024-03-kent-stop-and-search.csv'), [STOP_SEARCH_HEADER,
      'Person search,2024-03-04T10:00:00+00:00,False,,51.27,0.52,Male,18-24,White - English/Welsh/Scottish/Northern Irish/British,White,Misuse of Drugs Act 1971 (section 23),Controlled drugs,A no further action disposal,False,False']);
    const lines: string[] = [];
    let calls = 0;
    const err = await ingest(store, [street, ss], {
      onCommitted: (bs) => lines.push(...bs.map((b) => `${b.status} ${b.kind}`)),
      audit: async (bs) => {
        if (++calls === 2) throw new Error('audit log unavailable');
        await auditCollection(store, bs, { actor: 'test' });
      },
    }).then(() => new Error('loaded'), (e: Error) => e);
    expect(lines).toEqual(['loaded street']);
    expect(err.message).toContain('audit log unavailable');
    expect(err.message).toContain('before this error 1 file was committed and reported; 1 not loaded: ' + ss);
    // The group whose audit failed was rolled back: nothing of it is held, and no event without data or data without event.
    expect((await store.status()).forces[0].rows).toEqual({ street: 3, outcomes: 0, stop_search: 0 });
    expect((await audited()).map((e) => e.detail)).toEqual([expect.objectContaining({ kind: 'street', status: 'loaded' })]);
    // So a re-run loads (and audits) the stop-and-search file, and does not call it unchanged.
    const again = await ingest(store, [street, ss], { audit: async (bs) => void (await auditCollection(store, bs, { actor: 'test' })) });
    expect(again.batches.map((b) => `${b.status} ${b.kind}`)).toEqual(['unchanged street', 'loaded stop_search']);
    expect((await audited()).length).toBe(2);
  });

  it('keeps loaded, replaced and unchanged apart in the totals (unchanged files are not counted as loaded)', async () => {
    const a = writeLines(join(dir, '2024-03-kent-street.csv'), [STREET_HEADER, ...kentRows(4)]);
    const b = writeLines(join(dir, '2024-04-kent-street.csv'), [STREET_HEADER, ...kentRows(6, '2024-04')]);
    await ingest(store, [a, b]);
    writeLines(b, [STREET_HEADER, ...kentRows(5, '2024-04'), streetRow({ month: '2024-04', type: 'Burgalry' })]);
    const c = writeLines(join(dir, '2024-05-kent-street.csv'), [STREET_HEADER, ...kentRows(2, '2024-05')]);
    const r = await ingest(store, [a, b, c]);
    expect(r.batches.map((x) => x.status)).toEqual(['unchanged', 'replaced', 'loaded']);
    const totals = ingestTotals(r.batches, 1000).split('\n');
    expect(totals[0]).toBe('3 files: 1 loaded, 1 replaced, 1 unchanged');
    expect(totals[1]).toMatch(/^rows of loaded and replaced files: read 8 = loaded 7 \+ quarantined 1 in 1\.0 s/);
    expect(totals.slice(2)).toEqual(['replaced force-months held 6 rows before, 5 after', 'unchanged files: 4 rows already held, not read again']);
  });

  it('loads the same file named twice once (a copy of the chosen version is superseded, not loaded again)', async () => {
    const a = writeLines(join(dir, '2024-03-kent-street.csv'), [STREET_HEADER, ...kentRows(2)]);
    mkdirSync(join(dir, 'copy'));
    const b = join(dir, 'copy', '2024-03-kent-street.csv');
    copyFileSync(a, b);
    const r = await ingest(store, [b, a]);
    expect(r.batches.map((x) => [x.source, x.status])).toEqual([[b, 'superseded'], [a, 'loaded']]);
    // The superseded copy is recorded in batches with its bytes' sha256 and the file chosen over it.
    const stored = (await store.batches({ status: 'superseded', limit: 10, offset: 0 })).items;
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ batch_id: r.batches[0].batch_id, source: b, force_id: 'kent', months: ['2024-03'], rows_read: 0, rows_loaded: 0 });
    expect(stored[0].sha256).toBe(createHash('sha256').update(readFileSync(b)).digest('hex'));
    expect(stored[0].detail).toContain(`not read: ${a} holds the same force × kind × month`);
  });
});

describeShared('ownership and two versions on the real files', () => {
  const STREET = join(SHARED_DATA, 'police_uk', 'street');

  it('reproduces item 2: a City of London file with one Gwent 2020-01 row appended leaves Gwent 2020-01 whole', async () => {
    const gwent = join(STREET, 'gwent', '2020-01-gwent-street.csv');
    await ingest(store, [gwent]);
    expect(await heldRows('gwent')).toBe(4581);
    const col = join(dir, '2018-09-city-of-london-street.csv');
    copyFileSync(join(STREET, 'city-of-london', '2018-09-city-of-london-street.csv'), col);
    const stray = readFileSync(gwent, 'utf8').trimEnd().split(/\r?\n/).pop()!;
    appendFileSync(col, `${stray}\n`);
    const r = await ingest(store, [col]);
    expect(r.batches).toHaveLength(1);
    expect(r.batches[0]).toMatchObject({ force_id: 'city-of-london', months: ['2018-09'], status: 'loaded', rows_before: 0 });
    expect(r.batches[0].detail).toContain('quarantined 1 row of another force or month than the file\'s city-of-london 2018-09 (rows of gwent)');
    expect(await heldRows('gwent')).toBe(4581);
    const q = await store.quarantine({ force: 'city-of-london', reason: 'force.mismatch', limit: 10, offset: 0 });
    expect(q.items).toHaveLength(1);
    expect(q.items[0].reasons).toEqual(['force.mismatch', 'month.mismatch']);
    expect(q.items[0].detail).toBe('a row of force "gwent" in a file of "city-of-london"; a row of month "2020-01" in a file of "2018-09"');
    expect(q.items[0].raw).toBe(stray);
  });

  it('quarantines nothing as a mismatch in the real street files', async () => {
    const forces = ['cumbria', 'dorset', 'lincolnshire', 'merseyside', 'north-wales'];
    const r = await ingest(store, forces.map((f) => join(STREET, f)));
    expect(r.batches.map((b) => b.force_id).sort()).toEqual([...forces.slice(0, 4), 'north-wales', 'north-wales']);
    expect((await store.quarantine({ reason: 'force.mismatch', limit: 1, offset: 0 })).total).toBe(0);
    expect((await store.quarantine({ reason: 'month.mismatch', limit: 1, offset: 0 })).total).toBe(0);
  });

  it('with both City of London downloads in one run, keeps one version per month and the next run changes nothing', async () => {
    const both = [join(STREET, 'city-of-london'), join(SHARED_DATA, 'police_uk', 'street_earlier_download', 'city-of-london')];
    const first = await ingest(store, both);
    const superseded = first.batches.filter((b) => b.status === 'superseded');
    expect(superseded.length).toBeGreaterThan(0);
    expect(first.batches.filter((b) => b.status === 'replaced')).toHaveLength(0);
    // One file per month was loaded: the months loaded are distinct.
    const loadedMonths = first.batches.filter((b) => b.status === 'loaded').map((b) => b.months[0]);
    expect(new Set(loadedMonths).size).toBe(loadedMonths.length);
    const q1 = (await store.quarantine({ limit: 1, offset: 0 })).total;
    const cov1 = await coverage();
    const second = await ingest(store, [...both].reverse());
    expect(second.batches.filter((b) => b.status !== 'unchanged' && b.status !== 'superseded')).toEqual([]);
    expect(second.batches.filter((b) => b.status === 'superseded').map((b) => b.source).sort()).toEqual(superseded.map((b) => b.source).sort());
    expect((await store.quarantine({ limit: 1, offset: 0 })).total).toBe(q1);
    expect(await coverage()).toEqual(cov1);
  });
});
