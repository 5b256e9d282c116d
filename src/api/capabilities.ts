/**
 * The optional capabilities the API serves, wired to their front doors: alerts from
 * `trends/detect`, quality from `quality`, boundaries from `geography`. Each maps the capability's
 * typed results onto the API's contract (src/contract/); the only additions are names for codes
 * and an alert's H3 cells drawn as GeoJSON polygons (./h3-geojson.ts).
 */
import { isPeelError, getForce, crimeCategoryName, isCrimeCategory } from '../standard/index.ts';
import type { Store, StoredAlert, AlertSummary, BoundaryFeature } from '../store/index.ts';
import { listAlerts, getAlert, setAlertStatus } from '../trends/index.ts';
import { CHECKS, DIMENSIONS, leagueTable, readFindings, readScores, heldMonths, type CheckId, type Finding } from '../quality/index.ts';
import { forceBoundaries } from '../geography/index.ts';
import type { Capabilities } from './optional.ts';
import type * as S from '../contract/index.ts';
import { cellFeatures } from './h3-geojson.ts';

async function orUndefined<T>(p: Promise<T>): Promise<T | undefined> {
  try {
    return await p;
  } catch (e) {
    if (isPeelError(e) && e.code === 'not_found') return undefined;
    throw e;
  }
}

/** A check's plain title ("rows without a location"), never its code. */
const checkTitle = (id: string): string => (id in CHECKS ? CHECKS[id as CheckId].title : id);

/** A list row as the contract has it: the stored alert, its category, forces and place by name. */
const row = (a: AlertSummary): S.Alert => ({
  alert_id: a.alert_id, run_id: a.run_id, month: a.month, kind: a.kind,
  force_ids: [...a.force_ids], force_names: a.force_ids.map((f) => getForce(f)?.name ?? f),
  category: a.category, category_name: isCrimeCategory(a.category) ? crimeCategoryName(a.category) : a.category,
  area_type: a.area_type, area_ids: [...a.area_ids], h3_cells: [...a.h3_cells], place: a.place,
  period_start: a.period_start, period_end: a.period_end, observed: a.observed, expected: a.expected, threshold: a.threshold, p: a.p, q: a.q,
  priority: a.priority, method: a.method, params: { ...a.params }, explanation: a.explanation,
  review: a.review, review_rank: a.review_rank, recording_change: a.recording_change,
  status: a.status, status_reason: a.status_reason, status_changed_at: a.status_changed_at,
});

/**
 * An alert's evidence as the contract has it. Evidence is stored as JSON written by whichever
 * detection ran; a part an older run did not write is empty, never missing.
 */
const evidence = (e: Partial<StoredAlert['evidence']> | undefined): S.AlertEvidence => ({
  series: (e?.series ?? []).map((p) => ({ month: p.month, observed: p.observed, expected: p.expected ?? null, threshold: p.threshold ?? null })),
  members: (e?.members ?? []).map((m) => ({ ...m, area_ids: [...m.area_ids] })),
  significant_last_month: e?.significant_last_month ?? null,
  notes: { ...(e?.notes ?? {}) },
});

/** The alert as the API serves it: named, its areas drawn as GeoJSON, and its triage history (who, when, note). */
const detail = async (store: Store, a: StoredAlert | undefined): Promise<S.AlertDetail | undefined> =>
  a && {
    ...row(a), evidence: evidence(a.evidence),
    areas_geojson: { type: 'FeatureCollection', features: cellFeatures(a.h3_cells, (h3) => ({ h3, alert_id: a.alert_id })) },
    history: await store.alerts.events(a.alert_id),
  };

/** A stored finding as the contract has it: its check's title and definition beside the codes. */
const finding = (f: Finding): S.QualityFinding => ({
  ...f, check_title: checkTitle(f.check), title: checkTitle(f.check), definition: CHECKS[f.check]?.definition ?? null, dimension_name: f.dimension,
});

/** A boundary whose geometry is an area (Polygon, MultiPolygon); null for anything else a file held. */
const boundary = (f: BoundaryFeature): S.BoundaryFeature | null => {
  const g = f.geometry as { type?: unknown; coordinates?: unknown } | null;
  if (!g || !Array.isArray(g.coordinates) || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) return null;
  return { type: 'Feature', geometry: g as S.GeoJson.Area, properties: { force_id: f.properties.force_id, pfa_code: f.properties.pfa_code, name: f.properties.name } };
};

export function capabilitiesFromStore(store: Store): Capabilities {
  return {
    readiness: async () => {
      const [runs, scored, geo] = await Promise.all([store.alerts.runs(1), store.quality.scoredMonths(), store.geography.status()]);
      return {
        alerts: runs.length ? null : 'no detection has run yet: run `peel detect` (or `peel demo`) to find emerging trends and hot spots',
        quality: scored.last ? null : 'no quality scores yet: run `peel quality run` to check the data against the national standard',
        geography: geo.boundaries ? null : 'no force boundaries are loaded: run `peel geography load` with the ONS Police Force Areas GeoJSON',
      };
    },
    alerts: {
      list: async (q) => {
        const page = await listAlerts(store, {
          force: q.forces?.[0], status: q.status, kind: q.kind, month: q.month,
          category: q.category, minPriority: q.minPriority, review: q.review, open: q.open, limit: q.limit, offset: q.offset,
        });
        return { items: page.items.map(row), total: page.total, limit: page.limit, offset: page.offset };
      },
      get: async (id) => detail(store, await orUndefined(getAlert(store, id))),
      acknowledge: async (id, by, note) => detail(store, await orUndefined(setAlertStatus(store, id, { status: 'acknowledged', reason: note, actor: by }))),
      dismiss: async (id, by, reason) => detail(store, await orUndefined(setAlertStatus(store, id, { status: 'dismissed', reason, actor: by }))),
      action: async (id, by, note) => detail(store, await orUndefined(setAlertStatus(store, id, { status: 'actioned', reason: note, actor: by }))),
      latestMonth: async () => (await store.alerts.runs(1))[0]?.month ?? null,
      months: async (q) => {
        const held = await store.alerts.forceMonths(q.forces);
        const alerted = await store.alerts.alertMonths(q.forces);
        return [...held].map(([force_id, months]) => ({
          force_id, force_name: getForce(force_id)?.name ?? force_id, latest_month: months.at(-1) ?? null, months_held: months,
          alert_months: alerted.get(force_id) ?? [],
        }));
      },
      layer: async (q) => {
        const month = q.month ?? (await store.alerts.runs(1))[0]?.month ?? null;
        if (!month) return { type: 'FeatureCollection', features: [], month: null };
        const page = await listAlerts(store, { force: q.forces?.[0], month, limit: 2000 });
        const features = page.items.filter((a) => a.status !== 'dismissed').flatMap((a) =>
          cellFeatures(a.h3_cells, (h3): S.AlertLayerProperties => ({ h3, alert_id: a.alert_id, kind: a.kind, category: a.category, priority: a.priority, force_id: a.force_ids[0] ?? null })));
        return { type: 'FeatureCollection', features, month };
      },
    },
    quality: {
      league: async (q = {}) => {
        const t = await leagueTable(store, { to: q.to });
        return t.rows.map((r) => ({ ...r, dimensions: { ...r.dimensions }, findings: { ...r.findings }, force_name: getForce(r.force_id)?.name ?? r.force_id, basis: t.basis }));
      },
      scorecard: async (force, month) => {
        const held = (await heldMonths(store, force)).get(force) ?? [];
        // The force's own month: the one asked for, else its latest held month with scores.
        const scores = await readScores(store, { force });
        const scored = new Set(scores.map((s) => s.month));
        const own = month ?? [...held].reverse().find((m) => scored.has(m));
        if (!own) return undefined;
        const dims: Partial<Record<(typeof S.SCORECARD_SCORES)[number], number>> = {};
        for (const s of scores) if (s.month === own && (s.dimension === 'overall' || (DIMENSIONS as readonly string[]).includes(s.dimension))) dims[s.dimension as keyof typeof dims] = s.score;
        // The 12-month score, the same number (and definition) as the league's and the overview's.
        const league = await leagueTable(store, { to: own }).catch(() => null);
        const lr = league?.rows.find((r) => r.force_id === force) ?? null;
        const findings = await readFindings(store, { force, limit: 200 });
        const inWindow = lr ? findings.items.filter((f) => f.month === null || (f.month >= lr.from && f.month <= lr.to)) : findings.items;
        // The findings shown are the month's, each with its check's title and definition.
        const shown = await readFindings(store, { force, month: own, limit: 200 });
        return {
          force_id: force, force_name: getForce(force)?.name ?? force, month: own, months_held: held,
          month_basis: `scores of ${own} alone (the month shown)`, ...dims,
          score_12m: lr && league && { overall: lr.overall, dimensions: { ...lr.dimensions }, from: lr.from, to: lr.to, months: lr.months, basis: league.basis, findings: { ...lr.findings } },
          findings: shown.items.map(finding),
          findings_total: shown.total,
          findings_in_window: lr ? { from: lr.from, to: lr.to, total: inWindow.length, ...lr.findings } : null,
        };
      },
    },
    geography: {
      boundaries: async () => {
        const b = await forceBoundaries(store);
        return b && { type: 'FeatureCollection', features: b.features.map(boundary).filter((f): f is S.BoundaryFeature => f !== null) };
      },
    },
  };
}
