import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeShared, SHARED_REFERENCE } from '../helpers/shared.ts';
import { benjaminiHochberg, mannKendall, seededRng } from '../../src/trends/index.ts';

interface MkRef { x: number[]; S: number; varS: number; z: number; p: number; tau_b: number }
interface Ref { mann_kendall: MkRef[]; bh: { p: number[]; adjusted: number[] } }

describeShared('Mann–Kendall and Benjamini–Hochberg reproduce R (trend_tests.json)', () => {
  const ref = JSON.parse(readFileSync(resolve(SHARED_REFERENCE, 'trend_tests.json'), 'utf8')) as Ref;
  it('gives S, tie-corrected var(S), corrected z, two-sided p and tau-b within 1e-9 on all 30 series', () => {
    expect(ref.mann_kendall.length).toBe(30);
    for (const c of ref.mann_kendall) {
      const r = mannKendall(c.x);
      expect(r.S).toBe(c.S);
      expect(Math.abs(r.varS - c.varS)).toBeLessThan(1e-9 * Math.max(1, c.varS));
      expect(Math.abs((r.z as number) - c.z)).toBeLessThan(1e-9);
      expect(Math.abs((r.p as number) - c.p)).toBeLessThan(1e-9);
      expect(Math.abs((r.tauB as number) - c.tau_b)).toBeLessThan(1e-9);
    }
  });
  it('adjusts p-values exactly as p.adjust(method = "BH")', () => {
    const adj = benjaminiHochberg(ref.bh.p);
    adj.forEach((a, i) => expect(Math.abs(a - ref.bh.adjusted[i])).toBeLessThan(1e-9));
  });
});

describe('mannKendall', () => {
  it('is zero with undefined p for a constant series, and signs a monotone one', () => {
    expect(mannKendall([3, 3, 3, 3])).toMatchObject({ S: 0, varS: 0, z: null, p: null });
    const up = mannKendall([1, 2, 3, 4, 5, 6]);
    expect(up.S).toBe(15);
    expect(up.tauB).toBeCloseTo(1, 12);
    expect(mannKendall([6, 5, 4, 3, 2, 1]).z).toBeLessThan(0);
  });
  it('drops missing values and rejects infinities by position', () => {
    expect(mannKendall([1, NaN, 2, 3]).n).toBe(3);
    expect(() => mannKendall([1, Infinity])).toThrow(/value 2 = Infinity/);
  });
});

describe('benjaminiHochberg', () => {
  it('with n, equals BH over the p-values given plus n − m more at p = 1 (R p.adjust(p, "BH", n))', () => {
    const rng = seededRng(5);
    const ps = Array.from({ length: 40 }, (_, i) => (i % 7 === 0 ? 1 : rng.next() ** 4));
    const full = benjaminiHochberg([...ps, ...new Array<number>(500).fill(1)]).slice(0, ps.length);
    expect(benjaminiHochberg(ps, ps.length + 500)).toEqual(full);
    expect(() => benjaminiHochberg(ps, 3)).toThrow(/n = 3/);
  });

  it('keeps missing values missing and out of m, and is monotone in p', () => {
    const adj = benjaminiHochberg([0.01, NaN, 0.04, 0.03]);
    expect(Number.isNaN(adj[1])).toBe(true);
    expect(adj[0]).toBeCloseTo(0.03, 15);
    expect(adj[2]).toBeCloseTo(0.04, 15);
    expect(adj[3]).toBeCloseTo(0.04, 15);
    expect(() => benjaminiHochberg([1.5])).toThrow(/p-value 1 = 1.5/);
  });
});
