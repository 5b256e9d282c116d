import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { mkdirSync, writeFileSync, copyFileSync } from 'node:fs';
import { zipSync, strToU8 } from 'fflate';
import { openStore, type Store } from '../../src/store/index.ts';
import { openDb } from '../../src/store/duckdb/db.ts';
import { ingest } from '../../src/ingest/index.ts';
import { isPeelError } from '../../src/standard/index.ts';
import {
  STREET_HEADER, OUTCOMES_HEADER, STOP_SEARCH_HEADER, asbRow, crimeId, streetRow, tempDir, writeLines,
} from '../helpers/police-uk.ts';

let dir: string;
let store: Store;

beforeEach(async () => {
  dir = tempDir();
  store = await openStore({ store: join(dir, 'store', 'peel.duckdb') });
});
afterEach(() => store.close());

async function rows<T extends Record<string, unknown>>(sql: string): Promise<T[]> {
  store.close();
  const db = await openDb(join(dir, 'store', 'peel.duckdb'));
  try {
    return await db.all<T>(sql);
  } finally {
    db.close();
    store = await openStore({ store: join(dir, 'store', 'peel.duckdb') });
  }
}

const fiveRows = () => [streetRow(), streetRow(), asbRow(), streetRow({ type: 'Vehicle crime' }), asbRow({ lon: '0.6' })];

describe('line endings, BOM and quoting', () => {
  it.each([
    ['CRLF', '\r\n'],
    ['LF', '\n'],
    ['CR only, no final newline', '\r'],
  ])('reads %s files', async (_name, eol) => {
    const f = writeLines(join(dir, '2024-03-kent-street.csv'), [STREET_HEADER, ...fiveRows()], eol, { noFinalEol: eol === '\r' });
    const r = await ingest(store, [f]);
    expect(r.batches[0]).toMatchObject({ kind: 'street', force_id: 'kent', months: ['2024-03'], rows_read: 5, rows_loaded: 5, rows_quarantined: 0, status: 'loaded' });
  });

  it('reads a file that starts with a UTF-8 BOM', async () => {
    const f = writeLines(join(dir, '2024-03-kent-street.csv'), [STREET_HEADER, ...fiveRows()], '\n', { bom: true });
    const r = await ingest(store, [f]);
    expect(r.batches[0]).toMatchObject({ kind: 'street', rows_loaded: 5 });
  });

  it('keeps commas inside quoted fields', async () => {
    const f = writeLines(join(dir, '2024-03-kent-street.csv'), [STREET_HEADER, streetRow({ location: 'On or near Station Road, North' })]);
    await ingest(store, [f]);
    const [row] = await rows<{ location: string }>(`SELECT location FROM street`);
    expect(row.location).toBe('On or near Station Road, North');
  });
});

describe('header variants and kind detection', () => {
  it('detects the kind from the header, not the name, including snake_case and lower-case headers', async () => {
    const snake = STREET_HEADER.toLowerCase().replace(/ /g, '_');
    writeLines(join(dir, 'a.csv'), [snake, streetRow({ month: '2024-01' })]);
    writeLines(join(dir, 'b.csv'), [STREET_HEADER.replace('Longitude,Latitude', 'longitude,latitude'), streetRow({ month: '2024-02' })]);
    writeLines(join(dir, 'c-outcomes-but-really.csv'), [OUTCOMES_HEADER, [crimeId('o1'), '2024-03', 'Kent Police', 'Kent Police', '0.5', '51.2', 'On or near X', 'E01024389', 'Maidstone 001A', 'Suspect charged'].join(',')]);
    const r = await ingest(store, [dir]);
    expect(r.batches.map((b) => [b.kind, b.months[0], b.rows_loaded])).toEqual([
      ['street', '2024-01', 1], ['street', '2024-02', 1], ['outcomes', '2024-03', 1],
    ]);
  });

  it('refuses a CSV that is not a data.police.uk file, naming it and what was expected', async () => {
    const f = join(dir, 'people.csv');
    writeFileSync(f, 'name,age\nAnn,3\n');
    const err = await ingest(store, [f]).catch((e) => e);
    expect(isPeelError(err)).toBe(true);
    expect(err.message).toContain('people.csv');
    expect(err.message).toMatch(/street, outcomes or stop-and-search header/);
    expect(err.message).toContain('name,age');
  });

  it('names a path that does not exist', async () => {
    const err = await ingest(store, [join(dir, 'nope')]).catch((e) => e);
    expect(err.code).toBe('unreadable_input');
    expect(err.message).toContain('nope');
  });
});

describe('what data.police.uk files really hold', () => {
  it('gives anti-social behaviour rows (no Crime ID) stable content-derived ids, the same whatever the row order', async () => {
    const asb = [asbRow({ lon: '0.51' }), asbRow({ lon: '0.52' }), asbRow({ lon: '0.52' }), asbRow({ lon: '0.53', location: 'On or near Park' })];
    writeLines(join(dir, '2024-03-kent-street.csv'), [STREET_HEADER, ...asb]);
    await ingest(store, [join(dir, '2024-03-kent-street.csv')]);
    const first = (await rows<{ row_id: string }>(`SELECT row_id FROM street ORDER BY row_id`)).map((r) => r.row_id);
    writeLines(join(dir, '2024-03-kent-street.csv'), [STREET_HEADER, ...asb.slice().reverse()]);
    const r = await ingest(store, [join(dir, '2024-03-kent-street.csv')]);
    expect(r.batches[0].status).toBe('replaced');
    const second = (await rows<{ row_id: string }>(`SELECT row_id FROM street ORDER BY row_id`)).map((r) => r.row_id);
    expect(new Set(first).size).toBe(4);
    expect(second).toEqual(first);
  });

  it('keeps No Location rows, marked unlocated, and rows with a point but no LSOA', async () => {
    const f = writeLines(join(dir, '2024-03-kent-street.csv'), [
      STREET_HEADER,
      streetRow({ lon: '', lat: '', location: 'No Location', lsoa: '', lsoaName: '' }),
      streetRow({ location: 'On or near Ferry Terminal', lsoa: '', lsoaName: '' }),
      streetRow(),
    ]);
    const r = await ingest(store, [f]);
    expect(r.batches[0].rows_loaded).toBe(3);
    const got = await rows<{ located: boolean; lsoa_code: string | null; h3: boolean }>(
      `SELECT located, lsoa_code, h3_r8 IS NOT NULL AS h3 FROM street ORDER BY located, lsoa_code NULLS FIRST`);
    expect(got).toEqual([
      { located: false, lsoa_code: null, h3: false },
      { located: true, lsoa_code: null, h3: true },
      { located: true, lsoa_code: 'E01024389', h3: true },
    ]);
  });

  it('keeps every copy of a Crime ID repeated within a month, each with its own id', async () => {
    const id = crimeId('dup');
    const f = writeLines(join(dir, '2024-03-kent-street.csv'), [
      STREET_HEADER, streetRow({ id }), streetRow({ id, lon: '0.7', lsoa: 'E01015000', lsoaName: 'Basildon 001A' }), streetRow({ id, outcome: 'Suspect charged' }), streetRow({ id }),
    ]);
    const r = await ingest(store, [f]);
    expect(r.batches[0].rows_loaded).toBe(4);
    const got = await rows<{ crime_id: string; row_id: string }>(`SELECT crime_id, row_id FROM street`);
    expect(got.every((g) => g.crime_id === id && g.row_id.startsWith(id))).toBe(true);
    expect(new Set(got.map((g) => g.row_id)).size).toBe(4);
  });

  it('keeps crimes in LSOAs outside the force area (they are real records)', async () => {
    const f = writeLines(join(dir, '2024-03-city-of-london-street.csv'), [
      STREET_HEADER, streetRow({ force: 'City of London Police', lsoa: 'E01000914', lsoaName: 'Camden 028B' }),
    ]);
    const r = await ingest(store, [f]);
    expect(r.batches[0]).toMatchObject({ force_id: 'city-of-london', rows_loaded: 1 });
  });

  it('reads stop-and-search files, taking the force and month from the name and mapping old wordings', async () => {
    const f = writeLines(join(dir, '2018-01-city-of-london-stop-and-search.csv'), [
      STOP_SEARCH_HEADER,
      'Person search,2018-01-01T00:55:00+00:00,,,51.515142,-0.097645,Male,25-34,White - Any other White background,White,Police and Criminal Evidence Act 1984 (section 1),Stolen goods,Nothing found - no further action,,False',
      'Person search,2018-02-01T00:15:00+00:00,False,,,,Female,18-24,,,Misuse of Drugs Act 1971 (section 23),Controlled drugs,Suspect arrested,True,False',
    ], '\n');
    const r = await ingest(store, [f]);
    expect(r.batches[0]).toMatchObject({ kind: 'stop_search', force_id: 'city-of-london', months: ['2018-01'], rows_loaded: 2 });
    const got = await rows<{ outcome: string; located: boolean }>(`SELECT outcome, located FROM stop_search ORDER BY occurred_at`);
    expect(got).toEqual([{ outcome: 'nfa', located: true }, { outcome: 'arrest', located: false }]);
  });
});

describe('quarantine', () => {
  it('quarantines bad rows with file, line, raw text and every reason, and reconciles read = loaded + quarantined', async () => {
    const f = writeLines(join(dir, '2024-03-kent-street.csv'), [
      STREET_HEADER,
      streetRow(),
      streetRow({ type: 'Burgalry' }),
      'short,row',
      streetRow({ lon: '200', lat: 'abc', type: 'Burgalry', outcome: 'Sent to the moon' }),
      streetRow({ month: '2024-13' }),
      streetRow(),
    ]);
    const r = await ingest(store, [f]);
    expect(r.batches[0]).toMatchObject({ rows_read: 6, rows_loaded: 2, rows_quarantined: 4 });
    const q = await store.quarantine({ batch: r.batches[0].batch_id });
    expect(q.total).toBe(4);
    const byLine = new Map(q.items.map((i) => [i.line, i]));
    expect(byLine.get(3)!.reasons).toEqual(['category.unknown']);
    expect(byLine.get(3)!.detail).toContain('unknown crime type "Burgalry"');
    expect(byLine.get(3)!.raw).toContain('Burgalry');
    expect(byLine.get(4)!.reasons).toEqual(['row.field_count']);
    expect(byLine.get(4)!.raw).toBe('short,row');
    expect(byLine.get(5)!.reasons.sort()).toEqual(['category.unknown', 'coords.unparseable', 'outcome.unknown']);
    expect(byLine.get(6)!.reasons).toEqual(['month.unparseable']);
    expect(q.items.every((i) => i.source === f)).toBe(true);
  });

  it('places bad rows on their own lines when several files load in one group, the clean ones included', async () => {
    const clean = writeLines(join(dir, '2024-03-essex-street.csv'), [STREET_HEADER, ...Array.from({ length: 40 }, () => streetRow({ force: 'Essex Police' }))]);
    const kent = writeLines(join(dir, '2024-03-kent-street.csv'), [
      STREET_HEADER, ...Array.from({ length: 25 }, () => streetRow()), 'short,row', streetRow(), streetRow({ type: 'Burgalry' }), streetRow(),
    ]);
    const surrey = writeLines(join(dir, '2024-03-surrey-street.csv'), [
      STREET_HEADER, streetRow({ force: 'Surrey Police', month: '2024-13' }), ...Array.from({ length: 30 }, () => asbRow({ force: 'Surrey Police' })),
      streetRow({ force: 'Surrey Police', lon: '200', lat: '51.5' }),
    ]);
    const r = await ingest(store, [clean, kent, surrey]);
    expect(r.batches.map((b) => [b.rows_read, b.rows_loaded, b.rows_quarantined])).toEqual([[40, 40, 0], [29, 27, 2], [32, 30, 2]]);
    const q = await store.quarantine({});
    const got = q.items.map((i) => [i.source, i.line, i.reasons.join('+')]).sort();
    expect(got).toEqual([
      [kent, 27, 'row.field_count'],
      [kent, 29, 'category.unknown'],
      [surrey, 2, 'month.unparseable'],
      [surrey, 33, 'coords.out_of_range'],
    ].sort());
    expect(q.items.find((i) => i.line === 29)!.raw).toContain('Burgalry');
    expect(q.items.find((i) => i.line === 33)!.raw).toContain('200,51.5');
  });

  it('quarantines the truncated last line of an excerpt as a field-count failure', async () => {
    const row = streetRow();
    const f = writeLines(join(dir, '2024-03-kent-street.csv'), [STREET_HEADER, streetRow(), row.split(',').slice(0, 9).join(',')], '\r\n', { noFinalEol: true });
    const r = await ingest(store, [f]);
    expect(r.batches[0]).toMatchObject({ rows_read: 2, rows_loaded: 1, rows_quarantined: 1 });
  });
});

describe('reloads', () => {
  it('replaces a re-published force-month atomically and reports the same bytes again as unchanged', async () => {
    const id = crimeId('revised');
    const f = join(dir, '2024-03-kent-street.csv');
    writeLines(f, [STREET_HEADER, streetRow({ id, outcome: 'Under investigation' }), streetRow(), asbRow()]);
    const first = await ingest(store, [f]);
    expect(first.batches[0].status).toBe('loaded');
    writeLines(f, [STREET_HEADER, asbRow(), streetRow({ id, outcome: 'Awaiting court outcome' }), streetRow()]);
    const second = await ingest(store, [f]);
    expect(second.batches[0].status).toBe('replaced');
    const again = await ingest(store, [f]);
    expect(again.batches[0]).toMatchObject({ status: 'unchanged', rows_read: 3 });
    const got = await rows<{ n: number; outcome: string }>(`SELECT count(*) OVER () AS n, outcome FROM street WHERE crime_id = '${id}'`);
    expect(got).toEqual([{ n: 1, outcome: 'awaiting-court-result' }]);
    expect((await rows<{ n: number }>(`SELECT count(*) AS n FROM street`))[0].n).toBe(3);
    const cube = await store.cube({});
    expect(cube.reduce((a, c) => a + c.n, 0)).toBe(3);
  });

  it('of two files for one force-month in the same run, loads only the larger and reports the other superseded; the next run changes nothing', async () => {
    mkdirSync(join(dir, 'afull'));
    mkdirSync(join(dir, 'excerpt'));
    writeLines(join(dir, 'afull', '2024-03-kent-street.csv'), [STREET_HEADER, ...fiveRows(), ...fiveRows()]);
    writeLines(join(dir, 'excerpt', '2024-03-kent-street.csv'), [STREET_HEADER, streetRow()]);
    const r = await ingest(store, [dir]);
    expect(r.batches.map((b) => `${b.source.slice(dir.length + 1)} ${b.rows_read}:${b.status}`))
      .toEqual(['afull/2024-03-kent-street.csv 10:loaded', 'excerpt/2024-03-kent-street.csv 0:superseded']);
    expect(r.batches[1].detail).toContain(join(dir, 'afull', '2024-03-kent-street.csv'));
    expect((await store.status()).forces[0].rows.street).toBe(10);
    // Either order of naming gives the same choice, and a re-run is a no-op.
    const again = await ingest(store, [join(dir, 'excerpt'), join(dir, 'afull')]);
    expect(again.batches.map((b) => b.status)).toEqual(['superseded', 'unchanged']);
    expect((await store.batches({ limit: 50, offset: 0 })).items.filter((b) => b.status === 'replaced')).toHaveLength(0);
  });

  it('of two files of one force-month with the same size, keeps the first by source name', async () => {
    mkdirSync(join(dir, 'a'));
    mkdirSync(join(dir, 'b'));
    writeLines(join(dir, 'b', '2024-03-kent-street.csv'), [STREET_HEADER, streetRow({ id: crimeId('1'), location: 'On or near B' })]);
    writeLines(join(dir, 'a', '2024-03-kent-street.csv'), [STREET_HEADER, streetRow({ id: crimeId('2'), location: 'On or near A' })]);
    const r = await ingest(store, [join(dir, 'b'), join(dir, 'a')]);
    expect(r.batches.map((b) => b.status)).toEqual(['superseded', 'loaded']);
    expect((await rows<{ location: string }>(`SELECT location FROM street`))[0].location).toBe('On or near A');
  });

  it('loads the monthly archive zip, naming sources zip!inner/path', async () => {
    const street = [STREET_HEADER, ...fiveRows()].join('\r\n') + '\r\n';
    const zip = zipSync({ '2024-03': { '2024-03-kent-street.csv': strToU8(street), 'README.txt': strToU8('hello') } });
    const z = join(dir, 'archive.zip');
    writeFileSync(z, zip);
    const r = await ingest(store, [z]);
    expect(r.batches).toHaveLength(1);
    expect(r.batches[0]).toMatchObject({ source: `${z}!2024-03/2024-03-kent-street.csv`, kind: 'street', rows_loaded: 5 });
    const again = await ingest(store, [z]);
    expect(again.batches[0].status).toBe('unchanged');
  });

  it('rejects --force values the registry does not know', async () => {
    const f = writeLines(join(dir, 'x.csv'), [STREET_HEADER, streetRow()]);
    const err = await ingest(store, [f], { force: 'atlantis' }).catch((e) => e);
    expect(err.message).toContain('unknown force "atlantis"');
  });

  it('takes files from folders recursively, leaving non-CSV files and other CSVs (e.g. ONS lookups) alone', async () => {
    mkdirSync(join(dir, 'a', 'b'), { recursive: true });
    writeLines(join(dir, 'a', 'b', '2024-03-kent-street.csv'), [STREET_HEADER, streetRow()]);
    writeFileSync(join(dir, 'a', 'notes.txt'), 'x');
    writeFileSync(join(dir, 'a', 'lookup.csv'), 'LSOA21CD,LAD22CD\nE01000001,E09000001\n');
    copyFileSync(join(dir, 'a', 'b', '2024-03-kent-street.csv'), join(dir, 'a', '2024-04-kent-street.csv'));
    const r = await ingest(store, [join(dir, 'a')]);
    expect(r.batches).toHaveLength(2);
    expect(r.ignored.sort()).toEqual([join(dir, 'a', 'lookup.csv'), join(dir, 'a', 'notes.txt')]);
  });

  it('loads the same bytes named twice in one run once, reporting the second copy unchanged', async () => {
    const a = writeLines(join(dir, '2024-03-kent-street.csv'), [STREET_HEADER, streetRow(), asbRow()]);
    const other = writeLines(join(dir, '2024-03-essex-street.csv'), [STREET_HEADER, streetRow({ force: 'Essex Police' })]);
    mkdirSync(join(dir, 'copy'));
    const b = join(dir, 'copy', '2024-04-kent-street.csv');
    copyFileSync(a, b);
    const r = await ingest(store, [a, other, b]);
    expect(r.batches.map((x) => [x.source, x.status, x.rows_read])).toEqual([[a, 'loaded', 2], [other, 'loaded', 1], [b, 'unchanged', 2]]);
    const got = await rows<{ n: number }>(`SELECT count(*)::INT AS n FROM street`);
    expect(got[0].n).toBe(3);
  });
});

describe('quarantine summary', () => {
  it('counts quarantined rows by force, kind and reason, a row under each of its reasons', async () => {
    const f = writeLines(join(dir, '2024-03-kent-street.csv'), [
      STREET_HEADER, streetRow({ type: 'Burgalry' }), streetRow({ type: 'Burgalry', lon: 'x' }), streetRow(),
    ]);
    await ingest(store, [f]);
    const s = await store.quarantineSummary();
    expect(s).toEqual([
      { force_id: 'kent', kind: 'street', reason: 'category.unknown', n: 2 },
      { force_id: 'kent', kind: 'street', reason: 'coords.unparseable', n: 1 },
    ]);
  });
});
