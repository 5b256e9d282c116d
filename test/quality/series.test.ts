/**
 * The series checks on their own: gaps, the changepoint test's false-positive rate and power,
 * recording shifts (a step is found; a spike that comes back and a slow trend are not), and volume
 * shifts against the force's own expectation.
 */
import { describe, it, expect } from 'vitest';
import { monthRange } from '../../src/standard/index.ts';
import {
  findGaps, changepointTest, detectRecordingShifts, volumeExpectations, detectVolumeShifts,
} from '../../src/quality/index.ts';
import { seededRng } from '../../src/stats/index.ts';

const seededRandom = (seed: number): (() => number) => {
  const r = seededRng(seed);
  return () => r.next();
};

/** Standard normal deviates from a seeded generator (Box–Muller). */
function normals(seed: number): () => number {
  const r = seededRandom(seed);
  return () => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
}

function poisson(r: () => number, mean: number): number {
  // Normal approximation is enough for means in the hundreds.
  const z = Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
  return Math.max(0, Math.round(mean + Math.sqrt(mean) * z));
}

describe('missing months', () => {
  it('groups missing months into runs, inside the series and up to the national latest month', () => {
    const gaps = findGaps(['2020-01', '2020-02', '2020-05', '2020-06', '2020-08'], '2020-11');
    expect(gaps.map((g) => [g.from, g.to, g.months.length, g.trailing])).toEqual([
      ['2020-03', '2020-04', 2, false],
      ['2020-07', '2020-07', 1, false],
      ['2020-09', '2020-11', 3, true],
    ]);
    expect(findGaps(['2020-01', '2020-02'], '2020-02')).toEqual([]);
  });
});

describe('changepoint test', () => {
  it('rejects no more often than its level on exchangeable series', () => {
    const z = normals(7);
    let rejected = 0;
    const trials = 300;
    for (let i = 0; i < trials; i++) {
      const x = Array.from({ length: 24 }, () => z());
      const r = changepointTest(x, { minSeg: 4, permutations: 199, alpha: 1, seed: i });
      if (r && r.p <= 0.05) rejected++;
    }
    // Binomial(300, 0.05): mean 15, sd 3.8; allow three sd above.
    expect(rejected / trials).toBeLessThan(0.05 + 3 * Math.sqrt(0.05 * 0.95 / trials));
  });

  it('finds a step of four standard deviations on top of a trend, and where it happened', () => {
    const z = normals(11);
    const x = Array.from({ length: 24 }, (_, i) => z() + 0.05 * i + (i >= 14 ? 4 : 0));
    const r = changepointTest(x, { minSeg: 4, permutations: 999, alpha: 0.01, seed: 1 })!;
    expect(r.p).toBeLessThan(0.01);
    expect(r.k).toBe(14);
    expect(r.step).toBeGreaterThan(2.5);
  });
});

describe('recording-practice shifts', () => {
  const months = monthRange('2022-01', '2023-12');
  const z = normals(3);
  const noisy = (level: number) => months.map(() => level + 0.003 * z());

  it('finds a category whose share jumps and stays, at the month it jumped', () => {
    const step = months.map((_, i) => (i >= 10 ? 0.12 : 0.075) + 0.003 * z());
    const shares = new Map([['public-order', step], ['burglary', noisy(0.1)], ['drugs', noisy(0.05)]]);
    const r = detectRecordingShifts('kent', months, shares);
    expect(r.map((s) => [s.category, s.month])).toEqual([['public-order', months[10]]]);
    expect(r[0]!.p).toBeLessThan(0.01 / 3);
  });

  it('does not report a spike that comes back, a slow trend or a tiny step', () => {
    const spike = months.map((_, i) => (i === 8 || i === 9 ? 0.3 : 0.1) + 0.003 * z());
    const trend = months.map((_, i) => 0.08 + 0.002 * i + 0.003 * z());
    const tiny = months.map((_, i) => (i >= 12 ? 0.052 : 0.05) + 0.0005 * z());
    const r = detectRecordingShifts('kent', months, new Map([['anti-social-behaviour', spike], ['shoplifting', trend], ['drugs', tiny]]));
    expect(r).toEqual([]);
  });

  it('does not test series shorter than twelve months', () => {
    const m = months.slice(0, 11);
    const step = m.map((_, i) => (i >= 5 ? 0.2 : 0.05));
    expect(detectRecordingShifts('kent', m, new Map([['drugs', step]]))).toEqual([]);
  });
});

describe('volume shifts', () => {
  const months = monthRange('2018-01', '2020-12');
  const seasonal = (m: string) => 1 + 0.2 * Math.sin((2 * Math.PI * (Number(m.slice(5)) - 1)) / 12);

  it('flags a month far from the seasonal expectation, and not the seasonal swings themselves', () => {
    const r = seededRandom(5);
    const series = new Map(months.map((m) => [m, poisson(r, 800 * seasonal(m))]));
    series.set('2020-04', Math.round(series.get('2020-04')! * 0.3));
    const exp = volumeExpectations(series);
    const flagged = detectVolumeShifts(exp);
    expect(flagged.map((f) => f.month)).toEqual(['2020-04']);
    expect(flagged[0]!.observed / flagged[0]!.expected).toBeLessThan(0.4);
    expect(flagged[0]!.seasonal).toBe(true);
    expect(flagged[0]!.basis).toMatch(/seasonal factor .* from 2 earlier years/);
  });

  it('says when the history is too short for a seasonal factor, and judges no month without three before it', () => {
    const r = seededRandom(9);
    const short = months.slice(24);
    const series = new Map(short.map((m) => [m, poisson(r, 500)]));
    series.set('2020-05', 1500);
    const exp = volumeExpectations(series);
    expect(exp.map((e) => e.month)).toEqual(short.slice(3));
    const f = detectVolumeShifts(exp);
    expect(f.map((x) => x.month)).toEqual(['2020-05']);
    expect(f[0]!.basis).toMatch(/no seasonal factor \(only 12 months held/);
  });

  it('judges the second month of a spike against the level before it, and accepts a level that has moved', () => {
    const r = seededRandom(21);
    const m24 = monthRange('2021-01', '2022-12');
    const spike = new Map(m24.map((m, i) => [m, poisson(r, i === 12 || i === 13 ? 2000 : 500)]));
    const sp = detectVolumeShifts(volumeExpectations(spike));
    expect(sp.map((f) => f.month)).toEqual([m24[12], m24[13]]);
    expect(sp[1]!.expected).toBeLessThan(600);
    const moved = new Map(m24.map((m, i) => [m, poisson(r, i >= 12 ? 1500 : 500)]));
    const mv = detectVolumeShifts(volumeExpectations(moved)).map((f) => f.month);
    // The six-month median takes up to four months to reach a new level; after that, nothing.
    expect(mv[0]).toBe(m24[12]);
    expect(mv.every((m) => m <= m24[15]!)).toBe(true);
  });
});
