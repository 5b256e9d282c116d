/**
 * `peel demo`'s pipeline on PostgreSQL answers as on DuckDB: a small synthetic set is loaded
 * (police files, geography, narratives), analysed (quality, trend detection each force on its own
 * latest month, person linking, a planted-style trial) and served; the API's answers to the
 * dashboard's reads are the same from both stores (ids and timings aside).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../../src/api/index.ts';
import { loadGeography } from '../../../src/geography/index.ts';
import { runQuality } from '../../../src/quality/index.ts';
import { detectEmergingTrends } from '../../../src/trends/index.ts';
import { linkPersons } from '../../../src/linkage/index.ts';
import { evaluateTrial, registerTrial } from '../../../src/tactics/index.ts';
import { describePostgres } from '../../helpers/postgres.ts';
import { releaseCluster, sharedCluster } from '../../helpers/backends.ts';
import { firstDifference, synthPair, type Backend, type Pair } from './synth-pair.ts';

/** The dashboard's reads (GET, no path parameters). */
const READS = [
  '/api/health', '/api/forces', '/api/categories', '/api/coverage', '/api/batches?limit=500', '/api/quarantine?limit=500', '/api/quarantine/summary',
  '/api/cube?area=lsoa', '/api/cube?area=h3_r8&categories=burglary', '/api/alerts?limit=500', '/api/alerts/months', '/api/layers/alerts',
  '/api/layers/h3?resolution=8', '/api/geography/boundaries', '/api/quality/league', '/api/productivity', '/api/productivity/trends',
  '/api/productivity/groups', '/api/tactics', '/api/trials', '/api/records/summary?q=vehicle', '/api/records/search?q=vehicle',
];

/** A response without what differs by run: generated ids, timings, timestamps. */
function scrub(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(scrub);
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v)
      .filter(([k]) => !/(^|_)(id|ms|seconds|at|time|version|total)$/.test(k) || k === 'total' || ['force_id', 'record_id', 'lsoa_code', 'tactic_id', 'category_id', 'check_id'].includes(k))
      .map(([k, x]) => [k, scrub(x)]));
  }
  return typeof v === 'string' ? v.replace(/\b(t-[a-z-]+-\d{8}-[0-9a-f]{6}|q[0-9a-z]{8,}[0-9a-f]{6}|[0-9a-f]{16})\b/g, 'ID') : v;
}

describePostgres("peel demo's pipeline on DuckDB and PostgreSQL", () => {
  let pair: Pair;
  const apps = {} as Record<Backend, FastifyInstance>;
  beforeAll(async () => {
    await sharedCluster();
    pair = await synthPair({ narratives: 400 });
    for (const [b, store] of Object.entries(pair.stores) as Array<[Backend, Pair['stores']['duckdb']]>) {
      await loadGeography(store, [join(pair.dir, 'synth', 'geography')]);
      await runQuality(store);
      await detectEmergingTrends(store, {});
      await linkPersons(store, { threshold: 0.9 });
      const month = (await store.latestMonth())!;
      const held = await store.tactics.lsoaMonthly({ forces: ['kent'], categories: ['violent-crime'], from: '1900-01', to: '9999-12' });
      const t = await registerTrial(store, {
        tactic_id: 'hot-spots-policing', force_id: 'kent', treated_lsoas: [...new Set(held.map((r) => r.lsoa_code))].slice(0, 6),
        start: `${month.slice(0, 4)}-${String(Math.max(1, Number(month.slice(5)) - 3)).padStart(2, '0')}`, end: month, categories: ['violent-crime'],
        comparison_forces: ['kent', 'essex', 'surrey'],
      }, 'demo', new Date('2030-01-01T00:00:00Z'));
      await evaluateTrial(store, t.trial_id, new Date('2030-01-02T00:00:00Z'));
      apps[b] = await buildServer({ store, logLevel: 'silent', webRoot: null, version: '9.9.9-test' });
    }
  }, 600_000);
  afterAll(async () => {
    for (const a of Object.values(apps)) await a.close();
    for (const s of Object.values(pair?.stores ?? {})) s.close();
    await releaseCluster();
  });

  it('loads the geography alike', async () => {
    const status = async (b: Backend) => scrub(await pair.stores[b].geography.status());
    expect(await status('postgres')).toEqual(await status('duckdb'));
    expect((await pair.stores.duckdb.geography.status()).lsoas_with_force).toBeGreaterThan(100);
  });

  it("answers the dashboard's reads alike", async () => {
    const differ: string[] = [];
    for (const url of READS) {
      const r = {} as Record<Backend, { status: number; body: unknown }>;
      for (const b of ['duckdb', 'postgres'] as const) {
        const res = await apps[b].inject({ method: 'GET', url });
        let body = res.headers['content-type']?.toString().includes('json') ? scrub(JSON.parse(res.body)) : res.body;
        // Loads are listed newest first: their times differ by backend, so compared by file.
        if (url.startsWith('/api/batches')) {
          const page = body as { items: Array<{ source: string }> };
          body = { ...page, items: [...page.items].sort((x, y) => x.source.localeCompare(y.source)) };
        }
        r[b] = { status: res.statusCode, body };
      }
      // The synthetic set has no force boundaries: that read is a 404 on both.
      expect(r.duckdb.status, `${url} on DuckDB: ${JSON.stringify(r.duckdb.body).slice(0, 300)}`).toBe(url === '/api/geography/boundaries' ? 404 : 200);
      expect(r.postgres.status, `${url} on PostgreSQL: ${JSON.stringify(r.postgres.body).slice(0, 300)}`).toBe(r.duckdb.status);
      const d = firstDifference(r.postgres.body, r.duckdb.body, 1e-7);
      if (d) differ.push(`${url} ${d.slice(0, 300)}`);
    }
    expect(differ).toEqual([]);
    const search = JSON.parse((await apps.postgres.inject({ method: 'GET', url: '/api/records/search?q=vehicle' })).body) as { total: number };
    expect(search.total).toBeGreaterThan(0);
  });
});
