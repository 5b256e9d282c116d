/**
 * The typed contract against a real hub: every alerts, quality and boundaries answer, computed by
 * the real capabilities on a real store (generated street files, a real detection run, a real
 * quality run, the real ONS force boundaries), parses with its zod schema and loses nothing in
 * parsing — so the contract declares every field the API serves, and the dashboard reads no
 * field the contract does not name. The OpenAPI document shows these schemas, not opaque objects.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { buildServer } from '../../src/api/index.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { ingest } from '../../src/ingest/index.ts';
import { addMonths } from '../../src/standard/index.ts';
import { detectEmergingTrends } from '../../src/trends/index.ts';
import { runQuality } from '../../src/quality/index.ts';
import { loadGeography } from '../../src/geography/index.ts';
import * as S from '../../src/contract/index.ts';
import { tempDir } from '../helpers/police-uk.ts';
import { describeShared, SHARED_DATA } from '../helpers/shared.ts';
import { writeForce } from '../trends/detect-helpers.ts';

describeShared('the typed contract for alerts, quality and boundaries', () => {
  let dir: string;
  let store: Store;
  let app: FastifyInstance;
  const start = '2021-01';
  const last = addMonths(start, 23);

  /** GETs a route, parses its answer with the schema, and checks parsing dropped or changed nothing. */
  const typed = async <T extends z.ZodType>(url: string, schema: T): Promise<z.infer<T>> => {
    const r = await app.inject({ method: 'GET', url });
    expect(r.statusCode, r.body).toBe(200);
    const raw: unknown = r.json();
    const parsed = schema.safeParse(raw);
    expect(parsed.success, `${url}: ${parsed.error?.message}`).toBe(true);
    expect(parsed.data, `${url}: the answer has fields the contract does not declare`).toEqual(raw);
    return parsed.data as z.infer<T>;
  };

  beforeAll(async () => {
    dir = tempDir('peel-contract-');
    const files = join(dir, 'files');
    mkdirSync(files);
    writeForce(files, {
      start, months: 24, areas: 36, seed: 5,
      rates: { Burglary: 1.5, 'Vehicle crime': 1, 'Anti-social behaviour': 3 },
      rises: [{ category: 'Burglary', areas: [3, 4, 9, 10], fromMonth: last, extraPerArea: 9 }],
    });
    store = await openStore({ store: join(dir, 'peel.duckdb'), threads: 1 });
    await ingest(store, readdirSync(files).map((f) => join(files, f)));
    await loadGeography(store, [join(SHARED_DATA, 'geography', 'Police_Force_Areas.geojson')]);
    await runQuality(store);
    await detectEmergingTrends(store, { month: last, methods: ['force', 'lsoa', 'hot_spot'] });
    app = await buildServer({ store, logLevel: 'silent', webRoot: null });
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    store?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('serves alerts, one alert with evidence, areas and history, the months and the map layer as declared', async () => {
    const page = await typed(`/api/alerts?month=${last}&limit=100`, S.AlertPage);
    expect(page.items.length).toBeGreaterThan(0);
    const first = page.items.find((a) => a.h3_cells.length > 0) ?? page.items[0];
    expect(first.force_names).toEqual(['Leicestershire Police']);
    expect(first.category_name.length).toBeGreaterThan(0);

    const id = first.alert_id;
    const ack = await app.inject({ method: 'POST', url: `/api/alerts/${id}/acknowledge`, payload: { note: 'looking' } });
    expect(ack.statusCode, ack.body).toBe(200);
    expect(S.AlertDetail.parse(ack.json())).toEqual(ack.json());

    const a = await typed(`/api/alerts/${id}`, S.AlertDetail);
    expect(a.evidence.series.length).toBeGreaterThan(0);
    expect(a.evidence.members.length).toBeGreaterThan(0);
    expect(a.areas_geojson.features.length).toBe(a.h3_cells.length);
    expect(a.history).toEqual([expect.objectContaining({ status: 'acknowledged', reason: 'looking', actor: 'anonymous' })]);

    const months = await typed('/api/alerts/months', S.AlertMonthsPage);
    expect(months.items).toEqual([expect.objectContaining({ force_id: 'leicestershire', latest_month: last, alert_months: [last] })]);

    const layer = await typed(`/api/layers/alerts?month=${last}`, S.AlertsLayer);
    expect(layer.month).toBe(last);
    expect(layer.features.length).toBeGreaterThan(0);
    expect(new Set(layer.features.map((f) => f.properties.alert_id))).toContain(id);
    // A polygon ring is closed: its last position is its first.
    const ring = layer.features[0].geometry.coordinates[0];
    expect(ring.at(-1)).toEqual(ring[0]);
  });

  it('serves the quality league and a scorecard with its findings as declared', async () => {
    const league = await typed('/api/quality/league', S.QualityLeaguePage);
    expect(league.items.map((r) => r.force_id)).toEqual(['leicestershire']);
    expect(league.items[0].overall).toBeGreaterThanOrEqual(0);
    const card = await typed('/api/quality/forces/leicestershire', S.QualityScorecard);
    expect(card.month).toBe(last);
    expect(card.score_12m?.overall).toBe(league.items[0].overall);
    expect(typeof card.overall).toBe('number');
    expect(card.findings.length).toBe(card.findings_total);
    for (const f of card.findings) expect(f.check_title).not.toBe(f.check);
  });

  it('serves the 43 force boundaries as polygons with their force', async () => {
    const b = await typed('/api/geography/boundaries', S.ForceBoundaries);
    expect(b.features.length).toBe(43);
    expect(new Set(b.features.map((f) => f.properties.force_id)).size).toBe(43);
    for (const f of b.features) expect(['Polygon', 'MultiPolygon']).toContain(f.geometry.type);
  });

  it('documents these answers in the OpenAPI document with their fields, and no route answers an opaque object', async () => {
    type Schema = { type?: string; properties?: Record<string, Schema>; additionalProperties?: unknown; items?: Schema; anyOf?: Schema[]; oneOf?: Schema[]; $ref?: string };
    const doc = (await app.inject({ url: '/docs/json' })).json() as { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: Schema }> }> }>> };
    const ok = (path: string) => doc.paths[path].get.responses['200'].content!['application/json'].schema;
    expect(Object.keys(ok('/api/alerts/{alert}').properties ?? {})).toEqual(expect.arrayContaining(['evidence', 'areas_geojson', 'history', 'place', 'review']));
    expect(Object.keys(ok('/api/alerts/{alert}').properties!.history.items!.properties ?? {})).toEqual(expect.arrayContaining(['actor', 'changed_at']));
    expect(Object.keys(ok('/api/layers/alerts').properties ?? {})).toEqual(expect.arrayContaining(['type', 'features', 'month']));
    expect(Object.keys(ok('/api/alerts/months').properties!.items.items!.properties ?? {})).toEqual(expect.arrayContaining(['months_held', 'alert_months']));
    expect(Object.keys(ok('/api/quality/league').properties!.items.items!.properties ?? {})).toEqual(expect.arrayContaining(['rank', 'overall', 'dimensions', 'findings']));
    expect(Object.keys(ok('/api/quality/forces/{force}').properties ?? {})).toEqual(expect.arrayContaining(['findings', 'score_12m', 'overall']));
    expect(Object.keys(ok('/api/geography/boundaries').properties ?? {})).toEqual(['type', 'features']);
    // An opaque answer is an object with no declared fields: none is left.
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const s = op.responses['200']?.content?.['application/json']?.schema;
        if (!s) continue;
        const opaque = s.type === 'object' && !s.properties && !s.$ref && !s.anyOf && !s.oneOf;
        expect(opaque, `${method.toUpperCase()} ${path} answers an object with no declared fields`).toBe(false);
      }
    }
  });
});
