/**
 * The write path under faults (issue #15): `peel ingest` killed with SIGKILL at random moments
 * and re-run; two writers at once; reads while a load replaces months. See ./kill.ts for what each
 * checks. `npm run bench:faults` runs 20 kills; the suite runs 3.
 */
import { beforeAll, afterAll, expect, it } from 'vitest';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { describeShared, SHARED_DATA } from '../helpers/shared.ts';
import { tempDir } from '../helpers/police-uk.ts';
import { killBase, killFiles, killAndRecover, twoWriters, readsDuringLoad, type KillBase, type KillFiles } from './kill.ts';

describeShared('the write path under kill -9, two writers and readers', () => {
  let work: string;
  let base: KillBase;
  let files: KillFiles;

  beforeAll(async () => {
    work = tempDir('peel-kill-');
    files = killFiles(SHARED_DATA);
    base = await killBase(join(work, 'base'), files);
  }, 300_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  // Early, middle and late in the run (its start-up included), so the kills land before, between and after commits.
  for (const [i, fraction] of [0.35, 0.6, 0.85].entries()) {
    it(`recovers exactly from a kill at ${Math.round(fraction * 100)}% of a run`, { timeout: 300_000 }, async () => {
      const r = await killAndRecover(base, files, join(work, `kill-${i}`), base.runSeconds * 1000 * fraction);
      expect(r.problems).toEqual([]);
    });
  }

  it('two writers at once: each loads or fails in one clear line, and the store stays whole', { timeout: 300_000 }, async () => {
    const r = await twoWriters(base, files, join(work, 'writers'));
    expect(r.problems, JSON.stringify(r.exits)).toEqual([]);
  });

  it('readers during a load see every month wholly old or wholly new', { timeout: 300_000 }, async () => {
    const r = await readsDuringLoad(base, files, join(work, 'reads'));
    expect(r.readsDuringLoad).toBeGreaterThan(0);
    expect(r.problems).toEqual([]);
  });
});
