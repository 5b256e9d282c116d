/**
 * The quality run on the real files in ../shared/data finds what is already known about them
 * (../shared/data/README.md): repeated Crime IDs, LSOAs of other forces, the City of London gap,
 * the April–May 2020 volume shifts and the No Location share per force.
 */
import { it, expect, beforeAll, afterAll } from 'vitest';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { openStore, type Store } from '../../src/store/index.ts';
import { ingest } from '../../src/ingest/index.ts';
import { loadGeography, forceBoundaries } from '../../src/geography/index.ts';
import { runQuality, readFindings, type Finding } from '../../src/quality/index.ts';
import { describeShared, SHARED_DATA } from '../helpers/shared.ts';
import { tempDir } from '../helpers/police-uk.ts';

describeShared('quality on the shared real data', () => {
  const dir = tempDir('peel-quality-shared-');
  let store: Store;
  let findings: Finding[];
  const street = (f: string) => join(SHARED_DATA, 'police_uk', 'street', f);
  const find = (check: string, force: string, month?: string) =>
    findings.filter((f) => f.check === check && f.force_id === force && (month === undefined || f.month === month));

  beforeAll(async () => {
    store = await openStore({ store: join(dir, 'peel.duckdb') });
    await ingest(store, [street('city-of-london'), street('gwent'), street('avon-and-somerset')]);
    const geo = await loadGeography(store, [join(SHARED_DATA, 'geography')]);
    expect(geo.loaded.map((l) => l.kind).sort()).toEqual(['boundaries', 'lad_codes', 'lad_pfa', 'lsoa_lad', 'lsoa_points']);
    await runQuality(store);
    findings = (await readFindings(store, { limit: 10_000 })).items;
  }, 300_000);

  afterAll(() => {
    store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('places every LSOA of England and Wales in a force and returns the 43 boundaries', async () => {
    const s = await store.geography.status();
    expect(s.lsoas_with_force).toBe(s.lsoas);
    expect(s.lsoas).toBeGreaterThan(34_000);
    const fc = await forceBoundaries(store);
    expect(fc?.features).toHaveLength(43);
    expect(new Set(fc?.features.map((f) => f.properties.force_id)).size).toBe(43);
  });

  it('finds the repeated Crime IDs of Avon and Somerset 2018-01 and City of London 2019-06', () => {
    const as = find('uniqueness.duplicate_crime_id', 'avon-and-somerset', '2018-01');
    expect(as).toHaveLength(1);
    expect(as[0]!.detail?.repeated_ids).toBe(258);
    expect(Number(as[0]!.detail?.differ_coordinates)).toBeGreaterThan(200);
    const col = find('uniqueness.duplicate_crime_id', 'city-of-london', '2019-06');
    expect(col[0]!.detail?.repeated_ids).toBe(26);
  });

  it('finds about 6 % of City of London rows and about 1 % of Gwent rows in LSOAs of other forces', async () => {
    const share = async (force: string) => {
      const m = await store.quality.measures({ force, check: 'consistency.lsoa_outside_force', dataset: 'street' });
      return m.reduce((a, x) => a + (x.numerator ?? 0), 0) / m.reduce((a, x) => a + (x.denominator ?? 0), 0);
    };
    expect(await share('city-of-london')).toBeGreaterThan(0.05);
    expect(await share('city-of-london')).toBeLessThan(0.07);
    expect(await share('gwent')).toBeGreaterThan(0.008);
    expect(await share('gwent')).toBeLessThan(0.015);
    const gwent = find('consistency.lsoa_outside_force', 'gwent');
    expect(gwent.length).toBeGreaterThan(20);
    expect(gwent.flatMap((f) => (f.detail?.other_forces as Array<{ force_id: string }>).map((o) => o.force_id))).toContain('south-wales');
    expect(find('consistency.lsoa_outside_force', 'city-of-london').every((f) => f.severity !== 'high')).toBe(true);
  });

  it('finds the months missing from City of London between 2021-09 and 2023-01', () => {
    const gaps = find('completeness.missing_months', 'city-of-london').filter((f) => f.dataset === 'street');
    const gap = gaps.find((g) => g.month === '2021-10');
    expect(gap?.value).toBe(15);
    expect(gap?.detail).toMatchObject({ from: '2021-10', to: '2022-12', trailing: false });
    expect(gap?.severity).toBe('high');
  });

  it('flags the April–May 2020 volume shifts in Gwent and the City of London for review', () => {
    const v = (force: string, month: string, category: string | null) =>
      find('accuracy.volume_shift', force, month).find((f) => (f.detail?.category ?? null) === category);
    for (const m of ['2020-04', '2020-05']) {
      const total = v('gwent', m, null);
      expect(total?.severity).toBe('medium');
      expect(Number(total?.detail?.ratio)).toBeGreaterThan(1.5);
      expect(Number(v('gwent', m, 'anti-social-behaviour')?.detail?.ratio)).toBeGreaterThan(4);
      const col = v('city-of-london', m, null);
      expect(Number(col?.detail?.ratio)).toBeLessThan(0.4);
    }
    expect(v('gwent', '2020-04', null)?.message).toMatch(/can be real/);
  });

  it('measures the No Location share of every force', async () => {
    const m = await store.quality.measures({ check: 'completeness.no_location', dataset: 'street' });
    const share = (force: string) => {
      const x = m.filter((r) => r.force_id === force);
      return x.reduce((a, r) => a + (r.numerator ?? 0), 0) / x.reduce((a, r) => a + (r.denominator ?? 0), 0);
    };
    // `grep -c ',No Location,'` on the two files: 1,617 + 758 of 26,132 Avon and Somerset rows.
    expect(share('avon-and-somerset')).toBeCloseTo((1617 + 758) / 26132, 6);
    expect(share('gwent')).toBeGreaterThan(0);
    expect(share('gwent')).toBeLessThan(0.01);
    expect(share('city-of-london')).toBeGreaterThan(0.06);
  });
});
