/**
 * Alerts as the API serves them: a list row, the alert with its evidence and triage history, and
 * the triage requests. Objects pass through fields the detection capability adds later (the
 * schemas document the fields the dashboard reads; they do not strip new ones).
 */
import { z } from 'zod';

export const ALERT_STATUS_VALUES = ['new', 'acknowledged', 'dismissed', 'actioned'] as const;
export const AlertStatus = z.enum(ALERT_STATUS_VALUES);
export type AlertStatus = z.infer<typeof AlertStatus>;

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
  kind: z.string().describe('exceedance, hot_spot, emerging_hot_spot, space_time_cluster or emerging_tactic'),
  force_ids: z.array(z.string()),
  category: z.string().describe('crime category code; names from /api/categories'),
  area_type: z.string(),
  area_ids: z.array(z.string()),
  h3_cells: z.array(z.string()),
  period_start: z.string(),
  period_end: z.string(),
  observed: z.number(),
  expected: z.number(),
  threshold: z.number().nullable(),
  p: z.number().nullable(),
  q: z.number().nullable(),
  priority: z.number(),
  method: z.string(),
  params: z.record(z.string(), Scalar),
  explanation: z.string(),
  status: AlertStatus,
  status_reason: z.string().nullable(),
  status_changed_at: z.string().nullable(),
  records_by_force: z.record(z.string(), z.number().int()).optional().describe("an emerging tactic's narrative records per force (their ids, where you may read them: /api/emerging-tactics)"),
}).passthrough();
export type Alert = z.infer<typeof Alert>;

export const AlertEvidencePoint = z.object({ month: z.string(), observed: z.number(), expected: z.number().nullable(), threshold: z.number().nullable() });

/** One alert with what it rests on (series, grouped detections, areas as GeoJSON) and its triage history. */
export const AlertDetail = Alert.extend({
  evidence: z.object({
    series: z.array(AlertEvidencePoint),
    members: z.array(z.record(z.string(), z.unknown())),
    significant_last_month: z.boolean().nullable(),
    notes: z.record(z.string(), Scalar),
  }).passthrough(),
  areas_geojson: z.record(z.string(), z.unknown()).describe("the alert's H3 cells as a GeoJSON FeatureCollection"),
  history: z.array(AlertEvent).describe('every status change, oldest first'),
}).passthrough();
export type AlertDetail = z.infer<typeof AlertDetail>;

export const AlertPage = z.object({
  items: z.array(Alert),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
}).passthrough();
export type AlertPage = z.infer<typeof AlertPage>;

export const ActionBody = z.object({ note: z.string().trim().max(2000).optional().describe('what was done') });
