/**
 * Detection gives the same alerts on both backends: a force with a planted rise, loaded into a
 * DuckDB file and a PostgreSQL database, detected for the same month with every method: the same
 * alert ids, kinds, places and evidence, numbers within 1e-9; the stored alerts list alike and
 * move through the status workflow alike.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { openStore, type Store } from '../../../src/store/index.ts';
import { ingest } from '../../../src/ingest/index.ts';
import { addMonths } from '../../../src/standard/index.ts';
import { detectMonth, listAlerts, setAlertStatus, getAlert } from '../../../src/trends/index.ts';
import { describePostgres } from '../../helpers/postgres.ts';
import { freshStoreName, releaseCluster, sharedCluster } from '../../helpers/backends.ts';
import { tempDir } from '../../helpers/police-uk.ts';
import { writeForce } from '../../trends/detect-helpers.ts';

/** Numbers rounded to 1e-9 (what "the same" allows for floating sums in another order); run-specific fields dropped. */
function comparable(v: unknown, key = ''): unknown {
  if (['run_id', 'ms_total', 'started_at', 'finished_at', 'status_changed_at', 'changed_at'].includes(key)) return undefined;
  if (typeof v === 'number') return Number.isInteger(v) ? v : Math.round(v * 1e9) / 1e9;
  if (Array.isArray(v)) return v.map((x) => comparable(x));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, comparable(x, k)]).filter(([, x]) => x !== undefined));
  return v;
}

const methods = ['force', 'lsoa', 'h3_r7', 'hot_spot', 'emerging_hot_spot', 'scan'] as const;

describePostgres('detection on DuckDB and PostgreSQL', () => {
  const start = '2020-01';
  const last = addMonths(start, 29);
  const stores: Store[] = [];

  beforeAll(async () => {
    await sharedCluster();
    const dir = tempDir('peel-detect-pg-');
    mkdirSync(join(dir, 'files'));
    writeForce(join(dir, 'files'), {
      start, months: 30, areas: 64, seed: 5,
      rates: { Burglary: 1.5, 'Vehicle crime': 1, 'Anti-social behaviour': 3, 'Violence and sexual offences': 2 },
      rises: [{ category: 'Burglary', areas: [9, 10, 17, 18], fromMonth: last, extraPerArea: 8 }],
    });
    const files = readdirSync(join(dir, 'files')).map((f) => join(dir, 'files', f));
    for (const backend of ['duckdb', 'postgres'] as const) {
      const store = await openStore({ store: await freshStoreName(backend) });
      await ingest(store, files);
      stores.push(store);
    }
  });
  afterAll(async () => {
    for (const s of stores) s.close();
    await releaseCluster();
  });

  it('raise the same alerts, with the same ids and numbers, for the planted month and a null month', async () => {
    const [d, p] = stores;
    expect(await p.status()).toEqual(await d.status());
    for (const month of [last, addMonths(last, -1)]) {
      const a = await detectMonth(d, { month, methods: [...methods] });
      const b = await detectMonth(p, { month, methods: [...methods] });
      expect(comparable(b.alerts)).toEqual(comparable(a.alerts));
      expect(b.tests).toEqual(a.tests);
      if (month === last) expect(a.alerts.some((x) => x.category === 'burglary')).toBe(true);
    }
    const list = async (s: Store) => comparable((await listAlerts(s, { limit: 1000 })).items);
    expect(await list(p)).toEqual(await list(d));
  });

  it('move alerts through the status workflow alike, keeping who and why', async () => {
    const [d, p] = stores;
    const id = (await listAlerts(d, { month: last, limit: 1 })).items[0].alert_id;
    for (const s of [d, p]) {
      await setAlertStatus(s, id, { status: 'acknowledged', reason: 'looking', actor: 'analyst' });
      await expect(setAlertStatus(s, id, { status: 'dismissed' })).rejects.toThrow(/needs a reason/);
      await setAlertStatus(s, id, { status: 'dismissed', reason: 'seasonal', actor: 'analyst' });
      await expect(setAlertStatus(s, id, { status: 'actioned' })).rejects.toThrow(/cannot become/);
    }
    expect(comparable(await getAlert(p, id))).toEqual(comparable(await getAlert(d, id)));
    expect(comparable(await p.alerts.events(id))).toEqual(comparable(await d.alerts.events(id)));
    expect((await p.alerts.events(id)).map((e) => [e.status, e.actor])).toEqual([['acknowledged', 'analyst'], ['dismissed', 'analyst']]);
    // Re-running keeps the status (ids are derived from the finding).
    await detectMonth(p, { month: last, methods: [...methods] });
    expect((await getAlert(p, id)).status).toBe('dismissed');
  });
});
