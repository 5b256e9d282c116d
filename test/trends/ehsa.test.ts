import { describe, expect, it } from 'vitest';
import { gridDisk, latLngToCell, gridDistance } from 'h3-js';
import { classifyEmergingHotSpot, emergingHotSpots, EHSA_CLASSES, seededRng, type EhsaClass, type TrendDirection } from '../../src/trends/index.ts';

const H = 1 as const;
const C = -1 as const;
const O = 0 as const;
type S = 1 | -1 | 0;

describe('classifyEmergingHotSpot follows the ArcGIS Pro definitions', () => {
  const cases: [EhsaClass, S[], TrendDirection][] = [
    ['new hot spot', [O, O, O, O, O, O, O, O, O, H], 'none'],
    ['consecutive hot spot', [O, O, O, O, O, O, O, H, H, H], 'up'],
    ['intensifying hot spot', [H, H, H, H, H, H, H, H, H, H], 'up'],
    ['persistent hot spot', [H, H, H, H, O, H, H, H, H, H], 'none'],
    ['diminishing hot spot', [H, H, H, H, H, H, H, H, H, H], 'down'],
    ['sporadic hot spot', [O, H, O, O, H, O, H, O, O, H], 'none'],
    ['oscillating hot spot', [O, C, O, O, C, O, H, O, O, H], 'none'],
    ['historical hot spot', [H, H, H, H, H, H, H, H, H, O], 'down'],
    ['new cold spot', [O, O, O, O, O, O, O, O, O, C], 'none'],
    ['consecutive cold spot', [O, O, O, O, O, O, C, C, C, C], 'none'],
    ['intensifying cold spot', [C, C, C, C, C, C, C, C, C, C], 'down'],
    ['persistent cold spot', [C, C, C, C, C, C, C, C, C, C], 'none'],
    ['diminishing cold spot', [C, C, C, C, C, C, C, C, C, C], 'up'],
    ['sporadic cold spot', [C, O, O, C, O, C, O, O, O, C], 'none'],
    ['oscillating cold spot', [H, H, O, O, O, O, O, O, C, C], 'none'],
    ['historical cold spot', [O, C, C, C, C, C, C, C, C, C].reverse() as S[], 'none'],
    ['no pattern', [O, H, O, O, C, O, O, O, O, O], 'up'],
  ];
  it('has a case for each of the 17 classes', () => {
    expect(new Set(cases.map((c) => c[0]))).toEqual(new Set(EHSA_CLASSES));
  });
  for (const [cls, sig, trend] of cases) it(`${cls}: ${sig.join(' ')} trend ${trend}`, () => expect(classifyEmergingHotSpot(sig, trend)).toBe(cls));
  it('a hot run interrupted earlier is sporadic, not consecutive', () => {
    expect(classifyEmergingHotSpot([O, H, O, O, O, O, O, O, H, H], 'none')).toBe('sporadic hot spot');
  });
  it('a location hot for years that turns cold is an oscillating cold spot', () => {
    expect(classifyEmergingHotSpot([H, H, H, H, H, H, H, H, H, C], 'down')).toBe('oscillating cold spot');
  });
});

/** A hexagonal patch of H3 cells around a point in Leicester, with background counts. */
function patch(T: number, seed: number) {
  const centre = latLngToCell(52.6369, -1.1398, 8);
  const cells = gridDisk(centre, 5);
  const rng = seededRng(seed);
  const counts = new Float64Array(cells.length * T);
  for (let i = 0; i < counts.length; i++) counts[i] = 3 + rng.int(4);
  const ring = (c: string) => gridDistance(centre, c);
  return { centre, cells, counts, ring, T };
}

describe('emergingHotSpots on hand-built H3 cubes', () => {
  it('finds a new hot spot where a cluster appears only in the final period', () => {
    const p = patch(12, 1);
    p.cells.forEach((c, i) => {
      if (p.ring(c) <= 1) p.counts[i * p.T + p.T - 1] = 40;
    });
    const res = emergingHotSpots({ cells: p.cells, periods: p.T, counts: p.counts });
    expect(res.find((r) => r.cell === p.centre)!.class).toBe('new hot spot');
    const far = res.filter((r) => p.ring(r.cell) >= 4);
    expect(far.every((r) => r.class === 'no pattern')).toBe(true);
  });
  it('classes a cell with no events as a new hot spot when its neighbours turn hot (Gi* includes them)', () => {
    const p = patch(12, 2);
    p.cells.forEach((c, i) => {
      if (p.ring(c) === 1) p.counts[i * p.T + p.T - 1] = 60;
    });
    const ci = p.cells.indexOf(p.centre);
    for (let t = 0; t < p.T; t++) p.counts[ci * p.T + t] = 0;
    const res = emergingHotSpots({ cells: p.cells, periods: p.T, counts: p.counts });
    expect(res[ci].class).toBe('new hot spot');
    expect(res[ci].significance[p.T - 1]).toBe(1);
  });
  it('finds an intensifying hot spot where a cluster grows every period, and a persistent one where it is steady', () => {
    const p = patch(14, 3);
    const steady = patch(14, 3);
    p.cells.forEach((c, i) => {
      if (p.ring(c) <= 1)
        for (let t = 0; t < p.T; t++) {
          p.counts[i * p.T + t] = 30 + 12 * t;
          steady.counts[i * p.T + t] = 40 + (t % 3);
        }
    });
    const grow = emergingHotSpots({ cells: p.cells, periods: p.T, counts: p.counts });
    expect(grow.find((r) => r.cell === p.centre)!.class).toBe('intensifying hot spot');
    const flat = emergingHotSpots({ cells: steady.cells, periods: steady.T, counts: steady.counts });
    expect(flat.find((r) => r.cell === steady.centre)!.class).toBe('persistent hot spot');
  });
  it('finds cold spots where an area empties for the last periods', () => {
    const p = patch(12, 4);
    for (let i = 0; i < p.counts.length; i++) p.counts[i] += 20;
    p.cells.forEach((c, i) => {
      if (p.ring(c) <= 1) for (let t = p.T - 3; t < p.T; t++) p.counts[i * p.T + t] = 0;
    });
    const res = emergingHotSpots({ cells: p.cells, periods: p.T, counts: p.counts });
    expect(res.find((r) => r.cell === p.centre)!.class).toBe('consecutive cold spot');
  });
  it('rejects a cube with a bad cell id by position', () => {
    expect(() => emergingHotSpots({ cells: ['nope'], periods: 2, counts: [1, 2] })).toThrow(/cell 1 "nope"/);
  });
});
