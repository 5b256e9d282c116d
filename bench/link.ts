/**
 * `npm run bench:link`: record linkage at scale and against the reference set.
 *
 * 1. 1,000,000 synthetic person records (bench/link-persons.ts: realistic typos, swaps, moves and
 *    missing values, with truth) deduplicated end to end — field preparation, u from random
 *    pairs, blocking, comparison, EM, scoring and clustering. Target ≤ 60 s on 2 cores.
 *    Precision, recall and F1 over pairs (scored pairs at or above the threshold, and the pairs
 *    the clusters imply) against the truth.
 * 2. FEBRL 3 (../shared/reference/linkage): pairwise F1 against its 6,538 true pairs (target ≥ 0.965).
 *
 * Writes bench/results/link.json and .md. Options: --records N (default 1,000,000), --seed N.
 */
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { link, linkInputOf, readLinkCsv, type LinkResult } from '../src/linkage/index.ts';
import { positiveIntArg } from './args.ts';
import { personRecords } from './link-persons.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
const FEBRL = resolve(HERE, '../../shared/reference/linkage');
const N = positiveIntArg('records', 1_000_000);
const SEED = positiveIntArg('seed', 7);
const THRESHOLD = 0.9;

interface Scores { tp: number; fp: number; fn: number; precision: number; recall: number; f1: number }
const scores = (tp: number, predicted: number, truth: number): Scores => {
  const precision = predicted ? tp / predicted : 1;
  const recall = truth ? tp / truth : 1;
  return { tp, fp: predicted - tp, fn: truth - tp, precision, recall, f1: (2 * precision * recall) / (precision + recall) };
};

/** Pairwise scores of the scored pairs and of the clusters, given each record's true entity. */
function evaluate(r: LinkResult, entity: Int32Array): { pairs: Scores; clusters: Scores; truePairs: number; trueInCandidates: number } {
  const choose2 = (k: number) => (k * (k - 1)) / 2;
  const size = new Map<number, number>();
  for (const e of entity) size.set(e, (size.get(e) ?? 0) + 1);
  let truePairs = 0;
  for (const k of size.values()) truePairs += choose2(k);
  let tp = 0;
  let inCand = 0;
  for (let k = 0; k < r.pairs.length; k++) {
    const same = entity[r.pairs.a[k]] === entity[r.pairs.b[k]];
    if (same) inCand++;
    if (r.pairs.probability[k] >= r.threshold && same) tp++;
  }
  const pairs = scores(tp, r.pairsAboveThreshold, truePairs);
  const byCluster = new Map<number, number>();
  const byBoth = new Map<string, number>();
  for (let i = 0; i < r.records; i++) {
    const c = r.clustering.clusterOf[i];
    byCluster.set(c, (byCluster.get(c) ?? 0) + 1);
    const key = `${c}:${entity[i]}`;
    byBoth.set(key, (byBoth.get(key) ?? 0) + 1);
  }
  let predicted = 0;
  for (const k of byCluster.values()) predicted += choose2(k);
  let ctp = 0;
  for (const k of byBoth.values()) ctp += choose2(k);
  return { pairs, clusters: scores(ctp, predicted, truePairs), truePairs, trueInCandidates: inCand };
}

const fmt = (x: number) => x.toFixed(4);
const rows: Array<[string, string]> = [];
const push = (k: string, v: string) => {
  rows.push([k, v]);
  console.log(`  ${k}: ${v}`);
};

// ---------------------------------------------------------------- 1. synthetic, at scale
console.log(`generating ${N.toLocaleString('en-GB')} person records (seed ${SEED}) ...`);
let t = performance.now();
const data = personRecords(N, SEED);
push('records generated', `${N.toLocaleString('en-GB')} of ${(data.person[data.person.length - 1] >= 0 ? new Set(data.person).size : 0).toLocaleString('en-GB')} people in ${((performance.now() - t) / 1000).toFixed(1)} s (not part of the timing)`);
const blocking = [['surname', 'dob'], ['first_name', 'dob'], ['dob', 'postcode'], ['first_name', 'surname', 'dob:year'], ['phone'], ['surname', 'postcode']];
t = performance.now();
const cpu0 = process.cpuUsage();
const r = link({ ids: data.ids, columns: data.columns }, {
  blocking, threshold: THRESHOLD, seed: SEED,
  onProgress: (stage, detail) => console.log(`  [${((performance.now() - t) / 1000).toFixed(1)} s] ${stage}: ${detail}`),
});
const total = (performance.now() - t) / 1000;
const cpuUsed = process.cpuUsage(cpu0);
const cpuSeconds = (cpuUsed.user + cpuUsed.system) / 1e6;
const ev = evaluate(r, data.person);
push('deduplication, end to end', `${total.toFixed(1)} s wall, ${cpuSeconds.toFixed(1)} s CPU (target ≤ 60 s on 2 cores; the machine was shared, so CPU time is the fairer figure)`);
push('stages (s)', Object.entries(r.seconds).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', '));
push('blocking rules', `${blocking.map((b) => b.join('+')).join(', ')}: ${r.pairsPerRule.map((x) => x.toLocaleString('en-GB')).join(' + ')} = ${r.pairs.length.toLocaleString('en-GB')} candidate pairs`);
push('true pairs', `${ev.truePairs.toLocaleString('en-GB')}, of which ${ev.trueInCandidates.toLocaleString('en-GB')} (${fmt(ev.trueInCandidates / ev.truePairs)}) are candidates after blocking`);
push('λ (two random records match)', r.model.lambda.toExponential(3));
push(`pairs ≥ ${THRESHOLD}`, `${r.pairsAboveThreshold.toLocaleString('en-GB')}: precision ${fmt(ev.pairs.precision)}, recall ${fmt(ev.pairs.recall)}, F1 ${fmt(ev.pairs.f1)}`);
push('clusters', `${r.clustering.clusters.toLocaleString('en-GB')} (${r.clustering.multi.toLocaleString('en-GB')} of 2+; ${r.clustering.chainedSplit} chained cut, ${r.clustering.chainedLeft} left): pairwise precision ${fmt(ev.clusters.precision)}, recall ${fmt(ev.clusters.recall)}, F1 ${fmt(ev.clusters.f1)}`);
for (const w of r.warnings) push('warning', w);

// ---------------------------------------------------------------- 2. FEBRL 3
let febrl: { f1: number; precision: number; recall: number; seconds: number } | null = null;
if (existsSync(resolve(FEBRL, 'febrl3.csv'))) {
  t = performance.now();
  const table = readLinkCsv(resolve(FEBRL, 'febrl3.csv'), 'rec_id');
  const { input } = linkInputOf([table], 'rec_id');
  const fr = link(input, { threshold: THRESHOLD });
  const seconds = (performance.now() - t) / 1000;
  const person = Int32Array.from(input.ids, (id) => Number(/^rec-(\d+)-/.exec(id)![1]));
  const truthFile = readFileSync(resolve(FEBRL, 'febrl3-truth.csv'), 'utf8').trim().split('\n').length - 1;
  const e = evaluate(fr, person);
  if (e.truePairs !== truthFile) throw new Error(`FEBRL 3 truth: ${e.truePairs} pairs from the ids, ${truthFile} in febrl3-truth.csv`);
  febrl = { f1: e.pairs.f1, precision: e.pairs.precision, recall: e.pairs.recall, seconds };
  push('FEBRL 3', `pairwise precision ${fmt(e.pairs.precision)}, recall ${fmt(e.pairs.recall)}, F1 ${fmt(e.pairs.f1)} (target ≥ 0.965; clusters F1 ${fmt(e.clusters.f1)}) in ${seconds.toFixed(1)} s`);
} else push('FEBRL 3', 'skipped: ../shared/reference/linkage not found');

// ---------------------------------------------------------------- results
const out = resolve(HERE, 'results');
mkdirSync(out, { recursive: true });
const result = {
  date: new Date().toISOString(), node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model,
  synthetic: {
    records: N, seed: SEED, seconds: total, cpu_seconds: cpuSeconds, stages: r.seconds, blocking, pairs_per_rule: r.pairsPerRule, candidate_pairs: r.pairs.length,
    true_pairs: ev.truePairs, true_pairs_in_candidates: ev.trueInCandidates, lambda: r.model.lambda, threshold: THRESHOLD,
    pairs: ev.pairs, clusters: { count: r.clustering.clusters, multi: r.clustering.multi, chained_cut: r.clustering.chainedSplit, chained_left: r.clustering.chainedLeft, ...ev.clusters },
    m: Object.fromEntries(r.model.fields.map((f) => [f.name, Object.fromEntries(f.levels.map((l, i) => [l, f.m[i]]))])),
    u: Object.fromEntries(r.model.fields.map((f) => [f.name, Object.fromEntries(f.levels.map((l, i) => [l, f.u[i]]))])),
  },
  febrl3: febrl,
};
writeFileSync(resolve(out, 'link.json'), JSON.stringify(result, null, 2) + '\n');
const md = ['# bench:link', '', `${result.date}, Node ${result.node}, ${result.cpus} CPUs (${result.cpu}), machine shared with other work`, '', '| measure | value |', '| --- | --- |', ...rows.map(([k, v]) => `| ${k} | ${v} |`), ''].join('\n');
writeFileSync(resolve(out, 'link.md'), md);
console.log(`\n${md}\nwritten to bench/results/link.json and link.md`);
