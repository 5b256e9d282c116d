/**
 * People and addresses in informal, lower-case incident logs, where capitals say nothing: "caller
 * mrs janet moorcroft rang from her landline", "his brother rhys saw", "lives at 41 beech grove,
 * harrogate", "ty gwyn, ffordd yr eglwys, llanrug", "the old forge, mill lane, casterton".
 *
 * Only lower-case forms are matched here (the capitalised ones are the person and address finders'
 * work), and only in context, so ordinary words are left alone:
 * - a person follows a cue: a title or role ("mrs", "caller", "informant", "v is", "rp"), a relation
 *   ("son", "mum", "brother", "partner", "neighbour", "mate"), or "known as"; the first word must be a
 *   known forename (any word after a title or "known as"), the next up to two words join it when
 *   they are names or unknown words that are not ordinary English;
 * - a full name (known forename + surname-like word) starting a sentence is a person too, and a
 *   forename of a person already found is found again on its own later in the record;
 * - an address is a street (a number or not, words, then a street word such as road, lane, close, or a
 *   Welsh street word first: heol, ffordd, maes, bryn, stryd, lôn) followed by ", town"; or a named
 *   house ("low moor farm", "the old forge", "the red lion", "ty gwyn") followed by ", street, town" or
 *   ", town". A street without a town needs a house number.
 */
import type { Candidate } from './entity.ts';
import { cand } from './candidate.ts';
import { AMBIGUOUS_NAMES, COMMON_WORDS, FORENAMES, SURNAMES } from './names.ts';

/** Words that end a name or a town: verbs and function words of incident logs. */
const STOP = new Set(`a about after again against all also an and any are as at be been before but by called came come comes could did
do does down drove each for from gave get got had has have he heard her him his how i if in into is it its just keeps kept last left
lives living lived may me my no not now of off on or our out over rang rings reports reported reporting saw says said seen she should
so states stated stopped smashed that the their them then there they thinks thought this to took told turned up us was we were what
when where which while who whom why will with would yesterday today tonight am pm hrs yrs`.split(/\s+/));

const CUE = String.raw`(?:mrs|mr|miss|ms|caller|informant|inft|rp|ip|ipp|v\s+is|victim\s+is|victim|complainant|witness|resident|farmer|owner|tenant|occupant|landlord|landlady|neighbour|son|daughter|brother|sister|mum|mother|dad|father|stepdad|stepmum|stepfather|stepmother|husband|wife|ex\s+partner|partner|ex|boyfriend|girlfriend|friend|mate|grandson|granddaughter|nan|nanna|grandad|grandma|uncle|aunt|auntie|cousin|nephew|niece|carer|staff\s+member|known\s+as|named\s+as|recognised\s+(?:the\s+)?(?:male|female|man|woman|lad|girl)\s+as|identified\s+as)`;
/** Cues after which any word may be a name (not only a known forename). */
const STRONG_CUE = /^(?:mrs|mr|miss|ms|known\s+as|named\s+as|recognised|identified|v\s+is|victim\s+is|rp|ip|ipp|informant|inft|caller)/;
/** A cue, an optional title (outside the span, as in the labelled set), then up to three words. */
const CUE_RE = new RegExp(String.raw`\b(${CUE})\s+(?:(?:mrs|mr|miss|ms|mx|dr)\.?\s+)?([a-z][a-z'’-]*(?:\s+[a-z][a-z'’-]*){0,2})`, 'g');
const SENTENCE_NAME = /(?:^|[.!?:]\s+|\n)([a-z][a-z'’-]+)\s+([a-z][a-z'’-]+)(?=[\s,.;])/dg;

const isNameWord = (w: string): boolean => /^[a-z][a-z'’-]+$/.test(w) && !STOP.has(w);
const knownForename = (w: string): boolean => FORENAMES.has(w) && !AMBIGUOUS_NAMES.has(w);
/** A word after the first of a name: another name, or an unknown word that is not ordinary English. */
const laterNameWord = (w: string): boolean =>
  isNameWord(w) && (FORENAMES.has(w) || SURNAMES.has(w) || (!COMMON_WORDS.has(w) && w.length >= 3 && !/(?:ing|ed|ly)$/.test(w)));

function persons(text: string): Candidate[] {
  const out: Candidate[] = [];
  for (const m of text.matchAll(CUE_RE)) {
    const cue = m[1];
    const words = m[2].split(/\s+/);
    const first = words[0];
    if (!isNameWord(first)) continue;
    // After the name, what the log says the person did ("husband emyr has cctv", "stepdad mark.").
    const after = text.slice(m.index + m[0].length - m[2].length + first.length);
    const thenVerb = /^(?:\s*[.,;:]|\s+(?:has|had|saw|says|said|was|is|rang|came|took|heard|thinks|drove|reports|reported|states|keeps|lives|stopped|called|smashed|left|got)\b)/.test(after);
    const ok = knownForename(first)
      || (STRONG_CUE.test(cue) && !COMMON_WORDS.has(first) && first.length >= 3 && !/(?:ing|ed|ly)$/.test(first))
      // An unknown forename before a known surname ("resident glenys morgan").
      || (!COMMON_WORDS.has(first) && first.length >= 3 && SURNAMES.has(words[1] ?? '') && !COMMON_WORDS.has(words[1] ?? ''))
      // An ambiguous forename ("pat", "mark") or an unknown word ("emyr", "gaz") right after a relation, then a verb or a stop.
      || (thenVerb && FORENAMES.has(first))
      || (thenVerb && !/^\s*[.,;:]/.test(after) && !COMMON_WORDS.has(first) && first.length >= 3 && !/(?:ing|ed|ly|s)$/.test(first));
    if (!ok) continue;
    const name = [first];
    for (const w of words.slice(1)) {
      if (!laterNameWord(w)) break;
      name.push(w);
    }
    const start = m.index + m[0].length - m[2].length;
    out.push(cand('PERSON', start, name.join(' '), name.join(' ').toUpperCase(), 0.7));
  }
  for (const m of text.matchAll(SENTENCE_NAME)) {
    const [, a, b] = m;
    if (!knownForename(a) || !laterNameWord(b) || !(SURNAMES.has(b) || !COMMON_WORDS.has(b))) continue;
    const [start] = m.indices![1];
    const [, end] = m.indices![2];
    out.push(cand('PERSON', start, text.slice(start, end), `${a} ${b}`.toUpperCase(), 0.65));
  }
  // "missing from home: jade 15yrs": a forename with an age, at the start of a sentence or after a colon.
  for (const m of text.matchAll(/(?:^|[.!?:]\s+)([a-z][a-z'’-]+)(?=\s+\d{1,2}\s*(?:yrs|yo|years?\s+old)\b)/dg)) {
    const w = m[1];
    if (!FORENAMES.has(w) && !SURNAMES.has(w)) continue;
    out.push(cand('PERSON', m.indices![1][0], w, w.toUpperCase(), 0.65));
  }
  return out;
}

/** Later lone mentions of a found person's forename ("dean says", "stephen's landline"). */
function laterForenames(text: string, found: readonly Candidate[]): Candidate[] {
  const out: Candidate[] = [];
  const names = new Set(found.filter((c) => c.type === 'PERSON').map((c) => c.text.split(/\s+/)[0].toLowerCase()).filter(knownForename));
  for (const n of names) {
    for (const m of text.matchAll(new RegExp(String.raw`\b${n}\b(?=['’]s\b|\s+(?:says|said|on|has|had|saw|was|is|thinks|reports|states)\b)`, 'g'))) {
      out.push(cand('PERSON', m.index, n, n.toUpperCase(), 0.6));
    }
  }
  return out;
}

const STREET = String.raw`(?:road|rd|street|st|lane|close|grove|crescent|avenue|ave|drive|way|view|terrace|place|court|gardens|walk|hill|row|square|green|mews|rise|parade|park|fold|croft|wynd|gate)`;
const WELSH = String.raw`(?:heol|ffordd|maes|bryn|stryd|lon|lôn|ffordd|rhodfa|llys|cae|pant)`;
const HOUSE = String.raw`(?:farm|cottage|cottages|house|forge|bungalow|barn|lodge|hall|mill|manor|grange|inn|arms|lion|bull|swan|plough|crown|chapel|rectory|vicarage|gwyn|wen|ddu|newydd|isaf|uchaf)`;
const W = String.raw`[a-z][a-z'’-]*`;
/** Town: one to three words, ending at punctuation or a stop word. */
const TOWN = String.raw`${W}(?:\s+${W}){0,2}`;
const STREET_RE = new RegExp(String.raw`(?:\b(?:flat|apartment|unit)\s+\d+[a-z]?,\s*)?\b(\d{1,4}[a-z]?\s+)?(?:${W}\s+){0,2}${STREET}\b|\b(\d{1,4}[a-z]?\s+)?${WELSH}\s+(?:${W}\s+){0,2}${W}`, 'g');
const HOUSE_RE = new RegExp(String.raw`\b(?:the\s+)?(?:${W}\s+){0,2}${HOUSE}\b|\bty\s+${W}`, 'g');

/** The town after ", ": its words up to punctuation or a stop word; null when none. */
function townAfter(text: string, pos: number): { end: number } | null {
  const m = new RegExp(String.raw`^,\s*(${TOWN})`).exec(text.slice(pos, pos + 60));
  if (!m) return null;
  const words = m[1].split(/\s+/);
  const kept: string[] = [];
  for (const w of words) {
    if (STOP.has(w) || /ly$/.test(w) || COMMON_WORDS.has(w) && !/^(?:little|great|upper|lower|north|south|east|west|new|old|much|long|high)$/.test(w)) break;
    kept.push(w);
  }
  if (!kept.length) return null;
  const prefix = m[0].length - m[1].length;
  return { end: pos + prefix + kept.join(' ').length };
}

/** STREET_RE anchored at a position (its own regex: a shared global one would carry lastIndex into the next record). */
const STREET_AT = new RegExp(STREET_RE.source, 'y');

function streetAt(text: string, pos: number): { end: number } | null {
  STREET_AT.lastIndex = pos;
  const m = STREET_AT.exec(text);
  return m ? { end: pos + m[0].length } : null;
}

function addresses(text: string): Candidate[] {
  const out: Candidate[] = [];
  const lower = (s: string) => s === s.toLowerCase();
  /** The words of a street or house name before its last word: at least one must be a name, not "the", "off", "in". */
  const named = (s: string) => {
    const ws = s.replace(/^(?:flat|apartment|unit)\s+\d+[a-z]?,\s*/, '').replace(/^\d{1,4}[a-z]?\s+/, '').replace(/^the\s+/, '').split(/\s+/).slice(0, -1);
    return ws.length > 0 && ws.every((w) => /^[a-z]/.test(w) && !STOP.has(w) && !/(?:ly|ible|able)$/.test(w));
  };
  for (const m of text.matchAll(STREET_RE)) {
    if (!lower(m[0])) continue;
    const bare = m[0].replace(/^(?:(?:on|at|in|near|outside|into|off|from|to|of|the)\s+)+/, '');
    if (!/^(?:\d{1,4}[a-z]?\s+)?(?:heol|ffordd|maes|bryn|stryd|lon|lôn|rhodfa|llys|cae|pant)\b/.test(bare.replace(/^(?:flat|apartment|unit)\s+\d+[a-z]?,\s*/, '')) && !named(bare)) continue;
    const numbered = /^(?:flat|apartment|unit|\d)/.test(m[0]);
    const town = townAfter(text, m.index + m[0].length);
    if (!town && !numbered) continue;
    // "the co-op on main street": the street words start after the preposition.
    const lead = /^(?:(?:on|at|in|near|outside|into|off|from|to|of|the)\s+)+/.exec(m[0]);
    if (lead && numbered) continue;
    const start = m.index + (lead ? lead[0].length : 0);
    const end = town?.end ?? m.index + m[0].length;
    out.push(cand('ADDRESS', start, text.slice(start, end), text.slice(start, end), 0.7));
  }
  for (const m of text.matchAll(HOUSE_RE)) {
    if (!lower(m[0]) || !(m[0].startsWith('ty ') || named(m[0].replace(/^the\s+/, 'the ')))) continue;
    // "in the house": a house name has no preposition or pronoun in it.
    if (m[0].split(/\s+/).slice(0, -1).some((w) => w !== 'the' && STOP.has(w))) continue;
    if (/^(?:the\s+)?(?:house|farm|barn|hall|mill|inn|chapel|cottage|lodge|bungalow)$/.test(m[0]) && !/^the\s+bungalow$/.test(m[0])) continue;
    // "the end house": a house called after a common word only is a description, not a name.
    if (/\bhouse$/.test(m[0]) && m[0].replace(/^the\s+/, '').split(/\s+/).slice(0, -1).every((w) => COMMON_WORDS.has(w))) continue;
    let end = m.index + m[0].length;
    if (text[end] !== ',') continue;
    // ", street, town" or ", town".
    const street = /^,\s*/.exec(text.slice(end));
    const s = street ? streetAt(text, end + street[0].length) : null;
    if (s) {
      const town = townAfter(text, s.end);
      end = town?.end ?? s.end;
    } else {
      const town = townAfter(text, end);
      if (!town) continue;
      end = town.end;
    }
    out.push(cand('ADDRESS', m.index, text.slice(m.index, end), text.slice(m.index, end), 0.7));
  }
  return out;
}

/**
 * True when the text is written as an informal log: at least as many sentences start in lower case
 * as in capitals. Properly capitalised text (most records) skips the informal rules, which keeps
 * extraction fast there and leaves its lower-case words alone.
 */
export function isInformalText(text: string): boolean {
  let lower = 0;
  let upper = 0;
  for (const m of text.matchAll(/(?:^|[.!?]\s+|\n)([A-Za-z])/g)) {
    if (m[1] >= 'a') lower++;
    else upper++;
  }
  return lower > 0 && lower >= upper;
}

/** Lower-case people and addresses of informal logs (see the module comment); `taken` spans are already found. */
export function findInformal(text: string, taken: readonly Candidate[]): Candidate[] {
  const free = (c: Candidate) => !taken.some((t) => t.start < c.end && c.start < t.end);
  const addr = addresses(text).filter(free);
  const people = persons(text).filter((c) => free(c) && !addr.some((a) => a.start < c.end && c.start < a.end));
  return [...addr, ...people, ...laterForenames(text, [...taken, ...people]).filter(free)];
}
