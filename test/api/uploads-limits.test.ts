/**
 * Uploads read files under the configured limits on one row, as `peel ingest` does: a server
 * started from a config (here the environment's PEEL_MAX_FIELD_BYTES) quarantines an over-long
 * field of an uploaded file exactly as the CLI's options (`limitsFrom(config)`) do, where the
 * standard's default limit would have loaded it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../../src/api/index.ts';
import { loadConfig } from '../../src/config/index.ts';
import { ingest, limitsFrom } from '../../src/ingest/index.ts';
import { openStore } from '../../src/store/index.ts';
import { DEFAULT_PARSE_LIMITS } from '../../src/standard/index.ts';
import type { UploadJob } from '../../src/contract/index.ts';
import { STREET_HEADER, streetRow, tempDir } from '../helpers/police-uk.ts';

const FIELD_LIMIT = 200;
const rows = [streetRow({ location: 'On or near Short Street' }), streetRow({ location: `On or near ${'Long '.repeat(60)}Street` })];
const body = [STREET_HEADER, ...rows].join('\r\n') + '\r\n';

describe('uploads use the configured parse limits', () => {
  let dir: string;
  let server: RunningServer;

  beforeAll(async () => {
    dir = tempDir('peel-upload-limits-');
    const cfg = loadConfig({ PEEL_STORE: join(dir, 'served.duckdb'), PEEL_MAX_FIELD_BYTES: String(FIELD_LIMIT) });
    server = await startServer({ ...cfg, host: '127.0.0.1', port: 0 }, { withoutAccess: true, webRoot: null, logLevel: 'silent' });
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('quarantines a field over PEEL_MAX_FIELD_BYTES in an upload, as peel ingest does with the same config', async () => {
    // The long field is within the standard's default limit: only the configured limit refuses it.
    expect(Buffer.byteLength(rows[1])).toBeLessThan(DEFAULT_PARSE_LIMITS.maxFieldBytes);
    expect(Buffer.byteLength(rows[1].split(',')[6])).toBeGreaterThan(FIELD_LIMIT);

    const form = new FormData();
    form.append('file', new Blob([body]), '2024-03-kent-street.csv');
    const posted = await fetch(`${server.url}api/uploads`, { method: 'POST', body: form });
    expect(posted.status, await posted.clone().text()).toBe(202);
    const { job_id } = (await posted.json()) as UploadJob;
    await server.app.peel.uploads.idle();
    const job = (await (await fetch(`${server.url}api/uploads/${job_id}`)).json()) as UploadJob;
    expect(job.state, JSON.stringify(job.error)).toBe('done');
    expect(job.batches).toHaveLength(1);
    expect(job.batches[0]).toMatchObject({ rows_read: 2, rows_loaded: 1, rows_quarantined: 1 });
    const q = (await server.app.peel.store.quarantine({ limit: 10, offset: 0 })).items;
    expect(q.map((r) => [r.line, r.reasons])).toEqual([[3, ['row.field_too_long']]]);

    // The CLI's way: the same config through limitsFrom, on a store of its own.
    const file = join(dir, '2024-03-kent-street.csv');
    (await import('node:fs')).writeFileSync(file, body);
    const cli = await openStore({ store: join(dir, 'cli.duckdb') });
    try {
      const cfg = loadConfig({ PEEL_MAX_FIELD_BYTES: String(FIELD_LIMIT) });
      const report = await ingest(cli, [file], limitsFrom(cfg));
      const b = report.batches[0];
      expect([b.rows_read, b.rows_loaded, b.rows_quarantined]).toEqual([job.batches[0].rows_read, job.batches[0].rows_loaded, job.batches[0].rows_quarantined]);
      const cq = (await cli.quarantine({ limit: 10, offset: 0 })).items;
      expect(cq.map((r) => [r.line, r.reasons, r.detail])).toEqual(q.map((r) => [r.line, r.reasons, r.detail]));
    } finally {
      cli.close();
    }
  });
});
