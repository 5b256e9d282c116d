/**
 * Data quality against the national standard: checks grouped by the six dimensions of the UK
 * Government Data Quality Framework, findings with their evidence, 0–100 scores per force, month
 * and dimension, a national league table and each force's trend. See docs/quality.md.
 *
 * Run with `runQuality(store)` (incremental: only what changed) after every load; read the stored
 * results with the functions below (the API and dashboard use these).
 */
import { PeelError, isForceId, isMonth, addMonths } from '../standard/index.ts';
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
  readonly from: string;
  readonly to: string;
  readonly rows: LeagueRow[];
}

/**
 * The national league table: forces ranked by their mean overall score over the twelve months
 * ending `to` (default: the latest month scored), with the mean of each dimension and their
 * findings in that window.
 */
export async function leagueTable(store: Store, q: { to?: string; months?: number } = {}): Promise<LeagueTable> {
  const to = checkMonth('to', q.to) ?? (await store.quality.scoredMonths()).last;
  if (!to) throw new PeelError('no_data', 'no quality scores yet: load data with `peel ingest` (quality runs after every load) or run `peel quality run`');
  const months = q.months ?? 12;
  const from = addMonths(to, -(months - 1));
  return { from, to, rows: await store.quality.leagueTable(from, to, DIMENSIONS) };
}

/** A force's scores month by month: overall and per dimension. */
export async function scoreTrend(store: Store, force: string): Promise<Array<{ month: string; overall: number | null } & Partial<Record<Dimension, number>>>> {
  const rows = await store.quality.scores({ force: checkForce(force) });
  const byMonth = new Map<string, Record<string, number>>();
  for (const r of rows) (byMonth.get(r.month) ?? byMonth.set(r.month, {}).get(r.month)!)[r.dimension] = r.score;
  return [...byMonth].map(([month, d]) => ({ month, overall: d.overall ?? null, ...d }));
}
