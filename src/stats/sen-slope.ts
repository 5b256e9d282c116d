/**
 * Sen's slope (Sen 1968, "Estimates of the regression coefficient based on Kendall's tau", JASA
 * 63:1379–1389), as R's `trend::sens.slope`: the median of (x_j − x_i) / (j − i) over all pairs
 * i < j of non-missing values, j − i counted in steps of the series (months, for Peel's trends),
 * so a missing month keeps the spacing of the others. The median of an even number of slopes is
 * the mean of the middle two. Time basis: the index of `x`.
 */
export interface SenSlopeResult {
  /** Change per step of the series; null when fewer than two values are present. */
  readonly slope: number | null;
  /** Number of pairwise slopes used. */
  readonly pairs: number;
}

export function senSlope(x: ArrayLike<number>): SenSlopeResult {
  const slopes: number[] = [];
  for (let i = 0; i < x.length; i++) {
    const xi = x[i];
    if (Number.isNaN(xi)) continue;
    for (let j = i + 1; j < x.length; j++) {
      const xj = x[j];
      if (Number.isNaN(xj)) continue;
      slopes.push((xj - xi) / (j - i));
    }
  }
  if (!slopes.length) return { slope: null, pairs: 0 };
  slopes.sort((a, b) => a - b);
  const m = slopes.length >> 1;
  const slope = slopes.length % 2 ? slopes[m] : (slopes[m - 1] + slopes[m]) / 2;
  return { slope, pairs: slopes.length };
}
