/**
 * Synthetic geography: per force, local authority districts (LADs), small areas in the LSOA code
 * format, and the "snap points" data.police.uk anonymises crime locations to (one per street
 * segment, reused by every crime there). Everything lies inside the force's territory: LSOA
 * centres and snap points are drawn inside the force's territory disks (`territory.ts`), which lie
 * wholly inside the ONS boundary.
 *
 * Codes are real-format but in ranges ONS has not allocated: LSOAs `E01` / `W01` + 1xxxxx..5xxxxx
 * (real ones stop near E01035000), LADs `E06` / `W06` + 1xxxxx, CSPs `E22` / `W22` + 1xxxxx.
 * Names follow ONS: an LSOA is `<LAD name> <MSOA number><letter>`, e.g. `Ashbury 004C`.
 */
import { FORCES, type ForceId } from '../standard/index.ts';
import { FORCE_CRIME_2024, SYNTH_CATEGORIES, type SynthCategory } from './calibration.ts';
import { createRng, type Rng } from './random.ts';
import { TERRITORY } from './territory.ts';

/** Number of LSOAs (2021) in England and Wales (ONS), shared among forces by recorded crime. */
export const NATIONAL_LSOAS = 35_672;
/** Recorded crime of England and Wales in the calibration year (the forces' sum). */
export const NATIONAL_CRIME = Object.values(FORCE_CRIME_2024).reduce((s, v) => s + v![0], 0);

export interface SynthLad {
  readonly code: string;
  readonly name: string;
  readonly cspCode: string;
  readonly lon: number;
  readonly lat: number;
}

export interface SynthLsoa {
  readonly code: string;
  readonly name: string;
  readonly lad: number;
  readonly lon: number;
  readonly lat: number;
  /** Index of the first of this LSOA's snap points in the force's point arrays. */
  readonly pointStart: number;
  readonly pointCount: number;
}

/** A force's synthetic geography. Points are stored column-wise to keep 700k of them cheap. */
export interface ForceGeography {
  readonly force: ForceId;
  readonly lads: readonly SynthLad[];
  readonly lsoas: readonly SynthLsoa[];
  readonly pointLon: Float64Array;
  readonly pointLat: Float64Array;
  readonly pointLsoa: Int32Array;
  /** Per point, the street-file columns `Longitude,Latitude,Location,LSOA code,LSOA name`. */
  readonly pointStreetCols: readonly string[];
  /** Per category, cumulative LSOA weights (persistent hot spots; town centres for some). */
  readonly weights: Readonly<Record<SynthCategory, Float64Array>>;
}

const KM_LAT = 111.32;

/**
 * How strongly a category concentrates in town centres (exponent on centrality): shoplifting and
 * theft from the person in centres, burglary in residential areas, the rest in between.
 */
const CENTRE_AFFINITY: Readonly<Record<SynthCategory, number>> = {
  'anti-social-behaviour': 0.6, 'bicycle-theft': 1.0, burglary: -0.3, 'criminal-damage-arson': 0.2, drugs: 1.0,
  'other-theft': 0.8, 'possession-of-weapons': 0.8, 'public-order': 1.0, robbery: 1.2, shoplifting: 2.0,
  'theft-from-the-person': 2.5, 'vehicle-crime': 0.0, 'violent-crime': 0.7, 'other-crime': 0.3,
};

const EN_HEAD = ['Ash', 'Bram', 'Brook', 'Castle', 'Chester', 'Elm', 'Fair', 'Green', 'Hart', 'Hazel', 'Kings', 'Lang', 'Marl', 'Mill', 'North', 'Oak', 'Redd', 'Rose', 'Shep', 'Stan', 'Thorn', 'Wal', 'West', 'Whit', 'Wick', 'Wood', 'Ald', 'Bar', 'Clay', 'Dun', 'Fern', 'Holm', 'Kel', 'Lox', 'Nether', 'Pen', 'Sel', 'Tad', 'Wen', 'Yar'];
const EN_TAIL = ['bury', 'ford', 'ham', 'ley', 'ton', 'wick', 'field', 'borough', 'worth', 'stead', 'combe', 'well', 'by', 'thorpe', 'minster', 'hurst', 'don', 'gate', 'mouth', 'bridge'];
const CY_HEAD = ['Aber', 'Llan', 'Pen', 'Caer', 'Cwm', 'Tre', 'Pont', 'Bryn', 'Glyn', 'Maes', 'Nant', 'Rhos', 'Coed', 'Dol', 'Ystrad'];
const CY_TAIL = ['dyfed', 'wen', 'fach', 'gwyn', 'ffordd', 'afon', 'derwen', 'cynon', 'teifi', 'maur', 'elli', 'garth', 'celyn', 'onnen', 'hir'];
const STREET_KIND = ['Road', 'Street', 'Lane', 'Close', 'Avenue', 'Drive', 'Way', 'Crescent', 'Grove', 'Gardens', 'Place', 'Terrace', 'Court', 'Walk', 'Rise', 'Mews'];
/** Non-street snap-point names as data.police.uk publishes them ("On or near Supermarket"). */
const SPECIAL_PLACES = ['Supermarket', 'Parking Area', 'Petrol Station', 'Shopping Area', 'Nightclub', 'Sports/Recreation Area', 'Further/Higher Educational Building', 'Hospital', 'Theatre/Concert Hall', 'Bus/Coach Station', 'Park/Open Space', 'Pedestrian Subway'];

function placeName(rng: Rng, welsh: boolean): string {
  return welsh ? CY_HEAD[rng.int(CY_HEAD.length)]! + CY_TAIL[rng.int(CY_TAIL.length)]! : EN_HEAD[rng.int(EN_HEAD.length)]! + EN_TAIL[rng.int(EN_TAIL.length)]!;
}

/** Uniform point in a disk [lon, lat, rKm]. */
function inDisk(rng: Rng, d: readonly [number, number, number]): [number, number] {
  const r = d[2] * Math.sqrt(rng.next()), a = 2 * Math.PI * rng.next();
  const kx = KM_LAT * Math.cos((d[1] * Math.PI) / 180);
  return [d[0] + (r * Math.cos(a)) / kx, d[1] + (r * Math.sin(a)) / KM_LAT];
}

function distKm(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const kx = KM_LAT * Math.cos((lat1 * Math.PI) / 180);
  return Math.hypot((lon1 - lon2) * kx, (lat1 - lat2) * KM_LAT);
}

/** A point drawn around (lon, lat) with sd `sdKm`, kept inside disk `d` (redrawn, then uniform). */
function around(rng: Rng, lon: number, lat: number, sdKm: number, d: readonly [number, number, number]): [number, number] {
  const kx = KM_LAT * Math.cos((lat * Math.PI) / 180);
  for (let i = 0; i < 6; i++) {
    const x = lon + (rng.normal() * sdKm) / kx, y = lat + (rng.normal() * sdKm) / KM_LAT;
    if (distKm(d[0], d[1], x, y) <= d[2]) return [x, y];
  }
  return inDisk(rng, d);
}

/** How many LSOAs a force gets: the national count shared by recorded crime (at least 6). */
export function lsoaCount(force: ForceId): number {
  const v = FORCE_CRIME_2024[force];
  if (!v) throw new Error(`force "${force}" has no territory to place small areas in`);
  return Math.max(6, Math.round((NATIONAL_LSOAS * v[0]) / NATIONAL_CRIME));
}

/** Builds a force's synthetic geography; deterministic in (seed, force). */
export function buildForceGeography(seed: number, force: ForceId): ForceGeography {
  const terr = TERRITORY[force];
  if (!terr) throw new Error(`force "${force}" has no territory to place small areas in`);
  const forceIndex = FORCES.findIndex((f) => f.id === force);
  const welsh = FORCES[forceIndex]!.country === 'Wales';
  const cc = welsh ? 'W' : 'E';
  const rng = createRng(seed, `geography:${force}`);
  const nLsoa = lsoaCount(force);
  const nLad = Math.max(1, Math.round(nLsoa / 110));
  const diskCum = new Float64Array(terr.disks.length);
  terr.disks.reduce((s, d, i) => (diskCum[i] = s + d[2] * d[2]), 0);

  const usedNames = new Set<string>();
  const lads: Array<SynthLad & { disk: number; sdKm: number; n: number }> = [];
  for (let j = 0; j < nLad; j++) {
    let name = placeName(rng, welsh);
    for (let k = 0; usedNames.has(name) && k < 20; k++) name = placeName(rng, welsh);
    if (usedNames.has(name)) name = `${name} ${j + 1}`;
    usedNames.add(name);
    // The biggest LAD sits in the biggest disk (the county town); the rest by disk area.
    let disk = 0;
    if (j > 0) {
      const u = rng.next() * diskCum[diskCum.length - 1]!;
      while (diskCum[disk]! < u) disk++;
    }
    const [lon, lat] = j === 0 ? [terr.disks[0]![0], terr.disks[0]![1]] : inDisk(rng, terr.disks[disk]!);
    const n = Math.floor(nLsoa / nLad) + (j < nLsoa % nLad ? 1 : 0);
    const num = 100_000 + forceIndex * 100 + j;
    lads.push({ code: `${cc}06${num}`, name, cspCode: `${cc}22${num}`, lon, lat, disk, sdKm: Math.min(terr.disks[disk]![2] / 2, 0.35 * Math.sqrt(n) + 0.2), n });
  }

  const lsoas: SynthLsoa[] = [];
  const centrality: number[] = [];
  const lons: number[] = [], lats: number[] = [], owners: number[] = [], streets: string[] = [];
  for (let j = 0; j < nLad; j++) {
    const lad = lads[j]!;
    const d = terr.disks[lad.disk]!;
    for (let k = 0; k < lad.n; k++) {
      const i = lsoas.length;
      const [lon, lat] = around(rng, lad.lon, lad.lat, lad.sdKm, d);
      const msoa = String(Math.floor(k / 5) + 1).padStart(3, '0');
      const letter = String.fromCharCode(65 + (k % 5));
      const code = `${cc}01${100_000 + forceIndex * 10_000 + i}`;
      const name = `${lad.name} ${msoa}${letter}`;
      const pointCount = 8 + rng.int(33);
      const pointStart = lons.length;
      // Snap points spread over the LSOA: denser (smaller) LSOAs near the centre.
      const spread = 0.12 + 0.1 * Math.min(3, distKm(lon, lat, lad.lon, lad.lat) / lad.sdKm);
      for (let p = 0; p < pointCount; p++) {
        const [x, y] = around(rng, lon, lat, spread, d);
        lons.push(x); lats.push(y); owners.push(i);
        streets.push(rng.next() < 0.12 ? SPECIAL_PLACES[rng.int(SPECIAL_PLACES.length)]! : `${placeName(rng, welsh)} ${STREET_KIND[rng.int(STREET_KIND.length)]}`);
      }
      lsoas.push({ code, name, lad: j, lon, lat, pointStart, pointCount });
      centrality.push(Math.exp(-distKm(lon, lat, lad.lon, lad.lat) / lad.sdKm));
    }
  }

  // Persistent hot spots: a heavy-tailed base risk per LSOA, shaped per category by centrality
  // and a category-specific factor, fixed for the whole series.
  const base = lsoas.map(() => Math.exp(0.8 * rng.normal()));
  const weights = {} as Record<SynthCategory, Float64Array>;
  for (const c of SYNTH_CATEGORIES) {
    const cum = new Float64Array(lsoas.length);
    let s = 0;
    for (let i = 0; i < lsoas.length; i++) {
      s += base[i]! * Math.pow(0.2 + centrality[i]!, CENTRE_AFFINITY[c]) * Math.exp(0.4 * rng.normal());
      cum[i] = s;
    }
    weights[c] = cum;
  }

  // Flat one-byte strings (a Buffer round trip), not the ropes template literals build: a third
  // of the memory for the ~850,000 points of a national set.
  const pointStreetCols = lons.map((lon, p) => {
    const l = lsoas[owners[p]!]!;
    return Buffer.from(`${lon.toFixed(6)},${lats[p]!.toFixed(6)},On or near ${streets[p]},${l.code},${l.name}`, 'latin1').toString('latin1');
  });
  return {
    force,
    lads: lads.map(({ code, name, cspCode, lon, lat }) => ({ code, name, cspCode, lon, lat })),
    lsoas,
    pointLon: Float64Array.from(lons),
    pointLat: Float64Array.from(lats),
    pointLsoa: Int32Array.from(owners),
    pointStreetCols,
    weights,
  };
}

/** The street (snap point name) of point `p`, read back from its street-file columns. */
export function pointStreet(g: ForceGeography, p: number): string {
  const cols = g.pointStreetCols[p]!;
  const start = cols.indexOf(',On or near ') + ',On or near '.length;
  return cols.slice(start, cols.indexOf(',', start));
}

/** The weight of LSOA `i` for category `c` (difference of the cumulative array). */
export function lsoaWeight(g: ForceGeography, c: SynthCategory, i: number): number {
  const cum = g.weights[c];
  return cum[i]! - (i > 0 ? cum[i - 1]! : 0);
}

/** A snap point of LSOA `i`, skewed so the first points of each LSOA are its hot streets. */
export function pointInLsoa(rng: Rng, g: ForceGeography, i: number): number {
  const l = g.lsoas[i]!;
  const u = rng.next();
  return l.pointStart + Math.floor(l.pointCount * u * u);
}
