/**
 * A minimal Fastify app with the access plugin and a few routes shaped like the API's (record by
 * force and id, record by id alone, a careless route that forgets its force check, alerts, exports,
 * uploads), so the plugin is tested on the patterns real routes use.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import fastifySwagger from '@fastify/swagger';
import { z } from 'zod';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { isPeelError, ERROR_CODES, PeelError, type Classification } from '../../src/standard/index.ts';
import { createAccess, type Access, type RoutePermission } from '../../src/access/index.ts';
import { accessPlugin } from '../../src/api/routes-access.ts';
import type { AuthOptions, RateLimit } from '../../src/api/auth.ts';
import type { Store } from '../../src/store/index.ts';
import { SETTINGS, type ManualClock } from './helpers.ts';

export const RECORDS: Record<string, { force: string; classification: Classification }> = {
  'kent-1': { force: 'kent', classification: 'OFFICIAL' },
  'kent-2': { force: 'kent', classification: 'OFFICIAL' },
  'kent-s': { force: 'kent', classification: 'OFFICIAL-SENSITIVE' },
  'essex-1': { force: 'essex', classification: 'OFFICIAL' },
  'essex-s': { force: 'essex', classification: 'OFFICIAL-SENSITIVE' },
};

export interface RouteDecl { readonly method: string; readonly url: string; readonly permission: unknown; readonly hasParams: boolean; readonly hasBody: boolean; readonly hasQuery: boolean }

export interface TestServer {
  readonly app: FastifyInstance;
  readonly access: Access;
  readonly routes: RouteDecl[];
}

const cfg = (permission: RoutePermission) => ({ permission: permission as never });

export async function testServer(store: Store, clock: ManualClock, extra: Partial<AuthOptions> & { signInLimit?: RateLimit } = {}): Promise<TestServer> {
  const app = Fastify({ logger: false });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const routes: RouteDecl[] = [];
  app.addHook('onRoute', (r) => {
    const methods = Array.isArray(r.method) ? r.method : [r.method];
    for (const m of methods) if (m !== 'HEAD') routes.push({
      method: m, url: r.url, permission: (r.config as { permission?: unknown } | undefined)?.permission,
      hasParams: !!r.schema?.params, hasBody: !!r.schema?.body, hasQuery: !!r.schema?.querystring,
    });
  });
  await app.register(fastifySwagger, { openapi: { openapi: '3.0.3', info: { title: 'test', version: '0' } }, transform: jsonSchemaTransform });
  const access = createAccess(store, SETTINGS, clock);
  await accessPlugin({ access, store, cookieSecure: true, bodyLimit: 1024 * 1024, signInLimit: { max: 1000, timeWindow: '1 minute' }, ...extra })(app);
  app.setErrorHandler((err, req, reply) => {
    const status = isPeelError(err) ? ERROR_CODES[err.code] : ((err as { statusCode?: number }).statusCode ?? 500);
    const code = isPeelError(err) ? err.code : 'error';
    return reply.code(status).type('application/problem+json').send({ type: `urn:peel:problem:${code}`, title: 'x', status, code, detail: (err as Error).message });
  });

  await app.register(async (api) => {
    const r = api.withTypeProvider<ZodTypeProvider>();
    const Force = z.object({ force: z.string() });
    r.get('/forces/:force/records/:id', {
      config: cfg('records:read'),
      schema: { params: Force.extend({ id: z.string() }) },
    }, async (req) => {
      const rec = RECORDS[req.params.id];
      if (!rec || rec.force !== req.params.force) throw new PeelError('not_found', 'no such record');
      req.access!.check('records:read', { forceId: rec.force, classification: rec.classification });
      req.access!.objects(`record:${rec.force}/${req.params.id}`);
      return { id: req.params.id, narrative: 'the contents' };
    });
    r.get('/records/:id', { config: cfg('records:read'), schema: { params: z.object({ id: z.string() }) } }, async (req) => {
      const rec = RECORDS[req.params.id];
      if (!rec) throw new PeelError('not_found', 'no such record');
      req.access!.check('records:read', { forceId: rec.force, classification: rec.classification });
      req.access!.objects(`record:${rec.force}/${req.params.id}`);
      return { id: req.params.id, narrative: 'the contents' };
    });
    // forgets to check the record's force: the plugin must still refuse scoped principals
    r.get('/careless/:id', { config: cfg('records:read'), schema: { params: z.object({ id: z.string() }) } }, async (req) => ({ id: req.params.id, narrative: 'the contents' }));
    r.get('/aggregates', { config: cfg('aggregates:read'), schema: { querystring: z.object({ force: z.string().optional() }) } }, async () => ({ n: 1 }));
    r.get('/alerts', { config: cfg('alerts:read'), schema: { querystring: z.object({ force: z.string().optional() }) } }, async (req) => ({ forces: req.access!.forces() }));
    r.post('/alerts/:alert/dismiss', {
      config: cfg('alerts:triage'),
      schema: { params: z.object({ alert: z.string() }), body: z.object({ reason: z.string().min(3) }) },
    }, async (req) => {
      req.access!.check('alerts:triage', { forceId: req.params.alert.split(':')[0] });
      return { ok: true };
    });
    r.get('/exports/:table', {
      config: cfg('data:export'),
      schema: { params: z.object({ table: z.enum(['street', 'outcomes']) }), querystring: z.object({ force: z.string().optional(), justification: z.string().optional(), recipient: z.string().optional() }) },
    }, async (req, reply) => reply.type('text/csv').send('force_id,month\nkent,2024-01\n'));
    // reads no `force`: exports everything whatever the query says, so a named force proves nothing
    r.get('/exports-all/:table', {
      config: cfg('data:export'),
      schema: { params: z.object({ table: z.enum(['street']) }) },
    }, async (req, reply) => reply.type('text/csv').send('force_id,month\nkent,2024-01\nessex,2024-01\n'));
    // an event stream that forgets to check the job's force before taking over the socket
    r.get('/streams/:job', { config: cfg('data:upload'), schema: { params: z.object({ job: z.string() }) } }, async (req, reply) => {
      reply.hijack();
      reply.raw.writeHead(200, { 'content-type': 'text/event-stream' });
      reply.raw.end(`data: job ${req.params.job} of essex\n\n`);
    });
    r.post('/uploads', {
      config: cfg('data:upload'),
      schema: { querystring: z.object({ force: z.string().optional() }), body: z.object({ file: z.string() }) },
    }, async (req, reply) => reply.code(202).send({ job: 'j1' }));
  }, { prefix: '/api' });
  await app.ready();
  return { app, access, routes };
}

export interface Session { readonly cookie: Record<string, string>; readonly csrf: string }

export async function signIn(app: FastifyInstance, name: string, password: string): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { name, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in of ${name} failed: ${res.statusCode} ${res.body}`);
  const cookie: Record<string, string> = {};
  for (const c of res.cookies) cookie[c.name] = c.value;
  return { cookie, csrf: (res.json() as { csrfToken: string }).csrfToken };
}
