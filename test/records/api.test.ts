/**
 * The records routes on the real API (buildServer with the access plugin, a real DuckDB store):
 * search within the caller's forces, one record with its entities, entity pages across forces,
 * summaries (and the optional summariser against a local fake endpoint), and the redaction review
 * (propose, apply reviewed spans), each consultation and the review decision in the audit log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/api/index.ts';
import { accessPlugin } from '../../src/api/routes-access.ts';
import { CSRF_HEADER, JUSTIFICATION_HEADER, RECIPIENT_HEADER } from '../../src/api/auth.ts';
import { createAccess, listAudit, verifyAudit } from '../../src/access/index.ts';
import { loadNarratives, advisorySummary, ADVISORY_LABEL } from '../../src/records/index.ts';
import { tempStore, manualClock, SETTINGS, OPERATOR, PW, type TempStore } from '../access/helpers.ts';
import { signIn, type Session } from '../access/server.ts';
import { NARRATIVES, writeNdjson } from './fixtures.ts';

const WHY = 'case 24/1234 burglary series';

describe('the records API', () => {
  let t: TempStore;
  let app: FastifyInstance;
  let fake: Server;
  let fakeUrl: string;
  const seen: Array<{ url: string; body: { model: string; messages: Array<{ content: string }> }; auth: string | undefined }> = [];
  const who: Record<string, Session> = {};

  const as = (name: string, extra: Record<string, string> = {}) => ({ cookies: who[name].cookie, headers: { [CSRF_HEADER]: who[name].csrf, [JUSTIFICATION_HEADER]: WHY, ...extra } });
  const get = (name: string, url: string, extra: Record<string, string> = {}) => app.inject({ method: 'GET', url, ...as(name, extra) });
  const post = (name: string, url: string, payload: unknown, extra: Record<string, string> = {}) => app.inject({ method: 'POST', url, payload: payload as object, ...as(name, extra) });

  beforeAll(async () => {
    fake = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        seen.push({ url: req.url ?? '', body: JSON.parse(body), auth: req.headers.authorization });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ choices: [{ message: { role: 'assistant', content: 'The same grey Ford Focus AB12 CDE appears in Kent and Essex [kent/K-1].' } }] }));
      });
    });
    await new Promise<void>((r) => fake.listen(0, '127.0.0.1', r));
    fakeUrl = `http://127.0.0.1:${(fake.address() as AddressInfo).port}/v1`;

    t = await tempStore();
    await loadNarratives(t.store, [writeNdjson(join(t.dir, 'n.ndjson'), NARRATIVES)]);
    const access = createAccess(t.store, SETTINGS, manualClock());
    app = await buildServer({
      store: t.store, logLevel: 'silent', webRoot: null, version: '0.0.0-test',
      summariser: { enabled: true, url: fakeUrl, model: 'fake-model', apiKey: 'sk-test' },
      plugins: [accessPlugin({ access, store: t.store, cookieSecure: true, bodyLimit: 1024 * 1024, signInLimit: { max: 1000, timeWindow: '1 minute' }, expensiveLimit: { max: 1000, timeWindow: '1 minute' } })],
    });
    await app.ready();
    const users = [
      { name: 'inv-kent', role: 'investigator' as const, forces: ['kent'] },
      { name: 'inv-both', role: 'investigator' as const, forces: ['kent', 'essex'] },
      { name: 'fa-essex', role: 'force_analyst' as const, forces: ['essex'] },
      { name: 'nat', role: 'national_analyst' as const, forces: [] },
    ];
    for (const u of users) await access.addUser({ ...u, password: PW }, OPERATOR);
    await access.addGrant({ user: 'inv-both', kind: 'sensitive', forceId: 'essex', reason: 'op hawk' }, OPERATOR);
    await access.addGrant({ user: 'nat', kind: 'records', forceId: 'essex', reason: 'national review' }, OPERATOR);
    for (const u of users) who[u.name] = await signIn(app, u.name, PW);
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    t?.cleanup();
    await new Promise((r) => fake?.close(r));
  });

  it('lists the routes in OpenAPI under records, each with its permission', async () => {
    const spec = (await app.inject({ url: '/docs/json' })).json() as { paths: Record<string, Record<string, { tags?: string[] }>> };
    for (const p of ['/api/records/search', '/api/records/{force}/{id}', '/api/entities/{type}/{value}', '/api/records/summary', '/api/records/redaction/propose', '/api/records/redaction/apply']) {
      expect(spec.paths[p], p).toBeDefined();
      expect(Object.values(spec.paths[p])[0].tags).toEqual(['records']);
    }
  });

  it('searches only the forces the caller may read, and needs a purpose', async () => {
    const kent = (await get('inv-kent', '/api/records/search?q=vehicle&now=2024-06-01')).json();
    expect(kent.hits.map((h: { force_id: string }) => h.force_id)).toEqual(['kent', 'kent']);
    expect(Object.keys(kent.facets.force)).toEqual(['kent']);
    expect(kent.hits[0].highlights.length).toBeGreaterThan(0);
    // Naming another force is refused outright.
    expect((await get('inv-kent', '/api/records/search?q=vehicle&force=essex')).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/records/search?q=vehicle', cookies: who['inv-kent'].cookie })).statusCode).toBe(400);
    // An essex analyst sees essex, but not the OFFICIAL-SENSITIVE record without a sensitive grant:
    // not in the hits, and not in the total or the facets either (a count would reveal it exists).
    const essex = (await get('fa-essex', '/api/records/search?q=vehicle')).json();
    expect(essex.hits.map((h: { record_id: string }) => h.record_id)).toEqual(['E-7']);
    expect(essex.total).toBe(1);
    expect(essex.facets.force).toEqual({ essex: 1 });
    expect(essex.withheld).toBe(0);
    // "last month" is read against the data's latest month (May 2024), not the clock; words no record holds are named.
    const recent = (await get('inv-kent', `/api/records/search?q=${encodeURIComponent('burglaries last month screwdriver')}`)).json();
    expect(recent.anchor).toBe('2024-06-01');
    expect(recent.hits.map((h: { record_id: string }) => h.record_id)).toEqual(['K-1']);
    const unmatched = (await get('inv-kent', `/api/records/search?q=${encodeURIComponent('lorry hijacking vehicle')}&now=2024-06-01`)).json();
    expect(unmatched.unmatched_terms).toEqual(['lorry', 'hijacking']);
    expect(unmatched.anchor).toBe('2024-06-01');
    const both = (await get('inv-both', '/api/records/search?q=vehicle')).json();
    expect(both.hits.map((h: { record_id: string }) => h.record_id).sort()).toEqual(['E-7', 'E-8', 'K-1', 'K-2']);
    expect(both.total).toBe(4);
    // The national analyst reads records only through the records grant (essex).
    const nat = (await get('nat', '/api/records/search?q=vehicle')).json();
    expect(nat.hits.map((h: { force_id: string }) => h.force_id)).toEqual(['essex']);
  });

  it('shows one record with its entities, refusing other forces and sensitive records without the grant', async () => {
    const r = await get('inv-kent', '/api/records/kent/K-1');
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.record.narrative).toContain('Sarah JONES');
    expect(body.entities.map((e: { type: string; value: string }) => `${e.type}:${e.value}`)).toContain('VEHICLE_REG:AB12 CDE');
    expect((await get('inv-kent', '/api/records/essex/E-7')).statusCode).toBe(403);
    expect((await get('fa-essex', '/api/records/essex/E-8')).statusCode).toBe(403);
    expect((await get('inv-both', '/api/records/essex/E-8')).statusCode).toBe(200);
    expect((await get('inv-kent', '/api/records/kent/nope')).statusCode).toBe(404);
  });

  it('lists every record mentioning an entity across the forces the caller may link', async () => {
    const both = (await get('inv-both', `/api/entities/VEHICLE_REG/${encodeURIComponent('ab12cde')}`)).json();
    expect(both).toMatchObject({ type: 'VEHICLE_REG', value: 'AB12 CDE', total: 4, by_force: { kent: 2, essex: 2 } });
    const kent = (await get('inv-kent', '/api/entities/PHONE/07700%20900123')).json();
    expect(kent.items.map((r: { record_id: string }) => r.record_id)).toEqual(['K-2', 'K-1']);
    const kentVeh = (await get('inv-kent', '/api/entities/VEHICLE_REG/AB12CDE')).json();
    expect(kentVeh.by_force).toEqual({ kent: 2 });
    // Linking needs records:link, which a force analyst does not hold.
    expect((await get('fa-essex', '/api/entities/VEHICLE_REG/AB12CDE')).statusCode).toBe(403);
    expect((await get('inv-kent', '/api/entities/SHOE/9')).statusCode).toBe(400);
  });

  it('summarises the records of a search, extractively, and the advisory summariser only when asked', async () => {
    const s = (await get('inv-both', '/api/records/summary?q=vehicle&now=2024-06-01')).json();
    expect(s.summariser).toBe('on');
    expect(s.advisory).toBeNull();
    expect(s.summary.records).toBe(4);
    expect(s.summary.entities.vehicles[0]).toMatchObject({ type: 'VEHICLE_REG', value: 'AB12 CDE', records: 4 });
    expect(s.summary.entities.phones[0]).toMatchObject({ value: '+447700900123', records: 2 });
    expect(s.summary.timeline.map((x: { record_id: string }) => x.record_id)).toEqual(['K-1', 'K-2', 'E-7', 'E-8']);
    expect(s.summary.categories[0]).toEqual({ category: 'burglary', n: 2 });
    expect(seen).toHaveLength(0); // nothing was sent
    const a = (await get('inv-kent', '/api/records/summary?q=vehicle&advisory=true')).json();
    expect(a.advisory).toMatchObject({ advisory: true, label: ADVISORY_LABEL, model: 'fake-model' });
    expect(a.advisory.text).toContain('AB12 CDE');
    expect(seen).toHaveLength(1);
    expect(seen[0].url).toBe('/v1/chat/completions');
    expect(seen[0].auth).toBe('Bearer sk-test');
    // Only the caller's records were sent.
    expect(seen[0].body.messages[1].content).toContain('[kent/K-1]');
    expect(seen[0].body.messages[1].content).not.toContain('essex');
  });

  it('never sends anything when the summariser is off, however it is asked', async () => {
    const n = seen.length;
    await expect(advisorySummary({ enabled: false, url: fakeUrl, model: 'm', apiKey: null }, [])).rejects.toThrow(/summariser is off/);
    await expect(advisorySummary(null, [])).rejects.toThrow(/summariser is off/);
    expect(seen.length).toBe(n);
  });

  it('proposes spans, applies the reviewed ones, and writes the decision to the audit log', async () => {
    const p = await post('inv-kent', '/api/records/redaction/propose', { policy: 'public', records: [{ force_id: 'kent', record_id: 'K-1' }, { force_id: 'kent', record_id: 'K-2' }] });
    expect(p.statusCode).toBe(200);
    const prop = p.json();
    const k1 = prop.records[0];
    const veh = k1.spans.find((s: { type: string }) => s.type === 'VEHICLE_REG');
    expect(veh.placeholder).toBe('[VEHICLE_REG 1]');
    // Same vehicle in the second record keeps its number.
    expect(prop.records[1].redacted).toContain('[VEHICLE_REG 1]');
    expect(k1.redacted).not.toContain('Sarah JONES');
    expect((await post('inv-kent', '/api/records/redaction/propose', { records: [{ force_id: 'essex', record_id: 'E-7' }] })).statusCode).toBe(403);

    // The reviewer removes the phone and adds "Dover" (not proposed) as an address.
    const narrative: string = k1.narrative;
    const kept = k1.spans.filter((s: { type: string }) => s.type !== 'PHONE').map(({ start, end, type }: { start: number; end: number; type: string }) => ({ start, end, type }));
    const dover = narrative.indexOf('Ford');
    const spans = [...kept, { start: dover, end: dover + 4, type: 'ADDRESS' }];
    const body = { policy: 'public', records: [{ force_id: 'kent', record_id: 'K-1', spans }] };
    // A disclosure: a recipient is required.
    expect((await post('inv-kent', '/api/records/redaction/apply', body)).statusCode).toBe(400);
    const res = await post('inv-kent', '/api/records/redaction/apply', body, { [RECIPIENT_HEADER]: 'CPS Kent' });
    expect(res.statusCode).toBe(200);
    const applied = res.json();
    const text: string = applied.records[0].text;
    expect(text).toContain('07700 900123');
    expect(text).not.toContain('Sarah JONES');
    expect(text).not.toContain('AB12 CDE');
    expect(text).toContain('[ADDRESS 1]');
    expect(applied.decision).toMatchObject({ accepted: kept.length, removed: 1, added: 1 });
    const events = (await listAudit(t.store, { action: 'alteration', limit: 10 })).items;
    const ev = events.find((e) => e.id === applied.decision.audit_event)!;
    expect(ev).toMatchObject({ actor: 'user:inv-kent', objectIds: ['record:kent/K-1'], forceId: 'kent', justification: WHY, recipient: 'CPS Kent' });
    expect(ev.detail).toMatchObject({ decision: 'redaction review', policy: 'public', accepted: kept.length, removed: 1, added: 1 });
    expect(ev.detail.removed_spans).toEqual([expect.stringMatching(/^kent\/K-1 PHONE \d+-\d+$/)]);
    expect(JSON.stringify(ev)).not.toContain('900123');
    // Bad spans are named.
    const bad = await post('inv-kent', '/api/records/redaction/apply', { records: [{ force_id: 'kent', record_id: 'K-1', spans: [{ start: 5, end: 9999, type: 'PERSON' }] }] }, { [RECIPIENT_HEADER]: 'CPS Kent' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().detail).toMatch(/records\[0\]\.spans\[0\] of kent\/K-1: span 5-9999 lies outside the narrative/);
  });

  it('reviews an uploaded set the same way, without reading the store', async () => {
    const upload = [{ record_id: 'u1', narrative: 'Caller John SMITH on 07700 900987 reports his car AB12 CDE stolen.' }, { record_id: 'u2', narrative: 'John SMITH called again.' }];
    const prop = (await post('inv-kent', '/api/records/redaction/propose', { upload })).json();
    expect(prop.records[1].redacted).toBe('[PERSON 1] called again.');
    const res = await post('inv-kent', '/api/records/redaction/apply', {
      records: prop.records.map((r: { record_id: string; narrative: string; spans: Array<{ start: number; end: number; type: string }> }) => ({ record_id: r.record_id, narrative: r.narrative, spans: r.spans.map(({ start, end, type }) => ({ start, end, type })) })),
    }, { [RECIPIENT_HEADER]: 'CPS Kent' });
    expect(res.statusCode).toBe(200);
    expect(res.json().records[0].text).toBe('Caller [PERSON 1] on [PHONE 1] reports his car [VEHICLE_REG 1] stolen.');
  });

  it('audited every consultation with its purpose, and the log verifies', async () => {
    const consultations = (await listAudit(t.store, { action: 'consultation', limit: 1000 })).items;
    expect(consultations.length).toBeGreaterThan(5);
    for (const e of consultations) expect(e.justification).toBe(WHY);
    expect(consultations.some((e) => e.detail.route === 'GET /api/records/:force/:id' && e.actor === 'user:inv-kent' && e.objectIds.join() === 'record:kent/K-1')).toBe(true);
    const searches = consultations.filter((e) => e.detail.route === 'GET /api/records/search' && e.actor === 'user:inv-kent' && e.outcome === 'success');
    expect(searches.length).toBeGreaterThan(0);
    for (const e of searches) for (const id of e.objectIds) expect(id).toMatch(/^record:kent\//);
    const combos = (await listAudit(t.store, { action: 'combination', limit: 100 })).items;
    expect(combos.some((e) => e.objectIds[0] === 'entity:VEHICLE_REG' && e.justification === WHY)).toBe(true);
    expect(JSON.stringify(combos)).not.toContain('AB12');
    const disclosures = (await listAudit(t.store, { action: 'disclosure', limit: 100 })).items;
    expect(disclosures.some((e) => e.recipient === 'CPS Kent' && e.objectIds.includes('record:kent/K-1'))).toBe(true);
    const denied = (await listAudit(t.store, { action: 'access_denied', limit: 100 })).items;
    expect(denied.some((e) => e.actor === 'user:fa-essex' && e.forceId === 'essex')).toBe(true);
    expect((await verifyAudit(t.store)).ok).toBe(true);
  });
});
