/**
 * Candidate pairs for crime linkage, blocked so a national year can be compared: two crimes are a
 * candidate pair only when they are of the same category, at most `windowDays` apart, at most
 * `radiusKm` apart (or either lacks coordinates), and share at least `minShared` values of the
 * distinctive method features (entry point, entry method, approach, tools or weapons, property,
 * vehicle, victim). Force borders play no part. On the generator's series the defaults (60 days,
 * 25 km, 2 values) keep about 95% of true pairs (bench:mo reports the share).
 */
import { METHOD_FEATURES, type MethodFeature } from '../standard/index.ts';
import { encodeFeatures, FEATURE_COUNT, popcount } from './encode.ts';
import type { MethodFeatures } from './extract.ts';

/** One crime as linkage reads it. */
export interface MethodRecord {
  readonly record_id: string;
  readonly force_id: string;
  readonly category: string | null;
  /** ISO 8601, UTC. */
  readonly occurred_at: string;
  readonly lon: number | null;
  readonly lat: number | null;
  readonly features: Partial<MethodFeatures>;
}

export interface LinkageWindow {
  /** Longest time between two crimes of a pair, days. Default 60. */
  readonly windowDays?: number;
  /** Longest distance between two crimes of a pair, km. Default 25. */
  readonly radiusKm?: number;
  /** Fewest values of the blocking features a pair must share. Default 2. */
  readonly minShared?: number;
}

/** Features a candidate pair must share a value of. */
export const BLOCKING_FEATURES: readonly MethodFeature[] = ['entry_point', 'entry_method', 'approach', 'tools_weapons', 'property', 'vehicle', 'victim'];
const BLOCK_IDX = BLOCKING_FEATURES.map((f) => METHOD_FEATURES.indexOf(f));

/** Records encoded for linkage, sorted by time. */
export interface EncodedSet {
  readonly records: readonly MethodRecord[];
  /** Index into `records` of the i-th crime in time order. */
  readonly order: Uint32Array;
  /** Per crime in time order: FEATURE_COUNT words each. */
  readonly words: Uint32Array;
  /** Days since 1970 (fractional), longitude and latitude (NaN when unknown), category code. */
  readonly t: Float64Array;
  readonly lon: Float64Array;
  readonly lat: Float64Array;
  readonly cat: Int32Array;
  /**
   * Rarity of each value within its category: for category c, feature f and value bit v,
   * `rarity[c][f * 32 + v]` = ln(crimes of c / crimes of c with that value) (0 when none has it).
   */
  readonly rarity: readonly Float64Array[];
}

export function encodeSet(records: readonly MethodRecord[]): EncodedSet {
  const n = records.length;
  const t0 = records.map((r, i) => {
    const ms = Date.parse(r.occurred_at);
    if (Number.isNaN(ms)) throw new Error(`methods: record ${r.force_id}/${r.record_id}: occurred_at "${r.occurred_at}" is not a timestamp`);
    return { i, t: ms / 86_400_000 };
  }).sort((a, b) => a.t - b.t);
  const order = new Uint32Array(t0.map((x) => x.i));
  const words = new Uint32Array(n * FEATURE_COUNT);
  const t = new Float64Array(n), lon = new Float64Array(n), lat = new Float64Array(n), cat = new Int32Array(n);
  const cats = new Map<string, number>();
  for (let k = 0; k < n; k++) {
    const r = records[order[k]];
    encodeFeatures(r.features, words, k * FEATURE_COUNT);
    t[k] = t0[k].t;
    lon[k] = r.lon ?? NaN;
    lat[k] = r.lat ?? NaN;
    let c = cats.get(r.category ?? '');
    if (c === undefined) { c = cats.size; cats.set(r.category ?? '', c); }
    cat[k] = r.category === null ? -1 : c;
  }
  const rarity: Float64Array[] = [];
  const totals: number[] = [];
  for (let c = 0; c < cats.size; c++) { rarity.push(new Float64Array(FEATURE_COUNT * 32)); totals.push(0); }
  for (let k = 0; k < n; k++) {
    if (cat[k] < 0) continue;
    totals[cat[k]]++;
    const r = rarity[cat[k]];
    for (let f = 0; f < FEATURE_COUNT; f++) for (let w = words[k * FEATURE_COUNT + f]; w !== 0; w &= w - 1) r[f * 32 + (31 - Math.clz32(w & -w))]++;
  }
  rarity.forEach((r, c) => { for (let i = 0; i < r.length; i++) r[i] = r[i] > 0 ? Math.log(totals[c] / r[i]) : 0; });
  return { records, order, words, t, lon, lat, cat, rarity };
}

/** Candidate pairs (indices in time order, a < b) with their distance (km, NaN when unknown) and time apart (days). */
export interface CandidatePairs {
  readonly count: number;
  readonly a: Uint32Array;
  readonly b: Uint32Array;
  readonly km: Float32Array;
  readonly days: Float32Array;
}

const RAD = Math.PI / 180;

/** Distance in km by the equirectangular approximation (under 0.1% off at these ranges). */
export function kmBetween(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const x = (lon2 - lon1) * RAD * Math.cos(((lat1 + lat2) / 2) * RAD), y = (lat2 - lat1) * RAD;
  return 6371 * Math.sqrt(x * x + y * y);
}

/** Grid cells for blocking: about 0.3° of latitude (33 km, above the largest radius used). */
function cellOf(lon: number, lat: number, size: number): [number, number] {
  // A degree of longitude is at least 0.56 of a degree of latitude up to 56°N (all of England and Wales).
  return [Math.floor(lon / (size * 1.8)), Math.floor(lat / size)];
}

export function candidatePairs(set: EncodedSet, w: LinkageWindow = {}): CandidatePairs {
  const windowDays = w.windowDays ?? 60, radius = w.radiusKm ?? 25, minShared = w.minShared ?? 2;
  const n = set.t.length;
  let cap = 1 << 16, count = 0;
  let a = new Uint32Array(cap), b = new Uint32Array(cap), km = new Float32Array(cap), days = new Float32Array(cap);
  const grow = (): void => {
    cap *= 2;
    const a2 = new Uint32Array(cap); a2.set(a); a = a2;
    const b2 = new Uint32Array(cap); b2.set(b); b = b2;
    const k2 = new Float32Array(cap); k2.set(km); km = k2;
    const d2 = new Float32Array(cap); d2.set(days); days = d2;
  };
  const { words, t, lon, lat, cat } = set;
  const size = Math.max(0.05, radius / 111.2);
  // Crimes by category and grid cell, each list in time order; crimes without coordinates in cell "none", compared with every cell.
  const cells = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    if (cat[i] < 0) continue;
    const key = Number.isNaN(lat[i]) ? `${cat[i]}:none` : (() => { const [x, y] = cellOf(lon[i], lat[i], size); return `${cat[i]}:${x}:${y}`; })();
    const l = cells.get(key);
    if (l) l.push(i); else cells.set(key, [i]);
  }
  const consider = (i: number, j: number): void => {
    // i earlier than (or at the same time as) j in time order.
    const dt = t[j] - t[i];
    let d = NaN;
    if (!Number.isNaN(lat[i]) && !Number.isNaN(lat[j])) {
      d = kmBetween(lon[i], lat[i], lon[j], lat[j]);
      if (d > radius) return;
    }
    const wi = i * FEATURE_COUNT, wj = j * FEATURE_COUNT;
    let shared = 0;
    for (let k = 0; k < BLOCK_IDX.length && shared < minShared; k++) shared += popcount(words[wi + BLOCK_IDX[k]] & words[wj + BLOCK_IDX[k]]);
    if (shared < minShared) return;
    if (count === cap) grow();
    a[count] = i; b[count] = j; km[count] = d; days[count] = dt;
    count++;
  };
  /** Pairs between two time-ordered lists (or within one), at most windowDays apart. */
  const scan = (p: number[], q: number[], same: boolean): void => {
    let lo = 0;
    for (let x = 0; x < p.length; x++) {
      const i = p[x];
      if (same) {
        for (let y = x + 1; y < p.length && t[p[y]] - t[i] <= windowDays; y++) consider(i, p[y]);
        continue;
      }
      while (lo < q.length && t[q[lo]] < t[i] - windowDays) lo++;
      for (let y = lo; y < q.length && t[q[y]] <= t[i] + windowDays; y++) {
        const j = q[y];
        if (j < i) consider(j, i); else consider(i, j);
      }
    }
  };
  for (const [key, list] of cells) {
    const [c, x0, y0] = key.split(':');
    if (x0 === 'none') {
      scan(list, list, true);
      for (const [k2, other] of cells) if (k2 !== key && k2.startsWith(`${c}:`)) scan(list, other, false);
      continue;
    }
    const x = Number(x0), y = Number(y0);
    scan(list, list, true);
    // Each neighbouring cell once: the four "after" this one in (x, y) order.
    for (const [dx, dy] of [[1, -1], [1, 0], [1, 1], [0, 1]]) {
      const other = cells.get(`${c}:${x + dx}:${y + dy}`);
      if (other) scan(list, other, false);
    }
  }
  return { count, a: a.subarray(0, count), b: b.subarray(0, count), km: km.subarray(0, count), days: days.subarray(0, count) };
}
