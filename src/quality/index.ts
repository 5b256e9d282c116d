/**
 * Data quality against the national standard: checks grouped by the six dimensions of the UK
 * Government Data Quality Framework, findings with their evidence, 0–100 scores per force, month
 * and dimension, a national league table and each force's trend. See docs/quality.md.
 *
 * Run with `runQuality(store)` (incremental: only what changed) after every load; read the stored
 * results with the functions below (the API and dashboard use these).
 */
import { PeelError, isForceId, isMonth } from '../standard/index.ts';
import type { Store, FindingRow, ScoreRow, LeagueRow, Page, FindingQuery } from '../store/index.ts';
import { DIMENSIONS, SEVERITIES, CHECK_IDS, DATASETS, type Dimension, type Severity, type CheckId, type Dataset } from './checks.ts';

export { runQuality, type RunOptions, type RunSummary } from './run.ts';
export { CHECKS, CHECK_IDS, DIMENSIONS, SEVERITIES, DATASETS, FAR_FROM_LSOA_KM, OUTCOME_LAG_MONTHS, severityOf, scoreOf } from './checks.ts';
export type { CheckId, Dimension, Severity, Dataset, CheckDefinition, Thresholds } from './checks.ts';
export { findGaps, changepointTest, detectRecordingShifts, volumeExpectations, detectVolumeShifts, RECORDING_SHIFT, VOLUME_SHIFT } from './series.ts';
export { renderReportHtml, findingsCsv, type ReportData } from './report.ts';
export type { FindingRow, ScoreRow, LeagueRow } from '../store/index.ts';

/** One finding as `peel quality --json` prints it. */
export interface Finding {
  readonly check: CheckId;
  readonly dimension: Dimension;
  readonly severity: Severity;
  readonly force_id: string;
  readonly month: string | null;
  readonly dataset: Dataset;
  readonly value: number | null;
  readonly threshold: number | null;
  readonly message: string;
  readonly sample_ids: string[];
  readonly subject: string;
  readonly finding_id: string;
  readonly detail: Record<string, unknown> | null;
}

/** Filters and paging of findings: the store's query, unchecked (readFindings validates it). */
export type FindingFilter = FindingQuery;

function checkIn<T extends string>(name: string, v: string | undefined, allowed: readonly T[]): T | undefined {
  if (v === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(v)) throw new PeelError('bad_input', `unknown ${name} "${v}": choose one of ${allowed.join(', ')}`);
  return v as T;
}

function checkForce(v: string | undefined): string | undefined {
  if (v !== undefined && !isForceId(v)) throw new PeelError('bad_input', `unknown force "${v}": use a data.police.uk slug such as avon-and-somerset`);
  return v;
}

function checkMonth(name: string, v: string | undefined): string | undefined {
  if (v !== undefined && !isMonth(v)) throw new PeelError('bad_input', `${name} must be a YYYY-MM month, not "${v}"`);
  return v;
}

function toFinding(r: FindingRow): Finding {
  return { ...r, check: r.check as CheckId, dimension: r.dimension as Dimension, severity: r.severity as Severity, dataset: r.dataset as Dataset };
}

/** Stored findings, most severe first, with filters and paging (limit ≤ 10,000). */
export async function readFindings(store: Store, f: FindingFilter = {}): Promise<Page<Finding>> {
  const limit = f.limit ?? 100;
  if (!Number.isInteger(limit) || limit < 0 || limit > 10_000) throw new PeelError('bad_input', `limit must be a whole number from 0 to 10000, not ${limit}`);
  const page = await store.quality.findings({
    force: checkForce(f.force), month: checkMonth('month', f.month), check: checkIn('check', f.check, CHECK_IDS),
    dimension: checkIn('dimension', f.dimension, DIMENSIONS), severity: checkIn('severity', f.severity, SEVERITIES),
    dataset: checkIn('dataset', f.dataset, DATASETS), limit, offset: f.offset ?? 0,
  });
  return { ...page, items: page.items.map(toFinding) };
}

/** Scores per force, month and dimension (`overall` included). */
export async function readScores(store: Store, q: { force?: string; month?: string; from?: string; to?: string; dimension?: string } = {}): Promise<ScoreRow[]> {
  return store.quality.scores({
    force: checkForce(q.force), month: checkMonth('month', q.month), from: checkMonth('from', q.from), to: checkMonth('to', q.to),
    dimension: checkIn('dimension', q.dimension, [...DIMENSIONS, 'overall'] as const),
  });
}

export interface LeagueTable {
  /** The earliest and latest month of any force's window. */
  readonly from: string;
  readonly to: string;
  /** Months in each force's window. */
  readonly months: number;
  /** The definition of the scores, for whoever shows them. */
  readonly basis: string;
  /** The forces the table covers (those with scores in their window). */
  readonly forces: string[];
  readonly rows: LeagueRow[];
}

/** How the league's and the scorecard's 12-month score is defined, in words (shown beside it). */
export const LEAGUE_BASIS = 'mean overall score over the months each force holds among the 12 ending its own latest month';

/**
 * The national league table: forces ranked by their mean overall score over their own window, the
 * months each holds among the `months` (default 12) ending its own latest held month at or before
 * `to` (default: its latest), with the mean of each dimension and their findings in that window.
 * Forces publish different ranges, so one national window would score most forces on months they
 * do not hold (in ../shared/data, 2024-03 is Lincolnshire's alone).
 */
export async function leagueTable(store: Store, q: { to?: string; months?: number } = {}): Promise<LeagueTable> {
  const to = checkMonth('to', q.to) ?? null;
  const months = q.months ?? 12;
  if (!Number.isInteger(months) || months < 1) throw new PeelError('bad_input', `months must be a whole number ≥ 1, not ${months}`);
  const rows = await store.quality.leagueTable({ to, months }, DIMENSIONS);
  if (!rows.length) {
    if (!(await store.quality.scoredMonths()).last) throw new PeelError('no_data', 'no quality scores yet: load data with `peel ingest` (quality runs after every load) or run `peel quality run`');
    throw new PeelError('no_data', `no force holds scored months up to ${to}`);
  }
  const basis = months === 12 ? LEAGUE_BASIS : LEAGUE_BASIS.replace('12', String(months));
  return {
    from: rows.reduce((a, r) => (r.from < a ? r.from : a), rows[0].from), to: rows.reduce((a, r) => (r.to > a ? r.to : a), rows[0].to),
    months, basis, forces: rows.map((r) => r.force_id).sort(), rows,
  };
}

/** The months each force holds (any dataset), in order: the months its scores can be read for. */
export async function heldMonths(store: Store, force?: string): Promise<Map<string, string[]>> {
  return store.quality.heldMonths(checkForce(force));
}

/** A force's scores month by month: overall and per dimension. */
export async function scoreTrend(store: Store, force: string): Promise<Array<{ month: string; overall: number | null } & Partial<Record<Dimension, number>>>> {
  const rows = await store.quality.scores({ force: checkForce(force) });
  const byMonth = new Map<string, Record<string, number>>();
  for (const r of rows) (byMonth.get(r.month) ?? byMonth.set(r.month, {}).get(r.month)!)[r.dimension] = r.score;
  return [...byMonth].map(([month, d]) => ({ month, overall: d.overall ?? null, ...d }));
}
