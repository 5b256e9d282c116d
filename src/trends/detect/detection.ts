/**
 * A detection: one significant finding of one method, before overlapping findings are grouped into
 * alerts. A tagged union on `kind`; each kind carries the numbers its explanation needs.
 */
import type { CrimeCategory } from '../../standard/index.ts';
import type { EvidencePoint, NewAlert } from '../../store/index.ts';
import type { EhsaClass } from '../ehsa.ts';
import type { BaselineMethod } from './baseline.ts';

/** What a detection shares with the alert it becomes (see NewAlert), narrowed where detection knows more. */
interface DetectionBase extends Pick<NewAlert,
  'force_ids' | 'area_type' | 'area_ids' | 'h3_cells' | 'period_start' | 'period_end' | 'observed' | 'expected' | 'threshold' | 'method' | 'params'> {
  readonly category: CrimeCategory;
  readonly p: number;
  readonly q: number;
  readonly series: readonly EvidencePoint[];
  readonly significantLastMonth: boolean | null;
  /** The districts the areas lie in, most of the areas first (named in the explanation). */
  readonly districts?: readonly string[];
  /** For LSOA areas: their ONS names, in the order of `area_ids` (the most crimes first where known). */
  readonly areaNames?: readonly string[];
}

export type Detection =
  | (DetectionBase & { readonly kind: 'exceedance'; readonly baseline: BaselineMethod; readonly history: number; readonly level: 'force' | 'lsoa' | 'h3_r7' })
  | (DetectionBase & { readonly kind: 'hot_spot'; readonly z: number })
  | (DetectionBase & { readonly kind: 'emerging_hot_spot'; readonly ehsaClass: EhsaClass; readonly z: number })
  | (DetectionBase & { readonly kind: 'space_time_cluster'; readonly relativeRisk: number; readonly llr: number; readonly months: number });
