/** Small narrative sets for the records tests: two forces sharing a vehicle and a phone. */
import { writeFileSync } from 'node:fs';

export const NARRATIVES = [
  { force_id: 'kent', record_id: 'K-1', kind: 'crime', occurred_at: '2024-05-01T10:00:00Z', category: 'burglary', location_text: 'On or near High Street, Dover',
    narrative: 'IP Sarah JONES reports her back door forced with a screwdriver. Suspect vehicle grey Ford Focus reg AB12 CDE seen leaving. Call back on 07700 900123.' },
  { force_id: 'kent', record_id: 'K-2', kind: 'intelligence', occurred_at: '2024-05-03T22:15:00Z', category: null, location_text: 'Dover',
    narrative: 'Source states Kyle BRANNIGAN is using the phone 07700900123 to arrange burglaries. He drives the vehicle AB12CDE.' },
  { force_id: 'essex', record_id: 'E-7', kind: 'crime', occurred_at: '2024-05-06T02:30:00Z', category: 'vehicle-crime', location_text: 'On or near Station Road, Colchester',
    narrative: 'Catalytic converter stolen. Witness saw vehicle ab12 cde nearby. Witness Tom HARDY on 01206 555 123.' },
  { force_id: 'essex', record_id: 'E-8', kind: 'crime', occurred_at: '2024-05-07T09:00:00Z', category: 'burglary', location_text: 'Colchester', classification: 'OFFICIAL-SENSITIVE',
    narrative: 'Sensitive burglary report. Vehicle AB12 CDE used. PC 1234 SMITH attended.' },
] as const;

export function writeNdjson(path: string, rows: readonly object[], extra: readonly string[] = []): string {
  writeFileSync(path, [...rows.map((r) => JSON.stringify(r)), ...extra].join('\n') + '\n');
  return path;
}
