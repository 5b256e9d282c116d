/**
 * `peel records ingest|entity|summary` as a user runs them: read = loaded + quarantined per file,
 * one clear line naming file, line and value for what cannot be read, a reload that replaces,
 * entity lookups across forces (audited, with the --why given), extractive summaries, and the
 * optional summariser, sent records only when switched on (a local fake endpoint stands in for it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/shared.ts';
import { openStore } from '../../src/store/index.ts';
import { listAudit } from '../../src/access/index.ts';
import { NARRATIVES, writeNdjson } from './fixtures.ts';

const PEEL = join(REPO_ROOT, 'bin', 'peel.mjs');

function peel(args: string[], env: Record<string, string> = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('PEEL_')));
    const p = spawn(process.execPath, [PEEL, ...args], { env: { ...clean, ...env } });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (c) => (stdout += c));
    p.stderr.on('data', (c) => (stderr += c));
    p.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('peel records ingest, entity and summary', () => {
  let dir: string;
  let store: string;
  let fake: Server;
  let fakeUrl: string;
  const sent: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'peel-records-cli-'));
    store = join(dir, 'p.duckdb');
    fake = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        sent.push(body);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ choices: [{ message: { content: 'Two burglaries in Dover linked by one car.' } }] }));
      });
    });
    await new Promise<void>((r) => fake.listen(0, '127.0.0.1', r));
    fakeUrl = `http://127.0.0.1:${(fake.address() as AddressInfo).port}/v1`;
  });
  afterAll(async () => {
    await new Promise((r) => fake.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads files, printing read = loaded + quarantined and each bad line with its file, line and value', async () => {
    const f = writeNdjson(join(dir, 'set.ndjson'), NARRATIVES, ['{"force_id": "kent", "record_id": "K-3"']);
    const r = await peel(['records', 'ingest', f, '--store', store]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('set.ndjson: read 5 = loaded 4 + quarantined 1');
    expect(r.stdout).toContain('line 5 of set.ndjson: not valid JSON: {"force_id": "kent", "record_id": "K-3"');
    expect(r.stdout).toMatch(/search index rebuilt \(4 records/);
    const again = JSON.parse((await peel(['records', 'ingest', f, '--store', store, '--json'])).stdout);
    expect(again.files[0]).toMatchObject({ rows_read: 5, rows_loaded: 4, rows_quarantined: 1, records_replaced: 4 });
    expect(again.records).toBe(4);
    const search = JSON.parse((await peel(['records', 'search', 'catalytic', '--store', store, '--json'])).stdout);
    expect(search.hits[0].record_id).toBe('E-7');
  });

  it('fails with one clear line naming the file, line or value', async () => {
    const csv = join(dir, 'mo.csv');
    writeFileSync(csv, 'Ref,Text\nA1,hello\n');
    const noMap = await peel(['records', 'ingest', csv, '--store', store]);
    expect(noMap.status).toBe(2);
    expect(noMap.stderr.trim().split('\n')).toHaveLength(1);
    expect(noMap.stderr).toMatch(/^peel: mo\.csv is CSV: say which column holds each field/);
    const badMap = await peel(['records', 'ingest', csv, '--map', 'narrative=Story', '--store', store]);
    expect(badMap.stderr.trim()).toBe('peel: line 1 of mo.csv: column "Story" (for narrative) is not in the header: Ref, Text');
    const ok = await peel(['records', 'ingest', csv, '--map', 'narrative=Text', '--map', 'record_id=Ref', '--default', 'force_id=gwent', '--default', 'kind=incident',
      '--default', 'occurred_at=2024-01-01', '--default', 'location_text=Newport', '--store', store]);
    expect(ok.stdout).toContain('mo.csv: read 1 = loaded 1 + quarantined 0');
  });

  it('lists the records mentioning an entity across forces, and logs the lookup with its reason', async () => {
    const r = await peel(['records', 'entity', 'VEHICLE_REG', 'ab12cde', '--why', 'case 24/1234', '--store', store]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('VEHICLE_REG AB12 CDE: 4 records (essex 2, kent 2)');
    const json = JSON.parse((await peel(['records', 'entity', 'PHONE', '07700 900123', '--why', 'case 24/1234', '--store', store, '--json'])).stdout);
    expect(json.items.map((x: { record_id: string }) => x.record_id)).toEqual(['K-2', 'K-1']);
    const noWhy = await peel(['records', 'entity', 'PHONE', '07700900123', '--why', 'x', '--store', store]);
    expect(noWhy.stderr).toMatch(/--why is required/);
    const s = await openStore({ store });
    try {
      const events = (await listAudit(s, { action: 'combination', limit: 10 })).items;
      expect(events).toHaveLength(2);
      expect(events[1]).toMatchObject({ justification: 'case 24/1234', objectIds: expect.arrayContaining(['entity:VEHICLE_REG', 'record:kent/K-1']) });
      expect(JSON.stringify(events)).not.toContain('AB12');
    } finally {
      s.close();
    }
  });

  it('summarises a search or a file, extractively, without sending anything by default', async () => {
    const r = JSON.parse((await peel(['records', 'summary', 'vehicle', '--why', 'case 24/1234', '--store', store, '--json'])).stdout);
    expect(r.advisory).toBeNull();
    expect(r.summary.entities.vehicles[0]).toMatchObject({ value: 'AB12 CDE', records: 4 });
    const f = JSON.parse((await peel(['records', 'summary', '--in', join(dir, 'set.ndjson'), '--json'])).stdout);
    expect(f.summary.records).toBe(4);
    expect(f.summary.entities.phones[0]).toMatchObject({ value: '+447700900123', records: 2 });
    // A URL alone does not switch it on.
    const off = await peel(['records', 'summary', '--in', join(dir, 'set.ndjson'), '--advisory'], { PEEL_SUMMARISER_URL: fakeUrl });
    expect(off.status).toBe(2);
    expect(off.stderr).toMatch(/summariser is off/);
    expect(sent).toHaveLength(0);
  });

  it('asks the configured summariser when switched on and asked, and labels its answer advisory', async () => {
    const r = await peel(['records', 'summary', '--in', join(dir, 'set.ndjson'), '--advisory'], { PEEL_SUMMARISER_URL: fakeUrl, PEEL_SUMMARISER_ENABLED: 'true', PEEL_SUMMARISER_MODEL: 'tiny' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('ADVISORY: written by a language model');
    expect(r.stdout).toContain('Two burglaries in Dover linked by one car.');
    expect(sent).toHaveLength(1);
    expect(JSON.parse(sent[0]).model).toBe('tiny');
  });
});
