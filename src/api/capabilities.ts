/**
 * The optional capabilities the API serves, wired to their front doors: alerts from
 * `trends/detect`, quality from `quality`, boundaries from `geography`. Each maps the capability's
 * typed results onto what the routes render; the only addition is drawing an alert's H3 cells as
 * GeoJSON polygons, so the dashboard needs no H3 code of its own.
 */
import { cellToBoundary, isValidCell } from 'h3-js';
import { isPeelError } from '../standard/index.ts';
import type { Store, StoredAlert, AlertSummary } from '../store/index.ts';
import { listAlerts, getAlert, setAlertStatus } from '../trends/index.ts';
import { CHECKS, leagueTable, readFindings, readScores } from '../quality/index.ts';
import { forceBoundaries } from '../geography/index.ts';
import type { Capabilities } from './later.ts';
import type { AlertDetail } from '../contract/index.ts';

type Json = Record<string, unknown>;

/** H3 cells as a FeatureCollection of closed polygons (invalid cells are left out). */
export function cellsToGeoJson(cells: readonly string[], properties: (cell: string) => Json = () => ({})): Json {
  return {
    type: 'FeatureCollection',
    features: cells.filter((c) => isValidCell(c)).map((c) => ({
      type: 'Feature', id: c,
      geometry: { type: 'Polygon', coordinates: [cellToBoundary(c, true)] },
      properties: { h3: c, ...properties(c) },
    })),
  };
}

async function orUndefined<T>(p: Promise<T>): Promise<T | undefined> {
  try {
    return await p;
  } catch (e) {
    if (isPeelError(e) && e.code === 'not_found') return undefined;
    throw e;
  }
}

/** The alert as the API serves it: its areas drawn as GeoJSON, and its triage history (who, when, note). */
const detail = async (store: Store, a: StoredAlert | undefined): Promise<AlertDetail | undefined> =>
  a && { ...a, force_ids: [...a.force_ids], area_ids: [...a.area_ids], h3_cells: [...a.h3_cells], params: { ...a.params },
    evidence: { ...a.evidence, series: [...a.evidence.series], members: a.evidence.members.map((m) => ({ ...m })), notes: { ...a.evidence.notes } },
    areas_geojson: cellsToGeoJson(a.h3_cells, () => ({ alert_id: a.alert_id })), history: await store.alerts.events(a.alert_id) };

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
          force: q.forces?.[0], status: q.status as AlertSummary['status'] | undefined, kind: q.kind as AlertSummary['kind'] | undefined,
          category: q.category, minPriority: q.minPriority, month: q.month, limit: q.limit, offset: q.offset,
        });
        return { ...page, items: page.items.map((a) => ({ ...a, force_ids: [...a.force_ids], area_ids: [...a.area_ids], h3_cells: [...a.h3_cells], params: { ...a.params } })) };
      },
      get: async (id) => detail(store, await orUndefined(getAlert(store, id))),
      acknowledge: async (id, by, note) => detail(store, await orUndefined(setAlertStatus(store, id, { status: 'acknowledged', reason: note, actor: by }))),
      dismiss: async (id, by, reason) => detail(store, await orUndefined(setAlertStatus(store, id, { status: 'dismissed', reason, actor: by }))),
      action: async (id, by, note) => detail(store, await orUndefined(setAlertStatus(store, id, { status: 'actioned', reason: note, actor: by }))),
      latestMonth: async () => (await store.alerts.runs(1))[0]?.month ?? null,
      layer: async (q) => {
        const month = q.month ?? (await store.alerts.runs(1))[0]?.month;
        if (!month) return cellsToGeoJson([]);
        const page = await listAlerts(store, { force: q.forces?.[0], month, limit: 2000 });
        const features: unknown[] = [];
        for (const a of page.items) {
          if (a.status === 'dismissed') continue;
          const fc = cellsToGeoJson(a.h3_cells, () => ({ alert_id: a.alert_id, kind: a.kind, category: a.category, priority: a.priority, force_id: a.force_ids[0] ?? null }));
          features.push(...(fc.features as unknown[]));
        }
        return { type: 'FeatureCollection', features, month };
      },
    },
    quality: {
      league: async (month) => (await leagueTable(store, { to: month })).rows.map((r) => ({ ...r }) as Json),
      scorecard: async (force, month) => {
        const scores = await readScores(store, { force, month });
        if (!scores.length) return undefined;
        const latest = month ?? scores.reduce((m, s) => (s.month > m ? s.month : m), scores[0].month);
        const dims: Json = {};
        for (const s of scores) if (s.month === latest) dims[s.dimension] = s.score;
        const findings = await readFindings(store, { force, month: latest, limit: 200 });
        // Each finding carries its check's title and definition, so pages name it rather than show its code.
        const named = findings.items.map((f) => ({ ...f, title: CHECKS[f.check]?.title ?? f.check, definition: CHECKS[f.check]?.definition ?? null }));
        return { force_id: force, month: latest, ...dims, findings: named, findings_total: findings.total };
      },
    },
    geography: {
      boundaries: async () => (await forceBoundaries(store)) as unknown as Json | null,
    },
  };
}
