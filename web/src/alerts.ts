/**
 * The alert shape the dashboard reads, from the contract's typed alert (a list row or the alert
 * with its evidence and triage history). Evidence fields the capability may add later are read
 * defensively: a missing one shows as "—", never as a crash.
 */
import type { Alert, AlertDetail, AlertEvent, AlertStatus } from '@peel/client';

export interface EvidencePoint { month: string; observed: number; expected: number | null; threshold: number | null }

export interface AlertView {
  id: string;
  kind: string;
  forces: string[];
  category: string;
  month: string;
  periodStart: string;
  periodEnd: string;
  observed: number | null;
  expected: number | null;
  threshold: number | null;
  p: number | null;
  q: number | null;
  priority: number | null;
  method: string;
  params: Record<string, unknown>;
  status: AlertStatus;
  statusReason: string | null;
  explanation: string;
  series: EvidencePoint[];
  h3Cells: string[];
  areaType: string;
  areaIds: string[];
  areas: GeoJSON.FeatureCollection | null;
  notes: Record<string, unknown>;
  /** Every status change, oldest first (only on the alert's own page). */
  history: AlertEvent[];
}

const str = (v: unknown, d = ''): string => (typeof v === 'string' ? v : d);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

export function toAlertView(a: Alert | AlertDetail): AlertView {
  const ev = obj((a as Partial<AlertDetail>).evidence);
  const series = Array.isArray(ev.series)
    ? ev.series.map((p) => {
        const o = obj(p);
        return { month: str(o.month), observed: num(o.observed) ?? 0, expected: num(o.expected), threshold: num(o.threshold) };
      })
    : [];
  const areas = obj((a as Partial<AlertDetail>).areas_geojson);
  return {
    id: str(a.alert_id, str(a.id)),
    kind: str(a.kind, 'alert'),
    forces: strs(a.force_ids).length ? strs(a.force_ids) : strs([a.force_id]),
    category: str(a.category),
    month: str(a.month, str(a.period_end)),
    periodStart: str(a.period_start),
    periodEnd: str(a.period_end),
    observed: num(a.observed),
    expected: num(a.expected),
    threshold: num(a.threshold),
    p: num(a.p),
    q: num(a.q),
    priority: num(a.priority),
    method: str(a.method),
    params: obj(a.params),
    status: a.status,
    statusReason: typeof a.status_reason === 'string' ? a.status_reason : null,
    explanation: str(a.explanation),
    series,
    h3Cells: strs(a.h3_cells),
    areaType: str(a.area_type),
    areaIds: strs(a.area_ids),
    areas: areas.type === 'FeatureCollection' ? (areas as unknown as GeoJSON.FeatureCollection) : null,
    notes: obj(ev.notes),
    history: (a as Partial<AlertDetail>).history ?? [],
  };
}

export const KIND_LABELS: Record<string, string> = {
  exceedance: 'Exceedance',
  hot_spot: 'Hot spot',
  emerging_hot_spot: 'Emerging hot spot',
  space_time_cluster: 'Space-time cluster',
  emerging_tactic: 'Emerging tactic',
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
