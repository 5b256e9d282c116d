/**
 * The Fellegi–Sunter linker: prepares the fields, estimates u from random pairs, blocks,
 * compares the candidate pairs into integer-coded patterns, estimates m and λ by EM (one
 * training session per blocking rule, as Splink does), scores every pair (match weight with
 * term-frequency adjustments, and probability), and clusters.
 *
 * Global λ is the probability that two records drawn at random match. A session on rule R sees
 * only pairs agreeing on R's fields; its λ_R is turned into a count of matches by dividing by
 * the share of all matches that agree on R (the product of the m of R's exact levels), and λ is
 * the median of those counts over the number of possible pairs (Splink's "estimate λ from a
 * blocked session", Linacre et al. 2022).
 */
import { PeelError } from '../standard/index.ts';
import { seededRng } from '../trends/index.ts';
import {
  detectComparison, prepareField, COMPARISON_KINDS, TERM_FREQUENCY_KINDS,
  type ComparisonKind, type PreparedField,
} from './comparisons.ts';
import { candidatePairs, defaultRules, ruleKeys, termCodes, isWholeTerm, type BlockingRule } from './blocking.ts';
import { fitEm, startingM, levelWeights, PROBABILITY_FLOOR, type PatternTable, type FsParameters } from './em.ts';
import { clusterPairs, type Clustering } from './cluster.ts';

/** Records to link: ids, columns of text (null or '' = missing), and for linking two inputs, each record's input (0 or 1). */
export interface LinkInput {
  readonly ids: readonly string[];
  readonly columns: Readonly<Record<string, ReadonlyArray<string | null>>>;
  /** Values as written, shown in explanations instead of `columns` (e.g. a date as the narrative wrote it). */
  readonly display?: Readonly<Record<string, ReadonlyArray<string | null>>>;
  /** Link mode: the input (0 or 1) of each record; pairs are only made across inputs. Absent: deduplicate. */
  readonly source?: Uint8Array;
}

export interface LinkOptions {
  /** Columns to compare (default: every column). */
  readonly fields?: readonly string[];
  /** Comparison per column; a column not named here is detected from its content. */
  readonly comparisons?: Readonly<Record<string, ComparisonKind>>;
  /** Blocking rules (default: chosen so that each makes at most `blockBudget` pairs). */
  readonly blocking?: readonly BlockingRule[];
  /** Probability at or above which a pair is a match and joins a cluster. Default 0.9. */
  readonly threshold?: number;
  /** Random pairs used to estimate u. Default 1,000,000 (or every pair when fewer). */
  readonly randomPairs?: number;
  readonly seed?: number;
  /** Refuse to make more candidate pairs than this. Default 100,000,000. */
  readonly maxPairs?: number;
  /** Pairs a default blocking rule may make. Default max(1,000,000, 40 × records). */
  readonly blockBudget?: number;
  /** Term-frequency adjustments on name and text fields. Default true. */
  readonly termFrequency?: boolean;
  readonly onProgress?: (stage: LinkStage, detail: string) => void;
}

export type LinkStage = 'prepare' | 'u' | 'block' | 'compare' | 'em' | 'score' | 'cluster';

export interface FieldModel {
  readonly name: string;
  readonly kind: ComparisonKind;
  /** How the kind was chosen. */
  readonly chosen: 'configured' | 'detected';
  readonly levels: readonly string[];
  readonly m: readonly number[];
  readonly u: readonly number[];
  /** log2(m/u) per level. */
  readonly weights: readonly number[];
  readonly termFrequency: boolean;
}

export interface LinkModel {
  readonly lambda: number;
  readonly fields: readonly FieldModel[];
  readonly blocking: readonly BlockingRule[];
  readonly sessions: ReadonlyArray<{ readonly rule: string; readonly pairs: number; readonly lambda: number; readonly iterations: number; readonly converged: boolean }>;
}

export interface LinkResult {
  readonly records: number;
  readonly model: LinkModel;
  /** Candidate pairs: record indexes, pattern per pair, match weight and probability. */
  readonly pairs: { readonly a: Int32Array; readonly b: Int32Array; readonly weight: Float64Array; readonly probability: Float64Array; readonly length: number };
  readonly pairsPerRule: readonly number[];
  readonly pairsAboveThreshold: number;
  readonly threshold: number;
  readonly clustering: Clustering;
  readonly seconds: Readonly<Record<LinkStage, number>>;
  readonly warnings: readonly string[];
  /** The prepared fields, for explanations. */
  readonly prepared: readonly PreparedField[];
  readonly input: LinkInput;
}

const now = () => performance.now();

/** Prepares the fields of an input: the comparison of each (configured or detected). */
export function prepareFields(input: LinkInput, o: Pick<LinkOptions, 'fields' | 'comparisons'> = {}): { prepared: PreparedField[]; chosen: Array<'configured' | 'detected'> } {
  const names = o.fields ?? Object.keys(input.columns);
  if (!names.length) throw new PeelError('bad_input', 'no fields to compare: name them with --fields');
  const prepared: PreparedField[] = [];
  const chosen: Array<'configured' | 'detected'> = [];
  for (const name of names) {
    const col = input.columns[name];
    if (!col) throw new PeelError('bad_input', `field "${name}" is not a column of the input: columns are ${Object.keys(input.columns).join(', ')}`);
    if (col.length !== input.ids.length) throw new Error(`column ${name} has ${col.length} values for ${input.ids.length} ids`);
    const given = o.comparisons?.[name];
    if (given && !(COMPARISON_KINDS as readonly string[]).includes(given)) {
      throw new PeelError('bad_input', `unknown comparison "${given}" for field "${name}": use one of ${COMPARISON_KINDS.join(', ')}`);
    }
    const kind = given ?? detectComparison(name, col);
    prepared.push(prepareField(name, kind, col));
    chosen.push(given ? 'configured' : 'detected');
  }
  return { prepared, chosen };
}

/** u per field and level from random pairs (across inputs in link mode). */
export function estimateU(fields: readonly PreparedField[], source: Uint8Array | undefined, pairs: number, seed: number): number[][] {
  const n = fields[0].code.length;
  const counts = fields.map((f) => new Float64Array(f.levels.length));
  const sides: [number[], number[]] | null = source ? [[], []] : null;
  if (sides && source) for (let i = 0; i < n; i++) sides[source[i]].push(i);
  const possible = sides ? sides[0].length * sides[1].length : (n * (n - 1)) / 2;
  const count = (i: number, j: number) => {
    for (let f = 0; f < fields.length; f++) {
      const l = fields[f].compare(i, j);
      if (l >= 0) counts[f][l]++;
    }
  };
  if (possible <= pairs) {
    // Every pair: exact u for small inputs.
    if (sides) for (const i of sides[0]) for (const j of sides[1]) count(i, j);
    else for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) count(i, j);
  } else {
    const rng = seededRng(seed);
    for (let k = 0; k < pairs; k++) {
      if (sides) count(sides[0][rng.int(sides[0].length)], sides[1][rng.int(sides[1].length)]);
      else {
        const i = rng.int(n);
        let j = rng.int(n - 1);
        if (j >= i) j++;
        count(i, j);
      }
    }
  }
  return counts.map((c) => {
    const s = c.reduce((x, y) => x + y, 0);
    const v = Array.from(c, (x) => (s > 0 ? Math.max(PROBABILITY_FLOOR, x / s) : 1 / c.length));
    const t = v.reduce((x, y) => x + y, 0);
    return v.map((x) => x / t);
  });
}

/** Links or deduplicates the input (see the module comment). */
export function link(input: LinkInput, o: LinkOptions = {}): LinkResult {
  const seconds: Record<LinkStage, number> = { prepare: 0, u: 0, block: 0, compare: 0, em: 0, score: 0, cluster: 0 };
  const progress = o.onProgress ?? (() => {});
  const warnings: string[] = [];
  const n = input.ids.length;
  if (n < 2) throw new PeelError('no_data', `${n} record${n === 1 ? '' : 's'}: at least two are needed to link`);
  const source = input.source;
  if (source) {
    if (source.length !== n) throw new Error(`source has ${source.length} entries for ${n} ids`);
    const a = source.filter((s) => s === 0).length;
    if (a === 0 || a === n) throw new PeelError('no_data', 'linking two inputs needs records in both');
  }
  const threshold = o.threshold ?? 0.9;
  if (!(threshold > 0 && threshold < 1)) throw new PeelError('bad_input', `the threshold is a probability strictly between 0 and 1, got ${threshold}`);

  let t = now();
  progress('prepare', `${n} records`);
  const { prepared: fields, chosen } = prepareFields(input, o);
  const F = fields.length;
  const byName = new Map(fields.map((f, i) => [f.name, i]));
  seconds.prepare = (now() - t) / 1000;

  t = now();
  progress('u', 'u from random pairs');
  const u = estimateU(fields, source, o.randomPairs ?? 1_000_000, o.seed ?? 20);
  seconds.u = (now() - t) / 1000;

  t = now();
  const budget = o.blockBudget ?? Math.max(1_000_000, 40 * n);
  const rules = o.blocking?.length ? o.blocking : defaultRules(fields, source ?? null, budget);
  if (!rules.length) throw new PeelError('bad_input', `no blocking rule keeps the pairs under ${budget.toLocaleString('en-GB')}: give rules with --block a+b,c`);
  const fieldOf = (term: string) => term.split(':')[0];
  for (const r of rules) for (const term of r) if (!byName.has(fieldOf(term))) throw new PeelError('bad_input', `blocking rule "${r.join('+')}": "${fieldOf(term)}" is not a compared field (${fields.map((x) => x.name).join(', ')})`);
  const keys = rules.map((r) => ruleKeys(r.map((term) => {
    const [name, part] = term.split(':');
    return termCodes(fields[byName.get(name)!], part ?? null);
  })));
  progress('block', `rules ${rules.map((r) => r.join('+')).join(', ')}`);
  const cand = candidatePairs(rules, keys, source ?? null, o.maxPairs ?? 100_000_000);
  seconds.block = (now() - t) / 1000;

  // Compare: each pair to a pattern (levels per field + which rules it satisfies).
  t = now();
  progress('compare', `${cand.length} candidate pairs`);
  const R = rules.length;
  const radix: number[] = [];
  let mult = 1;
  for (const f of fields) {
    radix.push(mult);
    mult *= f.levels.length + 1;
  }
  const ruleMult = mult;
  if (ruleMult * 2 ** R > Number.MAX_SAFE_INTEGER) throw new PeelError('bad_input', `too many fields and rules to code patterns (${F} fields, ${R} rules)`);
  const patternOf = new Uint32Array(cand.length);
  const ids = new Map<number, number>();
  const keyOf: number[] = [];
  const countOf: number[] = [];
  for (let k = 0; k < cand.length; k++) {
    const i = cand.a[k];
    const j = cand.b[k];
    let key = 0;
    for (let f = 0; f < F; f++) key += (fields[f].compare(i, j) + 1) * radix[f];
    let mask = 0;
    for (let r = 0; r < R; r++) if (keys[r][i] >= 0 && keys[r][i] === keys[r][j]) mask |= 1 << r;
    key += mask * ruleMult;
    let id = ids.get(key);
    if (id === undefined) {
      id = keyOf.length;
      ids.set(key, id);
      keyOf.push(key);
      countOf.push(0);
    }
    countOf[id]++;
    patternOf[k] = id;
  }
  const P = keyOf.length;
  const levels = new Int8Array(P * F);
  const masks = new Int32Array(P);
  for (let p = 0; p < P; p++) {
    let key = keyOf[p];
    masks[p] = Math.floor(key / ruleMult);
    key %= ruleMult;
    for (let f = 0; f < F; f++) {
      const base = fields[f].levels.length + 1;
      levels[p * F + f] = (key % base) - 1;
      key = Math.floor(key / base);
    }
  }
  seconds.compare = (now() - t) / 1000;

  // EM: one session per rule, on the pairs that satisfy it, u fixed, the rule's fields ignored.
  t = now();
  const levelCounts = fields.map((f) => f.levels.length);
  const sessions: Array<LinkModel['sessions'][number] & { m: readonly (readonly number[])[]; ruleIndex: number }> = [];
  for (let r = 0; r < R; r++) {
    const rows: number[] = [];
    for (let p = 0; p < P; p++) if (masks[p] & (1 << r)) rows.push(p);
    const table: PatternTable = {
      fields: F, length: rows.length,
      levels: Int8Array.from(rows.flatMap((p) => Array.from(levels.subarray(p * F, p * F + F)))),
      counts: Float64Array.from(rows, (p) => countOf[p]),
    };
    const pairs = rows.reduce((s, p) => s + countOf[p], 0);
    if (pairs === 0) continue;
    const ignore = new Set(rules[r].map((term) => byName.get(fieldOf(term))!));
    if (ignore.size === F) continue;
    progress('em', `session ${rules[r].join('+')}: ${pairs} pairs`);
    const fit = fitEm(table, {
      levelCounts, fixU: true, ignore,
      start: { lambda: 0.1, m: levelCounts.map(startingM), u },
    });
    sessions.push({ rule: rules[r].join('+'), pairs, lambda: fit.lambda, iterations: fit.iterations, converged: fit.converged, m: fit.m, ruleIndex: r });
    if (!fit.converged) warnings.push(`EM on blocking rule ${rules[r].join('+')} did not converge in ${fit.iterations} iterations`);
  }
  if (!sessions.length) throw new PeelError('no_data', 'no candidate pairs to learn from: the blocking rules found no records agreeing');
  const m = fields.map((f, fi) => {
    const got = sessions.filter((s) => !rules[s.ruleIndex].some((term) => fieldOf(term) === f.name)).map((s) => s.m[fi]);
    if (!got.length) {
      warnings.push(`field ${f.name} is in every blocking rule, so its m could not be estimated; it uses a default`);
      return startingM(f.levels.length);
    }
    return f.levels.map((_, l) => got.reduce((s, x) => s + x[l], 0) / got.length);
  });
  const possible = source ? source.filter((s) => s === 0).length * source.filter((s) => s === 1).length : (n * (n - 1)) / 2;
  // λ from the sessions whose rules block on whole values (their recall is the product of exact-level m).
  const whole = sessions.filter((s) => rules[s.ruleIndex].every(isWholeTerm));
  const matchCounts = (whole.length ? whole : sessions).map((s) => {
    let recall = 1;
    for (const term of rules[s.ruleIndex]) {
      const fi = byName.get(fieldOf(term))!;
      // A part (a year, a district) agrees at least as often as the whole value: all levels but "different".
      recall *= isWholeTerm(term) ? m[fi][fields[fi].levels.length - 1] : 1 - m[fi][0];
    }
    return (s.lambda * s.pairs) / recall;
  }).sort((x, y) => x - y);
  const mid = matchCounts.length >> 1;
  const matches = matchCounts.length % 2 ? matchCounts[mid] : (matchCounts[mid - 1] + matchCounts[mid]) / 2;
  const lambda = Math.min(0.5, Math.max(1 / possible / 100, matches / possible));
  const params: FsParameters = { lambda, m, u };
  const weights = levelWeights(params);
  seconds.em = (now() - t) / 1000;

  // Score: pattern weight plus term-frequency adjustments at exact levels.
  t = now();
  progress('score', `${cand.length} pairs`);
  const prior = Math.log2(lambda / (1 - lambda));
  const patternWeight = new Float64Array(P);
  for (let p = 0; p < P; p++) {
    let w = prior;
    for (let f = 0; f < F; f++) {
      const l = levels[p * F + f];
      if (l >= 0) w += weights[f][l];
    }
    patternWeight[p] = w;
  }
  const tfOn = o.termFrequency ?? true;
  const tfFields = tfOn ? fields.map((f, fi) => (TERM_FREQUENCY_KINDS.has(f.kind) ? fi : -1)).filter((fi) => fi >= 0) : [];
  const tfAdj = tfFields.map((fi) => tfAdjustments(fields[fi], u[fi]));
  const weight = new Float64Array(cand.length);
  const probability = new Float64Array(cand.length);
  let above = 0;
  for (let k = 0; k < cand.length; k++) {
    const p = patternOf[k];
    let w = patternWeight[p];
    for (let x = 0; x < tfFields.length; x++) {
      const fi = tfFields[x];
      if (levels[p * F + fi] === fields[fi].levels.length - 1) w += tfAdj[x][fields[fi].code[cand.a[k]]];
    }
    weight[k] = w;
    const pr = 1 / (1 + 2 ** -w);
    probability[k] = pr;
    if (pr >= threshold) above++;
  }
  seconds.score = (now() - t) / 1000;

  t = now();
  progress('cluster', `${above} pairs at or above ${threshold}`);
  const clustering = clusterPairs(n, cand.a, cand.b, probability, threshold);
  if (clustering.chainedLeft) warnings.push(`${clustering.chainedLeft} cluster(s) still join records scored as different (chaining); see the pairs`);
  seconds.cluster = (now() - t) / 1000;

  const model: LinkModel = {
    lambda,
    blocking: rules,
    sessions: sessions.map(({ m: _m, ruleIndex: _r, ...s }) => s),
    fields: fields.map((f, fi) => ({
      name: f.name, kind: f.kind, chosen: chosen[fi], levels: f.levels, m: m[fi], u: u[fi], weights: weights[fi],
      termFrequency: tfFields.includes(fi),
    })),
  };
  return {
    records: n, model, threshold, clustering, seconds, warnings, prepared: fields, input,
    pairs: { a: cand.a, b: cand.b, weight, probability, length: cand.length },
    pairsPerRule: cand.perRule, pairsAboveThreshold: above,
  };
}

/**
 * Term-frequency adjustment per value code at the exact level: log2(u_exact / tf(value)), so
 * that the exact level's weight becomes log2(m_exact / tf(value)) — agreeing on "Smith" is
 * weaker evidence than agreeing on "Quarshie" (Splink's `term_frequency_adjustments`).
 */
export function tfAdjustments(f: PreparedField, uField: readonly number[]): Float64Array {
  const uExact = uField[f.levels.length - 1];
  const out = new Float64Array(f.values.length);
  for (let c = 0; c < out.length; c++) {
    const tf = f.counts[c] / f.present;
    out[c] = Math.log2(uExact / Math.max(tf, 1 / f.present));
  }
  return out;
}
