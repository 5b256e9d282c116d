/**
 * The access capability's Fastify adapter: authentication, enforcement of each route's declared
 * permission and force scope, CSRF, audit of every consultation, disclosure, combination, erasure
 * and collection, rate and size limits, and security headers. All decisions are src/access's;
 * this file maps HTTP onto them.
 *
 * What a route does with it:
 * - declares `config: { permission }` (a RoutePermission from src/access); a route under the API
 *   prefix without one makes the server refuse to start. Outside the prefix only GET/HEAD routes
 *   (the dashboard's static files, /docs) may exist, and they are public.
 * - names the force it touches as the path parameter `:force` or the query `force=a,b` — declared
 *   in its params/querystring schema, so the handler reads and filters by it — and the plugin
 *   checks every named force before the handler runs; or, when the force is only known
 *   after loading (an alert or record fetched by id), calls `req.access.check(permission,
 *   { forceId, classification })`, or filters with `req.access.forces(permission)`. A scoped
 *   principal's 2xx answer from a force-scoped route that did none of these is replaced by a 403:
 *   id guessing cannot leak another force's data even when a handler forgets.
 * - adds object ids to the audit event with `req.access.objects(...)` (ids, never contents).
 *
 * Credentials: `Authorization: Bearer peel_<id>_<secret>` (systems), or the session cookie set by
 * sign-in (people). Session requests that change state (anything but GET/HEAD/OPTIONS) must carry
 * the CSRF token in the `x-peel-csrf` header (it is also in the readable `peel_csrf` cookie).
 * Record-level routes need `x-peel-justification` (or `?justification=`), exports also
 * `x-peel-recipient` (or `?recipient=`).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import { PeelError, isPeelError, isForceId, ERROR_CODES, type Classification, type ForceId } from '../standard/index.ts';
import type { AccessStore } from '../store/index.ts';
import {
  PERMISSIONS, actorOf, audit, can, forcesFor, isRoutePermission,
  type Access, type Permission, type Principal, type RoutePermission, type AuditInput,
} from '../access/index.ts';

export const SESSION_COOKIE = 'peel_session';
export const SECURE_SESSION_COOKIE = '__Host-peel_session';
export const CSRF_COOKIE = 'peel_csrf';
export const CSRF_HEADER = 'x-peel-csrf';
export const JUSTIFICATION_HEADER = 'x-peel-justification';
export const RECIPIENT_HEADER = 'x-peel-recipient';

export interface RateLimit {
  readonly max: number;
  /** Milliseconds, or a string such as `1 minute`. */
  readonly timeWindow: number | string;
}

export interface AuthOptions {
  readonly access: Access;
  readonly store: { readonly access: AccessStore };
  /** Mark cookies Secure and use the `__Host-` prefix (off only for plain-http development). */
  readonly cookieSecure: boolean;
  /** Body limit for routes that do not declare their own, in bytes. */
  readonly bodyLimit: number;
  /** Routes under this prefix must declare a permission (default `/api`). */
  readonly apiPrefix?: string;
  /** Per client address (default 10 a minute). */
  readonly signInLimit?: RateLimit;
  /** Per principal on routes declaring `config.expensive`, exports, uploads and linkage (default 30 a minute). */
  readonly expensiveLimit?: RateLimit;
  /** Register @fastify/helmet when the server has not (default true). */
  readonly helmet?: boolean;
}

/** What a handler sees as `req.access`. */
export interface RequestAccess {
  readonly permission: RoutePermission;
  /** The signed-in user or token; null on public routes. */
  readonly principal: Principal | null;
  /** `user:NAME`, `token:NAME`, or `anonymous`. */
  readonly actor: string;
  readonly client: string;
  readonly justification: string | null;
  readonly recipient: string | null;
  /** sha256 of the session id when the request came with a session (to end it). */
  readonly sessionKey: string | null;
  /** Throws PeelError `forbidden` unless the principal may use `permission` on that force and marking. */
  check(permission: Permission, ctx: { forceId: string; classification?: Classification }): void;
  /** The forces the principal holds `permission` for (`all` or a list); the handler must filter by them. */
  forces(permission?: Permission): 'all' | readonly ForceId[];
  /** Ids of the objects this request touches, for the audit event. */
  objects(...ids: string[]): void;
  /** Facts for the audit event's detail (e.g. the search text, as the search-text policy says). */
  facts(facts: Readonly<Record<string, string | number | boolean>>): void;
}

declare module 'fastify' {
  interface FastifyRequest {
    access: RequestAccess | null;
  }
  interface FastifyContextConfig {
    /** Rate-limit this route per principal as an expensive endpoint. */
    expensive?: boolean;
  }
}

interface State {
  scoped: boolean;
  forcesTouched: Set<string>;
  objectIds: string[];
  facts: Record<string, string | number | boolean>;
  denial: { reason: string; forceId: string | null } | null;
  sessionKey: string | null;
  /** The response is an auth failure written by this plugin: nothing more to audit. */
  quiet: boolean;
}

const STATE = Symbol('peel.access.state');
type WithState = FastifyRequest & { [STATE]?: State };

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const WRITE_ACTIONS: ReadonlySet<string> = new Set(['collection', 'alteration', 'erasure']);
const EXPENSIVE_BY_DEFAULT: readonly Permission[] = ['data:export', 'data:upload', 'records:link'];

const TITLES: Record<number, string> = { 400: 'Bad request', 401: 'Not signed in', 403: 'Forbidden', 423: 'Locked', 429: 'Too many requests' };

function sendProblem(reply: FastifyReply, status: number, code: string, detail: string, url: string): FastifyReply {
  return reply.code(status).header('content-type', 'application/problem+json').header('cache-control', 'no-store')
    .send(JSON.stringify({ type: `urn:peel:problem:${code}`, title: TITLES[status] ?? 'Error', status, detail, code, instance: url }));
}

function header(req: FastifyRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function queryString(req: FastifyRequest, name: string): string | undefined {
  const q = req.query as Record<string, unknown> | undefined;
  const v = q?.[name];
  return typeof v === 'string' ? v : undefined;
}

const FORCE_SOURCES = 'peelForceSources';
interface ForceSources { readonly path: boolean; readonly query: boolean }

/** Whether a route schema (zod object or JSON Schema) has a `force` property. */
function declaresForce(schema: unknown): boolean {
  if (!schema || typeof schema !== 'object') return false;
  const o = schema as { shape?: Record<string, unknown>; properties?: Record<string, unknown> };
  return !!(o.shape && 'force' in o.shape) || !!(o.properties && 'force' in o.properties);
}

/**
 * Forces a request names, where its route declares them: the `:force` path parameter and the
 * `force` query (comma-separated). `undeclared` is true when the request names a force the route
 * does not read.
 */
function namedForces(req: FastifyRequest, sources: ForceSources): { forces: string[]; undeclared: boolean } {
  const out = new Set<string>();
  let undeclared = false;
  const p = (req.params as Record<string, unknown> | undefined)?.force;
  if (typeof p === 'string' && p) (sources.path ? out.add(p) : (undeclared = true));
  const q = queryString(req, 'force');
  if (q) for (const f of q.split(',')) if (f.trim()) (sources.query ? out.add(f.trim()) : (undeclared = true));
  return { forces: [...out], undeclared };
}

function statusOf(e: unknown): number {
  return isPeelError(e) ? ERROR_CODES[e.code] : 500;
}

export function sessionCookieName(secure: boolean): string {
  return secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
}

/**
 * Installs the plugin on the root instance (call before any route is added). Use
 * `accessPlugin` (routes-access.ts), which also adds the access routes.
 */
export async function installAuth(app: FastifyInstance, opts: AuthOptions): Promise<void> {
  const apiPrefix = opts.apiPrefix ?? '/api';
  const signInLimit = opts.signInLimit ?? { max: 10, timeWindow: '1 minute' };
  const expensiveLimit = opts.expensiveLimit ?? { max: 30, timeWindow: '1 minute' };
  const cookieName = sessionCookieName(opts.cookieSecure);

  // Every route declares its permission; the rest of this hook derives limits from it. Added
  // before the rate limiter registers, so the limits set here are the ones it sees.
  app.addHook('onRoute', (r: RouteOptions) => {
    const config = (r.config ?? {}) as Record<string, unknown>;
    const methods = Array.isArray(r.method) ? r.method : [r.method];
    const underApi = r.url === apiPrefix || r.url.startsWith(`${apiPrefix}/`);
    if (!isRoutePermission(config.permission)) {
      if (!underApi && methods.every((m) => m === 'GET' || m === 'HEAD')) {
        r.config = { ...config, permission: 'public' } as RouteOptions['config'];
        return;
      }
      throw new Error(`route ${methods.join(',')} ${r.url} declares no permission: add config: { permission } (one of src/access ROUTE_PERMISSIONS)`);
    }
    const perm = config.permission;
    // A named force counts only where the route's schema declares it: a handler that does not
    // read `force` cannot be filtering by it.
    const declared = { path: declaresForce(r.schema?.params), query: declaresForce(r.schema?.querystring) };
    r.config = { ...(r.config as Record<string, unknown>), [FORCE_SOURCES]: declared } as RouteOptions['config'];
    if (config.rateLimit === undefined && perm !== 'public' && perm !== 'authenticated' && (config.expensive === true || EXPENSIVE_BY_DEFAULT.includes(perm))) {
      r.config = { ...(r.config as Record<string, unknown>), rateLimit: { ...expensiveLimit } } as RouteOptions['config'];
    }
    r.bodyLimit ??= opts.bodyLimit;
  });

  if (!app.hasDecorator('parseCookie')) await app.register(fastifyCookie);
  if (!app.hasDecorator('rateLimit')) {
    await app.register(fastifyRateLimit, {
      global: false,
      keyGenerator: (req) => req.access?.principal ? actorOf(req.access.principal) : req.ip,
    });
  }
  if ((opts.helmet ?? true) && !app.hasReplyDecorator('helmet')) {
    await app.register(fastifyHelmet, {
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'", "'unsafe-inline'"], imgSrc: ["'self'", 'data:', 'blob:'],
          workerSrc: ["'self'", 'blob:'], connectSrc: ["'self'"], objectSrc: ["'none'"], frameAncestors: ["'none'"], upgradeInsecureRequests: null,
        },
      },
    });
  }
  app.decorateRequest('access', null);

  const writeAudit = async (req: FastifyRequest, e: Omit<AuditInput, 'client'>): Promise<void> => {
    await audit(opts.store, { ...e, client: req.ip }, opts.access.now());
  };

  app.addHook('onRequest', async (req, reply) => {
    const config = req.routeOptions.config as unknown as Record<string, unknown> | undefined;
    const perm = config?.permission;
    if (!isRoutePermission(perm)) return; // not-found and other unrouted requests
    const st: State = { scoped: false, forcesTouched: new Set(), objectIds: [], facts: {}, denial: null, sessionKey: null, quiet: false };
    (req as WithState)[STATE] = st;

    let principal: Principal | null = null;
    if (perm !== 'public') {
      const auth = header(req, 'authorization');
      try {
        if (auth !== undefined) {
          const m = /^Bearer\s+(\S+)$/i.exec(auth);
          if (!m) throw new PeelError('unauthenticated', 'the Authorization header must be "Bearer <token>"');
          principal = await opts.access.authenticateToken(m[1]);
        } else {
          const sid = req.cookies?.[cookieName];
          if (!sid) throw new PeelError('unauthenticated', 'sign in first (POST /api/auth/sign-in), or send an API token');
          const s = await opts.access.authenticateSession(sid, req.ip);
          principal = s.principal;
          st.sessionKey = s.sessionKey;
          if (!SAFE_METHODS.has(req.method) && !s.csrfMatches(header(req, CSRF_HEADER))) {
            st.denial = { reason: 'missing or wrong CSRF token', forceId: null };
            req.access = makeRequestAccess(req, perm, principal, st, null, null, opts);
            return sendProblem(reply, 403, 'csrf', `state-changing requests must carry the ${CSRF_HEADER} header from sign-in`, req.url);
          }
        }
      } catch (e) {
        if (!isPeelError(e)) throw e;
        st.quiet = true;
        return sendProblem(reply, statusOf(e), e.code, e.message, req.url);
      }
    }

    const needs = perm === 'public' || perm === 'authenticated' ? null : PERMISSIONS[perm];
    const justification = needs?.justification ? (header(req, JUSTIFICATION_HEADER) ?? queryString(req, 'justification') ?? '').trim() || null : null;
    const recipient = needs?.recipient ? (header(req, RECIPIENT_HEADER) ?? queryString(req, 'recipient') ?? '').trim() || null : null;
    const ra = makeRequestAccess(req, perm, principal, st, justification, recipient, opts);
    req.access = ra;
    if (perm === 'public' || perm === 'authenticated' || principal === null) {
      st.scoped = true;
      return;
    }
    // A handler that takes over the socket skips onSend: hold it to the same rules here.
    const hijack = reply.hijack.bind(reply);
    reply.hijack = () => {
      if (!st.scoped) {
        st.denial = { reason: 'stream opened without checking force scope', forceId: null };
        throw new PeelError('forbidden', `check the force (req.access.check) before streaming: ${ra.actor} holds ${perm} only for some forces`);
      }
      if (needs?.audit && !(WRITE_ACTIONS.has(needs.audit) && SAFE_METHODS.has(req.method))) {
        throw new Error(`route ${req.routeOptions.url} hijacks the reply for ${perm}, whose use must be audited before data leaves: send a payload instead`);
      }
      return hijack();
    };
    const deny = (reason: string, forceId: string | null, message: string) => {
      st.denial = { reason, forceId };
      return sendProblem(reply, 403, 'forbidden', message, req.url);
    };
    if (!can(principal, perm)) return deny(`lacks ${perm}`, null, `this needs the permission ${perm}, which ${ra.actor} does not hold`);
    if (needs?.forceScoped) {
      const sources = (config as Record<string, unknown>)[FORCE_SOURCES] as ForceSources | undefined;
      const named = namedForces(req, sources ?? { path: false, query: false });
      for (const f of named.forces) {
        // A slug that names no force holds no data: the route answers "no such force" (404), not a denial.
        if (!isForceId(f)) continue;
        if (!can(principal, perm, { forceId: f })) return deny(`${perm} not held for ${f}`, f, `${ra.actor} may not use ${perm} for the force "${f}"`);
        st.forcesTouched.add(f);
      }
      st.scoped = (named.forces.length > 0 && !named.undeclared) || forcesFor(principal, perm) === 'all';
    } else {
      st.scoped = true;
    }
    if (needs?.justification && (!justification || justification.length < 5 || justification.length > 1000)) {
      st.denial = { reason: 'no justification', forceId: null };
      return sendProblem(reply, 400, 'justification_required',
        `${perm} reads or discloses record-level data: say why in the ${JUSTIFICATION_HEADER} header (5 to 1000 characters), e.g. a case or incident reference`, req.url);
    }
    if (needs?.recipient && (!recipient || recipient.length > 1000)) {
      st.denial = { reason: 'no recipient', forceId: null };
      return sendProblem(reply, 400, 'recipient_required', `${perm} discloses data: name who receives it in the ${RECIPIENT_HEADER} header`, req.url);
    }
  });

  // Before any byte leaves: refuse unscoped answers, and write the audit event. A failure to
  // write the event fails the request (no unlogged consultation).
  app.addHook('onSend', async (req, reply, payload) => {
    const st = (req as WithState)[STATE];
    const ra = req.access;
    if (!st || !ra || st.quiet) return payload;
    const perm = ra.permission;
    const needs = perm === 'public' || perm === 'authenticated' ? null : PERMISSIONS[perm];
    let status = reply.statusCode;
    let out = payload;
    if (status < 400 && needs?.forceScoped && !st.scoped && ra.principal) {
      destroy(payload);
      st.denial = { reason: 'route answered without checking force scope', forceId: null };
      status = 403;
      reply.code(403).header('content-type', 'application/problem+json').removeHeader('content-disposition').removeHeader('content-length');
      out = JSON.stringify({ type: 'urn:peel:problem:forbidden', title: 'Forbidden', status: 403, code: 'forbidden', instance: req.url,
        detail: unscopedRefusal(ra.actor, perm, forcesFor(ra.principal, perm as Permission, opts.access.now()),
          (req.routeOptions.config as unknown as Record<string, unknown>)[FORCE_SOURCES] as ForceSources | undefined) });
    }
    const forces = [...st.forcesTouched].sort();
    const base = {
      actor: ra.actor,
      objectIds: st.objectIds.length ? st.objectIds : [req.url.split('?')[0]],
      forceId: forces.length === 1 ? forces[0] : null,
      detail: { ...st.facts, route: `${req.method} ${req.routeOptions.url ?? ''}`, status, ...(forces.length > 1 ? { forces } : {}) },
    };
    if (st.denial || status === 403) {
      if (!ra.principal) return out;
      await writeAudit(req, { ...base, action: 'access_denied', outcome: 'denied', forceId: st.denial?.forceId ?? base.forceId,
        detail: { ...base.detail, permission: perm, reason: st.denial?.reason ?? 'refused by the route' } });
      return out;
    }
    if (!needs?.audit || !ra.principal) return out;
    // Writes are logged when they happen, not when someone looks at their progress.
    if (WRITE_ACTIONS.has(needs.audit) && SAFE_METHODS.has(req.method)) return out;
    await writeAudit(req, {
      ...base, action: needs.audit, outcome: status < 400 ? 'success' : 'failure',
      justification: ra.justification, recipient: ra.recipient,
    });
    return out;
  });
}

/**
 * Why an answer covering every force was refused to a force-scoped principal, and what to do:
 * name a force they hold where the route reads one, or ask for national scope where it cannot.
 */
function unscopedRefusal(actor: string, perm: string, held: 'all' | readonly string[], sources: ForceSources | undefined): string {
  const list = held === 'all' ? 'every force' : held.length ? held.join(', ') : 'no force';
  if (held !== 'all' && held.length && (sources?.query || sources?.path)) {
    const how = sources.query ? `add ?force=${held[0]}${held.length > 1 ? ` (or several, comma-separated: ${held.join(',')})` : ''}` : `use the path with :force = ${held[0]}`;
    return `this answer would cover forces beyond yours: ${actor} holds ${perm} for ${list} only; ${how} to get those forces' part`;
  }
  return `this answer covers every force and cannot be narrowed to one; ${actor} holds ${perm} for ${list} only: ask an administrator for national ${perm} if you need it`;
}

function destroy(payload: unknown): void {
  const d = (payload as { destroy?: unknown } | null)?.destroy;
  if (typeof d === 'function') (d as () => void).call(payload);
}

function makeRequestAccess(
  req: FastifyRequest, permission: RoutePermission, principal: Principal | null, st: State,
  justification: string | null, recipient: string | null, opts: AuthOptions,
): RequestAccess {
  const actor = principal ? actorOf(principal) : 'anonymous';
  const defaultPerm = (): Permission => {
    if (permission === 'public' || permission === 'authenticated') throw new Error(`route ${req.routeOptions.url} declares ${permission}: pass the permission to check`);
    return permission;
  };
  return {
    permission, principal, actor, client: req.ip, justification, recipient, sessionKey: st.sessionKey,
    check(perm, ctx) {
      st.forcesTouched.add(ctx.forceId);
      if (!principal || !can(principal, perm, { ...ctx, at: opts.access.now() })) {
        st.denial = { reason: `${perm} not held for ${ctx.forceId}${ctx.classification === 'OFFICIAL-SENSITIVE' ? ' (OFFICIAL-SENSITIVE)' : ''}`, forceId: ctx.forceId };
        throw new PeelError('forbidden', `${actor} may not use ${perm} for this ${ctx.classification === 'OFFICIAL-SENSITIVE' ? 'OFFICIAL-SENSITIVE ' : ''}record of ${ctx.forceId}`);
      }
      st.scoped = true;
    },
    forces(perm) {
      st.scoped = true;
      if (!principal) return [];
      return forcesFor(principal, perm ?? defaultPerm(), opts.access.now());
    },
    objects(...ids) {
      for (const id of ids) st.objectIds.push(String(id).slice(0, 200));
    },
    facts(facts) {
      Object.assign(st.facts, facts);
    },
  };
}

/** The sign-in route's rate limit, applied by routes-access.ts. */
export function signInRateLimit(opts: AuthOptions): RateLimit {
  return opts.signInLimit ?? { max: 10, timeWindow: '1 minute' };
}
