/**
 * UK postcodes, graded by whether their area is a UK postcode area; an officer's rank and collar
 * number run together (`PC173SE`) is not one.
 */
import type { Candidate } from '../entity.ts';
import { cand } from '../candidate.ts';

const POSTCODE = /\b(?<![/-])(?:[A-Z]{1,2}\d[A-Z\d]?\s{0,2}\d[ABD-HJLNP-UW-Z]{2}|[a-z]{1,2}\d[a-z\d]?\s{0,2}\d[abd-hjlnp-uw-z]{2})(?![\w/-])/g;
/** Postcode areas of the United Kingdom: a match in a listed area is graded higher. */
const POSTCODE_AREAS = new Set(
  ('AB AL B BA BB BD BH BL BN BR BS BT CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT DY E EC EH EN EX FK FY G GL GU ' +
    'HA HD HG HP HR HS HU HX IG IP IV KA KT KW KY L LA LD LE LL LN LS LU M ME MK ML N NE NG NN NP NR NW OL OX PA PE PH PL PO PR ' +
    'RG RH RM S SA SE SG SK SL SM SN SO SP SR SS ST SW SY TA TD TF TN TQ TR TS TW UB W WA WC WD WF WN WR WS WV YO ZE GY JE IM')
    .split(' '),
);

const RANK_LIKE = new Set(['PC', 'DC', 'PS', 'DS', 'SC', 'DI', 'CI', 'SGT', 'PCSO']);

export function findPostcodes(text: string): Candidate[] {
  const out: Candidate[] = [];
  for (const m of text.matchAll(POSTCODE)) {
    const v = m[0].toUpperCase().replace(/\s/g, '');
    const value = `${v.slice(0, -3)} ${v.slice(-3)}`;
    const area = /^[A-Z]+/.exec(v)?.[0] ?? '';
    // "PC173SE Tilley" is an officer with a collar number, not a postcode: no UK area is a rank.
    if (!POSTCODE_AREAS.has(area) && RANK_LIKE.has(area)) continue;
    out.push(cand('POSTCODE', m.index, m[0], value, POSTCODE_AREAS.has(area) ? 0.95 : 0.75));
  }
  return out;
}
