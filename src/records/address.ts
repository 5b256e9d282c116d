/**
 * Finds addresses: a house, flat or unit number with a street, or a named building used as an
 * address, with the town when it is written with it ("Flat 6, Cowper Court", "Orchard Cottage,
 * Mill Lane, Wokingham", "Unit 3, 112 High Street, Chelmsford", "23 Heol Tasker, Ebbw Vale").
 * A street named without a number ("Church Street"), a town, a shop or a pub is not an address.
 *
 * The address is read as comma-separated components: a unit ("Flat 3"), a numbered street
 * ("19 Hazel Street"), a street ("Mill Lane"), a named building ("Ashcombe House") and trailing
 * towns. It counts when it has a unit, a numbered street, or a named building followed by a street.
 */
import type { Candidate } from './entity.ts';
import { cand } from './candidate.ts';
import { FORENAMES, COMMON_WORDS } from './names.ts';

function isCapsText(text: string): boolean {
  const letters = text.replace(/[^A-Za-z]/g, '');
  return letters.length > 0 && letters.replace(/[^A-Z]/g, '').length / letters.length > 0.75;
}

const W = String.raw`(?:(?:[A-Z][a-z]+(?:['’-][A-Za-z]+)*|[A-Z]{2,}(?:['’-][A-Z]+)*|Mc[A-Z][a-z]+|St\.?|Y)(?![A-Za-z0-9]))`;
/** Joining words inside a street or building name: "Heads of the Valleys Road", "Tan y Bryn". */
const JOIN = String.raw`(?:of|the|on|y|yr|le|de|upon|in|OF|THE|ON|UPON)`;
const SUFFIX = String.raw`(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Close|Cl|Court|Ct|Crescent|Cres|Drive|Dr|Grove|Gardens|Gdns|Place|Pl|Terrace|Tce|Way|Walk|Row|Square|Sq|Mews|Parade|Hill|Rise|View|Park|Green|Vale|Mount|Heights|Wharf|Quay|Yard|Chase|Croft|Fields|Meadow|Meadows|Bank|Side|Gate|End|Brow|Approach|Boulevard|Embankment|Circus|Broadway|Mall|Hollow|Wynd|Close|Grange|Villas|Cottages|Buildings|Precinct|Market)`;
const SUFFIX_CAPS = SUFFIX.toUpperCase().replace(/\(\?:/g, '(?:');
const WELSH = String.raw`(?:Heol|Ffordd|Stryd|Lon|Rhodfa|Maes|Cwrt|Plas|Y Stryd|HEOL|FFORDD|STRYD|LON|RHODFA|MAES|CWRT|PLAS)`;
const UNIT = String.raw`(?:Flat|Apt|Apartment|Unit|Room|Suite|Studio|Maisonette|Plot|FLAT|APT|APARTMENT|UNIT|ROOM|SUITE|STUDIO)\.?\s*\d{1,4}[A-Za-z]?`;
const NUM = String.raw`\d{1,4}[A-Za-z]?(?:-\d{1,4})?`;
const STREET = String.raw`(?:${W}\s(?:(?:${W}|${JOIN})\s){0,3}(?:${SUFFIX}|${SUFFIX_CAPS})\b|${WELSH}(?:\s(?:${W}|${JOIN})){1,3})`;
const BUILDING = String.raw`(?:House|Court|Cottage|Farm|Lodge|Barn|Hall|Manor|Villa|Mill|Mills|Point|Tower|Towers|Building|Mansions|Chambers|Works|Heights|Apartments|Bungalow|Grange|Flats|Cottages|HOUSE|COURT|COTTAGE|FARM|LODGE|MILLS|POINT|TOWER)`;

const COMPONENT: ReadonlyArray<readonly [kind: Kind, re: RegExp]> = [
  ['unit', new RegExp(`^${UNIT}`)],
  ['numbered', new RegExp(`^${NUM}\\s${STREET}`)],
  ['street', new RegExp(`^${STREET}`)],
  ['building', new RegExp(`^(?:${W}\\s){0,3}${BUILDING}\\b`)],
  ['named', new RegExp(`^${W}(?:(?:\\s${JOIN})?\\s${W}){0,3}`)],
];
type Kind = 'unit' | 'numbered' | 'street' | 'building' | 'named';

/** A named house before a street, after a word that introduces an address: "lives at The Old Rectory, Rowan Street". */
const HOUSE_CUE = /\b(?:at|of|address|to|left|from|is|into|outside|given|home|as|AT|OF|ADDRESS|TO|FROM|GIVEN|HOME|AS)\s(?=[A-Z])/g;
const NAMED_HOUSE = new RegExp(String.raw`(?:The\s|THE\s)?${W}(?:\s(?:${W}|${JOIN})){0,3},\s${STREET}`, 'y');
/** Cheap anchors; the full patterns are tried only where one of these matches. */
const UNIT_AT = new RegExp(`(?<![\\w£$.,/-])${UNIT}`, 'g');
const NUM_AT = /(?<![\w£$.,/:-])\d{1,4}[A-Za-z]?(?:-\d{1,4})?\s(?=[A-Z])/g;
const STREET_Y = new RegExp(STREET, 'y');
const BUILDING_AT = new RegExp(`${BUILDING},\\s`, 'g');
const BUILDING_START = new RegExp(`(?:${W}\\s){0,3}$`);

/** Where addresses may start: a unit, a numbered street, a building, or a named house after a cue. */
function heads(text: string): { index: number; end: number }[] {
  const out: { index: number; end: number }[] = [];
  for (const m of text.matchAll(UNIT_AT)) out.push({ index: m.index, end: m.index + m[0].length });
  for (const m of text.matchAll(NUM_AT)) {
    STREET_Y.lastIndex = m.index + m[0].length;
    const st = STREET_Y.exec(text);
    if (st) out.push({ index: m.index, end: STREET_Y.lastIndex });
  }
  for (const m of text.matchAll(BUILDING_AT)) {
    STREET_Y.lastIndex = m.index + m[0].length;
    const st = STREET_Y.exec(text);
    if (!st) continue;
    const lead = BUILDING_START.exec(text.slice(Math.max(0, m.index - 60), m.index));
    out.push({ index: m.index - (lead ? lead[0].length : 0), end: STREET_Y.lastIndex });
  }
  // The first comma at or after the cue, found once per comma rather than once per cue.
  let comma = -1;
  if (text.includes(',')) for (const m of text.matchAll(HOUSE_CUE)) {
    const at = m.index + m[0].length;
    // Cheap test before the full pattern: a comma within four capitalised words.
    if (comma < at) comma = text.indexOf(',', at);
    if (comma < 0) break;
    if (comma - at > 40 || !/^(?:The\s|THE\s)?[A-Z][\w'’-]*(?:\s[\w'’-]+){0,3}$/.test(text.slice(at, comma))) continue;
    NAMED_HOUSE.lastIndex = at;
    const h = NAMED_HOUSE.exec(text);
    if (h) out.push({ index: at, end: at + h[0].length });
  }
  return out.sort((a, b) => a.index - b.index);
}
const FOLLOWING_OK = /^(?:\s*$|\s*[.,;:)(\]'"-]|\s+[A-Z]{1,2}\d|\s+(?:and|is|was|in|on|at|where|which|who|to|with|for|from|by|but|as|has|had|then|when|while|after|before|since|until|or|nr|near)\b)/;

/** Ordinary words that start town names: "Little Snoring", "West Bromwich". */
const TOWN_PREFIX = new Set('little great north south east west upper lower new old long high kings st market church'.split(' '));

function parseComponent(text: string, at: number): { kind: Kind; end: number } | null {
  const rest = text.slice(at, at + 120);
  for (const [kind, re] of COMPONENT) {
    const m = re.exec(rest);
    if (m && m[0].trim().length > 0) return { kind, end: at + m[0].replace(/\s+$/, '').length };
  }
  return null;
}

function wordsOf(s: string): string[] {
  return s.split(/[\s,]+/).filter(Boolean).map((w) => w.toLowerCase());
}

export function findAddresses(text: string, caps = isCapsText(text)): Candidate[] {
  const out: Candidate[] = [];
  let lastEnd = -1;
  for (const m of heads(text)) {
    if (m.index < lastEnd) continue;
    let start = m.index;
    // A sentence's first word is not part of a house name: "Also Orchard Cottage, ...".
    for (let w = /^(\p{L}+)\s(?=\p{Lu})/u.exec(text.slice(start, start + 30)); w && w[1].toLowerCase() !== 'the' && COMMON_WORDS.has(w[1].toLowerCase());
      w = /^(\p{L}+)\s(?=\p{Lu})/u.exec(text.slice(start, start + 30))) start += w[0].length;
    // Components separated by ", " (or a bare space after a unit: "Flat 3 19 Hazel Street").
    const kinds: Kind[] = [];
    const ends: number[] = [];
    let pos = start;
    for (;;) {
      const c = parseComponent(text, pos);
      if (!c) break;
      kinds.push(c.kind);
      ends.push(c.end);
      const sep = /^(?:,\s*|\s(?=\d))/.exec(text.slice(c.end, c.end + 3));
      if (!sep || kinds.length >= 6) break;
      pos = c.end + sep[0].length;
    }
    if (!kinds.length) continue;
    const hasCore = kinds.includes('unit') || kinds.includes('numbered') || (kinds.length > 1 && kinds[1] === 'street' && kinds[0] !== 'street') || (kinds[0] === 'building' && kinds.includes('street'));
    // A person before a street ("of Kevin DALTON, Mill Lane") is not a named house.
    if (kinds[0] === 'named' && /\b\p{Lu}{2,}\b/u.test(text.slice(start, ends[0])) && !caps) continue;
    if (!hasCore) continue;
    // Trailing free-standing names are towns: keep at most two, and only those followed by a
    // postcode, punctuation, the end or a joining word; never a forename ("..., mum Tina").
    let n = kinds.length;
    const lastCore = Math.max(kinds.lastIndexOf('unit'), kinds.lastIndexOf('numbered'), kinds.lastIndexOf('street'), kinds.lastIndexOf('building'));
    while (n > lastCore + 1) {
      const compStart = n - 2 >= 0 ? ends[n - 2] : start;
      const comp = text.slice(compStart, ends[n - 1]).replace(/^[,\s]+/, '');
      const first = wordsOf(comp)[0] ?? '';
      const okFollow = FOLLOWING_OK.test(text.slice(ends[n - 1], ends[n - 1] + 12));
      const towns = n - 1 - lastCore;
      if (okFollow && towns <= 2 && !FORENAMES.has(first) && (!COMMON_WORDS.has(first) || TOWN_PREFIX.has(first))) break;
      n--;
    }
    // Between core components a "named" is a building name ("Riverside Point"); past the last
    // core it is a town. Nothing else to check.
    let end = ends[n - 1];
    // A named house before a numbered street: "at his home Bryn Awel, 4 Ffordd Las".
    const pre = /(?:^|\b(?:at|of|to|home|address|is|from|in|as)\s)((?:[A-Z][a-z]+|[A-Z]{2,})(?:\s(?:[A-Z][a-z]+|[A-Z]{2,})){0,2}),\s$/.exec(text.slice(Math.max(0, start - 40), start));
    const homeCue = pre && /\b(?:home|address)\s[^,]*,\s$/.test(text.slice(Math.max(0, start - 40), start));
    if (pre && kinds[0] === 'numbered' && (homeCue || !FORENAMES.has(pre[1].split(' ')[0].toLowerCase()))) start -= pre[1].length + 2;
    end = Math.max(end, m.end);
    const t = text.slice(start, end);
    out.push(cand('ADDRESS', start, t, t.toUpperCase().replace(/\s+/g, ' ').replace(/\s*,\s*/g, ', '), kinds.includes('numbered') ? 0.9 : 0.8));
    lastEnd = end;
  }
  return out;
}
