/**
 * `Store.loadGroup` on a group whose files turn out to hold one force-month twice: it throws the
 * front door's `GroupClash` (the class ingest catches to reload the files one by one, the same for
 * every backend) and writes nothing of the group; each file alone then loads.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { GroupClash, newBatchId, openStore, type LoadFile, type Store } from '../../src/store/index.ts';
import { readHeaderLine, sha256File } from '../../src/ingest/index.ts';
import { detectKind } from '../../src/standard/index.ts';
import { STREET_HEADER, streetRow, tempDir, writeLines } from '../helpers/police-uk.ts';

async function loadFile(path: string): Promise<LoadFile> {
  const match = detectKind(readHeaderLine(path));
  return {
    path, source: path, sha256: await sha256File(path), columns: match.columns,
    forceHint: null, monthHint: null, batchId: newBatchId(),
  };
}

describe('a group holding one force-month twice', () => {
  let dir: string;
  let store: Store;

  beforeAll(async () => {
    dir = tempDir('peel-clash-');
    store = await openStore({ store: join(dir, 'store.duckdb'), threads: 1 });
  });
  afterAll(() => store?.close());

  it('throws GroupClash naming the force and month, and writes nothing; each file alone then loads', async () => {
    // Names that declare nothing: the clash shows only once the rows are read.
    const a = writeLines(join(dir, 'a.csv'), [STREET_HEADER, streetRow(), streetRow()]);
    const b = writeLines(join(dir, 'b.csv'), [STREET_HEADER, streetRow({ type: 'Vehicle crime' }), streetRow(), streetRow()]);
    const files = [await loadFile(a), await loadFile(b)];
    const err = await store.loadGroup({ kind: 'street', files }).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(GroupClash);
    expect((err as Error).message).toBe('kent 2024-03');
    expect((await store.status()).forces).toEqual([]);
    expect((await store.batches()).total).toBe(0);
    expect(await store.cube()).toEqual([]);

    const [first] = await store.loadGroup({ kind: 'street', files: [files[0]] });
    const [second] = await store.loadGroup({ kind: 'street', files: [{ ...files[1], batchId: newBatchId() }] });
    expect([first.status, first.rows_loaded, second.status, second.rows_before, second.rows_loaded]).toEqual(['loaded', 2, 'replaced', 2, 3]);
    expect((await store.status()).forces).toEqual([{ force_id: 'kent', months: ['2024-03'], rows: { street: 3, outcomes: 0, stop_search: 0 } }]);
  });
});
