/**
 * Benchmark: honest evaluation of tactics on real series. Loads the long monthly street series of
 * Gwent and Leicestershire (../shared/data) into a temporary store, then runs many trials drawn at
 * random: k LSOAs allocated at random among those with enough crime, a start month with at least 18
 * months before it and 12 after, one category. In "effect" trials each of the treated areas' crimes
 * from the start is kept with probability 0.7 (a true rate ratio of 0.7); in "placebo" trials
 * nothing is changed. Each trial is evaluated exactly as `peel trials evaluate` does.
 *
 *   npm run bench:tactics                        # 100 effect + 100 placebo trials
 *   npm run bench:tactics -- --trials 20         # a quick run
 *
 * Reports: interval coverage of the DiD rate ratio (goal ≥ 93%), false positives at 5% of the DiD
 * and of the synthetic control's placebo test (goal ≤ 6%), the synthetic control's mean error on
 * the effect, and the time of one evaluation (one synthetic control with 199 placebos, goal ≤ 5 s).
 * Writes bench/results/tactics.json and .md.
 */
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore } from '../src/store/index.ts';
import { ingest } from '../src/ingest/index.ts';
import { estimateTrial, trialDataFrom, type TrialData } from '../src/tactics/index.ts';
import { seededRng, type Rng } from '../src/stats/index.ts';
import { positiveIntArg } from './args.ts';

const here = dirname(fileURLToPath(import.meta.url));
const shared = resolve(here, '../../shared/data/police_uk/street');
const TRIALS = positiveIntArg('trials', 100);
const FACTOR = 0.7;
const K = 8;
const POST = 12;
const MIN_PRE = 18;
const log = (s: string) => process.stderr.write(`${s}\n`);

const work = mkdtempSync(join(tmpdir(), 'peel-bench-tactics-'));
try {
  const store = await openStore({ store: join(work, 'peel.duckdb') });
  const forces = ['gwent', 'leicestershire'] as const;
  const t0 = performance.now();
  for (const f of forces) await ingest(store, [join(shared, f)]);
  log(`loaded ${forces.join(', ')} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const categories = [{ id: 'violent-crime', minMean: 3 }, { id: 'burglary', minMean: 1 }, { id: 'anti-social-behaviour', minMean: 3 }] as const;
  const datasets: Array<{ force: string; category: string; data: TrialData; minMean: number }> = [];
  for (const force of forces) {
    const points = (await store.tactics.lsoaPoints([force])).map((p) => [p.lsoa_code, p.lon, p.lat] as const);
    for (const c of categories) {
      const rows = await store.tactics.lsoaMonthly({ forces: [force], categories: [c.id], from: '1900-01', to: '9999-12' });
      const data = trialDataFrom(rows, points, force);
      datasets.push({ force, category: c.id, data, minMean: c.minMean });
    }
  }
  store.close();

  const thin = (n: number, keep: number, rng: Rng) => {
    let k = 0;
    for (let i = 0; i < n; i++) if (rng.next() < keep) k++;
    return k;
  };
  const rng = seededRng(20261207);
  type Row = { kind: 'effect' | 'placebo'; force: string; category: string; start: string; did_rr: number; did_lo: number; did_hi: number; did_p: number; pre_trend_p: number | null; synth_effect: number; synth_p: number; ms: number };
  const rows: Row[] = [];
  for (const kind of ['effect', 'placebo'] as const) {
    for (let i = 0; i < TRIALS; i++) {
      const d = datasets[rng.int(datasets.length)];
      const months = d.data.months;
      const startIdx = MIN_PRE + rng.int(months.length - MIN_PRE - POST + 1);
      // Eligible as a force would judge it, before the start: selecting on months after it would
      // build the outcome into the allocation.
      const eligible = [...d.data.series].filter(([, s]) => s.slice(0, startIdx).reduce((a, b) => a + b, 0) / startIdx >= d.minMean).map(([l]) => l).sort();
      const treated = new Set<string>();
      while (treated.size < K) treated.add(eligible[rng.int(eligible.length)]);
      const series = new Map(d.data.series);
      if (kind === 'effect') {
        for (const c of treated) series.set(c, series.get(c)!.map((n, t) => (t >= startIdx ? thin(n, FACTOR, rng) : n)));
      }
      // The evaluation window: everything before the start (at most 36 months) and 12 months after.
      const from = Math.max(0, startIdx - 36);
      const cut = (s: readonly number[]) => s.slice(from, startIdx + POST);
      const data: TrialData = { months: months.slice(from, startIdx + POST), series: new Map([...series].map(([c, s]) => [c, cut(s)])), points: d.data.points };
      const t = performance.now();
      const e = estimateTrial(data, { treated: [...treated], start: months[startIdx], bufferM: 500, seed: i + 1 });
      rows.push({
        kind, force: d.force, category: d.category, start: months[startIdx], did_rr: e.did.rate_ratio, did_lo: e.did.ci95.lower, did_hi: e.did.ci95.upper,
        did_p: e.did.p_value, pre_trend_p: e.did.pre_trend?.p_value ?? null, synth_effect: e.synth.effect, synth_p: e.synth.placebo_p, ms: performance.now() - t,
      });
      if ((i + 1) % 20 === 0) log(`${kind}: ${i + 1}/${TRIALS}`);
    }
  }
  const eff = rows.filter((r) => r.kind === 'effect');
  const pla = rows.filter((r) => r.kind === 'placebo');
  const share = (xs: Row[], f: (r: Row) => boolean) => xs.filter(f).length / xs.length;
  const ms = rows.map((r) => r.ms).sort((a, b) => a - b);
  const result = {
    date: new Date().toISOString(),
    machine: { cores: availableParallelism(), loadavg: loadavg().map((x) => +x.toFixed(2)) },
    design: { trials_each: TRIALS, areas_per_trial: K, post_months: POST, min_pre_months: MIN_PRE, true_rate_ratio: FACTOR, forces: [...forces], categories: categories.map((c) => c.id), placebos_per_synth: 199 },
    did_coverage: share(eff, (r) => r.did_lo <= FACTOR && FACTOR <= r.did_hi),
    did_power: share(eff, (r) => r.did_p < 0.05 && r.did_rr < 1),
    did_false_positive: share(pla, (r) => r.did_p < 0.05),
    did_false_positive_when_pre_trends_pass: share(pla.filter((r) => r.pre_trend_p === null || r.pre_trend_p >= 0.05), (r) => r.did_p < 0.05),
    did_median_rr_effect: eff.map((r) => r.did_rr).sort((a, b) => a - b)[Math.floor(eff.length / 2)],
    synth_false_positive: share(pla, (r) => r.synth_p < 0.05),
    synth_power: share(eff, (r) => r.synth_p < 0.05),
    synth_mean_effect: eff.reduce((s, r) => s + r.synth_effect, 0) / eff.length,
    synth_mean_effect_placebo: pla.reduce((s, r) => s + r.synth_effect, 0) / pla.length,
    evaluation_ms_median: ms[Math.floor(ms.length / 2)],
    evaluation_ms_max: ms[ms.length - 1],
    trials: rows,
  };
  const pc = (x: number) => `${(100 * x).toFixed(1)}%`;
  const md = `# bench:tactics — ${result.date}

${TRIALS} trials with a true rate ratio of ${FACTOR} and ${TRIALS} placebo trials, ${K} randomly allocated LSOAs each, ${POST} months after a random start (≥ ${MIN_PRE} months before), in Gwent and Leicestershire (${categories.map((c) => c.id).join(', ')}; real data.police.uk series). ${result.machine.cores} cores, load ${result.machine.loadavg.join(' ')}.

| measure | result | goal |
| --- | --- | --- |
| DiD 95% interval covers the true rate ratio | ${pc(result.did_coverage)} | ≥ 93% |
| DiD false positives at 5% (placebo trials) | ${pc(result.did_false_positive)} | ≤ 6% |
| … among placebo trials whose pre-trend test passes | ${pc(result.did_false_positive_when_pre_trends_pass)} | |
| DiD power (p < 0.05, a reduction) | ${pc(result.did_power)} | |
| DiD median rate ratio (effect trials) | ${result.did_median_rr_effect.toFixed(3)} | ${FACTOR} |
| synthetic control false positives at 5% (placebo p) | ${pc(result.synth_false_positive)} | ≤ 6% |
| synthetic control power | ${pc(result.synth_power)} | |
| synthetic control mean effect (effect / placebo trials) | ${(100 * result.synth_mean_effect).toFixed(1)}% / ${(100 * result.synth_mean_effect_placebo).toFixed(1)}% | ${(100 * (FACTOR - 1)).toFixed(0)}% / 0% |
| one evaluation (synthetic control + 199 placebos, DiD, WDD), median / max | ${(result.evaluation_ms_median / 1000).toFixed(2)} s / ${(result.evaluation_ms_max / 1000).toFixed(2)} s | ≤ 5 s |
`;
  const out = resolve(here, 'results');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'tactics.json'), JSON.stringify(result, null, 2) + '\n');
  writeFileSync(join(out, 'tactics.md'), md);
  process.stdout.write(md);
} finally {
  rmSync(work, { recursive: true, force: true });
}

