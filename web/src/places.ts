/**
 * Places on the dashboard's maps: a force's local authority districts (areas and label points)
 * when the hub's geography can draw them, as map layers. None is not an error: without geography
 * loaded the maps keep their force boundaries (or none) and the hover still names the LSOAs.
 */
import type { MapLayer } from './components/MapView.tsx';
import { api, useApi } from './api.ts';
import { gated } from './shared.ts';

type Fc = GeoJSON.FeatureCollection;

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
