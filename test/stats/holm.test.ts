/** Holm's step-down adjustment, as R's p.adjust(p, "holm") gives it (values worked by hand from its definition). */
import { describe, expect, it } from 'vitest';
import { holm } from '../../src/stats/index.ts';

describe('holm', () => {
  it("matches R's p.adjust(c(0.01, 0.02, 0.03, 0.04, 0.05), 'holm')", () => {
    const q = holm([0.01, 0.02, 0.03, 0.04, 0.05]);
    [0.05, 0.08, 0.09, 0.09, 0.09].forEach((x, i) => expect(q[i]).toBeCloseTo(x, 12));
  });

  it('keeps input order, leaves NaN missing, caps at 1 and counts untested members with n', () => {
    const q = holm([0.04, Number.NaN, 0.001, 0.5]);
    expect(q[2]).toBeCloseTo(0.003, 12);
    expect(q[0]).toBeCloseTo(0.08, 12);
    expect(Number.isNaN(q[1])).toBe(true);
    expect(q[3]).toBeCloseTo(0.5, 12);
    expect(holm([0.6, 0.7])).toEqual([1, 1]);
    expect(holm([1e-6], 1000)[0]).toBeCloseTo(1e-3, 12);
    expect(() => holm([0.1, 0.2], 1)).toThrow(/below/);
    expect(() => holm([1.5])).toThrow(/not in \[0, 1\]/);
  });
});
