/**
 * The hot loop of the space-time permutation scan: evaluate every prospective cylinder on one
 * table of counts, and produce the maximum log-likelihood ratio of permuted tables. Kept free of
 * imports beyond the generator so a worker thread can load it cheaply. See ./scan.ts.
 */
import { xoshiroState } from './random.ts';

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

/**
 * Maximum LLR of `count` permuted tables, replication j using seed `seedBase + j`: the periods of
 * the cases are shuffled among the cases (Fisher–Yates), which keeps every location's total and
 * every period's total, as the space-time permutation null requires.
 */
export function replicateMaxima(d: ScanKernelData, seedBase: number, first: number, count: number): Float64Array {
  const out = new Float64Array(count);
  const n = d.casePeriod.length;
  // Period labels in the narrowest array that holds them: the shuffle is memory-bound.
  const labels = d.T <= 256 ? new Uint8Array(n) : new Uint16Array(n);
  const observed = d.T <= 256 ? Uint8Array.from(d.casePeriod) : Uint16Array.from(d.casePeriod);
  const counts = new Int32Array(d.nLoc * d.T);
  const caseLoc = d.caseLoc;
  const T = d.T;
  for (let j = 0; j < count; j++) {
    // Each replication starts from the observed labels with its own seed, so the result does not
    // depend on how replications are split between workers.
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
    out[j] = scanTable(d, counts).llr;
  }
  return out;
}
