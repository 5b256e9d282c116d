/**
 * Places on the dashboard's maps: a force's local authority districts (areas and label points)
 * when the hub's geography can draw them, as map layers. None is not an error: without geography
 * loaded the maps keep their force boundaries (or none) and the hover still names the LSOAs.
 */
import type { MapLayer } from './components/MapView.tsx';
import { api, useApi } from './api.ts';
import { gated } from './shared.ts';

type Fc = GeoJSON.FeatureCollection;

/** Whether a point lies inside a GeoJSON Polygon or MultiPolygon (even–odd rule over all rings, so holes count). */
function inside(geometry: GeoJSON.Geometry | null, [x, y]: readonly number[]): boolean {
  const polys = geometry?.type === 'Polygon' ? [geometry.coordinates] : geometry?.type === 'MultiPolygon' ? geometry.coordinates : [];
  let odd = false;
  for (const poly of polys) for (const ring of poly) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i];
      const [xj, yj] = ring[j];
      if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) odd = !odd;
    }
  }
  return odd;
}

/** The name of the district (from a `district` layer) a polygon's first vertex-average lies in, or null outside them all. */
export function districtOf(layers: readonly MapLayer[], feature: GeoJSON.Feature): string | null {
  const areas = layers.find((l) => l.kind === 'district');
  if (!areas || feature.geometry?.type !== 'Polygon') return null;
  const ring = feature.geometry.coordinates[0].slice(0, -1);
  const c = ring.reduce(([a, b], [x, y]) => [a + x / ring.length, b + y / ring.length], [0, 0]);
  const hit = areas.data.features.find((f) => inside(f.geometry, c));
  return typeof hit?.properties?.name === 'string' ? hit.properties.name : null;
}

/** The districts of these forces, merged: areas as a `district` layer, names as a `labels` layer. */
export function useDistrictLayers(forces: readonly string[]): MapLayer[] {
  const key = [...forces].sort().join(',');
  const got = useApi(async () => {
    if (!key) return null;
    const all = await Promise.all(key.split(',').map((f) => gated('geography', () => api.districts(f)).then((d) => d as unknown as Fc, () => null)));
    const features = all.flatMap((fc) => fc?.features ?? []);
    return features.length ? features : null;
  }, [key]);
  if (!got.data) return [];
  const areas: Fc = { type: 'FeatureCollection', features: got.data.filter((f) => f.properties?.kind === 'district') };
  const labels: Fc = { type: 'FeatureCollection', features: got.data.filter((f) => f.properties?.kind === 'label') };
  return [
    { id: 'districts', kind: 'district', data: areas, describe: (p) => (typeof p.name === 'string' ? p.name : null) },
    { id: 'district-names', kind: 'labels', data: labels },
  ];
}

/** An alert hexagon's place in words: "Leicester 023A in Leicester" (its LSOA and district), when the API named it. */
export function cellPlace(p: Record<string, unknown>): string | null {
  const name = typeof p.lsoa_name === 'string' ? p.lsoa_name : null;
  const district = typeof p.district === 'string' ? p.district : null;
  return name && district ? `${name} in ${district}` : name ?? district;
}
