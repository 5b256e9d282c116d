/**
 * A synthetic set loads through the real front doors (`ingest` into a DuckDB store) and reconciles
 * exactly: for every file, rows read = loaded + quarantined, and the files' row counts arrive. The
 * quirks are then measured in the stored data (exported from the store), not on the CSV files.
 */
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGeography } from '../../src/geography/index.ts';
import { ingest, type IngestReport } from '../../src/ingest/index.ts';
import { FORCE_NEIGHBOURS, addMonths, monthDiff, type ForceId } from '../../src/standard/index.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { synthesize, type SynthSummary, type SynthTruth } from '../../src/synth/index.ts';
import { splitCsv, tempDir } from './helpers.ts';

const FORCES = ['city-of-london', 'gwent', 'south-wales'] as const satisfies readonly ForceId[];

describe('a synthetic set through peel ingest', () => {
  const root = tempDir('synth-ingest');
  const out = join(root, 'set');
  let store: Store;
  let summary: SynthSummary;
  let truth: SynthTruth;
  let report: IngestReport;
  let street: Array<Record<string, string>>;

  beforeAll(async () => {
    summary = await synthesize({ out, seed: 21, forces: FORCES, endMonth: '2024-12', months: 12, scale: 0.25, narratives: 0 });
    truth = JSON.parse(readFileSync(join(out, 'truth.json'), 'utf8')) as SynthTruth;
    store = await openStore({ store: join(root, 'peel.duckdb') });
    // The month folders are what forces send; geography/ and narratives/ have their own loaders.
    const monthDirs = readdirSync(out).filter((d) => /^\d{4}-\d{2}$/.test(d)).map((d) => join(out, d));
    report = await ingest(store, monthDirs);
    const csv = join(root, 'street.csv');
    await store.exportTable('street', 'csv', csv);
    const [header, ...lines] = readFileSync(csv, 'utf8').trim().split('\n').map(splitCsv);
    street = lines.map((l) => Object.fromEntries(header!.map((h, i) => [h, l[i] ?? ''])));
  }, 300_000);
  afterAll(() => {
    store?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('reconciles every file: read = loaded + quarantined, and nothing is lost', () => {
    expect(report.batches.length).toBe(summary.files - 1);
    for (const b of report.batches) expect(b.rows_read, b.source).toBe(b.rows_loaded + b.rows_quarantined);
    const read = (kind: string) => report.batches.filter((b) => b.kind === kind).reduce((s, b) => s + b.rows_read, 0);
    expect(read('street')).toBe(summary.street_rows);
    expect(read('outcomes')).toBe(summary.outcome_rows);
    expect(read('stop_search')).toBe(summary.stop_search_rows);
    const quarantined = report.batches.reduce((s, b) => s + b.rows_quarantined, 0);
    expect(quarantined / summary.street_rows).toBeLessThan(0.001);
    expect(street.length).toBe(report.batches.filter((b) => b.kind === 'street').reduce((s, b) => s + b.rows_loaded, 0));
  });

  it('loads its geography/ folder through the real geography loader, every LSOA placed in a force with a point', async () => {
    const r = await loadGeography(store, [join(out, 'geography')]);
    expect(r.loaded.map((l) => l.kind).sort()).toEqual(['lad_pfa', 'lsoa_lad', 'lsoa_points']);
    expect(r.ignored).toEqual([]);
    expect(r.status.lsoas).toBeGreaterThan(0);
    expect(r.status.lsoas_with_force).toBe(r.status.lsoas);
    expect(r.status.lsoas_with_point).toBe(r.status.lsoas);
    const used = new Set(street.filter((x) => x.lsoa_code).map((x) => x.lsoa_code));
    const lookup = readFileSync(join(out, 'geography', 'lsoa_latlong.csv'), 'utf8');
    for (const code of used) expect(lookup.includes(`\n${code},`), code).toBe(true);
  });

  it('shows the missing months as gaps in the store\'s coverage', async () => {
    const status = await store.status();
    for (const m of truth.missing_months) {
      const f = status.forces.find((x) => x.force_id === m.force_id)!;
      for (const month of m.months) expect(f.months).not.toContain(month);
      expect(f.months.length).toBe(12 - m.months.length);
    }
  });

  it('stores the quirks in about their intended proportions', () => {
    const asb = street.filter((r) => r.category === 'anti-social-behaviour');
    expect(asb.length / street.length).toBeGreaterThan(0.12);
    expect(asb.length / street.length).toBeLessThan(0.22);
    expect(asb.every((r) => r.crime_id === '')).toBe(true);
    const unlocated = street.filter((r) => r.located === 'false').length / street.length;
    expect(unlocated).toBeGreaterThan(0.018);
    expect(unlocated).toBeLessThan(0.032);
    const ids = new Map<string, number>();
    for (const r of street) if (r.crime_id) ids.set(r.crime_id, (ids.get(r.crime_id) ?? 0) + 1);
    const extra = [...ids.values()].reduce((s, n) => s + n - 1, 0) / ids.size;
    expect(extra).toBeGreaterThan(0.0004);
    expect(extra).toBeLessThan(0.002);
    // Crimes placed in a neighbour's areas carry that neighbour's LSOA codes (force code ranges).
    const lsoaForce = (code: string): number => Number(code.slice(3)) - 100_000;
    const city = street.filter((r) => r.force_id === 'city-of-london' && r.lsoa_code);
    const cityOwn = Math.floor(lsoaForce(city[0]!.lsoa_code) / 10_000);
    const away = city.filter((r) => Math.floor(lsoaForce(r.lsoa_code) / 10_000) !== cityOwn);
    expect(away.length / city.length).toBeGreaterThan(0.04);
    expect(away.length / city.length).toBeLessThan(0.08);
    expect(FORCE_NEIGHBOURS['city-of-london']).toEqual(['metropolitan']);
  });

  it('finds each injected cluster in the store\'s H3 r8 cube during its window, above its own past', async () => {
    for (const c of truth.emerging_clusters) {
      const rows = await store.cube({ forces: [c.force_id], categories: [c.category], area: 'h3_r8', areas: c.h3_r8 });
      const n = (from: string, to: string) => rows.filter((r) => r.month >= from && r.month <= to).reduce((s, r) => s + r.n, 0);
      const window = n(c.start_month, c.end_month);
      expect(window, c.id).toBeGreaterThan(0);
      const monthsBefore = monthDiff(truth.start_month, c.start_month);
      const monthsIn = monthDiff(c.start_month, c.end_month) + 1;
      const before = n(truth.start_month, addMonths(c.start_month, -1));
      if (c.expected_baseline_per_month * monthsBefore > 10) expect(window / monthsIn, c.id).toBeGreaterThan(before / monthsBefore);
    }
  });
});
