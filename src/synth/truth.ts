/**
 * The injected truth of a synthetic set (`truth.json`), and how it is planned. Everything not
 * listed here is background: seasonality, trends, persistent hot spots and near-repeat burglary
 * are part of the normal process, not anomalies. The JSON Schema is `docs/truth.schema.json`.
 */
import type { TacticTrialTruth } from './tactic-trial.ts';
import type { EmergingTactic } from './narratives/index.ts';
import { latLngToCell } from 'h3-js';
import { crimeCategoryName, type ForceId } from '../standard/index.ts';
import type { SynthCategory } from './calibration.ts';
import { lsoaWeight, type ForceGeography } from './places.ts';
import { pickWeighted, type Rng } from './random.ts';

/**
 * Background crimes a month of its category a cluster's areas should have, where the force's
 * volume allows: a neighbourhood the size of the issue's own example ("Burglary in 6 neighbouring
 * areas: 41 this month against 17 expected"). Smaller clusters are not findable in their first
 * month by any method that controls false alerts: doubling 5 crimes a month to 10 has a one-month
 * Poisson p of 0.03, against the 1e-5 or so a family of thousands of small-area tests needs
 * (docs/detect.md, "How big a cluster can be found").
 */
export const CLUSTER_MIN_BASELINE = 25;
/** Most LSOAs a cluster may span (a few square kilometres of a town). */
export const CLUSTER_MAX_LSOAS = 16;

/**
 * A space-time cluster: from `start_month` to `end_month` (inclusive) the rate of `category` in
 * the LSOAs `areas` is `relative_risk` times its background rate; the extra crimes sit at those
 * LSOAs' snap points, whose H3 resolution-8 cells are `h3_r8`. `expected_baseline_per_month` is the
 * background mean of that category in those areas per month (at the set's scale), averaged over
 * the window; `expected_excess_total` the mean number of injected extra crimes.
 */
export interface EmergingCluster {
  readonly id: string;
  readonly force_id: ForceId;
  readonly category: SynthCategory;
  readonly category_name: string;
  readonly start_month: string;
  readonly end_month: string;
  readonly areas: readonly string[];
  readonly h3_r8: readonly string[];
  readonly relative_risk: number;
  readonly expected_baseline_per_month: number;
  readonly expected_excess_total: number;
}

/** A force that failed to submit these months: none of its three files exist for them. */
export interface MissingMonths {
  readonly force_id: ForceId;
  readonly months: readonly string[];
}

/**
 * From `from_month`, the force records `transfer_fraction` of what it used to record as
 * `from_category` as `category` instead (a recording-practice change, not a change in crime).
 * Shares are of all the force's street rows, expected at `from_month`.
 */
export interface RecordingShift {
  readonly force_id: ForceId;
  readonly category: SynthCategory;
  readonly from_category: SynthCategory;
  readonly from_month: string;
  readonly transfer_fraction: number;
  readonly expected_share_before: number;
  readonly expected_share_after: number;
}

/** The intended rates of the data.police.uk quirks the set reproduces (see calibration.ts). */
export interface QuirkRates {
  readonly no_location: number;
  readonly duplicate_crime_id: number;
  readonly cross_border: number;
  readonly asb_share: number;
}

export interface SynthCounts {
  readonly street_rows: number;
  readonly asb_rows: number;
  readonly no_location_rows: number;
  readonly duplicate_id_rows: number;
  readonly cross_border_rows: number;
  readonly outcome_rows: number;
  readonly stop_search_rows: number;
  readonly narrative_records: number;
  readonly files: number;
}

export interface SynthTruth {
  readonly schema_version: 1;
  readonly generator: 'peel synth';
  readonly seed: number;
  readonly scale: number;
  readonly start_month: string;
  readonly end_month: string;
  readonly forces: readonly ForceId[];
  readonly emerging_clusters: readonly EmergingCluster[];
  readonly missing_months: readonly MissingMonths[];
  readonly recording_shifts: readonly RecordingShift[];
  readonly quirk_rates: QuirkRates;
  readonly counts: SynthCounts;
  /** Truth of the narrative generator (cross-force offenders, duplicate incidents, emerging MO), or null when no narratives were written. */
  readonly narratives: {
    readonly cross_force_offenders: readonly unknown[];
    readonly duplicate_incidents: readonly unknown[];
    readonly emerging_mo: readonly unknown[];
    readonly emerging_tactics: readonly EmergingTactic[];
    readonly series: readonly unknown[];
  } | null;
  /** Tactic trials planted with a known effect (see tactic-trial.ts). */
  readonly tactic_trials: readonly TacticTrialTruth[];
}

/** Categories an emerging cluster may be injected in (place-bound crimes). */
const CLUSTER_CATEGORIES = [
  'burglary', 'vehicle-crime', 'robbery', 'anti-social-behaviour', 'shoplifting', 'criminal-damage-arson',
  'theft-from-the-person', 'bicycle-theft', 'violent-crime', 'drugs',
] as const satisfies readonly SynthCategory[];

/** Recording shifts: the receiving category, the category it takes from, and the fraction moved. */
const SHIFT_KINDS = [
  { category: 'public-order', from: 'violent-crime', fraction: 0.15 },
  { category: 'shoplifting', from: 'other-theft', fraction: 0.3 },
] as const satisfies ReadonlyArray<{ category: SynthCategory; from: SynthCategory; fraction: number }>;

export interface InjectionPlan {
  readonly missing: ReadonlyMap<ForceId, ReadonlySet<number>>;
  readonly shifts: ReadonlyArray<{ force: ForceId; category: SynthCategory; from: SynthCategory; fraction: number; fromT: number }>;
  readonly clusters: ReadonlyArray<{ id: string; force: ForceId; category: SynthCategory; startT: number; endT: number; lsoas: readonly number[]; rr: number }>;
}

function shuffled<T>(rng: Rng, xs: readonly T[]): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

/**
 * Chooses the injections for a set: 1–2 forces with missing months and 1–2 recording shifts (2
 * each from 8 forces up; none under 6 months), and emerging clusters (about one per three forces,
 * 1 to 20) in forces other than the missing-month ones where possible. All mid-series.
 */
export function planInjections(
  rng: Rng, forces: readonly ForceId[], nMonths: number, geo: (f: ForceId) => ForceGeography, monthlyMean: (f: ForceId, c: SynthCategory) => number,
): InjectionPlan {
  const order = shuffled(rng, forces);
  const nSpecial = nMonths >= 6 ? (forces.length >= 8 ? 2 : 1) : 0;
  const missing = new Map<ForceId, Set<number>>();
  const missingForces = order.slice(0, nSpecial);
  for (const f of missingForces) {
    const len = 1 + rng.int(2);
    const start = 3 + rng.int(Math.max(1, nMonths - 3 - 2 - len));
    const s = new Set<number>();
    for (let t = start; t < Math.min(nMonths - 2, start + len); t++) s.add(t);
    if (s.size) missing.set(f, s);
  }
  const shiftForces = forces.length >= 2 ? order.slice(nSpecial, 2 * nSpecial) : order.slice(0, nSpecial);
  const shifts = shiftForces.map((force, i) => {
    const k = SHIFT_KINDS[i % SHIFT_KINDS.length]!;
    const fromT = Math.floor(nMonths / 3) + rng.int(Math.max(1, Math.floor(nMonths / 3)));
    return { force, category: k.category, from: k.from, fraction: k.fraction, fromT };
  });

  const nClusters = Math.min(20, Math.max(1, Math.round(forces.length * 0.35)));
  const eligible = forces.filter((f) => !missing.has(f));
  const pool = shuffled(rng, eligible.length ? eligible : forces);
  const clusters: Array<InjectionPlan['clusters'][number]> = [];
  for (let k = 0; k < nClusters; k++) {
    const force = pool[k < pool.length ? k : rng.int(pool.length)]!;
    const g = geo(force);
    // Busier categories are likelier, so that clusters stand on a measurable baseline; a category
    // whose busiest neighbourhood cannot reach CLUSTER_MIN_BASELINE gives way to the next draw
    // (the best found is kept when none can, as in small forces at small scales).
    const candidates = CLUSTER_CATEGORIES.map((c) => [c, Math.sqrt(monthlyMean(force, c))] as const);
    let best: { category: SynthCategory; lsoas: number[]; base: number } | null = null;
    for (let tries = 0; tries < 4 && (!best || best.base < CLUSTER_MIN_BASELINE); tries++) {
      const category = pickWeighted(candidates, rng.next());
      const hood = neighbourhood(g, category, monthlyMean(force, category), rng);
      if (!best || hood.base > best.base) best = { category, ...hood };
    }
    const { category, lsoas: nearest } = best!;
    const startT = nMonths < 6 ? Math.floor(nMonths / 2) : Math.floor(nMonths / 3) + rng.int(Math.max(1, nMonths - 3 - Math.floor(nMonths / 3)));
    const endT = Math.min(nMonths - 1, startT + 2 + rng.int(7));
    const rr = Math.round((1.5 + 2.5 * rng.next()) * 100) / 100;
    clusters.push({ id: `cluster-${String(k + 1).padStart(2, '0')}`, force, category, startT, endT, lsoas: nearest, rr });
  }
  return { missing, shifts, clusters };
}

/**
 * A cluster's area: a busy LSOA for the category (one of its top 5 %), then the LSOAs nearest to
 * it until their background reaches CLUSTER_MIN_BASELINE crimes a month (2 to CLUSTER_MAX_LSOAS).
 */
function neighbourhood(g: ForceGeography, category: SynthCategory, forceMean: number, rng: Rng): { lsoas: number[]; base: number } {
  const total = g.weights[category][g.lsoas.length - 1]!;
  const ranked = g.lsoas.map((_, i) => i).sort((a, b) => lsoaWeight(g, category, b) - lsoaWeight(g, category, a) || a - b);
  const seedLsoa = ranked[rng.int(Math.max(1, Math.ceil(ranked.length * 0.05)))]!;
  const s = g.lsoas[seedLsoa]!;
  const kx = Math.cos((s.lat * Math.PI) / 180) ** 2;
  const byDistance = g.lsoas
    .map((l, i) => ({ i, d: (l.lon - s.lon) ** 2 * kx + (l.lat - s.lat) ** 2 }))
    .sort((a, b) => a.d - b.d || a.i - b.i)
    .map((x) => x.i);
  const lsoas: number[] = [];
  let base = 0;
  for (const i of byDistance) {
    if (lsoas.length >= CLUSTER_MAX_LSOAS || (lsoas.length >= 2 && base >= CLUSTER_MIN_BASELINE)) break;
    lsoas.push(i);
    base += (forceMean * lsoaWeight(g, category, i)) / total;
  }
  return { lsoas, base };
}

/** The H3 resolution-8 cells of every snap point of these LSOAs, sorted. */
export function clusterCells(g: ForceGeography, lsoas: readonly number[]): string[] {
  const cells = new Set<string>();
  for (const i of lsoas) {
    const l = g.lsoas[i]!;
    for (let p = l.pointStart; p < l.pointStart + l.pointCount; p++) cells.add(latLngToCell(g.pointLat[p]!, g.pointLon[p]!, 8));
  }
  return [...cells].sort();
}

export function categoryLabel(c: SynthCategory): string {
  return crimeCategoryName(c);
}
