/**
 * The optional capabilities the API serves, wired to their front doors: alerts from
 * `trends/detect`, quality from `quality`, boundaries from `geography`. Each maps the capability's
 * typed results onto what the routes render; the only addition is drawing an alert's H3 cells as
 * GeoJSON polygons, so the dashboard needs no H3 code of its own.
 */
import { cellToBoundary, getResolution, isValidCell } from 'h3-js';
import { isPeelError, getForce, crimeCategoryName, isCrimeCategory } from '../standard/index.ts';
import type { Store, StoredAlert, AlertSummary } from '../store/index.ts';
import { listAlerts, getAlert, setAlertStatus } from '../trends/index.ts';
import { CHECKS, leagueTable, readFindings, readScores, heldMonths, type CheckId } from '../quality/index.ts';
import { forceBoundaries, forceDistricts } from '../geography/index.ts';
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

/** A check's plain title ("rows without a location"), never its code. */
const checkTitle = (id: string): string => (id in CHECKS ? CHECKS[id as CheckId].title : id);

/** What the dashboard shows of an alert in words: category, forces and place by name. */
const named = <T extends AlertSummary>(a: T) => ({
  ...a,
  category_name: isCrimeCategory(a.category) ? crimeCategoryName(a.category) : a.category,
  force_names: a.force_ids.map((f) => getForce(f)?.name ?? f),
});

/**
 * The place of each of an alert's hexagons, for the map's hover label: the LSOA its crimes lie in
 * (of the alert's own LSOAs where it has them, else the busiest), with its name and district.
 * Hexagons of other resolutions than the store's r8 series are left unnamed.
 */
async function cellPlaces(store: Store, a: StoredAlert): Promise<Map<string, Json>> {
  const cells = a.h3_cells.filter((c) => isValidCell(c) && getResolution(c) === 8);
  const lsoas = await store.alerts.cellLsoas(cells);
  const own = new Set(a.area_type === 'lsoa' ? a.area_ids : []);
  const pick = new Map([...lsoas].map(([cell, ls]) => [cell, ls.find((l) => own.has(l)) ?? ls[0]] as const));
  const names = await store.alerts.lsoaNames([...new Set(pick.values())]);
  const out = new Map<string, Json>();
  for (const [cell, lsoa] of pick) {
    const n = names.get(lsoa);
    if (n) out.set(cell, { lsoa_code: lsoa, lsoa_name: n.name, district: n.district });
  }
  return out;
}

/** The alert as the API serves it: named, its areas drawn as GeoJSON (each hexagon with its LSOA's name and district), and its triage history (who, when, note). */
const detail = async (store: Store, a: StoredAlert | undefined): Promise<AlertDetail | undefined> => {
  if (!a) return undefined;
  const places = await cellPlaces(store, a);
  return { ...named(a), force_ids: [...a.force_ids], area_ids: [...a.area_ids], h3_cells: [...a.h3_cells], params: { ...a.params },
    evidence: { ...a.evidence, series: [...a.evidence.series], members: a.evidence.members.map((m) => ({ ...m })), notes: { ...a.evidence.notes } },
    areas_geojson: cellsToGeoJson(a.h3_cells, (c) => ({ alert_id: a.alert_id, ...places.get(c) })), history: await store.alerts.events(a.alert_id) } as unknown as AlertDetail;
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
          force: q.forces?.[0], status: q.status as AlertSummary['status'] | undefined, kind: q.kind as AlertSummary['kind'] | undefined, month: q.month,
          category: q.category, minPriority: q.minPriority, review: q.review as AlertSummary['review'] | undefined, open: q.open, limit: q.limit, offset: q.offset,
        });
        return { ...page, items: page.items.map((a) => ({ ...named(a), force_ids: [...a.force_ids], area_ids: [...a.area_ids], h3_cells: [...a.h3_cells], params: { ...a.params } })) };
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
      league: async (q = {}) => {
        const t = await leagueTable(store, { to: q.to });
        return t.rows.map((r) => ({ ...r, force_name: getForce(r.force_id)?.name ?? r.force_id, basis: t.basis }) as Json);
      },
      scorecard: async (force, month) => {
        const held = (await heldMonths(store, force)).get(force) ?? [];
        // The force's own month: the one asked for, else its latest held month with scores.
        const scores = await readScores(store, { force });
        const scored = new Set(scores.map((s) => s.month));
        const own = month ?? [...held].reverse().find((m) => scored.has(m));
        if (!own) return undefined;
        const dims: Json = {};
        for (const s of scores) if (s.month === own) dims[s.dimension] = s.score;
        // The 12-month score, the same number (and definition) as the league's and the overview's.
        const league = await leagueTable(store, { to: own }).catch(() => null);
        const row = league?.rows.find((r) => r.force_id === force) ?? null;
        const findings = await readFindings(store, { force, limit: 200 });
        const inWindow = row ? findings.items.filter((f) => f.month === null || (f.month >= row.from && f.month <= row.to)) : findings.items;
        // The findings shown are the month's, each with its check's title and definition.
        const shown = await readFindings(store, { force, month: own, limit: 200 });
        return {
          force_id: force, force_name: getForce(force)?.name ?? force, month: own, months_held: held,
          month_basis: `scores of ${own} alone (the month shown)`, ...dims,
          score_12m: row && { overall: row.overall, dimensions: row.dimensions, from: row.from, to: row.to, months: row.months, basis: league!.basis, findings: row.findings },
          findings: shown.items.map((f) => ({ ...f, check_title: checkTitle(f.check), title: checkTitle(f.check), definition: CHECKS[f.check as CheckId]?.definition ?? null, dimension_name: f.dimension })),
          findings_total: shown.total,
          findings_in_window: row ? { from: row.from, to: row.to, total: inWindow.length, ...row.findings } : null,
        };
      },
    },
    geography: {
      boundaries: async () => (await forceBoundaries(store)) as unknown as Json | null,
      districts: async (force) => (await forceDistricts(store, force)) as unknown as Json | null,
    },
  };
}
