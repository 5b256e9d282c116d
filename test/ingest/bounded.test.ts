/**
 * Bounded parsing (issue #15, items 3, 4, 6, 7 and 9): whatever bytes a file holds, a load ends
 * in seconds with every bad row quarantined on its own line, the rest loaded, and
 * read = loaded + quarantined on the file's true row count.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { zipSync, strToU8 } from 'fflate';
import { openStore, type Store } from '../../src/store/index.ts';
import { ingest } from '../../src/ingest/index.ts';
import { scanFile } from '../../src/ingest/scan.ts';
import { DEFAULT_PARSE_LIMITS, isPeelError } from '../../src/standard/index.ts';
import { STREET_HEADER, asbRow, streetRow, tempDir, writeLines } from '../helpers/police-uk.ts';
import { REPO_ROOT, SHARED_DATA, describeShared } from '../helpers/shared.ts';

let dir: string;
let store: Store;

beforeEach(async () => {
  dir = tempDir();
  store = await openStore({ store: join(dir, 'store', 'peel.duckdb') });
});
afterEach(() => store.close());

const CITY = () => join(SHARED_DATA, 'police_uk/street/city-of-london/2020-08-city-of-london-street.csv');

/** A real file's lines (CRLF as published), without the final empty one. */
function realLines(path: string): string[] {
  return readFileSync(path, 'latin1').split('\r\n').filter((l, i, a) => i < a.length - 1 || l !== '');
}

/** Loads `path` into a fresh store of its own: the counts a clean copy of a file gives. */
async function baseline(path: string): Promise<{ loaded: number; quarantined: number }> {
  const own = await openStore({ store: join(tempDir(), 'peel.duckdb') });
  try {
    const r = await ingest(own, [path]);
    return { loaded: r.batches[0].rows_loaded, quarantined: r.batches[0].rows_quarantined };
  } finally {
    own.close();
  }
}

async function quarantined(batch: string) {
  return (await store.quarantine({ batch, limit: 1000 })).items;
}

describe('the scan lets clean files through untouched', () => {
  it('finds no trouble in clean files of every line ending, and hashes them as sha256 does', async () => {
    const rows = [STREET_HEADER, streetRow({ location: 'On or near A, B' }), asbRow()];
    for (const eol of ['\n', '\r\n', '\r']) {
      const f = writeLines(join(dir, `x${eol.length}${eol[0] === '\r' ? 'r' : 'n'}.csv`), rows, eol);
      const s = await scanFile(f, DEFAULT_PARSE_LIMITS);
      expect(s.trouble).toBeNull();
      expect(s.sha256).toBe(createHash('sha256').update(readFileSync(f)).digest('hex'));
    }
  });

  it.each([
    ['a NUL byte', `${STREET_HEADER}\n${streetRow()}\n${streetRow().replace('Burglary', 'Burg\0lary')}\n`, /NUL/],
    ['Latin-1 bytes', Buffer.concat([Buffer.from(`${STREET_HEADER}\n${streetRow({ location: 'On or near Caf' })}`), Buffer.from([0xe9]), Buffer.from(`\n`)]), /UTF-8/],
    ['mixed line endings', `${STREET_HEADER}\r\n${streetRow()}\n${streetRow()}\r\n`, /mixed line endings/],
    ['a bare CR in a CRLF file', `${STREET_HEADER}\r\n${streetRow()}\r${streetRow()}\r\n`, /mixed line endings/],
    ['a quoted line break', `${STREET_HEADER}\n${streetRow({ location: 'On or near A, B' }).replace('A, B', 'A\nB')}\n`, /quoted field/],
    ['an unbalanced quote', `${STREET_HEADER}\n"${streetRow()}\n${streetRow()}\n`, /quote/],
    ['an over-long line', `${STREET_HEADER}\n${','.repeat(5000)}\n`, /longer than/],
    ['a blank line', `${STREET_HEADER}\n${streetRow()}\n\n${streetRow()}\n`, /blank/],
  ])('flags %s', async (_name, text, why) => {
    const f = join(dir, 't.csv');
    writeFileSync(f, text);
    expect((await scanFile(f, DEFAULT_PARSE_LIMITS)).trouble).toMatch(why);
  });

  it('finds the trouble even where it straddles two 4 MB reads', async () => {
    // A multi-byte character cut by the read boundary is fine; a bare CR right after it is not.
    const row = streetRow({ location: 'On or near Café Street' });
    const rows = [STREET_HEADER, ...Array.from({ length: Math.ceil((5 << 20) / row.length) }, () => row)];
    const f = writeLines(join(dir, 'big.csv'), rows, '\n');
    expect((await scanFile(f, DEFAULT_PARSE_LIMITS)).trouble).toBeNull();
    writeFileSync(f, rows.join('\n') + '\r' + row + '\n');
    expect((await scanFile(f, DEFAULT_PARSE_LIMITS)).trouble).toMatch(/mixed/);
  });
});

describeShared('bounded parsing on real files', () => {
  it('item 4: quarantines the rows holding Latin-1 bytes as row.encoding and loads the rest, without a "changed while loaded" refusal', async () => {
    const lines = realLines(CITY());
    const bad = [5, 50, 400]; // 1-based lines of the file
    const text = lines.map((l, i) => (bad.includes(i + 1) ? l.replace('On or near', 'On or near Caf\xe9') : l)).join('\r\n') + '\r\n';
    const f = join(dir, '2020-08-city-of-london-street.csv');
    writeFileSync(f, Buffer.from(text, 'latin1'));
    const base = await baseline(CITY());
    const r = await ingest(store, [f]);
    const b = r.batches[0];
    expect(b).toMatchObject({ status: 'loaded', rows_read: lines.length - 1, rows_loaded: base.loaded - 3, rows_quarantined: base.quarantined + 3 });
    const q = (await quarantined(b.batch_id)).filter((x) => x.reasons.includes('row.encoding'));
    expect(q.map((x) => x.line)).toEqual(bad);
    expect(q[0].detail).toMatch(/0xE9 .* not UTF-8/);
    expect(q[0].raw).toContain('On or near Caf');
  });

  it('item 6: an unbalanced quote costs only its own line; the rest of the file is read and reconciled on the true count', async () => {
    const lines = realLines(CITY());
    expect(lines.length - 1).toBe(506);
    lines[100] = lines[100].replace('On or near', '"On or near'); // line 101
    const f = writeLines(join(dir, '2020-08-city-of-london-street.csv'), lines, '\r\n');
    const base = await baseline(CITY());
    const r = await ingest(store, [f]);
    expect(r.batches[0]).toMatchObject({ status: 'loaded', rows_read: 506, rows_loaded: base.loaded - 1, rows_quarantined: base.quarantined + 1 });
    const q = (await quarantined(r.batches[0].batch_id)).filter((x) => x.reasons.includes('row.unparseable'));
    expect(q).toHaveLength(1);
    expect(q[0]).toMatchObject({ line: 101, source: f });
    expect(q[0].detail).toMatch(/quote opened on this line is not closed within 16 lines/);
  });

  it('item 7: reads a real file whose line endings are mixed (CRLF, LF and CR)', async () => {
    const lines = realLines(CITY());
    const text = lines.map((l, i) => l + (i % 3 === 0 ? '\r\n' : i % 3 === 1 ? '\n' : '\r')).join('');
    const f = join(dir, '2020-08-city-of-london-street.csv');
    writeFileSync(f, text);
    const base = await baseline(CITY());
    const r = await ingest(store, [f]);
    expect(r.batches[0]).toMatchObject({ rows_read: 506, rows_loaded: base.loaded, rows_quarantined: base.quarantined });
  });

  it('item 9: a street header and 4 MB of NUL bytes is one quarantined row, not "loaded 0 = 0 + 0"', async () => {
    const f = join(dir, '2020-08-city-of-london-street.csv');
    writeFileSync(f, Buffer.concat([Buffer.from(realLines(CITY())[0] + '\r\n'), Buffer.alloc(4 << 20)]));
    const r = await ingest(store, [f]);
    expect(r.batches[0]).toMatchObject({ rows_read: 1, rows_loaded: 0, rows_quarantined: 1 });
    const [q] = await quarantined(r.batches[0].batch_id);
    expect(q.line).toBe(2);
    expect(q.reasons).toEqual(['row.too_long', 'row.binary']);
    expect(q.raw!.length).toBeLessThan(1100);
    expect(q.raw).toContain('4,194,304 bytes in all');
  });
});

describe('limits on one row', () => {
  it('item 3: quarantines a line of 1,000,000 columns (2 MB) as row.too_long in seconds and loads the rest', async () => {
    const f = writeLines(join(dir, '2024-03-kent-street.csv'), [STREET_HEADER, streetRow(), ',x'.repeat(1_000_000), asbRow(), streetRow()]);
    const r = await ingest(store, [f]);
    expect(r.batches[0]).toMatchObject({ status: 'loaded', rows_read: 4, rows_loaded: 3, rows_quarantined: 1 });
    const [q] = await quarantined(r.batches[0].batch_id);
    expect(q).toMatchObject({ line: 3, reasons: ['row.too_long'] });
    expect(q.detail).toContain('line of 2,000,000 bytes, longer than the limit of 65,536');
    expect(q.raw!.length).toBeLessThan(1100);
  }, 60_000);

  it('quarantines a row with more fields than the limit as row.too_wide, and a huge field as row.field_too_long', async () => {
    const wide = ','.repeat(2000);
    const longField = streetRow({ location: 'x'.repeat(10_000) });
    const f = writeLines(join(dir, '2024-03-kent-street.csv'), [STREET_HEADER, streetRow(), wide, longField, streetRow()]);
    const r = await ingest(store, [f]);
    expect(r.batches[0]).toMatchObject({ rows_read: 4, rows_loaded: 2, rows_quarantined: 2 });
    const q = await quarantined(r.batches[0].batch_id);
    expect(q.map((x) => [x.line, x.reasons])).toEqual([[3, ['row.too_wide']], [4, ['row.field_too_long']]]);
    expect(q[0].detail).toContain('2,001 fields, more than the limit of 1,024');
  });

  it('honours limits passed in (the config sets them)', async () => {
    const f = writeLines(join(dir, '2024-03-kent-street.csv'), [STREET_HEADER, streetRow(), streetRow({ location: 'y'.repeat(300) })]);
    const r = await ingest(store, [f], { limits: { ...DEFAULT_PARSE_LIMITS, maxFieldBytes: 200 } });
    expect(r.batches[0]).toMatchObject({ rows_read: 2, rows_loaded: 1, rows_quarantined: 1 });
  });

  it('item 9: never stores a NUL byte; its row is quarantined as row.binary', async () => {
    const f = writeLines(join(dir, '2024-03-kent-street.csv'), [STREET_HEADER, streetRow(), streetRow({ location: 'On or near \0 Road' }), asbRow()]);
    const r = await ingest(store, [f]);
    expect(r.batches[0]).toMatchObject({ rows_read: 3, rows_loaded: 2, rows_quarantined: 1 });
    const [q] = await quarantined(r.batches[0].batch_id);
    expect(q).toMatchObject({ line: 3, reasons: ['row.binary'] });
    expect(q.raw).toContain('On or near \\0 Road');
  });

  it('item 7: after a quoted line break, quarantine names the right lines', async () => {
    const f = writeLines(join(dir, '2024-03-kent-street.csv'), [
      STREET_HEADER,
      streetRow(),
      streetRow({ location: 'On or near A, B' }).replace('On or near A, B', 'On or near A,\nB'), // lines 3-4
      streetRow(),
      streetRow({ type: 'Burgalry' }), // line 6
      'short,row', // line 7
      streetRow({ month: '2024-13' }), // line 8
    ], '\n');
    const r = await ingest(store, [f]);
    expect(r.batches[0]).toMatchObject({ rows_read: 6, rows_loaded: 3, rows_quarantined: 3 });
    const q = await quarantined(r.batches[0].batch_id);
    expect(q.map((x) => [x.line, x.reasons.join('+')])).toEqual([[6, 'category.unknown'], [7, 'row.field_count'], [8, 'month.unparseable']]);
    expect(q.find((x) => x.line === 6)!.raw).toContain('Burgalry');
    expect(q.find((x) => x.line === 8)!.raw).toContain('2024-13');
  });

  it('item 7: refuses a header that names a column twice with one clear error naming the file and the column', async () => {
    const f = writeLines(join(dir, '2024-03-kent-street.csv'), [`${STREET_HEADER},Crime type`, `${streetRow()},Burglary`]);
    const err = await ingest(store, [f]).catch((e) => e);
    expect(isPeelError(err)).toBe(true);
    expect(err.code).toBe('unreadable_input');
    expect(err.message).toBe(`${f}: line 1, the header names the column "Crime type" twice; each column may appear once`);
  });
});

describe('what is read from folders and zips', () => {
  it('item 3: lists a FIFO inside a folder as skipped instead of hanging on it', async () => {
    const f = writeLines(join(dir, '2024-03-kent-street.csv'), [STREET_HEADER, streetRow()]);
    execFileSync('mkfifo', [join(dir, '2024-04-kent-street.csv')]);
    const r = await ingest(store, [dir]);
    expect(r.batches.map((b) => b.source)).toEqual([f]);
    expect(r.skipped).toEqual([{ source: join(dir, '2024-04-kent-street.csv'), reason: 'a FIFO (named pipe), not a regular file' }]);
  }, 30_000);

  it('item 9: names a symlink loop in one short line and reads the rest of the folder', async () => {
    const sub = join(dir, 'data');
    mkdirSync(sub);
    const f = writeLines(join(sub, '2024-03-kent-street.csv'), [STREET_HEADER, streetRow()]);
    symlinkSync(sub, join(sub, 'again'));
    symlinkSync(join(sub, 'self'), join(sub, 'self'));
    const r = await ingest(store, [sub]);
    expect(r.batches.map((b) => b.source)).toEqual([f]);
    expect(r.skipped).toEqual([
      { source: join(sub, 'again'), reason: 'a symlink loop (a link to a folder it is in)' },
      { source: join(sub, 'self'), reason: 'a symlink loop' },
    ]);
    const err = await ingest(store, [join(sub, 'self')]).catch((e) => e);
    expect(err.message).toBe(`cannot read ${join(sub, 'self')}: a symlink loop`);
  });

  describe('zips', () => {
    let tmp: string;
    let before: string | undefined;
    // Each test's temporary extractions go to a folder of its own, to see they are removed.
    beforeEach(() => {
      before = process.env.TMPDIR;
      tmp = join(dir, 'tmp');
      mkdirSync(tmp);
      process.env.TMPDIR = tmp;
    });
    afterEach(() => {
      if (before === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = before;
    });

    it('item 9: refuses a zip bomb by its compression ratio, and removes its temporary folder', async () => {
      const z = join(dir, 'archive.zip');
      writeFileSync(z, zipSync({ '2024-03/2024-03-kent-street.csv': new Uint8Array(32 << 20) }));
      const err = await ingest(store, [z]).catch((e) => e);
      expect(isPeelError(err)).toBe(true);
      expect(err.message).toBe(`${z}: refused as a likely zip bomb, it expands more than 200 times (the compression ratio cap, PEEL_ZIP_MAX_RATIO)`);
      expect(readdirSync(tmp)).toEqual([]);
    });

    it('item 9: refuses a zip beyond the size cap (configurable), and removes its temporary folder', async () => {
      const z = join(dir, 'archive.zip');
      writeFileSync(z, zipSync({ '2024-03-kent-street.csv': strToU8([STREET_HEADER, streetRow(), streetRow()].join('\n')) }));
      const err = await ingest(store, [z], { zip: { maxBytes: 100, maxRatio: 200 } }).catch((e) => e);
      expect(err.message).toMatch(/refused, extracting it would write more than 0.00 GiB \(the zip size cap, PEEL_ZIP_MAX_BYTES\)/);
      expect(readdirSync(tmp)).toEqual([]);
    });

    it('item 9: lists a zip inside a zip as skipped, and loads the CSV files beside it', async () => {
      const inner = zipSync({ '2024-04-kent-street.csv': strToU8([STREET_HEADER, streetRow({ month: '2024-04' })].join('\n')) });
      const z = join(dir, 'archive.zip');
      writeFileSync(z, zipSync({ '2024-03-kent-street.csv': strToU8([STREET_HEADER, streetRow()].join('\n')), 'more.zip': inner, 'README.txt': strToU8('hi') }));
      const r = await ingest(store, [z]);
      expect(r.batches.map((b) => [b.source, b.rows_loaded])).toEqual([[`${z}!2024-03-kent-street.csv`, 1]]);
      expect(r.skipped).toEqual([{ source: `${z}!more.zip`, reason: 'a zip inside a zip (not opened: extract it and load the inner zip)' }]);
      expect(r.ignored).toEqual([`${z}!README.txt`]);
      expect(readdirSync(tmp)).toEqual([]);
    });

    it('removes the temporary folder of a zip that is not a valid archive', async () => {
      const z = join(dir, 'archive.zip');
      const good = zipSync({ '2024-03-kent-street.csv': strToU8([STREET_HEADER, streetRow()].join('\n')) });
      writeFileSync(z, good.subarray(0, 60));
      await expect(ingest(store, [z])).rejects.toThrow(/archive\.zip/);
      expect(readdirSync(tmp)).toEqual([]);
    });
  });
});

describe('as a user runs it', () => {
  const peel = (env: Record<string, string>, ...args: string[]) =>
    spawnSync(process.execPath, [join(REPO_ROOT, 'bin', 'peel.mjs'), ...args], { encoding: 'utf8', env: { ...process.env, ...env } });

  it('item 7: a duplicate header column is one line on stderr and exit 3, with no DuckDB text', () => {
    const f = writeLines(join(dir, '2024-03-kent-street.csv'), [`${STREET_HEADER},Month`, `${streetRow()},2024-03`]);
    const r = peel({ PEEL_STORE: join(dir, 'cli.duckdb') }, 'ingest', f);
    expect(r.status).toBe(3);
    expect(r.stderr.trim().split('\n')).toEqual([`peel: ${f}: line 1, the header names the column "Month" twice; each column may appear once`]);
  });

  it('takes the row limits from the config (PEEL_MAX_FIELD_BYTES) and lists skipped paths', () => {
    writeLines(join(dir, '2024-03-kent-street.csv'), [STREET_HEADER, streetRow(), streetRow({ location: 'y'.repeat(300) })]);
    execFileSync('mkfifo', [join(dir, 'pipe.csv')]);
    const r = peel({ PEEL_STORE: join(dir, 'cli.duckdb'), PEEL_MAX_FIELD_BYTES: '200' }, 'ingest', dir, '--json');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.batches[0]).toMatchObject({ rows_read: 2, rows_loaded: 1, rows_quarantined: 1 });
    expect(out.skipped).toEqual([{ source: join(dir, 'pipe.csv'), reason: 'a FIFO (named pipe), not a regular file' }]);
  });
});
