/**
 * The productivity standard's routes (docs/productivity.md). Aggregates only, as the overview:
 * `aggregates:read`. A force-scoped user sees the national rows and their own forces' rows; the
 * national and group values are always computed over every force held.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Store } from '../store/index.ts';
import {
  productivityReport, productivityTrends, comparisonGroups, readCells, resolvePeriod,
  PRODUCTIVITY_MEASURES, PRODUCTIVITY_MEASURE_IDS, PRODUCTIVITY_STANDARD_VERSION, OUTCOME_PRODUCTIVITY_GROUP, HARM_WEIGHTS,
  type ProductivityMeasureId,
} from '../productivity/index.ts';
import { monthRange } from '../standard/index.ts';
import type { ResponseCache } from './cache.ts';
import { scopedForces } from './scope.ts';
import { bad, parseCategoryList, parseForceList } from './parse.ts';
import { Problem, ProductivityContract as S } from '../contract/index.ts';

const problems = { 400: Problem, 404: Problem };

function parseMeasures(v: string | undefined): ProductivityMeasureId[] | undefined {
  if (!v?.trim()) return undefined;
  const ids = v.split(',').map((s) => s.trim()).filter(Boolean);
  for (const id of ids) if (!(PRODUCTIVITY_MEASURE_IDS as readonly string[]).includes(id)) throw bad('query.measure', `unknown measure "${id}": one of ${PRODUCTIVITY_MEASURE_IDS.join(', ')}`);
  return ids as ProductivityMeasureId[];
}

export function registerProductivityRoutes(api: FastifyInstance, deps: { store: Store; cache: ResponseCache }): void {
  const app = api.withTypeProvider<ZodTypeProvider>();
  const { store, cache } = deps;

  app.get('/productivity', {
    config: { permission: 'aggregates:read' },
    schema: { tags: ['productivity'], summary: 'Every measure of the productivity standard per force, against its comparison group and the nation', querystring: S.ProductivityQuery, response: { 200: S.ProductivityReport, ...problems } },
  }, async (req, reply) => {
    const q = req.query;
    if (q.from && q.to && q.from > q.to) throw bad('query.from', `from ${q.from} is after to ${q.to}`);
    const forces = scopedForces(req, 'aggregates:read', parseForceList(q.force));
    const categories = parseCategoryList(q.category);
    const measures = parseMeasures(q.measure);
    return cache.send(req, reply, () => productivityReport(store, { from: q.from, to: q.to, forces, categories, measures }), forces?.join(','));
  });

  app.get('/productivity/trends', {
    config: { permission: 'aggregates:read' },
    schema: { tags: ['productivity'], summary: 'Each measure month by month (up to 36 months) with Mann-Kendall and Sen\'s slope', querystring: S.TrendsQuery, response: { 200: S.TrendReport, ...problems } },
  }, async (req, reply) => {
    const q = req.query;
    const forces = scopedForces(req, 'aggregates:read', parseForceList(q.force));
    const measures = parseMeasures(q.measure);
    return cache.send(req, reply, () => productivityTrends(store, { from: q.from, to: q.to, forces, measures }), forces?.join(','));
  });

  app.get('/productivity/standard', {
    config: { permission: 'aggregates:read' },
    schema: { tags: ['productivity'], summary: 'The standard\'s definitions: measures, outcome groups, harm weights', response: { 200: S.Standard } },
  }, async () => ({ standard_version: PRODUCTIVITY_STANDARD_VERSION, measures: [...PRODUCTIVITY_MEASURES], outcome_groups: { ...OUTCOME_PRODUCTIVITY_GROUP }, harm_weights: { ...HARM_WEIGHTS } }));

  app.get('/productivity/groups', {
    config: { permission: 'aggregates:read' },
    schema: { tags: ['productivity'], summary: 'The comparison groups in use, with their method and inputs', querystring: S.TrendsQuery.pick({ from: true, to: true }), response: { 200: S.ComparisonGroups, ...problems } },
  }, async (req) => {
    const period = await resolvePeriod(store, req.query);
    const cells = await readCells(store, period);
    const g = await comparisonGroups(store, cells, monthRange(period.from, period.to));
    return { method: g.method, groups: g.groups.map((x) => ({ ...x, members: [...x.members], distances: x.distances ? [...x.distances] : null })), inputs: g.inputs.map((i) => ({ ...i, mix: { ...i.mix } })) };
  });
}
