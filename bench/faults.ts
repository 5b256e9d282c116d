/**
 * `npm run bench:faults` — the standing fault suite at full strength (issue #15): every case of the
 * bad-input corpus (test/faults/corpus.ts) through `peel ingest` in its own process with a
 * per-case timeout, then `kill -9` at 20 random moments of a real load with a re-run after each,
 * two writers at once and readers during a load (test/faults/kill.ts).
 *
 * Prints and saves (bench/results/faults.{json,md}): cases tried, crashes (unexpected errors, or
 * non-zero exits without one clear line), hangs (no answer within the timeout), rows lost (data
 * rows of an input neither loaded nor quarantined), forces changed (force-months outside a file's
 * own that changed), cases short of their expectation, and the kill -9 recoveries. All but the
 * first should be zero and the recoveries 20 of 20.
 *
 * Options: --kills N (20), --timeout S per case (60), --seed N (1) for the kill moments,
 * --only TEXT to run only cases whose name contains TEXT (and no kills).
 */
import { mkdirSync, rmSync, writeFileSync, mkdtempSync, existsSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { tmpdir, cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { CASES, realSources } from '../test/faults/corpus.ts';
import { preload, runCase, type CaseResult } from '../test/faults/run.ts';
import { killBase, killFiles, killAndRecover, twoWriters, readsDuringLoad, type KillResult } from '../test/faults/kill.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const sharedData = resolve(root, '../shared/data');
const args = process.argv.slice(2);
const opt = (name: string, fallback?: string) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : fallback; };
const only = opt('only');
const kills = only ? 0 : Number(opt('kills', '20'));
const timeoutMs = Number(opt('timeout', '60')) * 1000;
let seed = Number(opt('seed', '1')) >>> 0;
const random = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);

if (!existsSync(join(sharedData, 'police_uk'))) {
  console.error('bench:faults needs the real files in ../shared/data/police_uk');
  process.exit(2);
}

const work = mkdtempSync(join(tmpdir(), 'peel-bench-faults-'));
const t0 = performance.now();
const loadBefore = loadavg()[0];
const src = realSources(sharedData);
const base = await preload(join(work, 'base'), sharedData);
const cases = CASES.filter((c) => !only || c.name.includes(only));
const results: CaseResult[] = [];
for (const c of cases) {
  const r = await runCase(c, { base, src, work, mode: 'process', timeoutMs });
  results.push(r);
  console.error(`${r.problems.length ? 'FAIL' : 'ok  '} ${(r.ms / 1000).toFixed(1).padStart(5)} s  ${c.name}${r.problems.length ? `\n       ${r.problems.join('\n       ')}` : ''}`);
}

const killResults: KillResult[] = [];
let writers: Awaited<ReturnType<typeof twoWriters>> | null = null;
let reads: Awaited<ReturnType<typeof readsDuringLoad>> | null = null;
let runSeconds = 0;
if (kills > 0) {
  const files = killFiles(sharedData);
  const kb = await killBase(join(work, 'kill-base'), files);
  runSeconds = kb.runSeconds;
  for (let i = 0; i < kills; i++) {
    // Anywhere from process start to a little past a whole run's length.
    const delay = Math.round(random() * kb.runSeconds * 1100);
    const r = await killAndRecover(kb, files, join(work, `kill-${i}`), delay);
    killResults.push(r);
    rmSync(join(work, `kill-${i}`), { recursive: true, force: true });
    console.error(`${r.problems.length ? 'FAIL' : 'ok  '} kill -9 after ${(delay / 1000).toFixed(2)} s (${r.finishedBeforeKill ? 'the run had finished' : `${r.newAtKill} force-months new at the kill`})${r.problems.length ? `\n       ${r.problems.slice(0, 5).join('\n       ')}` : ''}`);
  }
  writers = await twoWriters(kb, files, join(work, 'writers'));
  console.error(`${writers.problems.length ? 'FAIL' : 'ok  '} two writers: exits ${writers.exits.map((e) => e.code).join(' and ')}${writers.problems.length ? `\n       ${writers.problems.join('\n       ')}` : ''}`);
  reads = await readsDuringLoad(kb, files, join(work, 'reads'));
  console.error(`${reads.problems.length ? 'FAIL' : 'ok  '} readers during a load: ${reads.readsDuringLoad} reads while it ran${reads.problems.length ? `\n       ${reads.problems.join('\n       ')}` : ''}`);
}
rmSync(work, { recursive: true, force: true });

const count = (f: (r: CaseResult) => boolean) => results.filter(f).length;
const summary = {
  cases_tried: results.length,
  crashes: count((r) => r.outcome === 'crash'),
  hangs: count((r) => r.outcome === 'hang'),
  rows_lost: results.reduce((a, r) => a + r.rowsLost, 0),
  forces_changed: results.reduce((a, r) => a + r.changed.length, 0),
  short_of_expectation: count((r) => r.problems.length > 0),
  kill9_recovered: killResults.filter((r) => !r.problems.length).length,
  kill9_runs: killResults.length,
  kill9_landed_mid_run: killResults.filter((r) => !r.finishedBeforeKill).length,
  two_writers_ok: writers ? !writers.problems.length : null,
  reads_during_load_ok: reads ? !reads.problems.length : null,
};
const result = {
  date: new Date().toISOString(),
  machine: { cores: cpus().length, node: process.version, load_average_before: +loadBefore.toFixed(1), load_average_after: +loadavg()[0].toFixed(1) },
  seconds: +((performance.now() - t0) / 1000).toFixed(1),
  timeout_s: timeoutMs / 1000,
  summary,
  cases: results.map((r) => ({ name: r.name, group: r.group, expect: r.expect, outcome: r.outcome, seconds: +(r.ms / 1000).toFixed(2), message: r.message?.slice(0, 300) ?? null, rows_lost: r.rowsLost, changed: r.changed, problems: r.problems })),
  kill9: { run_seconds: +runSeconds.toFixed(2), runs: killResults },
  two_writers: writers,
  reads_during_load: reads,
};
const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const md = [
  `# bench:faults — ${result.date}`,
  '',
  `${results.length} bad inputs, each through \`peel ingest --json\` in its own process (timeout ${timeoutMs / 1000} s) against a copy of a store preloaded with six real force-months; then \`kill -9\` at ${killResults.length} random moments of a real load (a whole run takes ${runSeconds.toFixed(1)} s here), two writers, readers during a load. ${result.machine.cores} cores, load average ${result.machine.load_average_before} before and ${result.machine.load_average_after} after; ${result.seconds} s in all.`,
  '',
  '| measure | count | target |',
  '| --- | ---: | ---: |',
  `| cases tried | ${summary.cases_tried} | ≥ 40 |`,
  `| crashes (unexpected error, or no clear one-line message) | ${summary.crashes} | 0 |`,
  `| hangs (no answer in ${timeoutMs / 1000} s) | ${summary.hangs} | 0 |`,
  `| rows lost | ${summary.rows_lost} | 0 |`,
  `| force-months changed outside the file's own | ${summary.forces_changed} | 0 |`,
  `| cases short of their expectation (any problem) | ${summary.short_of_expectation} | 0 |`,
  `| kill -9 recoveries (exact, audited) | ${summary.kill9_recovered} of ${summary.kill9_runs} (${summary.kill9_landed_mid_run} landed mid-run) | all |`,
  `| two writers at once | ${summary.two_writers_ok === null ? '—' : summary.two_writers_ok ? 'consistent' : 'FAILED'} | consistent |`,
  `| readers during a load | ${summary.reads_during_load_ok === null ? '—' : summary.reads_during_load_ok ? `never a half-replaced month (${reads!.readsDuringLoad} reads)` : 'FAILED'} | whole months |`,
  '',
  '## Cases',
  '',
  '| case | expected | outcome | s | problems |',
  '| --- | --- | --- | ---: | --- |',
  ...results.map((r) => `| ${esc(r.name)} | ${r.expect} | ${r.outcome} | ${(r.ms / 1000).toFixed(1)} | ${r.problems.length ? esc(r.problems.join('; ').slice(0, 400)) : '—'} |`),
  ...(killResults.length ? [
    '',
    '## kill -9',
    '',
    '| # | killed after (s) | state at the kill | problems |',
    '| ---: | ---: | --- | --- |',
    ...killResults.map((r, i) => `| ${i + 1} | ${(r.delayMs / 1000).toFixed(2)} | ${r.finishedBeforeKill ? 'run had finished' : `${r.newAtKill} force-months new`} | ${r.problems.length ? esc(r.problems.slice(0, 3).join('; ').slice(0, 400)) : '—'} |`),
  ] : []),
].join('\n');
console.log(md);
if (!only) {
  mkdirSync(join(root, 'bench', 'results'), { recursive: true });
  writeFileSync(join(root, 'bench', 'results', 'faults.json'), JSON.stringify(result, null, 2) + '\n');
  writeFileSync(join(root, 'bench', 'results', 'faults.md'), md + '\n');
}
