/**
 * Alerts of the emerging-trend detection (`src/trends/detect/`): the vocabularies, the alert and
 * run rows, and `AlertsStore`: the reads detection needs (aggregated by the store, so the
 * statistics run in memory on one read per run) and the reads and status changes the CLI, API and
 * dashboard use. Types only; the DuckDB implementation is `src/store/duckdb/alerts.ts`.
 *
 * Alert ids are derived from what was found (month, category, kind, place), so a re-run for the
 * same month and forces replaces the alerts but a finding found again keeps its id and its status:
 * statuses and their history are kept apart from the alerts.
 */
import type { Page } from './core.ts';

export const ALERT_KINDS = ['exceedance', 'hot_spot', 'emerging_hot_spot', 'space_time_cluster'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];
export const ALERT_STATUSES = ['new', 'acknowledged', 'dismissed', 'actioned'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];
export const ALERT_AREA_TYPES = ['force', 'lsoa', 'h3'] as const;
/**
 * Where an alert sits in its force-month's review (see docs/detect.md#review): `inbox` (within the
 * review budget, the highest priorities), `beyond_budget` (ranked after the budget: still listed
 * with `--all` or `review=beyond_budget`), `recording_change` (raised in a force-month whose data
 * quality shows a recording-practice or volume shift: read with care, never ranked as an emergency).
 */
export const ALERT_REVIEWS = ['inbox', 'beyond_budget', 'recording_change'] as const;
export type AlertReview = (typeof ALERT_REVIEWS)[number];
export type AlertAreaType = (typeof ALERT_AREA_TYPES)[number];

/** One month of an alert's evidence series: the count, and the baseline where it was computed. */
export interface EvidencePoint {
  readonly month: string;
  readonly observed: number;
  readonly expected: number | null;
  readonly threshold: number | null;
}

/** One detection that was grouped into an alert (the alert's own numbers are its lead member's). */
export interface AlertMember {
  readonly kind: AlertKind;
  readonly method: string;
  readonly area_type: AlertAreaType;
  readonly area_ids: readonly string[];
  readonly observed: number;
  readonly expected: number;
  readonly threshold: number | null;
  readonly p: number | null;
  readonly q: number | null;
}

/** What an alert rests on, enough to draw it: its series, its cells and every grouped detection. */
export interface AlertEvidence {
  readonly series: readonly EvidencePoint[];
  readonly members: readonly AlertMember[];
  /** True when the previous month of the same series was already significant. */
  readonly significant_last_month: boolean | null;
  /** Free-form extra numbers of the method (e.g. z-scores, emerging hot spot class). */
  readonly notes: Readonly<Record<string, string | number | boolean | null>>;
}

/** An alert as detection writes it. */
export interface NewAlert {
  readonly alert_id: string;
  readonly kind: AlertKind;
  readonly force_ids: readonly string[];
  readonly category: string;
  readonly area_type: AlertAreaType;
  readonly area_ids: readonly string[];
  /** H3 resolution-8 cells covering the place (empty for a whole force). */
  readonly h3_cells: readonly string[];
  readonly period_start: string;
  readonly period_end: string;
  readonly observed: number;
  readonly expected: number;
  readonly threshold: number | null;
  readonly p: number | null;
  readonly q: number | null;
  readonly priority: number;
  readonly method: string;
  readonly params: Readonly<Record<string, string | number | boolean | null>>;
  readonly evidence: AlertEvidence;
  readonly explanation: string;
  /** The place in words: "Leicester 023A and 2 neighbouring areas of Leicester", never a code. */
  readonly place: string;
  /** Its place in the force-month's review (see ALERT_REVIEWS). */
  readonly review: AlertReview;
  /** 1 = reviewed first, within its lead force and month. */
  readonly review_rank: number;
  /** The quality finding that marks the force-month as a recording change, in words; null when none. */
  readonly recording_change: string | null;
}

/** A stored alert with its run and status. */
export interface StoredAlert extends NewAlert {
  readonly run_id: string;
  readonly month: string;
  readonly status: AlertStatus;
  readonly status_reason: string | null;
  readonly status_changed_at: string | null;
}

/** A list row: everything but the evidence. */
export type AlertSummary = Omit<StoredAlert, 'evidence'>;

export interface AlertRun {
  readonly run_id: string;
  readonly month: string;
  readonly forces: readonly string[];
  readonly started_at: string;
  readonly finished_at: string;
  readonly ms_total: number;
  readonly alerts: number;
  readonly tests: number;
  readonly options: Readonly<Record<string, unknown>>;
}

export interface AlertQuery {
  readonly force?: string;
  readonly status?: AlertStatus;
  readonly kind?: AlertKind;
  readonly category?: string;
  readonly month?: string;
  /** Only alerts of at least this priority. */
  readonly minPriority?: number;
  /** Only alerts in this part of the review (default: every alert). */
  readonly review?: AlertReview;
  /** Leave out dismissed alerts (the counts an analyst still has to deal with). */
  readonly open?: boolean;
  readonly limit?: number;
  readonly offset?: number;
}

export interface AlertStatusChange {
  readonly status: Exclude<AlertStatus, 'new'>;
  readonly reason?: string;
  /** Who made the change (an account or token name, or `cli:<user>`); kept in the alert's history. */
  readonly actor?: string;
}

/** One change in an alert's triage history: what it became, who made it, when, and the note or reason. */
export interface AlertEvent {
  readonly status: AlertStatus;
  readonly reason: string | null;
  readonly actor: string | null;
  readonly changed_at: string;
}

/** One area's monthly counts: `counts[i]` in `months[i]`, months in no particular order (h3Series, lsoaSeries). */
export interface AreaSeries {
  readonly force_id: string;
  readonly category: string;
  readonly area_id: string;
  readonly months: string[];
  readonly counts: number[];
}

export type AreaLevel = 'lsoa' | 'h3_r7' | 'h3_r8';

export interface AreaScreen {
  readonly forces?: readonly string[];
  /** The month under test. */
  readonly month: string;
  /** First month of history read. */
  readonly from: string;
  readonly level: AreaLevel;
  /** A series is a candidate when its count this month is at least this... */
  readonly minCount: number;
  /** ...and at least its historical monthly mean plus this many Poisson standard deviations. */
  readonly sdFactor: number;
}

export interface AreaScreenResult {
  /** Number of place × category series with any count in the window, per force (the family sizes). */
  readonly tested: Record<string, number>;
  readonly candidates: AreaSeries[];
}

/** Which months of which forces a series read covers. */
export interface SeriesQuery {
  /** Forces to read; every force when absent or empty. */
  readonly forces?: readonly string[];
  /** The window, consecutive months in order; the series come back dense over exactly these. */
  readonly months: readonly string[];
}

export interface AlertsStore {
  /** Months of street data each force holds, ascending, keyed by force (only `forces` when given and not empty). */
  forceMonths(forces?: readonly string[]): Promise<Map<string, string[]>>;
  /**
   * Screens every place × category series of a level (LSOA, H3 r7 or r8; located rows only) over
   * [`from`, `month`] in one aggregate read and returns the full series of the candidates only:
   * those whose count in `month` is ≥ `minCount` and ≥ mean + `sdFactor`·√mean, the mean taken
   * over the force's held street months before `month` in the window. `tested` gives per force the
   * number of series with any count in the window, to size the multiple-testing family. Candidate
   * series hold only the months with a count (ascending); candidates ordered by force, category, area.
   */
  screenAreas(q: AreaScreen): Promise<AreaScreenResult>;
  /**
   * Every H3 resolution-8 series (cells as hex) with any count in `q.months`, by force and category,
   * dense: `months` is the window itself and `counts[i]` its count in `months[i]` (0 where none).
   * Ordered by force, category, cell.
   */
  h3Series(q: SeriesQuery): Promise<AreaSeries[]>;
  /** As `h3Series`, for LSOAs (located rows with an LSOA code only). */
  lsoaSeries(q: SeriesQuery): Promise<AreaSeries[]>;
  /**
   * Where each LSOA with located street rows in [`from`, `to`] is: the mean of those rows' points
   * (data.police.uk's anonymised map points, which lie in the LSOA), in degrees, keyed by LSOA code.
   */
  lsoaPlaces(q: { forces?: readonly string[]; from: string; to: string }): Promise<Map<string, { lon: number; lat: number }>>;
  /**
   * The district (local authority) each of these LSOAs lies in, from its name in the street rows:
   * ONS names an LSOA after its district and a code ("Leicester 023A" is in Leicester). LSOAs with
   * no named row are left out.
   */
  lsoaDistricts(codes: readonly string[]): Promise<Map<string, string>>;
  /**
   * Each of these LSOAs' name and district: the ONS name from the geography lookups where loaded,
   * else the name the street rows give. LSOAs named by neither are left out.
   */
  lsoaNames(codes: readonly string[]): Promise<Map<string, { name: string; district: string }>>;
  /** The LSOAs each of these H3 resolution-8 cells (hex) has had crimes in, most crimes first (ties by code). */
  cellLsoas(cells: readonly string[]): Promise<Map<string, string[]>>;
  /** The H3 resolution-8 cells (hex, ascending) where each of these LSOAs has had crimes (their geometry as cells). */
  lsoaCells(codes: readonly string[]): Promise<Map<string, string[]>>;
  /**
   * Replaces the alerts of `run.forces` for `run.month` with `alerts` (each stored under its lead
   * force, `force_ids[0]`), and records the run, in one transaction: readers see the old alerts or
   * the new, never a mix. Statuses are untouched, so a finding found again keeps its status.
   */
  saveRun(run: AlertRun, alerts: readonly NewAlert[]): Promise<void>;
  /**
   * Alerts with filters (`force` matches any of an alert's forces), paged (`limit` default 50,
   * `offset` 0; `total` counts every match): the inbox first, then beyond the budget, then recording
   * changes; within each, highest priority first, then newest month, then alert id.
   */
  list(q?: AlertQuery): Promise<Page<AlertSummary>>;
  /** One alert with its evidence and current status, or undefined. */
  get(alertId: string): Promise<StoredAlert | undefined>;
  /** As `get`; throws PeelError `not_found` when there is no such alert. */
  getOrThrow(alertId: string): Promise<StoredAlert>;
  /**
   * Moves an alert along new → acknowledged → dismissed | actioned (dismissed and actioned are
   * final) and appends the change, with its reason and actor, to the alert's history, in one
   * transaction. Returns the alert after. Throws PeelError `bad_input` for a status outside those
   * three or a dismissal without a reason, `not_found` for an unknown alert, `conflict` for a move
   * the order above forbids.
   */
  setStatus(alertId: string, change: AlertStatusChange): Promise<StoredAlert>;
  /** An alert's status changes (its triage history: what, who, when, the note), oldest first; empty when none or unknown. */
  events(alertId: string): Promise<AlertEvent[]>;
  /** Months with stored alerts, per lead force, ascending (only `forces` when given and not empty). */
  alertMonths(forces?: readonly string[]): Promise<Map<string, string[]>>;
  /** Detection runs, newest first (by finish), at most `limit` (default 20). */
  runs(limit?: number): Promise<AlertRun[]>;
}
