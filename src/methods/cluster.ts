/**
 * Series from scored pairs: average-linkage agglomeration over the sparse graph of candidate
 * pairs. Pairs are taken strongest first; two groups merge when the mean linkage probability over
 * every pair between them is at least the threshold. Unlike single
 * linkage, one strong coincidental pair cannot chain two series together.
 */

export interface ClusterOptions {
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
    let sum = 0;
    for (const u of A) for (const v of B) sum += score(u, v);
    if (sum / (A.length * B.length) < threshold) continue;
    parent[rv] = ru;
    members.set(ru, A.concat(B));
    members.delete(rv);
  }
  return [...members.values()].filter((g) => g.length >= minSize).map((g) => g.sort((x, y) => x - y)).sort((x, y) => y.length - x.length || x[0] - y[0]);
}
