/**
 * The street and outcomes files' rows: their headers, the location columns of a `No Location` row,
 * and the cached tails of a row (category and outcome wording, CRLF).
 */
import { crimeCategoryName } from '../standard/index.ts';
import { SYNTH_CATEGORIES, type SynthCategory } from './calibration.ts';

const CAT_NAME = Object.fromEntries(SYNTH_CATEGORIES.map((c) => [c, crimeCategoryName(c)])) as Record<SynthCategory, string>;

export const STREET_HEADER = 'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context\r\n';
export const OUTCOMES_HEADER = 'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Outcome type\r\n';
/** The five location columns of a `No Location` row: street files say `No Location`, outcomes files `No location`. */
export const NO_LOCATION = ',,No Location,,';
export const NO_LOCATION_OUTCOMES = ',,No location,,';

/** `,<Crime type>,<Last outcome category>,` + CRLF, built once per pair (a few hundred strings). */
const TAILS = Object.fromEntries(SYNTH_CATEGORIES.map((c) => [c, new Map<string, string>()])) as Record<SynthCategory, Map<string, string>>;
export function rowTail(c: SynthCategory, last: string): string {
  const m = TAILS[c];
  let t = m.get(last);
  if (t === undefined) m.set(last, (t = ',' + CAT_NAME[c] + ',' + last + ',\r\n'));
  return t;
}

const OUT_TAILS = new Map<string, string>();
/** `,<Outcome type>` + CRLF, built once per outcome. */
export function outcomeTail(name: string): string {
  let t = OUT_TAILS.get(name);
  if (t === undefined) OUT_TAILS.set(name, (t = ',' + name + '\r\n'));
  return t;
}
