/**
 * One-off derivation of the two geography tables the generator carries, from the ONS Police Force
 * Areas (December 2023) boundaries in `../shared/data/geography/Police_Force_Areas.geojson`:
 *
 * - `--neighbours`: the adjacency of the 43 PFAs (boundaries within 1 km of each other), printed
 *   as the body of `src/standard/force-neighbours.ts`;
 * - `--territory`: per force, the ONS label point (LONG/LAT), the area in km² and up to 12
 *   "territory disks" — circles wholly inside the force's polygon (centre on a grid of interior
 *   points, radius = distance to the nearest boundary edge), printed as `src/synth/territory.ts`.
 *
 * The generator never reads the GeoJSON at run time; re-run this only if the boundaries change:
 *   node bin/run-ts.mjs src/synth/scripts/derive-geography.ts --territory GEOJSON > src/synth/territory.ts
 */
import { readFileSync } from 'node:fs';
import { FORCES, type ForceId } from '../../standard/index.ts';

type Ring = ReadonlyArray<readonly [number, number]>;
interface Feature { properties: { PFA23CD: string; PFA23NM: string; LONG: number; LAT: number }; geometry: { type: string; coordinates: unknown } }

const KM_PER_DEG_LAT = 111.32;

function ringsOf(f: Feature): Ring[] {
  const g = f.geometry;
  const polys = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as Ring[][];
  return polys.flat();
}

function inside(x: number, y: number, rings: readonly Ring[]): boolean {
  let c = false;
  for (const r of rings) {
    for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
      const [xi, yi] = r[i]!;
      const [xj, yj] = r[j]!;
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) c = !c;
    }
  }
  return c;
}

/** Distance in km from a point to a segment, on a local equirectangular projection. */
function segDistKm(px: number, py: number, ax: number, ay: number, bx: number, by: number, kx: number): number {
  const X = (px - ax) * kx, Y = (py - ay) * KM_PER_DEG_LAT;
  const dx = (bx - ax) * kx, dy = (by - ay) * KM_PER_DEG_LAT;
  const l2 = dx * dx + dy * dy;
  const t = l2 === 0 ? 0 : Math.max(0, Math.min(1, (X * dx + Y * dy) / l2));
  const ex = X - t * dx, ey = Y - t * dy;
  return Math.sqrt(ex * ex + ey * ey);
}

function boundaryDistKm(x: number, y: number, rings: readonly Ring[]): number {
  const kx = KM_PER_DEG_LAT * Math.cos((y * Math.PI) / 180);
  let best = Infinity;
  for (const r of rings) {
    for (let i = 1; i < r.length; i++) {
      const d = segDistKm(x, y, r[i - 1]![0], r[i - 1]![1], r[i]![0], r[i]![1], kx);
      if (d < best) best = d;
    }
  }
  return best;
}

function bbox(rings: readonly Ring[]): [number, number, number, number] {
  let a = Infinity, b = Infinity, c = -Infinity, d = -Infinity;
  for (const r of rings) for (const [x, y] of r) { a = Math.min(a, x); b = Math.min(b, y); c = Math.max(c, x); d = Math.max(d, y); }
  return [a, b, c, d];
}

const [mode, path] = process.argv.slice(2);
if (!path || (mode !== '--neighbours' && mode !== '--territory')) throw new Error(`usage: derive-geography.ts --neighbours|--territory GEOJSON (got ${mode} ${path})`);
const features = (JSON.parse(readFileSync(path, 'utf8')) as { features: Feature[] }).features;
const byPfa = new Map(features.map((f) => [f.properties.PFA23CD, f]));
const forces = FORCES.filter((f) => f.pfa !== null);
const missing = forces.filter((f) => !byPfa.has(f.pfa!));
if (missing.length) throw new Error(`no boundary for PFA ${missing.map((f) => f.pfa).join(', ')}`);

if (mode === '--neighbours') {
  const geo = forces.map((f) => ({ id: f.id as ForceId, rings: ringsOf(byPfa.get(f.pfa!)!) })).map((g) => ({ ...g, box: bbox(g.rings) }));
  const adj = new Map<ForceId, ForceId[]>(geo.map((g) => [g.id, []]));
  const pad = 0.02;
  for (let i = 0; i < geo.length; i++) {
    for (let j = i + 1; j < geo.length; j++) {
      const a = geo[i]!, b = geo[j]!;
      if (a.box[0] - pad > b.box[2] || b.box[0] - pad > a.box[2] || a.box[1] - pad > b.box[3] || b.box[1] - pad > a.box[3]) continue;
      let near = false;
      outer: for (const r of a.rings) {
        for (const [x, y] of r) {
          if (x < b.box[0] - pad || x > b.box[2] + pad || y < b.box[1] - pad || y > b.box[3] + pad) continue;
          if (boundaryDistKm(x, y, b.rings) <= 1) { near = true; break outer; }
        }
      }
      if (near) { adj.get(a.id)!.push(b.id); adj.get(b.id)!.push(a.id); }
    }
  }
  for (const f of FORCES) {
    const n = (adj.get(f.id) ?? []).sort();
    process.stdout.write(`  '${f.id}': [${n.map((x) => `'${x}'`).join(', ')}],\n`);
  }
} else {
  process.stdout.write(`/**
 * Territory of each Police Force Area, for placing synthetic small areas inside it. Derived once by
 * \`src/synth/scripts/derive-geography.ts --territory\` from the ONS Police Force Areas (December 2023)
 * boundaries (Police_Force_Areas.geojson; OGL v3.0, contains OS data © Crown copyright): \`label\` is
 * the ONS label point (LONG, LAT), \`areaKm2\` the polygon area, \`disks\` up to 12 circles
 * [lon, lat, radius km] lying wholly inside the polygon (grid of interior points, radius = distance
 * to the nearest boundary edge, largest first, little overlap). Generated file: do not edit by hand.
 */
import type { ForceId } from '../standard/index.ts';

export interface Territory {
  readonly label: readonly [number, number];
  readonly areaKm2: number;
  readonly disks: ReadonlyArray<readonly [number, number, number]>;
}

export const TERRITORY: Readonly<Partial<Record<ForceId, Territory>>> = {
`);
  for (const f of forces) {
    const feat = byPfa.get(f.pfa!)!;
    const rings = ringsOf(feat);
    const [x0, y0, x1, y1] = bbox(rings);
    const N = 70;
    const cands: Array<[number, number, number]> = [];
    let insideCount = 0;
    for (let i = 0; i < N; i++) {
      for (let j = 0; j < N; j++) {
        const x = x0 + ((i + 0.5) / N) * (x1 - x0), y = y0 + ((j + 0.5) / N) * (y1 - y0);
        if (!inside(x, y, rings)) continue;
        insideCount++;
        cands.push([x, y, boundaryDistKm(x, y, rings)]);
      }
    }
    const midLat = (y0 + y1) / 2;
    const cellKm2 = (((x1 - x0) / N) * KM_PER_DEG_LAT * Math.cos((midLat * Math.PI) / 180)) * (((y1 - y0) / N) * KM_PER_DEG_LAT);
    cands.sort((a, b) => b[2] - a[2]);
    const disks: Array<[number, number, number]> = [];
    const kx = KM_PER_DEG_LAT * Math.cos((midLat * Math.PI) / 180);
    for (const c of cands) {
      if (disks.length >= 12) break;
      const ok = disks.every((d) => Math.hypot((c[0] - d[0]) * kx, (c[1] - d[1]) * KM_PER_DEG_LAT) > Math.max(c[2], d[2]));
      if (ok && c[2] > 0.05) disks.push(c);
    }
    const r6 = (v: number) => Math.round(v * 1e6) / 1e6;
    const r3 = (v: number) => Math.round(v * 1e3) / 1e3;
    process.stdout.write(`  '${f.id}': { label: [${r6(feat.properties.LONG)}, ${r6(feat.properties.LAT)}], areaKm2: ${Math.round(insideCount * cellKm2)}, disks: [${disks
      .map((d) => `[${r6(d[0])}, ${r6(d[1])}, ${r3(d[2] * 0.95)}]`)
      .join(', ')}] },\n`);
  }
  process.stdout.write('};\n');
}
