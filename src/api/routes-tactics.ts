/**
 * What works over HTTP: the tactic library, trials with their latest evaluation, one trial with
 * its registration, amendments and series, and a tactic's sharing document. Each route parses,
 * checks access, calls `tactics/` and renders.
 *
 * Access: everything here is read with `aggregates:read` (evaluations hold counts per month, no
 * record contents). The library is national; trials are scoped by force like the overview's
 * aggregates — a force-scoped caller lists and opens only its own forces' trials, and exports only
 * its own forces' trials of a tactic.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Store } from '../store/index.ts';
import { currentRegistration, exportTactic, getTactic, getTrial, latestEvaluation, listTactics, listTrials } from '../tactics/index.ts';
import { TacticsApiContract as S, TacticsContract as T } from '../contract/index.ts';
import { checkForce, scopedForce, scopedForces } from './scope.ts';
import { parseForceList } from './parse.ts';

export interface TacticsRouteDeps {
  readonly store: Store;
}

const problems = { 400: S.Problem, 403: S.Problem, 404: S.Problem };
const READ = { permission: 'aggregates:read' as never };

function summary(e: T.Evaluation | null): S.EvaluationSummary | null {
  if (!e) return null;
  return {
    evaluated_at: e.evaluated_at, registration_hash: e.registration_hash, rate_ratio: e.did.rate_ratio, ci95: e.did.ci95, p_value: e.did.p_value,
    synth_effect: e.synth.effect, placebo_p: e.synth.placebo_p, in_words: e.card.in_words,
  };
}

/** The library holds no force's data: every reader of aggregates sees all of it (the call tells the access plugin scope was considered). */
function national(req: FastifyRequest): void {
  req.access?.forces('aggregates:read');
}

export function registerTacticsRoutes(api: FastifyInstance, deps: TacticsRouteDeps): void {
  const app = api.withTypeProvider<ZodTypeProvider>();
  const { store } = deps;

  app.get('/tactics', {
    config: READ,
    schema: { tags: ['what works'], summary: 'The tactic library: each tactic as an EMMIE card with its Maryland level and references', response: { 200: S.TacticList, ...problems } },
  }, async (req) => {
    national(req);
    const items = await listTactics(store);
    return { items, total: items.length };
  });

  app.get('/tactics/:id', {
    config: READ,
    schema: { tags: ['what works'], summary: 'One tactic of the library', params: S.TacticParams, response: { 200: T.Tactic, ...problems } },
  }, async (req) => {
    national(req);
    return getTactic(store, req.params.id);
  });

  app.get('/tactics/:id/export', {
    config: READ,
    schema: {
      tags: ['what works'], summary: 'The sharing document of a tactic: its trials\' registrations and evaluations with a content hash (import with `peel tactics import`)',
      params: S.TacticParams, querystring: S.ExportQuery, response: { 200: T.TacticsDocument, ...problems },
    },
  }, async (req, reply) => {
    const force = scopedForce(req, 'aggregates:read', parseForceList(req.query.force)?.[0]) ?? null;
    const doc = await exportTactic(store, req.params.id, force);
    void reply.header('content-disposition', `attachment; filename="${req.params.id}${force ? `-${force}` : ''}.peel-tactics.json"`);
    return doc;
  });

  app.get('/trials', {
    config: READ,
    schema: { tags: ['what works'], summary: 'Registered trials, each with its latest evaluation\'s headline', querystring: S.TrialsQuery, response: { 200: S.TrialList, ...problems } },
  }, async (req) => {
    const forces = scopedForces(req, 'aggregates:read', parseForceList(req.query.force));
    const trials = (await listTrials(store, forces)).filter((t) => !req.query.tactic || t.registration.tactic_id === req.query.tactic);
    const items: S.TrialSummary[] = [];
    for (const t of trials) items.push({ trial: t, current_hash: currentRegistration(t).hash, evaluation: summary(await latestEvaluation(store, t.trial_id)) });
    return { items, total: items.length };
  });

  app.get('/trials/:id', {
    config: READ,
    schema: { tags: ['what works'], summary: 'One trial: its registration (hash, time, amendments) and its latest evaluation with the series', params: S.TrialParams, response: { 200: S.TrialDetail, ...problems } },
  }, async (req) => {
    const trial = await getTrial(store, req.params.id);
    checkForce(req, 'aggregates:read', trial.registration.force_id);
    const tactic = (await listTactics(store)).find((t) => t.tactic_id === trial.registration.tactic_id);
    const { origin: _o, ...plain } = tactic ?? { origin: '' };
    return { trial, current_hash: currentRegistration(trial).hash, tactic: tactic ? (plain as T.Tactic) : null, evaluation: await latestEvaluation(store, trial.trial_id) };
  });
}
