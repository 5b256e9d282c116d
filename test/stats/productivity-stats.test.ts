import { describe, expect, it } from 'vitest';
import { wilsonInterval, funnelLimits, funnelPlace, funnelOverdispersion, senSlope, quantileDiscrete } from '../../src/stats/index.ts';

describe('wilsonInterval', () => {
  it('gives the interval of prop.test(5, 20, correct = FALSE): 0.11186, 0.46870', () => {
    const i = wilsonInterval(5, 20)!;
    expect(i.lower).toBeCloseTo(0.11186, 5);
    expect(i.upper).toBeCloseTo(0.4687, 4);
  });
  it('stays inside [0, 1] at 0 and n, and is null for n = 0', () => {
    expect(wilsonInterval(0, 10)!.lower).toBe(0);
    expect(wilsonInterval(10, 10)!.upper).toBe(1);
    expect(wilsonInterval(0, 0)).toBeNull();
    expect(() => wilsonInterval(11, 10)).toThrow(/x = 11/);
  });
});

describe('funnel (Spiegelhalter 2005)', () => {
  const t = { target: 0.1, kind: 'proportion' as const, phi: 1 };
  it('puts limits at θ0 ± z·√(θ0(1−θ0)/n)', () => {
    const l = funnelLimits(t, 900);
    expect(l.upper95).toBeCloseTo(0.1 + 1.959964 * 0.01, 6);
    expect(l.lower998).toBeCloseTo(0.1 - 3.090232 * 0.01, 6);
  });
  it('places values against both pairs of limits', () => {
    expect(funnelPlace(t, 0.1, 900)).toBe('inside');
    expect(funnelPlace(t, 0.125, 900)).toBe('above_95');
    expect(funnelPlace(t, 0.14, 900)).toBe('above_998');
    expect(funnelPlace(t, 0.075, 900)).toBe('below_95');
    expect(funnelPlace(t, 0.05, 900)).toBe('below_998');
  });
  it('widens the limits by φ when units vary more than binomial chance', () => {
    const units = [0.05, 0.08, 0.1, 0.12, 0.15, 0.09, 0.11].map((y) => ({ y, n: 10000 }));
    const phi = funnelOverdispersion(units, 0.1, 'proportion');
    expect(phi).toBeGreaterThan(10);
    expect(funnelOverdispersion(units.map((u) => ({ ...u, y: 0.1 })), 0.1, 'proportion')).toBe(1);
    expect(funnelPlace({ ...t, phi }, 0.12, 10000)).toBe('inside');
    expect(funnelPlace(t, 0.12, 10000)).toBe('above_998');
  });
});

describe('senSlope', () => {
  it('is the median pairwise slope, spacing kept across missing values', () => {
    expect(senSlope([1, 2, 3, 5]).slope).toBeCloseTo(7 / 6, 12);
    expect(senSlope([1, NaN, 3]).slope).toBe(1);
    expect(senSlope([4]).slope).toBeNull();
  });
});

describe('quantileDiscrete', () => {
  it('is R quantile(type = 1) of the expanded values', () => {
    const h = new Map([[0, 2], [1, 1], [3, 1]]); // 0 0 1 3
    expect(quantileDiscrete(h, 0.5)).toBe(0);
    expect(quantileDiscrete(h, 0.51)).toBe(1);
    expect(quantileDiscrete(h, 0.9)).toBe(3);
    expect(quantileDiscrete(new Map(), 0.5)).toBeNull();
  });
});
