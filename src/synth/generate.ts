/**
 * The synthetic data generator: data.police.uk-format street, outcomes and stop-and-search files
 * per force and month (the archive layout), the synthetic geography lookups and `truth.json`.
 * Seeded and deterministic: the same options give byte-identical files. Memory stays bounded: one
 * force-month is built at a time, plus the pending outcome events of the force's later months.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  FORCES, FORCE_NEIGHBOURS, PeelError, SEARCH_LEGISLATION, SEARCH_OBJECTS, SEARCH_OUTCOMES, SEARCH_TYPES,
  TERRITORIAL_FORCE_IDS, addMonths, crimeCategoryName, getForce, isForceId, isMonth, monthRange, OUTCOMES,
  type ForceId, type OutcomeCategory, type SearchLegislation, type SearchObject, type SearchOutcome, type SearchType,
} from '../standard/index.ts';
import {
  ASB_ANNUAL_NATIONAL, CHARGE_RATE, COURT_LAG, COURT_RESULTS, FORCE_CRIME_2024, NATIONAL_TREND, OUTCOME_LAG_CLASS, OUTCOME_LAGS,
  OUTCOME_MIX, QUIRKS, SEASONALITY, STOP_SEARCH, SYNTH_CATEGORIES, THEFT_SHARES, type SynthCategory,
} from './calibration.ts';
import { buildForceGeography, lsoaWeight, pointStreet, type ForceGeography } from './places.ts';
import { createRng, pickCumulative, weightedPicker, type Rng } from './random.ts';
import { planTacticTrial } from './tactic-trial.ts';
import { categoryLabel, clusterCells, planInjections, type EmergingCluster, type InjectionPlan, type SynthCounts, type SynthTruth } from './truth.ts';
import { writeGeography } from './geography-files.ts';
import { openSink, type Sink } from './sink.ts';
import { generateNarratives, type NarrativePlace } from './narratives/index.ts';

/** Options of `synthesize`; every field but `out` has a default (`SYNTH_DEFAULTS`). */
export interface SynthOptions {
  /** Output directory (created; must be empty or hold an earlier synthetic set, see `overwrite`). */
  readonly out: string;
  /** PRNG seed, integer 0..2^32−1. */
  readonly seed?: number;
  /** Last month of the series, `YYYY-MM`. */
  readonly endMonth?: string;
  /** Number of months, ending at `endMonth`. */
  readonly months?: number;
  /** Territorial forces to generate, or `'all'` (the 43). */
  readonly forces?: 'all' | readonly ForceId[];
  /** Volume multiplier: 1.0 is real national volume (about 6.3 million street rows a year). */
  readonly scale?: number;
  /** Narrative records to write (0 skips narratives). */
  readonly narratives?: number;
  /** Replace an earlier synthetic set in `out` (only the files a synthetic set consists of). */
  readonly overwrite?: boolean;
}

export const SYNTH_DEFAULTS = {
  seed: 1,
  endMonth: '2024-12',
  months: 36,
  forces: 'all',
  scale: 1,
  narratives: 2000,
} as const;

/** Progress of a run: `done` of `total` force-months written, and rows so far. */
export interface SynthProgress {
  readonly phase: 'geography' | 'records' | 'narratives' | 'done';
  readonly force?: ForceId;
  readonly month?: string;
  readonly done: number;
  readonly total: number;
  readonly rows: number;
}

export interface SynthSummary extends SynthCounts {
  readonly out: string;
  readonly seed: number;
  readonly start_month: string;
  readonly end_month: string;
  readonly forces: readonly ForceId[];
  readonly bytes: number;
  readonly truth: string;
}

/** Options after defaults and validation. */
export interface ResolvedSynthOptions {
  readonly out: string;
  readonly seed: number;
  readonly endMonth: string;
  readonly months: number;
  readonly forces: readonly ForceId[];
  readonly scale: number;
  readonly narratives: number;
  readonly overwrite: boolean;
}

/** Applies defaults and checks every option; a bad value is a `bad_input` PeelError naming it. */
export function resolveSynthOptions(o: SynthOptions): ResolvedSynthOptions {
  const seed = o.seed ?? SYNTH_DEFAULTS.seed;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new PeelError('bad_input', `seed must be an integer from 0 to 4294967295, got "${seed}"`);
  const endMonth = o.endMonth ?? SYNTH_DEFAULTS.endMonth;
  if (!isMonth(endMonth)) throw new PeelError('bad_input', `end month must be YYYY-MM, got "${endMonth}"`);
  const months = o.months ?? SYNTH_DEFAULTS.months;
  if (!Number.isInteger(months) || months < 1 || months > 240) throw new PeelError('bad_input', `months must be an integer from 1 to 240, got "${months}"`);
  const scale = o.scale ?? SYNTH_DEFAULTS.scale;
  if (!Number.isFinite(scale) || scale <= 0 || scale > 10) throw new PeelError('bad_input', `scale must be a number above 0 and at most 10, got "${scale}"`);
  const narratives = o.narratives ?? SYNTH_DEFAULTS.narratives;
  if (!Number.isInteger(narratives) || narratives < 0) throw new PeelError('bad_input', `narratives must be a whole number of records, got "${narratives}"`);
  const f = o.forces ?? SYNTH_DEFAULTS.forces;
  let forces: ForceId[];
  if (f === 'all') forces = [...TERRITORIAL_FORCE_IDS];
  else {
    if (f.length === 0) throw new PeelError('bad_input', 'forces must name at least one force');
    for (const id of f) {
      if (!isForceId(id)) throw new PeelError('bad_input', `unknown force "${id}"`);
      if (!getForce(id)!.territorial) throw new PeelError('bad_input', `force "${id}" has no territory; synthetic data covers the 43 territorial forces`);
    }
    // Registry order, no repeats: the output must not depend on how the list was spelt.
    forces = TERRITORIAL_FORCE_IDS.filter((id) => f.includes(id));
  }
  if (!o.out) throw new PeelError('bad_input', 'an output directory is required');
  return { out: o.out, seed, endMonth, months, forces, scale, narratives, overwrite: o.overwrite ?? false };
}

const MONTH_DIR = /^\d{4}-\d{2}$/;

function prepareOut(o: ResolvedSynthOptions): void {
  if (existsSync(o.out)) {
    const entries = readdirSync(o.out);
    if (entries.length) {
      if (!o.overwrite || !entries.includes('truth.json')) {
        throw new PeelError('conflict', `output directory "${o.out}" is not empty${o.overwrite ? ' and holds no earlier synthetic set (no truth.json)' : ' (use --overwrite to replace an earlier synthetic set)'}`);
      }
      for (const e of entries) if (MONTH_DIR.test(e) || e === 'geography' || e === 'narratives' || e === 'truth.json') rmSync(join(o.out, e), { recursive: true, force: true });
    }
  }
  mkdirSync(o.out, { recursive: true });
}

const OUTCOME_NAME = Object.fromEntries(OUTCOMES.map((x) => [x.id, x.name])) as Record<OutcomeCategory, string>;
const CAT_NAME = Object.fromEntries(SYNTH_CATEGORIES.map((c) => [c, crimeCategoryName(c)])) as Record<SynthCategory, string>;
const NATIONAL_CRIME = Object.values(FORCE_CRIME_2024).reduce((s, v) => s + v![0], 0);
const MET_CRIME = FORCE_CRIME_2024.metropolitan![0];

/** Annual 2024-level volume per category for a force (scale 1). */
export function annualVolumes(force: ForceId): Record<SynthCategory, number> {
  const v = FORCE_CRIME_2024[force];
  if (!v) throw new Error(`force "${force}" has no calibration volumes`);
  const theft = v[4];
  return {
    'anti-social-behaviour': (ASB_ANNUAL_NATIONAL * v[0]) / NATIONAL_CRIME,
    'bicycle-theft': theft * THEFT_SHARES['bicycle-theft'],
    burglary: theft * THEFT_SHARES.burglary,
    'criminal-damage-arson': v[5],
    drugs: v[6],
    'other-theft': theft * THEFT_SHARES['other-theft'],
    'possession-of-weapons': v[7],
    'public-order': v[8],
    robbery: v[3],
    shoplifting: theft * THEFT_SHARES.shoplifting,
    'theft-from-the-person': theft * THEFT_SHARES['theft-from-the-person'],
    'vehicle-crime': theft * THEFT_SHARES['vehicle-crime'],
    'violent-crime': v[1] + v[2],
    'other-crime': v[9],
  };
}

function daysIn(month: string): number {
  const y = Number(month.slice(0, 4)), m = Number(month.slice(5, 7));
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Seasonal × days-in-month factor for a category in a month. */
function seasonal(c: SynthCategory, month: string): number {
  const m = Number(month.slice(5, 7));
  const s = SEASONALITY[c];
  return (1 + s.amplitude * Math.cos((2 * Math.PI * (m - s.peak)) / 12)) * (daysIn(month) / 30.44);
}

/** Years from mid-2024 (the calibration point) to the middle of a month. */
function yearsFromCalibration(month: string): number {
  return Number(month.slice(0, 4)) + (Number(month.slice(5, 7)) - 0.5) / 12 - 2024.5;
}

/** Expected monthly means per category and month index, before injections (background). */
function backgroundMeans(rng: Rng, force: ForceId, months: readonly string[], scale: number): Record<SynthCategory, Float64Array> {
  const annual = annualVolumes(force);
  const out = {} as Record<SynthCategory, Float64Array>;
  for (const c of SYNTH_CATEGORIES) {
    const g = NATIONAL_TREND[c] + 0.02 * rng.normal();
    out[c] = Float64Array.from(months, (m) => (annual[c] / 12) * seasonal(c, m) * Math.pow(1 + g, yearsFromCalibration(m)) * scale);
  }
  return out;
}

const lagPickers = Object.fromEntries(Object.entries(OUTCOME_LAGS).map(([k, t]) => [k, weightedPicker(t.map((p, i) => [i, p] as const))]));
const pickLag = Object.fromEntries(Object.entries(OUTCOME_LAG_CLASS).map(([c, k]) => [c, lagPickers[k]!])) as Record<keyof typeof OUTCOME_LAG_CLASS, (u: number) => number>;
const pickCourtLag = weightedPicker(COURT_LAG.map((p, i) => [i, p] as const));
const pickCourtResult = weightedPicker(COURT_RESULTS);
const pickFinal = Object.fromEntries(Object.entries(OUTCOME_MIX).map(([c, t]) => [c, weightedPicker(t)])) as Record<keyof typeof OUTCOME_MIX, (u: number) => OutcomeCategory>;

const STREET_HEADER = 'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context\r\n';
const OUTCOMES_HEADER = 'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Outcome type\r\n';
/** The five location columns of a `No Location` row: street files say `No Location`, outcomes files `No location`. */
const NO_LOCATION = ',,No Location,,';
const NO_LOCATION_OUTCOMES = ',,No location,,';

/**
 * Writes a synthetic set and returns what was written. `onProgress` is called after each
 * force-month (and once per phase); the promise yields between force-months so a progress bar can
 * draw.
 */
export async function synthesize(opts: SynthOptions, onProgress?: (p: SynthProgress) => void): Promise<SynthSummary> {
  const o = resolveSynthOptions(opts);
  prepareOut(o);
  const endMonth = o.endMonth;
  const startMonth = addMonths(endMonth, -(o.months - 1));
  const months = monthRange(startMonth, endMonth);
  const T = months.length;

  const geoCache = new Map<ForceId, ForceGeography>();
  const geo = (f: ForceId): ForceGeography => {
    let g = geoCache.get(f);
    if (!g) geoCache.set(f, (g = buildForceGeography(o.seed, f)));
    return g;
  };
  onProgress?.({ phase: 'geography', done: 0, total: o.forces.length * T, rows: 0 });
  const plan = planInjections(createRng(o.seed, 'plan'), o.forces, T, geo, (f, c) => (annualVolumes(f)[c] / 12) * o.scale);
  const planted = planTacticTrial(o.seed, o.forces, months, new Set([...plan.missing.keys(), ...plan.clusters.map((c) => c.force)]), geo);

  const counts = { street_rows: 0, asb_rows: 0, no_location_rows: 0, duplicate_id_rows: 0, cross_border_rows: 0, outcome_rows: 0, stop_search_rows: 0, narrative_records: 0, files: 0 };
  let bytes = 0;
  const write = (path: string, text: string): void => {
    writeFileSync(path, text);
    bytes += Buffer.byteLength(text);
    counts.files++;
  };
  for (const m of months) mkdirSync(join(o.out, m), { recursive: true });

  const clusterTruth: EmergingCluster[] = [];
  let done = 0;
  for (const force of o.forces) {
    const g = geo(force);
    const rng = createRng(o.seed, `records:${force}`);
    const style = forceOutcomeStyle(o.seed, force);
    const means = backgroundMeans(createRng(o.seed, `trend:${force}`), force, months, o.scale);
    applyShifts(means, plan, force);
    const missing = plan.missing.get(force);
    const clusters = plan.clusters.filter((c) => c.force === force);
    for (const c of clusters) clusterTruth.push(clusterRecord(c, g, means, months));
    const neighbours = FORCE_NEIGHBOURS[force].filter((n) => FORCE_CRIME_2024[n]);
    const crossRate = QUIRKS.crossBorder[force] ?? QUIRKS.crossBorder.default;
    const fname = getForce(force)!.name;
    const pending: Array<{ ids: string[]; cols: string[]; outcomes: string[] }> = months.map(() => ({ ids: [], cols: [], outcomes: [] }));
    let recentBurglary: number[] = [];
    const noLocationRate = SYNTH_CATEGORIES.map((c) => (QUIRKS.noLocation as Readonly<Record<string, number>>)[c] ?? QUIRKS.noLocation.default);
    const ssMean = stopSearchMonthly(force) * o.scale;

    for (let t = 0; t < T; t++) {
      const month = months[t]!;
      const skip = missing?.has(t) ?? false;
      // Counts per category: Poisson around the mean with 3 % extra-Poisson month noise.
      const n: number[] = SYNTH_CATEGORIES.map((c) => rng.poisson(means[c][t]! * Math.exp(0.03 * rng.normal())));
      const extra: Array<{ c: SynthCategory; lsoas: readonly number[]; n: number }> = [];
      for (const cl of clusters) {
        if (t < cl.startT || t > cl.endT) continue;
        extra.push({ c: cl.category, lsoas: cl.lsoas, n: rng.poisson((cl.rr - 1) * areaMean(g, cl.category, cl.lsoas, means[cl.category][t]!)) });
      }
      if (skip) {
        done++;
        continue;
      }
      const prefix = `,${month},${fname},${fname},`;
      // Row order: categories interleaved at random, as in the published files.
      const total = n.reduce((s, x) => s + x, 0);
      const seq = new Uint8Array(total);
      for (let k = 0, i = 0; k < n.length; k++) for (let j = 0; j < n[k]!; j++) seq[i++] = k;
      for (let i = total - 1; i > 0; i--) {
        const j = rng.int(i + 1);
        const x = seq[i]!; seq[i] = seq[j]!; seq[j] = x;
      }
      const street = openSink(join(o.out, month, `${month}-${force}-street.csv`));
      street.s(STREET_HEADER);
      const thisBurglary: number[] = [];
      const row = (id: string, cols: string, c: SynthCategory, last: string): void => {
        if (id) street.s(id);
        street.s(prefix);
        street.s(cols);
        street.s(rowTail(c, last));
        counts.street_rows++;
      };

      const emit = (c: SynthCategory, cols: string, outCols: string, p: number): void => {
        if (c === 'anti-social-behaviour') {
          row('', cols, c, '');
          counts.asb_rows++;
          return;
        }
        const id = street.hex64(rng);
        const last = outcomeEvents(rng, c, t, T, style);
        for (let e = 0; e < ev.n; e++) {
          const k = e === 0 ? ev.k0 : ev.k1;
          if (missing?.has(k)) continue;
          const pk = pending[k]!;
          pk.ids.push(id); pk.cols.push(outCols); pk.outcomes.push(e === 0 ? ev.name0 : ev.name1);
        }
        row('', cols, c, last);
        if (rng.next() < QUIRKS.duplicateId) {
          // A second copy of the same Crime ID, placed elsewhere and sometimes with another outcome.
          const u = rng.next();
          let dupCols: string;
          if (u < 0.2 && cols !== NO_LOCATION) dupCols = NO_LOCATION;
          else if (u < 0.9 && p >= 0) {
            const l = g.lsoas[g.pointLsoa[p]!]!;
            let q = pointInLsoa(rng, g, g.pointLsoa[p]!);
            if (q === p) q = l.pointStart + ((p - l.pointStart + 1) % l.pointCount);
            dupCols = g.pointStreetCols[q]!;
          } else dupCols = g.pointStreetCols[pointInLsoa(rng, g, rng.int(g.lsoas.length))]!;
          row(id, dupCols, c, rng.next() < 0.4 ? OUTCOME_NAME['status-update-unavailable'] : last);
          counts.duplicate_id_rows++;
        }
      };

      for (let i = 0; i < total; i++) {
        const c = SYNTH_CATEGORIES[seq[i]!]!;
        const u = rng.next();
        if (u < noLocationRate[seq[i]!]!) {
          counts.no_location_rows++;
          emit(c, NO_LOCATION, NO_LOCATION_OUTCOMES, -1);
          continue;
        }
        if (u < noLocationRate[seq[i]!]! + crossRate && neighbours.length) {
          const ng = geo(neighbours[rng.int(neighbours.length)]!);
          const p = pointInLsoa(rng, ng, pickCumulative(ng.weights[c], rng.next()));
          counts.cross_border_rows++;
          emit(c, ng.pointStreetCols[p]!, ng.pointStreetCols[p]!, -1);
          continue;
        }
        let p: number;
        if (c === 'burglary' && recentBurglary.length && rng.next() < 0.1) {
          // Near repeat: a burglary at or next to one of last month's, in the same LSOA.
          const p0 = recentBurglary[rng.int(recentBurglary.length)]!;
          const l = g.lsoas[g.pointLsoa[p0]!]!;
          p = Math.min(l.pointStart + l.pointCount - 1, Math.max(l.pointStart, p0 + rng.int(3) - 1));
        } else {
          p = pointInLsoa(rng, g, pickCumulative(g.weights[c], rng.next()));
        }
        if (planted?.drops(force, c, t, g.pointLsoa[p]!)) continue;
        if (c === 'burglary') thisBurglary.push(p);
        emit(c, g.pointStreetCols[p]!, g.pointStreetCols[p]!, p);
      }
      for (const e of extra) {
        const cum = new Float64Array(e.lsoas.length);
        e.lsoas.reduce((s, i, k) => (cum[k] = s + lsoaWeight(g, e.c, i)), 0);
        for (let j = 0; j < e.n; j++) {
          const li = e.lsoas[pickCumulative(cum, rng.next())]!;
          const p = pointInLsoa(rng, g, li);
          emit(e.c, g.pointStreetCols[p]!, g.pointStreetCols[p]!, p);
        }
      }
      recentBurglary = thisBurglary;
      bytes += street.close();
      counts.files++;

      const outcomes = openSink(join(o.out, month, `${month}-${force}-outcomes.csv`));
      outcomes.s(OUTCOMES_HEADER);
      const pt = pending[t]!;
      const oprefix = `,${month},${fname},${fname},`;
      for (let k = 0; k < pt.ids.length; k++) {
        outcomes.s(pt.ids[k]!);
        outcomes.s(oprefix);
        outcomes.s(pt.cols[k]!);
        outcomes.s(outcomeTail(pt.outcomes[k]!));
      }
      counts.outcome_rows += pt.ids.length;
      pending[t] = { ids: [], cols: [], outcomes: [] };
      bytes += outcomes.close();
      counts.files++;

      const ss = openSink(join(o.out, month, `${month}-${force}-stop-and-search.csv`));
      ss.s(STOP_SEARCH_HEADER);
      counts.stop_search_rows += stopSearchRows(rng, g, month, force === 'metropolitan', rng.poisson(ssMean * (daysIn(month) / 30.44)), ss);
      bytes += ss.close();
      counts.files++;
      done++;
      onProgress?.({ phase: 'records', force, month, done, total: o.forces.length * T, rows: counts.street_rows });
      await new Promise<void>((r) => setImmediate(r));
    }
  }

  writeGeography(join(o.out, 'geography'), [...geoCache.values()].sort((a, b) => FORCES.findIndex((f) => f.id === a.force) - FORCES.findIndex((f) => f.id === b.force)));

  const narrativeTruth = o.narratives > 0 ? await writeNarratives(o, months, geo, counts, onProgress) : null;

  const crimeTotal = counts.street_rows;
  const truth: SynthTruth = {
    schema_version: 1,
    generator: 'peel synth',
    seed: o.seed,
    scale: o.scale,
    start_month: startMonth,
    end_month: endMonth,
    forces: o.forces,
    emerging_clusters: clusterTruth.sort((a, b) => a.id.localeCompare(b.id)),
    missing_months: [...plan.missing.entries()].map(([force_id, s]) => ({ force_id, months: [...s].sort((a, b) => a - b).map((t) => months[t]!) })),
    recording_shifts: plan.shifts.map((s) => shiftRecord(s, months, o.scale)),
    quirk_rates: {
      no_location: round4(counts.no_location_rows / Math.max(1, crimeTotal)),
      duplicate_crime_id: round4(counts.duplicate_id_rows / Math.max(1, crimeTotal)),
      cross_border: round4(counts.cross_border_rows / Math.max(1, crimeTotal)),
      asb_share: round4(counts.asb_rows / Math.max(1, crimeTotal)),
    },
    counts: { ...counts, files: counts.files + 1 },
    narratives: narrativeTruth,
    tactic_trials: planted ? [planted.truth()] : [],
  };
  const truthPath = join(o.out, 'truth.json');
  const truthText = JSON.stringify(truth, null, 2) + '\n';
  write(truthPath, truthText);
  onProgress?.({ phase: 'done', done, total: o.forces.length * T, rows: counts.street_rows });
  return { ...counts, out: o.out, seed: o.seed, start_month: startMonth, end_month: endMonth, forces: o.forces, bytes, truth: truthPath };
}

/** `,<Crime type>,<Last outcome category>,` + CRLF, built once per pair (a few hundred strings). */
const TAILS = Object.fromEntries(SYNTH_CATEGORIES.map((c) => [c, new Map<string, string>()])) as Record<SynthCategory, Map<string, string>>;
function rowTail(c: SynthCategory, last: string): string {
  const m = TAILS[c];
  let t = m.get(last);
  if (t === undefined) m.set(last, (t = ',' + CAT_NAME[c] + ',' + last + ',\r\n'));
  return t;
}

const OUT_TAILS = new Map<string, string>();
function outcomeTail(name: string): string {
  let t = OUT_TAILS.get(name);
  if (t === undefined) OUT_TAILS.set(name, (t = ',' + name + '\r\n'));
  return t;
}

function round4(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

/** A snap point of LSOA `i`, skewed so the first points of each LSOA are its hot streets. */
function pointInLsoa(rng: Rng, g: ForceGeography, i: number): number {
  const l = g.lsoas[i]!;
  const u = rng.next();
  return l.pointStart + Math.floor(l.pointCount * u * u);
}

/** Expected background count of category `c` in these LSOAs, given the force-wide mean. */
function areaMean(g: ForceGeography, c: SynthCategory, lsoas: readonly number[], forceMean: number): number {
  const cum = g.weights[c];
  const w = lsoas.reduce((s, i) => s + lsoaWeight(g, c, i), 0);
  return (forceMean * w) / cum[cum.length - 1]!;
}

function applyShifts(means: Record<SynthCategory, Float64Array>, plan: InjectionPlan, force: ForceId): void {
  for (const s of plan.shifts) {
    if (s.force !== force) continue;
    for (let t = s.fromT; t < means[s.category].length; t++) {
      const moved = means[s.from][t]! * s.fraction;
      means[s.from][t] = means[s.from][t]! - moved;
      means[s.category][t] = means[s.category][t]! + moved;
    }
  }
}

function shiftRecord(s: InjectionPlan['shifts'][number], months: readonly string[], scale: number): SynthTruth['recording_shifts'][number] {
  const means = backgroundMeans(createRng(0, 'unused'), s.force, [months[s.fromT]!], scale);
  const total = SYNTH_CATEGORIES.reduce((a, c) => a + means[c][0]!, 0);
  const before = means[s.category][0]! / total;
  const after = (means[s.category][0]! + means[s.from][0]! * s.fraction) / total;
  return {
    force_id: s.force, category: s.category, from_category: s.from, from_month: months[s.fromT]!, transfer_fraction: s.fraction,
    expected_share_before: round4(before), expected_share_after: round4(after),
  };
}

function clusterRecord(c: InjectionPlan['clusters'][number], g: ForceGeography, means: Record<SynthCategory, Float64Array>, months: readonly string[]): EmergingCluster {
  let base = 0;
  for (let t = c.startT; t <= c.endT; t++) base += areaMean(g, c.category, c.lsoas, means[c.category][t]!);
  const n = c.endT - c.startT + 1;
  return {
    id: c.id, force_id: c.force, category: c.category, category_name: categoryLabel(c.category),
    start_month: months[c.startT]!, end_month: months[c.endT]!,
    areas: c.lsoas.map((i) => g.lsoas[i]!.code), h3_r8: clusterCells(g, c.lsoas), relative_risk: c.rr,
    expected_baseline_per_month: Math.round((base / n) * 100) / 100, expected_excess_total: Math.round(base * (c.rr - 1) * 100) / 100,
  };
}

/**
 * How a force's outcomes differ from the national calibration, so forces differ as real ones do
 * (the productivity page's funnels show spread): `charge` multiplies every category's charge rate,
 * `speed` stretches (> 1) or shortens (< 1) the months from crime to outcome. Both log-normal with
 * σ = 0.25, clipped to [0.6, 1.6] and [0.6, 1.8], drawn from the force's own stream of the seed, so
 * no other stream (and no other column of the files) changes.
 */
interface ForceOutcomeStyle {
  readonly charge: number;
  readonly speed: number;
  /** The force's own stream for the draws its difference needs. */
  readonly rng: Rng;
}

function forceOutcomeStyle(seed: number, force: string): ForceOutcomeStyle {
  const r = createRng(seed, `outcome-style:${force}`);
  const clip = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
  return { charge: clip(Math.exp(0.25 * r.normal()), 0.6, 1.6), speed: clip(Math.exp(0.25 * r.normal()), 0.6, 1.8), rng: r };
}

/**
 * A crime's outcome events, filled by `outcomeEvents` (module scratch, so the hot loop allocates
 * nothing): up to two events, month index and wording.
 */
const ev = { n: 0, k0: 0, name0: '', k1: 0, name1: '' };

/**
 * Draws a crime's outcome history: leaves the events within the series in `ev` and returns the
 * street file's `Last outcome category` as of the last month.
 */
function outcomeEvents(rng: Rng, c: Exclude<SynthCategory, 'anti-social-behaviour'>, t: number, T: number, style: ForceOutcomeStyle): string {
  ev.n = 0;
  const lag = Math.round(pickLag[c](rng.next()) * style.speed);
  // The calibrated branch and its draws come from the main stream exactly as they always did, so
  // the force's difference (from its own stream) changes outcomes and nothing else in the files.
  const calibrated = rng.next() < CHARGE_RATE[c];
  const u = calibrated ? [rng.next(), rng.next(), rng.next()] : [rng.next()];
  const o = style.rng;
  let charged = calibrated;
  if (style.charge > 1 && !calibrated) charged = o.next() < Math.min(1, (CHARGE_RATE[c] * (style.charge - 1)) / (1 - CHARGE_RATE[c]));
  else if (style.charge < 1 && calibrated) charged = o.next() < style.charge;
  if (charged) {
    const [a, b, w] = calibrated ? u : [o.next(), o.next(), o.next()];
    const k1 = t + lag;
    const k2 = k1 + pickCourtLag(a!);
    const result = pickCourtResult(b!);
    const charge = w! < 0.05 ? OUTCOME_NAME['suspect-charged-part-of-another-case'] : OUTCOME_NAME['suspect-charged'];
    if (k1 < T) (ev.k0 = k1), (ev.name0 = charge), (ev.n = 1);
    if (k2 < T) (ev.k1 = k2), (ev.name1 = OUTCOME_NAME[result]), (ev.n = 2);
    return k2 < T ? OUTCOME_NAME[result] : k1 < T ? OUTCOME_NAME['awaiting-court-result'] : OUTCOME_NAME['under-investigation'];
  }
  const final = pickFinal[c](calibrated ? o.next() : u[0]!);
  // "Status update unavailable" is a street-file status, never an outcome event.
  if (final === 'status-update-unavailable') return OUTCOME_NAME[final];
  const k = t + lag;
  if (k >= T) return OUTCOME_NAME['under-investigation'];
  ev.k0 = k;
  ev.name0 = OUTCOME_NAME[final];
  ev.n = 1;
  return OUTCOME_NAME[final];
}

const STOP_SEARCH_HEADER = 'Type,Date,Part of a policing operation,Policing operation,Latitude,Longitude,Gender,Age range,Self-defined ethnicity,Officer-defined ethnicity,Legislation,Object of search,Outcome,Outcome linked to object of search,Removal of more than just outer clothing\r\n';

/** Mean searches per month at scale 1: the Met's share, the rest by recorded crime. */
function stopSearchMonthly(force: ForceId): number {
  const share = force === 'metropolitan' ? STOP_SEARCH.metropolitanShare : ((1 - STOP_SEARCH.metropolitanShare) * FORCE_CRIME_2024[force]![0]) / (NATIONAL_CRIME - MET_CRIME);
  return (STOP_SEARCH.annualNational * share) / 12;
}

const TYPE_NAME = Object.fromEntries(SEARCH_TYPES.map((x) => [x.id, x.name])) as Record<SearchType, string>;
const LEG_NAME = Object.fromEntries(SEARCH_LEGISLATION.map((x) => [x.id, x.name])) as Record<SearchLegislation, string>;
const OBJ_NAME = Object.fromEntries(SEARCH_OBJECTS.map((x) => [x.id, x.name])) as Record<SearchObject, string>;
const SOUT_NAME = Object.fromEntries(SEARCH_OUTCOMES.map((x) => [x.id, x.name])) as Record<SearchOutcome, string>;

const SEARCH_TYPE_MIX: ReadonlyArray<readonly [SearchType, number]> = [['person', 0.82], ['person-and-vehicle', 0.12], ['vehicle', 0.06]];
/** Legislation with the objects searched for under it (Home Office stop and search statistics, rounded). */
const LEGISLATION_MIX: ReadonlyArray<readonly [readonly [SearchLegislation, ReadonlyArray<readonly [SearchObject, number]>], number]> = [
  [['misuse-of-drugs-s23', [['controlled-drugs', 1]]], 0.62],
  [['pace-s1', [['offensive-weapons', 0.45], ['stolen-goods', 0.3], ['article-for-use-in-theft', 0.15], ['articles-for-criminal-damage', 0.05], ['anything-to-threaten-or-harm', 0.05]]], 0.33],
  [['cjpoa-s60', [['offensive-weapons', 1]]], 0.02],
  [['firearms-s47', [['firearms', 1]]], 0.02],
  [['psychoactive-s36', [['psychoactive-substances', 1]]], 0.01],
];
const GENDER_MIX: ReadonlyArray<readonly [string, number]> = [['Male', 0.89], ['Female', 0.1], ['Other', 0.01]];
const AGE_MIX: ReadonlyArray<readonly [string, number]> = [['18-24', 0.33], ['25-34', 0.27], ['over 34', 0.22], ['10-17', 0.14], ['under 10', 0.004], ['', 0.036]];
/** Officer-defined ethnicity with the self-defined wording most often given by that group. */
const ETHNICITY: Readonly<Record<string, readonly string[]>> = {
  White: ['White - English/Welsh/Scottish/Northern Irish/British', 'White - Any other White background', 'White - Irish'],
  Black: ['Black/African/Caribbean/Black British - African', 'Black/African/Caribbean/Black British - Caribbean', 'Black/African/Caribbean/Black British - Any other Black/African/Caribbean background'],
  Asian: ['Asian/Asian British - Pakistani', 'Asian/Asian British - Bangladeshi', 'Asian/Asian British - Indian', 'Asian/Asian British - Any other Asian background'],
  Mixed: ['Mixed/Multiple ethnic groups - White and Black Caribbean', 'Mixed/Multiple ethnic groups - Any other Mixed/Multiple ethnic background'],
  Other: ['Other ethnic group - Any other ethnic group', 'Other ethnic group - Arab'],
  '': ['Other ethnic group - Not stated'],
};
const ETHNICITY_MET: ReadonlyArray<readonly [string, number]> = [['White', 0.38], ['Black', 0.32], ['Asian', 0.18], ['Mixed', 0.04], ['Other', 0.05], ['', 0.03]];
const ETHNICITY_OTHER: ReadonlyArray<readonly [string, number]> = [['White', 0.75], ['Black', 0.09], ['Asian', 0.09], ['Mixed', 0.02], ['Other', 0.02], ['', 0.03]];

const pickEthMet = weightedPicker(ETHNICITY_MET);
const pickEthOther = weightedPicker(ETHNICITY_OTHER);
const pickLegislation = weightedPicker(LEGISLATION_MIX.map(([[leg, objs], w]) => [[leg, weightedPicker(objs)] as const, w] as const));
const pickSearchOutcome = weightedPicker(STOP_SEARCH.outcomes);
const pickType = weightedPicker(SEARCH_TYPE_MIX);
const pickGender = weightedPicker(GENDER_MIX);
const pickAge = weightedPicker(AGE_MIX);

function stopSearchRows(rng: Rng, g: ForceGeography, month: string, met: boolean, n: number, sink: Sink): number {
  const seconds = Array.from({ length: n }, () => rng.int(daysIn(month) * 86_400)).sort((a, b) => a - b);
  for (const s of seconds) {
    const d = Math.floor(s / 86_400) + 1, hh = Math.floor((s % 86_400) / 3600), mm = Math.floor((s % 3600) / 60), ss = s % 60;
    const date = `${month}-${String(d).padStart(2, '0')}T${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}:${String(ss).padStart(2, '0')}+00:00`;
    const op = rng.next() < 0.55 ? 'False' : '';
    let latlon = ',';
    if (rng.next() >= STOP_SEARCH.noCoordinates) {
      const p = pointInLsoa(rng, g, pickCumulative(g.weights.drugs, rng.next()));
      latlon = `${g.pointLat[p]!.toFixed(6)},${g.pointLon[p]!.toFixed(6)}`;
    }
    const officer = (met ? pickEthMet : pickEthOther)(rng.next());
    const selfList = rng.next() < 0.85 ? ETHNICITY[officer]! : ETHNICITY['']!;
    const self = selfList[rng.int(selfList.length)]!;
    const [leg, pickObject] = pickLegislation(rng.next());
    const obj = pickObject(rng.next());
    const outcome = pickSearchOutcome(rng.next());
    const linked = outcome === 'nfa' ? 'False' : rng.next() < 0.6 ? 'True' : 'False';
    const u = rng.next();
    const removal = u < 0.96 ? 'False' : u < 0.98 ? 'True' : '';
    sink.s(`${TYPE_NAME[pickType(rng.next())]},${date},${op},,${latlon},${pickGender(rng.next())},${pickAge(rng.next())},${self},${officer},${LEG_NAME[leg]},${OBJ_NAME[obj]},${SOUT_NAME[outcome]},${linked},${removal}\r\n`);
  }
  return n;
}

/** Snap points offered to the narrative generator per force (the hottest points of each LSOA first). */
const NARRATIVE_PLACES_PER_FORCE = 400;

/**
 * Writes `narratives/records.ndjson` and `narratives/labels.ndjson` from the narrative generator
 * (src/synth/narratives), streaming, with places drawn from the set's own geography so narrative
 * locations match the street files. Returns the generator's truth for truth.json.
 */
async function writeNarratives(
  o: ResolvedSynthOptions, months: readonly string[], geo: (f: ForceId) => ForceGeography, counts: { narrative_records: number; files: number },
  onProgress?: (p: SynthProgress) => void,
): Promise<SynthTruth['narratives']> {
  const places = new Map<string, NarrativePlace[]>();
  for (const f of o.forces) {
    const g = geo(f);
    const rng = createRng(o.seed, `narrative-places:${f}`);
    const list: NarrativePlace[] = [];
    for (let k = 0; k < NARRATIVE_PLACES_PER_FORCE; k++) {
      const i = pickCumulative(g.weights['violent-crime'], rng.next());
      const p = pointInLsoa(rng, g, i);
      const l = g.lsoas[i]!;
      list.push({ lsoa_code: l.code, lsoa_name: l.name, lon: Math.round(g.pointLon[p]! * 1e6) / 1e6, lat: Math.round(g.pointLat[p]! * 1e6) / 1e6, street: pointStreet(g, p) });
    }
    places.set(f, list);
  }
  const { items, truth } = generateNarratives({ seed: o.seed, forces: o.forces, endMonth: months[months.length - 1]!, months: months.length, count: o.narratives, places });
  const dir = join(o.out, 'narratives');
  mkdirSync(dir, { recursive: true });
  const records = openSink(join(dir, 'records.ndjson'), true);
  const labels = openSink(join(dir, 'labels.ndjson'), true);
  let n = 0;
  for (const it of items) {
    records.u(JSON.stringify(it.record) + '\n');
    labels.u(JSON.stringify(it.labels) + '\n');
    n++;
    if (n % 5000 === 0) onProgress?.({ phase: 'narratives', done: n, total: o.narratives, rows: n });
  }
  records.close();
  labels.close();
  counts.narrative_records = n;
  counts.files += 2;
  return truth;
}
