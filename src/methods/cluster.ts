/**
 * Series from scored pairs, by agglomeration over the sparse graph of candidate pairs taken
 * strongest first. `average` linkage merges two groups when the mean linkage probability over every
 * pair between them is at least the threshold, so one strong coincidental pair cannot chain two
 * series together; `single` linkage merges on any one pair at or above the threshold (longer
 * series whose first and last crimes are far apart stay whole). bench:mo picks the linkage and the
 * threshold with the best series F1 on the training year.
 */

export const LINKAGES = ['average', 'single'] as const;
export type Linkage = (typeof LINKAGES)[number];

export interface ClusterOptions {
  /** Default average. */
  readonly linkage?: Linkage;
  /** Mean pair probability two groups need to merge. Default 0.5. */
  readonly threshold?: number;
  /** Smallest group reported as a series. Default 3. */
  readonly minSize?: number;
  /** Largest group; merges beyond it are refused. Default 60. */
  readonly maxSize?: number;
}

/**
 * Groups of item indices (each sorted), largest first. `a`, `b`, `p` are the scored candidate
 * pairs; `score(u, v)` gives the probability of any pair, so pairs blocking left out still count
 * at their own value when two groups are compared.
 */
export function averageLinkage(n: number, a: ArrayLike<number>, b: ArrayLike<number>, p: ArrayLike<number>, score: (u: number, v: number) => number, opts: ClusterOptions = {}): number[][] {
  const threshold = opts.threshold ?? 0.5, minSize = opts.minSize ?? 3, maxSize = opts.maxSize ?? 60;
  const edges: number[] = [];
  for (let k = 0; k < p.length; k++) if (p[k] >= threshold) edges.push(k);
  edges.sort((x, y) => p[y] - p[x]);
  const parent = new Int32Array(n).map((_, i) => i);
  const members = new Map<number, number[]>();
  const find = (x: number): number => { while (parent[x] !== x) { parent[x] = parent[parent[x]]; x = parent[x]; } return x; };
  const group = (r: number): number[] => members.get(r) ?? [r];
  for (const k of edges) {
    const ru = find(a[k]), rv = find(b[k]);
    if (ru === rv) continue;
    const A = group(ru), B = group(rv);
    if (A.length + B.length > maxSize) continue;
    if (opts.linkage !== 'single') {
      let sum = 0;
      for (const u of A) for (const v of B) sum += score(u, v);
      if (sum / (A.length * B.length) < threshold) continue;
    }
    parent[rv] = ru;
    members.set(ru, A.concat(B));
    members.delete(rv);
  }
  return [...members.values()].filter((g) => g.length >= minSize).map((g) => g.sort((x, y) => x - y)).sort((x, y) => y.length - x.length || x[0] - y[0]);
}
