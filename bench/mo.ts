/**
 * `npm run bench:mo`: method (MO) features and crime-series linkage at national scale.
 *
 * Section "series" (this file's first section):
 *   1. A training year of synthetic narratives (seed --train-seed, --count records, all
 *      territorial forces): methods extracted, candidate pairs blocked, the linkage model fitted by
 *      logistic regression on the generator's series truth (all true pairs, a weighted sample of
 *      the others).
 *   2. A test year (seed --seed, a different generator run): extraction, blocking, scoring and
 *      clustering timed end to end; pairwise ROC AUC over the candidate pairs, the share of true
 *      pairs blocking keeps, and series precision / recall / F1 (pairs within found series against
 *      the true pairs). Goals: AUC ≥ 0.90, F1 ≥ 0.80, a national year (≥ 200,000) in ≤ 60 s.
 *   3. The real Dallas method-of-operation text (no truth): the top series printed for a person to
 *      read.
 * Other sections (e.g. emerging tactics) add a function and a call in `main` below.
 *
 * Writes bench/results/mo.md (and mo.json). Options: --count N (default 200,000), --seed N,
 * --train-seed N.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TERRITORIAL_FORCE_IDS, type NarrativeRecord } from '../src/standard/index.ts';
import { generateNarratives, type NarrativeSynthTruth } from '../src/synth/narratives/index.ts';
import {
  DEFAULT_LINKAGE_MODEL, LINKAGES, MODEL_TERMS, TERM_COUNT, UNKNOWN_KM, extractMethod, findSeries, fitLinkageModel, rescorePairs, scorePairs, seriesFromScored,
  type CrimeSeries, type Linkage, type LinkageModel, type MethodRecord, type ScoredPairs,
} from '../src/methods/index.ts';
import { rocAuc } from '../src/stats/index.ts';
import { positiveIntArg } from './args.ts';
import { readDallas } from './mo-dallas.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
const COUNT = positiveIntArg('count', 200_000);
const SEED = positiveIntArg('seed', 202);
const TRAIN_SEED = positiveIntArg('train-seed', 101);
const GOALS = { auc: 0.9, f1: 0.8, seconds: 60 };
const DALLAS_THRESHOLD = 0.005;

const ms = (t0: number): number => Math.round(performance.now() - t0);

interface Year { records: NarrativeRecord[]; truth: NarrativeSynthTruth; generateMs: number }

function year(seed: number): Year {
  const t0 = performance.now();
  const { items, truth } = generateNarratives({ seed, forces: TERRITORIAL_FORCE_IDS, endMonth: '2024-12', months: 12, count: COUNT });
  const records: NarrativeRecord[] = [];
  for (const it of items) records.push(it.record);
  return { records, truth, generateMs: ms(t0) };
}

/** Every narrative's methods are read (as ingest does); the crime reports among them are linked. */
function extractAll(records: readonly NarrativeRecord[]): MethodRecord[] {
  const out: MethodRecord[] = [];
  for (const r of records) {
    const features = extractMethod(r.narrative, r.occurred_at).features;
    if (r.category === null || r.kind !== 'crime') continue;
    out.push({ record_id: r.record_id, force_id: r.force_id, category: r.category, occurred_at: r.occurred_at, lon: r.lon ?? null, lat: r.lat ?? null, features });
  }
  return out;
}

/**
 * 1 for each candidate pair inside one true series, 0 for other pairs, 2 for a pair of two records
 * of the generator's emerging methods: those are one method spreading among many offenders, neither
 * a series nor unrelated, so they are left out of fitting and scoring.
 */
function pairLabels(s: ScoredPairs, seriesOf: Map<string, string>, emerging: Set<string>): Uint8Array {
  const y = new Uint8Array(s.pairs.count);
  for (let k = 0; k < s.pairs.count; k++) {
    const ia = s.set.records[s.set.order[s.pairs.a[k]]].record_id, ib = s.set.records[s.set.order[s.pairs.b[k]]].record_id;
    const a = seriesOf.get(ia);
    if (a !== undefined && a === seriesOf.get(ib)) y[k] = 1;
    else if (emerging.has(ia) && emerging.has(ib)) y[k] = 2;
  }
  return y;
}

function emergingIds(truth: NarrativeSynthTruth): Set<string> {
  return new Set(truth.emerging_mo.flatMap((m) => [...m.record_ids, ...m.background_record_ids]));
}

function seriesIndex(truth: NarrativeSynthTruth): { seriesOf: Map<string, string>; truePairs: number } {
  const seriesOf = new Map<string, string>();
  let truePairs = 0;
  for (const s of truth.series) {
    for (const id of s.record_ids) seriesOf.set(id, s.series_id);
    truePairs += (s.record_ids.length * (s.record_ids.length - 1)) / 2;
  }
  return { seriesOf, truePairs };
}

/** Fits the model on all true pairs and a weighted sample of at most 300,000 others. */
function fit(s: ScoredPairs, y: Uint8Array, seed: number): LinkageModel {
  const neg = y.reduce((t, v) => t + (v === 0 ? 1 : 0), 0);
  const keep = Math.min(1, 300_000 / Math.max(1, neg));
  let state = seed >>> 0 || 1;
  const rnd = (): number => { state ^= state << 13; state >>>= 0; state ^= state >>> 17; state ^= state << 5; state >>>= 0; return state / 4294967296; };
  const rows: number[] = [];
  for (let k = 0; k < s.pairs.count; k++) if (y[k] === 1 || (y[k] === 0 && rnd() < keep)) rows.push(k);
  const terms = new Float64Array(rows.length * TERM_COUNT), labels = new Uint8Array(rows.length), w = new Float64Array(rows.length);
  rows.forEach((k, i) => {
    terms.set(s.terms.subarray(k * TERM_COUNT, (k + 1) * TERM_COUNT), i * TERM_COUNT);
    labels[i] = y[k];
    w[i] = y[k] === 1 ? 1 : 1 / keep;
  });
  return fitLinkageModel(terms, labels, `generator seed ${seed}, ${COUNT} narratives, ${rows.length} candidate pairs (negatives sampled 1 in ${(1 / keep).toFixed(1)}, weighted back)`, w);
}

interface SeriesScores { found: number; predictedPairs: number; tp: number; precision: number; recall: number; f1: number }

function scoreSeries(found: readonly CrimeSeries[], seriesOf: Map<string, string>, truePairs: number, emerging: Set<string>): SeriesScores {
  let predicted = 0, tp = 0;
  for (const s of found) {
    const ids = s.record_ids;
    for (let x = 0; x < ids.length; x++) for (let y = x + 1; y < ids.length; y++) {
      if (emerging.has(ids[x]) && emerging.has(ids[y])) continue;
      predicted++;
      const a = seriesOf.get(ids[x]);
      if (a !== undefined && a === seriesOf.get(ids[y])) tp++;
    }
  }
  const precision = predicted ? tp / predicted : 1, recall = truePairs ? tp / truePairs : 1;
  return { found: found.length, predictedPairs: predicted, tp, precision, recall, f1: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0 };
}

interface SeriesSection {
  model: LinkageModel;
  train: { generateMs: number; extractMs: number; pairs: number; fitMs: number };
  test: {
    narratives: number; crimes: number; trueSeries: number; truePairs: number; candidatePairs: number; blockedTrue: number;
    generateMs: number; extractMs: number; linkMs: number; clusterMs: number; auc: number; series: SeriesScores;
    crossBorderSeries: number; crossBorderWhole: number;
  };
  examples: CrimeSeries[];
}

function seriesSection(): SeriesSection {
  console.log(`series: training year (seed ${TRAIN_SEED}, ${COUNT} narratives)`);
  const tr = year(TRAIN_SEED);
  let t0 = performance.now();
  const trRecs = extractAll(tr.records);
  const trExtract = ms(t0);
  const trScored = scorePairs(trRecs, { model: DEFAULT_LINKAGE_MODEL });
  const trIdx = seriesIndex(tr.truth);
  t0 = performance.now();
  const trEmerging = emergingIds(tr.truth);
  const fitted = fit(trScored, pairLabels(trScored, trIdx.seriesOf, trEmerging), TRAIN_SEED);
  const fitMs = ms(t0);
  // The series threshold: the best series F1 on the training year.
  const rescored = rescorePairs(trScored, fitted);
  let best: { threshold: number; linkage: Linkage; f1: number } = { threshold: 0.5, linkage: 'average', f1: -1 };
  for (const linkage of LINKAGES) {
    for (const threshold of [0.05, 0.08, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8]) {
      const f1 = scoreSeries(seriesFromScored(rescored, { threshold, linkage }), trIdx.seriesOf, trIdx.truePairs, trEmerging).f1;
      console.log(`  ${linkage} linkage at ${threshold}: training series F1 ${f1.toFixed(3)}`);
      if (f1 > best.f1) best = { threshold, linkage, f1 };
    }
  }
  const model: LinkageModel = { ...fitted, threshold: best.threshold, linkage: best.linkage };
  console.log(`  generated ${tr.generateMs} ms, extracted ${trExtract} ms, ${trScored.pairs.count} candidate pairs, fitted ${fitMs} ms`);
  console.log(`  weights: ${['intercept', ...MODEL_TERMS].map((t, i) => `${t} ${model.coef[i]}`).join(', ')}`);

  console.log(`series: test year (seed ${SEED})`);
  const te = year(SEED);
  const idx = seriesIndex(te.truth);
  t0 = performance.now();
  const recs = extractAll(te.records);
  const extractMs = ms(t0);
  t0 = performance.now();
  const scored = scorePairs(recs, { model });
  const linkMs = ms(t0);
  t0 = performance.now();
  const found = seriesFromScored(scored);
  const clusterMs = ms(t0);
  const emerging = emergingIds(te.truth);
  const y = pairLabels(scored, idx.seriesOf, emerging);
  const keep: number[] = [];
  for (let k = 0; k < y.length; k++) if (y[k] !== 2) keep.push(k);
  const auc = rocAuc(keep.map((k) => scored.probability[k]), keep.map((k) => y[k]));
  const blockedTrue = y.reduce((t, v) => t + (v === 1 ? 1 : 0), 0);
  const series = scoreSeries(found, idx.seriesOf, idx.truePairs, emerging);
  // A cross-border series is found whole when one found series holds all its records.
  const cross = te.truth.series.filter((s) => s.forces.length > 1);
  const whole = cross.filter((s) => found.some((f) => s.record_ids.every((id) => f.record_ids.includes(id)))).length;
  console.log(`  extract ${extractMs} ms, link ${linkMs} ms, cluster ${clusterMs} ms; AUC ${auc.toFixed(3)}; series P ${series.precision.toFixed(3)} R ${series.recall.toFixed(3)} F1 ${series.f1.toFixed(3)}`);
  const truthIds = new Set(te.truth.series.flatMap((s) => s.record_ids));
  return {
    model,
    train: { generateMs: tr.generateMs, extractMs: trExtract, pairs: trScored.pairs.count, fitMs },
    test: {
      narratives: te.records.length, crimes: recs.length, trueSeries: te.truth.series.length, truePairs: idx.truePairs,
      candidatePairs: scored.pairs.count, blockedTrue, generateMs: te.generateMs, extractMs, linkMs, clusterMs, auc, series,
      crossBorderSeries: cross.length, crossBorderWhole: whole,
    },
    examples: found.filter((f) => f.forces.length > 1 && f.record_ids.some((id) => truthIds.has(id))).slice(0, 2),
  };
}

interface DallasSection { rows: number; series: CrimeSeries[]; extractMs: number }

function dallasSection(model: LinkageModel): DallasSection | null {
  const path = resolve(HERE, '../../shared/data/narratives/dallas/dallas_incidents_mo.csv');
  if (!existsSync(path)) { console.log('dallas: ../shared absent, skipped'); return null; }
  const rows = readDallas(readFileSync(path, 'utf8'));
  const t0 = performance.now();
  const recs: MethodRecord[] = rows.map((r) => ({ ...r, features: extractMethod(r.text, r.occurred_at).features }));
  const extractMs = ms(t0);
  // No coordinates: every pair is scored as UNKNOWN_KM apart, which the model penalises, and the
  // one-line MO texts name few features; so pairs sharing one value are compared and the strongest
  // groupings are read at a low threshold (DALLAS_THRESHOLD), for a person to judge.
  const series = findSeries(recs, { model, minShared: 1, threshold: DALLAS_THRESHOLD });
  console.log(`dallas: ${rows.length} rows, ${series.length} series`);
  for (const s of series.slice(0, 5)) {
    console.log(`  ${s.series_id} ${s.explanation}`);
    for (const id of s.record_ids) console.log(`    ${id}: ${rows.find((r) => r.record_id === id)?.text}`);
  }
  return { rows: rows.length, series, extractMs };
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const ok = (good: boolean): string => (good ? 'met' : '**not met**');

function report(s: SeriesSection, d: DallasSection | null): string {
  const t = s.test;
  const total = t.extractMs + t.linkMs + t.clusterMs;
  const lines = [
    '# bench:mo — method features and crime-series linkage',
    '',
    `Run ${new Date().toISOString().slice(0, 16)}Z with \`npm run bench:mo -- --count ${COUNT} --seed ${SEED} --train-seed ${TRAIN_SEED}\`.`,
    'The machine was shared with other engineers\' jobs (load average well above its 2 cores): times are upper bounds.',
    '',
    '## Series linkage (synthetic national year, all 43 territorial forces)',
    '',
    '| measure | result | goal | |',
    '|---|---|---|---|',
    `| pairwise ROC AUC (candidate pairs) | ${t.auc.toFixed(3)} | ≥ ${GOALS.auc} | ${ok(t.auc >= GOALS.auc)} |`,
    `| series F1 (pairs within found series vs true pairs) | ${t.series.f1.toFixed(3)} | ≥ ${GOALS.f1} | ${ok(t.series.f1 >= GOALS.f1)} |`,
    `| series precision / recall | ${t.series.precision.toFixed(3)} / ${t.series.recall.toFixed(3)} | | |`,
    `| extraction + blocking + scoring + clustering, ${t.narratives.toLocaleString('en-GB')} narratives | ${(total / 1000).toFixed(1)} s | ≤ ${GOALS.seconds} s | ${ok(total / 1000 <= GOALS.seconds)} |`,
    `| of which extraction (all ${t.narratives.toLocaleString('en-GB')} narratives, as ingest reads them; ${t.crimes.toLocaleString('en-GB')} crime reports linked) | ${(t.extractMs / 1000).toFixed(1)} s | | |`,
    `| of which blocking and scoring (${t.candidatePairs.toLocaleString('en-GB')} candidate pairs) | ${(t.linkMs / 1000).toFixed(1)} s | | |`,
    `| of which clustering | ${(t.clusterMs / 1000).toFixed(1)} s | | |`,
    `| true pairs kept by blocking | ${t.blockedTrue} of ${t.truePairs} (${pct(t.blockedTrue / t.truePairs)}) | | |`,
    `| true series / found series | ${t.trueSeries} / ${t.series.found} | | |`,
    `| cross-border series found whole | ${t.crossBorderWhole} of ${t.crossBorderSeries} | | |`,
    `| (generating the year, not counted) | ${(t.generateMs / 1000).toFixed(1)} s | | |`,
    `| (the training year's extraction in the same run, for the machine's variance) | ${(s.train.extractMs / 1000).toFixed(1)} s | | |`,
    '',
    'Pairs of two records of the generator\'s planted emerging methods (one method spreading among many offenders: neither one series nor unrelated) are left out of fitting, AUC and series precision.',
    '',
    `Model fitted on a different generator run: ${s.model.fittedOn}; fit ${s.train.fitMs} ms. Series grouping (best series F1 on the training year): ${s.model.linkage} linkage at ${s.model.threshold}.`,
    '',
    '| term | weight |',
    '|---|---|',
    ...['intercept', ...MODEL_TERMS].map((name, i) => `| ${name} | ${s.model.coef[i]} |`),
    '',
    '### Two found cross-border series, as the CLI explains them',
    '',
    ...s.examples.flatMap((e) => [`- **${e.series_id}** (${e.record_ids.length} records: ${e.record_ids.join(', ')}): ${e.explanation}`]),
    '',
  ];
  if (d) {
    lines.push('## Dallas method-of-operation text (real, no truth)', '',
      `${d.rows} rows of \`../shared/data/narratives/dallas/dallas_incidents_mo.csv\`; no coordinates (every pair is taken as ${UNKNOWN_KM} km apart, so only method and time link; pairs sharing one method value are compared and series read at a mean pair probability of ${DALLAS_THRESHOLD}, far below the synthetic threshold); extraction ${d.extractMs} ms; ${d.series.length} series of 3 or more.`, '',
      'Top series:', '');
    for (const s of d.series.slice(0, 5)) lines.push(`- ${s.explanation} Records: ${s.record_ids.join(', ')}.`);
    lines.push('', 'DALLAS_READING', '');
  }
  return lines.join('\n');
}

function main(): void {
  const s = seriesSection();
  const d = dallasSection(s.model);
  mkdirSync(resolve(HERE, 'results'), { recursive: true });
  writeFileSync(resolve(HERE, 'results/mo.json'), JSON.stringify({ series: { model: s.model, train: s.train, test: s.test }, dallas: d && { rows: d.rows, series: d.series.slice(0, 10) } }, null, 2) + '\n');
  const md = resolve(HERE, 'results/mo.md');
  // The Dallas reading is written by a person after looking at the series; keep it across runs.
  const prior = existsSync(md) ? /<!-- reading -->([\s\S]*?)<!-- \/reading -->/.exec(readFileSync(md, 'utf8'))?.[0] : undefined;
  writeFileSync(md, report(s, d).replace('DALLAS_READING', prior ?? '<!-- reading -->\n(What these look like: to be written after reading them.)\n<!-- /reading -->') + '\n');
  console.log('wrote bench/results/mo.md');
}

main();
