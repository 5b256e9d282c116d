/**
 * Writes a synthetic set's geography in the ONS file formats, so `peel geography load DIR/geography`
 * treats it exactly like the real files: the LSOA (2011) → LSOA (2021) → LAD (2022) best-fit
 * lookup, the LAD → CSP → PFA (January 2017) lookup (both with a UTF-8 BOM, LF line ends, as ONS
 * publishes them) and each LSOA's point in the `lsoa_latlong.csv` format.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getForce } from '../standard/index.ts';
import { PFA17_NAMES } from './calibration.ts';
import type { ForceGeography } from './places.ts';

export const LSOA_LAD_LOOKUP_FILE = 'LSOA_(2011)_to_LSOA_(2021)_to_Local_Authority_District_(2022)_Best_Fit_Lookup_for_EW_(V2).csv';
export const LAD_PFA_LOOKUP_FILE = 'Local_Authority_District_to_Community_Safety_Partnerships_to_Police_Force_Areas__January_2017__Lookup_in_England_and_Wales_Version_2.csv';
export const LSOA_POINTS_FILE = 'lsoa_latlong.csv';

const BOM = '\ufeff';

/** Quotes a CSV field when it holds a comma or a quote (as "London, City of"). */
function csv(s: string): string {
  return /[",]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function writeGeography(dir: string, geos: readonly ForceGeography[]): void {
  mkdirSync(dir, { recursive: true });
  const best: string[] = [BOM + 'ObjectId,LSOA11CD,LSOA11NM,LSOA21CD,LSOA21NM,LAD22CD,LAD22NM,LAD22NMW\n'];
  const lad: string[] = [BOM + 'LAD17CD,LAD17NM,CSP17CD,CSP17NM,PFA17CD,PFA17NM,FID\n'];
  const pts: string[] = ['LSOACD,latitude,longitude,lsoa11cd\n'];
  let objectId = 0, fid = 0;
  for (const g of geos) {
    const force = getForce(g.force)!;
    const pfaName = PFA17_NAMES[g.force] ?? force.variants[0];
    for (const l of g.lsoas) {
      const d = g.lads[l.lad]!;
      const welsh = d.code.startsWith('W') ? csv(d.name) : '';
      best.push(`${++objectId},${l.code},${csv(l.name)},${l.code},${csv(l.name)},${d.code},${csv(d.name)},${welsh}\n`);
      pts.push(`${l.code},${l.lat},${l.lon},${l.code}\n`);
    }
    for (const d of g.lads) lad.push(`${d.code},${csv(d.name)},${d.cspCode},${csv(d.name)},${force.pfa},${csv(pfaName)},${++fid}\n`);
  }
  writeFileSync(join(dir, LSOA_LAD_LOOKUP_FILE), best.join(''));
  writeFileSync(join(dir, LAD_PFA_LOOKUP_FILE), lad.join(''));
  writeFileSync(join(dir, LSOA_POINTS_FILE), pts.join(''));
}
