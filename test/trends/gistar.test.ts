import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeShared, SHARED_REFERENCE } from '../helpers/shared.ts';
import { localG, spatialNeighbours, type NeighbourSpec, type WeightStyle } from '../../src/trends/index.ts';

interface RefCase { case: string; weights: NeighbourSpec; star: boolean; style: WeightStyle; z: (number | null)[] }

function readPoints(file: string): Map<string, { x: number[]; y: number[]; v: number[] }> {
  const out = new Map<string, { x: number[]; y: number[]; v: number[] }>();
  for (const line of readFileSync(file, 'utf8').trim().split(/\r?\n/).slice(1)) {
    const f = line.split(',');
    const value = Number(f.pop());
    const y = Number(f.pop());
    const x = Number(f.pop());
    f.pop();
    const key = f.join(',');
    const p = out.get(key) ?? { x: [], y: [], v: [] };
    p.x.push(x);
    p.y.push(y);
    p.v.push(value);
    out.set(key, p);
  }
  return out;
}

describeShared('localG reproduces spdep::localG on LSOA points (gistar.json)', () => {
  const ref = JSON.parse(readFileSync(resolve(SHARED_REFERENCE, 'gistar.json'), 'utf8')) as { cases: RefCase[] };
  const points = readPoints(resolve(SHARED_REFERENCE, 'gistar_points.csv'));
  it('covers band and kNN, B and W, Gi and Gi* for every force case', () => {
    expect(ref.cases.length).toBe(24);
  });
  for (const c of ref.cases) {
    const label = `${c.case} ${c.weights.kind}${c.weights.kind === 'band' ? c.weights.d : c.weights.k} ${c.style} ${c.star ? 'Gi*' : 'Gi'}`;
    it(`z within 1e-6 and nulls where R has them: ${label}`, () => {
      const p = points.get(c.case);
      expect(p).toBeDefined();
      const nb = spatialNeighbours(p!.x, p!.y, c.weights);
      const { z } = localG(p!.v, nb, { star: c.star, style: c.style });
      expect(z.length).toBe(c.z.length);
      z.forEach((zi, i) => {
        if (c.z[i] === null) expect(zi, `point ${i + 1}`).toBeNull();
        else expect(Math.abs((zi as number) - (c.z[i] as number)), `point ${i + 1}: ${zi} vs ${c.z[i]}`).toBeLessThan(1e-6);
      });
    });
  }
});

describe('localG permutation pseudo p-values', () => {
  // A 20×20 grid with one hot block in a corner.
  const xs: number[] = [];
  const ys: number[] = [];
  const v: number[] = [];
  for (let i = 0; i < 20; i++)
    for (let j = 0; j < 20; j++) {
      xs.push(i);
      ys.push(j);
      v.push(i < 4 && j < 4 ? 20 + ((i * 7 + j * 3) % 5) : (i * 13 + j * 7) % 5);
    }
  const nb = spatialNeighbours(xs, ys, { kind: 'knn', k: 8 });
  it('are small inside the hot block, large far away, and reproducible from the seed', () => {
    const a = localG(v, nb, { permutations: 199, seed: 7 });
    const b = localG(v, nb, { permutations: 199, seed: 7 });
    expect(a.pSim).toEqual(b.pSim);
    const hot = 1 * 20 + 1;
    const far = 15 * 20 + 15;
    expect(a.pSim![hot]).toBeCloseTo(1 / 200, 10);
    expect(a.pSim![far]!).toBeGreaterThan(0.05);
    expect(a.z[hot]!).toBeGreaterThan(3);
    for (const p of a.pSim!) expect(p! * 200).toBeCloseTo(Math.round(p! * 200), 9);
  });
  it('names a bad value', () => {
    expect(() => localG([1, NaN, 2], spatialNeighbours([0, 1, 2], [0, 0, 0], { kind: 'band', d: 1.5 }))).toThrow(/value 2 = NaN/);
  });
});
