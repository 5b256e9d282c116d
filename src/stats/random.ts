/**
 * A small seeded pseudo-random generator (xoshiro128**, Blackman & Vigna 2018) so that every
 * permutation test and Monte Carlo replication in Peel is reproducible from its seed.
 */

/** A stream of uniform numbers in [0, 1) and integers, fixed by its seed. */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
}

/** The four 32-bit words of xoshiro128** state for a seed (splitmix32), for hot loops that inline the step. */
export function xoshiroState(seed: number): [number, number, number, number] {
  let x = (Math.trunc(seed) >>> 0) ^ 0x9e3779b9;
  const split = (): number => {
    x = (x + 0x9e3779b9) >>> 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  return [split(), split(), split(), split()];
}

/** xoshiro128** seeded through splitmix32 from any integer seed. */
export function seededRng(seed: number): Rng {
  let [a, b, c, d] = xoshiroState(seed);
  const u32 = (): number => {
    const r = Math.imul(rotl(Math.imul(b, 5) >>> 0, 7), 9) >>> 0;
    const t = (b << 9) >>> 0;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return r;
  };
  return {
    next: () => u32() / 4294967296,
    int: (n: number) => Math.floor((u32() / 4294967296) * n),
  };
}

function rotl(v: number, k: number): number {
  return ((v << k) | (v >>> (32 - k))) >>> 0;
}
