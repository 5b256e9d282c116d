/**
 * Clusters: connected components of the pairs at or above the threshold, with a check against
 * chaining. A chain (A~B, B~C, but A and C scored as clearly different) would put two people in
 * one cluster; such a component is cut again with stricter thresholds until no pair inside it was
 * scored below `conflictBelow`, or the strictest threshold is reached (then it stays flagged).
 */

function find(parent: Int32Array, x: number): number {
  while (parent[x] !== x) {
    parent[x] = parent[parent[x]];
    x = parent[x];
  }
  return x;
}

export interface Clustering {
  /** Cluster number per record, 0-based, in order of first record. */
  readonly clusterOf: Int32Array;
  readonly clusters: number;
  /** Clusters of two records or more. */
  readonly multi: number;
  /** Components that held a chained conflict and were cut with stricter thresholds. */
  readonly chainedSplit: number;
  /** Components still holding a conflicting pair at the strictest threshold. */
  readonly chainedLeft: number;
}

export interface ClusterOptions {
  /** A pair scored below this inside one cluster is a conflict. Default 0.01. */
  readonly conflictBelow?: number;
  /** Thresholds tried, in order, on conflicted components. */
  readonly stricter?: readonly number[];
}

/** Clusters records 0..n-1 from the scored pairs (`a[k]`, `b[k]`, `p[k]` the match probability). */
export function clusterPairs(n: number, a: Int32Array, b: Int32Array, p: Float64Array, threshold: number, o: ClusterOptions = {}): Clustering {
  const conflictBelow = o.conflictBelow ?? 0.01;
  const stricter = (o.stricter ?? [0.99, 0.999, 0.9999, 0.99999]).filter((t) => t > threshold);
  // cut[x] > 0: record x lies in a conflicted component, clustered at threshold cut[x].
  const cut = new Float64Array(n);
  let parent = components(n, a, b, p, threshold, cut);
  let conflicted = conflicts(parent, a, b, p, conflictBelow);
  const chainedSplit = conflicted.size;
  for (const t of stricter) {
    if (!conflicted.size) break;
    for (let x = 0; x < n; x++) if (conflicted.has(find(parent, x))) cut[x] = t;
    parent = components(n, a, b, p, threshold, cut);
    conflicted = conflicts(parent, a, b, p, conflictBelow);
  }
  const clusterOf = new Int32Array(n).fill(-1);
  const idOfRoot = new Int32Array(n).fill(-1);
  const size = new Int32Array(n);
  let clusters = 0;
  for (let x = 0; x < n; x++) {
    const r = find(parent, x);
    if (idOfRoot[r] < 0) idOfRoot[r] = clusters++;
    clusterOf[x] = idOfRoot[r];
    size[idOfRoot[r]]++;
  }
  let multi = 0;
  for (let c = 0; c < clusters; c++) if (size[c] > 1) multi++;
  return { clusterOf, clusters, multi, chainedSplit, chainedLeft: conflicted.size };
}

function components(n: number, a: Int32Array, b: Int32Array, p: Float64Array, threshold: number, cut: Float64Array): Int32Array {
  const parent = new Int32Array(n);
  for (let x = 0; x < n; x++) parent[x] = x;
  for (let k = 0; k < a.length; k++) {
    const t = Math.max(threshold, cut[a[k]], cut[b[k]]);
    if (p[k] < t) continue;
    const ra = find(parent, a[k]);
    const rb = find(parent, b[k]);
    if (ra !== rb) parent[ra] = rb;
  }
  return parent;
}

function conflicts(parent: Int32Array, a: Int32Array, b: Int32Array, p: Float64Array, below: number): Set<number> {
  const out = new Set<number>();
  for (let k = 0; k < a.length; k++) {
    if (p[k] >= below) continue;
    const r = find(parent, a[k]);
    if (r === find(parent, b[k])) out.add(r);
  }
  return out;
}
