/**
 * Routes of the access capability, under the API prefix: sign-in, sign-out, who am I; accounts,
 * grants and API tokens (admin); the audit log and its verification (auditor). Each declares its
 * permission, validates its input with zod, calls src/access and renders.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { ERROR_CODES, FORCES, PeelError, isPeelError } from '../standard/index.ts';
import {
  AUDIT_ACTION_NAMES, GRANT_KINDS, createAccess, PERMISSION_NAMES, PERMISSIONS, ROLES, ROLE_NATIONAL, ROLE_NEEDS_FORCES, ROLE_PERMISSIONS, forcesFor, listAudit, verifyAudit,
  type Permission, type Principal, type RoutePermission,
} from '../access/index.ts';
import type { Store } from '../store/index.ts';
import { AccessContract as C } from '../contract/index.ts';
import { DEFAULT_CONFIG, type PeelConfig } from '../config/index.ts';
import { CSRF_COOKIE, installAuth, sessionCookieName, signInRateLimit, type AuthOptions } from './auth.ts';

/**
 * A route's config. The API's own `FastifyContextConfig.permission` type is narrower until it
 * imports RoutePermission from src/access; the plugin validates the value at registration.
 */
function needs(permission: RoutePermission, extra: Record<string, unknown> = {}): { permission: never } {
  return { permission: permission as never, ...extra };
}

const ForceSlug = z.string().refine((v) => FORCES.some((f) => f.id === v), { message: 'unknown force: use a data.police.uk slug such as gwent' });
const Name = z.string().regex(/^[a-z0-9][a-z0-9._-]{1,63}$/i, 'letters, digits, dots, dashes or underscores, 2-64 long');
const Iso = z.string().refine((v) => !Number.isNaN(Date.parse(v)), { message: 'not an ISO 8601 date-time' });
const Problem = z.object({ type: z.string(), title: z.string(), status: z.number(), detail: z.string(), code: z.string() }).passthrough();

const Grant = C.AccessGrant;
const User = C.AccessUser;
const Me = C.AccessMe;
const Token = C.AccessToken;
const AuditEvent = C.AuditEventView;
const Verify = C.AuditVerify;

function me(p: Principal): z.infer<typeof Me> {
  const permissions: Record<string, 'all' | string[]> = {};
  for (const perm of PERMISSION_NAMES) {
    const f = forcesFor(p, perm);
    if (f === 'all' || f.length) permissions[perm] = f === 'all' ? 'all' : [...f];
  }
  return p.kind === 'user'
    ? { kind: 'user', name: p.name, role: p.role, forces: [...p.forces], grants: [...p.grants], permissions }
    : { kind: 'token', name: p.name, role: null, forces: p.forces === 'all' ? 'all' : [...p.forces], grants: [], permissions };
}

const err = { 400: Problem, 401: Problem, 403: Problem };

export function registerAccessRoutes(api: FastifyInstance, opts: AuthOptions): void {
  api.setValidatorCompiler(validatorCompiler);
  api.setSerializerCompiler(serializerCompiler);
  // This context is created before the server sets its own error handler: map errors here too.
  api.setErrorHandler((e, req, reply) => {
    const fe = e as { statusCode?: number; validation?: { instancePath?: string; message?: string }[]; validationContext?: string; message?: string };
    let status = 500;
    let code = 'internal';
    let detail = 'the request failed';
    if (isPeelError(e)) ((status = ERROR_CODES[e.code]), (code = e.code), (detail = e.message));
    else if (fe.validation) {
      const v = fe.validation[0];
      const where = `${fe.validationContext ?? 'request'}${v?.instancePath ? v.instancePath.replace(/\//g, '.') : ''}`;
      ((status = 400), (code = 'bad_input'), (detail = `${where}: ${v?.message ?? 'invalid'}`));
    } else if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
      ((status = fe.statusCode), (code = status === 429 ? 'too_many_requests' : status === 413 ? 'too_large' : 'bad_input'), (detail = fe.message ?? 'bad request'));
    } else req.log.error({ err: e }, 'access route failed');
    return reply.code(status).header('content-type', 'application/problem+json').header('cache-control', 'no-store')
      .send(JSON.stringify({ type: `urn:peel:problem:${code}`, title: code, status, detail, code, instance: req.url }));
  });
  const app = api.withTypeProvider<ZodTypeProvider>();
  const { access } = opts;
  const cookieName = sessionCookieName(opts.cookieSecure);
  const by = (req: { access: { actor: string; client: string } | null; ip: string }) => ({ actor: req.access?.actor ?? 'anonymous', client: req.ip });
  const principalOf = (req: { access: { principal: Principal | null } | null }): Principal => {
    const p = req.access?.principal;
    if (!p) throw new PeelError('unauthenticated', 'sign in first');
    return p;
  };
  const clearCookies = (reply: FastifyReply) => {
    reply.clearCookie(cookieName, { path: '/', httpOnly: true, sameSite: 'strict', secure: opts.cookieSecure });
    reply.clearCookie(CSRF_COOKIE, { path: '/', sameSite: 'strict', secure: opts.cookieSecure });
  };

  // ------------------------------------------------------------ sessions

  app.post('/auth/sign-in', {
    config: needs('public', { rateLimit: { ...signInRateLimit(opts) } }),
    bodyLimit: 16 * 1024,
    schema: {
      tags: ['access'], summary: 'Sign in with account name and password; sets the session and CSRF cookies',
      body: z.object({ name: z.string().min(1).max(64), password: z.string().min(1).max(1024) }),
      response: { 200: z.object({ user: Me, csrfToken: z.string() }), 400: Problem, 401: Problem, 423: Problem, 429: Problem },
    },
  }, async (req, reply) => {
    const s = await access.signIn(req.body.name, req.body.password, req.ip);
    reply.setCookie(cookieName, s.sessionToken, { path: '/', httpOnly: true, sameSite: 'strict', secure: opts.cookieSecure });
    reply.setCookie(CSRF_COOKIE, s.csrfToken, { path: '/', httpOnly: false, sameSite: 'strict', secure: opts.cookieSecure });
    reply.header('cache-control', 'no-store');
    return { user: me(s.principal), csrfToken: s.csrfToken };
  });

  app.post('/auth/sign-out', {
    config: needs('authenticated'),
    schema: { tags: ['access'], summary: 'End this session', response: { 204: z.null(), ...err } },
  }, async (req, reply) => {
    const key = req.access?.sessionKey;
    if (key) await access.signOut(key, by(req));
    clearCookies(reply);
    return reply.code(204).send(null);
  });

  app.get('/auth/me', {
    config: needs('authenticated'),
    schema: { tags: ['access'], summary: 'Who is signed in, with the forces each permission is held for', response: { 200: Me, ...err } },
  }, async (req) => me(principalOf(req)));

  app.post('/auth/password', {
    config: needs('authenticated', { rateLimit: { ...signInRateLimit(opts) } }),
    bodyLimit: 16 * 1024,
    schema: {
      tags: ['access'], summary: 'Change your own password (ends your sessions: sign in again)',
      body: z.object({ current: z.string().min(1).max(1024), password: z.string().min(12).max(256) }),
      response: { 204: z.null(), 423: Problem, ...err },
    },
  }, async (req, reply) => {
    const p = principalOf(req);
    if (p.kind !== 'user') throw new PeelError('forbidden', 'API tokens have no password');
    await access.changeOwnPassword(p.name, req.body.current, req.body.password, req.ip);
    clearCookies(reply);
    return reply.code(204).send(null);
  });

  // ------------------------------------------------------------ accounts and grants

  app.get('/access/roles', {
    config: needs('authenticated'),
    schema: { tags: ['access'], summary: 'The roles, what each may do, the permissions and grant kinds (for the admin pages)', response: { 200: C.RoleCatalogue, ...err } },
  }, async () => ({
    roles: ROLES.map((role) => ({ role, permissions: [...ROLE_PERMISSIONS[role]], national: [...ROLE_NATIONAL[role]], needs_forces: ROLE_NEEDS_FORCES[role] })),
    permissions: PERMISSION_NAMES.map((name) => ({ name, about: PERMISSIONS[name].about })),
    grant_kinds: [...GRANT_KINDS],
    forces: FORCES.map((f) => ({ id: f.id, name: f.name })),
    audit_actions: [...AUDIT_ACTION_NAMES],
  }));

  app.get('/users', {
    config: needs('users:manage'),
    schema: { tags: ['access'], summary: 'Every account with its role, forces, grants and lock state', response: { 200: z.object({ items: z.array(User) }), ...err } },
  }, async () => ({ items: (await access.listUsers()).map((u) => ({ ...u, forces: [...u.forces], grants: [...u.grants] })) }));

  app.post('/users', {
    config: needs('users:manage'),
    schema: {
      tags: ['access'], summary: 'Create an account (the password is set by the admin and changed by its owner)',
      body: z.object({ name: Name, role: z.enum(ROLES), forces: z.array(ForceSlug).max(50).default([]), password: z.string().min(12).max(256) }),
      response: { 201: User, 409: Problem, ...err },
    },
  }, async (req, reply) => {
    const u = await access.addUser(req.body, by(req));
    return reply.code(201).send({ ...u, forces: [...u.forces], grants: [...u.grants] });
  });

  app.patch('/users/:name', {
    config: needs('users:manage'),
    schema: {
      tags: ['access'], summary: "Change an account's role, forces or disabled flag (ends its sessions)",
      params: z.object({ name: Name }),
      body: z.object({ role: z.enum(ROLES).optional(), forces: z.array(ForceSlug).max(50).optional(), disabled: z.boolean().optional() }),
      response: { 200: User, 404: Problem, ...err },
    },
  }, async (req) => {
    const u = await access.changeUser(req.params.name, req.body, by(req));
    return { ...u, forces: [...u.forces], grants: [...u.grants] };
  });

  app.put('/users/:name/password', {
    config: needs('users:manage'),
    schema: {
      tags: ['access'], summary: "Set an account's password (ends its sessions and clears a lockout)",
      params: z.object({ name: Name }), body: z.object({ password: z.string().min(12).max(256) }),
      response: { 204: z.null(), 404: Problem, ...err },
    },
  }, async (req, reply) => {
    await access.setPassword(req.params.name, req.body.password, by(req));
    return reply.code(204).send(null);
  });

  app.post('/users/:name/unlock', {
    config: needs('users:manage'),
    schema: { tags: ['access'], summary: 'Clear a lockout', params: z.object({ name: Name }), response: { 204: z.null(), 404: Problem, ...err } },
  }, async (req, reply) => {
    await access.unlock(req.params.name, by(req));
    return reply.code(204).send(null);
  });

  app.post('/users/:name/grants', {
    config: needs('users:manage'),
    schema: {
      tags: ['access'], summary: 'Grant record-level access to a force (records) or OFFICIAL-SENSITIVE records (sensitive), with the reason',
      params: z.object({ name: Name }),
      body: z.object({ kind: z.enum(GRANT_KINDS), force: ForceSlug, reason: z.string().trim().min(5).max(1000), expiresAt: Iso.optional() }),
      response: { 201: Grant, 404: Problem, ...err },
    },
  }, async (req, reply) => {
    const g = await access.addGrant({ user: req.params.name, kind: req.body.kind, forceId: req.body.force, reason: req.body.reason, expiresAt: req.body.expiresAt ?? null }, by(req));
    return reply.code(201).send(g);
  });

  app.delete('/grants/:grant', {
    config: needs('users:manage'),
    schema: { tags: ['access'], summary: 'Revoke a grant', params: z.object({ grant: z.string().regex(/^g[0-9a-f]{16}$/) }), response: { 204: z.null(), 404: Problem, ...err } },
  }, async (req, reply) => {
    await access.revokeGrant(req.params.grant, by(req));
    return reply.code(204).send(null);
  });

  // ------------------------------------------------------------ API tokens

  app.get('/tokens', {
    config: needs('tokens:manage'),
    schema: { tags: ['access'], summary: 'API tokens (never their secrets)', response: { 200: z.object({ items: z.array(Token) }), ...err } },
  }, async () => ({ items: (await access.listTokens()).map((t) => ({ ...t, permissions: [...t.permissions], forces: t.forces === 'all' ? 'all' as const : [...t.forces] })) }));

  app.post('/tokens', {
    config: needs('tokens:manage'),
    schema: {
      tags: ['access'], summary: 'Issue an API token for a system, scoped to permissions and forces; the secret is shown once',
      body: z.object({
        name: Name,
        permissions: z.array(z.enum(PERMISSION_NAMES as [Permission, ...Permission[]])).min(1),
        forces: z.union([z.array(ForceSlug).min(1).max(50), z.literal('all')]),
        expiresAt: Iso.optional(),
      }),
      response: { 201: z.object({ token: z.string(), view: Token }), ...err },
    },
  }, async (req, reply) => {
    const { token, view } = await access.createToken({ ...req.body, expiresAt: req.body.expiresAt ?? null }, by(req));
    reply.header('cache-control', 'no-store');
    return reply.code(201).send({ token, view: { ...view, permissions: [...view.permissions], forces: view.forces === 'all' ? 'all' as const : [...view.forces] } });
  });

  app.delete('/tokens/:token', {
    config: needs('tokens:manage'),
    schema: { tags: ['access'], summary: 'Revoke an API token at once', params: z.object({ token: z.string().regex(/^[0-9a-f]{16}$/) }), response: { 204: z.null(), 404: Problem, ...err } },
  }, async (req, reply) => {
    await access.revokeToken(req.params.token, by(req));
    return reply.code(204).send(null);
  });

  // ------------------------------------------------------------ audit log

  app.get('/audit', {
    config: needs('audit:read'),
    schema: {
      tags: ['access'], summary: 'The audit log, newest first (reading it is itself logged)',
      querystring: z.object({
        actor: z.string().max(200).optional(),
        action: z.enum(AUDIT_ACTION_NAMES as [string, ...string[]]).optional(),
        since: Iso.optional(), until: Iso.optional(), force: ForceSlug.optional(),
        limit: z.coerce.number().int().min(1).max(1000).default(100), offset: z.coerce.number().int().min(0).default(0),
      }),
      response: { 200: z.object({ items: z.array(AuditEvent), total: z.number(), limit: z.number(), offset: z.number() }), ...err },
    },
  }, async (req) => {
    const q = req.query;
    const page = await listAudit(opts.store, {
      actor: q.actor, action: q.action, since: q.since ? new Date(q.since).toISOString() : undefined,
      until: q.until ? new Date(q.until).toISOString() : undefined, forceId: q.force, limit: q.limit, offset: q.offset,
    });
    return { ...page, items: page.items.map((e) => ({ ...e, objectIds: [...e.objectIds], detail: { ...e.detail } })) };
  });

  app.get('/audit/verify', {
    config: needs('audit:read', { expensive: true }),
    schema: { tags: ['access'], summary: 'Recompute the hash chain: ok, number of events, the first bad event', response: { 200: Verify, ...err } },
  }, async () => verifyAudit(opts.store));
}

/**
 * The whole access capability for a server: the auth plugin on the root instance, then these
 * routes under the API prefix. One line in buildServer / startServer: `plugins: [accessPlugin(opts)]`.
 */
export function accessPlugin(opts: AuthOptions): (app: FastifyInstance) => Promise<void> {
  return async (app) => {
    await installAuth(app, opts);
    await app.register(async (api) => registerAccessRoutes(api, opts), { prefix: opts.apiPrefix ?? '/api' });
  };
}

/**
 * The plugin for a store and Peel's config: `plugins: [accessPluginFor(store, config)]`. Settings
 * missing from `config` take Peel's defaults (30 minutes idle, 5 failures lock for 10 minutes).
 */
export function accessPluginFor(store: Store, config: Partial<PeelConfig> = {}): (app: FastifyInstance) => Promise<void> {
  const c = { ...DEFAULT_CONFIG, ...config };
  return accessPlugin({
    access: createAccess(store, { sessionIdleMinutes: c.sessionIdleMinutes, sessionMaxHours: c.sessionMaxHours, lockoutThreshold: c.lockoutThreshold, lockoutMinutes: c.lockoutMinutes }),
    store, cookieSecure: c.cookieSecure, bodyLimit: c.bodyLimit,
  });
}
