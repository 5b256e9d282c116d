/**
 * The word lists that tell a name from a place, a brand, a rank, a role or an ordinary word when
 * finding people (persons.ts, officers.ts), and every list a word is in as bits, looked up once per
 * word.
 */
import { AMBIGUOUS_NAMES, COMMON_WORDS, FORENAMES, NOT_NAME_CAPS, SURNAMES, TITLES } from './names.ts';
import type { Token } from './person-tokens.ts';

/** Words after a name that make it a place: "Stanley Road", "Victoria Station". */
export const PLACE_WORDS = new Set(
  ('street st road rd avenue ave lane close court crescent drive grove gardens place terrace way walk row square ' +
    'mews parade hill rise park green vale station centre center hospital school college university bridge estate ' +
    'house hall church chapel court common heath wood woods field fields farm retail shopping precinct market arms ' +
    'tavern inn hotel bar club academy primary surgery library stadium ground prison magistrates crown police')
    .split(' '),
);
/** Forenames and surnames that are also places in England and Wales. */
const PLACES = new Set(
  ('aston chelsea kendal lincoln preston chester lancaster beverley stafford derby bedford burton clayton bolton ' +
    'warwick hastings york halifax stanley whitby darwin sydney florence adelaide camden brent barnet ealing hayes ' +
    'kirby kirkby bradford bury sale wells march ely ashford sutton newton clifton morley crosby washington salford ' +
    'rhyl bangor newport carlisle dudley rugby luton hull bath')
    .split(' '),
);
/** Brands and products written like a name: "Jack Daniels", "Stone Island", "Canada Goose". */
export const BRANDS = new Set([
  'jack daniels', 'jack daniel', 'stone island', 'canada goose', 'north face', 'ralph lauren', 'tommy hilfiger',
  'calvin klein', 'hugo boss', 'ted baker', 'john lewis', 'fred perry', 'ben sherman', 'jack wills', 'harvey nichols',
  'louis vuitton', 'paul smith', 'tom ford', 'victoria secret', 'morgan stanley', 'marks spencer', 'jd sports',
]);
export const BRAND_FIRST = new Set([...BRANDS].map((b) => b.split(' ')[0]));
export function isBrand(first: string, second: string): boolean {
  return BRAND_FIRST.has(first) && BRANDS.has(`${first} ${second}`);
}
export const PARTICLES = new Set(['ap', 'ab', 'de', 'van', 'von', 'der', 'den', 'da', 'di', 'du', 'le', 'la', 'bin', 'ibn', 'al', 'el', 'st', 'mac', 'dos', 'das']);
const ROLE_CUES = new Set(
  ('victim suspect suspects witness caller driver passenger subject son daughter mother mum mom dad father brother ' +
    'sister wife husband partner ex girlfriend boyfriend cousin nan nana gran grandmother grandfather grandma grandad ' +
    'granddad uncle aunt auntie nephew niece stepfather stepmother stepdad stepmum stepson stepdaughter neighbour ' +
    'neighbor keeper hirer owner manager detective guard member warden solicitor investigator tradesman supervisor ' +
    'holder ip inft complainant offender informant runner user controller occupant friend associate landlord ' +
    'landlady tenant lodger carer employee colleague boss teacher doctor nurse named called aka alias nicknamed ' +
    'male female man woman boy girl youth teenager child children pal mate fiance fiancee twin kids child ' +
    'grandson granddaughter signed registered addressed ex-partner ex-boyfriend ex-girlfriend ex-husband ex-wife expartner' )
    .split(' '),
);
/** The noun before "known as"/"called" that makes the name a thing, not a person: "a line known as 'BANDO'". */
export const NON_PERSON_NOUNS = new Set('line lines platform app website site company firm shop store group gang club pub bar account operation road street estate area brand business page channel crew network'.split(' '));
/** Car makes: the word after one is a model, even when it is also a forename ("SEAT Leon", "Renault Zoe"). */
const CAR_MAKES = new Set(
  ('seat renault skoda toyota ford vauxhall vw volkswagen honda nissan kia hyundai bmw audi mercedes fiat peugeot ' +
    'citroen mini mazda volvo jaguar lexus suzuki dacia tesla porsche alfa romeo mitsubishi subaru jeep chevrolet ' +
    'smart saab rover landrover chrysler dodge cupra polestar mg ds lotus bentley')
    .split(' '),
);
/** Police teams and units written after a place: "Perry Barr NPT", "Folkestone CSU". */
export const TEAM_AFTER = new Set('npt csu bcu cid ocg lpu snt rpu mit cait pvp cmu sot dit ppu npu lpa'.split(' '));
export const RANK_WORDS = new Set('pc wpc pcso sc ps sgt dc ds di dci dsi supt insp csi inspector sergeant constable superintendent officer'.split(' '));

/** Short function words that never start or continue a lower-case name. */
const STOPISH = new Set('a an the and or but of to in on at by for from with as is was are were be been has had have he she it they we you his her its their our my your this that these those not no yes who which what when where why how than then so if also'.split(' '));
function isStopish(key: string): boolean {
  return STOPISH.has(key);
}

export function isCommon(key: string): boolean {
  return COMMON_WORDS.has(key) || NOT_NAME_CAPS.has(key);
}

// ---------------------------------------------------------------- one gazetteer lookup per word

export const W_FORENAMES = 1;
export const W_SURNAMES = 2;
export const W_AMBIGUOUS_NAMES = 4;
export const W_PLACES = 8;
export const W_PARTICLES = 16;
export const W_RANK_WORDS = 32;
export const W_NOT_NAME_CAPS = 64;
export const W_TITLES = 128;
export const W_ROLE_CUES = 256;
export const W_CAR_MAKES = 512;
export const W_TEAM_AFTER = 1024;
export const W_PLACE_WORDS = 2048;
/** In COMMON_WORDS or NOT_NAME_CAPS: `isCommon`. */
export const W_COMMON = 4096;
export const W_STOPISH = 8192;
let WORD_FLAGS: Map<string, number> | null = null;
/** Every gazetteer and word list a word is in, as W_* bits (one Map lookup instead of one Set lookup per list and rule). */
export function wordFlags(key: string): number {
  if (!WORD_FLAGS) {
    const m = new Map<string, number>();
    const add = (set: ReadonlySet<string>, bit: number) => {
      for (const w of set) m.set(w, (m.get(w) ?? 0) | bit);
    };
    add(FORENAMES, W_FORENAMES);
    add(SURNAMES, W_SURNAMES);
    add(AMBIGUOUS_NAMES, W_AMBIGUOUS_NAMES);
    add(PLACES, W_PLACES);
    add(PARTICLES, W_PARTICLES);
    add(RANK_WORDS, W_RANK_WORDS);
    add(NOT_NAME_CAPS, W_NOT_NAME_CAPS);
    add(TITLES, W_TITLES);
    add(ROLE_CUES, W_ROLE_CUES);
    add(CAR_MAKES, W_CAR_MAKES);
    add(TEAM_AFTER, W_TEAM_AFTER);
    add(PLACE_WORDS, W_PLACE_WORDS);
    add(COMMON_WORDS, W_COMMON);
    add(NOT_NAME_CAPS, W_COMMON);
    add(STOPISH, W_STOPISH);
    WORD_FLAGS = m;
  }
  return WORD_FLAGS.get(key) ?? 0;
}

/** A word in ALL-CAPS text that reads as English rather than a name (verbs, adverbs, plurals). */
export function capsWordish(t: Token): boolean {
  if (t.f & (W_FORENAMES | W_SURNAMES)) return false;
  return (t.f & W_COMMON) !== 0 || /(?:ED|ING|LY|ES|ION|MENT|NESS)$/.test(t.s);
}
