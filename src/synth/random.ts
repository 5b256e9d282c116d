/**
 * The generator's seeded pseudo-random numbers: sfc32 (Chris Doty-Humphrey's Small Fast Counting
 * generator, 128-bit state, passes PractRand to 2^40+), seeded through a 32-bit string hash so
 * every stream (one per force and purpose) is independent of the others and of the order they are
 * used in. No Math.random, no clock: the same seed gives the same numbers on every machine.
 */

/** A seeded random stream. */
export interface Rng {
  /** Uniform on [0, 1). */
  next(): number;
  /** Uniform integer on [0, n). */
  int(n: number): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
  /** Poisson with mean `mean` (Knuth below 30, rounded normal approximation above). */
  poisson(mean: number): number;
  /** A 64-hex-digit string (256 random bits), like a data.police.uk Crime ID. */
  hex64(): string;
}

/** FNV-1a 32-bit hash of a string. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** A random stream for (seed, key): the same pair always gives the same stream. */
export function createRng(seed: number, key: string): Rng {
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new Error(`seed must be an integer 0..4294967295, got ${seed}`);
  let a = fnv1a(`a:${key}`) ^ seed;
  let b = fnv1a(`b:${key}`);
  let c = fnv1a(`c:${key}`) ^ Math.imul(seed, 0x9e3779b1);
  let d = 1;
  const u32 = (): number => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    const t = (a + b + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 15; i++) u32();
  let spare: number | null = null;
  const next = (): number => u32() / 4294967296;
  const normal = (): number => {
    if (spare !== null) { const s = spare; spare = null; return s; }
    let u = next();
    while (u === 0) u = next();
    const v = next();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    normal,
    poisson(mean) {
      if (!(mean > 0)) return 0;
      if (mean < 30) {
        const L = Math.exp(-mean);
        let k = 0, p = next();
        while (p > L) { k++; p *= next(); }
        return k;
      }
      return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal()));
    },
    hex64() {
      let s = '';
      for (let i = 0; i < 8; i++) {
        const x = u32();
        s += HEX[x >>> 24]! + HEX[(x >>> 16) & 255]! + HEX[(x >>> 8) & 255]! + HEX[x & 255]!;
      }
      return s;
    },
  };
}

/** Draws an index from a cumulative-weight array (last entry = total) by binary search. */
export function pickCumulative(cum: ArrayLike<number>, u: number): number {
  const target = u * cum[cum.length - 1]!;
  let lo = 0, hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cum[mid]! > target) hi = mid; else lo = mid + 1;
  }
  return lo;
}

/** Draws from a small `[value, weight]` table (weights need not sum to 1). */
export function pickWeighted<T>(table: ReadonlyArray<readonly [T, number]>, u: number): T {
  let total = 0;
  for (const [, w] of table) total += w;
  let x = u * total;
  for (const [v, w] of table) {
    x -= w;
    if (x < 0) return v;
  }
  return table[table.length - 1]![0];
}

/** A drawer over a fixed `[value, weight]` table: the cumulative weights are computed once. */
export function weightedPicker<T>(table: ReadonlyArray<readonly [T, number]>): (u: number) => T {
  const values = table.map(([v]) => v);
  const cum = new Float64Array(table.length);
  table.reduce((s, [, w], i) => (cum[i] = s + w), 0);
  return (u) => values[pickCumulative(cum, u)]!;
}
