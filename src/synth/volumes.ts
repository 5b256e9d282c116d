/**
 * Expected volumes: a force's annual crime per category at the 2024 calibration, and the monthly
 * means of a series from it (seasonality, days in the month, national trend, scale), moved between
 * categories by planted recording shifts; and the expected count in a group of LSOAs.
 */
import type { ForceId } from '../standard/index.ts';
import { ASB_ANNUAL_NATIONAL, FORCE_CRIME_2024, NATIONAL_TREND, SEASONALITY, SYNTH_CATEGORIES, THEFT_SHARES, type SynthCategory } from './calibration.ts';
import { NATIONAL_CRIME, lsoaWeight, type ForceGeography } from './places.ts';
import type { Rng } from './random.ts';
import type { InjectionPlan } from './truth.ts';

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

/** Days in a month `YYYY-MM`. */
export function daysIn(month: string): number {
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
export function backgroundMeans(rng: Rng, force: ForceId, months: readonly string[], scale: number): Record<SynthCategory, Float64Array> {
  const annual = annualVolumes(force);
  const out = {} as Record<SynthCategory, Float64Array>;
  for (const c of SYNTH_CATEGORIES) {
    const g = NATIONAL_TREND[c] + 0.02 * rng.normal();
    out[c] = Float64Array.from(months, (m) => (annual[c] / 12) * seasonal(c, m) * Math.pow(1 + g, yearsFromCalibration(m)) * scale);
  }
  return out;
}

/** Expected background count of category `c` in these LSOAs, given the force-wide mean. */
export function areaMean(g: ForceGeography, c: SynthCategory, lsoas: readonly number[], forceMean: number): number {
  const cum = g.weights[c];
  const w = lsoas.reduce((s, i) => s + lsoaWeight(g, c, i), 0);
  return (forceMean * w) / cum[cum.length - 1]!;
}

/** Moves the planted recording shifts' share of one category into another, from their month on. */
export function applyShifts(means: Record<SynthCategory, Float64Array>, plan: InjectionPlan, force: ForceId): void {
  for (const s of plan.shifts) {
    if (s.force !== force) continue;
    for (let t = s.fromT; t < means[s.category].length; t++) {
      const moved = means[s.from][t]! * s.fraction;
      means[s.from][t] = means[s.from][t]! - moved;
      means[s.category][t] = means[s.category][t]! + moved;
    }
  }
}
