/**
 * Emerging tactics: the phrases a narrative is read as, the test of a phrase against its own
 * history, and the whole detector on a synthetic set whose generator planted tactics that start in
 * one force and spread to its neighbours (truth.json `narratives.emerging_tactics`), loaded through
 * the real front doors into a real DuckDB store and run through `detectMonth`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openStore, type Store } from '../../src/store/index.ts';
import { ingest } from '../../src/ingest/index.ts';
import { loadNarratives } from '../../src/records/index.ts';
import { synthesize, type EmergingTactic, type SynthTruth } from '../../src/synth/index.ts';
import { addMonths, getForce, monthRange, type ForceId } from '../../src/standard/index.ts';
import { detectMonth, findEmergingTactics, recordPhrases, scopeAlertRecords, testPhrases, type TacticFinding } from '../../src/trends/index.ts';
import { tempDir } from '../helpers/police-uk.ts';

describe('the phrases of a narrative', () => {
  it('reads words of four letters or more and word pairs, lower-cased, never across punctuation or digits', () => {
    const p = recordPhrases('Male posing as WATER BOARD staff. Kept IP talking at 1400hrs, took cash');
    expect(p).toContain('water board');
    expect(p).toContain('posing as');
    expect(p).toContain('water');
    expect(p).toContain('staff');
    expect(p).not.toContain('staff kept');
    expect(p).not.toContain('at');
    expect(p.some((x) => /\d/.test(x))).toBe(false);
    expect(p).toContain('took cash');
    // Two stop words make no phrase; one is enough to keep it.
    expect(recordPhrases('it was on the door')).toEqual(['door', 'the door']);
    expect(new Set(p).size).toBe(p.length);
  });

  it('cuts out entity mentions, so a name or an address is never a phrase', () => {
    const text = 'IP John SMITH of 12 High Street reports a male posing as water board staff';
    const start = text.indexOf('John'), end = start + 'John SMITH'.length;
    const a = text.indexOf('12 High'), b = a + '12 High Street'.length;
    const p = recordPhrases(text, [start, end, a, b]);
    expect(p.some((x) => x.includes('john') || x.includes('smith') || x.includes('high'))).toBe(false);
    expect(p).toContain('water board');
    expect(recordPhrases(text)).toContain('john smith');
  });
});

describe('the test of a phrase against its own history', () => {
  const base = { recordsNow: 1000, recordsBaseline: 10_000, family: 20_000, alpha: 0.05, minRecords: 5, minRatio: 4 };

  it('raises a phrase never seen before that is in six records now', () => {
    const [t] = testPhrases([{ phrase: 'water board', observed: 6, baseline: 0 }], base);
    expect(t.expected).toBeCloseTo(0.05, 10);
    expect(t.p).toBeLessThan(1e-9);
    expect(t.raised).toBe(true);
  });

  it('never raises a stable common phrase, even well above its usual count', () => {
    // 200 a month is usual: 10 months × 200 in 10,000 records; 260 now is 1.3 times it (p < 1e-4).
    const [t] = testPhrases([{ phrase: 'rear door', observed: 260, baseline: 2000 }], base);
    expect(t.expected).toBeCloseTo(200.05, 1);
    expect(t.p).toBeLessThan(1e-4);
    expect(t.raised).toBe(false);
  });

  it('needs the minimum number of records and the family-wise threshold', () => {
    const [four] = testPhrases([{ phrase: 'foil lined', observed: 4, baseline: 0 }], base);
    expect(four.raised).toBe(false);
    // Five records against 0.5 expected: p ≈ 1.7e-4, too weak for a family of 20,000 phrases.
    const [weak] = testPhrases([{ phrase: 'into pedestrians', observed: 5, baseline: 49.5 }], base);
    expect(weak.expected).toBeCloseTo(5, 6);
    expect(weak.raised).toBe(false);
    const [rare] = testPhrases([{ phrase: 'x y', observed: 5, baseline: 4.5 }], { ...base, family: 20_000 });
    expect(rare.p).toBeGreaterThan(0.05 / 20_000);
    expect(rare.raised).toBe(false);
  });
});

describe('scoping a tactic\'s records', () => {
  const records = [
    { force_id: 'kent', record_id: 'K-1' }, { force_id: 'kent', record_id: 'K-2' }, { force_id: 'essex', record_id: 'E-1' },
  ];
  it('shows the ids of forces the principal may read, and only counts for the others', () => {
    const s = scopeAlertRecords(records, ['kent']);
    expect(s.record_ids).toEqual(['K-1', 'K-2']);
    expect(s.records_by_force).toEqual({ kent: 2, essex: 1 });
    expect(s.records_withheld).toBe(1);
    expect(scopeAlertRecords(records, []).record_ids).toEqual([]);
    expect(scopeAlertRecords(records, 'all').record_ids).toEqual(['K-1', 'K-2', 'E-1']);
  });
});

const FORCES = ['leicestershire', 'nottinghamshire', 'derbyshire', 'northamptonshire', 'lincolnshire', 'warwickshire', 'west-midlands', 'staffordshire'] as const satisfies readonly ForceId[];

describe('emerging tactics on a synthetic set (real DuckDB, through peel ingest and records ingest)', () => {
  const root = tempDir('peel-tactics-');
  const out = join(root, 'set');
  let store: Store;
  let tactics: EmergingTactic[];
  let endMonth: string;
  const found = new Map<string, TacticFinding[]>();
  const tested: string[] = [];

  beforeAll(async () => {
    await synthesize({ out, seed: 7, forces: FORCES, endMonth: '2024-12', months: 24, scale: 0.01, narratives: 6000 });
    const truth = JSON.parse(readFileSync(join(out, 'truth.json'), 'utf8')) as SynthTruth;
    tactics = [...(truth.narratives?.emerging_tactics ?? [])];
    endMonth = truth.end_month;
    store = await openStore({ store: join(root, 'peel.duckdb') });
    await ingest(store, readdirSync(out).filter((d) => /^\d{4}-\d{2}$/.test(d)).map((d) => join(out, d)));
    await loadNarratives(store, [join(out, 'narratives', 'records.ndjson')], { indexPath: join(root, 'index') });
    // Every month with a full baseline behind it (10 months, and the 2-month gap).
    for (const m of monthRange(addMonths(endMonth, -11), endMonth)) {
      tested.push(m);
      found.set(m, (await findEmergingTactics(store, { month: m, alpha: 0.05 })).findings);
    }
  }, 600_000);
  afterAll(() => {
    store?.close();
    rmSync(root, { recursive: true, force: true });
  });

  const ofTactic = (f: TacticFinding, t: EmergingTactic) => f.records.filter((r) => t.record_ids.includes(r.record_id)).length;

  it('finds every planted tactic in the month it first reaches 5 records, with its records, first month and origin', () => {
    const scored = tactics.filter((t) => t.five_records_month && tested.includes(t.five_records_month));
    expect(scored.length).toBeGreaterThanOrEqual(2);
    for (const t of scored) {
      const month = t.five_records_month!;
      const inMonth = t.monthly.find((m) => m.month === month)!.records;
      const hit = (found.get(month) ?? []).find((f) => ofTactic(f, t) >= 0.8 * inMonth);
      expect(hit, `${t.tactic_id} in ${month}`).toBeDefined();
      if (!hit) continue;
      // Its records are the tactic's: at most one stray.
      expect(hit.records.length - ofTactic(hit, t)).toBeLessThanOrEqual(1);
      expect(hit.firstSeen.month).toBe(t.first_month);
      expect(hit.firstSeen.force_id).toBe(t.origin_force);
      expect(hit.forces.length).toBeGreaterThanOrEqual(2);
      expect(hit.key.expected).toBeLessThan(1);
    }
  });

  it('raises at most one false tactic a month: a finding whose records are mostly no planted tactic\'s', () => {
    let falseAlarms = 0;
    for (const m of tested) {
      const bad = (found.get(m) ?? []).filter((f) => !tactics.some((t) => ofTactic(f, t) >= 0.5 * f.records.length));
      expect(bad.length, `${m}: ${bad.map((f) => f.key.phrase).join(', ')}`).toBeLessThanOrEqual(1);
      falseAlarms += bad.length;
    }
    expect(falseAlarms).toBeLessThanOrEqual(2);
  });

  it('`detectMonth` stores the tactic as an emerging_tactic alert with its records and an explanation in words', async () => {
    const t = tactics.find((x) => x.five_records_month === endMonth)!;
    expect(t).toBeDefined();
    const run = await detectMonth(store, { month: endMonth, methods: ['tactics'] });
    const alert = run.alerts.find((a) => a.kind === 'emerging_tactic' && (a.records ?? []).some((r) => t.record_ids.includes(r.record_id)));
    expect(alert).toBeDefined();
    expect(run.tests.tactics).toBeGreaterThan(100);
    const stored = await store.alerts.get(alert!.alert_id);
    expect(stored?.records.map((r) => r.record_id).sort()).toEqual([...(alert!.records ?? [])].map((r) => r.record_id).sort());
    expect(stored!.records.every((r) => FORCES.includes(r.force_id as (typeof FORCES)[number]))).toBe(true);
    const origin = getForce(t.origin_force)!.name;
    expect(stored!.explanation).toContain(`first seen ${t.first_month} in ${origin}`);
    expect(stored!.explanation).toMatch(new RegExp(`${stored!.records.length} records in \\d forces in ${endMonth} against [0-9.]+ expected`));
    expect(stored!.evidence.phrases?.length).toBeGreaterThan(0);
    expect(stored!.force_ids.length).toBeGreaterThanOrEqual(2);
    // A re-run finds the same tactic under the same id.
    const again = await detectMonth(store, { month: endMonth, methods: ['tactics'] });
    expect(again.alerts.map((a) => a.alert_id)).toContain(alert!.alert_id);
  }, 120_000);
});
