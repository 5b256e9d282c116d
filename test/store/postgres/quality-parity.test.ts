/**
 * Running the quality checks on both backends, on the same synthetic set (no geography loaded, so
 * the lookup checks see unknown LSOAs alike): the same measures, findings (samples by count),
 * scores, league table and run summary; and a second run with nothing changed checks nothing.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runQuality } from '../../../src/quality/index.ts';
import { describePostgres } from '../../helpers/postgres.ts';
import { releaseCluster, sharedCluster } from '../../helpers/backends.ts';
import { firstDifference, synthPair, type Backend, type Pair } from './synth-pair.ts';

describePostgres('quality checks on DuckDB and PostgreSQL', () => {
  let pair: Pair;
  const runs = {} as Record<Backend, Record<string, unknown>>;
  beforeAll(async () => {
    await sharedCluster();
    pair = await synthPair({ narratives: 0 });
    for (const [b, s] of Object.entries(pair.stores) as Array<[Backend, Pair['stores']['duckdb']]>) {
      const { run_id: _r, seconds: _s, ms: _m, ...summary } = (await runQuality(s)) as unknown as Record<string, unknown>;
      runs[b] = summary;
    }
  }, 300_000);
  afterAll(async () => {
    for (const s of Object.values(pair?.stores ?? {})) s.close();
    await releaseCluster();
  });

  it('report the same run', () => {
    expect(firstDifference(runs.postgres, runs.duckdb)).toBeNull();
  });

  it('store the same measures, findings and scores', async () => {
    const { duckdb: d, postgres: p } = pair.stores;
    const noRun = <T extends object>(xs: T[]) => xs.map((x) => ({ ...x, run_id: undefined }));
    const dm = noRun(await d.quality.measures({}));
    expect(dm.length).toBeGreaterThan(100);
    expect(firstDifference(noRun(await p.quality.measures({})), dm)).toBeNull();
    const df = noRun((await d.quality.findings({ limit: 10_000 })).items);
    expect(df.length).toBeGreaterThan(3);
    expect(df.some((f) => (f as { sample_ids: string[] }).sample_ids.length > 0)).toBe(true);
    // Row-level samples are the first ids in each store's own row order: compared by count.
    const noSample = (xs: Array<{ sample_ids: string[] }>) => xs.map((x) => ({ ...x, sample_ids: x.sample_ids.length }));
    const pf = noRun((await p.quality.findings({ limit: 10_000 })).items);
    expect(firstDifference(noSample(pf), noSample(df))).toBeNull();
    expect(firstDifference(await p.quality.scores({}), await d.quality.scores({}))).toBeNull();
    const dims = ['completeness', 'validity', 'consistency', 'timeliness', 'uniqueness'];
    expect(firstDifference(await p.quality.leagueTable({ to: null, months: 12 }, dims), await d.quality.leagueTable({ to: null, months: 12 }, dims))).toBeNull();
  });

  it('check nothing again when nothing changed', async () => {
    const again = await runQuality(pair.stores.postgres) as unknown as Record<string, unknown>;
    const before = await runQuality(pair.stores.duckdb) as unknown as Record<string, unknown>;
    expect(again.force_months).toBe(0);
    expect(before.force_months).toBe(0);
    // Another geography version makes every force-month stale.
    const stale = await pair.stores.postgres.quality.staleForceMonths('another-version');
    expect(stale.length).toBeGreaterThan(30);
    expect(stale).toEqual(await pair.stores.duckdb.quality.staleForceMonths('another-version'));
  });
});
