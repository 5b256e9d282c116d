/**
 * A force's local authority districts drawn for a map, offline, from what `peel geography load`
 * already holds. The ONS files Peel loads have no district polygons (only force boundaries, the
 * LSOA → district lookup and each LSOA's point), so districts are drawn as the hexagons of H3
 * resolution 8 (about 0.7 km²) inside the force boundary, each given to the district of the
 * nearest LSOA point: a Voronoi partition of the LSOAs, merged by district. Edges are stepped at
 * the scale of a hexagon (under 1 km), which is close enough to read which district a street is in.
 * The labels are one point per district, the mean of its LSOA points.
 */
import { cellToLatLng, cellsToMultiPolygon, polygonToCells } from 'h3-js';
import type { LsoaPlace, Store } from '../store/index.ts';

export const DISTRICT_RESOLUTION = 8;

export interface DistrictFeature {
  readonly type: 'Feature';
  readonly properties: { readonly kind: 'district'; readonly lad_code: string; readonly name: string; readonly force_id: string; readonly lsoas: number };
  readonly geometry: { readonly type: 'MultiPolygon'; readonly coordinates: number[][][][] };
}

export interface DistrictLabel {
  readonly type: 'Feature';
  readonly properties: { readonly kind: 'label'; readonly lad_code: string; readonly name: string };
  readonly geometry: { readonly type: 'Point'; readonly coordinates: [number, number] };
}

export interface DistrictCollection {
  readonly type: 'FeatureCollection';
  readonly force_id: string;
  /** District areas first, then one label point per district. */
  readonly features: Array<DistrictFeature | DistrictLabel>;
}

/** The polygons of a GeoJSON Polygon or MultiPolygon geometry, as [lng, lat] rings. */
function polygonsOf(geometry: unknown): number[][][][] {
  const g = geometry as { type?: string; coordinates?: unknown };
  if (g?.type === 'Polygon') return [g.coordinates as number[][][]];
  if (g?.type === 'MultiPolygon') return g.coordinates as number[][][][];
  return [];
}

/**
 * Gives each cell to the district of its nearest LSOA point (squared distance on a plane scaled by
 * the cosine of the latitude: exact enough within one force). A grid of buckets keeps it near linear.
 */
export function assignCells(cells: readonly string[], places: readonly LsoaPlace[]): Map<string, string[]> {
  const byLad = new Map<string, string[]>();
  if (!places.length) return byLad;
  const k = Math.cos((places.reduce((a, p) => a + p.lat, 0) / places.length) * Math.PI / 180);
  const size = 0.02; // degrees of latitude per bucket (~2 km)
  const key = (x: number, y: number) => `${Math.floor(x / size)},${Math.floor(y / size)}`;
  const buckets = new Map<string, LsoaPlace[]>();
  for (const p of places) {
    const b = key(p.lon * k, p.lat);
    (buckets.get(b) ?? buckets.set(b, []).get(b)!).push(p);
  }
  for (const c of cells) {
    const [lat, lng] = cellToLatLng(c);
    const x = lng * k;
    const bx = Math.floor(x / size);
    const by = Math.floor(lat / size);
    let best: LsoaPlace | undefined;
    let bestD = Infinity;
    // Rings of buckets outwards until the nearest point found is nearer than the next ring can be.
    for (let r = 0; r < 200; r++) {
      for (let i = -r; i <= r; i++) for (let j = -r; j <= r; j++) {
        if (Math.max(Math.abs(i), Math.abs(j)) !== r) continue;
        for (const p of buckets.get(`${bx + i},${by + j}`) ?? []) {
          const d = (p.lon * k - x) ** 2 + (p.lat - lat) ** 2;
          if (d < bestD) (bestD = d), (best = p);
        }
      }
      if (best && Math.sqrt(bestD) <= r * size) break;
    }
    if (best) (byLad.get(best.lad_code) ?? byLad.set(best.lad_code, []).get(best.lad_code)!).push(c);
  }
  return byLad;
}

/**
 * The force's districts as map features, or null when the store cannot draw them (no boundary for
 * the force, or no LSOA points and lookups placed in it).
 */
export async function forceDistricts(store: Store, force: string): Promise<DistrictCollection | null> {
  const [boundaries, places] = await Promise.all([store.geography.boundaries(), store.geography.lsoaPlaces(force)]);
  const boundary = boundaries?.features.find((f) => f.properties.force_id === force);
  if (!boundary || !places.length) return null;
  const cells = new Set<string>();
  for (const poly of polygonsOf(boundary.geometry)) for (const c of polygonToCells(poly, DISTRICT_RESOLUTION, true)) cells.add(c);
  const byLad = assignCells([...cells], places);
  const names = new Map<string, string>();
  const centre = new Map<string, { x: number; y: number; n: number }>();
  for (const p of places) {
    // "Leicester 023A" lies in Leicester: the lookup's district name, else the LSOA name's stem.
    if (!names.has(p.lad_code)) names.set(p.lad_code, p.district ?? p.name?.replace(/\s+[0-9]{3}[A-Z]$/, '') ?? p.lad_code);
    const c = centre.get(p.lad_code) ?? { x: 0, y: 0, n: 0 };
    centre.set(p.lad_code, { x: c.x + p.lon, y: c.y + p.lat, n: c.n + 1 });
  }
  const lads = [...byLad.keys()].sort((a, b) => names.get(a)!.localeCompare(names.get(b)!));
  const areas: DistrictFeature[] = lads.map((lad) => ({
    type: 'Feature',
    properties: { kind: 'district', lad_code: lad, name: names.get(lad)!, force_id: force, lsoas: centre.get(lad)?.n ?? 0 },
    geometry: { type: 'MultiPolygon', coordinates: cellsToMultiPolygon(byLad.get(lad)!, true) },
  }));
  const labels: DistrictLabel[] = lads.map((lad) => {
    const c = centre.get(lad)!;
    return { type: 'Feature', properties: { kind: 'label', lad_code: lad, name: names.get(lad)! }, geometry: { type: 'Point', coordinates: [+(c.x / c.n).toFixed(5), +(c.y / c.n).toFixed(5)] } };
  });
  return { type: 'FeatureCollection', force_id: force, features: [...areas, ...labels] };
}
