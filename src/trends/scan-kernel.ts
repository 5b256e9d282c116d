/**
 * The hot loop of the space-time permutation scan: evaluate every prospective cylinder on one
 * table of counts, and produce the maximum log-likelihood ratio of permuted tables. Kept free of
 * imports beyond the generator so a worker thread can load it cheaply. See ./scan.ts.
 */
import { xoshiroState } from '../stats/index.ts';

/** Everything a replication needs; structured-cloneable so it can go to a worker. */
export interface ScanKernelData {
  readonly nLoc: number;
  readonly T: number;
  readonly maxDuration: number;
  /** Total cases C. */
  readonly total: number;
  /** Circle members: for centre i, circleIds[circleOffsets[i] .. circleOffsets[i+1]) nearest first. */
  readonly circleOffsets: Int32Array;
  readonly circleIds: Int32Array;
  /** Expected cases in the last L periods at location z: expSuffix[(L - 1) * nLoc + z]. */
  readonly expSuffix: Float64Array;
  /** The location of each case, and the period of each case (the labels that get permuted). */
  readonly caseLoc: Int32Array;
  readonly casePeriod: Int32Array;
}

export interface BestCylinder {
  llr: number;
  centre: number;
  /** Number of locations in the circle. */
  size: number;
  /** Number of final periods. */
  duration: number;
  observed: number;
  expected: number;
}

/** Scratch for scanTable, reused across replications (one per thread). */
let cmBuffer = new Float64Array(0);

/**
 * Scans all cylinders of a count table (`counts[z * T + d]`); returns the best one (llr 0 when
 * no cylinder has more cases than expected).
 */
export function scanTable(d: ScanKernelData, counts: Int32Array | Float64Array): BestCylinder {
  const { nLoc, T, maxDuration: D, total: C, circleOffsets, circleIds, expSuffix } = d;
  // Observed and expected suffix sums interleaved, duration-major: cm[2(L·nLoc + z)] = cases at z in
  // the last L + 1 periods, cm[… + 1] = expected; the inner loop then reads one cache line per location.
  if (cmBuffer.length !== 2 * nLoc * D) cmBuffer = new Float64Array(2 * nLoc * D);
  const cm = cmBuffer;
  for (let z = 0; z < nLoc; z++) {
    let s = 0;
    for (let L = 1; L <= D; L++) {
      s += counts[z * T + T - L];
      const k = 2 * ((L - 1) * nLoc + z);
      cm[k] = s;
      cm[k + 1] = expSuffix[(L - 1) * nLoc + z];
    }
  }
  const best: BestCylinder = { llr: 0, centre: -1, size: 0, duration: 0, observed: 0, expected: 0 };
  let bestLlr = 0;
  // Records a cylinder that beats the best; called rarely (the bound below filters almost all).
  const consider = (cc: number, m: number, i: number, size: number, L: number): void => {
    const rest = C - cc;
    // ln GLR = c ln(c/μ) + (C−c) ln((C−c)/(C−μ))
    const llr = cc * Math.log(cc / m) + (rest > 0 ? rest * Math.log(rest / (C - m)) : 0);
    if (llr > bestLlr) {
      bestLlr = llr;
      best.llr = llr;
      best.centre = i;
      best.size = size;
      best.duration = L + 1;
      best.observed = cc;
      best.expected = m;
    }
  };
  // ln x ≤ x − 1 gives ln GLR ≤ (c − μ)²·C/(μ(C − μ)), so the logs are skipped when that bound
  // cannot beat the best; diff·|diff| folds the c > μ test into the same well-predicted branch.
  // Four durations are scanned per pass over a circle for instruction-level parallelism.
  for (let i = 0; i < nLoc; i++) {
    const from = circleOffsets[i];
    const end = circleOffsets[i + 1];
    let L = 0;
    for (; L + 3 < D; L += 4) {
      let c0 = 0, m0 = 0, c1 = 0, m1 = 0, c2 = 0, m2 = 0, c3 = 0, m3 = 0;
      const b0 = 2 * L * nLoc;
      const b1 = b0 + 2 * nLoc;
      const b2 = b1 + 2 * nLoc;
      const b3 = b2 + 2 * nLoc;
      for (let r = from; r < end; r++) {
        const z = circleIds[r];
        c0 += cm[b0 + 2 * z];
        m0 += cm[b0 + 2 * z + 1];
        c1 += cm[b1 + 2 * z];
        m1 += cm[b1 + 2 * z + 1];
        c2 += cm[b2 + 2 * z];
        m2 += cm[b2 + 2 * z + 1];
        c3 += cm[b3 + 2 * z];
        m3 += cm[b3 + 2 * z + 1];
        const d0 = c0 - m0;
        const d1 = c1 - m1;
        const d2 = c2 - m2;
        const d3 = c3 - m3;
        if (d0 * Math.abs(d0) * C > bestLlr * m0 * (C - m0)) consider(c0, m0, i, r - from + 1, L);
        if (d1 * Math.abs(d1) * C > bestLlr * m1 * (C - m1)) consider(c1, m1, i, r - from + 1, L + 1);
        if (d2 * Math.abs(d2) * C > bestLlr * m2 * (C - m2)) consider(c2, m2, i, r - from + 1, L + 2);
        if (d3 * Math.abs(d3) * C > bestLlr * m3 * (C - m3)) consider(c3, m3, i, r - from + 1, L + 3);
      }
    }
    for (; L < D; L++) {
      let c0 = 0, m0 = 0;
      const b0 = 2 * L * nLoc;
      for (let r = from; r < end; r++) {
        const z = circleIds[r];
        c0 += cm[b0 + 2 * z];
        m0 += cm[b0 + 2 * z + 1];
        const d0 = c0 - m0;
        if (d0 * Math.abs(d0) * C > bestLlr * m0 * (C - m0)) consider(c0, m0, i, r - from + 1, L);
      }
    }
  }
  return best;
}

/** ln GLR of a cylinder with c cases against μ expected, out of C. */
function llrOf(c: number, m: number, C: number): number {
  const rest = C - c;
  return c * Math.log(c / m) + (rest > 0 ? rest * Math.log(rest / (C - m)) : 0);
}

/** Replications scanned together: the expected sums of a cylinder are the same in every permuted table. */
export const BATCH = 8;

/** Expected suffix sums location-major (ex[z·D + L]), built once per kernel data. */
const expectedByLocation = new WeakMap<ScanKernelData, Float64Array>();

let batchBuffer = new Float64Array(0);

/**
 * The maximum ln GLR of each of BATCH count tables (`tables[j][z * T + d]`), into out[at + j].
 * Equal to `scanTable(d, tables[j]).llr` for each j: the same sums in the same order, and the
 * same bound, but every table's observed sums are read from one cache line and the expected sum
 * and the bound's denominator are computed once for all of them.
 */
export function scanMaxima(d: ScanKernelData, tables: readonly Int32Array[], out: Float64Array, at: number): void {
  if (tables.length !== BATCH) throw new Error(`scanMaxima takes ${BATCH} tables, not ${tables.length}`);
  const { nLoc, T, maxDuration: D, total: C, circleOffsets, circleIds, expSuffix } = d;
  let ex = expectedByLocation.get(d);
  if (!ex) {
    ex = new Float64Array(nLoc * D);
    for (let z = 0; z < nLoc; z++) for (let L = 0; L < D; L++) ex[z * D + L] = expSuffix[L * nLoc + z];
    expectedByLocation.set(d, ex);
  }
  // cs[(z·D + L)·BATCH + j] = cases of table j at location z in the last L + 1 periods.
  if (batchBuffer.length !== nLoc * D * BATCH) batchBuffer = new Float64Array(nLoc * D * BATCH);
  const cs = batchBuffer;
  for (let j = 0; j < BATCH; j++) {
    const counts = tables[j];
    for (let z = 0; z < nLoc; z++) {
      let s = 0;
      for (let L = 0; L < D; L++) {
        s += counts[z * T + T - 1 - L];
        cs[(z * D + L) * BATCH + j] = s;
      }
    }
  }
  let b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0, b5 = 0, b6 = 0, b7 = 0;
  for (let i = 0; i < nLoc; i++) {
    const from = circleOffsets[i];
    const end = circleOffsets[i + 1];
    for (let L = 0; L < D; L++) {
      let m = 0, c0 = 0, c1 = 0, c2 = 0, c3 = 0, c4 = 0, c5 = 0, c6 = 0, c7 = 0;
      for (let r = from; r < end; r++) {
        const zl = circleIds[r] * D + L;
        m += ex[zl];
        // The bound of scanTable: ln GLR ≤ (c − μ)²·C/(μ(C − μ)); logs only when it can win.
        const q = m * (C - m);
        const k = zl * BATCH;
        c0 += cs[k];
        c1 += cs[k + 1];
        c2 += cs[k + 2];
        c3 += cs[k + 3];
        c4 += cs[k + 4];
        c5 += cs[k + 5];
        c6 += cs[k + 6];
        c7 += cs[k + 7];
        const x0 = c0 - m, x1 = c1 - m, x2 = c2 - m, x3 = c3 - m, x4 = c4 - m, x5 = c5 - m, x6 = c6 - m, x7 = c7 - m;
        if (x0 * Math.abs(x0) * C > b0 * q) b0 = Math.max(b0, llrOf(c0, m, C));
        if (x1 * Math.abs(x1) * C > b1 * q) b1 = Math.max(b1, llrOf(c1, m, C));
        if (x2 * Math.abs(x2) * C > b2 * q) b2 = Math.max(b2, llrOf(c2, m, C));
        if (x3 * Math.abs(x3) * C > b3 * q) b3 = Math.max(b3, llrOf(c3, m, C));
        if (x4 * Math.abs(x4) * C > b4 * q) b4 = Math.max(b4, llrOf(c4, m, C));
        if (x5 * Math.abs(x5) * C > b5 * q) b5 = Math.max(b5, llrOf(c5, m, C));
        if (x6 * Math.abs(x6) * C > b6 * q) b6 = Math.max(b6, llrOf(c6, m, C));
        if (x7 * Math.abs(x7) * C > b7 * q) b7 = Math.max(b7, llrOf(c7, m, C));
      }
    }
  }
  out[at] = b0; out[at + 1] = b1; out[at + 2] = b2; out[at + 3] = b3;
  out[at + 4] = b4; out[at + 5] = b5; out[at + 6] = b6; out[at + 7] = b7;
}

/**
 * Maximum LLR of `count` permuted tables, replication j using seed `seedBase + j`: the periods of
 * the cases are shuffled among the cases (Fisher–Yates), which keeps every location's total and
 * every period's total, as the space-time permutation null requires. Tables are scanned BATCH at
 * a time (scanMaxima); a remainder one at a time (scanTable), with the same result.
 */
export function replicateMaxima(d: ScanKernelData, seedBase: number, first: number, count: number): Float64Array {
  const out = new Float64Array(count);
  const n = d.casePeriod.length;
  // Period labels in the narrowest array that holds them: the shuffle is memory-bound.
  const labels = d.T <= 256 ? new Uint8Array(n) : new Uint16Array(n);
  const observed = d.T <= 256 ? Uint8Array.from(d.casePeriod) : Uint16Array.from(d.casePeriod);
  const tables = Array.from({ length: BATCH }, () => new Int32Array(d.nLoc * d.T));
  const caseLoc = d.caseLoc;
  const T = d.T;
  const permute = (j: number, counts: Int32Array) => {
    // Each replication starts from the observed labels with its own seed, so the result does not
    // depend on how replications are split between workers or batches.
    labels.set(observed);
    let [a, b, c, e] = xoshiroState(seedBase * 1000003 + first + j);
    for (let i = n - 1; i > 0; i--) {
      // xoshiro128** step (as seededRng), inlined: this loop runs once per case per replication.
      const b5 = Math.imul(b, 5);
      const r = Math.imul((b5 << 7) | (b5 >>> 25), 9) >>> 0;
      const t = b << 9;
      c ^= a;
      e ^= b;
      b ^= c;
      a ^= e;
      c ^= t;
      e = (e << 11) | (e >>> 21);
      const k = Math.floor((r / 4294967296) * (i + 1));
      const tmp = labels[i];
      labels[i] = labels[k];
      labels[k] = tmp;
    }
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[caseLoc[i] * T + labels[i]]++;
  };
  let j = 0;
  for (; j + BATCH <= count; j += BATCH) {
    for (let k = 0; k < BATCH; k++) permute(j + k, tables[k]);
    scanMaxima(d, tables, out, j);
  }
  for (; j < count; j++) {
    permute(j, tables[0]);
    out[j] = scanTable(d, tables[0]).llr;
  }
  return out;
}
