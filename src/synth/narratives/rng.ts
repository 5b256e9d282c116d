/**
 * A small seeded PRNG (sfc32, seeded through splitmix32) for the narrative generator. Each record
 * draws from its own stream derived from (seed, record index, attempt), so any record can be
 * regenerated on its own (duplicates re-render their original) and output never depends on order.
 */

/** splitmix32 step: a well-mixed 32-bit hash of a 32-bit input. */
export function mix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** Derives a stream seed from a base seed and up to three integers. */
export function deriveSeed(seed: number, a: number, b = 0, c = 0): number {
  let h = mix32(seed >>> 0);
  h = mix32((h ^ (a >>> 0)) >>> 0);
  h = mix32((h ^ Math.floor(a / 4294967296) ^ (b >>> 0)) >>> 0);
  return mix32((h ^ (c >>> 0)) >>> 0);
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    this.a = mix32(seed >>> 0);
    this.b = mix32(this.a ^ 0x6a09e667);
    this.c = mix32(this.b ^ 0xbb67ae85);
    this.d = 1;
    for (let i = 0; i < 12; i++) this.u32();
  }

  /** Next unsigned 32-bit integer. */
  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.u32() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Uniform integer in [lo, hi], both inclusive. */
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(xs: readonly T[]): T {
    if (xs.length === 0) throw new Error('Rng.pick: empty list');
    return xs[this.int(xs.length)];
  }

  /** Index drawn with probability proportional to `weights[i]`. */
  weighted(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let r = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i];
      if (r < 0) return i;
    }
    return weights.length - 1;
  }

  /** Index drawn from a table made by `cumulative` (binary search; for hot, fixed weights). */
  fromTable(cum: readonly number[]): number {
    const r = this.next() * cum[cum.length - 1];
    let lo = 0, hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (r < cum[mid]) hi = mid; else lo = mid + 1;
    }
    return lo;
  }

  /** `k` distinct items from `xs` (fewer when `xs` is shorter), in random order. */
  sample<T>(xs: readonly T[], k: number): T[] {
    const pool = xs.slice();
    const out: T[] = [];
    while (out.length < k && pool.length > 0) out.push(pool.splice(this.int(pool.length), 1)[0]);
    return out;
  }

  /** A string of `n` characters drawn from `alphabet`. */
  chars(alphabet: string, n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[this.int(alphabet.length)];
    return s;
  }

  digits(n: number): string {
    return this.chars('0123456789', n);
  }
}

/** Running totals of `weights`, for `Rng.fromTable`. */
export function cumulative(weights: readonly number[]): number[] {
  const out: number[] = [];
  let t = 0;
  for (const w of weights) { t += w; out.push(t); }
  return out;
}
