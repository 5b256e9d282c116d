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
  // Crimes of each category in time order, so the window scan skips other categories.
  const byCat = new Map<number, number[]>();
  for (let i = 0; i < n; i++) { if (cat[i] < 0) continue; const l = byCat.get(cat[i]); if (l) l.push(i); else byCat.set(cat[i], [i]); }
  // Degrees of latitude within the radius, to reject far pairs before any trigonometry.
  const dLat = radius / 111.2;
  for (const list of byCat.values()) {
    for (let x = 0; x < list.length; x++) {
      const i = list[x];
      const hasXY = !Number.isNaN(lat[i]);
      const wi = i * FEATURE_COUNT;
      for (let y = x + 1; y < list.length; y++) {
        const j = list[y];
        const dt = t[j] - t[i];
        if (dt > windowDays) break;
        let d = NaN;
        if (hasXY && !Number.isNaN(lat[j])) {
          if (Math.abs(lat[j] - lat[i]) > dLat) continue;
          d = kmBetween(lon[i], lat[i], lon[j], lat[j]);
          if (d > radius) continue;
        }
        const wj = j * FEATURE_COUNT;
        let shared = 0;
        for (let k = 0; k < BLOCK_IDX.length && shared < minShared; k++) shared += popcount(words[wi + BLOCK_IDX[k]] & words[wj + BLOCK_IDX[k]]);
        if (shared < minShared) continue;
        if (count === cap) grow();
        a[count] = i; b[count] = j; km[count] = d; days[count] = dt;
        count++;
      }
    }
  }
  return { count, a: a.subarray(0, count), b: b.subarray(0, count), km: km.subarray(0, count), days: days.subarray(0, count) };
}
