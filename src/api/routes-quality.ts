/**
 * Data quality over HTTP: the league table of forces and one force's scorecard with its findings.
 * Responses are the contract's quality shapes; the quality capability (./optional.ts) computes them.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { PeelError, getForce } from '../standard/index.ts';
import type { ResponseCache } from './cache.ts';
import { notAvailable } from './problem.ts';
import { scopedForces } from './scope.ts';
import { NOT_WIRED, type Capabilities } from './optional.ts';
import * as S from '../contract/index.ts';

const r501 = { 501: S.Problem };

export function registerQualityRoutes(api: FastifyInstance, deps: { cache: ResponseCache; capabilities: Capabilities }): void {
  const app = api.withTypeProvider<ZodTypeProvider>();
  const { cache } = deps;

  app.get('/quality/league', {
    config: { permission: 'quality:read' },
    schema: { tags: ['quality'], summary: 'The data-quality league table of forces, each over the months it holds among the 12 ending its own latest month (or `to`)', querystring: S.QualityLeagueQuery.extend(S.ScorecardQuery.shape), response: { 200: S.QualityLeaguePage, 400: S.Problem, ...r501 } },
  }, async (req, reply) => {
    const quality = deps.capabilities.quality;
    if (!quality) return notAvailable(reply, NOT_WIRED.quality.name, NOT_WIRED.quality.hint);
    const visible = scopedForces(req, 'quality:read', undefined);
    return cache.send(req, reply, async (): Promise<S.QualityLeaguePage> => {
      const all = (await quality.league({ to: req.query.to ?? req.query.month })).filter((r) => !visible || visible.includes(r.force_id));
      return { items: all.slice(req.query.offset, req.query.offset + req.query.limit), total: all.length, limit: req.query.limit, offset: req.query.offset };
    }, visible?.join(','));
  });

  app.get('/quality/forces/:force', {
    config: { permission: 'quality:read' },
    schema: { tags: ['quality'], summary: "A force's quality scorecard for one month (default its own latest held month), its 12-month score as in the league, and findings with sample rows", params: S.ForceParams, querystring: S.QualityScorecardQuery, response: { 200: S.QualityScorecard, 400: S.Problem, 404: S.Problem, ...r501 } },
  }, async (req, reply) => {
    if (!getForce(req.params.force)) throw new PeelError('not_found', `no force "${req.params.force}"`, { field: 'path.force' });
    const quality = deps.capabilities.quality;
    if (!quality) return notAvailable(reply, NOT_WIRED.quality.name, NOT_WIRED.quality.hint);
    return cache.send(req, reply, async (): Promise<S.QualityScorecard> => {
      const s = await quality.scorecard(req.params.force, req.query.month);
      if (!s) {
        if (req.query.month) throw new PeelError('not_found', `no quality assessment for "${req.params.force}" in ${req.query.month}`, { field: 'query.month' });
        throw new PeelError('not_found', `no quality assessment for "${req.params.force}" yet`, { field: 'path.force' });
      }
      return s;
    });
  });
}
