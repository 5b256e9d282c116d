/**
 * Text analysis shared by indexing and querying, so both sides agree on terms: lower case, split
 * on anything but letters and digits, drop stop words, and a light plural stemmer (Harman's
 * S-stemmer: "burglaries" → "burglary", "windows" → "window", "glasses" → "glass"). Light on
 * purpose: police text is full of codes and names that aggressive stemmers mangle.
 */
const STOP = new Set(
  ('a an and are as at be been but by for from had has have he her hers him his i if in into is it its me my no not of on ' +
    'or our she so than that the their them then there these they this those to too up us was we were what when where ' +
    'which who whom why will with would you your also any all can could did do does done just may might must only over ' +
    'should some such very used using approx etc').split(' '),
);

export function isStopWord(w: string): boolean {
  return STOP.has(w);
}

/** Harman's S-stemmer. */
export function stem(w: string): string {
  return stemWord(w, /\d/.test(w));
}

function stemWord(w: string, hasDigit: boolean): string {
  if (w.length < 4 || hasDigit) return w;
  const last = w.charCodeAt(w.length - 1);
  if (last !== 115) return w; // every rule below ends in "s"
  if (w.endsWith('ies') && !w.endsWith('eies') && !w.endsWith('aies')) return w.slice(0, -3) + 'y';
  if (w.endsWith('es') && !w.endsWith('aes') && !w.endsWith('ees') && !w.endsWith('oes')) {
    // "glasses", "boxes", "matches": drop "es" after s, x, ch, sh; otherwise only the "s".
    return /(?:ss|x|ch|sh|zz)es$/.test(w) ? w.slice(0, -2) : w.slice(0, -1);
  }
  if (!w.endsWith('us') && !w.endsWith('ss') && !w.endsWith('is')) return w.slice(0, -1);
  return w;
}

export interface TextToken {
  readonly term: string;
  readonly start: number;
  readonly end: number;
}

/** The index terms of a text with their offsets; stop words are dropped. */
export function analyse(text: string): TextToken[] {
  const out: TextToken[] = [];
  scan(text, (term, start, end) => out.push({ term, start, end }));
  return out;
}

/** Class of each BMP code unit above ASCII, filled on first sight: 1 letter, 2 digit or other number, 3 neither. */
const UNICODE_CLASS = new Uint8Array(65536);
const LETTER = /^\p{L}$/u;
const NUMBER = /^\p{N}$/u;
function classOf(c: number): number {
  let k = UNICODE_CLASS[c];
  if (k === 0) {
    const ch = String.fromCharCode(c);
    k = LETTER.test(ch) ? 1 : NUMBER.test(ch) ? 2 : 3;
    UNICODE_CLASS[c] = k;
  }
  return k;
}
/** Code units taken by a letter (letterOnly) or a letter or number at i: 0 when there is none. */
function wordCharAt(text: string, i: number, letterOnly: boolean): number {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (!letterOnly && c >= 48 && c <= 57) ? 1 : 0;
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
    const ch = String.fromCodePoint(text.codePointAt(i)!);
    return LETTER.test(ch) || (!letterOnly && NUMBER.test(ch)) ? 2 : 0;
  }
  const k = classOf(c);
  return k === 1 || (k === 2 && !letterOnly) ? 1 : 0;
}

/** Just the terms, for indexing (the same as `analyse` without offsets). */
export function terms(text: string): string[] {
  const out: string[] = [];
  scan(text, (term) => out.push(term));
  return out;
}

/**
 * The words of a text as index terms, with offsets: runs of letters and digits (Unicode), with
 * one apostrophe and letters after it ("o'neil"); lower-cased, a possessive "'s" dropped, other
 * apostrophes removed, stop words skipped, plurals stemmed. A character-code loop rather than a
 * Unicode regex: it is the index build's hot path.
 */
function scan(text: string, emit: (term: string, start: number, end: number) => void): void {
  const L = text.length;
  let i = 0;
  while (i < L) {
    let n = wordCharAt(text, i, false);
    if (n === 0) {
      i++;
      continue;
    }
    const start = i;
    let fold = false;
    let digit = false;
    let apos = false;
    while (i < L && (n = wordCharAt(text, i, false)) > 0) {
      const c = text.charCodeAt(i);
      if (c < 128) {
        if (c <= 57) digit = true;
        else if (c <= 90) fold = true;
      } else fold = true;
      i += n;
    }
    // One apostrophe and letters after it: "o'neil", "driver's".
    const q = i < L ? text.charCodeAt(i) : 0;
    if ((q === 39 || q === 0x2019) && i + 1 < L && (n = wordCharAt(text, i + 1, true)) > 0) {
      apos = true;
      i += 1 + n;
      while (i < L && (n = wordCharAt(text, i, true)) > 0) {
        const c = text.charCodeAt(i);
        if (c >= 128 || c <= 90) fold = true;
        i += n;
      }
    }
    let w = text.slice(start, i);
    if (fold) w = w.toLowerCase();
    if (apos) {
      if (w.endsWith("'s") || w.endsWith('’s')) w = w.slice(0, -2);
      if (w.includes("'") || w.includes('’')) w = w.replace(/['’]/g, '');
    }
    if (!w || STOP.has(w)) continue;
    emit(stemWord(w, digit), start, i);
  }
}

let edPrev = new Int32Array(64);
let edCur = new Int32Array(64);

/** Levenshtein distance, giving up (returning max + 1) once it exceeds `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (b.length + 1 > edPrev.length) {
    edPrev = new Int32Array(b.length + 1);
    edCur = new Int32Array(b.length + 1);
  }
  let prev = edPrev;
  let cur = edCur;
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let best = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const sub = prev[j - 1] + (ca === b.charCodeAt(j - 1) ? 0 : 1);
      const del = prev[j] + 1;
      const ins = cur[j - 1] + 1;
      const v = sub < del ? (sub < ins ? sub : ins) : del < ins ? del : ins;
      cur[j] = v;
      if (v < best) best = v;
    }
    if (best > max) return max + 1;
    const t = prev;
    prev = cur;
    cur = t;
  }
  return prev[b.length];
}
