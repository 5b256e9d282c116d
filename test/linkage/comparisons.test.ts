/** Comparison levels, string similarity and column detection. */
import { describe, expect, it } from 'vitest';
import { jaroSimilarity, jaroWinklerSimilarity, withinOneEdit } from '../../src/stats/index.ts';
import { detectComparison, prepareField, normalisePhone, normalisePostcode, clusterPairs } from '../../src/linkage/index.ts';

describe('Jaro–Winkler', () => {
  it('matches the published values (Winkler 1990; jellyfish)', () => {
    expect(jaroSimilarity('MARTHA', 'MARHTA')).toBeCloseTo(0.9444, 4);
    expect(jaroWinklerSimilarity('MARTHA', 'MARHTA')).toBeCloseTo(0.9611, 4);
    expect(jaroSimilarity('DWAYNE', 'DUANE')).toBeCloseTo(0.8222, 4);
    expect(jaroWinklerSimilarity('DWAYNE', 'DUANE')).toBeCloseTo(0.84, 4);
    expect(jaroWinklerSimilarity('DIXON', 'DICKSONX')).toBeCloseTo(0.8133, 4);
    expect(jaroWinklerSimilarity('', '')).toBe(1);
    expect(jaroWinklerSimilarity('abc', '')).toBe(0);
    // Longer than 32 characters takes the array path; same answer as the bit path's definition.
    const a = 'abcdefghijklmnopqrstuvwxyz0123456789';
    // 35 of 36 characters match in order: jaro = (35/36 + 35/36 + 1) / 3, then the prefix bonus.
    const j = (35 / 36 + 35 / 36 + 1) / 3;
    expect(jaroWinklerSimilarity(a, a.replace('q', '#'))).toBeCloseTo(j + 0.4 * (1 - j), 12);
  });

  it('tells one edit from two', () => {
    expect(withinOneEdit('1234567', '1243567')).toBe(true); // transposition
    expect(withinOneEdit('1234567', '123567')).toBe(true);
    expect(withinOneEdit('1234567', '1234568')).toBe(true);
    expect(withinOneEdit('1234567', '2134576')).toBe(false);
  });
});

describe('comparison levels', () => {
  const level = (kind: Parameters<typeof prepareField>[1], a: string | null, b: string | null) => prepareField('x', kind, [a, b]).compare(0, 1);

  it('names: exact after normalising, ≥ 0.92, ≥ 0.88, else; missing is -1', () => {
    expect(level('name', "O'Brien", 'OBRIEN')).toBe(3);
    expect(level('name', 'Smith', 'Smyth')).toBe(1); // JW 0.893
    expect(level('name', 'Jonathan', 'Jonathon')).toBe(2);
    expect(level('name', 'Smith', 'Jones')).toBe(0);
    expect(level('name', 'Smith', null)).toBe(-1);
  });

  it('dates: the same day in any format, day and month transposed, within a year', () => {
    expect(level('date', '12/03/1987', '1987-03-12')).toBe(3);
    expect(level('date', '1987-03-12', '1987-12-03')).toBe(2);
    expect(level('date', '1987-03-12', '1987-09-30')).toBe(1);
    expect(level('date', '1987-03-12', '1989-03-12')).toBe(0);
  });

  it('postcodes: full, sector, district', () => {
    expect(level('postcode', 'ls7 3qn', 'LS73QN')).toBe(3);
    expect(level('postcode', 'LS7 3QN', 'LS7 3AB')).toBe(2);
    expect(level('postcode', 'LS7 3QN', 'LS7 4AB')).toBe(1);
    expect(level('postcode', 'LS7 3QN', 'LS8 3QN')).toBe(0);
    expect(normalisePostcode('sw1a1aa')).toBe('SW1A 1AA');
  });

  it('phones normalised with libphonenumber; registrations without spaces', () => {
    expect(normalisePhone('07700 900123')).toBe('+447700900123');
    expect(level('phone', '07700 900123', '+44 7700 900123')).toBe(1);
    expect(level('vehicle', 'ab12 cde', 'AB12CDE')).toBe(2);
    expect(level('vehicle', 'AB12CDE', 'AB12CDF')).toBe(1);
  });
});

describe('detecting the comparison from a column', () => {
  const many = (f: (i: number) => string) => Array.from({ length: 200 }, (_, i) => f(i));
  it('reads content first, the header second', () => {
    expect(detectComparison('col', many((i) => `19${50 + (i % 40)}-0${1 + (i % 9)}-1${i % 9}`))).toBe('date');
    expect(detectComparison('col', many((i) => `LS${i % 20} ${i % 10}QN`))).toBe('postcode');
    expect(detectComparison('col', many((i) => `07700 900${String(i).padStart(3, '0')}`))).toBe('phone');
    expect(detectComparison('col', many((i) => `AB${10 + (i % 80)} CDE`))).toBe('vehicle');
    expect(detectComparison('col', many((i) => String(1_000_000 + i * 7919)))).toBe('id');
    expect(detectComparison('col', many((i) => ['north', 'south', 'east'][i % 3]))).toBe('exact');
    expect(detectComparison('surname', many((i) => `Name${i}`))).toBe('name');
    expect(detectComparison('col', many((i) => `${['Anne', 'Bob', 'Cleo', 'Dev'][i % 4]}${'x'.repeat(i % 30)}`))).toBe('name');
  });
});

describe('clusters', () => {
  it('cuts a chain whose ends were scored as different', () => {
    // 0~1 and 1~2 above the threshold (0~1 strongly), but 0 and 2 scored as clearly different.
    const a = Int32Array.from([0, 1, 0, 3]);
    const b = Int32Array.from([1, 2, 2, 4]);
    const p = Float64Array.from([0.99999, 0.95, 0.001, 0.97]);
    const c = clusterPairs(5, a, b, p, 0.9);
    expect(c.chainedSplit).toBe(1);
    expect(c.chainedLeft).toBe(0);
    expect(c.clusterOf[0]).toBe(c.clusterOf[1]);
    expect(c.clusterOf[2]).not.toBe(c.clusterOf[0]);
    expect(c.clusterOf[3]).toBe(c.clusterOf[4]);
    expect(c.clusters).toBe(3);
    // Without the conflicting score, the chain stays one cluster.
    const d = clusterPairs(5, a.subarray(0, 2), b.subarray(0, 2), p.subarray(0, 2), 0.9);
    expect(d.clusterOf[0]).toBe(d.clusterOf[2]);
  });
});
