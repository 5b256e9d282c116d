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
  if (w.length < 4 || /\d/.test(w)) return w;
  if (w.endsWith('ies') && !w.endsWith('eies') && !w.endsWith('aies')) return w.slice(0, -3) + 'y';
  if (w.endsWith('es') && !w.endsWith('aes') && !w.endsWith('ees') && !w.endsWith('oes')) {
    // "glasses", "boxes", "matches": drop "es" after s, x, ch, sh; otherwise only the "s".
    return /(?:ss|x|ch|sh|zz)es$/.test(w) ? w.slice(0, -2) : w.slice(0, -1);
  }
  if (w.endsWith('s') && !w.endsWith('us') && !w.endsWith('ss') && !w.endsWith('is')) return w.slice(0, -1);
  return w;
}

export interface TextToken {
  readonly term: string;
  readonly start: number;
  readonly end: number;
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;

/** The index terms of a text with their offsets; stop words are dropped. */
export function analyse(text: string): TextToken[] {
  const out: TextToken[] = [];
  for (const m of text.matchAll(WORD)) {
    let w = m[0].toLowerCase();
    if (w.endsWith("'s") || w.endsWith('’s')) w = w.slice(0, -2);
    w = w.replace(/['’]/g, '');
    if (!w || STOP.has(w)) continue;
    out.push({ term: stem(w), start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** Just the terms, for indexing (no offsets, no allocation per token beyond the string). */
export function terms(text: string): string[] {
  const out: string[] = [];
  for (const m of text.toLowerCase().matchAll(WORD)) {
    let w = m[0];
    if (w.endsWith("'s") || w.endsWith('’s')) w = w.slice(0, -2);
    if (w.includes("'") || w.includes('’')) w = w.replace(/['’]/g, '');
    if (!w || STOP.has(w)) continue;
    out.push(stem(w));
  }
  return out;
}

/** Levenshtein distance, giving up (returning max + 1) once it exceeds `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < best) best = v;
    }
    if (best > max) return max + 1;
    prev = cur;
  }
  return prev[b.length];
}
