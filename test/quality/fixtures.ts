/**
 * A small world for the quality tests: ONS-format geography for a few LSOAs (Kent, one Met LSOA,
 * one LSOA whose 2022 district replaced a 2017 one) and Kent street files with one fault per month.
 */
import { join } from 'node:path';
import { mkdirSync, writeFileSync } from 'node:fs';
import { STREET_HEADER, crimeId, writeLines } from '../helpers/police-uk.ts';

export const LSOA = {
  maidstoneA: { code: 'E01000001', name: 'Maidstone 001A', lon: '0.5210', lat: '51.2710' },
  maidstoneB: { code: 'E01000002', name: 'Maidstone 001B', lon: '0.5300', lat: '51.2800' },
  croydon: { code: 'E01000020', name: 'Croydon 001A', lon: '-0.1000', lat: '51.3700' },
  newtown: { code: 'E01000030', name: 'Newtown 001A', lon: '0.7000', lat: '51.3000' },
} as const;

/** Writes the four ONS files (with BOMs where ONS has them) and a two-force GeoJSON. */
export function writeGeography(dir: string, opts: { geojson?: boolean; lacodes?: boolean } = {}): string {
  mkdirSync(dir, { recursive: true });
  const bom = '\ufeff';
  writeFileSync(join(dir, 'LSOA_(2011)_to_LSOA_(2021)_to_Local_Authority_District_(2022)_Best_Fit_Lookup_for_EW_(V2).csv'), bom + [
    'ObjectId,LSOA11CD,LSOA11NM,LSOA21CD,LSOA21NM,LAD22CD,LAD22NM,LAD22NMW',
    `1,${LSOA.maidstoneA.code},${LSOA.maidstoneA.name},${LSOA.maidstoneA.code},${LSOA.maidstoneA.name},E07000110,Maidstone,`,
    `2,${LSOA.maidstoneB.code},${LSOA.maidstoneB.name},${LSOA.maidstoneB.code},${LSOA.maidstoneB.name},E07000110,Maidstone,`,
    `3,${LSOA.croydon.code},${LSOA.croydon.name},${LSOA.croydon.code},${LSOA.croydon.name},E09000008,Croydon,`,
    // A 2022 district (E06000999) that replaced the 2017 one the PFA lookup knows (E07000999).
    `4,${LSOA.newtown.code},${LSOA.newtown.name},${LSOA.newtown.code},${LSOA.newtown.name},E06000999,"Newtown, Borough of",`,
  ].join('\n') + '\n');
  writeFileSync(join(dir, 'Local_Authority_District_to_Community_Safety_Partnerships_to_Police_Force_Areas__January_2017__Lookup_in_England_and_Wales_Version_2.csv'), bom + [
    'LAD17CD,LAD17NM,CSP17CD,CSP17NM,PFA17CD,PFA17NM,FID',
    'E07000110,Maidstone,E22000001,Maidstone,E23000032,Kent,1',
    'E09000008,Croydon,E22000002,Croydon,E23000001,Metropolitan Police,2',
    'E07000999,Old District,E22000003,Old District,E23000032,Kent,3',
  ].join('\n') + '\n');
  if (opts.lacodes !== false) {
    writeFileSync(join(dir, 'la_all_codes.csv'), [
      'LADCD,LADNM,LADCD_ACTIVE,LADNM_ACTIVE',
      'E07000110,Maidstone,E07000110,Maidstone',
      'E09000008,Croydon,E09000008,Croydon',
      'E07000999,Old District,E06000999,Newtown',
      'E06000999,Newtown,E06000999,Newtown',
    ].join('\n') + '\n');
  }
  writeFileSync(join(dir, 'lsoa_latlong.csv'), [
    'LSOACD,latitude,longitude,lsoa11cd',
    ...Object.values(LSOA).map((l) => `${l.code},${l.lat},${l.lon},${l.code}`),
    '95AA01S1,54.65,-6.21,95AA01S1',
  ].join('\n') + '\n');
  if (opts.geojson) {
    const square = (x: number, y: number) => [[[[x, y], [x + 0.5, y], [x + 0.5, y + 0.5], [x, y + 0.5], [x, y]]]];
    writeFileSync(join(dir, 'Police_Force_Areas.geojson'), JSON.stringify({
      type: 'FeatureCollection', name: 'PFA_DEC_2023_EW_BUC',
      features: [
        { type: 'Feature', properties: { FID: 1, PFA23CD: 'E23000032', PFA23NM: 'Kent' }, geometry: { type: 'MultiPolygon', coordinates: square(0.3, 51) } },
        { type: 'Feature', properties: { FID: 2, PFA23CD: 'E23000001', PFA23NM: 'Metropolitan Police' }, geometry: { type: 'MultiPolygon', coordinates: square(-0.5, 51.3) } },
      ],
    }));
  }
  return dir;
}

export interface Row {
  id?: string;
  lon?: string;
  lat?: string;
  lsoa?: string;
  lsoaName?: string;
  type?: string;
  outcome?: string;
  location?: string;
}

function line(month: string, r: Row, i: number, forceName: string): string {
  const l = LSOA.maidstoneA;
  const noLoc = r.lon === '';
  return [
    r.id ?? crimeId(`${forceName}|${month}|${i}|${JSON.stringify(r)}`), month, forceName, forceName,
    r.lon ?? l.lon, r.lat ?? (noLoc ? '' : l.lat), r.location ?? (noLoc ? 'No Location' : 'On or near High Street'),
    r.lsoa ?? (noLoc ? '' : l.code), r.lsoaName ?? (noLoc ? '' : l.name), r.type ?? 'Burglary',
    r.outcome ?? 'Investigation complete; no suspect identified', '',
  ].map((v) => (v.includes(',') ? `"${v}"` : v)).join(',');
}

/** A Kent street file: `clean` ordinary rows, then the given special rows. */
export function writeKentMonth(dir: string, month: string, clean: number, special: readonly Row[] = [], force = 'kent', forceName = 'Kent Police'): string {
  const lines = [STREET_HEADER];
  for (let i = 0; i < clean; i++) lines.push(line(month, {}, i, forceName));
  special.forEach((r, i) => lines.push(line(month, r, clean + i, forceName)));
  return writeLines(join(dir, `${month}-${force}-street.csv`), lines);
}

export const repeat = <T>(n: number, f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));
