/**
 * The words of a narrative for finding people (persons.ts): letters with apostrophes and hyphens
 * inside, a trailing possessive 's dropped, words glued to digits skipped; each with its shape
 * (upper, capitalised, lower, initial) and what the gazetteers say of it (person-words.ts).
 */
import { wordFlags } from './person-words.ts';

export interface Token {
  readonly s: string;
  readonly start: number;
  readonly end: number;
  readonly key: string;
  readonly shape: 'upper' | 'cap' | 'lower' | 'initial';
  /** What the gazetteers say of `key` (the W_* bits), looked up once per word. */
  readonly f: number;
}

/** ' " ‘ “ */
export function isOpenQuote(c: number): boolean {
  return c === 39 || c === 34 || c === 0x2018 || c === 0x201c;
}
/** ' " ’ ” */
export function isCloseQuote(c: number): boolean {
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
