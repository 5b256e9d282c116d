/**
 * Jaro and Jaro–Winkler similarity of two strings, in [0, 1] (1: identical).
 *
 * Jaro (1989): with m matching characters (equal and no further apart than
 * ⌊max(|a|,|b|)/2⌋ − 1) and t half the number of matched characters out of order,
 * jaro = (m/|a| + m/|b| + (m − t)/m) / 3, and 0 when m = 0.
 * Winkler (1990): jw = jaro + ℓ·p·(1 − jaro), with ℓ the common prefix length up to 4 and
 * p = 0.1. Two empty strings are identical (1). Compared by UTF-16 code unit, case-sensitive:
 * callers normalise first. Same definition as Splink's `jaro_winkler_similarity` (DuckDB) and
 * the `jellyfish` Python package.
 */
export function jaroSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) return 0;
  const range = Math.max(0, (Math.max(la, lb) >> 1) - 1);
  // Bit sets for short strings (the usual case), arrays otherwise.
  const matchedB = lb <= 32 ? null : new Uint8Array(lb);
  let maskB = 0;
  const matchedA = la <= 32 ? null : new Uint8Array(la);
  let maskA = 0;
  let m = 0;
  for (let i = 0; i < la; i++) {
    const lo = Math.max(0, i - range);
    const hi = Math.min(lb - 1, i + range);
    const c = a.charCodeAt(i);
    for (let j = lo; j <= hi; j++) {
      const used = matchedB ? matchedB[j] === 1 : (maskB & (1 << j)) !== 0;
      if (used || b.charCodeAt(j) !== c) continue;
      if (matchedB) matchedB[j] = 1;
      else maskB |= 1 << j;
      if (matchedA) matchedA[i] = 1;
      else maskA |= 1 << i;
      m++;
      break;
    }
  }
  if (m === 0) return 0;
  let t = 0;
  let k = 0;
  for (let i = 0; i < la; i++) {
    const isA = matchedA ? matchedA[i] === 1 : (maskA & (1 << i)) !== 0;
    if (!isA) continue;
    while (!(matchedB ? matchedB[k] === 1 : (maskB & (1 << k)) !== 0)) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) t++;
    k++;
  }
  return (m / la + m / lb + (m - t / 2) / m) / 3;
}

/** Jaro–Winkler similarity (prefix scale 0.1, prefix up to 4 characters); see `jaroSimilarity`. */
export function jaroWinklerSimilarity(a: string, b: string): number {
  const j = jaroSimilarity(a, b);
  if (j === 1) return 1;
  let l = 0;
  const max = Math.min(4, a.length, b.length);
  while (l < max && a.charCodeAt(l) === b.charCodeAt(l)) l++;
  return j + l * 0.1 * (1 - j);
}

/**
 * Whether two strings are within one edit (insertion, deletion, substitution, or transposition of
 * two adjacent characters: optimal string alignment distance ≤ 1). Linear time.
 */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // substitution
    return i + 1 < la && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}
