/**
 * One Kent street file and one outcomes file holding every kind of row id: unique Crime IDs (one
 * of them unlocated), a Crime ID repeated with different and with identical content, anti-social
 * behaviour rows without a Crime ID (two identical), and an outcome without a Crime ID. Every field
 * is fixed, so the ids are too.
 */
import { join } from 'node:path';
import { OUTCOMES_HEADER, STREET_HEADER, asbRow, crimeId, streetRow, writeLines } from '../../helpers/police-uk.ts';

const outcomeRow = (id: string, outcome: string, lon = '0.521') =>
  [id, '2024-03', 'Kent Police', 'Kent Police', lon, '51.271', 'On or near High Street', 'E01024389', 'Maidstone 001A', outcome].join(',');

export function writeRowKeyFixture(dir: string): string[] {
  const u1 = crimeId('unique-1'), u2 = crimeId('unique-2'), u3 = crimeId('unique-3'), d = crimeId('repeated');
  return [
    writeLines(join(dir, '2024-03-kent-street.csv'), [
      STREET_HEADER,
      streetRow({ id: u1 }),
      streetRow({ id: u2, lon: '-0.1', lat: '51.5', type: 'Vehicle crime', outcome: 'Suspect charged' }),
      streetRow({ id: u3, lon: '', lat: '', location: 'No Location', lsoa: '', lsoaName: '' }),
      streetRow({ id: d }),
      streetRow({ id: d, lon: '0.7', outcome: 'Suspect charged' }),
      streetRow({ id: d }),
      asbRow({ lon: '0.51' }),
      asbRow({ lon: '0.51' }),
      asbRow({ lon: '0.53', location: 'On or near Park' }),
    ]),
    writeLines(join(dir, '2024-03-kent-outcomes.csv'), [
      OUTCOMES_HEADER,
      outcomeRow(u1, 'Investigation complete; no suspect identified'),
      outcomeRow(d, 'Suspect charged'),
      outcomeRow(d, 'Suspect charged', '0.7'),
      outcomeRow('', 'Suspect charged'),
    ]),
  ];
}
