/**
 * On a synthetic set from `peel synth`, the quality run finds every injected missing-months and
 * recording-shift fault listed in truth.json, and makes no other high finding (the set's ordinary
 * quirks — No Location rows, repeated Crime IDs, rows in a neighbour's LSOAs — stay below high).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { join } from 'node:path';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { synthesize, type SynthTruth } from '../../src/synth/index.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { ingest } from '../../src/ingest/index.ts';
import { loadGeography } from '../../src/geography/index.ts';
import { runQuality, readFindings, type Finding } from '../../src/quality/index.ts';
import { monthDiff } from '../../src/standard/index.ts';
import { tempDir } from '../helpers/police-uk.ts';

const FORCES = [
  'avon-and-somerset', 'essex', 'kent', 'hampshire', 'thames-valley', 'west-yorkshire', 'lancashire', 'merseyside', 'south-wales', 'leicestershire',
] as const;

describe('quality on a synthetic set with injected faults', () => {
  const dir = tempDir('peel-quality-synth-');
  const out = join(dir, 'set');
  let store: Store;
  let truth: SynthTruth;
  let findings: Finding[];

  beforeAll(async () => {
    await synthesize({ out, seed: 7, endMonth: '2024-12', months: 24, forces: FORCES, scale: 0.25, narratives: 0 });
    truth = JSON.parse(readFileSync(join(out, 'truth.json'), 'utf8')) as SynthTruth;
    store = await openStore({ store: join(dir, 'peel.duckdb') });
    await ingest(store, readdirSync(out).filter((d) => /^\d{4}-\d{2}$/.test(d)).map((d) => join(out, d)));
    await loadGeography(store, [join(out, 'geography')]);
    await runQuality(store);
    findings = (await readFindings(store, { limit: 10_000 })).items;
  }, 600_000);

  afterAll(() => {
    store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('has faults to find', () => {
    expect(truth.missing_months.length).toBeGreaterThan(0);
    expect(truth.recording_shifts.length).toBeGreaterThan(0);
  });

  it('finds every injected run of missing months, as a high finding with exactly those months', () => {
    for (const mm of truth.missing_months) {
      const f = findings.filter((x) => x.check === 'completeness.missing_months' && x.force_id === mm.force_id && x.dataset === 'street');
      expect(f.map((x) => x.detail?.months)).toEqual([mm.months]);
      expect(f[0]!.severity).toBe('high');
    }
  });

  it('finds every injected recording shift within a month of when it began, naming the category that gained', () => {
    for (const s of truth.recording_shifts) {
      const f = findings.filter((x) => x.check === 'accuracy.recording_shift' && x.force_id === s.force_id
        && (x.subject === s.category || x.subject === s.from_category) && Math.abs(monthDiff(s.from_month, x.month!)) <= 1);
      expect(f.length, `${s.force_id} ${s.category} from ${s.from_month}`).toBeGreaterThan(0);
      expect(f.every((x) => x.severity === 'high')).toBe(true);
      // Either the gaining category is found itself, or the losing one names it as where its rows went.
      const gain = f.find((x) => x.subject === s.category);
      if (gain) expect(Number(gain.detail?.step)).toBeGreaterThan(0);
      else expect((f[0]!.detail?.partner as { category: string } | null)?.category).toBe(s.category);
    }
  });

  it('makes no other high finding', () => {
    const explained = (f: Finding) =>
      (f.check === 'completeness.missing_months' && truth.missing_months.some((m) => m.force_id === f.force_id && m.months.includes(f.month!)))
      || (f.check === 'accuracy.recording_shift' && truth.recording_shifts.some((s) => s.force_id === f.force_id
        && (f.subject === s.category || f.subject === s.from_category) && Math.abs(monthDiff(s.from_month, f.month!)) <= 1));
    const other = findings.filter((f) => f.severity === 'high' && !explained(f));
    expect(other.map((f) => `${f.check} ${f.force_id} ${f.month} ${f.dataset} ${f.message}`)).toEqual([]);
  });
});
