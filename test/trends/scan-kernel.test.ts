import { describe, expect, it } from 'vitest';
import { BATCH, replicateMaxima, scanMaxima, scanTable, type ScanKernelData } from '../../src/trends/scan-kernel.ts';
import { seededRng } from '../../src/trends/index.ts';

/** A small kernel problem built by hand: a 6 × 5 grid, 12 periods, circles of the 10 nearest. */
function kernelData(seed: number): { data: ScanKernelData; base: Int32Array } {
  const rng = seededRng(seed);
  const nLoc = 30, T = 12, D = 6, K = 10;
  const xy = Array.from({ length: nLoc }, (_, z) => [z % 6, Math.floor(z / 6)]);
  const base = new Int32Array(nLoc * T);
  for (let z = 0; z < nLoc; z++) for (let t = 0; t < T; t++) base[z * T + t] = Math.floor(rng.next() * (3 + (z % 4)));
  let C = 0;
  const row = new Float64Array(nLoc), col = new Float64Array(T);
  for (let z = 0; z < nLoc; z++) for (let t = 0; t < T; t++) { const n = base[z * T + t]; row[z] += n; col[t] += n; C += n; }
  const expSuffix = new Float64Array(D * nLoc);
  for (let z = 0; z < nLoc; z++) {
    let s = 0;
    for (let L = 1; L <= D; L++) { s += (row[z] * col[T - L]) / C; expSuffix[(L - 1) * nLoc + z] = s; }
  }
  const circleOffsets = new Int32Array(nLoc + 1);
  const ids: number[] = [];
  for (let i = 0; i < nLoc; i++) {
    const d2 = (z: number) => (xy[z][0] - xy[i][0]) ** 2 + (xy[z][1] - xy[i][1]) ** 2;
    ids.push(...Array.from({ length: nLoc }, (_, z) => z).sort((a, b) => d2(a) - d2(b) || a - b).slice(0, K));
    circleOffsets[i + 1] = ids.length;
  }
  const caseLoc: number[] = [], casePeriod: number[] = [];
  for (let z = 0; z < nLoc; z++) for (let t = 0; t < T; t++) for (let k = 0; k < base[z * T + t]; k++) { caseLoc.push(z); casePeriod.push(t); }
  return {
    data: { nLoc, T, maxDuration: D, total: C, circleOffsets, circleIds: Int32Array.from(ids), expSuffix, caseLoc: Int32Array.from(caseLoc), casePeriod: Int32Array.from(casePeriod) },
    base,
  };
}

describe('the scan kernel', () => {
  it('scans a batch of tables to exactly the maxima it finds one table at a time', () => {
    const { data, base } = kernelData(7);
    const rng = seededRng(11);
    const tables = Array.from({ length: BATCH }, (_, j) => {
      const t = Int32Array.from(base, (n) => n + Math.floor(rng.next() * 3));
      // Two tables carry a strong recent cluster, one is all zeros.
      if (j === 2 || j === 5) for (const z of [7, 8, 13, 14]) for (const d of [10, 11]) t[z * data.T + d] += 12;
      if (j === 7) t.fill(0);
      return t;
    });
    const out = new Float64Array(BATCH + 3);
    scanMaxima(data, tables, out, 3);
    const one = tables.map((t) => scanTable(data, t).llr);
    expect(Array.from(out.subarray(3))).toEqual(one);
    expect(one[2]).toBeGreaterThan(10);
    expect(one[7]).toBe(0);
  });

  it('gives every replication the same maximum however replications are batched or split', () => {
    const { data } = kernelData(3);
    const all = replicateMaxima(data, 5, 0, 21); // two batches and a remainder of five
    const parts = [...replicateMaxima(data, 5, 0, 4), ...replicateMaxima(data, 5, 4, 9), ...replicateMaxima(data, 5, 13, 8)];
    expect(parts).toEqual(Array.from(all));
    expect(new Set(all).size).toBeGreaterThan(10);
  });
});
