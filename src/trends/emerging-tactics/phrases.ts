/**
 * The phrases of a narrative a tactic detector counts: its words of four letters or more that are
 * not stop words, and its word pairs (bigrams), lower-cased, with every entity mention (names,
 * addresses, phone numbers, registrations …) cut out first, so a phrase is always about how
 * something was done, never about who or where. Single words catch a method written in several
 * ways ("courier fraud", "a courier", "Courier: ..."); pairs catch one told in common words.
 *
 * A phrase is two adjacent words of letters (an apostrophe or hyphen inside a word is kept) within
 * one clause: punctuation, digits and a cut-out entity all break the chain. A pair of two stop words
 * ("of the") is dropped; one stop word is kept, since "posing as" and "foil lined" both say something.
 * Each phrase counts once per record.
 */

const STOP = new Set(`a an the and or but of to in on at by for from with as is was were be been being are it its this that these those
he she they him her them his their we our you your i me my who which what when where while there here then than so not no
had has have do did does done into onto up down out off over under about after before again also just only very can could
would should will shall may might must one two three all any some such own same other more most both each few nor too s t
ip ips re approx`.split(/\s+/).filter(Boolean));

const WORD = /[a-z]+(?:['-][a-z]+)*/g;
/** What breaks a phrase: sentence and clause punctuation, digits, brackets, slashes, line breaks. */
const BREAK = /[.,;:!?()[\]{}/\\|"0-9\n\r\t–—]+/;

/** The text with each span [spans[2i], spans[2i+1]) replaced by a break. */
function cutSpans(text: string, spans: readonly number[]): string {
  if (!spans.length) return text;
  let out = '';
  let at = 0;
  for (let i = 0; i + 1 < spans.length; i += 2) {
    const s = Math.max(at, spans[i]), e = spans[i + 1];
    if (e <= at) continue;
    out += text.slice(at, s) + ' | ';
    at = e;
  }
  return out + text.slice(at);
}

/** Whether a phrase is two words neither of which is a stop word ("water board", not "the water"). */
export function isContentPair(phrase: string): boolean {
  const sp = phrase.indexOf(' ');
  return sp > 0 && !STOP.has(phrase.slice(0, sp)) && !STOP.has(phrase.slice(sp + 1));
}

/** The distinct phrases of a narrative (see the module comment), in order of first appearance. */
export function recordPhrases(text: string, spans: readonly number[] = []): string[] {
  const seen = new Set<string>();
  for (const clause of cutSpans(text, spans).toLowerCase().split(BREAK)) {
    let prev: string | null = null;
    for (const m of clause.matchAll(WORD)) {
      const w = m[0];
      if (w.length < 2) { prev = null; continue; }
      if (w.length >= 4 && !STOP.has(w)) seen.add(w);
      if (prev !== null && !(STOP.has(prev) && STOP.has(w))) seen.add(`${prev} ${w}`);
      prev = w;
    }
  }
  return [...seen];
}
