/**
 * Benchmark: time and peak memory to write one national year of synthetic data at scale 1.0
 * (all 43 forces, 12 months ending 2024-12, about 6.3 million street rows; narratives off, as
 * they are a separate generator). Targets: under 60 s, under 1 GB peak resident memory.
 *
 *   npm run bench:synth                       # the target run
 *   npm run bench:synth -- --scale 0.1        # a quick run while developing
 *
 * Writes bench/results/synth.json and .md; the output set goes to a temporary directory that is
 * removed afterwards.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { synthesize } from '../src/synth/index.ts';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = Number(process.argv[i + 1]);
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} must be a positive number, got "${process.argv[i + 1]}"`);
  return v;
}

const scale = arg('scale', 1);
const months = arg('months', 12);
const TARGET_SECONDS = 60;
const TARGET_MB = 1024;

const out = join(mkdtempSync(join(tmpdir(), 'peel-bench-synth-')), 'set');
const rssBefore = process.memoryUsage().rss;
let peakSampled = rssBefore;
const timer = setInterval(() => { peakSampled = Math.max(peakSampled, process.memoryUsage().rss); }, 50);
const load0 = loadavg()[0]!;
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const summary = await synthesize({ out, seed: 1, endMonth: '2024-12', months, forces: 'all', scale, narratives: 0 });
const seconds = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const load1 = loadavg()[0]!;
clearInterval(timer);
const peakMb = Math.max(peakSampled, process.resourceUsage().maxRSS * 1024) / 1e6;
rmSync(dirname(out), { recursive: true, force: true });

const result = {
  benchmark: 'synth',
  scenario: `all 43 forces, ${months} months ending 2024-12, scale ${scale}, narratives 0`,
  machine: { cpus: availableParallelism(), cpu: cpus()[0]?.model ?? 'unknown', node: process.version },
  street_rows: summary.street_rows,
  outcome_rows: summary.outcome_rows,
  stop_search_rows: summary.stop_search_rows,
  files: summary.files,
  megabytes_written: Math.round(summary.bytes / 1e6),
  seconds: Math.round(seconds * 10) / 10,
  cpu_seconds: Math.round(cpuSeconds * 10) / 10,
  load_average_1m: { before: Math.round(load0 * 10) / 10, after: Math.round(load1 * 10) / 10 },
  street_rows_per_second: Math.round(summary.street_rows / seconds),
  peak_rss_mb: Math.round(peakMb),
  targets: { seconds: TARGET_SECONDS, peak_rss_mb: TARGET_MB },
  meets_targets: scale === 1 && months === 12 ? seconds < TARGET_SECONDS && peakMb < TARGET_MB : null,
};

const rows: Array<[string, string]> = [
  ['scenario', result.scenario],
  ['street rows', result.street_rows.toLocaleString('en-GB')],
  ['outcome rows', result.outcome_rows.toLocaleString('en-GB')],
  ['stop-and-search rows', result.stop_search_rows.toLocaleString('en-GB')],
  ['files / MB written', `${result.files} / ${result.megabytes_written}`],
  ['time', `${result.seconds} s (target < ${TARGET_SECONDS} s)`],
  ['CPU time (user + system)', `${result.cpu_seconds} s`],
  ['machine load (1 min avg, before / after)', `${result.load_average_1m.before} / ${result.load_average_1m.after} on ${result.machine.cpus} cores`],
  ['street rows per second', result.street_rows_per_second.toLocaleString('en-GB')],
  ['peak resident memory', `${result.peak_rss_mb} MB (target < ${TARGET_MB} MB)`],
  ['meets targets', result.meets_targets === null ? 'n/a (not the target scenario)' : String(result.meets_targets)],
];
const w = Math.max(...rows.map(([k]) => k.length));
console.log(rows.map(([k, v]) => `${k.padEnd(w)}  ${v}`).join('\n'));

const dir = join(dirname(fileURLToPath(import.meta.url)), 'results');
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'synth.json'), JSON.stringify(result, null, 2) + '\n');
writeFileSync(join(dir, 'synth.md'), `# bench: synth\n\n| measure | value |\n| --- | --- |\n${rows.map(([k, v]) => `| ${k} | ${v} |`).join('\n')}\n\nMachine: ${result.machine.cpus} cores (${result.machine.cpu}), Node ${result.machine.node}.\n`);
