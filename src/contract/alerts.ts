/**
 * Alerts as the API serves them: a list row, the alert with its evidence (series, grouped
 * detections, areas) and triage history (who, when, the note), the alerts map layer, the months
 * per force, and the queries and triage requests. Every field is declared: the dashboard reads
 * these types, never guesses.
 */
import { z } from 'zod';
import { MonthParam, PageQuery } from './schemas.ts';
import { Polygon, featureCollectionOf, featureOf } from './geojson.ts';

export const ALERT_STATUS_VALUES = ['new', 'acknowledged', 'dismissed', 'actioned'] as const;
export const AlertStatus = z.enum(ALERT_STATUS_VALUES);
export type AlertStatus = z.infer<typeof AlertStatus>;

export const ALERT_KIND_VALUES = ['exceedance', 'hot_spot', 'emerging_hot_spot', 'space_time_cluster'] as const;
export const AlertKind = z.enum(ALERT_KIND_VALUES);
export type AlertKind = z.infer<typeof AlertKind>;

export const ALERT_REVIEW_VALUES = ['inbox', 'beyond_budget', 'recording_change'] as const;
export const AlertReview = z.enum(ALERT_REVIEW_VALUES);
export type AlertReview = z.infer<typeof AlertReview>;

export const ALERT_AREA_TYPE_VALUES = ['force', 'lsoa', 'h3'] as const;
export const AlertAreaType = z.enum(ALERT_AREA_TYPE_VALUES);
export type AlertAreaType = z.infer<typeof AlertAreaType>;

/** One change of an alert's status: who made it, when, and the note or reason given. */
export const AlertEvent = z.object({
  status: AlertStatus,
  reason: z.string().nullable().describe('the note (acknowledged, actioned) or the reason (dismissed)'),
  actor: z.string().nullable().describe('who made the change (user:NAME, token:NAME, cli:USER); null before actors were recorded'),
  changed_at: z.string().describe('UTC ISO 8601'),
});
export type AlertEvent = z.infer<typeof AlertEvent>;

const Scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** An alert without its evidence (a list row). */
export const Alert = z.object({
  alert_id: z.string(),
  run_id: z.string(),
  month: z.string().describe('the month tested (YYYY-MM)'),
  kind: AlertKind,
  force_ids: z.array(z.string()).describe('the forces the alert covers, its lead force first'),
  force_names: z.array(z.string()).describe('the same forces by name'),
  category: z.string().describe('crime category code'),
  category_name: z.string().describe('the category by name'),
  area_type: AlertAreaType,
  area_ids: z.array(z.string()),
  h3_cells: z.array(z.string()).describe('H3 resolution-8 cells covering the place (empty for a whole force)'),
  place: z.string().describe('the place in words, never a code'),
  period_start: z.string(),
  period_end: z.string(),
  observed: z.number(),
  expected: z.number(),
  threshold: z.number().nullable(),
  p: z.number().nullable(),
  q: z.number().nullable(),
  priority: z.number(),
  method: z.string(),
  params: z.record(z.string(), Scalar).describe("the method's parameters"),
  explanation: z.string(),
  review: AlertReview.describe("its place in the force-month's review"),
  review_rank: z.number().int().describe('1 = reviewed first within its lead force and month'),
  recording_change: z.string().nullable().describe('the quality finding that marks the force-month as a recording change, in words; null when none'),
  status: AlertStatus,
  status_reason: z.string().nullable(),
  status_changed_at: z.string().nullable(),
});
export type Alert = z.infer<typeof Alert>;

/** One month of the alert's series: the count, and the baseline where it was computed. */
export const AlertEvidencePoint = z.object({ month: z.string(), observed: z.number(), expected: z.number().nullable(), threshold: z.number().nullable() });
export type AlertEvidencePoint = z.infer<typeof AlertEvidencePoint>;

/** One detection grouped into the alert (the alert's own numbers are its lead member's). */
export const AlertMember = z.object({
  kind: AlertKind,
  method: z.string(),
  area_type: AlertAreaType,
  area_ids: z.array(z.string()),
  observed: z.number(),
  expected: z.number(),
  threshold: z.number().nullable(),
  p: z.number().nullable(),
  q: z.number().nullable(),
});
export type AlertMember = z.infer<typeof AlertMember>;

export const AlertEvidence = z.object({
  series: z.array(AlertEvidencePoint),
  members: z.array(AlertMember),
  significant_last_month: z.boolean().nullable().describe('true when the previous month of the same series was already significant'),
  notes: z.record(z.string(), Scalar).describe("the method's extra numbers (z-scores, emerging hot spot class, ...)"),
});
export type AlertEvidence = z.infer<typeof AlertEvidence>;

/** An alert's H3 cells as polygons. */
export const AlertAreas = featureCollectionOf(featureOf(Polygon, z.object({ h3: z.string(), alert_id: z.string() })));
export type AlertAreas = z.infer<typeof AlertAreas>;

/** One alert with what it rests on and its triage history. */
export const AlertDetail = Alert.extend({
  evidence: AlertEvidence,
  areas_geojson: AlertAreas.describe("the alert's H3 cells as a GeoJSON FeatureCollection"),
  history: z.array(AlertEvent).describe('every status change, oldest first'),
});
export type AlertDetail = z.infer<typeof AlertDetail>;

export const AlertPage = z.object({
  items: z.array(Alert),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});
export type AlertPage = z.infer<typeof AlertPage>;

/** A cell of the alerts map layer: which alert, what and where. */
export const AlertLayerProperties = z.object({
  h3: z.string(),
  alert_id: z.string(),
  kind: AlertKind,
  category: z.string(),
  priority: z.number(),
  force_id: z.string().nullable().describe("the alert's lead force"),
});
export type AlertLayerProperties = z.infer<typeof AlertLayerProperties>;

/** The open alerts' areas for one month, as H3 cell polygons. */
export const AlertsLayer = featureCollectionOf(featureOf(Polygon, AlertLayerProperties)).extend({
  month: z.string().nullable().describe('the month shown (default: the latest detection run\'s); null before any run'),
});
export type AlertsLayer = z.infer<typeof AlertsLayer>;

/** Per force: the months of street data it holds, its own latest month and the months with alerts. */
export const AlertMonths = z.object({
  force_id: z.string(),
  force_name: z.string(),
  latest_month: z.string().nullable().describe("the force's own latest month (what detection tests by default)"),
  months_held: z.array(z.string()),
  alert_months: z.array(z.string()),
});
export type AlertMonths = z.infer<typeof AlertMonths>;

export const AlertMonthsPage = z.object({ items: z.array(AlertMonths), total: z.number().int(), limit: z.number().int(), offset: z.number().int() });
export type AlertMonthsPage = z.infer<typeof AlertMonthsPage>;

// ---------------------------------------------------------------- requests

export const AlertParams = z.object({ alert: z.string().min(1) });
export const AlertsQuery = PageQuery.extend({
  force: z.string().optional(),
  status: AlertStatus.optional(),
  kind: AlertKind.optional(),
  category: z.string().optional().describe('crime category code, e.g. burglary'),
  min_priority: z.coerce.number().min(0).optional().describe('only alerts of at least this priority'),
  month: MonthParam.optional(),
  review: AlertReview.optional()
    .describe("part of each force-month's review: inbox (the review budget's highest priorities), beyond_budget, recording_change (a quality finding marks the month); all when absent"),
  open: z.enum(['true', 'false']).optional().transform((v) => v === 'true').describe('true: leave out dismissed alerts'),
  sort: z.enum(['priority']).default('priority').describe('inbox first, then beyond the budget, then recording changes; highest priority first within each (ties: newest month first)'),
});
export const AlertLayerQuery = AlertsQuery.pick({ force: true, month: true });
export const AlertMonthsQuery = AlertsQuery.pick({ force: true });
export const DismissBody = z.object({ reason: z.string().trim().min(3).max(2000).describe('why the alert is not actionable') });
export const AckBody = z.object({ note: z.string().trim().max(2000).optional() });
export const ActionBody = z.object({ note: z.string().trim().max(2000).optional().describe('what was done') });
