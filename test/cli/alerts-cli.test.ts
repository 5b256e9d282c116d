/**
 * Triage from the command line records its actor and is audited as over HTTP: `peel alerts ack`
 * keeps `cli:USER` in the alert's history and writes an `alteration` event (from/to, the alert's
 * force, never the note), on a real store with a real detection run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { userInfo } from 'node:os';
import { openStore } from '../../src/store/index.ts';
import { ingest } from '../../src/ingest/index.ts';
import { addMonths } from '../../src/standard/index.ts';
import { detectEmergingTrends, listAlerts, getAlert } from '../../src/trends/index.ts';
import { listAudit } from '../../src/access/index.ts';
import { REPO_ROOT } from '../helpers/shared.ts';
import { tempDir } from '../helpers/police-uk.ts';
import { writeForce } from '../trends/detect-helpers.ts';

const PEEL = join(REPO_ROOT, 'bin', 'peel.mjs');
const peel = (...args: string[]) => spawnSync(process.execPath, [PEEL, ...args], { encoding: 'utf8' });

describe('peel alerts ack', () => {
  let dir: string;
  let store: string;
  let id: string;
  const last = addMonths('2021-01', 23);

  beforeAll(async () => {
    dir = tempDir('peel-alerts-cli-');
    const files = join(dir, 'files');
    mkdirSync(files);
    writeForce(files, { start: '2021-01', months: 24, areas: 36, seed: 11, rates: { Burglary: 1.5, 'Vehicle crime': 1 }, rises: [{ category: 'Burglary', areas: [7, 8, 13, 14], fromMonth: last, extraPerArea: 9 }] });
    store = join(dir, 'peel.duckdb');
    const s = await openStore({ store, threads: 1 });
    try {
      await ingest(s, readdirSync(files).map((f) => join(files, f)));
      await detectEmergingTrends(s, { month: last, methods: ['force', 'lsoa'] });
      id = (await listAlerts(s, { month: last, limit: 1 })).items[0].alert_id;
    } finally {
      s.close();
    }
  }, 120_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the command-line actor in the history and writes an alteration event without the note', async () => {
    const r = peel('alerts', 'ack', id, '--reason', 'sergeant Jones asked to look', '--store', store, '--json');
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ alert_id: id, status: 'acknowledged' });
    const again = peel('alerts', 'ack', id, '--store', store);
    expect(again.status).not.toBe(0);
    expect(again.stderr).toContain('acknowledged');
    const s = await openStore({ store, threads: 1 });
    try {
      const actor = `cli:${userInfo().username}`;
      expect((await s.alerts.events(id)).map((e) => [e.status, e.actor, e.reason])).toEqual([['acknowledged', actor, 'sergeant Jones asked to look']]);
      const events = (await listAudit(s, { action: 'alteration', limit: 10 })).items.filter((e) => e.objectIds.includes(`alert:${id}`));
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ actor, outcome: 'success', forceId: (await getAlert(s, id)).force_ids[0], detail: { command: 'peel alerts ack', from: 'new', to: 'acknowledged' } });
      expect(JSON.stringify(events[0])).not.toContain('Jones');
    } finally {
      s.close();
    }
  }, 120_000);
});
