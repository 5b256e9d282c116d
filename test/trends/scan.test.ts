import { describe, expect, it } from 'vitest';
import { seededRng, spaceTimeScan, type Rng, type ScanLocation } from '../../src/trends/index.ts';

function poisson(rng: Rng, lambda: number): number {
  const l = Math.exp(-lambda);
  let k = 0;
  let p = rng.next();
  while (p > l) {
    k++;
    p *= rng.next();
  }
  return k;
}

const SIDE = 10;
const T = 12;
const locations: ScanLocation[] = [];
for (let i = 0; i < SIDE; i++) for (let j = 0; j < SIDE; j++) locations.push({ id: `L${i}_${j}`, x: i, y: j });
const CLUSTER = new Set(['L2_2', 'L2_3', 'L3_2', 'L3_3']);

/** Separable rates (location × period), so the permutation null holds; optional relative risk in CLUSTER over the last 2 periods. */
function dataset(seed: number, rr: number): number[] {
  const rng = seededRng(seed);
  const counts: number[] = [];
  locations.forEach((l, z) => {
    const locRate = 2 + (z % 7) * 0.5;
    for (let d = 0; d < T; d++) {
      const timeRate = 1 + 0.3 * Math.sin(d);
      const boost = CLUSTER.has(l.id) && d >= T - 2 ? rr : 1;
      counts.push(poisson(rng, locRate * timeRate * boost));
    }
  });
  return counts;
}

const OPTS = { maxShare: 0.1, maxDuration: 3, replications: 99, workers: 0 } as const;

describe('spaceTimeScan (Kulldorff 2005 space-time permutation, prospective)', () => {
  it('holds its false-positive rate under the null: at most 10 of 100 seeded null datasets give p < 0.05', async () => {
    let positives = 0;
    for (let s = 0; s < 100; s++) {
      const res = await spaceTimeScan({ locations, periods: T, counts: dataset(1000 + s, 1) }, { ...OPTS, seed: s });
      if (res.clusters[0] && res.clusters[0].p < 0.05) positives++;
    }
    expect(positives).toBeLessThanOrEqual(10);
  });

  it('finds a cluster of relative risk 3 in 4 locations over the last 2 periods with power ≥ 90 %', async () => {
    let found = 0;
    for (let s = 0; s < 40; s++) {
      const res = await spaceTimeScan({ locations, periods: T, counts: dataset(5000 + s, 3) }, { ...OPTS, seed: s });
      const top = res.clusters[0];
      const overlap = top ? top.locations.filter((id) => CLUSTER.has(id)).length : 0;
      if (top && top.p < 0.05 && overlap >= 2 && top.duration <= 3) found++;
    }
    expect(found / 40).toBeGreaterThanOrEqual(0.9);
  });

  it('reports the cylinder exactly: window ends at the last period, observed and expected add up', async () => {
    const counts = dataset(77, 4);
    const res = await spaceTimeScan({ locations, periods: T, counts }, { ...OPTS, seed: 3 });
    const top = res.clusters[0];
    expect(top.start + top.duration).toBe(T);
    let obs = 0;
    let exp = 0;
    const C = counts.reduce((a, b) => a + b, 0);
    const per = new Array(T).fill(0);
    locations.forEach((_, z) => counts.slice(z * T, z * T + T).forEach((c, d) => (per[d] += c)));
    for (const id of top.locations) {
      const z = locations.findIndex((l) => l.id === id);
      const tot = counts.slice(z * T, z * T + T).reduce((a, b) => a + b, 0);
      for (let d = top.start; d < T; d++) {
        obs += counts[z * T + d];
        exp += (tot * per[d]) / C;
      }
    }
    expect(top.observed).toBe(obs);
    expect(top.expected).toBeCloseTo(exp, 9);
    expect(top.llr).toBeCloseTo(obs * Math.log(obs / exp) + (C - obs) * Math.log((C - obs) / (C - exp)), 9);
    expect(top.p).toBeCloseTo(0.01, 12);
    // Secondary clusters do not overlap the most likely one.
    for (const c of res.clusters.slice(1)) expect(c.locations.some((id) => top.locations.includes(id))).toBe(false);
  });

  it('gives the same p-values with worker threads as in one thread (replication j always uses seed j)', async () => {
    const input = { locations, periods: T, counts: dataset(99, 2) };
    const one = await spaceTimeScan(input, { ...OPTS, seed: 11, replications: 59, workers: 0 });
    const two = await spaceTimeScan(input, { ...OPTS, seed: 11, replications: 59, workers: 2 });
    expect(two.clusters.map((c) => c.p)).toEqual(one.clusters.map((c) => c.p));
  });

  it('stops replications early (sequential Monte Carlo) without changing which clusters reach p ≤ 0.05', async () => {
    for (const [seed, rr] of [[7, 1], [8, 1], [9, 3], [10, 2]] as const) {
      const input = { locations, periods: T, counts: dataset(300 + seed, rr) };
      const full = await spaceTimeScan(input, { ...OPTS, seed, replications: 199 });
      const h = 10; // (h + 1) / 200 > 0.05: a cluster reached by 10 replications cannot have p ≤ 0.05
      const early = await spaceTimeScan(input, { ...OPTS, seed, replications: 199, stopRule: (cs) => ({ llr: cs[0]?.llr ?? Infinity, exceedances: h }) });
      expect(early.clusters.map((c) => c.llr)).toEqual(full.clusters.map((c) => c.llr));
      expect(early.clusters.map((c) => c.p <= 0.05)).toEqual(full.clusters.map((c) => c.p <= 0.05));
      if (full.clusters[0].p <= 0.05) expect(early.clusters[0].p).toBe(full.clusters[0].p);
      else expect(early.replications).toBeLessThan(199);
    }
    const none = await spaceTimeScan({ locations, periods: T, counts: dataset(1, 1) }, { ...OPTS, stopRule: () => ({ llr: 0, exceedances: 0 }) });
    expect(none.replications).toBe(0);
    expect(none.clusters.every((c) => c.p === 1)).toBe(true);
  });

  it('rejects a negative count naming the location and period', async () => {
    const counts = dataset(1, 1);
    counts[5] = -1;
    await expect(spaceTimeScan({ locations, periods: T, counts }, OPTS)).rejects.toThrow(/"L0_0" period 5 is -1/);
  });
});
