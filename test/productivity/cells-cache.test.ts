/**
 * The productivity standard's cached outcome cells (`productivity_cells`) follow the data: a later
 * outcomes file changes a crime's latest outcome and lag, a reloaded force-month is recomputed, a
 * force whose data did not change keeps its cells (not recomputed), and the cached answer always
 * equals a fresh store's answer from the same files.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { join } from 'node:path';
import { mkdirSync, rmSync } from 'node:fs';
import { openStore, type Store } from '../../src/store/index.ts';
import { ingest } from '../../src/ingest/index.ts';
import { OUTCOMES_HEADER, STREET_HEADER, crimeId, streetRow, tempDir, writeLines } from '../helpers/police-uk.ts';

const outcomeRow = (id: string, month: string, outcome: string, force = 'Kent Police') =>
  [id, month, force, force, '0.521', '51.271', 'On or near High Street', 'E01024389', 'Maidstone 001A', outcome].join(',');

let dir: string;
let store: Store;
const a = crimeId('a'), b = crimeId('b'), c = crimeId('c');

beforeAll(async () => {
  dir = tempDir();
  writeLines(join(dir, '2024-03-kent-street.csv'), [STREET_HEADER,
    streetRow({ id: a, month: '2024-03', type: 'Burglary', outcome: 'Under investigation' }),
    streetRow({ id: b, month: '2024-03', type: 'Burglary', outcome: 'Under investigation' }),
    streetRow({ id: '', month: '2024-03', type: 'Shoplifting', outcome: 'Local resolution' }),
  ]);
  writeLines(join(dir, '2024-03-essex-street.csv'), [STREET_HEADER,
    streetRow({ id: c, month: '2024-03', force: 'Essex Police', type: 'Burglary', outcome: 'Investigation complete; no suspect identified' }),
  ]);
  store = await openStore({ store: join(dir, 'p.duckdb'), threads: 1 });
  await ingest(store, [join(dir, '2024-03-kent-street.csv'), join(dir, '2024-03-essex-street.csv')]);
}, 60_000);
afterAll(() => {
  store?.close();
  rmSync(dir, { recursive: true, force: true });
});

const scope = { from: '2024-03', to: '2024-03' };
const cellsOf = async (s: Store, force: string) =>
  (await s.productivity.outcomeCells(scope)).filter((r) => r.force_id === force).map((r) => `${r.category}/${r.group}/${r.lag}/${r.crimes}`).sort();

/** The same files in a new store: what the cache must equal. */
async function fresh(files: string[]): Promise<Store> {
  const s = await openStore({ store: join(tempDir(), 'fresh.duckdb'), threads: 1 });
  await ingest(s, files);
  return s;
}

it('computes every force on first read, then nothing until the data changes', async () => {
  expect(await store.productivity.staleCellForces()).toEqual(['essex', 'kent']);
  expect(await cellsOf(store, 'kent')).toEqual(['burglary/unresolved/null/2', 'shoplifting/out_of_court_informal/null/1']);
  expect(await cellsOf(store, 'essex')).toEqual(['burglary/no_suspect/null/1']);
  expect(await store.productivity.staleCellForces()).toEqual([]);
});

it('a later outcomes file moves a crime to its latest outcome with its lag; only that force is recomputed', async () => {
  writeLines(join(dir, '2024-05-kent-outcomes.csv'), [OUTCOMES_HEADER, outcomeRow(a, '2024-05', 'Suspect charged')]);
  await ingest(store, [join(dir, '2024-05-kent-outcomes.csv')]);
  expect(await store.productivity.staleCellForces()).toEqual(['kent']);
  expect(await cellsOf(store, 'kent')).toEqual(['burglary/charged/2/1', 'burglary/unresolved/null/1', 'shoplifting/out_of_court_informal/null/1']);
  const f = await fresh([join(dir, '2024-03-kent-street.csv'), join(dir, '2024-05-kent-outcomes.csv')]);
  try {
    expect(await cellsOf(f, 'kent')).toEqual(await cellsOf(store, 'kent'));
  } finally {
    f.close();
  }
});

it('a replaced outcomes month is recomputed from what is held now, not added to the old cells', async () => {
  mkdirSync(join(dir, 'v2'));
  writeLines(join(dir, 'v2', '2024-05-kent-outcomes.csv'), [OUTCOMES_HEADER, outcomeRow(b, '2024-05', 'Offender given a caution')], '\r\n');
  await ingest(store, [join(dir, 'v2', '2024-05-kent-outcomes.csv')], { allowShrink: true });
  expect(await cellsOf(store, 'kent')).toEqual(['burglary/out_of_court_formal/2/1', 'burglary/unresolved/null/1', 'shoplifting/out_of_court_informal/null/1']);
  expect(await store.productivity.staleCellForces()).toEqual([]);
});
