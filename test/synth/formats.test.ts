/**
 * A synthetic set is written in the exact data.police.uk formats: headers, CRLF, 64-hex Crime IDs,
 * ASB rows without ID or outcome, `No Location` rows, 6-decimal coordinates, `On or near` locations,
 * ISO stop-and-search dates inside the file's month, and only the standard's vocabularies.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STOP_SEARCH_VOCABULARIES, isForceId, resolveCrimeCategory, resolveForce, resolveOutcome } from '../../src/standard/index.ts';
import { synthesize, type SynthSummary } from '../../src/synth/index.ts';
import { listFiles, readCsv, tempDir } from './helpers.ts';

const STREET_HEADER = 'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context';
const OUTCOMES_HEADER = 'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Outcome type';
const SS_HEADER = 'Type,Date,Part of a policing operation,Policing operation,Latitude,Longitude,Gender,Age range,Self-defined ethnicity,Officer-defined ethnicity,Legislation,Object of search,Outcome,Outcome linked to object of search,Removal of more than just outer clothing';

describe('synthetic file formats', () => {
  const out = join(tempDir('synth-fmt'), 'set');
  let summary: SynthSummary;
  let files: string[];
  beforeAll(async () => {
    summary = await synthesize({ out, seed: 3, forces: ['dorset', 'north-wales'], endMonth: '2024-06', months: 8, scale: 0.2, narratives: 0 });
    files = listFiles(out);
  }, 60_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('names files YYYY-MM/YYYY-MM-<force>-<kind>.csv', () => {
    const data = files.filter((f) => /^\d{4}-\d{2}\//.test(f));
    expect(data.length).toBeGreaterThan(0);
    for (const f of data) {
      const m = /^(\d{4}-\d{2})\/(\d{4}-\d{2})-([a-z-]+)-(street|outcomes|stop-and-search)\.csv$/.exec(f);
      expect(m, f).not.toBeNull();
      expect(m![1]).toBe(m![2]);
      expect(isForceId(m![3]!), f).toBe(true);
    }
  });

  it('uses the published headers and CRLF line ends throughout', () => {
    for (const f of files.filter((x) => x.endsWith('.csv') && !x.startsWith('geography/'))) {
      const text = readFileSync(join(out, f), 'latin1');
      const header = text.slice(0, text.indexOf('\r\n'));
      expect(header, f).toBe(f.endsWith('-street.csv') ? STREET_HEADER : f.endsWith('-outcomes.csv') ? OUTCOMES_HEADER : SS_HEADER);
      expect(text.endsWith('\r\n'), f).toBe(true);
      expect(text.replace(/\r\n/g, '').includes('\n'), f).toBe(false);
    }
  });

  it('writes street rows as data.police.uk does', () => {
    let asb = 0, noLoc = 0, located = 0;
    for (const f of files.filter((x) => x.endsWith('-street.csv'))) {
      const month = f.slice(0, 7);
      const [header, ...rows] = readCsv(join(out, f));
      expect(header!.length).toBe(12);
      for (const r of rows) {
        expect(r.length, r.join(',')).toBe(12);
        const [id, m, by, within, lon, lat, loc, lsoa, lsoaName, type, outcome, context] = r as [string, string, string, string, string, string, string, string, string, string, string, string];
        expect(m).toBe(month);
        expect(resolveForce(by)).toBeDefined();
        expect(within).toBe(by);
        expect(resolveCrimeCategory(type), type).toBeDefined();
        expect(context).toBe('');
        if (type === 'Anti-social behaviour') {
          asb++;
          expect(id).toBe('');
          expect(outcome).toBe('');
        } else {
          expect(id).toMatch(/^[0-9a-f]{64}$/);
          expect(resolveOutcome(outcome), outcome).toBeDefined();
        }
        if (loc === 'No Location') {
          noLoc++;
          expect([lon, lat, lsoa, lsoaName]).toEqual(['', '', '', '']);
        } else {
          located++;
          expect(lon).toMatch(/^-?\d+\.\d{6}$/);
          expect(lat).toMatch(/^\d+\.\d{6}$/);
          expect(loc).toMatch(/^On or near [A-Za-z/ ]+$/);
          expect(lsoa).toMatch(/^[EW]01[1-5]\d{5}$/);
          expect(lsoaName).toMatch(/^[A-Za-z]+( \d+)? \d{3}[A-E]$/);
        }
      }
    }
    expect(asb).toBeGreaterThan(0);
    expect(noLoc).toBeGreaterThan(0);
    expect(located).toBeGreaterThan(noLoc);
  });

  it('dates outcome events in their file month, for crimes published in that or an earlier month', () => {
    const crimeMonth = new Map<string, string>();
    for (const f of files.filter((x) => x.endsWith('-street.csv'))) for (const r of readCsv(join(out, f)).slice(1)) if (r[0]) crimeMonth.set(r[0], r[1]!);
    let n = 0;
    for (const f of files.filter((x) => x.endsWith('-outcomes.csv'))) {
      const month = f.slice(0, 7);
      for (const r of readCsv(join(out, f)).slice(1)) {
        n++;
        expect(r.length).toBe(10);
        expect(r[1]).toBe(month);
        expect(resolveOutcome(r[9]!), r[9]).toBeDefined();
        const cm = crimeMonth.get(r[0]!);
        expect(cm, r[0]).toBeDefined();
        expect(cm! <= month).toBe(true);
        if (r[6] !== 'No location') expect(r[6]).toMatch(/^On or near /);
      }
    }
    expect(n).toBeGreaterThan(0);
    expect(summary.outcome_rows).toBe(n);
  });

  it('writes stop-and-search rows with ISO dates in the month and the standard vocabularies', () => {
    let n = 0, located = 0;
    for (const f of files.filter((x) => x.endsWith('-stop-and-search.csv'))) {
      const month = f.slice(0, 7);
      for (const r of readCsv(join(out, f)).slice(1)) {
        n++;
        expect(r.length).toBe(15);
        expect(r[1]).toMatch(new RegExp(`^${month}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\+00:00$`));
        expect(STOP_SEARCH_VOCABULARIES.type.has(r[0]!.toLowerCase()), r[0]).toBe(true);
        expect(STOP_SEARCH_VOCABULARIES.legislation.has(r[10]!.toLowerCase()), r[10]).toBe(true);
        expect(STOP_SEARCH_VOCABULARIES.object_of_search.has(r[11]!.toLowerCase()), r[11]).toBe(true);
        expect(STOP_SEARCH_VOCABULARIES.outcome.has(r[12]!.toLowerCase()), r[12]).toBe(true);
        expect(STOP_SEARCH_VOCABULARIES.gender.has(r[6]!.toLowerCase()), r[6]).toBe(true);
        if (r[7]) expect(STOP_SEARCH_VOCABULARIES.age_range.has(r[7]), r[7]).toBe(true);
        if (r[8]) expect(STOP_SEARCH_VOCABULARIES.self_defined_ethnicity.has(r[8].toLowerCase()), r[8]).toBe(true);
        if (r[9]) expect(STOP_SEARCH_VOCABULARIES.officer_defined_ethnicity.has(r[9].toLowerCase()), r[9]).toBe(true);
        if (r[4]) {
          located++;
          expect(r[4]).toMatch(/^\d+\.\d{6}$/);
          expect(r[5]).toMatch(/^-?\d+\.\d{6}$/);
        }
      }
    }
    expect(n).toBe(summary.stop_search_rows);
    expect(located / n).toBeGreaterThan(0.55);
    expect(located / n).toBeLessThan(0.85);
  });

  it('writes the geography in the ONS lookup formats, covering every LSOA the street files use', () => {
    const best = readFileSync(join(out, 'geography', 'LSOA_(2011)_to_LSOA_(2021)_to_Local_Authority_District_(2022)_Best_Fit_Lookup_for_EW_(V2).csv'), 'utf8');
    expect(best.startsWith('\ufeffObjectId,LSOA11CD,LSOA11NM,LSOA21CD,LSOA21NM,LAD22CD,LAD22NM,LAD22NMW\n')).toBe(true);
    const lad = readFileSync(join(out, 'geography', 'Local_Authority_District_to_Community_Safety_Partnerships_to_Police_Force_Areas__January_2017__Lookup_in_England_and_Wales_Version_2.csv'), 'utf8');
    expect(lad.startsWith('\ufeffLAD17CD,LAD17NM,CSP17CD,CSP17NM,PFA17CD,PFA17NM,FID\n')).toBe(true);
    const pts = readFileSync(join(out, 'geography', 'lsoa_latlong.csv'), 'utf8');
    expect(pts.startsWith('LSOACD,latitude,longitude,lsoa11cd\n')).toBe(true);
    const lsoaToLad = new Map(best.trim().split('\n').slice(1).map((l) => { const c = l.split(','); return [c[1]!, c[5]!] as const; }));
    const ladToPfa = new Map(lad.trim().split('\n').slice(1).map((l) => { const c = l.split(','); return [c[0]!, c[4]!] as const; }));
    const pointCodes = new Set(pts.trim().split('\n').slice(1).map((l) => l.split(',')[0]!));
    for (const f of files.filter((x) => x.endsWith('-street.csv'))) {
      for (const r of readCsv(join(out, f)).slice(1)) {
        if (!r[7]) continue;
        const ladCode = lsoaToLad.get(r[7]);
        expect(ladCode, r[7]).toBeDefined();
        expect(ladToPfa.get(ladCode!), ladCode).toMatch(/^[EW](23|15)\d{6}$/);
        expect(pointCodes.has(r[7])).toBe(true);
      }
    }
  });
});
