/**
 * The alert as the dashboard shows it, read from the contract's typed alert (a list row, or the
 * alert with its evidence, areas and triage history). Every field is declared by the contract;
 * a list row has no evidence, so its series, areas and history are empty.
 */
import type { Alert, AlertDetail, AlertEvent, AlertEvidencePoint, AlertKind, AlertAreas, AlertStatus } from '@peel/client';

export type EvidencePoint = AlertEvidencePoint;

export interface AlertView {
  id: string;
  kind: AlertKind;
  forces: string[];
  category: string;
  month: string;
  periodStart: string;
  periodEnd: string;
  observed: number;
  expected: number;
  threshold: number | null;
  p: number | null;
  q: number | null;
  priority: number;
  method: string;
  params: Alert['params'];
  status: AlertStatus;
  statusReason: string | null;
  explanation: string;
  series: EvidencePoint[];
  h3Cells: string[];
  areaType: string;
  areaIds: string[];
  areas: AlertAreas | null;
  notes: AlertDetail['evidence']['notes'];
  /** Every status change, oldest first (only on the alert's own page). */
  history: AlertEvent[];
}

const isDetail = (a: Alert | AlertDetail): a is AlertDetail => 'evidence' in a;

export function toAlertView(a: Alert | AlertDetail): AlertView {
  const d = isDetail(a) ? a : null;
  return {
    id: a.alert_id,
    kind: a.kind,
    forces: a.force_ids,
    category: a.category,
    month: a.month,
    periodStart: a.period_start,
    periodEnd: a.period_end,
    observed: a.observed,
    expected: a.expected,
    threshold: a.threshold,
    p: a.p,
    q: a.q,
    priority: a.priority,
    method: a.method,
    params: a.params,
    status: a.status,
    statusReason: a.status_reason,
    explanation: a.explanation,
    series: d?.evidence.series ?? [],
    h3Cells: a.h3_cells,
    areaType: a.area_type,
    areaIds: a.area_ids,
    areas: d?.areas_geojson ?? null,
    notes: d?.evidence.notes ?? {},
    history: d?.history ?? [],
  };
}

export const KIND_LABELS: Record<AlertKind, string> = {
  exceedance: 'Exceedance',
  hot_spot: 'Hot spot',
  emerging_hot_spot: 'Emerging hot spot',
  space_time_cluster: 'Space-time cluster',
};

export const STATUS_LABELS: Record<AlertView['status'], string> = {
  new: 'New',
  acknowledged: 'Acknowledged',
  dismissed: 'Dismissed',
  actioned: 'Actioned',
};

/** An actor as people read it: `user:jo` → jo, `cli:ops` → ops (command line). */
export function actorName(actor: string | null): string {
  if (!actor) return 'someone (not recorded)';
  const [kind, ...rest] = actor.split(':');
  const name = rest.join(':') || kind;
  return kind === 'cli' ? `${name} (command line)` : kind === 'token' ? `${name} (API token)` : name;
}

/** A p or q value for people: 0.045, 0.0012, or "< 0.0001" (never 1.50e-2). */
export function fmtP(v: number | null): string {
  if (v === null) return '—';
  if (v < 0.0001) return '< 0.0001';
  if (v < 0.01) return v.toFixed(4);
  return v.toFixed(3);
}
