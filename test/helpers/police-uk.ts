/** Small generated data.police.uk files for tests, one quirk at a time. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';

export const STREET_HEADER = 'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context';
export const OUTCOMES_HEADER = 'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Outcome type';
export const STOP_SEARCH_HEADER = 'Type,Date,Part of a policing operation,Policing operation,Latitude,Longitude,Gender,Age range,Self-defined ethnicity,Officer-defined ethnicity,Legislation,Object of search,Outcome,Outcome linked to object of search,Removal of more than just outer clothing';

export function tempDir(prefix = 'peel-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function crimeId(seed: string): string {
  return createHash('sha256').update(seed).digest('hex');
}

export interface StreetRowOpts {
  id?: string;
  month?: string;
  force?: string;
  lon?: string;
  lat?: string;
  location?: string;
  lsoa?: string;
  lsoaName?: string;
  type?: string;
  outcome?: string;
}

export function streetRow(o: StreetRowOpts = {}): string {
  const force = o.force ?? 'Kent Police';
  return [
    o.id ?? crimeId(JSON.stringify(o) + Math.random()),
    o.month ?? '2024-03', force, force,
    o.lon ?? '0.521', o.lat ?? '51.271',
    o.location ?? 'On or near High Street',
    o.lsoa ?? 'E01024389', o.lsoaName ?? 'Maidstone 001A',
    o.type ?? 'Burglary',
    o.outcome ?? 'Under investigation',
    '',
  ].map((v) => (v.includes(',') ? `"${v}"` : v)).join(',');
}

export function asbRow(o: StreetRowOpts = {}): string {
  return streetRow({ ...o, id: '', type: 'Anti-social behaviour', outcome: '' });
}

/** Writes a file with the given lines joined by `eol` (and a trailing eol unless `noFinalEol`). */
export function writeLines(path: string, lines: readonly string[], eol = '\r\n', opts: { bom?: boolean; noFinalEol?: boolean } = {}): string {
  writeFileSync(path, (opts.bom ? '\uFEFF' : '') + lines.join(eol) + (opts.noFinalEol ? '' : eol));
  return path;
}

/**
 * Writes `files` street files of `rows` rows each (force kent, consecutive months from 2020-01),
 * quickly, with a share of ASB rows and repeated points, for load and crash tests.
 */
export function writeStreetSet(dir: string, files: number, rows: number, force = 'kent'): string[] {
  const names: string[] = [];
  const forceName = 'Kent Police';
  for (let f = 0; f < files; f++) {
    const month = `${2020 + Math.floor(f / 12)}-${String((f % 12) + 1).padStart(2, '0')}`;
    const lines = [STREET_HEADER];
    for (let i = 0; i < rows; i++) {
      const lon = (0.3 + (i % 997) * 0.0007).toFixed(6);
      const lat = (51.1 + (i % 991) * 0.0004).toFixed(6);
      const asb = i % 5 === 0;
      const id = asb ? '' : crimeId(`${force}${month}${i}`);
      lines.push(`${id},${month},${forceName},${forceName},${lon},${lat},On or near Street ${i % 300},E0102${String(4000 + (i % 900)).padStart(4, '0')},Maidstone ${String(i % 90).padStart(3, '0')}A,${asb ? 'Anti-social behaviour' : i % 3 ? 'Burglary' : 'Vehicle crime'},${asb ? '' : 'Under investigation'},`);
    }
    const name = join(dir, `${month}-${force}-street.csv`);
    writeFileSync(name, lines.join('\r\n') + '\r\n');
    names.push(name);
  }
  return names;
}
