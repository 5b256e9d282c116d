/**
 * The standing fault suite's bad-input corpus (issue #15): every case is built at test time from
 * the real data.police.uk files in ../shared, loaded into a copy of a store preloaded with real
 * force-months, and held to the same bar (see ./run.ts): a clear one-line error or a quarantine
 * with reasons, rows read = loaded + quarantined, and no other force-month changed.
 */
import { beforeAll, expect, it } from 'vitest';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { afterAll } from 'vitest';
import { describeShared, SHARED_DATA } from '../helpers/shared.ts';
import { tempDir } from '../helpers/police-uk.ts';
import { CASES, realSources, type RealSources } from './corpus.ts';
import { preload, runCase, type Base } from './run.ts';

describeShared('the fault corpus: bad inputs never lose rows or touch another force-month', () => {
  let work: string;
  let base: Base;
  let src: RealSources;

  beforeAll(async () => {
    work = tempDir('peel-faults-');
    src = realSources(SHARED_DATA);
    base = await preload(join(work, 'base'), SHARED_DATA);
  }, 120_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('holds at least 40 cases, every kind the issue names', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
    const names = CASES.map((c) => c.name).join('\n');
    for (const kind of ['Gwent 2020-01 row', 'another month', 'holding Gwent rows', '1,000,000 columns', 'FIFO', 'Latin-1', 'unbalanced quote',
      'mixed CR, LF and CRLF', 'duplicate header', 'quoted newline', 'NUL bytes', 'NUL byte inside', 'bomb', 'zip inside a zip', 'corrupt zip',
      'symlink loop', 'truncated mid-row', 'truncated inside a quoted', 'header only', 'empty file', 'UTF-8 byte-order', 'UTF-16 LE', 'UTF-16 BE',
      'column missing', 'column renamed', 'extra column', 'month 2018-13', 'longitude 200.5', 'PNG', 'random bytes', '4 MB quoted field']) {
      expect(names, kind).toContain(kind);
    }
  });

  it('preloads real force-months of every kind', () => {
    expect([...base.snap.keys()].sort()).toEqual([
      'outcomes|city-of-london|2023-01', 'stop_search|city-of-london|2018-09',
      'street|city-of-london|2018-09', 'street|city-of-london|2018-10', 'street|dorset|2021-02', 'street|gwent|2020-01',
    ]);
  });

  for (const c of CASES) {
    it(c.name, { timeout: c.isolate ? 120_000 : 60_000 }, async () => {
      const r = await runCase(c, { base, src, work, mode: c.isolate ? 'process' : 'inline', timeoutMs: 60_000 });
      expect(r.problems, `${r.outcome}${r.message ? `: ${r.message.slice(0, 300)}` : ''}`).toEqual([]);
    });
  }
});
