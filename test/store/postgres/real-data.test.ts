/**
 * Real data.police.uk files (../shared/data) on both backends: street files of twelve forces (all
 * but the two largest, to keep the run short), the format variants, outcomes and stop and search,
 * then the earlier City of London download (re-published months: replacements and unchanged
 * files). Status, batch reports, quarantine and the alerts of a month must be the same.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { openStore, type BatchResult, type Store } from '../../../src/store/index.ts';
import { ingest } from '../../../src/ingest/index.ts';
import { detectMonth } from '../../../src/trends/index.ts';
import { HAS_POSTGRES, NO_POSTGRES } from '../../helpers/postgres.ts';
import { HAS_SHARED, SHARED_DATA } from '../../helpers/shared.ts';
import { freshStoreName, releaseCluster, sharedCluster } from '../../helpers/backends.ts';
import { describe } from 'vitest';

const UK = join(SHARED_DATA, 'police_uk');
const LARGEST = new Set(['leicestershire', 'gwent']);

const report = (bs: readonly BatchResult[]) => bs.map(({ batch_id: _b, ms_total: _m, ...x }) => x);

function comparable(v: unknown, key = ''): unknown {
  if (['run_id', 'ms_total', 'started_at', 'finished_at'].includes(key)) return undefined;
  if (typeof v === 'number') return Number.isInteger(v) ? v : Math.round(v * 1e9) / 1e9;
  if (Array.isArray(v)) return v.map((x) => comparable(x));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, comparable(x, k)]).filter(([, x]) => x !== undefined));
  return v;
}

const run = HAS_SHARED && HAS_POSTGRES ? describe : describe.skip;
const why = !HAS_SHARED ? ' (skipped: ../shared not found beside the repository)' : NO_POSTGRES;

run(`real files on DuckDB and PostgreSQL${why}`, { timeout: 600_000 }, () => {
  const stores: Store[] = [];
  const reports: BatchResult[][][] = [];

  beforeAll(async () => {
    await sharedCluster();
    const street = readdirSync(join(UK, 'street')).filter((f) => !LARGEST.has(f)).map((f) => join(UK, 'street', f));
    const first = [...street, join(UK, 'street_format_variants'), join(UK, 'outcomes'), join(UK, 'stop_and_search')];
    for (const backend of ['duckdb', 'postgres'] as const) {
      const store = await openStore({ store: await freshStoreName(backend) });
      const a = await ingest(store, first);
      const b = await ingest(store, [join(UK, 'street_earlier_download')], { allowShrink: true });
      stores.push(store);
      reports.push([a.batches, b.batches]);
    }
  }, 900_000);
  afterAll(async () => {
    for (const s of stores) s.close();
    await releaseCluster();
  });

  it('report the same batches and hold the same status and quarantine', async () => {
    const [d, p] = stores;
    expect(report(reports[1][0])).toEqual(report(reports[0][0]));
    expect(report(reports[1][1])).toEqual(report(reports[0][1]));
    expect(reports[0][0].length).toBeGreaterThan(100);
    expect(await p.status()).toEqual(await d.status());
    const q = async (s: Store) => (await s.quarantine({ limit: 100_000 })).items.map(({ batch_id: _b, ...x }) => x)
      .sort((a, b) => a.source.localeCompare(b.source) || Number(a.line) - Number(b.line));
    expect(await q(p)).toEqual(await q(d));
    expect(await p.quarantineSummary()).toEqual(await d.quarantineSummary());
  });

  it('raise the same alerts for the latest month of City of London and of Hampshire', async () => {
    const [d, p] = stores;
    for (const force of ['city-of-london', 'hampshire']) {
      const month = (await d.alerts.forceMonths([force])).get(force)!.at(-1)!;
      const a = await detectMonth(d, { month, forces: [force] });
      const b = await detectMonth(p, { month, forces: [force] });
      expect(comparable(b.alerts), force).toEqual(comparable(a.alerts));
    }
  });
});
