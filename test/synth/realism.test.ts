/**
 * A synthetic set looks like the real thing in the ways the calibration promises: volumes per force,
 * the summer peak in anti-social behaviour, persistent hot spots, the data.police.uk quirks in about
 * their measured proportions, points inside each force's territory, and injected truth that is
 * actually present in the files (clusters, missing months, recording shifts).
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORCE_NEIGHBOURS, getForce, monthRange, resolveForce, type ForceId } from '../../src/standard/index.ts';
import { annualVolumes, type SynthTruth } from '../../src/synth/index.ts';
import { synthesize } from '../../src/synth/index.ts';
import { SHARED_DATA } from '../helpers/shared.ts';
import { describeShared } from '../helpers/shared.ts';
import { listFiles, readCsv, splitCsv, tempDir } from './helpers.ts';

const FORCES = ['city-of-london', 'gwent', 'south-wales'] as const satisfies readonly ForceId[];
const SCALE = 0.25;

interface Row { force: ForceId; month: string; id: string; lon: string; lat: string; lsoa: string; type: string; outcome: string }

const out = join(tempDir('synth-real'), 'set');
let truth: SynthTruth;
let rows: Row[] = [];
let lsoaPfa: Map<string, string>;

beforeAll(async () => {
  await synthesize({ out, seed: 11, forces: FORCES, endMonth: '2024-12', months: 24, scale: SCALE, narratives: 0 });
  truth = JSON.parse(readFileSync(join(out, 'truth.json'), 'utf8')) as SynthTruth;
  for (const f of listFiles(out).filter((x) => x.endsWith('-street.csv'))) {
    for (const r of readCsv(join(out, f)).slice(1)) {
      rows.push({ force: resolveForce(r[2]!)!, month: r[1]!, id: r[0]!, lon: r[4]!, lat: r[5]!, lsoa: r[7]!, type: r[9]!, outcome: r[10]! });
    }
  }
  const geo = join(out, 'geography');
  const best = readFileSync(join(geo, 'LSOA_(2011)_to_LSOA_(2021)_to_Local_Authority_District_(2022)_Best_Fit_Lookup_for_EW_(V2).csv'), 'utf8').trim().split('\n').slice(1).map(splitCsv);
  const lad = new Map(readFileSync(join(geo, 'Local_Authority_District_to_Community_Safety_Partnerships_to_Police_Force_Areas__January_2017__Lookup_in_England_and_Wales_Version_2.csv'), 'utf8').trim().split('\n').slice(1).map((l) => { const c = splitCsv(l); return [c[0]!, c[4]!] as const; }));
  lsoaPfa = new Map(best.map((c) => [c[1]!, lad.get(c[5]!)!]));
}, 120_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

const ownForce = (r: Row): boolean => r.lsoa !== '' && lsoaPfa.get(r.lsoa) === getForce(r.force)!.pfa;

describe('synthetic volumes and structure', () => {
  it('matches each force\'s calibrated yearly volume (crime + ASB) within 6 %', () => {
    const special = new Set([...truth.missing_months.map((m) => m.force_id)]);
    const months2024 = monthRange('2024-01', '2024-12');
    for (const f of FORCES.filter((x) => !special.has(x))) {
      const n = rows.filter((r) => r.force === f && months2024.includes(r.month)).length;
      const expected = Object.values(annualVolumes(f)).reduce((s, v) => s + v, 0) * SCALE;
      expect(Math.abs(n / expected - 1), `${f}: ${n} rows vs ${expected.toFixed(0)} expected`).toBeLessThan(0.06);
    }
  });

  it('peaks anti-social behaviour in summer', () => {
    for (const f of ['gwent', 'south-wales'] as const) {
      const asb = rows.filter((r) => r.type === 'Anti-social behaviour' && r.force === f);
      // Per written month, so a missing month does not bias the comparison.
      const perMonth = (mm: readonly string[]) => {
        const months = new Set(asb.filter((r) => mm.includes(r.month.slice(5))).map((r) => r.month));
        return asb.filter((r) => months.has(r.month)).length / months.size;
      };
      expect(perMonth(['06', '07']) / perMonth(['12', '01']), f).toBeGreaterThan(1.25);
    }
  });

  it('concentrates crime in persistent hot spots: the top tenth of LSOAs hold over a quarter of crimes, in both years', () => {
    const own = rows.filter((r) => r.force === 'south-wales' && ownForce(r));
    const byLsoa = (ys: Row[]) => { const m = new Map<string, number>(); for (const r of ys) m.set(r.lsoa, (m.get(r.lsoa) ?? 0) + 1); return m; };
    const y1 = byLsoa(own.filter((r) => r.month < '2024-01')), y2 = byLsoa(own.filter((r) => r.month >= '2024-01'));
    const top = [...y1.entries()].sort((a, b) => b[1] - a[1]).slice(0, Math.ceil(y1.size / 10)).map(([k]) => k);
    const share = (m: Map<string, number>) => top.reduce((s, k) => s + (m.get(k) ?? 0), 0) / [...m.values()].reduce((s, v) => s + v, 0);
    expect(share(y1)).toBeGreaterThan(0.25);
    expect(share(y2)).toBeGreaterThan(0.25);
  });

  it('reuses a few dozen snap points per LSOA', () => {
    const pts = new Map<string, Set<string>>();
    for (const r of rows) if (r.lsoa && r.force === 'gwent') { let s = pts.get(r.lsoa); if (!s) pts.set(r.lsoa, (s = new Set())); s.add(`${r.lon},${r.lat}`); }
    const counts = [...pts.values()].map((s) => s.size);
    expect(Math.max(...counts)).toBeLessThanOrEqual(40);
    const located = rows.filter((r) => r.lsoa && r.force === 'gwent').length;
    expect(located / counts.reduce((s, v) => s + v, 0)).toBeGreaterThan(2);
  });
});

describe('near repeats and stop and search', () => {
  it('repeats burglaries at last month\'s burglary points more often than other crime repeats its own', () => {
    const repeatRate = (type: string) => {
      const own = rows.filter((r) => r.force === 'south-wales' && r.type === type && ownForce(r));
      const byMonth = new Map<string, Set<string>>();
      for (const r of own) { let s = byMonth.get(r.month); if (!s) byMonth.set(r.month, (s = new Set())); s.add(`${r.lon},${r.lat}`); }
      let hit = 0, n = 0;
      for (const r of own) {
        const prev = byMonth.get(monthRange(truth.start_month, r.month).at(-2) ?? '');
        if (!prev || r.month === truth.start_month) continue;
        n++;
        if (prev.has(`${r.lon},${r.lat}`)) hit++;
      }
      return hit / n;
    };
    expect(repeatRate('Burglary')).toBeGreaterThan(1.2 * repeatRate('Criminal damage and arson'));
  });

  it('gives stop and search realistic outcome rates', () => {
    const outcomes = listFiles(out).filter((x) => x.endsWith('-stop-and-search.csv')).flatMap((f) => readCsv(join(out, f)).slice(1).map((r) => r[12]!));
    const share = (w: string) => outcomes.filter((o) => o === w).length / outcomes.length;
    expect(outcomes.length).toBeGreaterThan(500);
    expect(share('A no further action disposal')).toBeGreaterThan(0.64);
    expect(share('A no further action disposal')).toBeLessThan(0.74);
    expect(share('Arrest')).toBeGreaterThan(0.14);
    expect(share('Arrest')).toBeLessThan(0.22);
  });
});

describe('data.police.uk quirks in about their measured proportions', () => {
  it('has about 2.5 % No Location rows', () => {
    const share = rows.filter((r) => r.lon === '' && r.lsoa === '').length / rows.length;
    expect(share).toBeGreaterThan(0.018);
    expect(share).toBeLessThan(0.032);
  });

  it('repeats about 0.1 % of Crime IDs, with another location or outcome', () => {
    const seen = new Map<string, Row>();
    let dups = 0, crimes = 0;
    for (const r of rows) {
      if (!r.id) continue;
      crimes++;
      const first = seen.get(r.id);
      if (!first) { seen.set(r.id, r); continue; }
      dups++;
      expect(first.month).toBe(r.month);
      expect(`${first.lon},${first.lat},${first.outcome}` !== `${r.lon},${r.lat},${r.outcome}` || first.lsoa !== r.lsoa).toBe(true);
    }
    expect(dups / crimes).toBeGreaterThan(0.0004);
    expect(dups / crimes).toBeLessThan(0.002);
  });

  it('places a few crimes in a neighbouring force\'s areas: about 5.9 % for City of London, 1 % for Gwent', () => {
    const share = (f: ForceId) => {
      const located = rows.filter((r) => r.force === f && r.lsoa);
      const away = located.filter((r) => !ownForce(r));
      for (const r of away) {
        const pfa = lsoaPfa.get(r.lsoa);
        const neighbour = FORCE_NEIGHBOURS[f].find((n) => getForce(n)!.pfa === pfa);
        expect(neighbour, `${r.lsoa} of ${f} lies in ${pfa}, not a neighbour`).toBeDefined();
      }
      return away.length / located.length;
    };
    const city = share('city-of-london'), gwent = share('gwent');
    expect(city).toBeGreaterThan(0.045);
    expect(city).toBeLessThan(0.075);
    expect(gwent).toBeGreaterThan(0.006);
    expect(gwent).toBeLessThan(0.015);
  });

  it('leaves recent crimes under investigation and settles older ones', () => {
    const crimes = rows.filter((r) => r.id && r.force === 'south-wales');
    const pending = (m: string) => { const c = crimes.filter((r) => r.month === m); return c.filter((r) => r.outcome === 'Under investigation').length / c.length; };
    expect(pending('2024-12')).toBeGreaterThan(0.4);
    expect(pending('2023-06')).toBeLessThan(0.02);
  });

  it('settles volume theft faster than violence (outcome lags per category)', () => {
    const open = (type: string) => {
      const c = rows.filter((r) => r.id && r.type === type && r.month >= '2024-09' && r.month <= '2024-11');
      return c.filter((r) => r.outcome === 'Under investigation').length / c.length;
    };
    expect(open('Violence and sexual offences')).toBeGreaterThan(1.5 * open('Vehicle crime'));
  });
});

describe('injected truth is present in the files', () => {
  it('does not write the missing months, and writes every other force-month', () => {
    expect(truth.missing_months.length).toBeGreaterThan(0);
    const missing = new Set(truth.missing_months.flatMap((m) => m.months.map((x) => `${m.force_id}|${x}`)));
    for (const f of FORCES) {
      for (const m of monthRange(truth.start_month, truth.end_month)) {
        for (const kind of ['street', 'outcomes', 'stop-and-search']) {
          expect(existsSync(join(out, m, `${m}-${f}-${kind}.csv`)), `${m} ${f} ${kind}`).toBe(!missing.has(`${f}|${m}`));
        }
      }
    }
  });

  it('raises the cluster category in the cluster areas during the window', () => {
    expect(truth.emerging_clusters.length).toBeGreaterThan(0);
    for (const c of truth.emerging_clusters) {
      const areas = new Set(c.areas);
      const window = monthRange(c.start_month, c.end_month);
      const name = c.category_name;
      const inWindow = rows.filter((r) => r.force === c.force_id && r.type === name && areas.has(r.lsoa) && window.includes(r.month)).length;
      const expected = c.expected_baseline_per_month * window.length + c.expected_excess_total;
      const sd = Math.sqrt(expected);
      expect(inWindow, c.id).toBeGreaterThan(c.expected_baseline_per_month * window.length + 0.5 * c.expected_excess_total - 3 * sd);
      expect(Math.abs(inWindow - expected), c.id).toBeLessThan(4 * sd + 0.1 * expected);
      expect(c.areas.every((a) => lsoaPfa.get(a) === getForce(c.force_id)!.pfa)).toBe(true);
    }
  });

  it('moves the share of the shifted category from its month on', () => {
    expect(truth.recording_shifts.length).toBeGreaterThan(0);
    for (const s of truth.recording_shifts) {
      const name = s.category === 'public-order' ? 'Public order' : 'Shoplifting';
      const own = rows.filter((r) => r.force === s.force_id);
      const share = (ys: Row[]) => ys.filter((r) => r.type === name).length / ys.length;
      const before = share(own.filter((r) => r.month < s.from_month)), after = share(own.filter((r) => r.month >= s.from_month));
      expect(after / before).toBeGreaterThan(1 + 0.5 * (s.expected_share_after / s.expected_share_before - 1));
    }
  });
});

/** Ray casting over every ring of a (Multi)Polygon. */
function inside(x: number, y: number, rings: ReadonlyArray<ReadonlyArray<readonly [number, number]>>): boolean {
  let c = false;
  for (const r of rings) for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
    const [xi, yi] = r[i]!, [xj, yj] = r[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) c = !c;
  }
  return c;
}

describeShared('synthetic points and the real force boundaries', () => {
  it('places every own-force point inside the force\'s ONS boundary', () => {
    const gj = JSON.parse(readFileSync(join(SHARED_DATA, 'geography', 'Police_Force_Areas.geojson'), 'utf8')) as { features: Array<{ properties: { PFA23CD: string }; geometry: { type: string; coordinates: unknown } }> };
    for (const f of FORCES) {
      const feat = gj.features.find((x) => x.properties.PFA23CD === getForce(f)!.pfa)!;
      const polys = (feat.geometry.type === 'Polygon' ? [feat.geometry.coordinates] : feat.geometry.coordinates) as Array<Array<Array<[number, number]>>>;
      const rings = polys.flat();
      const pts = new Set(rows.filter((r) => r.force === f && ownForce(r)).map((r) => `${r.lon},${r.lat}`));
      expect(pts.size).toBeGreaterThan(0);
      for (const p of pts) {
        const [x, y] = p.split(',').map(Number) as [number, number];
        expect(inside(x, y, rings), `${f} point ${p}`).toBe(true);
      }
    }
  });
});
