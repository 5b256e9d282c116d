/**
 * Data quality as the API serves it: the league table of forces, a force's scorecard for one
 * month (scores per dimension, its 12-month score as in the league) and its findings with sample
 * row ids. The closed lists (checks, dimensions, severities, datasets) are the quality
 * capability's own, read from its pure vocabulary file (not its front door, which holds Node code
 * the dashboard's type check must not pull in).
 */
import { z } from 'zod';
import { CHECK_IDS, DATASETS, DIMENSIONS, SEVERITIES } from '../quality/checks.ts';
import { MonthParam, PageQuery } from './schemas.ts';

export const QualityDimension = z.enum(DIMENSIONS);
export type QualityDimension = z.infer<typeof QualityDimension>;
export const QualitySeverity = z.enum(SEVERITIES);
export type QualitySeverity = z.infer<typeof QualitySeverity>;
export const QualityCheck = z.enum(CHECK_IDS);
export type QualityCheck = z.infer<typeof QualityCheck>;
export const QualityDataset = z.enum(DATASETS);

/** Findings by severity. */
export const SeverityCounts = z.object({ high: z.number().int(), medium: z.number().int(), low: z.number().int() });
export type SeverityCounts = z.infer<typeof SeverityCounts>;

/** A dimension's mean score (0–100) over a window; null where no check of it applied. */
const DimensionScores = z.record(z.string(), z.number().nullable()).describe('mean score (0–100) per dimension; null where no check of it applied');

/** One force in the league: its own window, mean scores and findings in that window. */
export const QualityLeagueRow = z.object({
  rank: z.number().int(),
  force_id: z.string(),
  force_name: z.string(),
  from: z.string().describe("first month of the force's own window"),
  to: z.string().describe("last month of the force's own window: its latest held month at or before `to`"),
  overall: z.number().describe('mean overall score (0–100) over the months of its window it holds'),
  dimensions: DimensionScores,
  months: z.number().int().describe('months held and scored in the window'),
  findings: SeverityCounts.describe('findings in the window (and those about a whole series), by severity'),
  basis: z.string().describe('how the score is defined, in words'),
});
export type QualityLeagueRow = z.infer<typeof QualityLeagueRow>;

export const QualityLeaguePage = z.object({ items: z.array(QualityLeagueRow), total: z.number().int(), limit: z.number().int(), offset: z.number().int() });
export type QualityLeaguePage = z.infer<typeof QualityLeaguePage>;

/** One finding: which check, how bad, the value against its threshold, sample row ids. */
export const QualityFinding = z.object({
  finding_id: z.string(),
  check: QualityCheck,
  check_title: z.string().describe("the check's plain title, e.g. rows without a location"),
  title: z.string().describe('the same as check_title'),
  definition: z.string().nullable().describe('what the check measures'),
  dimension: QualityDimension,
  dimension_name: z.string(),
  severity: QualitySeverity,
  force_id: z.string(),
  month: z.string().nullable().describe('null for a finding about a whole series'),
  dataset: QualityDataset,
  subject: z.string(),
  value: z.number().nullable(),
  threshold: z.number().nullable(),
  message: z.string(),
  sample_ids: z.array(z.string()).describe('ids of sample rows (reading them needs records:read)'),
  detail: z.record(z.string(), z.unknown()).nullable().describe("the numbers behind the finding (the check's own)"),
});
export type QualityFinding = z.infer<typeof QualityFinding>;

/** The 12-month score, as the league computes it. */
export const QualityWindowScore = z.object({
  overall: z.number(), dimensions: DimensionScores, from: z.string(), to: z.string(), months: z.number().int(), basis: z.string(), findings: SeverityCounts,
});

const dimensionScore = z.number().optional().describe('score (0–100) of the month shown; absent where no check of it applied');

/** A force's scorecard for one month. */
export const QualityScorecard = z.object({
  force_id: z.string(),
  force_name: z.string(),
  month: z.string().describe('the month scored'),
  months_held: z.array(z.string()),
  month_basis: z.string(),
  overall: dimensionScore,
  completeness: dimensionScore,
  uniqueness: dimensionScore,
  consistency: dimensionScore,
  timeliness: dimensionScore,
  validity: dimensionScore,
  accuracy: dimensionScore,
  score_12m: QualityWindowScore.nullable().describe('the 12-month score ending at the month shown, as in the league; null when the league has no row for the force'),
  findings: z.array(QualityFinding).describe("the month's findings, most severe first"),
  findings_total: z.number().int(),
  findings_in_window: SeverityCounts.extend({ from: z.string(), to: z.string(), total: z.number().int() }).nullable(),
});
export type QualityScorecard = z.infer<typeof QualityScorecard>;

/** The score keys of a scorecard, in the order they are shown. */
export const SCORECARD_SCORES = ['overall', ...DIMENSIONS] as const;

// ---------------------------------------------------------------- requests

export const ScorecardQuery = z.object({ month: MonthParam.optional().describe('the month scored (default: the latest the force has scores for)') });
export const QualityLeagueQuery = PageQuery.extend({
  to: MonthParam.optional().describe('last month of each force\'s window (default: each force\'s own latest month)'),
});
export const QualityScorecardQuery = z.object({
  month: MonthParam.optional().describe('the month scored (default: the force\'s own latest held month)'),
});
