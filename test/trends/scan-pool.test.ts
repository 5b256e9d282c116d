import { describe, it, expect } from 'vitest';
import { runScanTasks } from '../../src/trends/scan-pool.ts';
import { runScanJob, type ScanJob } from '../../src/trends/scan-job.ts';
import { seededRng } from '../../src/trends/index.ts';
import type { ScanResult } from '../../src/trends/scan.ts';
import { poisson } from './detect-helpers.ts';

/** A table of Poisson counts on a grid, some with a cluster in the last months, some cross-border (two owners). */
function job(seed: number): ScanJob {
  const rng = seededRng(seed);
  const side = 8;
  const T = 12;
  const locations = Array.from({ length: side * side }, (_, i) => ({ id: `L${i}`, x: i % side, y: Math.floor(i / side) }));
  const hot = new Set([9, 10, 17, 18]);
  const counts: number[] = [];
  for (let z = 0; z < locations.length; z++) for (let t = 0; t < T; t++) counts.push(poisson(rng, 2 + (seed % 3 === 0 && hot.has(z) && t >= T - 2 ? 5 : 0)));
  const owners = seed % 2 ? locations.map((l) => (l.x < side / 2 ? 0 : 1)) : null;
  return { input: { locations, periods: T, counts }, maxLocations: 12, borderZone: owners !== null && seed % 4 === 1, options: { maxDuration: 3, replications: 99, seed: 1, maxClusters: 3 }, rule: { minCount: 5, minRelativeRisk: 1.5, fdr: 0.05, owners } };
}

describe('running scans on worker threads', () => {
  it('gives every job the result it gets on this thread, whichever thread ran it', async () => {
    const n = 12;
    const here: ScanResult[] = [];
    for (let i = 0; i < n; i++) here.push(await runScanJob(job(i)));
    const pooled = new Array<ScanResult>(n);
    await runScanTasks(n, (i) => (i === 5 ? null : { job: job(i), done: (r) => (pooled[i] = r) }), 1, 0);
    expect(pooled[5]).toBeUndefined();
    for (let i = 0; i < n; i++) if (i !== 5) expect(pooled[i], `job ${i}`).toEqual(here[i]);
    // Some jobs found clusters and ran replications, so the comparison is not of empty results.
    expect(here.some((r) => r.replications > 0 && r.clusters.some((c) => c.p <= 0.05))).toBe(true);
  });

  it('reports a failing job as an error, with the worker stopped', async () => {
    const good = job(2);
    const bad: ScanJob = { ...good, input: { ...good.input, counts: Array.from(good.input.counts, (v, i) => (i === 7 ? -1 : v)) } };
    await expect(runScanTasks(2, () => ({ job: bad, done: () => undefined }), 1, 0)).rejects.toThrow(/is -1, not a non-negative whole number/);
  });
});
