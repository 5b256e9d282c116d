/**
 * The access matrix, generated from each server's OpenAPI spec: every endpoint × every role and
 * force scope × the forces a request can name. The expected answer comes from the route's declared
 * permission and `can`; the actual one from a real request. Run on the real API (buildServer with
 * the access plugin) and on a server whose routes fetch records by force and by id alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildServer, routeRegistry } from '../../src/api/index.ts';
import { accessPlugin } from '../../src/api/routes-access.ts';
import { CSRF_HEADER, JUSTIFICATION_HEADER, RECIPIENT_HEADER } from '../../src/api/auth.ts';
import {
  PERMISSIONS, can, createAccess, forcesFor, isRoutePermission, listAudit, verifyAudit, type Principal, type Role,
} from '../../src/access/index.ts';
import { tempStore, manualClock, SETTINGS, OPERATOR, PW, type TempStore } from './helpers.ts';
import { testServer, signIn, RECORDS, type Session } from './server.ts';

interface Actor { readonly label: string; readonly principal: Principal | null; readonly headers: Record<string, string>; readonly cookies: Record<string, string> }
interface Op { readonly method: string; readonly url: string; readonly permission: unknown; readonly hasForceQuery: boolean }

const OWN = 'kent';
const OTHER = 'essex';
const USERS: ReadonlyArray<{ name: string; role: Role; forces: string[] }> = [
  { name: 'nat', role: 'national_analyst', forces: [] },
  { name: 'fa-kent', role: 'force_analyst', forces: [OWN] },
  { name: 'inv-kent', role: 'investigator', forces: [OWN] },
  { name: 'aud', role: 'auditor', forces: [] },
  { name: 'adm', role: 'admin', forces: [] },
];

/** Operations of the OpenAPI spec, with the permission each route declared. */
function operations(app: FastifyInstance, declared: ReadonlyArray<{ method: string; url: string; permission: unknown }>): Op[] {
  const spec = (app as unknown as { swagger(): { paths: Record<string, Record<string, { parameters?: Array<{ in: string; name: string }> }>> } }).swagger();
  const ops: Op[] = [];
  for (const [path, methods] of Object.entries(spec.paths)) {
    const url = path.replace(/\{(\w+)\}/g, ':$1');
    for (const [m, op] of Object.entries(methods)) {
      const method = m.toUpperCase();
      if (method === 'HEAD') continue;
      const route = declared.find((r) => r.method === method && r.url === url);
      ops.push({ method, url, permission: route?.permission, hasForceQuery: !!op.parameters?.some((p) => p.in === 'query' && p.name === 'force') });
    }
  }
  return ops;
}

/** Path parameter values: the own or the other force, or an id whose force is known (records) or not. */
function fill(url: string, force: string): { url: string; target: string | null } {
  let target: string | null = null;
  const out = url.replace(/:(\w+)/g, (_m, name: string) => {
    switch (name) {
      case 'force': target = force; return force;
      case 'id': return `${force}-1`; // its force is known only to the handler (see knownForce)
      case 'table': return 'street';
      case 'name': return 'nobody-here';
      case 'grant': return 'g0000000000000000';
      case 'token': return '0000000000000000';
      case 'alert': return `${force}:a1`;
      default: return 'unknown-id';
    }
  });
  return { url: out, target };
}

async function actors(app: FastifyInstance, t: TempStore, access: ReturnType<typeof createAccess>): Promise<Actor[]> {
  const out: Actor[] = [{ label: 'anonymous', principal: null, headers: {}, cookies: {} }];
  for (const u of USERS) {
    await access.addUser({ name: u.name, role: u.role, forces: u.forces, password: PW }, OPERATOR);
    const s: Session = await signIn(app, u.name, PW);
    const principal: Principal = { kind: 'user', id: u.name, name: u.name, role: u.role, forces: u.forces as Extract<Principal, { kind: 'user' }>['forces'], grants: [] };
    out.push({ label: `${u.role}(${u.forces.join(',') || 'national'})`, principal, headers: { [CSRF_HEADER]: s.csrf }, cookies: s.cookie });
  }
  for (const spec of [
    { name: 'kent-loader', permissions: ['data:upload'] as const, forces: [OWN] as const },
    { name: 'national-reader', permissions: ['aggregates:read', 'alerts:read'] as const, forces: 'all' as const },
  ]) {
    const { token } = await access.createToken({ name: spec.name, permissions: [...spec.permissions], forces: spec.forces === 'all' ? 'all' : [...spec.forces] }, OPERATOR);
    out.push({
      label: `token ${spec.name}`, principal: { kind: 'token', id: spec.name, name: spec.name, permissions: [...spec.permissions], forces: spec.forces === 'all' ? 'all' : [...spec.forces] },
      headers: { authorization: `Bearer ${token}` }, cookies: {},
    });
  }
  void t;
  return out;
}

/** true: must pass the access checks; false: must be refused (401/403); null: decided by the handler. */
function expected(a: Actor, perm: string, target: string | null): boolean | null {
  if (perm === 'public') return true;
  if (!a.principal) return false;
  if (perm === 'authenticated' || !isRoutePermission(perm)) return true;
  const p = perm as keyof typeof PERMISSIONS;
  if (target !== null && PERMISSIONS[p].forceScoped) return can(a.principal, p, { forceId: target });
  if (!can(a.principal, p)) return false;
  if (!PERMISSIONS[p].forceScoped || forcesFor(a.principal, p) === 'all') return true;
  return null;
}

function runMatrix(name: string, build: (t: TempStore) => Promise<{ app: FastifyInstance; access: ReturnType<typeof createAccess>; declared: () => ReadonlyArray<{ method: string; url: string; permission: unknown }>; knownForce: (url: string) => string | null; filters: ReadonlySet<string> }>) {
  describe(`${name}: every endpoint against every role and force scope`, () => {
    let t: TempStore;
    let app: FastifyInstance;
    let ops: Op[];
    let who: Actor[];
    let ctx: Awaited<ReturnType<typeof build>>;

    beforeAll(async () => {
      t = await tempStore();
      ctx = await build(t);
      app = ctx.app;
      ops = operations(app, ctx.declared());
      who = await actors(app, t, ctx.access);
    });
    afterAll(async () => { await app.close(); t.cleanup(); });

    it('finds the endpoints in the OpenAPI spec, each with a declared permission', () => {
      expect(ops.length).toBeGreaterThan(10);
      for (const op of ops) expect(isRoutePermission(op.permission), `${op.method} ${op.url} declares ${String(op.permission)}`).toBe(true);
    });

    it('allows and refuses exactly as declared', async () => {
      const wrong: string[] = [];
      let checked = 0;
      for (const op of ops) {
        if (op.url.endsWith('/auth/sign-out')) continue; // would end the session the matrix uses; tested on its own
        for (const force of [OWN, OTHER]) {
          const path = fill(op.url, force);
          const queries: Array<string | null> = op.hasForceQuery ? [null, OWN, OTHER] : [null];
          if (!op.url.includes(':') && force === OTHER) continue; // same request twice
          for (const q of queries) {
            const url = q ? `${path.url}?force=${q}` : path.url;
            const target = path.target ?? q ?? ctx.knownForce(path.url);
            for (const a of who) {
              const exp = expected(a, String(op.permission), target);
              const res = await app.inject({
                method: op.method as 'GET', url, cookies: a.cookies,
                headers: { ...a.headers, [JUSTIFICATION_HEADER]: 'matrix test case 0001', [RECIPIENT_HEADER]: 'matrix recipient' },
                ...(['POST', 'PUT', 'PATCH'].includes(op.method) ? { payload: {} } : {}),
              });
              const refused = res.statusCode === 401 || res.statusCode === 403;
              const wantStatus = a.principal ? 403 : 401;
              checked++;
              if (exp === true && refused) wrong.push(`${a.label} ${op.method} ${url}: expected allowed, got ${res.statusCode} ${res.body.slice(0, 120)}`);
              if (exp === false && res.statusCode !== wantStatus) wrong.push(`${a.label} ${op.method} ${url}: expected ${wantStatus}, got ${res.statusCode}`);
              // A scoped principal answered by a route that named no force: only acceptable from a
              // route that filters by the principal's forces (the plugin refuses the others).
              if (exp === null && res.statusCode < 300 && !ctx.filters.has(`${op.method} ${op.url}`)) wrong.push(`${a.label} ${op.method} ${url}: unscoped ${res.statusCode}`);
            }
          }
        }
      }
      expect(wrong).toEqual([]);
      expect(checked).toBeGreaterThan(200);
    });

    it('logged every consultation and disclosure the matrix made, each with its justification', async () => {
      let n = 0;
      for (const action of ['consultation', 'disclosure', 'combination'] as const) {
        for (const e of (await listAudit(t.store, { action, limit: 10_000 })).items) {
          n++;
          expect(e.justification, `event ${e.id}`).toBe('matrix test case 0001');
          if (action === 'disclosure') expect(e.recipient).toBe('matrix recipient');
          expect(e.actor).not.toBe('anonymous');
        }
      }
      expect(n).toBeGreaterThan(0);
      expect((await verifyAudit(t.store)).ok).toBe(true);
    });
  });
}

runMatrix('the real API (buildServer with the access plugin)', async (t) => {
  const clock = manualClock();
  const access = createAccess(t.store, SETTINGS, clock);
  const app = await buildServer({
    store: t.store, logLevel: 'silent', webRoot: null, version: '0.0.0-test',
    plugins: [accessPlugin({ access, store: t.store, cookieSecure: true, bodyLimit: 1024 * 1024, signInLimit: { max: 1000, timeWindow: '1 minute' }, expensiveLimit: { max: 1000, timeWindow: '1 minute' } })],
  });
  await app.ready();
  // These lists answer a force-scoped principal who names no force with that principal's forces only
  // (src/api/scope.ts, through req.access.forces), which the plugin records as scoped.
  // GET /api/uploads lists only jobs whose files declared the principal's forces; linked persons
  // (src/api/routes-linkage.ts) likewise shows only the forces the caller may link and read.
  // GET /api/emerging-tactics lists only tactics with records in the principal's forces (record ids scoped by records:read).
  const filters = new Set(['GET /api/quarantine', 'GET /api/quarantine/summary', 'GET /api/alerts', 'GET /api/layers/alerts', 'GET /api/uploads', 'GET /api/persons/:name/linked', 'GET /api/exports/:table', 'GET /api/alerts/months', 'GET /api/emerging-tactics']);
  return { app, access, declared: () => routeRegistry(app), knownForce: () => null, filters };
});

runMatrix('record routes by force and by id alone', async (t) => {
  const s = await testServer(t.store, manualClock(), { expensiveLimit: { max: 1000, timeWindow: '1 minute' } });
  return {
    app: s.app, access: s.access, declared: () => s.routes,
    // the careless route never checks the record's force, so the plugin cannot know it either
    knownForce: (url: string) => {
      const m = /\/records\/([\w-]+)$/.exec(url);
      return m ? (RECORDS[m[1]]?.force ?? null) : null;
    },
    filters: new Set(['GET /api/alerts']),
  };
});
