/** A small street set with text cells a spreadsheet would run as formulas (OWASP CSV injection). */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { STREET_HEADER, streetRow, writeLines } from './police-uk.ts';

export const HOSTILE = {
  formula: `=cmd|' /C calc'!A0`,
  plus: '+SUM(A1:A9)',
  at: '@HYPERLINK("http://x")',
  minus: '-2+3',
  tab: '\tTabbed',
};

/** Writes a Kent and an Essex street month with hostile text cells and negative longitudes. */
export function writeHostileSet(dir: string): void {
  mkdirSync(dir, { recursive: true });
  writeLines(join(dir, '2024-03-kent-street.csv'), [STREET_HEADER,
    streetRow({ location: HOSTILE.formula, lon: '-0.521' }),
    streetRow({ location: HOSTILE.plus, lsoaName: HOSTILE.at }),
    streetRow({ location: HOSTILE.minus }),
    streetRow({ location: `"${HOSTILE.tab}"` }),
    streetRow({ location: 'On or near High Street' }),
    streetRow({ lon: '', lat: '', location: 'No location' }),
  ]);
  writeLines(join(dir, '2024-04-essex-street.csv'), [STREET_HEADER,
    streetRow({ force: 'Essex Police', month: '2024-04', lon: '-0.1', lat: '51.7', lsoa: 'E01021000', lsoaName: 'Chelmsford 001A' }),
  ]);
}

