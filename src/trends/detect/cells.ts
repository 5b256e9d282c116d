/**
 * H3 cells of a hot-spot family: their ring neighbours, the connected components of the flagged
 * ones (one detection each), and the Freeman–Tukey residual of a cell's count against its expectation.
 */
import { gridDisk } from 'h3-js';
import type { Neighbours } from '../gistar.ts';

/** Neighbour lists (k-ring 1) of a set of H3 cells, with a cache of gridDisk across families. */
export function ringNeighbours(cells: readonly string[], cache: Map<string, string[]>): Neighbours {
  const pos = new Map<string, number>();
  cells.forEach((c, i) => pos.set(c, i));
  const offsets = new Int32Array(cells.length + 1);
  const ids: number[] = [];
  cells.forEach((c, i) => {
    let ring = cache.get(c);
    if (!ring) (ring = gridDisk(c, 1)), cache.set(c, ring);
    for (const d of ring) {
      const j = pos.get(d);
      if (j !== undefined && j !== i) ids.push(j);
    }
    offsets[i + 1] = ids.length;
  });
  return { n: cells.length, offsets, ids: Int32Array.from(ids) };
}

/** Connected components of the flagged cells (ring adjacency). */
export function components(flagged: readonly number[], nb: Neighbours): number[][] {
  const on = new Set(flagged);
  const seen = new Set<number>();
  const out: number[][] = [];
  for (const s of flagged) {
    if (seen.has(s)) continue;
    const comp: number[] = [];
    const stack = [s];
    seen.add(s);
    while (stack.length) {
      const i = stack.pop()!;
      comp.push(i);
      for (let k = nb.offsets[i]; k < nb.offsets[i + 1]; k++) {
        const j = nb.ids[k];
        if (on.has(j) && !seen.has(j)) (seen.add(j), stack.push(j));
      }
    }
    out.push(comp.sort((a, b) => a - b));
  }
  return out;
}

/** Freeman–Tukey residual √y + √(y+1) − √(4e+1): close to standard normal for Poisson counts, even small ones. */
export function freemanTukey(y: number, e: number): number {
  return Math.sqrt(y) + Math.sqrt(y + 1) - Math.sqrt(4 * e + 1);
}
