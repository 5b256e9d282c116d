/**
 * The HTTP API over a real DuckDB store loaded from real data.police.uk files (City of London,
 * 46 months): every endpoint, its bad input (400 problem+json naming the field) and unknown ids
 * (404). Uploads go over real HTTP through the typed client, as the dashboard sends them.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { latLngToCell } from 'h3-js';
import type { FastifyInstance } from 'fastify';
import { buildServer, routeRegistry } from '../../src/api/index.ts';
import { ROUTE_PERMISSIONS } from '../../src/access/index.ts';
import { createClient, ApiError, type UploadJob, type CubePage, type H3Layer } from '../../src/client/index.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { ingest } from '../../src/ingest/index.ts';
import { describeShared, SHARED_DATA } from '../helpers/shared.ts';
import type { AlertDetail, QualityLeagueRow, QualityScorecard } from '../../src/contract/index.ts';

const CITY = join(SHARED_DATA, 'police_uk/street/city-of-london');
const GWENT_FILE = join(SHARED_DATA, 'police_uk/street/gwent/2022-09-gwent-street.csv');

describeShared('the HTTP API', () => {
  let dir: string;
  let store: Store;
  let app: FastifyInstance;
  let base: string;

  const get = async (url: string, headers: Record<string, string> = {}) => {
    const r = await app.inject({ method: 'GET', url, headers });
    return { status: r.statusCode, type: String(r.headers['content-type'] ?? ''), headers: r.headers, body: r.body, json: () => JSON.parse(r.body) as Record<string, unknown> & { items: Array<Record<string, unknown>>; total: number } };
  };
  const expectProblem = async (url: string, status: number, field?: string, init: { method?: 'POST' | 'GET'; body?: unknown } = {}) => {
    const r = await app.inject({ method: init.method ?? 'GET', url, ...(init.body !== undefined ? { payload: init.body as Record<string, unknown> } : {}) });
    expect(r.statusCode, `${url}: ${r.body}`).toBe(status);
    expect(r.headers['content-type']).toContain('application/problem+json');
    const p = JSON.parse(r.body) as { status: number; title: string; detail: string; type: string; field?: string; code: string };
    expect(p.status).toBe(status);
    expect(p.title).toBeTruthy();
    expect(p.detail).toBeTruthy();
    if (field) expect(p.field, p.detail).toBe(field);
    return p;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'peel-api-test-'));
    store = await openStore({ store: join(dir, 'peel.duckdb'), threads: 1 });
    await ingest(store, [CITY]);
    app = await buildServer({ store, logLevel: 'silent', webRoot: null, version: '9.9.9-test', capabilities: {} });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const addr = app.server.address();
    base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  });

  afterAll(async () => {
    await app?.close();
    await app?.peel.uploads.idle();
    store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports the store, its migrations and the version on /api/health', async () => {
    const r = await get('/api/health');
    expect(r.status).toBe(200);
    const h = r.json();
    expect(h.status).toBe('ok');
    expect(h.version).toBe('9.9.9-test');
    expect(h.store).toMatchObject({ forces_loaded: 1, latest_month: '2023-01' });
    expect(JSON.stringify(h)).not.toContain(dir); // the store's path is not for anonymous callers
    expect((h.store as { migrations: number }).migrations).toBeGreaterThan(0);
    expect(h.capabilities).toMatchObject({ alerts: { available: false }, quality: { available: false }, geography: { available: false } });
    expect(h.sign_in_required).toBe(false);
  });

  it('declares a known permission on every route, in a registry a test can read', () => {
    const routes = routeRegistry(app).filter((r) => r.url.startsWith('/api'));
    expect(routes.length).toBeGreaterThanOrEqual(20);
    for (const r of routes) {
      expect(r.permission, `${r.method} ${r.url} declares no permission`).toBeDefined();
      expect(ROUTE_PERMISSIONS).toContain(r.permission);
    }
    const perm = (m: string, u: string) => routes.find((r) => r.method === m && r.url === u)?.permission;
    expect(perm('GET', '/api/health')).toBe('public');
    expect(perm('POST', '/api/uploads')).toBe('data:upload');
    expect(perm('POST', '/api/alerts/:alert/dismiss')).toBe('alerts:triage');
  });

  it('publishes an OpenAPI 3 document generated from the schemas, and its UI at /docs without the internet', async () => {
    const r = await get('/docs/json');
    expect(r.status).toBe(200);
    const doc = r.json() as unknown as { openapi: string; paths: Record<string, Record<string, { parameters?: Array<{ name: string }> }>> };
    expect(doc.openapi).toMatch(/^3\./);
    for (const route of routeRegistry(app).filter((x) => x.url.startsWith('/api'))) {
      const path = route.url.replace(/:(\w+)/g, '{$1}');
      expect(doc.paths[path]?.[route.method.toLowerCase()], `${route.method} ${path} missing from the spec`).toBeDefined();
    }
    expect(doc.paths['/api/cube'].get.parameters?.map((p) => p.name)).toEqual(expect.arrayContaining(['force', 'category', 'from', 'to', 'area', 'limit', 'offset']));
    const ui = await app.inject({ method: 'GET', url: '/docs/' });
    expect(ui.statusCode).toBe(200);
    expect(ui.body).toContain('swagger');
    expect(ui.body).not.toMatch(/https?:\/\/(cdn|unpkg|fonts)/);
  });

  it('lists every force of the standard with what the hub holds, paged and filterable', async () => {
    const all = (await get('/api/forces?limit=10')).json();
    expect(all.total).toBe(45);
    expect(all.items).toHaveLength(10);
    const loaded = (await get('/api/forces?loaded=true')).json();
    expect(loaded.items.map((f) => f.id)).toEqual(['city-of-london']);
    expect(loaded.items[0]).toMatchObject({ months: 46, first_month: '2018-01', last_month: '2023-01', rows: { street: 29480, outcomes: 0, stop_search: 0 } });
    const one = (await get('/api/forces/city-of-london')).json();
    expect(one.month_list).toHaveLength(46);
    const empty = (await get('/api/forces/kent')).json();
    expect(empty).toMatchObject({ id: 'kent', months: 0, first_month: null });
    await expectProblem('/api/forces/atlantis', 404, 'path.force');
    await expectProblem('/api/forces?limit=0', 400, 'query.limit');
    await expectProblem('/api/forces?loaded=maybe', 400, 'query.loaded');
  });

  it('gives the coverage grid with every month of the span, so missing months show', async () => {
    const c = (await get('/api/coverage?kind=street&limit=1000')).json() as unknown as { items: Array<{ month: string }>; months: string[]; total: number };
    expect(c.total).toBe(46);
    expect(c.months[0]).toBe('2018-01');
    expect(c.months.at(-1)).toBe('2023-01');
    expect(c.months).toContain('2022-06');
    expect(c.items.map((i) => i.month)).not.toContain('2022-06');
    await expectProblem('/api/coverage?kind=crimes', 400, 'query.kind');
    await expectProblem('/api/coverage?force=nowhere', 400, 'query.force');
  });

  it('counts the cube by force, month and category, with filters, and the counts reconcile with the loads', async () => {
    const all = (await get('/api/cube?limit=5000')).json() as unknown as CubePage;
    expect(all.items.reduce((a, r) => a + r.n, 0)).toBe(29480);
    const one = (await get('/api/cube?force=city-of-london&category=burglary,robbery&from=2020-01&to=2020-03')).json() as unknown as CubePage;
    expect(one.total).toBe(6);
    expect(new Set(one.items.map((r) => r.category))).toEqual(new Set(['burglary', 'robbery']));
    expect(one.items.every((r) => r.month >= '2020-01' && r.month <= '2020-03' && r.area_id === null)).toBe(true);
    const paged = (await get('/api/cube?from=2020-01&to=2020-01&limit=5&offset=5')).json() as unknown as CubePage;
    expect(paged).toMatchObject({ limit: 5, offset: 5, total: 14 });
    expect(paged.items).toHaveLength(5);
    const h3 = (await get('/api/cube?area=h3_r8&from=2023-01&to=2023-01&limit=5000')).json() as unknown as CubePage;
    expect(h3.items.every((r) => r.area_id === null || /^88[0-9a-f]{13}$/.test(r.area_id))).toBe(true);
    expect(h3.items.reduce((a, r) => a + r.n, 0)).toBe(719);
    const lsoa = (await get('/api/cube?area=lsoa&areas=E01000001&limit=5000')).json() as unknown as CubePage;
    expect(lsoa.items.every((r) => r.area_id === 'E01000001')).toBe(true);
    expect(lsoa.total).toBeGreaterThan(0);

    await expectProblem('/api/cube?from=2021-13', 400, 'query.from');
    await expectProblem('/api/cube?to=last-month', 400, 'query.to');
    await expectProblem('/api/cube?from=2021-05&to=2021-01', 400, 'query.from');
    await expectProblem('/api/cube?force=city-of-london,kent2', 400, 'query.force');
    await expectProblem('/api/cube?category=burgalry', 400, 'query.category');
    await expectProblem('/api/cube?area=postcode', 400, 'query.area');
    await expectProblem('/api/cube?areas=E01000001', 400, 'query.areas');
    await expectProblem('/api/cube?limit=100000', 400, 'query.limit');
    await expectProblem('/api/cube?offset=-1', 400, 'query.offset');
  });

  it('caches heavy reads with ETags: a client holding the current version gets 304', async () => {
    const first = await get('/api/cube?from=2019-01&to=2019-02');
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^W\/".+"$/);
    const again = await get('/api/cube?from=2019-01&to=2019-02', { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.body).toBe('');
    const other = await get('/api/cube?from=2019-01&to=2019-03', { 'if-none-match': etag });
    expect(other.status).toBe(200);
  });

  it('draws the H3 layer as closed GeoJSON polygons, busiest cell first, for the latest month by default', async () => {
    const r = await get('/api/layers/h3?limit=5');
    expect(r.status).toBe(200);
    const fc = r.json() as unknown as H3Layer;
    expect(fc).toMatchObject({ type: 'FeatureCollection', from: '2023-01', to: '2023-01', resolution: 8, limit: 5 });
    expect(fc.features).toHaveLength(5);
    const ns = fc.features.map((f) => f.properties.n);
    expect([...ns].sort((a, b) => b - a)).toEqual(ns);
    expect(fc.max_n).toBe(ns[0]);
    for (const f of fc.features) {
      const ring = f.geometry.coordinates[0];
      expect(ring.length).toBe(7);
      expect(ring[0]).toEqual(ring[6]);
      // The polygon is the cell: its centre maps back to the same H3 index.
      const [lon, lat] = ring.slice(0, 6).reduce(([a, b], [x, y]) => [a + x / 6, b + y / 6], [0, 0]);
      expect(latLngToCell(lat, lon, 8)).toBe(f.properties.h3);
      expect(lon).toBeGreaterThan(-0.12);
      expect(lon).toBeLessThan(-0.06);
    }
    const all = (await get('/api/layers/h3?from=2023-01&to=2023-01&limit=20000')).json() as unknown as H3Layer;
    const cube = (await get('/api/cube?area=h3_r8&from=2023-01&to=2023-01&limit=5000')).json() as unknown as CubePage;
    expect(all.features.reduce((a, f) => a + f.properties.n, 0)).toBe(cube.items.filter((x) => x.area_id).reduce((a, x) => a + x.n, 0));
    await expectProblem('/api/layers/h3?category=nope', 400, 'query.category');
    await expectProblem('/api/layers/h3?limit=abc', 400, 'query.limit');
  });

  it('lists batches newest first with row reconciliation, and finds one by id', async () => {
    const page = (await get('/api/batches?limit=3')).json();
    expect(page.total).toBe(46);
    expect(page.items).toHaveLength(3);
    const b = page.items[0] as { batch_id: string; rows_read: number; rows_loaded: number; rows_quarantined: number };
    expect(b.rows_read).toBe(b.rows_loaded + b.rows_quarantined);
    const one = (await get(`/api/batches/${b.batch_id}`)).json();
    expect(one.batch_id).toBe(b.batch_id);
    await expectProblem('/api/batches/b-no-such-batch', 404, 'path.batch');
    await expectProblem('/api/batches?force=gotham', 400, 'query.force');
    await expectProblem('/api/batches?offset=x', 400, 'query.offset');
  });

  it('uploads a real data.police.uk file over multipart, streams its progress, and the data is then served', async () => {
    const client = createClient({ baseUrl: base });
    const before = (await get('/api/cube?limit=1')).headers.etag;
    const bytes = readFileSync(GWENT_FILE);
    const job = await client.uploadFiles([new File([bytes], '2022-09-gwent-street.csv', { type: 'text/csv' })]);
    expect(job.state === 'queued' || job.state === 'running').toBe(true);
    expect(job.files).toEqual([{ name: '2022-09-gwent-street.csv', bytes: bytes.length }]);

    // Server-Sent Events: progress events, then one `done` with the loaded batches.
    const res = await fetch(`${base}${client.uploadEventsUrl(job.job_id).replace(client.baseUrl, '')}`);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const text = await res.text();
    const events = [...text.matchAll(/event: (\w+)\ndata: (.*)\n\n/g)].map((m) => ({ event: m[1], job: JSON.parse(m[2]) as UploadJob }));
    expect(events.at(-1)?.event).toBe('done');
    const done = events.at(-1)!.job;
    expect(done.state).toBe('done');
    expect(done.batches).toHaveLength(1);
    expect(done.batches[0]).toMatchObject({ force_id: 'gwent', months: ['2022-09'], status: 'loaded' });
    expect(done.batches[0].rows_read).toBe(done.batches[0].rows_loaded + done.batches[0].rows_quarantined);

    const polled = await client.upload(job.job_id);
    expect(polled.state).toBe('done');
    expect((await client.uploads()).items.map((j) => j.job_id)).toContain(job.job_id);
    const gwent = await client.force('gwent');
    expect(gwent.month_list).toEqual(['2022-09']);
    expect(gwent.rows.street).toBe(done.batches[0].rows_loaded);
    // The data changed, so cached answers and their ETags moved on.
    expect((await get('/api/cube?limit=1')).headers.etag).not.toBe(before);

    await expect(client.upload('u-nope')).rejects.toMatchObject({ problem: { status: 404, field: 'path.job' } });
    const missing = await fetch(`${base}/api/uploads/u-nope/events`);
    expect(missing.status).toBe(404);
  });

  it('quarantines bad rows of an upload and shows them with line, raw text and reasons', async () => {
    const client = createClient({ baseUrl: base });
    const header = 'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context';
    const good = 'aaaa,2023-02,City of London Police,City of London Police,-0.09,51.515,On or near Bank,E01000001,City of London 001A,Burglary,Under investigation,';
    const bad = 'bbbb,2023-02,City of London Police,City of London Police,-0.09,51.515,On or near Bank,E01000001,City of London 001A,Burgalry,Under investigation,';
    const csv = [header, good, bad, ''].join('\r\n');
    const job = await client.uploadFiles([new File([csv], '2023-02-city-of-london-street.csv')]);
    let j = job;
    for (let i = 0; i < 200 && (j.state === 'queued' || j.state === 'running'); i++) (await new Promise((r) => setTimeout(r, 50)), (j = await client.upload(job.job_id)));
    expect(j.state).toBe('done');
    expect(j.batches[0]).toMatchObject({ rows_read: 2, rows_loaded: 1, rows_quarantined: 1 });
    const q = await client.quarantine({ batch: j.batches[0].batch_id });
    expect(q.total).toBe(1);
    expect(q.items[0].line).toBe(3);
    expect(q.items[0].raw).toContain('Burgalry');
    expect(q.items[0].reasons.length).toBeGreaterThan(0);
    const byReason = await client.quarantine({ reason: q.items[0].reasons[0], force: 'city-of-london' });
    expect(byReason.total).toBeGreaterThanOrEqual(1);
    await expectProblem('/api/quarantine?batch=b-none', 404, 'query.batch');
    await expectProblem('/api/quarantine?force=narnia', 400, 'query.force');
  });

  it('counts quarantined rows by force, kind and reason', async () => {
    const summary = await createClient({ baseUrl: base }).quarantineSummary();
    expect(summary.items.some((s) => s.force_id === 'city-of-london' && s.n >= 1)).toBe(true);
  });

  it('refuses uploads that are not data.police.uk files, naming the part', async () => {
    const client = createClient({ baseUrl: base });
    const err = await client.uploadFiles([new File(['hello'], 'notes.txt')]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).problem).toMatchObject({ status: 400, field: 'body.file' });
    const empty = await fetch(`${base}/api/uploads`, { method: 'POST', body: new FormData() });
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as { field: string }).field).toBe('body.file');
    const json = await fetch(`${base}/api/uploads`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(json.status).toBe(415);
    expect(json.headers.get('content-type')).toContain('application/problem+json');
    const badForce = await client.uploadFiles([new File(['x'], 'a.csv')], { force: 'mordor' }).catch((e: unknown) => e);
    expect((badForce as ApiError).problem).toMatchObject({ status: 400, field: 'query.force' });
    // A file that is not a data.police.uk file fails the job with a problem naming it, not the server.
    const odd = await client.uploadFiles([new File(['just,some,columns\n1,2,3\n'], '2023-02-city-of-london-street.csv')]);
    let j = odd;
    for (let i = 0; i < 200 && (j.state === 'queued' || j.state === 'running'); i++) (await new Promise((r) => setTimeout(r, 50)), (j = await client.upload(odd.job_id)));
    expect(j.state).toBe('failed');
    expect(j.error).toMatchObject({ status: 400, field: 'body.file' });
    expect(j.ignored).toEqual(['2023-02-city-of-london-street.csv']);
  });

  it('exports tables as CSV, GeoJSON and zipped Parquet partitions', async () => {
    const csv = await app.inject({ method: 'GET', url: '/api/exports/batches?format=csv' });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toContain('peel-batches.csv');
    const lines = csv.body.trim().split('\n');
    expect(lines[0]).toContain('batch_id');
    expect(lines.length - 1).toBe((await get('/api/batches')).json().total);
    const geo = await app.inject({ method: 'GET', url: '/api/exports/street?format=geojson' });
    expect(geo.statusCode).toBe(200);
    const fc = JSON.parse(geo.body) as { type: string; features: Array<{ geometry: { type: string } }> };
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features.length).toBeGreaterThan(29000);
    expect(fc.features[0].geometry.type).toBe('Point');
    const pq = await app.inject({ method: 'GET', url: '/api/exports/cube?format=parquet' });
    expect(pq.statusCode).toBe(200);
    expect(pq.headers['content-type']).toBe('application/zip');
    expect(pq.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect(pq.rawPayload.includes(Buffer.from('force_id=city-of-london/month=2018-01/'))).toBe(true);
    await expectProblem('/api/exports/passwords', 400, 'path.table');
    await expectProblem('/api/exports/street?format=xlsx', 400, 'query.format');
    await expectProblem('/api/exports/batches?format=geojson', 400, 'query.format');
  });

  it('answers 501 problem+json for alerts, quality and boundaries until their capability is wired', async () => {
    for (const url of ['/api/alerts', '/api/alerts/a1', '/api/layers/alerts', '/api/quality/league', '/api/quality/forces/gwent', '/api/geography/boundaries']) {
      const p = await expectProblem(url, 501);
      expect(p.code).toBe('not_available');
    }
    await expectProblem('/api/alerts/a1/acknowledge', 501, undefined, { method: 'POST', body: {} });
    await expectProblem('/api/alerts/a1/dismiss', 501, undefined, { method: 'POST', body: { reason: 'known recording change' } });
    // Bad input is still bad input, and unknown forces still unknown.
    await expectProblem('/api/alerts?sort=loudest', 400, 'query.sort');
    await expectProblem('/api/quality/forces/atlantis', 404, 'path.force');
  });

  it('answers unknown routes with a 404 problem', async () => {
    const p = await expectProblem('/api/no-such-thing', 404);
    expect(p.code).toBe('not_found');
  });
});

describeShared('the HTTP API with alert, quality and boundary capabilities wired', () => {
  let dir: string;
  let store: Store;
  let app: FastifyInstance;
  type A = AlertDetail;
  // Alerts in the shape the contract declares (the route validates its answers against it).
  const alert = (alert_id: string, priority: number): A => ({
    alert_id, run_id: 'r1', month: '2022-09', kind: 'exceedance', force_ids: ['gwent'], force_names: ['Gwent Police'], category: 'burglary', category_name: 'Burglary',
    area_type: 'force', area_ids: [], h3_cells: [], place: 'Gwent', period_start: '2022-09', period_end: '2022-09', observed: 30, expected: 12, threshold: 20, p: 0.001, q: 0.01, priority,
    method: 'test', params: {}, explanation: 'test alert', review: 'inbox', review_rank: 1, recording_change: null, status: 'new', status_reason: null, status_changed_at: null,
    evidence: { series: [], members: [], significant_last_month: null, notes: {} }, areas_geojson: { type: 'FeatureCollection', features: [] }, history: [],
  });
  const alerts: A[] = [alert('a1', 0.5), alert('a2', 0.9)];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'peel-api-test-'));
    store = await openStore({ store: join(dir, 'peel.duckdb'), threads: 1 });
    const fc = { type: 'FeatureCollection' as const, features: [] };
    const league: QualityLeagueRow = {
      rank: 1, force_id: 'gwent', force_name: 'Gwent Police', from: '2022-01', to: '2022-12', overall: 91.5, dimensions: { completeness: 90 }, months: 12,
      findings: { high: 0, medium: 1, low: 2 }, basis: 'test',
    };
    const scorecard: QualityScorecard = {
      force_id: 'gwent', force_name: 'Gwent Police', month: '2022-12', months_held: ['2022-12'], month_basis: 'test', overall: 91.5,
      score_12m: null, findings: [], findings_total: 0, findings_in_window: null,
    };
    app = await buildServer({
      store, logLevel: 'silent', webRoot: null,
      capabilities: {
        // A small in-memory stand-in: what is under test here is the routes' wiring, not detection.
        alerts: {
          list: async (q) => {
            const items = alerts.filter((a) => !q.status || a.status === q.status).sort((a, b) => b.priority - a.priority);
            return { items: items.slice(q.offset, q.offset + q.limit), total: items.length, limit: q.limit, offset: q.offset };
          },
          get: async (id) => alerts.find((a) => a.alert_id === id),
          acknowledge: async (id) => {
            const a = alerts.find((x) => x.alert_id === id);
            if (a) a.status = 'acknowledged';
            return a;
          },
          dismiss: async (id, _by, reason) => {
            const a = alerts.find((x) => x.alert_id === id);
            if (a) (a.status = 'dismissed', (a.status_reason = reason));
            return a;
          },
          action: async (id) => {
            const a = alerts.find((x) => x.alert_id === id);
            if (a) a.status = 'actioned';
            return a;
          },
          layer: async () => ({ ...fc, month: null }),
        },
        quality: { league: async () => [league], scorecard: async (f) => (f === 'gwent' ? scorecard : undefined) },
        geography: { boundaries: async () => fc },
      },
    });
  });

  afterAll(async () => {
    await app?.close();
    store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists, shows, acknowledges and dismisses alerts with a reason; unknown alerts are 404', async () => {
    const list = JSON.parse((await app.inject({ url: '/api/alerts?status=new' })).body) as { items: A[]; total: number };
    expect(list.items.map((a) => a.alert_id)).toEqual(['a2', 'a1']);
    expect((await app.inject({ url: '/api/alerts/a1' })).statusCode).toBe(200);
    const nf = await app.inject({ url: '/api/alerts/zzz' });
    expect(nf.statusCode).toBe(404);
    expect(JSON.parse(nf.body).field).toBe('path.alert');
    const ack = await app.inject({ method: 'POST', url: '/api/alerts/a1/acknowledge', payload: {} });
    expect(JSON.parse(ack.body).status).toBe('acknowledged');
    const noReason = await app.inject({ method: 'POST', url: '/api/alerts/a2/dismiss', payload: {} });
    expect(noReason.statusCode).toBe(400);
    expect(JSON.parse(noReason.body).field).toBe('body.reason');
    const short = await app.inject({ method: 'POST', url: '/api/alerts/a2/dismiss', payload: { reason: ' ' } });
    expect(JSON.parse(short.body).field).toBe('body.reason');
    const dis = await app.inject({ method: 'POST', url: '/api/alerts/a2/dismiss', payload: { reason: 'known recording change' } });
    expect(JSON.parse(dis.body)).toMatchObject({ status: 'dismissed', status_reason: 'known recording change' });
    expect((await app.inject({ method: 'POST', url: '/api/alerts/zzz/dismiss', payload: { reason: 'nothing here' } })).statusCode).toBe(404);
    // Triage changed the data: the cached list is not served again.
    const after = JSON.parse((await app.inject({ url: '/api/alerts?status=new' })).body) as { total: number };
    expect(after.total).toBe(0);
  });

  it('serves the league table, a scorecard and boundaries, and 404s a force with no assessment', async () => {
    expect(JSON.parse((await app.inject({ url: '/api/quality/league' })).body)).toMatchObject({ total: 1, items: [{ force_id: 'gwent' }] });
    expect((await app.inject({ url: '/api/quality/forces/gwent' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/quality/forces/kent' })).statusCode).toBe(404);
    expect(JSON.parse((await app.inject({ url: '/api/geography/boundaries' })).body).type).toBe('FeatureCollection');
    const h = JSON.parse((await app.inject({ url: '/api/health' })).body) as { capabilities: Record<string, { available: boolean }> };
    expect(h.capabilities.alerts.available).toBe(true);
  });
});


