/**
 * `peel serve` as a user runs it: one process that serves the API and the dashboard, and that
 * asks (through the typed client) before starting whether a Peel server already answers there.
 */
import { afterAll, beforeAll, expect, it, describe } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/api/index.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { REPO_ROOT } from '../helpers/shared.ts';

function run(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((res) => {
    const child = spawn(process.execPath, [join(REPO_ROOT, 'bin/peel.mjs'), ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => res({ code, stderr }));
  });
}

describe('peel serve', () => {
  let dir: string;
  let store: Store;
  let app: FastifyInstance;
  let port: number;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'peel-serve-test-'));
    store = await openStore({ store: join(dir, 'a.duckdb') });
    app = await buildServer({ store, logLevel: 'silent', webRoot: null });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const addr = app.server.address();
    port = typeof addr === 'object' && addr ? addr.port : 0;
  });

  afterAll(async () => {
    await app?.close();
    store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses to start where a Peel server already answers, naming it (not its store: /api/health keeps the path to itself)', async () => {
    const r = await run(['serve', '--port', String(port), '--no-build', '--store', join(dir, 'b.duckdb')]);
    expect(r.code).toBe(5);
    expect(r.stderr).toContain(`already running at http://127.0.0.1:${port}/`);
    expect(r.stderr).not.toContain(join(dir, 'a.duckdb'));
  });

  it('refuses a port that is not a port', async () => {
    const r = await run(['serve', '--port', 'eighty', '--no-build']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--port must be a port number');
  });
});
