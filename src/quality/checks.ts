/**
 * The data-quality checks of the national standard, grouped by the six dimensions of the UK
 * Government Data Quality Framework (2020). Each check has a stable id, states what it counts,
 * its denominator and its thresholds; `docs/quality.md` repeats the same definitions for readers.
 *
 * Values are "higher is worse". A check makes a finding when its value is above `threshold`;
 * the finding is `medium` from `medium` up and `high` from `high` up (a check whose severity is
 * fixed sets all three to the same value). Each measured value also gets a score
 * 0–100: `100 × max(0, 1 − value / zero)`, so a value of `zero` or worse scores 0.
 */
export const DIMENSIONS = ['completeness', 'uniqueness', 'consistency', 'timeliness', 'validity', 'accuracy'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export const SEVERITIES = ['high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const DATASETS = ['street', 'outcomes', 'stop_search'] as const;
export type Dataset = (typeof DATASETS)[number];

export const CHECK_IDS = [
  'completeness.no_location',
  'completeness.no_lsoa',
  'completeness.no_outcome',
  'completeness.missing_months',
  'uniqueness.duplicate_crime_id',
  'consistency.lsoa_name_mismatch',
  'consistency.lsoa_unknown',
  'consistency.lsoa_outside_force',
  'consistency.point_far_from_lsoa',
  'timeliness.months_since_last',
  'timeliness.outcome_lag',
  'validity.quarantined',
  'accuracy.recording_shift',
  'accuracy.volume_shift',
] as const;
export type CheckId = (typeof CHECK_IDS)[number];

export interface Thresholds {
  /** A finding when the value is above this. */
  readonly threshold: number;
  /** `medium` from this value up. */
  readonly medium: number;
  /** `high` from this value up. */
  readonly high: number;
  /** The value that scores 0. */
  readonly zero: number;
}

export interface CheckDefinition {
  readonly dimension: Dimension;
  readonly title: string;
  /** What is counted, over what, per what. */
  readonly definition: string;
  readonly datasets: readonly Dataset[];
  /** Thresholds per dataset the check applies to. */
  readonly thresholds: Partial<Record<Dataset, Thresholds>>;
}

/** Months a crime must be old before "still under investigation" counts against the force. */
export const OUTCOME_LAG_MONTHS = 6;
/** Distance (km) from the LSOA's point beyond which a row's point is "far" from its LSOA. */
export const FAR_FROM_LSOA_KM = 25;

const t = (threshold: number, medium: number, high: number, zero: number): Thresholds => ({ threshold, medium, high, zero });

export const CHECKS: Record<CheckId, CheckDefinition> = {
  'completeness.no_location': {
    dimension: 'completeness',
    title: 'rows without a location',
    definition: 'rows with no coordinates (`No Location`) ÷ all rows of the force-month',
    datasets: ['street', 'outcomes', 'stop_search'],
    // Stop and search: forces withhold the location of a third of searches or more as a matter of course.
    thresholds: { street: t(0.05, 0.1, 0.3, 0.5), outcomes: t(0.05, 0.1, 0.3, 0.5), stop_search: t(0.35, 0.5, 0.8, 1) },
  },
  'completeness.no_lsoa': {
    dimension: 'completeness',
    title: 'located rows without an LSOA',
    definition: 'rows with coordinates but no LSOA code ÷ all rows of the force-month',
    datasets: ['street', 'outcomes'],
    thresholds: { street: t(0, 0.01, 0.05, 0.2), outcomes: t(0, 0.01, 0.05, 0.2) },
  },
  'completeness.no_outcome': {
    dimension: 'completeness',
    title: 'crimes without an outcome',
    definition: 'crimes (street rows other than anti-social behaviour, which never carry one) with an empty `Last outcome category` ÷ those crimes',
    datasets: ['street'],
    thresholds: { street: t(0.01, 0.05, 0.2, 0.5) },
  },
  'completeness.missing_months': {
    dimension: 'completeness',
    title: 'missing months',
    definition: 'months absent from a force\'s monthly series of a dataset: a gap between two held months, or months after its last held month up to the latest month any force holds for that dataset; one finding per run of missing months, value = months missing; every missing month scores 0',
    datasets: ['street', 'outcomes', 'stop_search'],
    thresholds: { street: t(0, 1, 1, 1), outcomes: t(0, 1, 1, 1), stop_search: t(0, 1, 1, 1) },
  },
  'uniqueness.duplicate_crime_id': {
    dimension: 'uniqueness',
    title: 'repeated Crime IDs',
    definition: 'extra copies of Crime IDs that appear more than once in a force-month (copies − 1 summed over repeated IDs) ÷ rows with a Crime ID',
    datasets: ['street'],
    thresholds: { street: t(0.002, 0.01, 0.05, 0.05) },
  },
  'consistency.lsoa_name_mismatch': {
    dimension: 'consistency',
    title: 'LSOA code and name disagree',
    definition: 'rows whose LSOA name is neither the 2011 nor the 2021 ONS name of their LSOA code (case-insensitive) ÷ rows whose LSOA code the lookup names',
    datasets: ['street', 'outcomes'],
    thresholds: { street: t(0.001, 0.01, 0.05, 0.2), outcomes: t(0.001, 0.01, 0.05, 0.2) },
  },
  'consistency.lsoa_unknown': {
    dimension: 'consistency',
    title: 'LSOA code not in the ONS lookups',
    definition: 'rows whose LSOA code is in neither the LSOA → LAD lookup nor the LSOA points ÷ rows with an LSOA code',
    datasets: ['street', 'outcomes'],
    thresholds: { street: t(0.001, 0.01, 0.05, 0.2), outcomes: t(0.001, 0.01, 0.05, 0.2) },
  },
  'consistency.lsoa_outside_force': {
    dimension: 'consistency',
    title: 'LSOA outside the force\'s own area',
    definition: 'rows whose LSOA lies (LSOA → LAD 2022 → current LAD → PFA) in another force\'s area ÷ rows whose LSOA the lookups place in a force',
    datasets: ['street', 'outcomes'],
    thresholds: { street: t(0.0075, 0.03, 0.25, 0.3), outcomes: t(0.0075, 0.03, 0.25, 0.3) },
  },
  'consistency.point_far_from_lsoa': {
    dimension: 'consistency',
    title: 'point far from its LSOA',
    definition: `rows whose point is more than ${FAR_FROM_LSOA_KM} km (equirectangular distance, within 0.1 % of the great circle) from their LSOA's point in lsoa_latlong.csv ÷ located rows whose LSOA has a point (the largest rural LSOAs measure under 25 km from their point)`,
    datasets: ['street', 'outcomes'],
    thresholds: { street: t(0, 0.001, 0.01, 0.05), outcomes: t(0, 0.001, 0.01, 0.05) },
  },
  'timeliness.months_since_last': {
    dimension: 'timeliness',
    title: 'months since the last submission',
    definition: 'months from the force\'s latest held month of a dataset to the latest month any force holds for it (one value per force and dataset; scored in that latest month)',
    datasets: ['street', 'outcomes', 'stop_search'],
    thresholds: { street: t(1, 2, 3, 12), outcomes: t(1, 2, 3, 12), stop_search: t(1, 2, 3, 12) },
  },
  'timeliness.outcome_lag': {
    dimension: 'timeliness',
    title: 'outcomes still under investigation',
    definition: `crimes still "Under investigation" ÷ crimes (street rows other than anti-social behaviour), counted only in months at least ${OUTCOME_LAG_MONTHS} months older than the force's latest held street month`,
    datasets: ['street'],
    thresholds: { street: t(0.05, 0.15, 0.3, 0.5) },
  },
  'validity.quarantined': {
    dimension: 'validity',
    title: 'rows quarantined',
    definition: 'rows of the batch holding the force-month that failed the national standard (by reason code) ÷ rows read from that batch',
    datasets: ['street', 'outcomes', 'stop_search'],
    thresholds: { street: t(0, 0.01, 0.05, 0.2), outcomes: t(0, 0.01, 0.05, 0.2), stop_search: t(0, 0.01, 0.05, 0.2) },
  },
  'accuracy.recording_shift': {
    dimension: 'accuracy',
    title: 'recording-practice shift',
    definition: 'a crime category\'s share of the force\'s street rows that jumps at one month and stays: max-type t of a step on top of a linear trend over split months, permutation p-value of the trend residuals (Bonferroni over the categories tested, family-wise false-positive rate 1 % per force), plus a jump of at least 1 percentage point and 20 % of the earlier share that happens within three months and still holds in the last three; value = the size of the step in share beyond the trend (absolute)',
    datasets: ['street'],
    thresholds: { street: t(0, 0, 0, 0.2) },
  },
  'accuracy.volume_shift': {
    dimension: 'accuracy',
    title: 'volume shift',
    definition: 'a month whose street rows (all, or one category) differ from the force\'s own expectation (median of up to six previous held months × the calendar month\'s seasonal factor when two or more earlier years give one) by more than a factor 1.5, more than 4 robust SDs of the force\'s own log ratios and more than 4 √expected; value = |ln(observed / expected)|; always medium: for human review, as it can be real (April 2020)',
    datasets: ['street'],
    thresholds: { street: t(Math.log(1.5), Math.log(1.5), Infinity, Math.log(4)) },
  },
};

export function thresholdsFor(check: CheckId, dataset: Dataset): Thresholds {
  const th = CHECKS[check].thresholds[dataset];
  if (!th) throw new Error(`check ${check} has no thresholds for dataset ${dataset}`);
  return th;
}

/** Severity of a value, or null when it is within the threshold. */
export function severityOf(check: CheckId, dataset: Dataset, value: number): Severity | null {
  const th = thresholdsFor(check, dataset);
  if (!(value > th.threshold)) return null;
  if (value >= th.high) return 'high';
  if (value >= th.medium) return 'medium';
  return 'low';
}

/** Score 0–100 of a value: `100 × max(0, 1 − value / zero)`. */
export function scoreOf(check: CheckId, dataset: Dataset, value: number): number {
  const { zero } = thresholdsFor(check, dataset);
  return 100 * Math.max(0, Math.min(1, 1 - value / zero));
}
