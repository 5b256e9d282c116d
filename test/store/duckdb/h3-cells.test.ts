import { describe, expect, it } from 'vitest';
import { latLngToCell } from 'h3-js';
import { cellsR9 } from '../../../src/store/duckdb/h3-cells.ts';

/** Points spread over England and Wales, with a fixed pseudo-random sequence. */
function points(n: number): { lons: Float64Array; lats: Float64Array } {
  let s = 12345;
  const next = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const lons = new Float64Array(n);
  const lats = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    lons[i] = -5.7 + 7.5 * next();
    lats[i] = 50 + 5.8 * next();
  }
  return { lons, lats };
}

const asHex = (hi: number, lo: number) => (BigInt(hi) * 2n ** 32n + BigInt(lo)).toString(16);

describe('cellsR9', () => {
  it.each([[500, 'in this thread'], [50_001, 'split between worker threads']])('gives h3-js cells for %i points (%s)', async (n) => {
    const { lons, lats } = points(n);
    const expected = Array.from(lons, (lon, i) => latLngToCell(lats[i], lon, 9));
    const { hi, lo } = await cellsR9(lons.slice(), lats.slice());
    expect(hi).toHaveLength(n);
    const got = Array.from(hi, (h, i) => asHex(h, lo[i] as number));
    expect(got).toEqual(expected);
  });
});
