/**
 * Method extraction measured per feature on 44 fictional records written for the purpose (UK
 * police-log style, capitals, lower case, abbreviations), labelled by reading them against the
 * vocabulary's definitions. The floors are what the extractor reaches (docs/methods.md lists the
 * measured numbers); day of week is left out, as it is read from the date alone.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractMethod, scoreMethods, type MethodFeatures } from '../../src/methods/index.ts';
import { METHOD_FEATURES, METHOD_VOCABULARY, type MethodFeature } from '../../src/standard/index.ts';

interface Labelled { id: string; occurred_at: string; text: string; labels: Partial<MethodFeatures> }
const FIXTURE = join(import.meta.dirname, 'fixtures', 'labelled-methods.ndjson');
const records: Labelled[] = readFileSync(FIXTURE, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Labelled);

const FLOORS: Record<Exclude<MethodFeature, 'day_of_week'>, { precision: number; recall: number }> = {
  entry_point: { precision: 0.75, recall: 0.9 },
  entry_method: { precision: 0.9, recall: 0.9 },
  target: { precision: 0.8, recall: 0.75 },
  approach: { precision: 0.85, recall: 0.9 },
  tools_weapons: { precision: 0.8, recall: 0.95 },
  property: { precision: 0.9, recall: 0.8 },
  vehicle: { precision: 0.85, recall: 0.9 },
  time_of_day: { precision: 0.95, recall: 0.95 },
  victim: { precision: 0.95, recall: 0.9 },
};

describe('method extraction on labelled records', () => {
  it('has at least 40 labelled records, every label a controlled value', () => {
    expect(records.length).toBeGreaterThanOrEqual(40);
    for (const r of records) {
      for (const [f, vals] of Object.entries(r.labels)) {
        expect(METHOD_FEATURES as readonly string[], `${r.id}: feature ${f}`).toContain(f);
        const allowed = METHOD_VOCABULARY[f as MethodFeature].map((s) => s.value);
        for (const v of vals ?? []) expect(allowed, `${r.id}: ${f} value ${v}`).toContain(v);
      }
    }
  });

  it('reaches the per-feature precision and recall floors', () => {
    const scores = scoreMethods(records.map((r) => ({ found: extractMethod(r.text, r.occurred_at).features, labels: r.labels })), Object.keys(FLOORS) as MethodFeature[]);
    for (const s of scores) {
      const floor = FLOORS[s.feature as keyof typeof FLOORS];
      expect(s.precision, `${s.feature} precision (tp ${s.tp}, fp ${s.fp})`).toBeGreaterThanOrEqual(floor.precision);
      expect(s.recall, `${s.feature} recall (tp ${s.tp}, fn ${s.fn})`).toBeGreaterThanOrEqual(floor.recall);
    }
  });
});
