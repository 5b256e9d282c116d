/**
 * A detection: one significant finding of one method, before overlapping findings are grouped into
 * alerts. A tagged union on `kind`; each kind carries the numbers its explanation needs.
 */
import type { CrimeCategory } from '../../standard/index.ts';
import type { AlertAreaType, EvidencePoint } from '../../store/index.ts';
import type { EhsaClass } from '../ehsa.ts';
import type { BaselineMethod } from './baseline.ts';

interface DetectionBase {
  readonly force_ids: readonly string[];
  readonly category: CrimeCategory;
  readonly area_type: AlertAreaType;
  readonly area_ids: readonly string[];
  /** H3 resolution-8 cells covering the place (empty for a whole force). */
  readonly h3_cells: readonly string[];
  readonly period_start: string;
  readonly period_end: string;
  readonly observed: number;
  readonly expected: number;
  readonly threshold: number | null;
  readonly p: number;
  readonly q: number;
  readonly method: string;
  readonly params: Readonly<Record<string, string | number | boolean | null>>;
  readonly series: readonly EvidencePoint[];
  readonly significantLastMonth: boolean | null;
}

export type Detection =
  | (DetectionBase & { readonly kind: 'exceedance'; readonly baseline: BaselineMethod; readonly history: number; readonly level: 'force' | 'lsoa' | 'h3_r7' })
  | (DetectionBase & { readonly kind: 'hot_spot'; readonly z: number })
  | (DetectionBase & { readonly kind: 'emerging_hot_spot'; readonly ehsaClass: EhsaClass; readonly z: number })
  | (DetectionBase & { readonly kind: 'space_time_cluster'; readonly relativeRisk: number; readonly llr: number; readonly months: number });
