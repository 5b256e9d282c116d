/**
 * Uploads on the real API (buildServer with the access plugin, a real DuckDB store): authorisation
 * happens before any work (issue #15 item 1: a token scoped to Gwent must not change Kent, with or
 * without ?force=), and the shrink guard's refusal and confirmation as a client sees them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { zipSync, strToU8 } from 'fflate';
import { buildServer } from '../../src/api/index.ts';
import { accessPlugin } from '../../src/api/routes-access.ts';
import { CSRF_HEADER } from '../../src/api/auth.ts';
import { createAccess, listAudit } from '../../src/access/index.ts';
import { ingest } from '../../src/ingest/index.ts';
import type { UploadJob } from '../../src/contract/index.ts';
import { tempStore, manualClock, SETTINGS, OPERATOR, PW, type TempStore } from '../access/helpers.ts';
import { signIn } from '../access/server.ts';
import { STREET_HEADER, crimeId, streetRow, writeLines } from '../helpers/police-uk.ts';

const csv = (rows: string[]) => [STREET_HEADER, ...rows].join('\r\n') + '\r\n';
const rowsOf = (force: string, month: string, n: number, seed = '') =>
  Array.from({ length: n }, (_, i) => streetRow({ id: crimeId(`${force}${month}${i}${seed}`), month, force }));

describe('uploads: authorisation before any work, and the shrink guard', () => {
  let t: TempStore;
  let app: FastifyInstance;
  let base: string;
  let token: string;

  const upload = (files: Array<[string, string | Uint8Array]>, query = '') => {
    const form = new FormData();
    for (const [name, body] of files) form.append('file', new Blob([body]), name);
    return fetch(`${base}/api/uploads${query}`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } });
  };
  const finished = async (id: string): Promise<UploadJob> => {
    await app.peel.uploads.idle();
    const r = await fetch(`${base}/api/uploads/${id}`, { headers: { authorization: `Bearer ${token}` } });
    return (await r.json()) as UploadJob;
  };
  const coverage = async () => (await t.store.coverage()).map((c) => `${c.force_id} ${c.month} ${c.rows} ${c.batch_id}`);

  beforeAll(async () => {
    t = await tempStore();
    const access = createAccess(t.store, SETTINGS, manualClock());
    app = await buildServer({
      store: t.store, logLevel: 'silent', webRoot: null, version: '0.0.0-test',
      plugins: [accessPlugin({ access, store: t.store, cookieSecure: false, bodyLimit: 1024 * 1024, signInLimit: { max: 1000, timeWindow: '1 minute' }, expensiveLimit: { max: 1000, timeWindow: '1 minute' } })],
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    await access.addUser({ name: 'adm', role: 'admin', forces: [], password: PW }, OPERATOR);
    const adm = await signIn(app, 'adm', PW);
    // As the issue: the admin creates a token that may upload for Gwent only.
    const made = await app.inject({
      method: 'POST', url: '/api/tokens', cookies: adm.cookie, headers: { [CSRF_HEADER]: adm.csrf },
      payload: { name: 'gwent-loader', permissions: ['data:upload'], forces: ['gwent'] },
    });
    expect(made.statusCode, made.body).toBe(201);
    token = made.json().token;
    // Kent's months, loaded by the store's owner.
    await ingest(t.store, [
      writeLines(join(t.dir, '2024-06-kent-street.csv'), [STREET_HEADER, ...rowsOf('Kent Police', '2024-06', 20)]),
      writeLines(join(t.dir, '2024-07-kent-street.csv'), [STREET_HEADER, ...rowsOf('Kent Police', '2024-07', 18)]),
    ]);
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    t?.cleanup();
  });

  it('refuses a Gwent token\'s Kent file, with and without ?force=gwent, with 403 and no side effects', async () => {
    const before = await coverage();
    const batchesBefore = (await t.store.batches({ limit: 1, offset: 0 })).total;
    const auditBefore = (await listAudit(t.store, { limit: 1 })).total;
    const kent5 = csv(rowsOf('Kent Police', '2024-06', 5, 'x'));
    const attempts = [
      await upload([['2024-06-kent-street.csv', kent5]], '?force=gwent'),
      await upload([['2024-07-kent-street.csv', csv(rowsOf('Kent Police', '2024-07', 3, 'x'))]]),
      // hidden among the caller's own files, or inside a zip
      await upload([['2024-06-gwent-street.csv', csv(rowsOf('Gwent Police', '2024-06', 2))], ['2024-06-kent-street.csv', kent5]]),
      await upload([['archive.zip', zipSync({ '2024-06': { '2024-06-kent-street.csv': strToU8(kent5) } })]], '?force=gwent'),
      // a file whose name says no force, but whose rows are Kent's, needs ?force= to say it is Gwent's
      await upload([['rows.csv', kent5]]),
    ];
    for (const r of attempts) {
      expect(r.status).toBe(403);
      expect(r.headers.get('content-type')).toContain('application/problem+json');
    }
    const problems = await Promise.all(attempts.map((r) => r.json() as Promise<{ code: string; detail: string }>));
    expect(problems[0].detail).toContain('2024-06-kent-street.csv is a file of "kent"; you may write only gwent');
    expect(problems[3].detail).toContain('archive.zip!2024-06/2024-06-kent-street.csv is a file of "kent"');
    expect(problems[4].detail).toContain('rows.csv does not declare its force');
    await app.peel.uploads.idle();
    // No job, no load, no batch, no collection or alteration: only the refusals are logged.
    const jobs = await fetch(`${base}/api/uploads`, { headers: { authorization: `Bearer ${token}` } });
    expect(jobs.status, await jobs.clone().text()).toBe(200);
    expect(((await jobs.json()) as { total: number }).total).toBe(0);
    expect(await coverage()).toEqual(before);
    expect((await t.store.batches({ limit: 1, offset: 0 })).total).toBe(batchesBefore);
    const events = (await listAudit(t.store, { limit: 100 })).items.slice(0, (await listAudit(t.store, { limit: 1 })).total - auditBefore);
    expect(events.map((e) => `${e.action} ${e.outcome}`)).toEqual(Array(attempts.length).fill('access_denied denied'));
  });

  it('loads the token\'s own force, then refuses a much smaller replacement until it is confirmed, showing before and after', async () => {
    const first = await upload([['2024-06-gwent-street.csv', csv(rowsOf('Gwent Police', '2024-06', 6))]]);
    expect(first.status).toBe(202);
    const done = await finished(((await first.json()) as UploadJob).job_id);
    expect(done.state).toBe('done');
    expect(done.batches).toEqual([expect.objectContaining({ source: '2024-06-gwent-street.csv', force_id: 'gwent', status: 'loaded', rows_loaded: 6, rows_before: 0 })]);
    const collection = (await listAudit(t.store, { action: 'collection', limit: 10 })).items.find((e) => e.objectIds.includes(`batch:${done.batches[0].batch_id}`));
    expect(collection?.actor).toBe('token:gwent-loader');

    const small = csv(rowsOf('Gwent Police', '2024-06', 2, 'y'));
    const refused = await finished(((await (await upload([['2024-06-gwent-street.csv', small]])).json()) as UploadJob).job_id);
    expect(refused.state).toBe('failed');
    expect(refused.error).toMatchObject({ status: 409, code: 'shrink_refused' });
    expect(refused.error!.detail).toContain('would replace street gwent 2024-06 (6 rows held) with 2 rows');
    expect(refused.error!.detail).not.toContain('peel-upload-');
    expect(refused.batches).toEqual([expect.objectContaining({ status: 'refused', rows_before: 6, rows_loaded: 2 })]);
    expect((await t.store.coverage()).find((c) => c.force_id === 'gwent')?.rows).toBe(6);

    const confirmed = await finished(((await (await upload([['2024-06-gwent-street.csv', small]], '?allow_shrink=true')).json()) as UploadJob).job_id);
    expect(confirmed.state).toBe('done');
    expect(confirmed.batches).toEqual([expect.objectContaining({ status: 'replaced', rows_before: 6, rows_loaded: 2, detail: 'replaced gwent 2024-06: 6 rows before, 2 after' })]);
    expect((await t.store.coverage()).find((c) => c.force_id === 'gwent')?.rows).toBe(2);
  });
});
