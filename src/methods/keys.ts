/**
 * Key words for the extractor's prefilter: the literal words any match of a pattern must contain
 * (`requiredKeys`), and an Aho–Corasick automaton that finds where many such words first occur in
 * a text in one pass (`KeyScanner`), so only the values whose words occur are matched at all.
 */

/** A minimal Aho–Corasick automaton: which of many literal keys occur in a text, in one pass. */
export class KeyScanner {
  /** Dense transitions (state × symbol), with failure links already folded in. */
  private readonly delta: Int32Array;
  private readonly out: number[][];
  private readonly width: number;
  private readonly symbol = new Int16Array(65536).fill(0);
  constructor(keys: readonly string[]) {
    const chars = [...new Set(keys.join(''))];
    chars.forEach((ch, i) => { this.symbol[ch.charCodeAt(0)] = i + 1; });
    const width = (this.width = chars.length + 1);
    const goto: Array<Map<number, number>> = [new Map()];
    const out: number[][] = [[]];
    keys.forEach((k, id) => {
      let st = 0;
      for (let i = 0; i < k.length; i++) {
        const c = this.symbol[k.charCodeAt(i)];
        let t = goto[st].get(c);
        if (t === undefined) { t = goto.length; goto.push(new Map()); out.push([]); goto[st].set(c, t); }
        st = t;
      }
      out[st].push(id);
    });
    const delta = new Int32Array(goto.length * width);
    const fail = new Int32Array(goto.length);
    const queue: number[] = [];
    for (let c = 1; c < width; c++) {
      const t = goto[0].get(c) ?? 0;
      delta[c] = t;
      if (t !== 0) queue.push(t);
    }
    for (let h = 0; h < queue.length; h++) {
      const st = queue[h];
      out[st] = out[st].concat(out[fail[st]]);
      for (let c = 1; c < width; c++) {
        const t = goto[st].get(c);
        if (t !== undefined) { fail[t] = delta[fail[st] * width + c]; delta[st * width + c] = t; queue.push(t); }
        else delta[st * width + c] = delta[fail[st] * width + c];
      }
    }
    this.delta = delta;
    this.out = out;
  }
  /** Writes in `first` (indexed by key id, -1 when absent) where each key first ends in `text`. */
  scan(text: string, first: Int32Array): void {
    const { delta, out, width, symbol } = this;
    let st = 0;
    for (let i = 0; i < text.length; i++) {
      st = delta[st * width + symbol[text.charCodeAt(i)]];
      const o = out[st];
      for (let j = 0; j < o.length; j++) if (first[o[j]] < 0) first[o[j]] = i;
    }
  }
}

/**
 * The longest literal run a match of this regular-expression source must contain, or null. Groups,
 * classes and escapes are skipped; a character followed by an optional quantifier is dropped.
 */
export function requiredLiteral(src: string): string | null {
  if (/(^|[^\\])\|/.test(src.replace(/\([^()]*\)/g, '').replace(/\[[^\]]*\]/g, ''))) {
    // A top-level alternative (outside any group) means no single run is required.
    let depth = 0;
    for (let i = 0; i < src.length; i++) {
      const ch = src[i];
      if (ch === '\\') { i++; continue; }
      if (ch === '(') depth++;
      else if (ch === ')') depth--;
      else if (ch === '|' && depth === 0) return null;
    }
  }
  const runs: string[] = [];
  let cur = '', depth = 0;
  const flush = (): void => { if (cur.length > 0) runs.push(cur); cur = ''; };
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (ch === '\\') { flush(); i++; continue; }
    if (ch === '[') { flush(); while (i < src.length && src[i] !== ']') i++; continue; }
    if (ch === '(') { flush(); depth++; continue; }
    if (ch === ')') { flush(); depth--; if (src[i + 1] === '?' || src[i + 1] === '*') i++; continue; }
    if (depth > 0) continue;
    if (ch === '?' || ch === '*' || (ch === '{' && src[i + 1] === '0')) { cur = cur.slice(0, -1); flush(); if (ch === '{') while (i < src.length && src[i] !== '}') i++; continue; }
    if (ch === '+' || ch === '{') { flush(); if (ch === '{') while (i < src.length && src[i] !== '}') i++; continue; }
    if (ch === '.' || ch === '^' || ch === '$') { flush(); continue; }
    cur += ch;
  }
  flush();
  const best = runs.map((r) => r.trim()).sort((a, b) => b.length - a.length)[0];
  return best && best.length >= 2 ? best : null;
}

/**
 * Words one of which any match of the source must contain: its required literal, or else the
 * literal prefixes of the alternatives of a leading group (`(?:silver|grey)` gives silver, grey).
 */
export function requiredKeys(src: string): string[] | null {
  const lit = requiredLiteral(src);
  if (lit !== null) return [lit];
  if (!src.startsWith('(?:')) return null;
  let depth = 0, end = -1;
  for (let i = 0; i < src.length; i++) {
    if (src[i] === '\\') { i++; continue; }
    if (src[i] === '(') depth++;
    else if (src[i] === ')' && --depth === 0) { end = i; break; }
  }
  if (end < 0 || src[end + 1] === '?' || src[end + 1] === '*') return null;
  const alts: string[] = [];
  depth = 0;
  let cur = '';
  for (let i = 3; i < end; i++) {
    const ch = src[i];
    if (ch === '\\') { cur += src.slice(i, i + 2); i++; continue; }
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === '|' && depth === 0) { alts.push(cur); cur = ''; } else cur += ch;
  }
  alts.push(cur);
  const keys: string[] = [];
  for (const a of alts) {
    const m = /^[a-z0-9 '£-]+/.exec(a);
    let k = m ? m[0] : '';
    // A quantifier after the prefix makes its last character optional.
    if (k.length < a.length && /[?*{]/.test(a[k.length])) k = k.slice(0, -1);
    if (k.trim().length < 2) return null;
    keys.push(k.trim());
  }
  return keys;
}

