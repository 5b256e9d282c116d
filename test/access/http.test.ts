import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import { createAccess, listAudit, verifyAudit } from '../../src/access/index.ts';
import { accessPlugin } from '../../src/api/routes-access.ts';
import { CSRF_HEADER, JUSTIFICATION_HEADER, RECIPIENT_HEADER, SECURE_SESSION_COOKIE } from '../../src/api/auth.ts';
import { tempStore, manualClock, SETTINGS, OPERATOR, PW, type TempStore, type ManualClock } from './helpers.ts';
import { testServer, signIn, type TestServer, type Session } from './server.ts';

let t: TempStore;
let clock: ManualClock;
let s: TestServer;
const sessions: Record<string, Session> = {};

beforeAll(async () => {
  t = await tempStore();
  clock = manualClock();
  s = await testServer(t.store, clock);
  const add = (name: string, role: Parameters<typeof s.access.addUser>[0]['role'], forces: string[] = []) => s.access.addUser({ name, role, forces, password: PW }, OPERATOR);
  await add('fa-kent', 'force_analyst', ['kent']);
  await add('inv-kent', 'investigator', ['kent']);
  await add('nat', 'national_analyst');
  await add('aud', 'auditor');
  await add('adm', 'admin');
  for (const n of ['fa-kent', 'inv-kent', 'nat', 'aud', 'adm']) sessions[n] = await signIn(s.app, n, PW);
});
afterAll(async () => { await s.app.close(); t.cleanup(); });

const J = { [JUSTIFICATION_HEADER]: 'case 24/0001 burglary series' };
const get = (who: string, url: string, headers: Record<string, string> = {}) =>
  s.app.inject({ method: 'GET', url, cookies: sessions[who].cookie, headers });
const post = (who: string, url: string, payload: unknown, headers: Record<string, string> = {}) =>
  s.app.inject({ method: 'POST', url, cookies: sessions[who].cookie, headers: { [CSRF_HEADER]: sessions[who].csrf, ...headers }, payload: payload as Record<string, unknown> });

describe('a force analyst of one force cannot read another force\'s records by any route', () => {
  it('reads own-force records with a justification', async () => {
    expect((await get('fa-kent', '/api/forces/kent/records/kent-1', J)).statusCode).toBe(200);
    expect((await get('fa-kent', '/api/records/kent-2', J)).statusCode).toBe(200);
  });
  it('is refused another force named in the path', async () => {
    const r = await get('fa-kent', '/api/forces/essex/records/essex-1', J);
    expect(r.statusCode).toBe(403);
    expect(r.body).not.toContain('the contents');
  });
  it('is refused when guessing another force\'s record id on an id-only route', async () => {
    const r = await get('fa-kent', '/api/records/essex-1', J);
    expect(r.statusCode).toBe(403);
    expect(r.body).not.toContain('the contents');
  });
  it('is refused by a route that forgot to check the force (the plugin fails closed)', async () => {
    const r = await get('fa-kent', '/api/careless/essex-1', J);
    expect(r.statusCode).toBe(403);
    expect(r.body).not.toContain('the contents');
  });
  it('is refused exports of another force, and of all forces', async () => {
    const h = { ...J, [RECIPIENT_HEADER]: 'Kent MIT' };
    expect((await get('fa-kent', '/api/exports/street?force=essex', h)).statusCode).toBe(403);
    expect((await get('fa-kent', '/api/exports/street?force=kent,essex', h)).statusCode).toBe(403);
    const all = await get('fa-kent', '/api/exports/street', h);
    expect(all.statusCode).toBe(403);
    expect(all.headers['content-disposition']).toBeUndefined();
    expect((await get('fa-kent', '/api/exports/street?force=kent', h)).statusCode).toBe(200);
  });
  it('is refused a force named to a route that does not read it (the handler cannot be filtering)', async () => {
    const h = { ...J, [RECIPIENT_HEADER]: 'Kent MIT' };
    const r = await get('fa-kent', '/api/exports-all/street?force=kent', h);
    expect(r.statusCode).toBe(403);
    expect(r.body).not.toContain('essex,');
  });
  it('is refused a stream that takes over the socket without checking the force', async () => {
    const { token } = await s.access.createToken({ name: 'kent-streams', permissions: ['data:upload'], forces: ['kent'] }, OPERATOR);
    const r = await s.app.inject({ method: 'GET', url: '/api/streams/j9', headers: { authorization: `Bearer ${token}` } });
    expect(r.statusCode).toBe(403);
    expect(r.body).not.toContain('essex');
    const admin = await get('adm', '/api/streams/j9');
    expect(admin.statusCode).toBe(200);
    expect(admin.body).toContain('job j9');
  });
  it('sees only own-force alerts when listing', async () => {
    expect((await get('fa-kent', '/api/alerts')).json()).toEqual({ forces: ['kent'] });
    expect((await get('nat', '/api/alerts')).json()).toEqual({ forces: 'all' });
    expect((await get('fa-kent', '/api/alerts?force=essex')).statusCode).toBe(403);
  });
  it('needs an explicit grant for OFFICIAL-SENSITIVE records even in the own force', async () => {
    expect((await get('inv-kent', '/api/records/kent-s', J)).statusCode).toBe(403);
    const g = await s.access.addGrant({ user: 'inv-kent', kind: 'sensitive', forceId: 'kent', reason: 'Op Lantern review' }, OPERATOR);
    expect((await get('inv-kent', '/api/records/kent-s', J)).statusCode).toBe(200);
    expect((await get('inv-kent', '/api/records/essex-s', J)).statusCode).toBe(403);
    await s.access.revokeGrant(g.id, OPERATOR);
    expect((await get('inv-kent', '/api/records/kent-s', J)).statusCode).toBe(403);
  });
  it('logs every refusal as access_denied with the force that was asked for', async () => {
    const denied = (await listAudit(t.store, { actor: 'user:fa-kent', action: 'access_denied', limit: 100 })).items;
    expect(denied.length).toBeGreaterThanOrEqual(6);
    expect(denied.some((e) => e.forceId === 'essex')).toBe(true);
  });
});

describe('justification, recipients and the audit of consultations', () => {
  it('refuses a record read without a justification and writes no consultation', async () => {
    const before = (await listAudit(t.store, { action: 'consultation' })).total;
    const r = await get('inv-kent', '/api/records/kent-1');
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ code: 'justification_required' });
    expect((await listAudit(t.store, { action: 'consultation' })).total).toBe(before);
  });
  it('refuses an export without a justification, and without a recipient', async () => {
    expect((await get('inv-kent', '/api/exports/street?force=kent', { [RECIPIENT_HEADER]: 'CPS' })).statusCode).toBe(400);
    expect((await get('inv-kent', '/api/exports/street?force=kent', J)).statusCode).toBe(400);
    const ok = await get('inv-kent', '/api/exports/street?force=kent&justification=court%20bundle%20R%20v%20X&recipient=CPS%20South%20East');
    expect(ok.statusCode).toBe(200);
    const [e] = (await listAudit(t.store, { action: 'disclosure', limit: 1 })).items;
    expect(e).toMatchObject({ actor: 'user:inv-kent', justification: 'court bundle R v X', recipient: 'CPS South East', forceId: 'kent', outcome: 'success' });
  });
  it('writes one consultation event per record read, with the justification, the object id and no contents', async () => {
    const before = (await listAudit(t.store, { action: 'consultation', limit: 1000 })).total;
    const ids = ['kent-1', 'kent-2', 'kent-1'];
    for (const [i, id] of ids.entries()) {
      expect((await get('inv-kent', `/api/records/${id}`, { [JUSTIFICATION_HEADER]: `case ${i} review` })).statusCode).toBe(200);
    }
    const events = (await listAudit(t.store, { action: 'consultation', limit: 1000 })).items;
    expect(events.length - before).toBe(3);
    const mine = events.slice(0, 3).reverse();
    expect(mine.map((e) => e.objectIds)).toEqual(ids.map((id) => [`record:kent/${id}`]));
    expect(mine.map((e) => e.justification)).toEqual(['case 0 review', 'case 1 review', 'case 2 review']);
    for (const e of events) {
      expect(e.justification).toBeTruthy();
      expect(JSON.stringify(e)).not.toContain('the contents');
      expect(e.client).toBe('127.0.0.1');
    }
    expect((await verifyAudit(t.store)).ok).toBe(true);
  });
  it('logs a collection when a system uploads', async () => {
    const { token } = await s.access.createToken({ name: 'kent-loader', permissions: ['data:upload'], forces: ['kent'] }, OPERATOR);
    const r = await s.app.inject({ method: 'POST', url: '/api/uploads?force=kent', headers: { authorization: `Bearer ${token}` }, payload: { file: 'x.csv' } });
    expect(r.statusCode).toBe(202);
    const [e] = (await listAudit(t.store, { action: 'collection', limit: 1 })).items;
    expect(e).toMatchObject({ actor: 'token:kent-loader', forceId: 'kent' });
    const other = await s.app.inject({ method: 'POST', url: '/api/uploads?force=essex', headers: { authorization: `Bearer ${token}` }, payload: { file: 'x.csv' } });
    expect(other.statusCode).toBe(403);
  });
  it('lets only the auditor read the log, and logs that reading', async () => {
    expect((await get('adm', '/api/audit')).statusCode).toBe(403);
    expect((await get('fa-kent', '/api/audit')).statusCode).toBe(403);
    const r = await get('aud', '/api/audit?action=consultation&limit=5');
    expect(r.statusCode).toBe(200);
    expect(r.json().items.length).toBe(5);
    const v = await get('aud', '/api/audit/verify');
    expect(v.json()).toMatchObject({ ok: true, first_bad_event: null });
    const [e] = (await listAudit(t.store, { actor: 'user:aud', limit: 1 })).items;
    expect(e.action).toBe('audit_consulted');
  });
});

describe('sessions over HTTP', () => {
  it('sets httpOnly, SameSite=Strict, Secure __Host- session cookies and a readable CSRF cookie', async () => {
    const res = await s.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { name: 'nat', password: PW } });
    const session = res.cookies.find((c) => c.name === SECURE_SESSION_COOKIE)!;
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', secure: true, path: '/' });
    const csrf = res.cookies.find((c) => c.name === 'peel_csrf')!;
    expect(csrf.httpOnly).toBeFalsy();
    expect(csrf.value).toBe(res.json().csrfToken);
  });
  it('refuses a state-changing request without the CSRF header, or with another session\'s', async () => {
    const other = await signIn(s.app, 'adm', PW);
    const body = { name: 'newbie', role: 'auditor', password: PW };
    const none = await s.app.inject({ method: 'POST', url: '/api/users', cookies: sessions.adm.cookie, payload: body });
    expect(none.statusCode).toBe(403);
    expect(none.json()).toMatchObject({ code: 'csrf' });
    const wrong = await s.app.inject({ method: 'POST', url: '/api/users', cookies: sessions.adm.cookie, headers: { [CSRF_HEADER]: other.csrf }, payload: body });
    expect(wrong.statusCode).toBe(403);
    expect(await s.access.user('newbie')).toBeUndefined();
    const ok = await post('adm', '/api/users', body);
    expect(ok.statusCode).toBe(201);
    expect(await s.access.user('newbie')).toMatchObject({ role: 'auditor' });
  });
  it('answers 401 without credentials, and for a made-up session', async () => {
    expect((await s.app.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    expect((await s.app.inject({ method: 'GET', url: '/api/auth/me', cookies: { [SECURE_SESSION_COOKIE]: 'made-up' } })).statusCode).toBe(401);
    expect((await s.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: 'Bearer peel_0123456789abcdef_' + 'A'.repeat(43) } })).statusCode).toBe(401);
  });
  it('ends a session idle for 30 minutes', async () => {
    const mine = await signIn(s.app, 'nat', PW);
    clock.advance(25);
    expect((await s.app.inject({ method: 'GET', url: '/api/auth/me', cookies: mine.cookie })).statusCode).toBe(200);
    clock.advance(31);
    const r = await s.app.inject({ method: 'GET', url: '/api/auth/me', cookies: mine.cookie });
    expect(r.statusCode).toBe(401);
    expect(r.json().detail).toMatch(/30 minutes/);
    // the other sessions in this file were idle too: sign them in again
    for (const n of Object.keys(sessions)) sessions[n] = await signIn(s.app, n, PW);
  });
  it('signs out, clearing the cookie and ending the session server-side', async () => {
    const mine = await signIn(s.app, 'nat', PW);
    const out = await s.app.inject({ method: 'POST', url: '/api/auth/sign-out', cookies: mine.cookie, headers: { [CSRF_HEADER]: mine.csrf } });
    expect(out.statusCode).toBe(204);
    expect((await s.app.inject({ method: 'GET', url: '/api/auth/me', cookies: mine.cookie })).statusCode).toBe(401);
  });
  it('lets an account owner change their own password only with the current one', async () => {
    await s.access.addUser({ name: 'owner', role: 'auditor', password: PW }, OPERATOR);
    const mine = await signIn(s.app, 'owner', PW);
    const send = (payload: Record<string, string>) => s.app.inject({ method: 'POST', url: '/api/auth/password', cookies: mine.cookie, headers: { [CSRF_HEADER]: mine.csrf }, payload });
    expect((await send({ current: 'not-the-password', password: 'a brand new passphrase' })).statusCode).toBe(403);
    expect((await send({ current: PW, password: 'a brand new passphrase' })).statusCode).toBe(204);
    expect((await s.app.inject({ method: 'GET', url: '/api/auth/me', cookies: mine.cookie })).statusCode).toBe(401);
    await expect(signIn(s.app, 'owner', PW)).rejects.toThrow();
    await signIn(s.app, 'owner', 'a brand new passphrase');
  });
  it('locks an account after 5 failed sign-ins (423) for 10 minutes', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) codes.push((await s.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { name: 'aud', password: `nope-${i}-nope-nope` } })).statusCode);
    expect(codes).toEqual([401, 401, 401, 401, 423, 423]);
    expect((await s.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { name: 'aud', password: PW } })).statusCode).toBe(423);
    clock.advance(10.5);
    expect((await s.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { name: 'aud', password: PW } })).statusCode).toBe(200);
    for (const n of Object.keys(sessions)) sessions[n] = await signIn(s.app, n, PW);
  });
});

describe('API tokens over HTTP', () => {
  it('issues a scoped token once, authenticates with it, and refuses it at once after revocation', async () => {
    const r = await post('adm', '/api/tokens', { name: 'kent-etl', permissions: ['aggregates:read'], forces: ['kent'] });
    expect(r.statusCode).toBe(201);
    const { token, view } = r.json() as { token: string; view: { id: string } };
    const bearer = { authorization: `Bearer ${token}` };
    expect((await s.app.inject({ method: 'GET', url: '/api/aggregates?force=kent', headers: bearer })).statusCode).toBe(200);
    expect((await s.app.inject({ method: 'GET', url: '/api/aggregates?force=essex', headers: bearer })).statusCode).toBe(403);
    const list = await get('adm', '/api/tokens');
    // The secret is never listed (its last 24 characters: the token is base64url, which has '_' in it).
    expect(list.body).not.toContain(token.slice(-24));
    const del = await s.app.inject({ method: 'DELETE', url: `/api/tokens/${view.id}`, cookies: sessions.adm.cookie, headers: { [CSRF_HEADER]: sessions.adm.csrf } });
    expect(del.statusCode).toBe(204);
    const after = await s.app.inject({ method: 'GET', url: '/api/aggregates?force=kent', headers: bearer });
    expect(after.statusCode).toBe(401);
    expect(after.json().detail).toMatch(/revoked/);
  });
});

describe('hardening', () => {
  it('sends security headers', async () => {
    const r = await get('nat', '/api/auth/me');
    expect(r.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(r.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['strict-transport-security']).toMatch(/max-age=/);
    expect(r.headers['referrer-policy']).toBe('no-referrer');
  });
  it('refuses bodies over the limit with 413 before reading them into a handler', async () => {
    const big = { name: 'x'.repeat(64), password: 'y'.repeat(40_000) };
    expect((await s.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: big })).statusCode).toBe(413);
    const huge = { file: 'z'.repeat(2 * 1024 * 1024) };
    const r = await post('adm', '/api/uploads?force=kent', huge);
    expect(r.statusCode).toBe(413);
  });
  it('validates input on the access routes and names the field', async () => {
    const r = await post('adm', '/api/users', { name: 'ok-name', role: 'superuser', password: PW });
    expect(r.statusCode).toBe(400);
    const f = await post('adm', '/api/users', { name: 'ok-name', role: 'force_analyst', forces: ['atlantis'], password: PW });
    expect(f.statusCode).toBe(400);
    expect(f.body).toMatch(/atlantis|unknown force/);
  });
  it('declares a permission and validates parameters and bodies on every route', () => {
    for (const r of s.routes.filter((x) => x.url.startsWith('/api'))) {
      expect(r.permission, `${r.method} ${r.url}`).toBeTruthy();
      if (r.url.includes(':')) expect(r.hasParams, `${r.method} ${r.url} params schema`).toBe(true);
      if (['POST', 'PUT', 'PATCH'].includes(r.method) && !r.url.endsWith('/sign-out') && !r.url.endsWith('/unlock')) expect(r.hasBody, `${r.method} ${r.url} body schema`).toBe(true);
    }
  });
});

describe('a server that forgets a permission does not start', () => {
  it('refuses to register an API route without config.permission', async () => {
    const x = await tempStore();
    try {
      const app = Fastify();
      await accessPlugin({ access: createAccess(x.store, SETTINGS), store: x.store, cookieSecure: false, bodyLimit: 1024 })(app);
      expect(() => app.get('/api/forgotten', async () => ({ secret: true }))).toThrow(/declares no permission/);
      await app.close();
    } finally {
      x.cleanup();
    }
  });
  it('rate-limits sign-in per client address', async () => {
    const x = await tempStore();
    const srv = await testServer(x.store, manualClock(), { signInLimit: { max: 3, timeWindow: '1 minute' } });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) codes.push((await srv.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { name: 'nobody', password: 'whatever-whatever' } })).statusCode);
      expect(codes).toEqual([401, 401, 401, 429, 429]);
    } finally {
      await srv.app.close();
      x.cleanup();
    }
  });
});
