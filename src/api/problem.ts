/**
 * Errors become RFC 9457 problem+json here, and only here: PeelError codes map to statuses via
 * the standard's ERROR_CODES; schema failures name the field; anything else is a 500 that logs
 * the stack but shows the caller no internals.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { ERROR_CODES, isPeelError } from '../standard/index.ts';
import type { Problem } from '../contract/index.ts';

export const PROBLEM_TYPE = 'application/problem+json';

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Not signed in',
  403: 'Forbidden',
  404: 'Not found',
  409: 'Conflict',
  413: 'Payload too large',
  415: 'Unsupported media type',
  423: 'Locked',
  429: 'Too many requests',
  500: 'Internal server error',
  501: 'Not available yet',
  503: 'Service unavailable',
};

export function problem(status: number, code: string, detail: string, extra: Partial<Problem> = {}): Problem {
  return { type: `urn:peel:problem:${code}`, title: TITLES[status] ?? 'Error', status, detail, code, ...extra };
}

export function sendProblem(reply: FastifyReply, p: Problem): FastifyReply {
  return reply.code(p.status).header('content-type', PROBLEM_TYPE).header('cache-control', 'no-store').send(JSON.stringify(p));
}

/** A capability that has not landed on this server yet: an honest 501, never made-up data. */
export function notAvailable(reply: FastifyReply, capability: string, hint: string): FastifyReply {
  return sendProblem(reply, problem(501, 'not_available', `${capability} is not available on this server yet: ${hint}`));
}

/** The request part a schema failure was in, as the problem's `field` prefix. */
function contextPrefix(ctx: string | undefined): string {
  switch (ctx) {
    case 'querystring': return 'query';
    case 'params': return 'path';
    case 'body': return 'body';
    case 'headers': return 'header';
    default: return ctx ?? 'request';
  }
}

export function toProblem(err: unknown, req: FastifyRequest): Problem {
  const instance = req.url;
  if (hasZodFastifySchemaValidationErrors(err)) {
    const prefix = contextPrefix((err as { validationContext?: string }).validationContext);
    const errors = err.validation.map((v) => {
      const path = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
      return { field: path ? `${prefix}.${path}` : prefix, message: v.message ?? 'invalid' };
    });
    const first = errors[0];
    return problem(400, 'bad_input', errors.map((e) => `${e.field}: ${e.message}`).join('; '), { instance, field: first?.field, errors });
  }
  if (isPeelError(err)) {
    const status = ERROR_CODES[err.code];
    const field = typeof err.details.field === 'string' ? err.details.field : undefined;
    return problem(status, err.code, err.message, { instance, ...(field ? { field } : {}) });
  }
  if (isResponseSerializationError(err)) {
    return problem(500, 'internal', 'the server built a response that does not match its own schema', { instance });
  }
  const fe = err as FastifyError;
  if (typeof fe?.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    const code = fe.statusCode === 413 ? 'too_large' : fe.statusCode === 415 ? 'unsupported_media_type' : fe.statusCode === 429 ? 'rate_limited' : 'bad_input';
    return problem(fe.statusCode, code, fe.message, { instance });
  }
  return problem(500, 'internal', 'unexpected server error; it has been logged', { instance });
}
