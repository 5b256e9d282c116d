/** truth.json validates against the JSON Schema documented in docs/truth.schema.json, and the schema is strict enough to reject bad truth. */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { synthesize } from '../../src/synth/index.ts';
import { truthJsonSchema } from '../../src/synth/truth-schema.ts';
import { REPO_ROOT } from '../helpers/shared.ts';
import { tempDir } from './helpers.ts';

const documented = JSON.parse(readFileSync(join(REPO_ROOT, 'docs', 'truth.schema.json'), 'utf8')) as Record<string, unknown>;

describe('truth.json schema', () => {
  const out = join(tempDir('synth-truth'), 'set');
  let truth: Record<string, unknown>;
  beforeAll(async () => {
    await synthesize({ out, seed: 5, forces: ['essex', 'kent', 'sussex', 'surrey', 'metropolitan', 'city-of-london', 'hampshire', 'thames-valley'], endMonth: '2024-12', months: 12, scale: 0.01, narratives: 60 });
    truth = JSON.parse(readFileSync(join(out, 'truth.json'), 'utf8')) as Record<string, unknown>;
  }, 120_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('is documented by a JSON Schema file generated from the code (no drift)', () => {
    expect(documented).toEqual(JSON.parse(JSON.stringify(truthJsonSchema())));
    expect(documented.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });

  it('validates a generated truth.json, with every kind of injected truth present', () => {
    const schema = z.fromJSONSchema(documented as Parameters<typeof z.fromJSONSchema>[0]);
    const r = schema.safeParse(truth);
    expect(r.success, r.success ? '' : JSON.stringify(r.error.issues.slice(0, 3))).toBe(true);
    expect((truth.emerging_clusters as unknown[]).length).toBeGreaterThanOrEqual(3);
    expect((truth.missing_months as unknown[]).length).toBe(2);
    expect((truth.recording_shifts as unknown[]).length).toBe(2);
    const n = truth.narratives as Record<string, unknown[]>;
    expect(n.cross_force_offenders.length + n.duplicate_incidents.length + n.emerging_mo.length).toBeGreaterThan(0);
  });

  it('rejects truth that breaks the contract', () => {
    const schema = z.fromJSONSchema(documented as Parameters<typeof z.fromJSONSchema>[0]);
    const cluster = (truth.emerging_clusters as Array<Record<string, unknown>>)[0]!;
    const broken: Array<Record<string, unknown>> = [
      { ...truth, emerging_clusters: [{ ...cluster, relative_risk: 9 }] },
      { ...truth, emerging_clusters: [{ ...cluster, areas: ['Camden 001A'] }] },
      { ...truth, emerging_clusters: [{ ...cluster, h3_r8: ['not-a-cell'] }] },
      { ...truth, missing_months: [{ force_id: 'atlantis', months: ['2024-03'] }] },
      { ...truth, recording_shifts: [{ ...(truth.recording_shifts as object[])[0], from_month: '2024-3' }] },
      { ...truth, unexpected: true },
      Object.fromEntries(Object.entries(truth).filter(([k]) => k !== 'counts')),
    ];
    for (const b of broken) expect(schema.safeParse(b).success).toBe(false);
  });
});
