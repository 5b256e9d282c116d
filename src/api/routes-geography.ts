/** Force boundaries over HTTP, as the contract's GeoJSON; the geography capability (./optional.ts) reads them. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { PeelError } from '../standard/index.ts';
import type { ResponseCache } from './cache.ts';
import { notAvailable } from './problem.ts';
import { NOT_WIRED, type Capabilities } from './optional.ts';
import * as S from '../contract/index.ts';

export function registerGeographyRoutes(api: FastifyInstance, deps: { cache: ResponseCache; capabilities: Capabilities }): void {
  const app = api.withTypeProvider<ZodTypeProvider>();

  app.get('/geography/boundaries', {
    config: { permission: 'geography:read' },
    schema: { tags: ['geography'], summary: 'Force boundaries as GeoJSON, one feature per force area', response: { 200: S.ForceBoundaries, 404: S.Problem, 501: S.Problem } },
  }, async (req, reply) => {
    const geography = deps.capabilities.geography;
    if (!geography) return notAvailable(reply, NOT_WIRED.geography.name, NOT_WIRED.geography.hint);
    return deps.cache.send(req, reply, async (): Promise<S.ForceBoundaries> => {
      const b = await geography.boundaries();
      if (!b) throw new PeelError('not_found', 'no force boundaries are loaded: run `peel geography load`');
      return b;
    });
  });
}
