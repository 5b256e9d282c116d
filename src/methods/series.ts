/**
 * Crime series (comparative case analysis): the crimes of a window linked pairwise by the linkage
 * model (model.ts) over blocked candidate pairs (pairs.ts), grouped by average linkage
 * (cluster.ts), each series described by the method its crimes share and explained in words.
 */
import { createHash } from 'node:crypto';
import { FORCES, METHOD_FEATURES, type MethodFeature } from '../standard/index.ts';
import { averageLinkage, type ClusterOptions } from './cluster.ts';
import { decodeFeatures, FEATURE_COUNT } from './encode.ts';
import { DEFAULT_LINKAGE_MODEL, linearPredictor, pairTerms, probability, TERM_COUNT, UNKNOWN_KM, type LinkageModel } from './model.ts';
import { candidatePairs, encodeSet, kmBetween, type CandidatePairs, type EncodedSet, type LinkageWindow, type MethodRecord } from './pairs.ts';

export interface SeriesOptions extends LinkageWindow, ClusterOptions {
  readonly model?: LinkageModel;
}

/** A found series, in the shape of the contract (`src/contract/methods.ts`). */
export interface CrimeSeries {
  readonly series_id: string;
  readonly record_ids: string[];
  readonly forces: string[];
  /** Mean linkage probability over every pair of the series' crimes (0–1). */
  readonly score: number;
  /** For each feature most of the crimes share: the values at least half of them have, joined by "+". */
  readonly method: Record<string, string>;
  readonly first_seen: string;
  readonly last_seen: string;
  readonly explanation: string;
}

export interface ScoredPairs {
  readonly model: LinkageModel;
  readonly set: EncodedSet;
  readonly pairs: CandidatePairs;
  /** Pair terms, TERM_COUNT per pair. */
  readonly terms: Float64Array;
  readonly probability: Float64Array;
}

/** Blocks and scores every candidate pair of the records. */
export function scorePairs(records: readonly MethodRecord[], opts: SeriesOptions = {}): ScoredPairs {
  const model = opts.model ?? DEFAULT_LINKAGE_MODEL;
  const set = encodeSet(records);
  const pairs = candidatePairs(set, opts);
  const terms = new Float64Array(pairs.count * TERM_COUNT);
  const prob = new Float64Array(pairs.count);
  for (let k = 0; k < pairs.count; k++) {
    const km = Number.isNaN(pairs.km[k]) ? UNKNOWN_KM : pairs.km[k];
    pairTerms(set.words, set.rarity[set.cat[pairs.a[k]]], pairs.a[k], pairs.b[k], km, pairs.days[k], terms, k * TERM_COUNT);
    prob[k] = probability(linearPredictor(model, terms, k * TERM_COUNT));
  }
  return { model, set, pairs, terms, probability: prob };
}

const FORCE_NAME = new Map<string, string>(FORCES.map((f) => [f.id, f.variants[0] ?? f.name]));
const words = (s: string): string => s.replace(/_/g, ' ');

function median(xs: number[]): number {
  const s = xs.slice().sort((x, y) => x - y);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** Describes one group of crimes (indices in time order) as a series. */
function describe(s: ScoredPairs, group: number[], pairScore: (u: number, v: number) => number): CrimeSeries {
  const { set } = s;
  const recs = group.map((k) => set.records[set.order[k]]);
  const ids = recs.map((r) => r.record_id);
  const forces = [...new Set(recs.map((r) => r.force_id))];
  let sum = 0, pairsN = 0;
  const kms: number[] = [];
  for (let x = 0; x < group.length; x++) for (let y = x + 1; y < group.length; y++) {
    const u = group[x], v = group[y];
    sum += pairScore(u, v);
    pairsN++;
    if (!Number.isNaN(set.lat[u]) && !Number.isNaN(set.lat[v])) kms.push(kmBetween(set.lon[u], set.lat[u], set.lon[v], set.lat[v]));
  }
  const score = Math.round((sum / pairsN) * 1000) / 1000;
  // Shared method: per feature, the values at least half the crimes have.
  const counts = new Map<string, number>();
  for (const k of group) {
    const f = decodeFeatures(set.words, k * FEATURE_COUNT);
    for (const feature of METHOD_FEATURES) for (const v of f[feature]) counts.set(`${feature}\t${v}`, (counts.get(`${feature}\t${v}`) ?? 0) + 1);
  }
  const method: Record<string, string> = {};
  const sharedWords: string[] = [];
  for (const feature of METHOD_FEATURES) {
    const vals = [...counts].filter(([key, c]) => key.startsWith(`${feature}\t`) && c * 2 >= group.length)
      .map(([key, c]) => ({ v: key.slice(feature.length + 1), c })).sort((x, y) => y.c - x.c || (x.v < y.v ? -1 : 1));
    if (vals.length === 0) continue;
    method[feature] = vals.map((x) => x.v).sort().join('+');
    sharedWords.push(`${words(feature as MethodFeature)} ${vals.map((x) => `${words(x.v)} (${x.c} of ${group.length})`).join(', ')}`);
  }
  const first = recs[0].occurred_at, last = recs[recs.length - 1].occurred_at;
  const spanDays = Math.round(set.t[group[group.length - 1]] - set.t[group[0]]);
  const category = recs[0].category ?? 'uncategorised';
  const where = forces.map((f) => FORCE_NAME.get(f) ?? f);
  const place = kms.length > 0
    ? `, all within ${Math.max(...kms).toFixed(1)} km of each other (median ${median(kms).toFixed(1)} km apart)`
    : ', locations not recorded';
  const explanation = `${group.length} ${category} crimes in ${where.length > 1 ? `${where.slice(0, -1).join(', ')} and ${where[where.length - 1]} (across a force border)` : where[0]}`
    + ` from ${first.slice(0, 10)} to ${last.slice(0, 10)} (${spanDays} days)${place}.`
    + (sharedWords.length > 0 ? ` Shared method: ${sharedWords.join('; ')}.` : ' No method element is shared by half of them.')
    + ` Linkage score ${score.toFixed(2)} (mean probability over the ${pairsN} pairs).`;
  const series_id = `SER-${createHash('sha1').update(ids.slice().sort().join('\n')).digest('hex').slice(0, 10)}`;
  return { series_id, record_ids: ids, forces, score, method, first_seen: first, last_seen: last, explanation };
}

/** Finds the series among the records: strongest first (by size, then score). */
export function findSeries(records: readonly MethodRecord[], opts: SeriesOptions = {}): CrimeSeries[] {
  const s = scorePairs(records, opts);
  return seriesFromScored(s, opts);
}

/** The linkage probability of any two crimes (indices in time order); 0 across categories. */
export function pairScorer(set: EncodedSet, model: LinkageModel): (u: number, v: number) => number {
  const terms = new Float64Array(TERM_COUNT);
  return (u, v) => {
    if (set.cat[u] < 0 || set.cat[u] !== set.cat[v]) return 0;
    const km = Number.isNaN(set.lat[u]) || Number.isNaN(set.lat[v]) ? UNKNOWN_KM : kmBetween(set.lon[u], set.lat[u], set.lon[v], set.lat[v]);
    pairTerms(set.words, set.rarity[set.cat[u]], u, v, km, Math.abs(set.t[v] - set.t[u]), terms, 0);
    return probability(linearPredictor(model, terms, 0));
  };
}

/** The same pairs scored by another model (no new blocking). */
export function rescorePairs(s: ScoredPairs, model: LinkageModel): ScoredPairs {
  const prob = new Float64Array(s.pairs.count);
  for (let k = 0; k < s.pairs.count; k++) prob[k] = probability(linearPredictor(model, s.terms, k * TERM_COUNT));
  return { ...s, model, probability: prob };
}

/** Groups already scored pairs into described series (at the model's threshold unless one is given). */
export function seriesFromScored(s: ScoredPairs, opts: ClusterOptions = {}): CrimeSeries[] {
  const n = s.set.t.length;
  const score = pairScorer(s.set, s.model);
  const groups = averageLinkage(n, s.pairs.a, s.pairs.b, s.probability, score, { ...opts, threshold: opts.threshold ?? s.model.threshold, linkage: opts.linkage ?? s.model.linkage });
  return groups.map((g) => describe(s, g, score)).sort((x, y) => y.score * Math.log(1 + y.record_ids.length) - x.score * Math.log(1 + x.record_ids.length));
}
