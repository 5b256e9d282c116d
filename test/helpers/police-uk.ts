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
