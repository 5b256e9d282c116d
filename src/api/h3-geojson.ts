/** H3 cells drawn as GeoJSON polygons, so the dashboard needs no H3 code of its own. */
import { cellToBoundary, isValidCell } from 'h3-js';
import type { GeoJson } from '../contract/index.ts';

/** One cell's outline: a closed ring of [longitude, latitude]. */
export function cellPolygon(cell: string): GeoJson.Polygon {
  return { type: 'Polygon', coordinates: [cellToBoundary(cell, true)] };
}

/** H3 cells as features with the given properties (invalid cells are left out). */
export function cellFeatures<P>(cells: readonly string[], properties: (cell: string) => P): Array<{ type: 'Feature'; id: string; geometry: GeoJson.Polygon; properties: P }> {
  return cells.filter((c) => isValidCell(c)).map((c) => ({ type: 'Feature' as const, id: c, geometry: cellPolygon(c), properties: properties(c) }));
}
