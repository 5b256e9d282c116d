/**
 * What truth.json says about the patterns planted in a run: each emerging cluster's areas, cells,
 * expected baseline and excess, and each recording shift's expected share before and after.
 */
import { SYNTH_CATEGORIES, type SynthCategory } from './calibration.ts';
import type { ForceGeography } from './places.ts';
import { createRng } from './random.ts';
import { categoryLabel, clusterCells, type EmergingCluster, type InjectionPlan, type SynthTruth } from './truth.ts';
import { areaMean, backgroundMeans } from './volumes.ts';

/** Rounded to 4 decimal places. */
export function round4(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

/** The truth of a recording shift. */
export function shiftRecord(s: InjectionPlan['shifts'][number], months: readonly string[], scale: number): SynthTruth['recording_shifts'][number] {
  const means = backgroundMeans(createRng(0, 'unused'), s.force, [months[s.fromT]!], scale);
  const total = SYNTH_CATEGORIES.reduce((a, c) => a + means[c][0]!, 0);
  const before = means[s.category][0]! / total;
  const after = (means[s.category][0]! + means[s.from][0]! * s.fraction) / total;
  return {
    force_id: s.force, category: s.category, from_category: s.from, from_month: months[s.fromT]!, transfer_fraction: s.fraction,
    expected_share_before: round4(before), expected_share_after: round4(after),
  };
}

/** The truth of an emerging cluster, given the force's monthly means. */
export function clusterRecord(c: InjectionPlan['clusters'][number], g: ForceGeography, means: Record<SynthCategory, Float64Array>, months: readonly string[]): EmergingCluster {
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
