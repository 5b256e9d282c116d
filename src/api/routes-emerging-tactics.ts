/**
 * Emerging tactics over HTTP (the "Tactics seen" page): `GET /api/emerging-tactics`.
 *
 * Access: read with `alerts:read`; a force-scoped caller sees the tactics with records in its
 * forces. The records themselves follow need-to-know: their ids are given only for the forces whose
 * records the caller may read (`records:read`: a force analyst's own forces, or a `records` grant),
 * and every force's records are given as a count. Not cached: the answer depends on the caller.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Store } from '../store/index.ts';
import { listEmergingTactics, scopeAlertRecords } from '../trends/index.ts';
import { EmergingTacticsContract as E, Problem } from '../contract/index.ts';
import { scopedForces } from './scope.ts';
import { cellFeatures } from './h3-geojson.ts';

export function registerEmergingTacticsRoutes(api: FastifyInstance, deps: { store: Store }): void {
  const app = api.withTypeProvider<ZodTypeProvider>();
  app.get('/emerging-tactics', {
    config: { permission: 'alerts:read' },
    schema: {
      tags: ['alerts'], summary: 'Emerging tactics (alerts of kind emerging_tactic) with their phrases, method, spread and records (ids only where you may read records)',
      querystring: E.EmergingTacticsQuery, response: { 200: E.EmergingTacticPage, 400: Problem, 403: Problem },
    },
  }, async (req) => {
    const q = req.query;
    const visible = scopedForces(req, 'alerts:read', q.force ? [q.force] : undefined);
    const readable = req.access ? req.access.forces('records:read') : 'all';
    const page = await listEmergingTactics(deps.store, { month: q.month, visible, limit: q.limit, offset: q.offset });
    return {
      total: page.total, limit: q.limit, offset: q.offset, months: page.months,
      items: page.items.map(({ records, ...t }) => ({
        ...t, ...scopeAlertRecords(records, readable),
        phrases: [...t.phrases], method: Object.fromEntries(Object.entries(t.method).map(([k, v]) => [k, [...v]])),
        forces: [...t.forces], series: [...t.series], spread: [...t.spread], h3_cells: [...t.h3_cells],
        areas_geojson: { type: 'FeatureCollection' as const, features: cellFeatures(t.h3_cells, (h3) => ({ h3, alert_id: t.alert_id })) },
      })),
    };
  });
}
