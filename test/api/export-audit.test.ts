/**
 * The real API with the access plugin, on a small store with hostile text cells: exports are
 * neutralised (raw on request), scoped to the caller's forces, and audited with their objects;
 * quarantine reads and record searches are audited with what was seen and searched; the nits of
 * issue #15 item 13 (health path, HSTS, 429 code, the unscoped refusal's guidance).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/api/index.ts';
import { accessPlugin } from '../../src/api/routes-access.ts';
import { JUSTIFICATION_HEADER, RECIPIENT_HEADER } from '../../src/api/auth.ts';
import { createAccess, listAudit } from '../../src/access/index.ts';
import { ingest } from '../../src/ingest/index.ts';
import { loadNarratives } from '../../src/records/index.ts';
import { tempStore, manualClock, SETTINGS, OPERATOR, PW, type TempStore } from '../access/helpers.ts';
import { signIn, testServer, type Session } from '../access/server.ts';
import { HOSTILE, writeHostileSet } from '../helpers/hostile.ts';
import { STREET_HEADER, streetRow, writeLines } from '../helpers/police-uk.ts';
import { NARRATIVES, writeNdjson } from '../records/fixtures.ts';

let t: TempStore;
let app: FastifyInstance;
const who: Record<string, Session> = {};
const J = { [JUSTIFICATION_HEADER]: 'case 24/0001 burglary series', [RECIPIENT_HEADER]: 'Kent MIT' };
const get = (name: string | null, url: string, headers: Record<string, string> = {}) =>
  app.inject({ method: 'GET', url, headers, ...(name ? { cookies: who[name].cookie } : {}) });

beforeAll(async () => {
  t = await tempStore();
  const data = join(t.dir, 'in');
  writeHostileSet(data);
  // One row that fails the standard, so Kent has quarantined rows to read.
  writeLines(join(data, '2024-05-kent-street.csv'), [STREET_HEADER, streetRow({ month: '2024-05' }), streetRow({ month: '2024-05', type: 'Burgalry' })]);
  await ingest(t.store, [data]);
  await loadNarratives(t.store, [writeNdjson(join(t.dir, 'n.ndjson'), NARRATIVES)]);
  const access = createAccess(t.store, SETTINGS, manualClock());
  app = await buildServer({
    store: t.store, logLevel: 'silent', webRoot: null, version: '0.0.0-test',
    searchText: { mode: 'hash', key: 'a-test-key-of-enough-length' },
    plugins: [accessPlugin({ access, store: t.store, cookieSecure: true, bodyLimit: 1024 * 1024, signInLimit: { max: 1000, timeWindow: '1 minute' }, expensiveLimit: { max: 3, timeWindow: '1 minute' } })],
  });
  await app.ready();
  await access.addUser({ name: 'fa-kent', role: 'force_analyst', forces: ['kent'], password: PW }, OPERATOR);
  await access.addUser({ name: 'adm', role: 'admin', forces: [], password: PW }, OPERATOR);
  await access.addUser({ name: 'inv-kent', role: 'investigator', forces: ['kent'], password: PW }, OPERATOR);
  for (const n of ['fa-kent', 'adm', 'inv-kent']) who[n] = await signIn(app, n, PW);
}, 60_000);
afterAll(async () => {
  await app?.close();
  t?.cleanup();
});

const lastEvent = async (action: string) => (await listAudit(t.store, { action, limit: 1 })).items[0];

describe('exports through the API', () => {
  it('neutralises formula cells, exports a force-scoped caller\'s own forces, and audits what left', async () => {
    const r = await get('fa-kent', '/api/exports/street?format=csv', J);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.body).toContain(`"'${HOSTILE.formula.replace(/"/g, '""')}"`);
    expect(r.body).not.toMatch(/(^|,)=cmd/m);
    expect(r.body).toMatch(/,-0\.521,/);
    expect(r.body).not.toContain('essex');
    const e = await lastEvent('disclosure');
    expect(e.objectIds).toEqual(['export:street', 'format:csv', 'force:kent', 'months:2024-03..2024-05']);
    expect(e).toMatchObject({ actor: 'user:fa-kent', outcome: 'success', recipient: 'Kent MIT' });
  });

  it('writes cells as stored with raw=true (CSV only)', async () => {
    const r = await get('fa-kent', '/api/exports/street?format=csv&force=kent&raw=true', J);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.body).toMatch(/(^|,)=cmd/m);
    const bad = await get('fa-kent', '/api/exports/street?format=geojson&force=kent&raw=true', J);
    expect(bad.statusCode).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({ field: 'query.raw' });
  });

  it('answers too many exports with 429 and code rate_limited', async () => {
    let last = 0;
    let body = '';
    for (let i = 0; i < 4 && last !== 429; i++) {
      const r = await get('fa-kent', '/api/exports/cube?format=csv&force=kent', J);
      last = r.statusCode;
      body = r.body;
    }
    expect(last).toBe(429);
    expect(JSON.parse(body)).toMatchObject({ status: 429, code: 'rate_limited' });
  });
});

describe('audit of quarantine reads and searches', () => {
  it('names the force, kind and batch of quarantined rows read', async () => {
    const r = await get('fa-kent', '/api/quarantine', { [JUSTIFICATION_HEADER]: 'checking the May file' });
    expect(r.statusCode, r.body).toBe(200);
    const rows = (JSON.parse(r.body) as { items: Array<{ batch_id: string }> }).items;
    expect(rows.length).toBe(1);
    const e = await lastEvent('consultation');
    expect(e.objectIds).toEqual([`quarantine:kent/street/batch:${rows[0].batch_id}`]);
  });

  it('logs a record search with its text as the policy says (here: the keyed hash)', async () => {
    const r = await get('inv-kent', '/api/records/search?q=grey%20ford%20focus', { [JUSTIFICATION_HEADER]: 'case 24/0001 vehicle' });
    expect(r.statusCode, r.body).toBe(200);
    const e = await lastEvent('consultation');
    expect(e.detail.search_text_hmac).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(e)).not.toContain('ford');
    const { createHmac } = await import('node:crypto');
    expect(e.detail.search_text_hmac).toBe(createHmac('sha256', 'a-test-key-of-enough-length').update('grey ford focus').digest('hex'));
  });
});

describe('the nits', () => {
  it('does not tell anonymous callers, or anyone, where the store is on disk', async () => {
    for (const name of [null, 'fa-kent', 'adm']) {
      const h = JSON.parse((await get(name, '/api/health')).body) as { store: Record<string, unknown> };
      expect(h.store.path).toBeUndefined();
      expect(JSON.stringify(h)).not.toContain(t.dir);
      expect(h.store.migrations).toBeGreaterThan(0);
    }
  });

  it('sends HSTS', async () => {
    const r = await get(null, '/api/health');
    expect(r.headers['strict-transport-security']).toMatch(/max-age=31536000/);
  });

  it('tells a force-scoped caller refused an all-forces answer what to do instead', async () => {
    const s = await testServer(t.store, manualClock(), { expensiveLimit: { max: 1000, timeWindow: '1 minute' } });
    try {
      await s.access.addUser({ name: 'fa-kent2', role: 'force_analyst', forces: ['kent'], password: PW }, OPERATOR);
      const session = await signIn(s.app, 'fa-kent2', PW);
      const ask = (url: string) => s.app.inject({ method: 'GET', url, cookies: session.cookie, headers: J });
      const named = await ask('/api/exports/street');
      expect(named.statusCode).toBe(403);
      const d1 = (JSON.parse(named.body) as { detail: string }).detail;
      expect(d1).toContain('add ?force=kent');
      expect(d1).not.toContain('name the force');
      const all = await ask('/api/exports-all/street');
      expect(all.statusCode).toBe(403);
      expect((JSON.parse(all.body) as { detail: string }).detail).toMatch(/covers every force and cannot be narrowed.*national data:export/);
    } finally {
      await s.app.close();
    }
  });
});
