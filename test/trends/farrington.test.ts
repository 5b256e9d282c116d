import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, it, describe } from 'vitest';
import { describeShared, SHARED_REFERENCE } from '../helpers/shared.ts';
import { farringtonFlexible, farringtonControl, type FarringtonControl } from '../../src/trends/index.ts';
import { PeelError } from '../../src/standard/index.ts';

interface RefCase {
  series_id: string;
  config: string;
  months: string[];
  range1: number[];
  observed: number[];
  expected: (number | null)[];
  upperbound: (number | null)[];
  alarm: boolean[];
  pvalue: (number | null)[];
  score: (number | null)[];
  phi: (number | null)[];
  trend: (number | null)[];
}
interface RefFile {
  configs: Record<string, Partial<FarringtonControl>>;
  cases: RefCase[];
  series?: Record<string, number[]>;
}

/** Reads `series_id,month,count` into count arrays in file order. */
function readSeries(file: string): Map<string, number[]> {
  const lines = readFileSync(file, 'utf8').trim().split(/\r?\n/).slice(1);
  const out = new Map<string, number[]>();
  for (const line of lines) {
    const i = line.lastIndexOf(',');
    const j = line.lastIndexOf(',', i - 1);
    const id = line.slice(0, j).replace(/^"|"$/g, '');
    const list = out.get(id) ?? [];
    list.push(Number(line.slice(i + 1)));
    out.set(id, list);
  }
  return out;
}

function close(actual: number | null, expected: number | null, rel: number, what: string): void {
  if (expected === null) {
    expect(actual, what).toBeNull();
    return;
  }
  expect(actual, what).not.toBeNull();
  const a = actual as number;
  const diff = Math.abs(a - expected);
  // 1e-6 relative; for tail probabilities R itself computes 1 − Φ with ~1e-16 absolute error.
  const ok = diff <= rel * Math.abs(expected) || diff < 1e-13;
  expect(ok, `${what}: ${a} vs R ${expected}`).toBe(true);
}

function compareCases(ref: RefFile, series: Map<string, number[]>, optsFor: (c: RefCase, n: number) => { frequency?: 12 | 52; population?: number[] } = () => ({})): number {
  let checked = 0;
  for (const c of ref.cases) {
    const obs = ref.series?.[c.series_id] ?? series.get(c.series_id);
    expect(obs, c.series_id).toBeDefined();
    const control = ref.configs[c.config];
    const n = (obs as number[]).length;
    const res = farringtonFlexible(obs as number[], control, { from: c.range1[0] - 1, to: c.range1[c.range1.length - 1] - 1, ...optsFor(c, n) });
    expect(res.map((r) => r.index + 1)).toEqual(c.range1);
    res.forEach((r, t) => {
      const what = `${c.series_id} [${c.config}] ${c.months?.[t] ?? c.range1[t]}`;
      expect(r.observed, what).toBe(c.observed[t]);
      expect(r.alarm, `${what} alarm`).toBe(c.alarm[t]);
      close(r.expected, c.expected[t], 1e-6, `${what} expected`);
      close(r.upperbound, c.upperbound[t], 1e-6, `${what} upperbound`);
      close(r.pvalue, c.pvalue[t], 1e-6, `${what} pvalue`);
      close(r.score, c.score[t], 1e-6, `${what} score`);
      close(r.phi, c.phi[t], 1e-6, `${what} phi`);
      close(r.trend, c.trend[t], 1e-6, `${what} trend`);
      checked++;
    });
  }
  return checked;
}

describeShared('farringtonFlexible reproduces surveillance 1.20.3 on real police series', () => {
  const ref = JSON.parse(readFileSync(resolve(SHARED_REFERENCE, 'farrington.json'), 'utf8')) as RefFile;
  const series = readSeries(resolve(SHARED_REFERENCE, 'monthly_series.csv'));
  for (const name of Object.keys(ref.configs)) {
    it(`matches every monitored month under the "${name}" configuration`, () => {
      const n = compareCases({ ...ref, cases: ref.cases.filter((c) => c.config === name) }, series);
      expect(n).toBeGreaterThan(100);
    });
  }
});

describe('farringtonFlexible reproduces surveillance on further control values (fixtures/farrington-extra.R)', () => {
  const ref = JSON.parse(readFileSync(resolve(import.meta.dirname, 'fixtures/farrington-extra.json'), 'utf8')) as RefFile & {
    frequency: Record<string, 52>;
  };
  for (const name of Object.keys(ref.configs)) {
    it(`matches R under ${name}: ${JSON.stringify(ref.configs[name])}`, () => {
      const cases = ref.cases.filter((c) => c.config === name);
      const n = compareCases({ ...ref, cases }, new Map(), (c, len) =>
        ref.frequency[c.config] ? { frequency: 52 } : { population: Array.from({ length: len }, (_, t) => 8000 + 40 * (t + 1)) },
      );
      expect(n).toBeGreaterThan(0);
    });
  }
  it('keeps a significant time trend when b >= 3, as R does', () => {
    const withTrend = ref.cases.filter((c) => c.trend.some((t) => t !== null));
    expect(withTrend.length).toBeGreaterThan(0);
  });
});

describe('farringtonControl', () => {
  it('fills surveillance defaults and rejects bad values by name', () => {
    expect(farringtonControl({ b: 2 })).toMatchObject({ b: 2, w: 3, alpha: 0.05, thresholdMethod: 'delta', pastWeeksNotIncluded: null });
    expect(() => farringtonControl({ thresholdMethod: 'bogus' as 'delta' })).toThrow(/thresholdMethod="bogus"/);
    expect(() => farringtonControl({ b: 0 })).toThrow(PeelError);
  });
  it('refuses a monitored point without b years of history', () => {
    expect(() => farringtonFlexible(new Array(20).fill(3), { b: 2, w: 1 }, { from: 10 })).toThrow(/years back/);
  });
});
