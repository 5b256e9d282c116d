/**
 * Productivity on both backends: on the same synthetic set, the store's reads (outcome cells and
 * their cache, stop-and-search cells, months, areas, unknown outcomes, workforce and groups) and
 * the whole productivity report are equal.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { productivityReport } from '../../../src/productivity/index.ts';
import { describePostgres } from '../../helpers/postgres.ts';
import { releaseCluster, sharedCluster } from '../../helpers/backends.ts';
import { normal, synthPair, type Pair } from './synth-pair.ts';

describePostgres('productivity on DuckDB and PostgreSQL', () => {
  let pair: Pair;
  beforeAll(async () => {
    await sharedCluster();
    pair = await synthPair();
  }, 300_000);
  afterAll(async () => {
    for (const s of Object.values(pair?.stores ?? {})) s.close();
    await releaseCluster();
  });

  it('give the same cells, months and areas, and the cache goes stale and fresh alike', async () => {
    const { duckdb: d, postgres: p } = pair.stores;
    expect(await p.productivity.staleCellForces()).toEqual(await d.productivity.staleCellForces());
    expect((await d.productivity.staleCellForces()).length).toBe(3);
    const month = await d.latestMonth();
    const scopes = [{ from: '2000-01', to: month! }, { from: month!, to: month!, forces: ['kent'] }];
    for (const s of scopes) {
      const cells = await d.productivity.outcomeCells(s);
      expect(cells.length, JSON.stringify(s)).toBeGreaterThan(10);
      expect(cells.some((c) => c.lag !== null && c.lag > 0)).toBe(s.forces === undefined);
      expect(normal(await p.productivity.outcomeCells(s)), JSON.stringify(s)).toEqual(normal(cells));
      expect(await p.productivity.stopSearchCells(s)).toEqual(await d.productivity.stopSearchCells(s));
      expect(await p.productivity.streetMonths(s)).toEqual(await d.productivity.streetMonths(s));
      expect(await p.productivity.forceAreas(s)).toEqual(await d.productivity.forceAreas(s));
    }
    expect(await p.productivity.staleCellForces()).toEqual([]);
    expect(await p.productivity.unknownOutcomeRows()).toEqual(await d.productivity.unknownOutcomeRows());
  });

  it('save and read workforce and groups alike (a date held again is replaced)', async () => {
    for (const s of Object.values(pair.stores)) {
      await s.productivity.saveWorkforce([{ force_id: 'kent', as_of: '2024-03-31', officers_fte: 3900.5, source: 'a.csv' }, { force_id: 'essex', as_of: '2024-03-31', officers_fte: 3600, source: 'a.csv' }]);
      await s.productivity.saveWorkforce([{ force_id: 'kent', as_of: '2024-03-31', officers_fte: 3950, source: 'b.csv' }]);
      await s.productivity.saveGroups([{ force_id: 'kent', member_id: 'essex', source: 'g.csv', as_of: '2024' }, { force_id: 'kent', member_id: 'surrey', source: 'g.csv', as_of: '2024' }]);
    }
    const { duckdb: d, postgres: p } = pair.stores;
    const w = await d.productivity.workforce();
    expect(w).toEqual([{ force_id: 'essex', as_of: '2024-03-31', officers_fte: 3600, source: 'a.csv' }, { force_id: 'kent', as_of: '2024-03-31', officers_fte: 3950, source: 'b.csv' }]);
    expect(await p.productivity.workforce()).toEqual(w);
    expect(await p.productivity.groups()).toEqual(await d.productivity.groups());
  });

  it('produce the same productivity report', async () => {
    const want = normal(await productivityReport(pair.stores.duckdb));
    expect(normal(await productivityReport(pair.stores.postgres))).toEqual(want);
  });
});
