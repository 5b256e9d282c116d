/** `link` on FEBRL 3 (../shared/reference/linkage): pairwise F1 at least 0.965, explained pairs. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { explainPair, link, linkInputOf, readLinkCsv, type LinkResult } from '../../src/linkage/index.ts';
import { describeShared, SHARED_REFERENCE } from '../helpers/shared.ts';

const dir = resolve(SHARED_REFERENCE, 'linkage');

describeShared('deduplicating FEBRL 3', () => {
  let r: LinkResult;
  let truth: Set<string>;
  const key = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);
  beforeAll(() => {
    const { input } = linkInputOf([readLinkCsv(resolve(dir, 'febrl3.csv'), 'rec_id')], 'rec_id');
    r = link(input, { randomPairs: 200_000 });
    truth = new Set(readFileSync(resolve(dir, 'febrl3-truth.csv'), 'utf8').trim().split('\n').slice(1).map((l) => key(...(l.split(',') as [string, string]))));
  }, 120_000);

  it('chooses the comparisons from the columns', () => {
    const kind = Object.fromEntries(r.model.fields.map((f) => [f.name, f.kind]));
    expect(kind).toMatchObject({ given_name: 'name', surname: 'name', date_of_birth: 'date', soc_sec_id: 'id' });
    expect(r.model.fields.every((f) => f.chosen === 'detected')).toBe(true);
  });

  it('finds the true pairs with pairwise F1 of at least 0.965 at the default threshold', () => {
    expect(truth.size).toBe(6538);
    let tp = 0;
    let fp = 0;
    for (let k = 0; k < r.pairs.length; k++) {
      if (r.pairs.probability[k] < r.threshold) continue;
      if (truth.has(key(r.input.ids[r.pairs.a[k]], r.input.ids[r.pairs.b[k]]))) tp++;
      else fp++;
    }
    const precision = tp / (tp + fp);
    const recall = tp / truth.size;
    expect((2 * precision * recall) / (precision + recall)).toBeGreaterThanOrEqual(0.965);
    expect(tp + fp).toBe(r.pairsAboveThreshold);
  });

  it('puts the duplicates of one person in one cluster', () => {
    const at = new Map(r.input.ids.map((id, i) => [id, i]));
    let together = 0;
    for (const t of truth) {
      const [a, b] = t.split('|');
      if (r.clustering.clusterOf[at.get(a)!] === r.clustering.clusterOf[at.get(b)!]) together++;
    }
    expect(together / truth.size).toBeGreaterThan(0.99);
    // 2,000 people: the clusters should be close to that.
    expect(r.clustering.clusters).toBeGreaterThan(1950);
    expect(r.clustering.clusters).toBeLessThan(2100);
  });

  it('explains a pair as a waterfall that sums to its weight', () => {
    const k = r.pairs.probability.findIndex((p) => p > 0.99);
    const e = explainPair(r, r.pairs.a[k], r.pairs.b[k]);
    const sum = e.prior_weight + e.contributions.reduce((s, c) => s + c.weight, 0);
    expect(sum).toBeCloseTo(r.pairs.weight[k], 9);
    expect(e.match_probability).toBeCloseTo(r.pairs.probability[k], 9);
    expect(e.lines[0]).toMatch(/^prior: /);
    expect(e.lines).toHaveLength(r.model.fields.length + 2);
    expect(e.lines.some((l) => /^date of birth \d{8} = \d{8} \(exact\): \+\d/.test(l))).toBe(true);
  });
});
