/**
 * Record linkage's route: the same person under other spellings across forces, with why
 * (src/linkage). Linking records across forces is a combination (DPA 2018 s.62): it needs
 * `records:link` and `records:read` on the forces shown, a justification, and is audited with
 * every record returned. Thin: scope, call, render.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Store } from '../store/index.ts';
import type { Permission } from '../access/index.ts';
import { linkedPersons } from '../linkage/index.ts';
import { LinkageContract as S } from '../contract/index.ts';

const problems = { 400: S.Problem, 403: S.Problem, 404: S.Problem };

function forcesOf(req: FastifyRequest, perm: Permission): 'all' | readonly string[] {
  return req.access ? req.access.forces(perm) : 'all';
}

export function registerLinkageRoutes(api: FastifyInstance, deps: { readonly store: Store }): void {
  const app = api.withTypeProvider<ZodTypeProvider>();
  app.get('/persons/:name/linked', {
    config: { permission: 'records:link' as never },
    schema: {
      tags: ['records'],
      summary: 'The same person under other spellings, across the forces you may link, with why each pair was linked',
      description: 'e.g. /api/persons/Wayne%20Kershaw/linked. From the last `peel link-persons` run. A combination (DPA 2018 s.62): needs records:link and a justification, and is audited.',
      params: S.LinkedPersonsParams,
      response: { 200: S.LinkedPersons, ...problems },
    },
  }, async (req) => {
    const link = forcesOf(req, 'records:link');
    const read = forcesOf(req, 'records:read');
    const forces = link === 'all' ? read : read === 'all' ? link : link.filter((f) => read.includes(f));
    const persons = await linkedPersons(deps.store, { value: req.params.name, forces });
    req.access?.objects(`person:${req.params.name}`, ...persons.flatMap((p) => p.members.map((m) => `record:${m.force_id}/${m.record_id}`)));
    const run = await deps.store.linkage.lastPersonLinkRun();
    return {
      name: req.params.name,
      persons: persons.map((p) => ({ ...p, spellings: [...p.spellings], dates_of_birth: [...p.dates_of_birth], forces: [...p.forces], members: [...p.members], links: p.links.map((l) => ({ ...l, why: [...l.why] })), connections: p.connections.map((c) => ({ ...c, records: [...c.records] })) })),
      run: run ? { run_id: run.run_id, finished_at: run.finished_at, persons: Number(run.persons), links: Number(run.links) } : null,
    };
  });
}
