/** Snippets of search hits: the window of a record's text with most query words, and where they are. */
import { analyse } from './text.ts';

/** The 160-character window of `text` with the most matching words, and where they are in it. */
export function makeSnippet(text: string, matches: (term: string) => boolean, width = 160): { snippet: string; highlights: [number, number][] } {
  const toks = analyse(text).filter((t) => matches(t.term));
  if (!toks.length) return { snippet: text.length > width ? text.slice(0, width).replace(/\s+\S*$/, '') + ' ...' : text, highlights: [] };
  let best = 0;
  let bestCount = 0;
  for (let i = 0; i < toks.length; i++) {
    let c = 0;
    for (let j = i; j < toks.length && toks[j].end - toks[i].start <= width; j++) c++;
    if (c > bestCount) [best, bestCount] = [i, c];
  }
  let start = Math.max(0, toks[best].start - 30);
  if (start > 0) {
    const sp = text.lastIndexOf(' ', start);
    start = sp >= 0 ? sp + 1 : 0;
  }
  let end = Math.min(text.length, start + width);
  if (end < text.length) {
    const sp = text.indexOf(' ', end);
    end = sp >= 0 ? sp : text.length;
  }
  const prefix = start > 0 ? '... ' : '';
  const snippet = prefix + text.slice(start, end) + (end < text.length ? ' ...' : '');
  const highlights = toks.filter((t) => t.start >= start && t.end <= end).map((t) => [t.start - start + prefix.length, t.end - start + prefix.length] as [number, number]);
  return { snippet, highlights };
}
