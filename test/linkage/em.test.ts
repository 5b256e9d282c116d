/** EM recovers Splink's known Fellegi–Sunter parameters (../shared/reference/linkage/splink-known-params.*). */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';
import { fitEm, startingM, type PatternTable } from '../../src/linkage/index.ts';
import { describeShared, SHARED_REFERENCE } from '../helpers/shared.ts';

const dir = resolve(SHARED_REFERENCE, 'linkage');

describeShared('EM on Splink known-parameter comparison vectors', () => {
  const truth = JSON.parse(readFileSync(resolve(dir, 'splink-known-params.json'), 'utf8')) as {
    prior: { probability_two_random_records_match: number };
    comparisons: Array<{ gamma_column: string; levels: Array<{ gamma: number; m_probability: number; u_probability: number }> }>;
  };
  const lines = readFileSync(resolve(dir, 'splink-known-params.csv'), 'utf8').trim().split('\n');
  const header = lines[0].split(',');
  const cols = truth.comparisons.map((c) => header.indexOf(c.gamma_column));
  const probCol = header.indexOf('true_match_probability_l');
  // Patterns and counts from the gamma columns only (the truth columns are not read by the fit).
  const counts = new Map<string, number>();
  const rows = lines.slice(1).map((l) => l.split(','));
  for (const r of rows) {
    const k = cols.map((c) => r[c]).join('');
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const keys = [...counts.keys()];
  const table: PatternTable = {
    fields: cols.length, length: keys.length,
    levels: Int8Array.from(keys.flatMap((k) => [...k].map(Number))),
    counts: Float64Array.from(keys, (k) => counts.get(k)!),
  };
  const fit = fitEm(table, {
    levelCounts: cols.map(() => 2), tolerance: 1e-10, maxIterations: 5000,
    start: { lambda: 0.3, m: cols.map(() => startingM(2)), u: cols.map(() => [0.5, 0.5]) },
  });

  it('converges', () => {
    expect(fit.converged).toBe(true);
    expect(keys.length).toBe(8);
  });

  it('recovers the prior within 0.01', () => {
    expect(Math.abs(fit.lambda - truth.prior.probability_two_random_records_match)).toBeLessThan(0.01);
  });

  it('recovers every m and u within 0.01', () => {
    truth.comparisons.forEach((c, f) => {
      for (const l of c.levels) {
        expect(Math.abs(fit.m[f][l.gamma] - l.m_probability), `m ${c.gamma_column} gamma ${l.gamma}`).toBeLessThan(0.01);
        expect(Math.abs(fit.u[f][l.gamma] - l.u_probability), `u ${c.gamma_column} gamma ${l.gamma}`).toBeLessThan(0.01);
      }
    });
  });

  it("predicts each pair's match probability within 1% of the true one", () => {
    for (const r of rows) {
      let lm = fit.lambda;
      let lu = 1 - fit.lambda;
      cols.forEach((c, f) => {
        lm *= fit.m[f][Number(r[c])];
        lu *= fit.u[f][Number(r[c])];
      });
      const want = Number(r[probCol]);
      expect(Math.abs(lm / (lm + lu) - want) / want).toBeLessThan(0.01);
    }
  });
});
