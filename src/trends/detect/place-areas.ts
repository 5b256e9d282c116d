/**
 * Where a run's detections are, added before they are grouped and explained: LSOA detections get the
 * H3 cells of their LSOAs, and both LSOA and H3 detections the districts they lie in.
 */
import type { Store } from '../../store/index.ts';
import type { Detection } from './detection.ts';

/**
 * Where LSOA detections are, from one read each: their geometry (the H3 r8 cells their LSOAs have
 * had crimes in) and the districts they lie in, most of the areas first, for the explanations
 * ("12 neighbouring areas of Leicester").
 */
export async function placeLsoaAreas(store: Store, detections: Detection[]): Promise<void> {
  const codes = [...new Set(detections.flatMap((d) => (d.area_type === 'lsoa' ? d.area_ids : [])))];
  const h3 = [...new Set(detections.flatMap((d) => (d.area_type === 'h3' ? d.h3_cells : [])))];
  const cells = await store.alerts.lsoaCells(codes);
  // Hexagons are named by the districts of the LSOAs their crimes lie in (the busiest LSOA of each cell).
  const cellLsoa = await store.alerts.cellLsoas(h3);
  const named = await store.alerts.lsoaNames([...new Set([...codes, ...[...cellLsoa.values()].map((l) => l[0])])]);
  const rankDistricts = (lsoas: readonly string[]): string[] => {
    const n = new Map<string, number>();
    for (const a of lsoas) {
      const name = named.get(a)?.district;
      if (name) n.set(name, (n.get(name) ?? 0) + 1);
    }
    return [...n.entries()].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0])).map(([name]) => name);
  };
  detections.forEach((d, i) => {
    if (d.area_type === 'lsoa') {
      const districts = rankDistricts(d.area_ids);
      const areaNames = d.area_ids.flatMap((a) => named.get(a)?.name ?? []);
      detections[i] = {
        ...d, h3_cells: [...new Set(d.area_ids.flatMap((a) => cells.get(a) ?? []))].sort(),
        ...(districts.length ? { districts } : {}), ...(areaNames.length ? { areaNames } : {}),
      };
    } else if (d.area_type === 'h3') {
      const districts = rankDistricts(d.h3_cells.flatMap((c) => cellLsoa.get(c)?.slice(0, 1) ?? []));
      if (districts.length) detections[i] = { ...d, districts };
    }
  });
}
