/**
 * `peel records ingest` reads method features into the store; `peel records methods` backfills
 * what is missing; `peel records series --json` prints exactly the contract's shape, needs --why
 * and is audited. Real CLI process, real DuckDB file, narratives from the generator.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/shared.ts';
import { openStore } from '../../src/store/index.ts';
import { listAudit } from '../../src/access/index.ts';
import { MethodsContract } from '../../src/contract/index.ts';
import { generateNarratives } from '../../src/synth/narratives/index.ts';

const PEEL = join(REPO_ROOT, 'bin', 'peel.mjs');

function peel(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('PEEL_')));
    const p = spawn(process.execPath, [PEEL, ...args], { env: clean });
    let stdout = '', stderr = '';
    p.stdout.on('data', (c) => (stdout += c));
    p.stderr.on('data', (c) => (stderr += c));
    p.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('peel records methods and series', () => {
  let dir: string, store: string, file: string;
  const forces = ['kent', 'essex', 'metropolitan', 'sussex', 'surrey', 'hertfordshire'] as const;
  let planted: Array<{ series_id: string; record_ids: string[] }>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'peel-mo-cli-'));
    store = join(dir, 'peel.duckdb');
    file = join(dir, 'records.ndjson');
    const { items, truth } = generateNarratives({ seed: 31, forces, endMonth: '2024-06', months: 6, count: 3000 });
    writeFileSync(file, [...items].map((i) => JSON.stringify(i.record)).join('\n') + '\n');
    planted = truth.series;
    const r = await peel(['records', 'ingest', file, '--store', store]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/method features read for 3000 records/);
  }, 240_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('stores methods for every record at ingest, and the backfill fills what is missing', async () => {
    const s = await openStore({ store });
    try {
      expect(await s.methods.count()).toBe(3000);
    } finally { s.close(); }
    const again = await peel(['records', 'methods', '--store', store, '--json']);
    expect(again.status, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout).records).toBe(0);
  }, 120_000);

  it('refuses a series request without --why, and a bad month names the value', async () => {
    const r = await peel(['records', 'series', '--store', store, '--json']);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/--why/);
    const m = await peel(['records', 'series', '--store', store, '--why', 'case 42 review', '--from', '2024-13']);
    expect(m.status).not.toBe(0);
    expect(m.stderr).toMatch(/--from takes a month as YYYY-MM, got "2024-13"/);
  }, 120_000);

  it('prints series in exactly the contract\'s shape, with planted series among them, and audits the read', async () => {
    const r = await peel(['records', 'series', '--store', store, '--json', '--why', 'case 42 review']);
    expect(r.status, r.stderr).toBe(0);
    const body = JSON.parse(r.stdout) as { series: Array<Record<string, unknown>> };
    expect(Object.keys(body)).toEqual(['series']);
    expect(MethodsContract.CrimeSeriesList.safeParse(body).success).toBe(true);
    expect(body.series.length).toBeGreaterThan(0);
    for (const s of body.series) {
      expect(Object.keys(s).sort()).toEqual(['explanation', 'first_seen', 'forces', 'last_seen', 'method', 'record_ids', 'score', 'series_id']);
    }
    const truePairs = new Set(planted.flatMap((p) => p.record_ids.flatMap((a) => p.record_ids.map((b) => `${a}|${b}`))));
    const hit = body.series.some((s) => { const ids = s.record_ids as string[]; return truePairs.has(`${ids[0]}|${ids[1]}`); });
    expect(hit).toBe(true);
    const burglary = await peel(['records', 'series', '--store', store, '--json', '--why', 'case 42 review', '--category', 'burglary', '--from', '2024-01', '--to', '2024-06']);
    const b = JSON.parse(burglary.stdout) as { series: Array<{ explanation: string }> };
    for (const s of b.series) expect(s.explanation).toMatch(/ burglary crimes in /);
    const st = await openStore({ store });
    try {
      const audit = await listAudit(st, { action: 'combination' });
      expect(audit.items.some((a) => a.justification === 'case 42 review' && JSON.stringify(a.detail).includes('peel records series'))).toBe(true);
    } finally { st.close(); }
  }, 180_000);
});
