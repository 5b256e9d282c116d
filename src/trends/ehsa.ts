/**
 * Emerging hot spot analysis on a space-time cube of H3 cells, after Esri's ArcGIS Pro tool
 * "Emerging Hot Spot Analysis" (documentation: "How Emerging Hot Spot Analysis works"):
 *
 * 1. Every bin (cell c, period t) gets a Getis–Ord Gi* z-score (see `localG`) over its space-time
 *    neighbourhood: the cells of the k-ring `gridDisk(c, k)` that are in the cube, at periods
 *    t − timeLag … t (the bin itself included), binary weights, with the mean and variance taken
 *    over all bins of the cube.
 * 2. Two-sided normal p-values are corrected for multiple testing with the Benjamini–Hochberg
 *    false discovery rate over all bins; a bin is a significant hot (cold) spot when its adjusted
 *    p < `alpha` and z > 0 (z < 0).
 * 3. Each cell's z series gets a Mann–Kendall trend test (significant at `alpha`).
 * 4. Each cell gets one of the 17 classes of the ArcGIS Pro documentation (`classifyEmergingHotSpot`).
 *
 * Where R's `sfdep::emerging_hotspot_analysis` differs (it decides bin significance from
 * conditional-permutation pseudo p-values, and its classification rules are its own reading of
 * Esri's text), Peel follows Esri; see docs/trends.md#emerging-hot-spots.
 */
import { gridDisk, isValidCell } from 'h3-js';
import { PeelError } from '../standard/index.ts';
import { localG, type Neighbours } from './gistar.ts';
import { benjaminiHochberg } from '../stats/index.ts';
import { mannKendall } from '../stats/index.ts';
import { pnorm } from '../stats/index.ts';

export const EHSA_CLASSES = [
  'new hot spot',
  'consecutive hot spot',
  'intensifying hot spot',
  'persistent hot spot',
  'diminishing hot spot',
  'sporadic hot spot',
  'oscillating hot spot',
  'historical hot spot',
  'new cold spot',
  'consecutive cold spot',
  'intensifying cold spot',
  'persistent cold spot',
  'diminishing cold spot',
  'sporadic cold spot',
  'oscillating cold spot',
  'historical cold spot',
  'no pattern',
] as const;
export type EhsaClass = (typeof EHSA_CLASSES)[number];

/** Counts per H3 cell and period: `counts[c * periods + t]`. */
export interface SpaceTimeCube {
  readonly cells: readonly string[];
  readonly periods: number;
  readonly counts: ArrayLike<number>;
}

export interface EhsaOptions {
  /** k-ring size of the spatial neighbourhood. Default 1. */
  readonly k?: number;
  /** Earlier periods in the neighbourhood (sfdep's `k` of `spt_nb`). Default 1. */
  readonly timeLag?: number;
  /** Significance level for bins (after FDR) and for the trend test. Default 0.05. */
  readonly alpha?: number;
  /** Share of periods that makes a hot spot persistent/intensifying/diminishing/historical. Default 0.9. */
  readonly persistence?: number;
}

export type TrendDirection = 'up' | 'down' | 'none';

export interface EhsaCell {
  readonly cell: string;
  readonly class: EhsaClass;
  /** Gi* z per period. */
  readonly z: number[];
  /** +1 significant hot, −1 significant cold, 0 neither, per period. */
  readonly significance: (1 | -1 | 0)[];
  /** Mann–Kendall on the z series. */
  readonly trendTau: number | null;
  readonly trendP: number | null;
  readonly trend: TrendDirection;
}

/**
 * The ArcGIS Pro class of one location from its per-period significance (+1 hot, −1 cold, 0) and the
 * direction of its significant Mann–Kendall trend in z. With T periods, H hot and C cold:
 * - final period hot:
 *   - H ≥ 0.9·T: intensifying (trend up), diminishing (trend down), else persistent;
 *   - otherwise: oscillating if any earlier period was cold; new if no earlier period was hot;
 *     consecutive if the final run of hot periods is at least 2 long and nothing was hot before it;
 *     else sporadic (on-again, off-again, never cold);
 * - final period cold: the same, mirrored (intensifying cold = z trending down);
 * - final period neither: historical hot (cold) spot when H ≥ 0.9·T (C ≥ 0.9·T), else no pattern.
 * The final period decides the side first, so a location hot for years that turns cold is an
 * oscillating cold spot, not a historical hot spot.
 */
export function classifyEmergingHotSpot(sig: readonly (1 | -1 | 0)[], trend: TrendDirection, persistence = 0.9): EhsaClass {
  const T = sig.length;
  if (T === 0) return 'no pattern';
  const side = (s: 1 | -1, up: TrendDirection, name: 'hot' | 'cold'): EhsaClass | null => {
    const count = sig.filter((v) => v === s).length;
    const final = sig[T - 1] === s;
    const mostly = count >= persistence * T;
    if (final) {
      if (mostly) {
        if (trend === up) return `intensifying ${name} spot`;
        if (trend !== 'none') return `diminishing ${name} spot`;
        return `persistent ${name} spot`;
      }
      if (sig.slice(0, T - 1).some((v) => v === -s)) return `oscillating ${name} spot`;
      if (count === 1) return `new ${name} spot`;
      let run = 0;
      while (run < T && sig[T - 1 - run] === s) run++;
      if (run >= 2 && run === count) return `consecutive ${name} spot`;
      return `sporadic ${name} spot`;
    }
    if (mostly) return `historical ${name} spot`;
    return null;
  };
  if (sig[T - 1] === 1) return side(1, 'up', 'hot') ?? 'no pattern';
  if (sig[T - 1] === -1) return side(-1, 'down', 'cold') ?? 'no pattern';
  return side(1, 'up', 'hot') ?? side(-1, 'down', 'cold') ?? 'no pattern';
}

/** Space-time neighbour lists of a cube's bins (bin = c·T + t), the bin itself excluded. */
export function spaceTimeNeighbours(cube: SpaceTimeCube, k: number, timeLag: number): Neighbours {
  const { cells, periods: T } = cube;
  const pos = new Map<string, number>();
  cells.forEach((c, i) => {
    if (!isValidCell(c)) throw new PeelError('bad_input', `cell ${i + 1} "${c}" is not an H3 cell index`);
    if (pos.has(c)) throw new PeelError('bad_input', `cell "${c}" appears twice in the cube`);
    pos.set(c, i);
  });
  const ring: number[][] = cells.map((c) => gridDisk(c, k).map((d) => pos.get(d)).filter((j): j is number => j !== undefined).sort((a, b) => a - b));
  const n = cells.length * T;
  const offsets = new Int32Array(n + 1);
  const ids: number[] = [];
  for (let c = 0; c < cells.length; c++)
    for (let t = 0; t < T; t++) {
      for (const j of ring[c])
        for (let u = Math.max(0, t - timeLag); u <= t; u++) {
          const bin = j * T + u;
          if (bin !== c * T + t) ids.push(bin);
        }
      offsets[c * T + t + 1] = ids.length;
    }
  return { n, offsets, ids: Int32Array.from(ids) };
}

/** Emerging hot spot analysis of a cube (see the module comment). One result per cell, in cube order. */
export function emergingHotSpots(cube: SpaceTimeCube, opts: EhsaOptions = {}): EhsaCell[] {
  const k = opts.k ?? 1;
  const timeLag = opts.timeLag ?? 1;
  const alpha = opts.alpha ?? 0.05;
  const persistence = opts.persistence ?? 0.9;
  const T = cube.periods;
  if (!Number.isInteger(k) || k < 0) throw new PeelError('bad_input', `k = ${k} must be a whole number ≥ 0`);
  if (!Number.isInteger(timeLag) || timeLag < 0) throw new PeelError('bad_input', `time lag ${timeLag} must be a whole number ≥ 0`);
  if (!(alpha > 0 && alpha < 1)) throw new PeelError('bad_input', `alpha = ${alpha} must be in (0, 1)`);
  if (!Number.isInteger(T) || T < 1) throw new PeelError('bad_input', `the cube needs at least one period (got ${T})`);
  if (cube.counts.length !== cube.cells.length * T)
    throw new Error(`emergingHotSpots: ${cube.counts.length} counts for ${cube.cells.length} cells × ${T} periods`);
  const nb = spaceTimeNeighbours(cube, k, timeLag);
  const { z } = localG(cube.counts, nb, { star: true, style: 'B' });
  const p = z.map((zi) => (zi === null ? NaN : 2 * pnorm(Math.abs(zi), 0, 1, false)));
  const adj = benjaminiHochberg(p);
  return cube.cells.map((cell, c) => {
    const zs: number[] = [];
    const sig: (1 | -1 | 0)[] = [];
    for (let t = 0; t < T; t++) {
      const zi = z[c * T + t];
      zs.push(zi ?? NaN);
      const a = adj[c * T + t];
      sig.push(zi !== null && a < alpha ? (zi > 0 ? 1 : -1) : 0);
    }
    const mk = mannKendall(zs);
    const trend: TrendDirection = mk.p !== null && mk.p < alpha ? (mk.S > 0 ? 'up' : 'down') : 'none';
    return { cell, class: classifyEmergingHotSpot(sig, trend, persistence), z: zs, significance: sig, trendTau: mk.tauB, trendP: mk.p, trend };
  });
}
