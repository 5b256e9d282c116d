/**
 * Quantile of a discrete distribution given as value → count, by the inverse of the empirical
 * distribution function (Hyndman & Fan 1996 type 1, R's `quantile(x, p, type = 1)`, DuckDB's
 * `quantile_disc`): the smallest value v with F(v) ≥ p. Null when the counts sum to 0.
 */
export function quantileDiscrete(counts: ReadonlyMap<number, number> | ReadonlyArray<readonly [number, number]>, p: number): number | null {
  if (!(p >= 0 && p <= 1)) throw new Error(`quantileDiscrete: p = ${p} is not within [0, 1]`);
  const entries = [...counts].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
  const total = entries.reduce((s, [, n]) => s + n, 0);
  if (!total) return null;
  let cum = 0;
  for (const [v, n] of entries) {
    cum += n;
    if (cum >= p * total) return v;
  }
  return entries[entries.length - 1][0];
}
