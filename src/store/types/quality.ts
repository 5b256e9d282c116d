/**
 * Data quality: the counts the checks of `src/quality` judge, the measures, findings and scores
 * they produce, and `QualityStore`, which counts (per force × dataset × month) and keeps the
 * results. `src/quality` turns counts into check values, findings and scores and hands them back to
 * be saved; scores per force, month and dimension are aggregated by the store from the saved
 * measures. Every key is led by `force_id`. Types only; the DuckDB implementation is
 * `src/store/duckdb/quality.ts`.
 */
import type { Page } from './core.ts';

export type QualityOrigin = 'row' | 'series' | 'national';

export interface ForceMonthKey {
  readonly force_id: string;
  readonly kind: string;
  readonly month: string;
}

export interface HeldForceMonth extends ForceMonthKey {
  readonly rows: number;
  readonly batch_id: string;
}

/** Counts of one force-month of the street or outcomes table. */
export interface LocatedCounts {
  readonly force_id: string;
  readonly dataset: 'street' | 'outcomes';
  readonly month: string;
  readonly rows: number;
  readonly no_location: number;
  readonly s_no_location: string[];
  /** Rows with coordinates but no LSOA code. */
  readonly no_lsoa: number;
  readonly s_no_lsoa: string[];
  /** Crimes (street: not anti-social behaviour) and those of them without an outcome. */
  readonly crimes: number;
  readonly no_outcome: number;
  readonly s_no_outcome: string[];
  /** Rows with an LSOA code, and those the lookups know. */
  readonly with_lsoa: number;
  readonly lsoa_unknown: number;
  readonly s_lsoa_unknown: string[];
  readonly lsoa_known_named: number;
  readonly lsoa_name_mismatch: number;
  readonly s_lsoa_name_mismatch: string[];
  readonly lsoa_with_force: number;
  readonly lsoa_outside: number;
  readonly s_lsoa_outside: string[];
  /** Forces whose LSOAs the outside rows lie in: [{force_id, n}] as JSON. */
  readonly outside_forces: string | null;
  readonly with_point: number;
  readonly far: number;
  readonly s_far: string[];
  readonly max_km: number | null;
}

export interface DuplicateCounts {
  readonly force_id: string;
  readonly month: string;
  readonly rows_with_id: number;
  readonly repeated_ids: number;
  readonly extra_copies: number;
  readonly max_copies: number;
  readonly differ_coordinates: number;
  readonly differ_lsoa: number;
  readonly differ_outcome: number;
  readonly identical: number;
  readonly sample_ids: string[];
}

export interface StopSearchCounts {
  readonly force_id: string;
  readonly month: string;
  readonly rows: number;
  readonly no_location: number;
  readonly s_no_location: string[];
}

export interface QuarantineCounts {
  readonly force_id: string;
  readonly kind: string;
  readonly month: string;
  readonly batch_id: string;
  readonly rows_read: number;
  readonly rows_quarantined: number;
  /** [{reason, n}] as JSON. */
  readonly reasons: string | null;
  readonly sample_ids: string[];
}

export interface MonthlyCount {
  readonly force_id: string;
  readonly month: string;
  readonly category: string;
  readonly n: number;
}

export interface MeasureRow {
  readonly force_id: string;
  readonly check_id: string;
  readonly dimension: string;
  readonly dataset: string;
  readonly month: string | null;
  readonly subject: string;
  readonly value: number | null;
  readonly numerator: number | null;
  readonly denominator: number | null;
  readonly score: number | null;
}

export interface FindingRow {
  readonly finding_id: string;
  readonly check: string;
  readonly dimension: string;
  readonly severity: string;
  readonly force_id: string;
  readonly month: string | null;
  readonly dataset: string;
  readonly subject: string;
  readonly value: number | null;
  readonly threshold: number | null;
  readonly message: string;
  readonly sample_ids: string[];
  /** The numbers behind the finding, as a JSON object. */
  readonly detail: Record<string, unknown> | null;
}

export interface ScoreRow {
  readonly force_id: string;
  readonly month: string;
  readonly dimension: string;
  readonly score: number;
}

export interface LeagueRow {
  readonly rank: number;
  readonly force_id: string;
  /** The force's own window: the months it holds (any dataset) among the `months` ending its own latest held month (at or before the table's `to`). */
  readonly from: string;
  readonly to: string;
  /** Mean overall score over the months of its window that it holds. */
  readonly overall: number;
  /** Mean score per dimension over the window (null where no check of it applied). */
  readonly dimensions: Record<string, number | null>;
  /** Months held and scored in the window. */
  readonly months: number;
  /** Findings in the window (and those about a whole series, with no month), by severity. */
  readonly findings: { readonly high: number; readonly medium: number; readonly low: number };
}

export interface FindingQuery {
  readonly force?: string;
  readonly month?: string;
  readonly check?: string;
  readonly dimension?: string;
  readonly severity?: string;
  readonly dataset?: string;
  readonly limit?: number;
  readonly offset?: number;
}

export interface ScoreQuery {
  readonly force?: string;
  readonly month?: string;
  readonly from?: string;
  readonly to?: string;
  readonly dimension?: string;
}

export interface SaveQuality {
  readonly runId: string;
  readonly mode: string;
  readonly startedAt: number;
  /** Force-months whose row-level results are replaced. */
  readonly rowScope: readonly ForceMonthKey[];
  /** Forces whose series results are replaced. */
  readonly seriesForces: readonly string[];
  readonly measures: ReadonlyArray<MeasureRow & { origin: QualityOrigin }>;
  readonly findings: ReadonlyArray<FindingRow & { origin: QualityOrigin }>;
  readonly geoVersion: string;
}

/** Street crimes (not anti-social behaviour) of one force-month and those still under investigation. A type alias, not an interface, so a backend's row read (`db.all(...)`) returns it without a cast. */
export type OutcomeCounts = {
  force_id: string;
  month: string;
  crimes: number;
  under_investigation: number;
  /** Up to 5 row ids of crimes under investigation. */
  sample_ids: string[];
};

/** Measure list filters (absent means any). */
export interface MeasureQuery {
  force?: string;
  check?: string;
  dataset?: string;
  month?: string;
}

/** One quality run as recorded (started_at ISO 8601 UTC to the second; ms its duration). A type alias, not an interface, so a backend's row read (`db.all(...)`) returns it without a cast. */
export type QualityRun = {
  run_id: string;
  mode: string;
  started_at: string;
  ms: number;
  force_months: number;
  forces: number;
  findings: number;
};

export interface QualityStore {
  /** Every force × dataset × month held, with its rows and the batch holding it, ordered by force, dataset, month. */
  heldForceMonths(): Promise<HeldForceMonth[]>;
  /**
   * Force-months whose stored quality results are missing or were computed from other data (another
   * batch) or other lookups (another `geoVersion`), ordered by force, dataset, month.
   */
  staleForceMonths(geoVersion: string): Promise<ForceMonthKey[]>;
  /**
   * Row-level counts of the street or outcomes force-months in `scope` (entries of other datasets
   * ignored), ordered by force, month: rows without a location or LSOA, crimes without an outcome,
   * LSOAs unknown, misnamed or of another force, and points farther than `farKm` from their LSOA's
   * point, each with up to 5 sample row ids. Lookup joins need geography loaded (else nothing is
   * known and nothing is outside).
   */
  locatedCounts(dataset: 'street' | 'outcomes', scope: readonly ForceMonthKey[], farKm: number): Promise<LocatedCounts[]>;
  /**
   * Crime IDs repeated within each street force-month of `scope`, and how their copies differ
   * (coordinates, LSOA, outcome), with up to 10 sample row ids, ordered by force, month.
   */
  duplicateCounts(scope: readonly ForceMonthKey[]): Promise<DuplicateCounts[]>;
  /** Stop-and-search rows of each force-month of `scope` and those without a location (up to 5 samples), ordered by force, month. */
  stopSearchCounts(scope: readonly ForceMonthKey[]): Promise<StopSearchCounts[]>;
  /**
   * For each force-month of `scope`, the batch holding it: rows read and quarantined, the
   * quarantined rows by reason code (JSON, most first) and up to 5 samples (`source:line`);
   * ordered by force, dataset, month.
   */
  quarantineCounts(scope: readonly ForceMonthKey[]): Promise<QuarantineCounts[]>;
  /** Crimes (street rows other than anti-social behaviour) and those still under investigation, per force-month of `forces`, ordered by force, month. */
  outcomeCounts(forces: readonly string[]): Promise<OutcomeCounts[]>;
  /** Street rows per force × month × category (from the cube), for the series checks, ordered by force, month, category. */
  monthlyCategoryCounts(forces: readonly string[]): Promise<MonthlyCount[]>;
  /**
   * Saves one run's results in one transaction: row-level results of the force-months in
   * `rowScope`, series results of the `seriesForces` and every national result are replaced, the
   * scores are re-aggregated from every stored measure ('overall' is the mean of the dimensions),
   * the state (batch and geography version) of the force-months in scope is recorded, and the run
   * is logged. Nothing is written when anything fails.
   */
  save(s: SaveQuality): Promise<void>;
  /**
   * Findings with filters, most severe first (high, medium, low), then force, dataset, check,
   * month (series-wide findings first), subject; paged (`limit` default 100, `offset` 0).
   */
  findings(q?: FindingQuery): Promise<Page<FindingRow>>;
  /** Stored measures (every check value, whether or not it made a finding), ordered by force, check, dataset, month, subject. */
  measures(q?: MeasureQuery): Promise<MeasureRow[]>;
  /** Scores per force, month and dimension ('overall' included), with filters (`from`/`to` inclusive), ordered by force, month, dimension. */
  scores(q?: ScoreQuery): Promise<ScoreRow[]>;
  /**
   * Forces ranked by their mean overall score over their own window: the months each force holds
   * (any dataset) among the `months` ending its own latest held month at or before `to` (default:
   * its latest). A force is never scored on months it does not hold. `dimensions` lists the
   * dimensions each row reports (null where none of its checks applied). Ties (to 6 decimals)
   * share a rank; ordered by rank, then force.
   */
  leagueTable(q: { to: string | null; months: number }, dimensions: readonly string[]): Promise<LeagueRow[]>;
  /** Months each force holds, any dataset, distinct and ascending (only `force` when given). */
  heldMonths(force?: string): Promise<Map<string, string[]>>;
  /** Earliest and latest months with scores (null when none). */
  scoredMonths(): Promise<{ first: string | null; last: string | null }>;
  /** The latest quality run, or undefined when none has run. */
  lastRun(): Promise<QualityRun | undefined>;
}
