import { afterAll, beforeAll, expect, it } from 'vitest';
import { join, basename } from 'node:path';
import { readFileSync, readdirSync } from 'node:fs';
import { openStore, type Store, type BatchResult } from '../../src/store/index.ts';
import { openDb } from '../../src/store/duckdb/db.ts';
import { ingest } from '../../src/ingest/index.ts';
import { describeShared, SHARED_DATA } from '../helpers/shared.ts';
import { tempDir } from '../helpers/police-uk.ts';

/** Data records in a CSV text, counted independently of DuckDB: quote-aware, any line ending. */
function countDataRecords(text: string): number {
  let records = 0;
  let inQuote = false;
  let fieldChars = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') inQuote = !inQuote;
    if (!inQuote && (c === '\n' || c === '\r')) {
      if (c === '\r' && text[i + 1] === '\n') i++;
      if (fieldChars > 0) records++;
      fieldChars = 0;
    } else fieldChars++;
  }
  if (fieldChars > 0) records++;
  return records - 1;
}

function outcomeCounts(path: string): Map<string, number> {
  const m = new Map<string, number>();
  const lines = readFileSync(path, 'utf8').split(/\r\n|\n|\r/).slice(1).filter(Boolean);
  for (const l of lines) {
    const v = l.split(',').at(-2) ?? '';
    m.set(v, (m.get(v) ?? 0) + 1);
  }
  return m;
}

describeShared('real data.police.uk files from ../shared/data', () => {
  const POLICE = join(SHARED_DATA, 'police_uk');
  let dir: string;
  let store: Store;
  let batches: BatchResult[];

  beforeAll(async () => {
    dir = tempDir();
    store = await openStore({ store: join(dir, 'all.duckdb') });
    batches = (await ingest(store, [POLICE])).batches;
  });
  afterAll(() => store.close());

  it('loads every file, and for each loaded + quarantined equals its data rows (the CR-only Merseyside file too)', () => {
    expect(batches.length).toBeGreaterThan(200);
    for (const b of batches) {
      if (b.status === 'superseded') {
        // Another file of the same force-month was chosen (the two-versions rule): this one is not read.
        const chosen = batches.find((x) => b.detail?.includes(`${x.source} holds`))!;
        expect([chosen.kind, chosen.force_id, chosen.months, chosen.status], b.source).toEqual([b.kind, b.force_id, b.months, 'loaded']);
        expect(b.rows_read).toBe(0);
        continue;
      }
      const expected = countDataRecords(readFileSync(b.source, 'utf8'));
      expect(b.rows_loaded + b.rows_quarantined, b.source).toBe(expected);
      expect(b.rows_read, b.source).toBe(expected);
    }
    const mersey = batches.find((b) => b.source.endsWith('police-uk-2014-04-merseyside-street.csv'))!;
    expect(mersey.rows_loaded).toBe(12925);
  });

  it('lists the 19 forces present: 18 with street files, and the Metropolitan Police with stop-and-search only', async () => {
    const { forces } = await store.status();
    expect(forces).toHaveLength(19);
    expect(forces.filter((f) => f.rows.street > 0)).toHaveLength(18);
    const met = forces.find((f) => f.force_id === 'metropolitan')!;
    expect(met.rows).toEqual({ street: 0, outcomes: 0, stop_search: 22908 });
  });

  it('keeps the full Avon and Somerset 2018-01 month, all 13,566 rows with every repeated Crime ID, over its 6-row excerpt', async () => {
    store.close();
    const db = await openDb(join(dir, 'all.duckdb'));
    const [r] = await db.all<{ n: number; repeated: number }>(
      `SELECT count(*) AS n, (SELECT count(*) FROM (SELECT crime_id FROM street WHERE force_id = 'avon-and-somerset' AND month = '2018-01'
         AND crime_id IS NOT NULL GROUP BY crime_id HAVING count(*) > 1)) AS repeated
       FROM street WHERE force_id = 'avon-and-somerset' AND month = '2018-01'`);
    db.close();
    store = await openStore({ store: join(dir, 'all.duckdb') });
    expect(r.n).toBe(13566);
    expect(r.repeated).toBeGreaterThanOrEqual(250);
  });
});

describeShared('a re-published month replaces the earlier download (City of London)', () => {
  const EARLIER = join(SHARED_DATA, 'police_uk', 'street_earlier_download', 'city-of-london');
  const LATER = join(SHARED_DATA, 'police_uk', 'street', 'city-of-london');

  it('leaves exactly the later outcomes with unchanged row counts, and a second run reports every file unchanged', async () => {
    const dir = tempDir();
    const path = join(dir, 'col.duckdb');
    const store = await openStore({ store: path });
    const first = await ingest(store, [EARLIER]);
    const countsBefore = new Map((await store.coverage()).map((c) => [c.month, c.rows]));
    const second = await ingest(store, [LATER]);
    const overlap = second.batches.filter((b) => countsBefore.has(b.months[0]));
    expect(overlap.length).toBe(35);
    expect(overlap.every((b) => b.status === 'replaced')).toBe(true);
    const countsAfter = new Map((await store.coverage()).map((c) => [c.month, c.rows]));
    for (const b of overlap) expect(countsAfter.get(b.months[0]), b.source).toBe(countsBefore.get(b.months[0]));
    expect(first.batches).toHaveLength(36);

    const third = await ingest(store, [LATER]);
    expect(third.batches.every((b) => b.status === 'unchanged')).toBe(true);
    store.close();

    // The stored outcomes are the later file's, month by month.
    const db = await openDb(path);
    const byMonth = await db.all<{ month: string; outcome: string | null; n: number }>(
      `SELECT month, outcome, count(*) AS n FROM street GROUP BY ALL`);
    db.close();
    const { resolveOutcome } = await import('../../src/standard/index.ts');
    for (const f of readdirSync(LATER)) {
      const month = basename(f).slice(0, 7);
      const expected = new Map<string, number>();
      for (const [name, n] of outcomeCounts(join(LATER, f))) {
        const code = name === '' ? 'null' : resolveOutcome(name) ?? `?${name}`;
        expected.set(code, (expected.get(code) ?? 0) + n);
      }
      const got = new Map(byMonth.filter((r) => r.month === month).map((r) => [r.outcome ?? 'null', r.n]));
      expect(got, month).toEqual(expected);
    }
  });
});
