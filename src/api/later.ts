/**
 * Routes for capabilities built alongside the API: alerts (trends detection), data quality and
 * force boundaries. Each route exists and declares its permission now; while its capability is
 * not wired into the server it answers 501 problem+json, so the dashboard can say "not available
 * yet" instead of inventing data. Wiring one is passing it in `ServerDeps.capabilities`.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { PeelError, getForce } from '../standard/index.ts';
import { audit } from '../access/index.ts';
import type { Store } from '../store/index.ts';
import type { ResponseCache } from './cache.ts';
import { notAvailable } from './problem.ts';
import { parseForceList } from './parse.ts';
import { scopedForce, scopedForces, checkForce } from './scope.ts';
import * as S from '../contract/index.ts';

/** The force an alert (as its capability returns it) belongs to: its first force. */
function alertForce(a: Json): string | null {
  const ids = a.force_ids;
  return Array.isArray(ids) && typeof ids[0] === 'string' ? ids[0] : typeof a.force_id === 'string' ? a.force_id : null;
}

type Json = Record<string, unknown>;

export interface AlertsQuery {
  readonly forces?: string[];
  readonly status?: string;
  readonly kind?: string;
  readonly category?: string;
  readonly minPriority?: number;
  readonly month?: string;
  /** `inbox`, `beyond_budget` or `recording_change`; all when absent. */
  readonly review?: string;
  /** Leave out dismissed alerts. */
  readonly open?: boolean;
  readonly sort: 'priority' | 'newest' | 'oldest';
  readonly limit: number;
  readonly offset: number;
}

/** What the API needs from the alerts capability. */
export interface AlertsCapability {
  list(q: AlertsQuery): Promise<S.AlertPage>;
  /** The alert with its evidence and triage history; undefined when there is no such alert. */
  get(id: string): Promise<S.AlertDetail | undefined>;
  acknowledge(id: string, by: string, note: string | undefined): Promise<S.AlertDetail | undefined>;
  dismiss(id: string, by: string, reason: string): Promise<S.AlertDetail | undefined>;
  /** Marks an alert actioned (something was done about it), with an optional note. */
  action(id: string, by: string, note: string | undefined): Promise<S.AlertDetail | undefined>;
  /** The alerts' areas as GeoJSON polygons (H3 cells), for one month. */
  layer(q: { forces?: string[]; month?: string }): Promise<Json>;
  /** The month the latest detection run tested, or null before any run. */
  latestMonth?(): Promise<string | null>;
  /** Per force: the months of street data it holds, its own latest month and the months with alerts (for a month picker). */
  months?(q: { forces?: string[] }): Promise<Json[]>;
}

export interface QualityCapability {
  /** League rows, each force over its own window ending at or before `to` (default: its own latest month). */
  league(q?: { to?: string }): Promise<Json[]>;
  /** A force's scorecard and findings (with sample rows) for `month` (default: its own latest held month); undefined when not assessed. */
  scorecard(force: string, month?: string): Promise<Json | undefined>;
}

export interface GeographyCapability {
  /** Force boundaries as a GeoJSON FeatureCollection, or null when none are loaded. */
  boundaries(): Promise<Json | null>;
  /** A force's local authority districts (areas and label points) as GeoJSON, or null when the geography loaded cannot draw them. */
  districts?(force: string): Promise<Json | null>;
}

export interface Capabilities {
  /**
   * Whether each wired capability has something to show: null when it has, else the reason
   * (e.g. no boundaries loaded yet). Health reports it so the dashboard asks only for what exists.
   */
  readonly readiness?: () => Promise<Partial<Record<'alerts' | 'quality' | 'geography', string | null>>>;
  readonly alerts?: AlertsCapability;
  readonly quality?: QualityCapability;
  readonly geography?: GeographyCapability;
}

const NO_ALERTS = 'alerts appear once the detection pipeline is wired into the server and `peel detect` has run';
const NO_QUALITY = 'quality findings appear once the quality capability is wired into the server and `peel quality` has run';
const NO_GEOGRAPHY = 'force boundaries appear once the geography capability is wired and `peel geography load` has run';

const r501 = { 501: S.Problem };

/** For /api/health: which optional capabilities are wired, with the reason when one is not. */
export async function capabilityStatus(c: Capabilities): Promise<Record<'alerts' | 'quality' | 'geography', { available: boolean; detail: string | null }>> {
  const ready = (await c.readiness?.()) ?? {};
  const one = (wired: boolean, name: string, hint: string, notReady: string | null | undefined) =>
    !wired ? { available: false, detail: `${name} is not available on this server yet: ${hint}` }
      : notReady ? { available: false, detail: notReady } : { available: true, detail: null };
  return {
    alerts: one(!!c.alerts, 'Alerts', NO_ALERTS, ready.alerts),
    quality: one(!!c.quality, 'Data quality', NO_QUALITY, ready.quality),
    geography: one(!!c.geography, 'Force boundaries', NO_GEOGRAPHY, ready.geography),
  };
}

export function registerLaterRoutes(api: FastifyInstance, deps: { store: Store; cache: ResponseCache; capabilities: Capabilities }): void {
  const app = api.withTypeProvider<ZodTypeProvider>();
  const { cache } = deps;
  const who = (req: FastifyRequest) => req.access?.actor ?? 'anonymous';

  // ------------------------------------------------------------ alerts

  app.get('/alerts', {
    config: { permission: 'alerts:read' },
    schema: { tags: ['alerts'], summary: 'Alerts, filtered and sorted (priority first by default)', querystring: S.AlertsQuery, response: { 200: S.AlertPage, 400: S.Problem, ...r501 } },
  }, async (req, reply) => {
    const named = parseForceList(req.query.force);
    if (named && named.length > 1) throw new PeelError('bad_input', 'query.force: alerts are listed one force at a time', { field: 'query.force' });
    const alerts = deps.capabilities.alerts;
    if (!alerts) return notAvailable(reply, 'Alerts', NO_ALERTS);
    const force = scopedForce(req, 'alerts:read', named?.[0]);
    const q = req.query;
    return cache.send(req, reply, () => alerts.list({
      forces: force ? [force] : undefined, status: q.status, kind: q.kind, month: q.month, category: q.category, minPriority: q.min_priority, review: q.review, open: q.open,
      sort: q.sort, limit: q.limit, offset: q.offset,
    }), force);
  });

  app.get('/alerts/months', {
    config: { permission: 'alerts:read' },
    schema: { tags: ['alerts'], summary: 'Per force: months of street data held, its own latest month (what detection tests by default) and months with alerts', querystring: S.AlertsQuery.pick({ force: true }), response: { 200: S.pageOf(S.Opaque), 400: S.Problem, ...r501 } },
  }, async (req, reply) => {
    const named = parseForceList(req.query.force);
    const alerts = deps.capabilities.alerts;
    if (!alerts?.months) return notAvailable(reply, 'Alerts', NO_ALERTS);
    const months = alerts.months.bind(alerts);
    const force = scopedForce(req, 'alerts:read', named?.[0]);
    const visible = scopedForces(req, 'alerts:read', undefined);
    return cache.send(req, reply, async () => {
      const items = (await months({ forces: force ? [force] : undefined })).filter((r) => !visible || visible.includes(String(r.force_id)));
      return { items, total: items.length, limit: items.length, offset: 0 };
    }, force ?? visible?.join(','));
  });

  app.get('/alerts/:alert', {
    config: { permission: 'alerts:read' },
    schema: { tags: ['alerts'], summary: 'One alert with its evidence (series, threshold, areas, method, parameters, explanation)', params: S.AlertParams, response: { 200: S.AlertDetail, 404: S.Problem, ...r501 } },
  }, async (req, reply) => {
    const alerts = deps.capabilities.alerts;
    if (!alerts) return notAvailable(reply, 'Alerts', NO_ALERTS);
    const load = async () => {
      const a = await alerts.get(req.params.alert);
      if (!a) throw new PeelError('not_found', `no alert "${req.params.alert}"`, { field: 'path.alert' });
      return a;
    };
    // Principals who see every force share one cached answer; a force-scoped one is checked each time.
    if (!req.access || req.access.forces('alerts:read') === 'all') return cache.send(req, reply, load);
    const a = await load();
    checkForce(req, 'alerts:read', alertForce(a as Json));
    return a;
  });

  /** A status change: the alert must exist and be in the caller's forces; cached reads are then stale. */
  type AlertsCap = NonNullable<typeof deps.capabilities.alerts>;
  // Each change is also an audit event (an alteration of the alert's status, by whom, for which force);
  // the note itself stays in the alert's history, out of the audit log (it may name people).
  const triage = async (req: FastifyRequest, reply: FastifyReply, id: string, status: S.AlertStatus, change: (alerts: AlertsCap) => Promise<S.AlertDetail | undefined | null>) => {
    const alerts = deps.capabilities.alerts;
    if (!alerts) return notAvailable(reply, 'Alerts', NO_ALERTS);
    const before = await alerts.get(id);
    if (!before) throw new PeelError('not_found', `no alert "${id}"`, { field: 'path.alert' });
    const force = alertForce(before as Json);
    checkForce(req, 'alerts:triage', force);
    const a = await change(alerts);
    if (!a) throw new PeelError('not_found', `no alert "${id}"`, { field: 'path.alert' });
    cache.bump();
    if (req.access) {
      await audit(deps.store, {
        actor: req.access.actor, client: req.ip, action: 'alteration', outcome: 'success', objectIds: [`alert:${id}`], forceId: force,
        detail: { route: `${req.method} ${req.routeOptions.url ?? ''}`, change: 'alert status', from: before.status, to: status },
      });
    }
    return a;
  };

  app.post('/alerts/:alert/acknowledge', {
    config: { permission: 'alerts:triage' },
    schema: { tags: ['alerts'], summary: 'Acknowledge an alert (someone is looking at it)', params: S.AlertParams, body: S.AckBody, response: { 200: S.AlertDetail, 400: S.Problem, 404: S.Problem, 409: S.Problem, ...r501 } },
  }, (req, reply) => triage(req, reply, req.params.alert, 'acknowledged', (alerts) => alerts.acknowledge(req.params.alert, who(req), req.body.note)));

  app.post('/alerts/:alert/dismiss', {
    config: { permission: 'alerts:triage' },
    schema: { tags: ['alerts'], summary: 'Dismiss an alert, with the reason', params: S.AlertParams, body: S.DismissBody, response: { 200: S.AlertDetail, 400: S.Problem, 404: S.Problem, 409: S.Problem, ...r501 } },
  }, (req, reply) => triage(req, reply, req.params.alert, 'dismissed', (alerts) => alerts.dismiss(req.params.alert, who(req), req.body.reason)));

  app.post('/alerts/:alert/action', {
    config: { permission: 'alerts:triage' },
    schema: { tags: ['alerts'], summary: 'Mark an alert actioned (something was done about it), with a note', params: S.AlertParams, body: S.ActionBody, response: { 200: S.AlertDetail, 400: S.Problem, 404: S.Problem, 409: S.Problem, ...r501 } },
  }, (req, reply) => triage(req, reply, req.params.alert, 'actioned', (alerts) => alerts.action(req.params.alert, who(req), req.body.note)));

  app.get('/layers/alerts', {
    config: { permission: 'alerts:read' },
    schema: { tags: ['alerts'], summary: "The alerts' areas as GeoJSON polygons (H3 cells)", querystring: S.AlertsQuery.pick({ force: true, month: true }), response: { 200: S.Opaque, 400: S.Problem, ...r501 } },
  }, async (req, reply) => {
    const named = parseForceList(req.query.force);
    const alerts = deps.capabilities.alerts;
    if (!alerts) return notAvailable(reply, 'Alerts', NO_ALERTS);
    const force = scopedForce(req, 'alerts:read', named?.[0]);
    return cache.send(req, reply, () => alerts.layer({ forces: force ? [force] : undefined, month: req.query.month }), force);
  });

  // ------------------------------------------------------------ quality

  app.get('/quality/league', {
    config: { permission: 'quality:read' },
    schema: { tags: ['quality'], summary: 'The data-quality league table of forces, each over the months it holds among the 12 ending its own latest month (or `to`)', querystring: S.QualityLeagueQuery.extend(S.ScorecardQuery.shape), response: { 200: S.pageOf(S.Opaque), 400: S.Problem, ...r501 } },
  }, async (req, reply) => {
    const quality = deps.capabilities.quality;
    if (!quality) return notAvailable(reply, 'Data quality', NO_QUALITY);
    const visible = scopedForces(req, 'quality:read', undefined);
    return cache.send(req, reply, async () => {
      const all = (await quality.league({ to: req.query.to ?? req.query.month })).filter((r) => !visible || visible.includes(String(r.force_id)));
      return { items: all.slice(req.query.offset, req.query.offset + req.query.limit), total: all.length, limit: req.query.limit, offset: req.query.offset };
    }, visible?.join(','));
  });

  app.get('/quality/forces/:force', {
    config: { permission: 'quality:read' },
    schema: { tags: ['quality'], summary: "A force's quality scorecard for one month (default its own latest held month), its 12-month score as in the league, and findings with sample rows", params: S.ForceParams, querystring: S.QualityScorecardQuery, response: { 200: S.Opaque, 400: S.Problem, 404: S.Problem, ...r501 } },
  }, async (req, reply) => {
    if (!getForce(req.params.force)) throw new PeelError('not_found', `no force "${req.params.force}"`, { field: 'path.force' });
    const quality = deps.capabilities.quality;
    if (!quality) return notAvailable(reply, 'Data quality', NO_QUALITY);
    return cache.send(req, reply, async () => {
      const s = await quality.scorecard(req.params.force, req.query.month);
      if (!s) {
        if (req.query.month) throw new PeelError('not_found', `no quality assessment for "${req.params.force}" in ${req.query.month}`, { field: 'query.month' });
        throw new PeelError('not_found', `no quality assessment for "${req.params.force}" yet`, { field: 'path.force' });
      }
      return s;
    });
  });

  // ------------------------------------------------------------ geography

  app.get('/geography/boundaries', {
    config: { permission: 'geography:read' },
    schema: { tags: ['geography'], summary: 'Force boundaries as GeoJSON', response: { 200: S.Opaque, 404: S.Problem, ...r501 } },
  }, async (req, reply) => {
    const geography = deps.capabilities.geography;
    if (!geography) return notAvailable(reply, 'Force boundaries', NO_GEOGRAPHY);
    return cache.send(req, reply, async () => {
      const b = await geography.boundaries();
      if (!b) throw new PeelError('not_found', 'no force boundaries are loaded: run `peel geography load`');
      return b;
    });
  });

  app.get('/geography/districts/:force', {
    config: { permission: 'geography:read' },
    schema: { tags: ['geography'], summary: "A force's local authority districts as GeoJSON: areas drawn from the LSOA points inside the force boundary, and one label point each; none (with the reason) when the geography loaded cannot draw them", params: S.ForceParams, response: { 200: S.Opaque, 404: S.Problem, ...r501 } },
  }, async (req, reply) => {
    if (!getForce(req.params.force)) throw new PeelError('not_found', `no force "${req.params.force}"`, { field: 'path.force' });
    const geography = deps.capabilities.geography;
    if (!geography?.districts) return notAvailable(reply, 'Districts', NO_GEOGRAPHY);
    const districts = geography.districts;
    return cache.send(req, reply, async () => {
      // Nothing to draw is an empty collection with the reason, not an error: the maps simply go without.
      return (await districts(req.params.force)) ?? {
        type: 'FeatureCollection', force_id: req.params.force, features: [],
        reason: `no districts to draw for "${req.params.force}": load its boundary, the LSOA lookups and the LSOA points with \`peel geography load\``,
      };
    });
  });
}
