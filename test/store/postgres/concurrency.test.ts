/**
 * Many users of one PostgreSQL store at once (each store below has its own connection pool, as
 * separate processes would): stores opened together on an empty database migrate it once; loads
 * of different forces run together and both commit; a reader during a replacement sees the old
 * rows or the new, never a mix; an admin writes (a user, an audit event) while a load runs.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { join } from 'node:path';
import { openStore, type Store } from '../../../src/store/index.ts';
import { ingest } from '../../../src/ingest/index.ts';
import { auditCollection } from '../../../src/access/index.ts';
import { describePostgres } from '../../helpers/postgres.ts';
import { freshStoreName, releaseCluster, sharedCluster } from '../../helpers/backends.ts';
import { STREET_HEADER, crimeId, streetRow, tempDir, writeLines } from '../../helpers/police-uk.ts';

const rows = (force: string, n: number, seed: string) =>
  Array.from({ length: n }, (_, i) => streetRow({ id: crimeId(`${seed}${force}${i}`), force }));

describePostgres('one PostgreSQL store, many users', () => {
  let url: string;
  const open: Store[] = [];
  beforeAll(async () => {
    await sharedCluster();
    url = await freshStoreName('postgres');
  });
  afterAll(async () => {
    for (const s of open) s.close();
    await releaseCluster();
  });

  it('migrates once when several stores open an empty database together', async () => {
    const stores = await Promise.all([1, 2, 3].map(() => openStore({ store: url })));
    open.push(...stores);
    const ids = await Promise.all(stores.map((s) => s.migrations()));
    expect(ids[1]).toEqual(ids[0]);
    expect(ids[2]).toEqual(ids[0]);
    expect(new Set(ids[0]).size).toBe(ids[0].length);
  });

  it('loads two forces at once, lets a reader see old or new rows only, and lets an admin write meanwhile', async () => {
    const [a, b, reader] = open;
    const dir = tempDir();
    const kent = writeLines(join(dir, '2024-03-kent-street.csv'), [STREET_HEADER, ...rows('Kent Police', 400, 'v1')]);
    await ingest(a, [kent]);
    const kent2 = join(dir, 'v2');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(kent2);
    const kentNew = writeLines(join(kent2, '2024-03-kent-street.csv'), [STREET_HEADER, ...rows('Kent Police', 450, 'v2')]);
    const essex = writeLines(join(dir, '2024-03-essex-street.csv'), [STREET_HEADER, ...rows('Essex Police', 300, 'e')]);
    const seen = new Set<number>();
    let loading = true;
    const watch = (async () => {
      while (loading) {
        const f = (await reader.status()).forces.find((x) => x.force_id === 'kent');
        seen.add(f?.rows.street ?? -1);
        const cube = (await reader.cube({ forces: ['kent'] })).reduce((s, c) => s + c.n, 0);
        seen.add(cube);
      }
    })();
    const [r1, r2] = await Promise.all([
      ingest(a, [kentNew], { audit: async (bs) => void (await auditCollection(a, bs, { actor: 'loader-a' })) }),
      ingest(b, [essex], { audit: async (bs) => void (await auditCollection(b, bs, { actor: 'loader-b' })) }),
      reader.access.appendAudit((last) => ({
        seq: (last?.seq ?? 0) + 1, at: new Date().toISOString(), actor: 'admin', action: 'test', object_ids: '[]', force_id: null,
        justification: null, recipient: null, outcome: 'success', client: null, detail: '{}', prev_hash: last?.hash ?? '', hash: `h${(last?.seq ?? 0) + 1}`,
      })),
    ]);
    loading = false;
    await watch;
    expect(r1.batches[0]).toMatchObject({ status: 'replaced', rows_loaded: 450 });
    expect(r2.batches[0]).toMatchObject({ status: 'loaded', rows_loaded: 300 });
    expect([...seen].every((n) => n === 400 || n === 450)).toBe(true);
    const st = await reader.status();
    expect(st.forces.map((f) => [f.force_id, f.rows.street])).toEqual([['essex', 300], ['kent', 450]]);
    // The audit chain stayed one chain: consecutive sequence numbers, whoever wrote them.
    const seqs = (await reader.access.scanAudit(0, 100)).map((e) => e.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    expect(seqs).toHaveLength(3);
  });
});
