/**
 * Finds members of the public in police narratives without a model, by the conventions police
 * logs follow (officers, by rank and collar number, are found by officers.ts).
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
import { cand } from './candidate.ts';
import { type Token, isCloseQuote, isOpenQuote, tokenize } from './person-tokens.ts';
import { BRANDS, BRAND_FIRST, NON_PERSON_NOUNS, TEAM_AFTER, W_AMBIGUOUS_NAMES, W_CAR_MAKES, W_COMMON, W_FORENAMES, W_NOT_NAME_CAPS, W_PARTICLES, W_PLACES, W_PLACE_WORDS, W_RANK_WORDS, W_ROLE_CUES, W_STOPISH, W_SURNAMES, W_TEAM_AFTER, W_TITLES, capsWordish, isBrand } from './person-words.ts';

export interface TakenSpan {
  readonly start: number;
  readonly end: number;
}

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
