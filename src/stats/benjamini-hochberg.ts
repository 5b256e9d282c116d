/**
 * Benjamini–Hochberg false discovery rate adjustment (Benjamini & Hochberg 1995, JRSS B
 * 57:289–300), exactly R's `p.adjust(p, method = "BH")`: with the m non-missing p-values in
 * increasing order p₍₁₎ ≤ … ≤ p₍ₘ₎, the adjusted value of p₍ᵢ₎ is min_{j ≥ i} min(1, m·p₍ⱼ₎ / j).
 * Missing values (NaN) stay missing and do not count in m. Output is in input order.
 * `n` (default m) is R's `n` argument: the family's size when the n − m members not given are
 * known to have p = 1 (they would only take the top ranks), so they need not be materialised.
 */
import { PeelError } from '../standard/index.ts';

export function benjaminiHochberg(p: ArrayLike<number>, n?: number): number[] {
  const idx: number[] = [];
  for (let i = 0; i < p.length; i++) {
    const pi = p[i];
    if (Number.isNaN(pi)) continue;
    if (typeof pi !== 'number' || pi < 0 || pi > 1) throw new PeelError('bad_input', `benjamini-hochberg: p-value ${i + 1} = ${String(pi)} is not in [0, 1]`);
    idx.push(i);
  }
  if (n !== undefined && !(Number.isInteger(n) && n >= idx.length)) throw new Error(`benjaminiHochberg: n = ${n} is below the ${idx.length} p-values given`);
  const m = n ?? idx.length;
  const out = new Array<number>(p.length).fill(NaN);
  // R orders decreasing and takes cummin of m/i·p; a stable sort keeps its tie order.
  idx.sort((a, b) => p[b] - p[a] || a - b);
  let running = Infinity;
  for (let r = 0; r < idx.length; r++) {
    const i = idx[r];
    const rank = idx.length - r;
    running = Math.min(running, (m / rank) * p[i]);
    out[i] = Math.min(1, running);
  }
  return out;
}
