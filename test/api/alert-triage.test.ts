/**
 * Alert triage over HTTP on a real store: the inbox filters (category, kind, month, priority,
 * status), acknowledge → actioned with notes, the alert's history saying who, when and what, and
 * an audit event for every change. The alerts come from a real detection run on generated files.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/api/index.ts';
import { accessPluginFor } from '../../src/api/routes-access.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { ingest } from '../../src/ingest/index.ts';
import { addMonths } from '../../src/standard/index.ts';
import { detectEmergingTrends } from '../../src/trends/index.ts';
import { createAccess, createDemoAccount, listAudit } from '../../src/access/index.ts';
import { DEFAULT_CONFIG } from '../../src/config/index.ts';
import type { AlertDetail, AlertPage } from '../../src/contract/index.ts';
import { tempDir } from '../helpers/police-uk.ts';
import { writeForce } from '../trends/detect-helpers.ts';

describe('alert triage over HTTP', () => {
  let dir: string;
  let store: Store;
  let app: FastifyInstance;
  const start = '2021-01';
  const last = addMonths(start, 23);
  let session: { cookies: Record<string, string>; csrf: string };

  const get = async <T>(url: string) => {
    const r = await app.inject({ method: 'GET', url, cookies: session.cookies });
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as T;
  };
  const post = (url: string, payload: Record<string, unknown>) =>
    app.inject({ method: 'POST', url, cookies: session.cookies, headers: { 'x-peel-csrf': session.csrf }, payload });

  beforeAll(async () => {
    dir = tempDir('peel-triage-');
    const files = join(dir, 'files');
    mkdirSync(files);
    writeForce(files, {
      start, months: 24, areas: 36, seed: 11,
      rates: { Burglary: 1.5, 'Vehicle crime': 1, 'Anti-social behaviour': 3 },
      rises: [{ category: 'Burglary', areas: [7, 8, 13, 14], fromMonth: last, extraPerArea: 9 }],
    });
    store = await openStore({ store: join(dir, 'peel.duckdb'), threads: 1 });
    await ingest(store, readdirSync(files).map((f) => join(files, f)));
    await detectEmergingTrends(store, { month: last, methods: ['force', 'lsoa', 'hot_spot'] });
    const access = createAccess(store, DEFAULT_CONFIG);
    const who = await createDemoAccount(access, { name: 'triager', role: 'national_analyst' }, { actor: 'test' });
    app = await buildServer({ store, logLevel: 'silent', webRoot: null, plugins: [accessPluginFor(store, { ...DEFAULT_CONFIG, cookieSecure: false })] });
    const signIn = await app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { name: who.name, password: who.password } });
    expect(signIn.statusCode, signIn.body).toBe(200);
    session = { cookies: Object.fromEntries(signIn.cookies.map((c) => [c.name, c.value])), csrf: signIn.json().csrfToken };
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    store?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('filters the inbox by category, kind, month and minimum priority', async () => {
    const all = await get<AlertPage>(`/api/alerts?month=${last}&limit=100`);
    expect(all.total).toBeGreaterThan(0);
    const burglary = await get<AlertPage>(`/api/alerts?month=${last}&category=burglary&limit=100`);
    expect(burglary.total).toBeGreaterThan(0);
    expect(burglary.items.every((a) => a.category === 'burglary')).toBe(true);
    const kind = all.items[0].kind;
    const ofKind = await get<AlertPage>(`/api/alerts?month=${last}&kind=${kind}&limit=100`);
    expect(ofKind.items.every((a) => a.kind === kind)).toBe(true);
    const top = Math.max(...all.items.map((a) => a.priority));
    const high = await get<AlertPage>(`/api/alerts?month=${last}&min_priority=${top}&limit=100`);
    expect(high.items.length).toBeGreaterThan(0);
    expect(high.items.every((a) => a.priority >= top)).toBe(true);
    expect(high.total).toBeLessThanOrEqual(all.total);
    expect((await get<AlertPage>(`/api/alerts?month=${addMonths(last, -12)}`)).total).toBe(0);
    const bad = await app.inject({ method: 'GET', url: '/api/alerts?status=pending', cookies: session.cookies });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('status');
  });

  it('acknowledges then actions an alert, and its history says who, when and the note; each change is audited', async () => {
    const id = (await get<AlertPage>(`/api/alerts?month=${last}&status=new&limit=1`)).items[0].alert_id;
    const ack = await post(`/api/alerts/${id}/acknowledge`, { note: 'patrol sergeant asked to look' });
    expect(ack.statusCode, ack.body).toBe(200);
    const done = await post(`/api/alerts/${id}/action`, { note: 'extra patrols booked' });
    expect(done.statusCode, done.body).toBe(200);
    const a = await get<AlertDetail>(`/api/alerts/${id}`);
    expect(a.status).toBe('actioned');
    expect(a.history.map((e) => [e.status, e.actor, e.reason])).toEqual([
      ['acknowledged', 'user:triager', 'patrol sergeant asked to look'],
      ['actioned', 'user:triager', 'extra patrols booked'],
    ]);
    for (const e of a.history) expect(Date.parse(e.changed_at)).toBeGreaterThan(Date.now() - 600_000);
    // Actioned is final.
    const again = await post(`/api/alerts/${id}/dismiss`, { reason: 'changed my mind' });
    expect(again.statusCode).toBe(409);
    // Every attempt is an alteration event (newest first): who, which alert, its force, from and to,
    // and whether it took; the notes stay out of the log.
    const events = (await listAudit(store, { action: 'alteration', limit: 10 })).items.filter((e) => e.objectIds.includes(`alert:${id}`));
    expect(events.map((e) => [e.actor, e.outcome, e.detail.from, e.detail.to, e.detail.status])).toEqual([
      ['user:triager', 'failure', 'actioned', 'dismissed', 409],
      ['user:triager', 'success', 'acknowledged', 'actioned', 200],
      ['user:triager', 'success', 'new', 'acknowledged', 200],
    ]);
    for (const e of events) {
      expect(e.forceId).toBe('leicestershire');
      expect(e.detail.route).toMatch(/^POST \/api\/alerts\/:alert\/(acknowledge|action|dismiss)$/);
      expect(JSON.stringify(e)).not.toContain('patrol');
    }
  });

  it('audits a dismissal with its actor, and refuses (and logs) triage by a role without alerts:triage', async () => {
    const id = (await get<AlertPage>(`/api/alerts?month=${last}&status=new&limit=1`)).items[0].alert_id;
    const dis = await post(`/api/alerts/${id}/dismiss`, { reason: 'known recording change' });
    expect(dis.statusCode, dis.body).toBe(200);
    const a = dis.json() as AlertDetail;
    expect(a.history.at(-1)).toMatchObject({ status: 'dismissed', actor: 'user:triager', reason: 'known recording change' });
    const [event] = (await listAudit(store, { action: 'alteration', limit: 10 })).items.filter((e) => e.objectIds.includes(`alert:${id}`));
    expect(event).toMatchObject({ actor: 'user:triager', outcome: 'success', forceId: 'leicestershire', detail: { from: 'new', to: 'dismissed' } });

    // An investigator holds no alerts:triage: refused before the alert changes, and the refusal is audited.
    const access = createAccess(store, DEFAULT_CONFIG);
    const inv = await createDemoAccount(access, { name: 'investigator1', role: 'investigator', forces: ['leicestershire'] }, { actor: 'test' });
    const signIn = await app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { name: inv.name, password: inv.password } });
    const cookies = Object.fromEntries(signIn.cookies.map((c) => [c.name, c.value]));
    const refused = await app.inject({ method: 'POST', url: `/api/alerts/${id}/action`, cookies, headers: { 'x-peel-csrf': signIn.json().csrfToken }, payload: { note: 'not mine to do' } });
    expect(refused.statusCode).toBe(403);
    expect((await get<AlertDetail>(`/api/alerts/${id}`)).history).toHaveLength(1);
    const denied = (await listAudit(store, { action: 'access_denied', limit: 10 })).items.find((e) => e.actor === 'user:investigator1');
    expect(denied?.detail).toMatchObject({ permission: 'alerts:triage' });
  });
});
