/**
 * Force scope, as the access plugin asks of routes: a principal who may see only some forces gets
 * only those. Named forces (`?force=`, `:force`) are checked by the plugin before the handler;
 * these helpers cover the rest — lists without a force filter, and objects read by id.
 */
import type { FastifyRequest } from 'fastify';
import { PeelError } from '../standard/index.ts';
import type { Permission } from '../access/index.ts';

/**
 * The forces a list may show: the ones asked for, or — for a force-scoped principal asking for
 * none — the forces they hold `permission` for. Undefined means every force.
 */
export function scopedForces(req: FastifyRequest, permission: Permission, requested: string[] | undefined): string[] | undefined {
  const access = req.access;
  if (!access) return requested;
  const allowed = access.forces(permission);
  if (allowed === 'all' || requested) return requested;
  // An empty scope must show nothing, never everything.
  return allowed.length ? [...allowed] : ['-'];
}

/** As `scopedForces`, for capabilities that list one force at a time. */
export function scopedForce(req: FastifyRequest, permission: Permission, requested: string | undefined, field = 'query.force'): string | undefined {
  const forces = scopedForces(req, permission, requested ? [requested] : undefined);
  if (!forces || forces.length === 1) return forces?.[0];
  throw new PeelError('bad_input', `${field}: you may see several forces; name one with ?force=`, { field });
}

/** For an object read by id: refuses (403) a principal who may not see its force. */
export function checkForce(req: FastifyRequest, permission: Permission, forceId: string | null | undefined): void {
  if (req.access && forceId) req.access.check(permission, { forceId });
}
