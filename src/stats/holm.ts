/**
 * Holm's step-down adjustment (Holm 1979, Scand. J. Statist. 6:65–70), exactly R's
 * `p.adjust(p, method = "holm")`: with the m non-missing p-values in increasing order
 * p₍₁₎ ≤ … ≤ p₍ₘ₎, the adjusted value of p₍ᵢ₎ is max_{j ≤ i} min(1, (m − j + 1)·p₍ⱼ₎). Rejecting where
 * the adjusted value is ≤ α controls the family-wise error rate (the chance of any false rejection)
 * at α under any dependence. Missing values (NaN) stay missing and do not count in m. `n` (default m)
 * is the family's size when the n − m members not given are known to have p = 1.
 */
import { PeelError } from '../standard/index.ts';

export function holm(p: ArrayLike<number>, n?: number): number[] {
  const idx: number[] = [];
  for (let i = 0; i < p.length; i++) {
    const pi = p[i];
    if (Number.isNaN(pi)) continue;
    if (typeof pi !== 'number' || pi < 0 || pi > 1) throw new PeelError('bad_input', `holm: p-value ${i + 1} = ${String(pi)} is not in [0, 1]`);
    idx.push(i);
  }
  if (n !== undefined && !(Number.isInteger(n) && n >= idx.length)) throw new Error(`holm: n = ${n} is below the ${idx.length} p-values given`);
  const m = n ?? idx.length;
  const out = new Array<number>(p.length).fill(NaN);
  idx.sort((a, b) => p[a] - p[b] || a - b);
  let running = 0;
  for (let r = 0; r < idx.length; r++) {
    const i = idx[r];
    running = Math.max(running, Math.min(1, (m - r) * p[i]));
    out[i] = running;
  }
  return out;
}
