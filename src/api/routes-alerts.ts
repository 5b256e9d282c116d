/**
 * Alerts over HTTP: the inbox (filtered, sorted), the months per force, one alert with its
 * evidence, triage (acknowledge, dismiss, action), and the alerts map layer. Responses are the
 * contract's alert shapes; the alerts capability (./optional.ts) computes them.
 *
 * Triage is audited through the access vocabulary: `alerts:triage` declares the audit action
 * `alteration`, so the access plugin writes one event per attempt (who, which alert, its force,
 * the status before and after, success or failure). The note stays in the alert's own history,
 * out of the audit log (it may name people).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { PeelError } from '../standard/index.ts';
import type { ResponseCache } from './cache.ts';
import { notAvailable } from './problem.ts';
import { parseForceList } from './parse.ts';
import { scopedForce, scopedForces, checkForce } from './scope.ts';
import { NOT_WIRED, type AlertsCapability, type Capabilities } from './optional.ts';
import * as S from '../contract/index.ts';

const r501 = { 501: S.Problem };
const unwired = (reply: FastifyReply) => notAvailable(reply, NOT_WIRED.alerts.name, NOT_WIRED.alerts.hint);

/** The force an alert belongs to: its lead force. */
const leadForce = (a: S.Alert): string | null => a.force_ids[0] ?? null;

export function registerAlertRoutes(api: FastifyInstance, deps: { cache: ResponseCache; capabilities: Capabilities }): void {
  const app = api.withTypeProvider<ZodTypeProvider>();
  const { cache } = deps;
  const who = (req: FastifyRequest) => req.access?.actor ?? 'anonymous';

  app.get('/alerts', {
    config: { permission: 'alerts:read' },
    schema: { tags: ['alerts'], summary: 'Alerts, filtered and sorted (priority first by default)', querystring: S.AlertsQuery, response: { 200: S.AlertPage, 400: S.Problem, ...r501 } },
  }, async (req, reply) => {
    const named = parseForceList(req.query.force);
    if (named && named.length > 1) throw new PeelError('bad_input', 'query.force: alerts are listed one force at a time', { field: 'query.force' });
    const alerts = deps.capabilities.alerts;
    if (!alerts) return unwired(reply);
    const force = scopedForce(req, 'alerts:read', named?.[0]);
    const q = req.query;
    return cache.send(req, reply, () => alerts.list({
      forces: force ? [force] : undefined, status: q.status, kind: q.kind, month: q.month, category: q.category, minPriority: q.min_priority, review: q.review, open: q.open,
      sort: q.sort, limit: q.limit, offset: q.offset,
    }), force);
  });

  app.get('/alerts/months', {
    config: { permission: 'alerts:read' },
    schema: { tags: ['alerts'], summary: 'Per force: months of street data held, its own latest month (what detection tests by default) and months with alerts', querystring: S.AlertMonthsQuery, response: { 200: S.AlertMonthsPage, 400: S.Problem, ...r501 } },
  }, async (req, reply) => {
    const named = parseForceList(req.query.force);
    const alerts = deps.capabilities.alerts;
    if (!alerts?.months) return unwired(reply);
    const months = alerts.months.bind(alerts);
    const force = scopedForce(req, 'alerts:read', named?.[0]);
    const visible = scopedForces(req, 'alerts:read', undefined);
    return cache.send(req, reply, async (): Promise<S.AlertMonthsPage> => {
      const items = (await months({ forces: force ? [force] : undefined })).filter((r) => !visible || visible.includes(r.force_id));
      return { items, total: items.length, limit: items.length, offset: 0 };
    }, force ?? visible?.join(','));
  });

  app.get('/alerts/:alert', {
    config: { permission: 'alerts:read' },
    schema: { tags: ['alerts'], summary: 'One alert with its evidence (series, threshold, areas, method, parameters, explanation) and triage history', params: S.AlertParams, response: { 200: S.AlertDetail, 404: S.Problem, ...r501 } },
  }, async (req, reply) => {
    const alerts = deps.capabilities.alerts;
    if (!alerts) return unwired(reply);
    const load = async () => {
      const a = await alerts.get(req.params.alert);
      if (!a) throw new PeelError('not_found', `no alert "${req.params.alert}"`, { field: 'path.alert' });
      return a;
    };
    // Principals who see every force share one cached answer; a force-scoped one is checked each time.
    if (!req.access || req.access.forces('alerts:read') === 'all') return cache.send(req, reply, load);
    const a = await load();
    checkForce(req, 'alerts:read', leadForce(a));
    return a;
  });

  /** A status change: the alert must exist and be in the caller's forces; cached reads are then stale. */
  const triage = async (req: FastifyRequest, reply: FastifyReply, id: string, to: S.AlertStatus, change: (alerts: AlertsCapability) => Promise<S.AlertDetail | undefined>) => {
    const alerts = deps.capabilities.alerts;
    if (!alerts) return unwired(reply);
    const before = await alerts.get(id);
    if (!before) throw new PeelError('not_found', `no alert "${id}"`, { field: 'path.alert' });
    checkForce(req, 'alerts:triage', leadForce(before));
    // What the plugin's audit event says (ids and statuses, never the note).
    req.access?.objects(`alert:${id}`);
    req.access?.facts({ change: 'alert status', from: before.status, to });
    const a = await change(alerts);
    if (!a) throw new PeelError('not_found', `no alert "${id}"`, { field: 'path.alert' });
    cache.bump();
    return a;
  };

  app.post('/alerts/:alert/acknowledge', {
    config: { permission: 'alerts:triage' },
    schema: { tags: ['alerts'], summary: 'Acknowledge an alert (someone is looking at it); audited as an alteration', params: S.AlertParams, body: S.AckBody, response: { 200: S.AlertDetail, 400: S.Problem, 404: S.Problem, 409: S.Problem, ...r501 } },
  }, (req, reply) => triage(req, reply, req.params.alert, 'acknowledged', (alerts) => alerts.acknowledge(req.params.alert, who(req), req.body.note)));

  app.post('/alerts/:alert/dismiss', {
    config: { permission: 'alerts:triage' },
    schema: { tags: ['alerts'], summary: 'Dismiss an alert, with the reason; audited as an alteration', params: S.AlertParams, body: S.DismissBody, response: { 200: S.AlertDetail, 400: S.Problem, 404: S.Problem, 409: S.Problem, ...r501 } },
  }, (req, reply) => triage(req, reply, req.params.alert, 'dismissed', (alerts) => alerts.dismiss(req.params.alert, who(req), req.body.reason)));

  app.post('/alerts/:alert/action', {
    config: { permission: 'alerts:triage' },
    schema: { tags: ['alerts'], summary: 'Mark an alert actioned (something was done about it), with a note; audited as an alteration', params: S.AlertParams, body: S.ActionBody, response: { 200: S.AlertDetail, 400: S.Problem, 404: S.Problem, 409: S.Problem, ...r501 } },
  }, (req, reply) => triage(req, reply, req.params.alert, 'actioned', (alerts) => alerts.action(req.params.alert, who(req), req.body.note)));

  app.get('/layers/alerts', {
    config: { permission: 'alerts:read' },
    schema: { tags: ['alerts'], summary: "The open alerts' areas for one month as GeoJSON polygons (H3 cells)", querystring: S.AlertLayerQuery, response: { 200: S.AlertsLayer, 400: S.Problem, ...r501 } },
  }, async (req, reply) => {
    const named = parseForceList(req.query.force);
    const alerts = deps.capabilities.alerts;
    if (!alerts) return unwired(reply);
    const force = scopedForce(req, 'alerts:read', named?.[0]);
    return cache.send(req, reply, () => alerts.layer({ forces: force ? [force] : undefined, month: req.query.month }), force);
  });
}
