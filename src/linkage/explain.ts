/**
 * Explanations: a pair's match weight as a waterfall — the prior (how likely two records are to
 * match before looking at them), then each field's contribution log2(m/u) at the level the two
 * values reached (plus the term-frequency adjustment when the value is common or rare), summing
 * to the match weight; the probability is 2^w / (1 + 2^w).
 */
import { LEVEL_WORDS } from './comparisons.ts';
import { tfAdjustments, type LinkResult } from './linker.ts';

export interface Contribution {
  readonly field: string;
  readonly kind: string;
  /** The level key (e.g. `jaro_winkler_0.92`), or `missing`. */
  readonly level: string;
  /** The level in words. */
  readonly words: string;
  readonly value_a: string | null;
  readonly value_b: string | null;
  /** Jaro–Winkler similarity for names and text. */
  readonly similarity: number | null;
  /** log2(m/u) of the level, plus the term-frequency adjustment. */
  readonly weight: number;
  readonly tf_adjustment: number;
}

export interface Explanation {
  readonly id_a: string;
  readonly id_b: string;
  readonly prior_weight: number;
  readonly contributions: readonly Contribution[];
  readonly match_weight: number;
  readonly match_probability: number;
  /** One line per step of the waterfall, in words. */
  readonly lines: readonly string[];
}

const label = (name: string) => name.replace(/[_-]+/g, ' ').trim();
const signed = (w: number) => `${w >= 0 ? '+' : '−'}${Math.abs(w).toFixed(1)}`;

/** The waterfall of records i and j (indexes into the input) under the fitted model. */
export function explainPair(result: LinkResult, i: number, j: number): Explanation {
  const { model, prepared, input } = result;
  const prior = Math.log2(model.lambda / (1 - model.lambda));
  const contributions: Contribution[] = [];
  let total = prior;
  const lines: string[] = [`prior: two records chosen at random match with probability ${model.lambda.toPrecision(2)}: ${signed(prior)}`];
  prepared.forEach((f, fi) => {
    const fm = model.fields[fi];
    const raw = input.display?.[f.name] ?? input.columns[f.name];
    const va = raw[i]?.trim() || null;
    const vb = raw[j]?.trim() || null;
    const level = f.compare(i, j);
    const sim = f.similarity(i, j);
    let w = 0;
    let tf = 0;
    if (level >= 0) {
      w = fm.weights[level];
      if (fm.termFrequency && level === f.levels.length - 1) {
        tf = tfAdjustments(f, fm.u)[f.code[i]];
        w += tf;
      }
    }
    total += w;
    const words = level < 0 ? 'missing' : LEVEL_WORDS[f.kind][level];
    contributions.push({
      field: f.name, kind: f.kind, level: level < 0 ? 'missing' : f.levels[level], words,
      value_a: va, value_b: vb, similarity: sim, weight: w, tf_adjustment: tf,
    });
    const op = level < 0 ? 'vs' : level === f.levels.length - 1 ? '=' : level === 0 ? '≠' : '~';
    const shown = (v: string | null) => v ?? '(missing)';
    const fuzzy = sim !== null && level > 0 && level < f.levels.length - 1;
    const how = [fuzzy ? `Jaro–Winkler ${sim.toFixed(2)}` : words + (sim !== null && level === 0 ? `, Jaro–Winkler ${sim.toFixed(2)}` : '')];
    if (tf) how.push(`${tf < 0 ? 'common' : 'uncommon'} value ${signed(tf)}`);
    lines.push(`${label(f.name)} ${shown(va)} ${op} ${shown(vb)} (${how.join('; ')}): ${level < 0 ? '0 (no evidence)' : signed(w)}`);
  });
  const probability = 1 / (1 + 2 ** -total);
  lines.push(`match weight ${total.toFixed(1)}: probability ${probability.toFixed(4)}`);
  return {
    id_a: input.ids[i], id_b: input.ids[j], prior_weight: prior, contributions,
    match_weight: total, match_probability: probability, lines,
  };
}
