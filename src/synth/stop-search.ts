/**
 * The stop-and-search files: the monthly mean of searches per force (the Met's share, the rest by
 * recorded crime) and the rows of a month, in time order, with type, place, person, legislation,
 * object and outcome drawn from Home Office mixes.
 */
import {
  SEARCH_LEGISLATION, SEARCH_OBJECTS, SEARCH_OUTCOMES, SEARCH_TYPES,
  type ForceId, type SearchLegislation, type SearchObject, type SearchOutcome, type SearchType,
} from '../standard/index.ts';
import { FORCE_CRIME_2024, STOP_SEARCH } from './calibration.ts';
import { NATIONAL_CRIME, pointInLsoa, type ForceGeography } from './places.ts';
import { pickCumulative, weightedPicker, type Rng } from './random.ts';
import type { Sink } from './sink.ts';
import { daysIn } from './volumes.ts';

export const STOP_SEARCH_HEADER = 'Type,Date,Part of a policing operation,Policing operation,Latitude,Longitude,Gender,Age range,Self-defined ethnicity,Officer-defined ethnicity,Legislation,Object of search,Outcome,Outcome linked to object of search,Removal of more than just outer clothing\r\n';

const MET_CRIME = FORCE_CRIME_2024.metropolitan![0];

/** Mean searches per month at scale 1: the Met's share, the rest by recorded crime. */
export function stopSearchMonthly(force: ForceId): number {
  const share = force === 'metropolitan' ? STOP_SEARCH.metropolitanShare : ((1 - STOP_SEARCH.metropolitanShare) * FORCE_CRIME_2024[force]![0]) / (NATIONAL_CRIME - MET_CRIME);
  return (STOP_SEARCH.annualNational * share) / 12;
}

const TYPE_NAME = Object.fromEntries(SEARCH_TYPES.map((x) => [x.id, x.name])) as Record<SearchType, string>;
const LEG_NAME = Object.fromEntries(SEARCH_LEGISLATION.map((x) => [x.id, x.name])) as Record<SearchLegislation, string>;
const OBJ_NAME = Object.fromEntries(SEARCH_OBJECTS.map((x) => [x.id, x.name])) as Record<SearchObject, string>;
const SOUT_NAME = Object.fromEntries(SEARCH_OUTCOMES.map((x) => [x.id, x.name])) as Record<SearchOutcome, string>;

const SEARCH_TYPE_MIX: ReadonlyArray<readonly [SearchType, number]> = [['person', 0.82], ['person-and-vehicle', 0.12], ['vehicle', 0.06]];
/** Legislation with the objects searched for under it (Home Office stop and search statistics, rounded). */
const LEGISLATION_MIX: ReadonlyArray<readonly [readonly [SearchLegislation, ReadonlyArray<readonly [SearchObject, number]>], number]> = [
  [['misuse-of-drugs-s23', [['controlled-drugs', 1]]], 0.62],
  [['pace-s1', [['offensive-weapons', 0.45], ['stolen-goods', 0.3], ['article-for-use-in-theft', 0.15], ['articles-for-criminal-damage', 0.05], ['anything-to-threaten-or-harm', 0.05]]], 0.33],
  [['cjpoa-s60', [['offensive-weapons', 1]]], 0.02],
  [['firearms-s47', [['firearms', 1]]], 0.02],
  [['psychoactive-s36', [['psychoactive-substances', 1]]], 0.01],
];
const GENDER_MIX: ReadonlyArray<readonly [string, number]> = [['Male', 0.89], ['Female', 0.1], ['Other', 0.01]];
const AGE_MIX: ReadonlyArray<readonly [string, number]> = [['18-24', 0.33], ['25-34', 0.27], ['over 34', 0.22], ['10-17', 0.14], ['under 10', 0.004], ['', 0.036]];
/** Officer-defined ethnicity with the self-defined wording most often given by that group. */
const ETHNICITY: Readonly<Record<string, readonly string[]>> = {
  White: ['White - English/Welsh/Scottish/Northern Irish/British', 'White - Any other White background', 'White - Irish'],
  Black: ['Black/African/Caribbean/Black British - African', 'Black/African/Caribbean/Black British - Caribbean', 'Black/African/Caribbean/Black British - Any other Black/African/Caribbean background'],
  Asian: ['Asian/Asian British - Pakistani', 'Asian/Asian British - Bangladeshi', 'Asian/Asian British - Indian', 'Asian/Asian British - Any other Asian background'],
  Mixed: ['Mixed/Multiple ethnic groups - White and Black Caribbean', 'Mixed/Multiple ethnic groups - Any other Mixed/Multiple ethnic background'],
  Other: ['Other ethnic group - Any other ethnic group', 'Other ethnic group - Arab'],
  '': ['Other ethnic group - Not stated'],
};
const ETHNICITY_MET: ReadonlyArray<readonly [string, number]> = [['White', 0.38], ['Black', 0.32], ['Asian', 0.18], ['Mixed', 0.04], ['Other', 0.05], ['', 0.03]];
const ETHNICITY_OTHER: ReadonlyArray<readonly [string, number]> = [['White', 0.75], ['Black', 0.09], ['Asian', 0.09], ['Mixed', 0.02], ['Other', 0.02], ['', 0.03]];

const pickEthMet = weightedPicker(ETHNICITY_MET);
const pickEthOther = weightedPicker(ETHNICITY_OTHER);
const pickLegislation = weightedPicker(LEGISLATION_MIX.map(([[leg, objs], w]) => [[leg, weightedPicker(objs)] as const, w] as const));
const pickSearchOutcome = weightedPicker(STOP_SEARCH.outcomes);
const pickType = weightedPicker(SEARCH_TYPE_MIX);
const pickGender = weightedPicker(GENDER_MIX);
const pickAge = weightedPicker(AGE_MIX);

/** Writes `n` searches of a month to `sink`; returns `n`. */
export function stopSearchRows(rng: Rng, g: ForceGeography, month: string, met: boolean, n: number, sink: Sink): number {
  const seconds = Array.from({ length: n }, () => rng.int(daysIn(month) * 86_400)).sort((a, b) => a - b);
  for (const s of seconds) {
    const d = Math.floor(s / 86_400) + 1, hh = Math.floor((s % 86_400) / 3600), mm = Math.floor((s % 3600) / 60), ss = s % 60;
    const date = `${month}-${String(d).padStart(2, '0')}T${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}:${String(ss).padStart(2, '0')}+00:00`;
    const op = rng.next() < 0.55 ? 'False' : '';
    let latlon = ',';
    if (rng.next() >= STOP_SEARCH.noCoordinates) {
      const p = pointInLsoa(rng, g, pickCumulative(g.weights.drugs, rng.next()));
      latlon = `${g.pointLat[p]!.toFixed(6)},${g.pointLon[p]!.toFixed(6)}`;
    }
    const officer = (met ? pickEthMet : pickEthOther)(rng.next());
    const selfList = rng.next() < 0.85 ? ETHNICITY[officer]! : ETHNICITY['']!;
    const self = selfList[rng.int(selfList.length)]!;
    const [leg, pickObject] = pickLegislation(rng.next());
    const obj = pickObject(rng.next());
    const outcome = pickSearchOutcome(rng.next());
    const linked = outcome === 'nfa' ? 'False' : rng.next() < 0.6 ? 'True' : 'False';
    const u = rng.next();
    const removal = u < 0.96 ? 'False' : u < 0.98 ? 'True' : '';
    sink.s(`${TYPE_NAME[pickType(rng.next())]},${date},${op},,${latlon},${pickGender(rng.next())},${pickAge(rng.next())},${self},${officer},${LEG_NAME[leg]},${OBJ_NAME[obj]},${SOUT_NAME[outcome]},${linked},${removal}\r\n`);
  }
  return n;
}
