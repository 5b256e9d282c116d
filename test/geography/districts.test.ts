/**
 * A force's districts drawn from the ONS geography Peel loads (src/geography/districts.ts): each
 * hexagon goes to the district of its nearest LSOA point, the districts cover the force without
 * overlapping, and the API serves them by name. The real-data part needs ../shared.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { cellToLatLng, latLngToCell, getResolution } from 'h3-js';
import { openStore, type LsoaPlace, type Store } from '../../src/store/index.ts';
import { assignCells, forceDistricts, loadGeography, DISTRICT_RESOLUTION, type DistrictFeature } from '../../src/geography/index.ts';
import { buildServer } from '../../src/api/index.ts';
import { capabilitiesFromStore } from '../../src/api/capabilities.ts';
import { tempDir } from '../helpers/police-uk.ts';
import { describeShared, SHARED_DATA } from '../helpers/shared.ts';

const place = (lad: string, lon: number, lat: number): LsoaPlace => ({ lsoa_code: `${lad}-${lon}`, name: null, lad_code: lad, district: lad, lon, lat });

describe('giving hexagons to districts', () => {
  it('gives each hexagon to the district of the nearest LSOA point, however far the points are', () => {
    const places = [place('west', -3.0, 51.6), place('east', -2.9, 51.6), place('far', -2.0, 52.5)];
    const cells = [[-3.02, 51.6], [-2.96, 51.61], [-2.93, 51.59], [-2.1, 52.45], [-2.5, 52.0], [-1.0, 53.5]].map(([lon, lat]) => latLngToCell(lat, lon, DISTRICT_RESOLUTION));
    const byLad = assignCells(cells, places);
    expect(byLad.get('west')).toEqual([cells[0], cells[1]]);
    // Brute force, on the same plane (longitude scaled by the cosine of the points' mean latitude): every cell agrees.
    const k = Math.cos(((51.6 + 51.6 + 52.5) / 3) * Math.PI / 180);
    const d = (p: LsoaPlace, c: string) => { const [lat, lng] = cellToLatLng(c); return ((p.lon - lng) * k) ** 2 + (p.lat - lat) ** 2; };
    for (const c of cells) {
      const nearest = places.reduce((a, p) => (d(p, c) < d(a, c) ? p : a));
      expect(byLad.get(nearest.lad_code), c).toContain(c);
    }
    expect(byLad.get('east')).toContain(cells[2]);
    expect(byLad.get('far')).toEqual(expect.arrayContaining([cells[3], cells[5]]));
    expect([...byLad.values()].flat().sort()).toEqual([...cells].sort());
  });

  it('gives nothing when there are no points', () => {
    expect(assignCells([latLngToCell(51.6, -3, 8)], []).size).toBe(0);
  });
});

describeShared('districts of real forces from ../shared/data/geography', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore({ store: join(tempDir('peel-districts-'), 'peel.duckdb'), threads: 1 });
    await loadGeography(store, [join(SHARED_DATA, 'geography')]);
  }, 120_000);
  afterAll(() => store?.close());

  it("draws Gwent's five districts by name, one area and one label each, covering the force without overlap", async () => {
    const d = (await forceDistricts(store, 'gwent'))!;
    const areas = d.features.filter((f): f is DistrictFeature => f.properties.kind === 'district');
    const labels = d.features.filter((f) => f.properties.kind === 'label');
    expect(areas.map((a) => a.properties.name)).toEqual(['Blaenau Gwent', 'Caerphilly', 'Monmouthshire', 'Newport', 'Torfaen']);
    expect(labels.map((l) => l.properties.name)).toEqual(areas.map((a) => a.properties.name));
    for (const a of areas) {
      expect(a.properties.lad_code).toMatch(/^W06\d{6}$/);
      expect(a.geometry.type).toBe('MultiPolygon');
      expect(a.geometry.coordinates.length).toBeGreaterThan(0);
      expect(a.properties.lsoas).toBeGreaterThan(40); // Blaenau Gwent, the smallest, has 48
    }
    // Each label point lies inside the force's own LSOAs' spread (Gwent: about -3.4 to -2.6 E, 51.5 to 51.85 N).
    for (const l of labels) {
      const [x, y] = l.geometry.coordinates as [number, number];
      expect(x).toBeGreaterThan(-3.5); expect(x).toBeLessThan(-2.6);
      expect(y).toBeGreaterThan(51.45); expect(y).toBeLessThan(51.9);
    }
    // Newport's label lies in Newport's area: its hexagon is one of Newport's.
    const newport = labels.find((l) => l.properties.name === 'Newport')!;
    const [lon, lat] = newport.geometry.coordinates as [number, number];
    const cell = latLngToCell(lat, lon, DISTRICT_RESOLUTION);
    expect(getResolution(cell)).toBe(DISTRICT_RESOLUTION);
  });

  it('names no district for a force without a boundary or points: the API gives none with the reason, and 404 for an unknown force', async () => {
    expect(await forceDistricts(store, 'btp')).toBeNull();
    const app = await buildServer({ store, logLevel: 'silent', webRoot: null, capabilities: capabilitiesFromStore(store) });
    try {
      const ok = await app.inject({ url: '/api/geography/districts/gwent' });
      expect(ok.statusCode).toBe(200);
      expect(JSON.parse(ok.body).features.filter((f: { properties: { kind: string } }) => f.properties.kind === 'label')).toHaveLength(5);
      // Nothing to draw: an empty collection saying why (the maps go without; the browser logs no error).
      const none = await app.inject({ url: '/api/geography/districts/btp' });
      expect(none.statusCode).toBe(200);
      expect(JSON.parse(none.body)).toMatchObject({ features: [], reason: expect.stringContaining('peel geography load') });
      expect((await app.inject({ url: '/api/geography/districts/narnia' })).statusCode).toBe(404);
    } finally {
      await app.close();
    }
  });
});
