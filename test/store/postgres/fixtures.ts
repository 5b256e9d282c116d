/**
 * Files with one of every quirk the loader must handle, for the same-results tests of the two
 * backends: good rows, ASB rows without ids at one point, repeated Crime IDs, a coordinate that is
 * an integer, and bad rows of every street reason (unknown category, force and outcome,
 * unparseable, partial and out-of-range coordinates, malformed LSOA, unparseable month, rows of
 * another force and month, too few and too many fields); outcomes and stop-and-search files too.
 */
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { OUTCOMES_HEADER, STOP_SEARCH_HEADER, STREET_HEADER, asbRow, crimeId, streetRow, writeLines } from '../../helpers/police-uk.ts';

export function streetLines(seed: string, extra = 0): string[] {
  const id = (n: string) => crimeId(`${seed}${n}`);
  const good = Array.from({ length: 6 + extra }, (_, i) => streetRow({ id: id(`g${i}`), lon: (0.5 + i * 0.001).toFixed(4), lat: (51.2 + i * 0.002).toFixed(4), type: i % 2 ? 'Vehicle crime' : 'Burglary' }));
  return [
    STREET_HEADER,
    ...good,
    asbRow({ lon: '0.6', lat: '51.3' }), asbRow({ lon: '0.6', lat: '51.3' }), asbRow({ lon: '0.6', lat: '51.3' }),
    streetRow({ id: id('rep'), type: 'Burglary' }), streetRow({ id: id('rep'), type: 'Robbery' }),
    streetRow({ id: id('int'), lon: '1', lat: '51' }),
    streetRow({ id: id('nocoords'), lon: '', lat: '', location: 'No location', lsoa: '', lsoaName: '' }),
    streetRow({ id: id('comma'), location: 'On or near Station Road, North' }),
    streetRow({ id: id('b1'), type: 'Nonsense' }),
    streetRow({ id: id('b2'), lon: 'abc' }),
    streetRow({ id: id('b3'), lon: '' }),
    streetRow({ id: id('b4'), lon: '10' }),
    streetRow({ id: id('b5'), lsoa: 'X123' }),
    streetRow({ id: id('b6'), month: '2024-13' }),
    streetRow({ id: id('b7'), force: 'Nowhere Police' }),
    streetRow({ id: id('b8'), force: 'Essex Police' }),
    streetRow({ id: id('b9'), month: '2024-02' }),
    streetRow({ id: id('b10'), outcome: 'A weird outcome' }),
    streetRow({ id: id('b11') }).split(',').slice(0, 8).join(','),
    `${streetRow({ id: id('b12') })},extra`,
    streetRow({ id: id('b13'), type: ' burglary ', lon: '0.4', lat: '95' }),
  ];
}

export function outcomesLines(seed: string): string[] {
  const row = (n: string, outcome = 'Investigation complete; no suspect identified') =>
    [crimeId(`${seed}${n}`), '2024-03', 'Kent Police', 'Kent Police', '0.521', '51.271', 'On or near High Street', 'E01024389', 'Maidstone 001A', outcome].join(',');
  return [OUTCOMES_HEADER, row('o1'), row('o2'), row('o3', 'Offender given a caution'), row('o4', 'Not a real outcome'), row('o1')];
}

export function stopSearchLines(): string[] {
  const row = (o: { date?: string; type?: string; lat?: string; gender?: string; bool?: string } = {}) => [
    o.type ?? 'Person search', o.date ?? '2024-03-05T10:00:00+00:00', o.bool ?? 'False', '', o.lat ?? '51.27', '0.52', o.gender ?? 'Male', '18-24',
    'White - English/Welsh/Scottish/Northern Irish/British', 'White', 'Misuse of Drugs Act 1971 (section 23)', 'Controlled drugs',
    'A no further action disposal', 'False', 'False'].map((v) => (v.includes(',') ? `"${v}"` : v)).join(',');
  return [STOP_SEARCH_HEADER, row(), row(), row({ date: '2024-03-06T11:30:00+00:00', lat: '' }), row({ date: 'yesterday' }),
    row({ type: 'Spaceship search' }), row({ gender: 'Robot' }), row({ bool: 'maybe' }), row({ date: '2024-03-07T01:00:00+00:00', lat: '51.5' })];
}

/** Writes the first load's files under `dir` and returns them. */
export function writeFirstLoad(dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  return [
    writeLines(join(dir, '2024-03-kent-street.csv'), streetLines('a')),
    writeLines(join(dir, '2024-04-kent-street.csv'), streetLines('b').map((l) => l.replace(/,2024-03,/, ',2024-04,'))),
    writeLines(join(dir, '2024-03-kent-outcomes.csv'), outcomesLines('a')),
    writeLines(join(dir, '2024-03-kent-stop-and-search.csv'), stopSearchLines()),
  ];
}
