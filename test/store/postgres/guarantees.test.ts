/**
 * The write path's guarantees, on both backends (eachBackend): replacement by force-month,
 * idempotent reloads, the shrink guard, ownership (rows of another force or month quarantined,
 * their force-months left alone), a load and its audit committing together or not at all, and
 * files ingest must sanitize (NUL bytes, CR-only line endings) quarantined on their own lines.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BatchResult, Store } from '../../../src/store/index.ts';
import { ingest } from '../../../src/ingest/index.ts';
import { isPeelError, type PeelError } from '../../../src/standard/index.ts';
import { auditCollection, listAudit } from '../../../src/access/index.ts';
import { eachBackend, openBackend } from '../../helpers/backends.ts';
import { STREET_HEADER, asbRow, crimeId, streetRow, tempDir, writeLines } from '../../helpers/police-uk.ts';

const kentRows = (n: number, month = '2024-03') => Array.from({ length: n }, (_, i) => streetRow({ id: crimeId(`k${month}${i}`), month }));

eachBackend('load guarantees', (backend) => {
  let dir: string;
  let store: Store;
  beforeEach(async () => {
    dir = tempDir();
    store = await openBackend(backend);
  });
  afterEach(() => store.close());
  const coverage = async () => (await store.coverage()).map((c) => `${c.force_id} ${c.kind} ${c.month} ${c.rows}`).sort();

  it('replaces a re-published force-month in one go and reports the same bytes again as unchanged', async () => {
    const id = crimeId('revised');
    const f = join(dir, '2024-03-kent-street.csv');
    writeLines(f, [STREET_HEADER, streetRow({ id, outcome: 'Under investigation' }), streetRow(), asbRow()]);
    expect((await ingest(store, [f])).batches[0].status).toBe('loaded');
    writeLines(f, [STREET_HEADER, asbRow(), streetRow({ id, outcome: 'Awaiting court outcome' }), streetRow(), streetRow()]);
    const second = await ingest(store, [f]);
    expect(second.batches[0]).toMatchObject({ status: 'replaced', rows_before: 3, rows_loaded: 4 });
    const again = await ingest(store, [f]);
    expect(again.batches[0]).toMatchObject({ status: 'unchanged', rows_read: 4 });
    expect(await coverage()).toEqual(['kent street 2024-03 4']);
    expect((await store.cube({})).reduce((a, c) => a + c.n, 0)).toBe(4);
    expect((await store.batches({})).items.map((b) => b.status).sort()).toEqual(['loaded', 'replaced', 'unchanged']);
  });

  it('refuses a replacement under the shrink ratio, writing nothing of it, and takes it when confirmed', async () => {
    mkdirSync(join(dir, 'a'));
    await ingest(store, [writeLines(join(dir, 'a', '2024-03-kent-street.csv'), [STREET_HEADER, ...kentRows(10)])]);
    mkdirSync(join(dir, 'b'));
    const small = writeLines(join(dir, 'b', '2024-03-kent-street.csv'), [STREET_HEADER, ...kentRows(4)]);
    const err = await ingest(store, [small], { shrinkRatio: 0.5 }).then(() => null, (e: unknown) => e as PeelError);
    expect(err && isPeelError(err) && err.code).toBe('shrink_refused');
    expect((err!.details.batches as BatchResult[]).map((b) => [b.status, b.rows_before, b.rows_loaded])).toEqual([['refused', 10, 4]]);
    expect(await coverage()).toEqual(['kent street 2024-03 10']);
    const confirmed = await ingest(store, [small], { allowShrink: true });
    expect(confirmed.batches[0]).toMatchObject({ status: 'replaced', rows_before: 10, rows_loaded: 4, detail: 'replaced kent 2024-03: 10 rows before, 4 after' });
    expect(await coverage()).toEqual(['kent street 2024-03 4']);
  });

  it('quarantines rows of another force or month and leaves their force-months alone', async () => {
    mkdirSync(join(dir, 'e'));
    await ingest(store, [writeLines(join(dir, 'e', '2024-03-essex-street.csv'), [STREET_HEADER,
      ...Array.from({ length: 3 }, (_, i) => streetRow({ id: crimeId(`e${i}`), force: 'Essex Police' }))])]);
    const r = await ingest(store, [writeLines(join(dir, '2024-03-kent-street.csv'), [STREET_HEADER, ...kentRows(3),
      streetRow({ force: 'Essex Police' }), streetRow({ month: '2024-02' })])]);
    expect(r.batches[0]).toMatchObject({ force_id: 'kent', rows_read: 5, rows_loaded: 3, rows_quarantined: 2 });
    expect(r.batches[0].detail).toContain('quarantined 2 rows of another force or month');
    expect(await coverage()).toEqual(['essex street 2024-03 3', 'kent street 2024-03 3']);
    const q = (await store.quarantine({ force: 'kent' })).items;
    expect(q.map((x) => [x.line, x.reasons])).toEqual([[5, ['force.mismatch']], [6, ['month.mismatch']]]);
    expect(q[0].detail).toBe('a row of force "essex" in a file of "kent"');
  });

  it('commits a load with its audit event, and writes neither when the audit fails', async () => {
    const f = writeLines(join(dir, '2024-03-kent-street.csv'), [STREET_HEADER, ...kentRows(3)]);
    const failing = await ingest(store, [f], { audit: async () => { throw new Error('audit down'); } }).then(() => null, (e: Error) => e);
    expect(failing?.message).toContain('audit down');
    expect(await coverage()).toEqual([]);
    expect((await store.batches({})).total).toBe(0);
    await ingest(store, [f], { audit: async (b) => void (await auditCollection(store, b, { actor: 'test' })) });
    expect(await coverage()).toEqual(['kent street 2024-03 3']);
    const events = (await listAudit(store, { limit: 10, offset: 0 })).items;
    expect(events.filter((e) => e.action === 'collection')).toHaveLength(1);
  });

  it('quarantines what the byte scan finds (a NUL byte, CR-only line ends) on the lines of the file as given', async () => {
    const f = join(dir, '2024-03-kent-street.csv');
    const rows = kentRows(4);
    rows[1] = rows[1].replace('High Street', 'High\u0000Street');
    writeFileSync(f, [STREET_HEADER, ...rows, streetRow({ type: 'Nonsense' })].join('\r'));
    const r = await ingest(store, [f]);
    expect(r.batches[0]).toMatchObject({ rows_read: 5, rows_loaded: 3, rows_quarantined: 2 });
    const q = (await store.quarantine({})).items;
    expect(q.map((x) => [x.line, x.reasons])).toEqual([[3, ['row.binary']], [6, ['category.unknown']]]);
    expect(q[1].raw).toContain('Nonsense');
  });
});
