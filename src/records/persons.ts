/**
 * Finds people in police narratives without a model: officers by rank and collar number, and
 * members of the public by the conventions police logs follow.
 *
 * What counts as a person's name, strongest cue first:
 * - an ALL-CAPS surname in mixed-case text (`Kyle BRANNIGAN`), the national recording habit,
 *   together with the forenames, initials and particles before it (`Dafydd ap IORWERTH`);
 * - `SURNAME, Forename` (`WATKINS, Connor`);
 * - a title (Mr, Mrs, Ms, Miss, Dr, Rev; outside the span) or a role (IP, suspect, witness,
 *   caller, driver, son, mum, neighbour, "known as", "calling himself", "in the name of") before
 *   a capitalised word or a quoted nickname (`known as 'Skeng'`);
 * - a forename from the gazetteer, with any surname after it (`James Harrington`), unless the
 *   words make a street or a brand (`Stanley Road`, `Jack Daniels`);
 * - in ALL-CAPS text, where capitals say nothing: gazetteer forenames, roles and "DOB" anchors,
 *   stopping at ordinary words;
 * - then every later mention of a part of a name already found in the record, in any case
 *   (`shaun`, `Kerrigan`), except that a part which is also an ordinary word (`GREEN`, `STONE`)
 *   must repeat the exact form, so "a green jacket" and "Stone Island" stay as they are.
 */
import type { Candidate } from './entity.ts';
import { cand } from './identifiers.ts';
import { AMBIGUOUS_NAMES, COMMON_WORDS, FORENAMES, NOT_NAME_CAPS, SURNAMES, TITLES } from './names.ts';

interface Token {
  readonly s: string;
  readonly start: number;
  readonly end: number;
  readonly key: string;
  readonly shape: 'upper' | 'cap' | 'lower' | 'initial';
  /** What the gazetteers say of `key` (the W_* bits), looked up once per word. */
  readonly f: number;
}

/** ' " ‘ “ */
function isOpenQuote(c: number): boolean {
  return c === 39 || c === 34 || c === 0x2018 || c === 0x201c;
}
/** ' " ’ ” */
function isCloseQuote(c: number): boolean {
  return c === 39 || c === 34 || c === 0x2019 || c === 0x201d;
}

function isLetter(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) return true;
  if (c < 0xc0) return false;
  const ch = text[i];
  return ch.toLowerCase() !== ch.toUpperCase();
}

function shapeOf(s: string, lower: string): Token['shape'] {
  const upper = s.toUpperCase();
  return s.length === 1 ? (s !== lower ? 'initial' : 'lower')
    : s === upper || ((s.startsWith('Mc') || s.startsWith('Mac')) && s.slice(s.startsWith('Mc') ? 2 : 3) === upper.slice(s.startsWith('Mc') ? 2 : 3)) ? 'upper'
    : s[0] !== lower[0] ? 'cap'
    : 'lower';
}

/** `shapeOf` by character codes for a plain ASCII word (most of them); undefined otherwise. */
function asciiShape(s: string): Token['shape'] | undefined {
  const L = s.length;
  let lowers = 0;
  let lowerAt = -1;
  for (let k = 0; k < L; k++) {
    const ch = s.charCodeAt(k);
    if (ch >= 97 && ch <= 122) {
      if (lowers++ === 0) lowerAt = k;
    } else if (ch > 127) return undefined;
  }
  const c0 = s.charCodeAt(0);
  const firstUpper = c0 >= 65 && c0 <= 90;
  if (L === 1) return firstUpper ? 'initial' : 'lower';
  if (lowers === 0) return 'upper';
  // "McDONALD", "MacDONALD": the one lower-case letter of the prefix, the rest in capitals.
  if (lowers === 1 && lowerAt === 1 && c0 === 77 && s.charCodeAt(1) === 99) return 'upper';
  if (lowers === 2 && c0 === 77 && s.charCodeAt(1) === 97 && s.charCodeAt(2) === 99) return 'upper';
  return firstUpper ? 'cap' : 'lower';
}

/** Words of the text: letters, with apostrophes and hyphens inside; a trailing possessive 's dropped. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  const len = text.length;
  let i = 0;
  while (i < len) {
    if (!isLetter(text, i)) {
      i++;
      continue;
    }
    const start = i;
    let end = i + 1;
    while (end < len) {
      const d = text.charCodeAt(end);
      if (isLetter(text, end)) end++;
      else if ((d === 39 || d === 0x2019 || d === 45) && end + 1 < len && isLetter(text, end + 1)) end += 2;
      else break;
    }
    i = end;
    // Letters glued to digits are codes ("IC1", "s75A", a frame number), not words.
    const prev = start > 0 ? text.charCodeAt(start - 1) : 0;
    const next = end < len ? text.charCodeAt(end) : 0;
    if ((prev >= 48 && prev <= 57) || (next >= 48 && next <= 57)) continue;
    let s = text.slice(start, end);
    const l2 = s.charCodeAt(s.length - 2);
    if (s.length > 3 && (l2 === 39 || l2 === 0x2019) && (s.charCodeAt(s.length - 1) | 32) === 115) s = s.slice(0, -2);
    const lower = s.toLowerCase();
    const shape = asciiShape(s) ?? shapeOf(s, lower);
    const key = lower.includes("'") || lower.includes('’') ? lower.replace(/['’]/g, '') : lower;
    out.push({ s, start, end: start + s.length, key, shape, f: wordFlags(key) });
  }
  return out;
}

/** Words after a name that make it a place: "Stanley Road", "Victoria Station". */
const PLACE_WORDS = new Set(
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
const BRANDS = new Set([
  'jack daniels', 'jack daniel', 'stone island', 'canada goose', 'north face', 'ralph lauren', 'tommy hilfiger',
  'calvin klein', 'hugo boss', 'ted baker', 'john lewis', 'fred perry', 'ben sherman', 'jack wills', 'harvey nichols',
  'louis vuitton', 'paul smith', 'tom ford', 'victoria secret', 'morgan stanley', 'marks spencer', 'jd sports',
]);
const BRAND_FIRST = new Set([...BRANDS].map((b) => b.split(' ')[0]));
function isBrand(first: string, second: string): boolean {
  return BRAND_FIRST.has(first) && BRANDS.has(`${first} ${second}`);
}
const PARTICLES = new Set(['ap', 'ab', 'de', 'van', 'von', 'der', 'den', 'da', 'di', 'du', 'le', 'la', 'bin', 'ibn', 'al', 'el', 'st', 'mac', 'dos', 'das']);
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
const NON_PERSON_NOUNS = new Set('line lines platform app website site company firm shop store group gang club pub bar account operation road street estate area brand business page channel crew network'.split(' '));
/** Car makes: the word after one is a model, even when it is also a forename ("SEAT Leon", "Renault Zoe"). */
const CAR_MAKES = new Set(
  ('seat renault skoda toyota ford vauxhall vw volkswagen honda nissan kia hyundai bmw audi mercedes fiat peugeot ' +
    'citroen mini mazda volvo jaguar lexus suzuki dacia tesla porsche alfa romeo mitsubishi subaru jeep chevrolet ' +
    'smart saab rover landrover chrysler dodge cupra polestar mg ds lotus bentley')
    .split(' '),
);
/** Police teams and units written after a place: "Perry Barr NPT", "Folkestone CSU". */
const TEAM_AFTER = new Set('npt csu bcu cid ocg lpu snt rpu mit cait pvp cmu sot dit ppu npu lpa'.split(' '));
const RANK_WORDS = new Set('pc wpc pcso sc ps sgt dc ds di dci dsi supt insp csi inspector sergeant constable superintendent officer'.split(' '));

/** Short function words that never start or continue a lower-case name. */
const STOPISH = new Set('a an the and or but of to in on at by for from with as is was are were be been has had have he she it they we you his her its their our my your this that these those not no yes who which what when where why how than then so if also'.split(' '));
function isStopish(key: string): boolean {
  return STOPISH.has(key);
}

function isCommon(key: string): boolean {
  return COMMON_WORDS.has(key) || NOT_NAME_CAPS.has(key);
}

// ---------------------------------------------------------------- one gazetteer lookup per word

const W_FORENAMES = 1;
const W_SURNAMES = 2;
const W_AMBIGUOUS_NAMES = 4;
const W_PLACES = 8;
const W_PARTICLES = 16;
const W_RANK_WORDS = 32;
const W_NOT_NAME_CAPS = 64;
const W_TITLES = 128;
const W_ROLE_CUES = 256;
const W_CAR_MAKES = 512;
const W_TEAM_AFTER = 1024;
const W_PLACE_WORDS = 2048;
/** In COMMON_WORDS or NOT_NAME_CAPS: `isCommon`. */
const W_COMMON = 4096;
const W_STOPISH = 8192;
let WORD_FLAGS: Map<string, number> | null = null;
/** Every gazetteer and word list a word is in, as W_* bits (one Map lookup instead of one Set lookup per list and rule). */
function wordFlags(key: string): number {
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
function capsWordish(t: Token): boolean {
  if (t.f & (W_FORENAMES | W_SURNAMES)) return false;
  return (t.f & W_COMMON) !== 0 || /(?:ED|ING|LY|ES|ION|MENT|NESS)$/.test(t.s);
}

export interface TakenSpan {
  readonly start: number;
  readonly end: number;
}

// ---------------------------------------------------------------- officers

const RANK = String.raw`(?:PCSO|WPC|PC|SC|PS|Sgt|SGT|DC|DS|DI|DCI|DSI|DSU|DCS|TDC|A\/Sgt|A\/PS|A\/Insp|Supt|SUPT|Ch\.?\s?Supt|Det\.?\s?Supt|Det\.?\s?Sgt|Det\.?\s?Con|Insp|INSP|Ch\.?\s?Insp|CI|CSI|SOCO|Sergeant|SERGEANT|Constable|CONSTABLE|Inspector|INSPECTOR|Superintendent|SUPERINTENDENT|Detective\s(?:Constable|Sergeant|Inspector|Chief\sInspector|Superintendent)|Chief\s(?:Inspector|Superintendent)|Special\sConstable|Police\sConstable|Police\sSergeant)`;
const OFFICER = new RegExp(String.raw`(?<![\w/])${RANK}(?:\s?(\d{2,6}[A-Z]{0,2}))?(?![\w/])`, 'g');
const NAME_WORD = /^\s+(?:((?:Mc|Mac|O['’])?\p{Lu}[\p{L}'’]*(?:-\p{Lu}[\p{L}'’]*)*)|(\p{Lu}\.?))(?![\p{L}\d])/u;

export function findOfficers(text: string, capsText: boolean): Candidate[] {
  const out: Candidate[] = [];
  for (const m of text.matchAll(OFFICER)) {
    let end = m.index + m[0].length;
    let names = 0;
    let prevForename = true;
    let collar = m[1];
    while (names < 4 && prevForename) {
      const nm = NAME_WORD.exec(text.slice(end, end + 40));
      if (!nm) break;
      let word = nm[1] ?? nm[2];
      const initial = nm[2] !== undefined;
      if (word.length > 3 && /['’][sS]$/.test(word)) word = word.slice(0, -2);
      const key = word.toLowerCase().replace(/[.'’]/g, '');
      const known = FORENAMES.has(key) || SURNAMES.has(key);
      if (!known && !PARTICLES.has(key) && (isCommon(key) || RANK_WORDS.has(key))) break;
      if (capsText && !known && capsWordish({ s: word, start: 0, end: 0, key, shape: 'upper', f: wordFlags(key) })) break;
      if (PLACE_WORDS.has(key) && names > 0) break;
      end += nm[0].length - (nm[0].trimStart().length - word.length);
      names++;
      // Continue after a forename, an initial, a particle ("VAN DER BERG"), or a capitalised word
      // followed by an ALL-CAPS surname ("CSI Owain REID").
      const nextUpper = /^\s+(?:Mc)?\p{Lu}{2,}\b/u.test(text.slice(end, end + 20));
      prevForename = initial || FORENAMES.has(key) || PARTICLES.has(key) || (!capsText && /\p{Ll}/u.test(word) && nextUpper);
      if (names === 1 && /^[A-Z]{2,}$/.test(word) && !capsText && !PARTICLES.has(key)) break;
    }
    // A collar number written after the name: "PC VAN DER BERG 83143".
    const late = !collar && names ? /^\s+(\d{3,6}[A-Z]{0,2})(?![\w/])/.exec(text.slice(end, end + 12)) : null;
    if (late) {
      end += late[0].length;
      collar = late[1];
    }
    if (!collar && names === 0) continue;
    const t = text.slice(m.index, end);
    out.push(cand('OFFICER', m.index, t, t.toUpperCase().replace(/\s+/g, ' '), names ? 0.9 : 0.75));
  }
  return out;
}

// ---------------------------------------------------------------- members of the public

const ADJ_SEP = /^\s$|^\s['"‘“]$|^['"’”]\s$/;

/** The tokens of one text and what lies between them, shared by the helpers below (module
 * functions rather than closures: tsx's keepNames wraps every named closure in a defineProperty
 * call, which cost a third of extraction time when they were made per record and per token). */
interface Ctx {
  readonly text: string;
  readonly toks: readonly Token[];
  readonly n: number;
  readonly seps: readonly string[];
  readonly adj: readonly boolean[];
  readonly quotes: readonly boolean[];
}
function sep(c: Ctx, i: number): string {
  return i > 0 && i < c.n ? c.seps[i] : '';
}
function adjacent(c: Ctx, i: number): boolean {
  return i > 0 && i < c.n && c.adj[i];
}
function quoted(c: Ctx, i: number): boolean {
  return c.quotes[i];
}
function placeAfter(c: Ctx, i: number): boolean {
  return i + 1 < c.n && c.seps[i + 1] === ' ' && ((c.toks[i + 1].f & W_PLACE_WORDS) !== 0) && c.toks[i + 1].shape !== 'lower';
}
const LINE_WORD = /^(?:line|lines|LINE)$/;
function lineAfter(c: Ctx, i: number): boolean {
  return i + 1 < c.n && LINE_WORD.test(c.toks[i + 1].s);
}
/** The word after the name that would follow it, skipping the rest of a capitalised run. */
function nextKey(c: Ctx, i: number): string {
  let j = i + 1;
  while (j < c.n && adjacent(c, j) && c.toks[j].shape === 'cap' && !((c.toks[j].f & W_TEAM_AFTER) !== 0)) j++;
  return j < c.n && adjacent(c, j) ? c.toks[j].key : '';
}
const DOB_SEP = /^\s*\(?$/;
/** Token j starts a date-of-birth anchor: "DOB", "(DOB", "d.o.b". */
function dobAt(c: Ctx, j: number): boolean {
  const toks = c.toks;
  return j < c.n && j > 0 &&
    (toks[j].key === 'dob' || (toks[j].key === 'd' && toks[j + 1]?.key === 'o' && toks[j + 2]?.key === 'b')) && DOB_SEP.test(c.seps[j]);
}
function nameShaped(t: Token): boolean {
  return t.shape === 'upper' || t.shape === 'cap';
}
const CUE_SEP = /^[\s:]*['"‘“(]?\s*$/;
const TITLE_SEP = /^\.?\s+$/;
const AS_BEFORE = new Set(['known', 'knows', 'know', 'knew', 'identified', 'named', 'details', 'name', 'himself', 'herself', 'listed', 'given']);
const CALLED_AFTER = new Set(['another', 'him', 'her', 'them', 'himself', 'herself', 'one', 'each']);
/** What stands before token i: a title, a role, a nickname cue, or nothing. */
function cueBefore(c: Ctx, i: number): 'title' | 'role' | 'nick' | null {
  if (i === 0) return null;
  const between = sep(c, i);
  if (between !== ' ' && !CUE_SEP.test(between)) return null;
  const toks = c.toks;
  const p = toks[i - 1].key;
  const p2 = i > 1 ? toks[i - 2].key : '';
  const p3 = i > 2 ? toks[i - 3].key : '';
  const pf = toks[i - 1].f;
  if ((pf & W_TITLES) !== 0 && (between === ' ' || TITLE_SEP.test(between))) return 'title';
  if ((p === 'as' && AS_BEFORE.has(p2)) ||
    p === 'called' || (p2 === 'called' && CALLED_AFTER.has(p)) || p === 'named' || p === 'aka' || p === 'alias' || p === 'nicknamed' ||
    ((p === 'himself' || p === 'herself') && p2.startsWith('call'))) {
    const noun = p === 'as' ? p3 : p2;
    const noun2 = p === 'as' ? (i > 3 ? toks[i - 4].key : '') : p3;
    if (NON_PERSON_NOUNS.has(noun) || NON_PERSON_NOUNS.has(noun2)) return null;
    return 'nick';
  }
  if (p === 'be' && p2 === 'to') return 'role';
  if (p === 'of' && p2 === 'name') return 'role';
  if ((pf & W_ROLE_CUES) !== 0) return 'role';
  return null;
}
/** A lower-case word that could be part of a name typed in lower case. */
function lowerName(c: Ctx, j: number): boolean {
  if (j >= c.n) return false;
  const t = c.toks[j];
  return t.shape === 'lower' && !((t.f & W_COMMON) !== 0) && !((t.f & W_STOPISH) !== 0) && t.s.length > 1;
}

export function findPersons(text: string, taken: readonly TakenSpan[], capsText: boolean): Candidate[] {
  const toks = tokenize(text);
  const n = toks.length;
  const used = new Uint8Array(text.length + 1);
  for (const sp of taken) used.fill(1, sp.start, sp.end);
  const free: boolean[] = new Array(n);
  const seps: string[] = new Array(n);
  const adj: boolean[] = new Array(n);
  const quotes: boolean[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const t = toks[i];
    free[i] = !used[t.start] && !used[t.end - 1];
    const x = i > 0 ? text.slice(toks[i - 1].end, t.start) : '';
    seps[i] = x;
    adj[i] = x === ' ' || (x.length <= 2 && ADJ_SEP.test(x));
    quotes[i] = t.start > 0 && isOpenQuote(text.charCodeAt(t.start - 1)) && isCloseQuote(text.charCodeAt(t.end));
  }
  const c: Ctx = { text, toks, n, seps, adj, quotes };

  type Seed = { i: number; conf: number };
  const seeds: Seed[] = [];
  for (let i = 0; i < n; i++) {
    const t = toks[i];
    if (!free[i]) continue;
    if (t.shape === 'lower' && !capsText) {
      // A name typed in lower case: two or more gazetteer names in a row ("nicola payne").
      if (((t.f & W_FORENAMES) !== 0) && !((t.f & W_AMBIGUOUS_NAMES) !== 0) && !((t.f & W_COMMON) !== 0) && i + 1 < n && adjacent(c, i + 1) &&
        toks[i + 1].shape === 'lower' && (((toks[i + 1].f & W_SURNAMES) !== 0) || ((toks[i + 1].f & W_FORENAMES) !== 0)) && !((toks[i + 1].f & W_COMMON) !== 0)) {
        seeds.push({ i, conf: 0.6 });
        continue;
      }
      // Lower-case words after "calling himself" or before a DOB anchor are a name ("run by jack holmes d.o.b. ...").
      // Gazetteer names before a DOB anchor are a name too.
      if (lowerName(c, i)) {
        const cue = cueBefore(c, i);
        if (cue === 'nick' || ((cue === 'role' || ((t.f & W_FORENAMES) !== 0) || ((t.f & W_SURNAMES) !== 0)) && (dobAt(c, i + 1) || (lowerName(c, i + 1) && adjacent(c, i + 1) && dobAt(c, i + 2))))) {
          seeds.push({ i, conf: 0.6 });
          continue;
        }
      }
      // A gazetteer forename typed in lower case at the start of a sentence ("graham paid a fee").
      if (((t.f & W_FORENAMES) !== 0) && !((t.f & W_AMBIGUOUS_NAMES) !== 0) && !((t.f & W_COMMON) !== 0) && (i === 0 || /[.!?]\s+$/.test(seps[i]))) seeds.push({ i, conf: 0.55 });
      continue;
    }
    if (!nameShaped(t)) continue;
    if (i > 0 && ((toks[i - 1].f & W_RANK_WORDS) !== 0) && toks[i - 1].shape !== 'lower') continue;
    if (((t.f & W_TITLES) !== 0) || (i > 0 && ((toks[i - 1].f & W_CAR_MAKES) !== 0)) || (i > 1 && ((toks[i - 2].f & W_CAR_MAKES) !== 0) && t.shape === 'upper') || TEAM_AFTER.has(nextKey(c, i))) continue;
    const cue = cueBefore(c, i);
    const isQuoted = quoted(c, i);
    if (isQuoted && (lineAfter(c, i) || (cue !== 'nick' && !(i > 0 && adjacent(c, i) && nameShaped(toks[i - 1]))))) {
      // A quoted word is a nickname only after a cue ("known as 'Ghost'") or inside a name.
      if (!(cue === 'role' && !lineAfter(c, i))) continue;
    }
    if (cue === 'title' || cue === 'nick') {
      if (!((t.f & W_COMMON) !== 0) || ((t.f & W_FORENAMES) !== 0) || ((t.f & W_SURNAMES) !== 0) || isQuoted) seeds.push({ i, conf: 0.85 });
      continue;
    }
    if (placeAfter(c, i) || isBrand(t.key, toks[i + 1]?.key ?? '')) continue;
    const gazForename = ((t.f & W_FORENAMES) !== 0) && !((t.f & W_AMBIGUOUS_NAMES) !== 0) && !((t.f & W_PLACES) !== 0);
    if (capsText) {
      if (gazForename && !((t.f & W_COMMON) !== 0)) seeds.push({ i, conf: 0.8 });
      else if (cue === 'role' && !capsWordish(t) && t.s.length >= 2) seeds.push({ i, conf: 0.7 });
      else if ((dobAt(c, i + 1) || toks[i + 1]?.key === 'aka') && !capsWordish(t)) seeds.push({ i, conf: 0.7 });
      continue;
    }
    if (t.shape === 'upper') {
      if (((t.f & W_NOT_NAME_CAPS) !== 0) || t.s.replace(/[^A-Z]/g, '').length < 2) continue;
      // Names have vowels ("CFW", "KTM" are codes); a capitalised first word ending in a full
      // stop is a heading or a log code ("TOMV.").
      if (!/[AEIOUY]/.test(t.s)) continue;
      if (i === 0 && text[t.end] === '.') continue;
      // An Act and its year: "SCA 2015", "PACE 1984".
      if (/^\s+(?:19|20)\d\d\b/.test(text.slice(t.end, t.end + 6))) continue;
      const nextForename = i + 1 < n && /^,\s$/.test(sep(c, i + 1)) && ((toks[i + 1].f & W_FORENAMES) !== 0) && toks[i + 1].shape === 'cap';
      const prevName = i > 0 && adjacent(c, i) && ((toks[i - 1].shape === 'cap' && (((toks[i - 1].f & W_FORENAMES) !== 0) || !((toks[i - 1].f & W_COMMON) !== 0))) || toks[i - 1].shape === 'initial');
      if (((t.f & W_COMMON) !== 0) && !nextForename && !prevName && cue !== 'role') continue;
      if (t.s.length < 3 && !prevName && !cue) continue;
      seeds.push({ i, conf: 0.85 });
      continue;
    }
    // Capitalised word.
    const nextUpper = i + 1 < n && adjacent(c, i + 1) && toks[i + 1].shape === 'upper' && !((toks[i + 1].f & W_NOT_NAME_CAPS) !== 0);
    if (cue === 'role' && (!((t.f & W_COMMON) !== 0) || ((t.f & W_FORENAMES) !== 0) || ((t.f & W_SURNAMES) !== 0)) && !((t.f & W_PLACES) !== 0)) {
      seeds.push({ i, conf: 0.8 });
      continue;
    }
    if (!((t.f & W_COMMON) !== 0) && !((t.f & W_PLACES) !== 0) && (dobAt(c, i + 1) || (toks[i + 1]?.shape === 'cap' && adj[i + 1] && dobAt(c, i + 2)))) {
      seeds.push({ i, conf: 0.75 }); // "Niamh Porter DOB 22 Oct 2000"
      continue;
    }
    const prevPlacePrep = i > 0 && /^(?:in|at|near|towards|toward|from|into|around|outside|through|across)$/.test(toks[i - 1].s);
    if (gazForename && (!prevPlacePrep || nextUpper)) {
      seeds.push({ i, conf: 0.75 });
      continue;
    }
    if (((t.f & W_AMBIGUOUS_NAMES) !== 0) && ((t.f & W_FORENAMES) !== 0) && nextUpper) {
      seeds.push({ i, conf: 0.8 });
      continue;
    }
    if (((t.f & W_SURNAMES) !== 0) && !((t.f & W_AMBIGUOUS_NAMES) !== 0) && !((t.f & W_COMMON) !== 0) && !((t.f & W_PLACES) !== 0) && !prevPlacePrep) {
      seeds.push({ i, conf: 0.6 });
    }
  }

  // Grow each seed into the whole name.
  const spans: { a: number; b: number; conf: number }[] = [];
  let consumedTo = -1;
  for (const { i, conf } of seeds) {
    if (i <= consumedTo) continue;
    let a = i;
    let b = i;
    // Leftwards: forenames, initials, particles and unknown capitalised words before a surname.
    // "Jaspal 'Nitro' AZIZ": a quoted nickname between a capitalised word and the surname belongs to the name.
    if (a > 1 && a - 2 > consumedTo && quoted(c, a - 1) && adjacent(c, a) && adjacent(c, a - 1) && free[a - 1] && free[a - 2] && toks[a - 2].shape === 'cap' && !((toks[a - 2].f & W_COMMON) !== 0) && !((toks[a - 2].f & W_ROLE_CUES) !== 0)) a -= 2;
    while (a > 0 && a - 1 > consumedTo && free[a - 1] && adjacent(c, a) && !quoted(c, a - 1)) {
      const p = toks[a - 1];
      if (cueBefore(c, a) === 'title') break;
      const ok =
        (p.shape === 'initial' && !(capsText && (p.s === 'A' || p.s === 'I'))) ||
        (((p.f & W_PARTICLES) !== 0) && p.shape === 'lower') ||
        (p.shape === 'cap' && !capsText && (((p.f & W_FORENAMES) !== 0) || (!((p.f & W_COMMON) !== 0) && !((p.f & W_ROLE_CUES) !== 0) && toks[i].shape === 'upper'))) ||
        (capsText && ((p.f & W_FORENAMES) !== 0) && !((p.f & W_COMMON) !== 0));
      if (!ok || ((p.f & W_RANK_WORDS) !== 0) || ((p.f & W_TITLES) !== 0)) break;
      a--;
    }
    // Rightwards: surnames, middle names, nicknames in quotes, "SURNAME, Forename".
    for (;;) {
      if (b - a >= 4 || b + 1 >= n || !free[b + 1]) break;
      const nx = toks[b + 1];
      const s = sep(c, b + 1);
      if (/^,\s$/.test(s)) {
        if (toks[b].shape === 'upper' && nx.shape === 'cap' && ((nx.f & W_FORENAMES) !== 0) && !capsText && b === a) b++;
        break;
      }
      if (!adjacent(c, b + 1)) break;
      if (quoted(c, b + 1)) {
        // A nickname inside a name: "Nathan 'Bones' PICKERING", "JORDAN 'JJ' JACKSON".
        if (b + 2 < n && free[b + 2] && adjacent(c, b + 2) && nameShaped(toks[b + 2]) && !((toks[b + 2].f & W_COMMON) !== 0)) {
          b += 2;
          continue;
        }
        break;
      }
      if (((nx.f & W_PARTICLES) !== 0) && nx.shape === 'lower' && b + 2 < n && adjacent(c, b + 2) && nameShaped(toks[b + 2])) {
        b += 2;
        continue;
      }
      if (nx.shape === 'initial' && /^['"’”]/.test(text.slice(nx.end, nx.end + 1)) && quoted(c, b)) {
        b++; // 'Little T'
        continue;
      }
      if (toks[a].shape !== 'lower' && (!nameShaped(nx) || ((nx.f & W_NOT_NAME_CAPS) !== 0) || ((nx.f & W_RANK_WORDS) !== 0))) break;
      if (placeAfter(c, b + 1) || isBrand(toks[b].key, nx.key) || isBrand(nx.key, toks[b + 2]?.key ?? '')) break;
      if (toks[a].shape === 'lower') {
        if (nx.shape !== 'lower' || ((nx.f & W_COMMON) !== 0) || ((nx.f & W_STOPISH) !== 0) || !(((nx.f & W_SURNAMES) !== 0) || ((nx.f & W_FORENAMES) !== 0) || dobAt(c, b + 2) || cueBefore(c, a) === 'nick')) break;
        b++;
        continue;
      }
      if (capsText) {
        if (capsWordish(nx)) break;
      } else if (nx.shape === 'cap') {
        if ((((nx.f & W_COMMON) !== 0) || ((nx.f & W_AMBIGUOUS_NAMES) !== 0)) && !((nx.f & W_SURNAMES) !== 0)) break;
        if (((nx.f & W_PLACES) !== 0) && !((nx.f & W_SURNAMES) !== 0)) break;
      } else if (((nx.f & W_COMMON) !== 0) && toks[b].shape !== 'cap' && toks[b].shape !== 'initial') break;
      b++;
    }
    // A span that is only initials or particles is not a name.
    if (toks.slice(a, b + 1).every((t) => t.shape === 'initial' || ((t.f & W_PARTICLES) !== 0))) continue;
    if (BRAND_FIRST.has(toks[a].key) && BRANDS.has(toks.slice(a, b + 1).map((t) => t.key).join(' '))) continue;
    spans.push({ a, b, conf: b > a ? Math.max(conf, 0.85) : conf });
    consumedTo = b;
  }

  const out: Candidate[] = [];
  for (const { a, b, conf } of spans) {
    const start = toks[a].start;
    const end = toks[b].end;
    const t = text.slice(start, end);
    out.push(cand('PERSON', start, t, personValue(t), conf));
  }

  // Every later mention of a part of a name found in this record.
  const forms = new Map<string, Set<string>>();
  for (const { a, b } of spans) {
    for (let k = a; k <= b; k++) {
      const t = toks[k];
      if (t.shape === 'initial' || ((t.f & W_PARTICLES) !== 0) || t.s.length < 2 || ((t.f & W_NOT_NAME_CAPS) !== 0)) continue;
      if (quoted(c, k) && b > a) continue; // a nickname inside a full name is repeated as itself below
      let f = forms.get(t.key);
      if (!f) forms.set(t.key, (f = new Set()));
      f.add(t.s);
    }
    if (b > a) for (let k = a; k <= b; k++) if (quoted(c, k)) forms.set(toks[k].key, new Set([toks[k].s]));
  }
  const inSpan = new Uint8Array(n);
  for (const { a, b } of spans) for (let k = a; k <= b; k++) inSpan[k] = 1;
  for (let i = 0; i < n; i++) {
    const t = toks[i];
    if (inSpan[i] || !free[i]) continue;
    const f = forms.get(t.key);
    if (!f) continue;
    const ordinary = ((t.f & W_COMMON) !== 0) || ((t.f & W_AMBIGUOUS_NAMES) !== 0) || ((t.f & W_PLACES) !== 0);
    if (ordinary ? !f.has(t.s) : t.shape === 'lower' && t.s.length < 3) continue;
    if (placeAfter(c, i) || (i > 0 && ((toks[i - 1].f & W_RANK_WORDS) !== 0) && toks[i - 1].shape !== 'lower')) continue;
    if (i + 1 < n && isBrand(t.key, toks[i + 1].key)) continue;
    // Join with a neighbouring propagated part: "Lisa HAYES" repeated as a whole.
    let j = i;
    while (j + 1 < n && !inSpan[j + 1] && free[j + 1] && adjacent(c, j + 1) && forms.has(toks[j + 1].key) && !quoted(c, j + 1) &&
      (!(((toks[j + 1].f & W_COMMON) !== 0) || ((toks[j + 1].f & W_AMBIGUOUS_NAMES) !== 0)) || forms.get(toks[j + 1].key)!.has(toks[j + 1].s))) j++;
    const text2 = text.slice(t.start, toks[j].end);
    out.push(cand('PERSON', t.start, text2, personValue(text2), 0.8));
    i = j;
  }
  return out;
}

/** The name as one upper-case string, for linking mentions: quotes and extra spaces removed. */
export function personValue(t: string): string {
  return t.toUpperCase().replace(/['"‘’“”]/g, '').replace(/\s+/g, ' ').trim();
}
