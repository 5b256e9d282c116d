/**
 * Benchmark: `peel export` of the big tables in every format, each as its own process at the
 * store's default memory limit, measured from process start to exit with /usr/bin/time -v (wall
 * time, peak resident memory). The store must already hold a synthetic year, e.g.
 *
 *   npx peel synth --out /tmp/year --scale 1 --months 12 && npx peel ingest /tmp/year --store /tmp/year.duckdb
 *   npm run bench:export -- --store /tmp/year.duckdb [--tables street,outcomes] [--formats csv,geojson,parquet]
 *
 * Writes bench/results/export.json and .md; the exported files go to a temporary folder that is
 * removed after each run (only their size is kept).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_CONFIG } from '../src/config/index.ts';

function listArg(name: string, fallback: string[]): string[] {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? fallback : String(process.argv[i + 1] ?? '').split(',').filter(Boolean);
}

const storeIdx = process.argv.indexOf('--store');
if (storeIdx < 0) throw new Error('--store PATH is required: a store holding a synthetic year (see the comment at the top of bench/export.ts)');
const store = process.argv[storeIdx + 1]!;
const tables = listArg('tables', ['street', 'outcomes']);
const formats = listArg('formats', ['csv', 'geojson', 'parquet']);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const peel = join(root, 'bin', 'peel.mjs');

function sizeOf(path: string): number {
  const st = statSync(path);
  if (st.isFile()) return st.size;
  return readdirSync(path).reduce((a, f) => a + sizeOf(join(path, f)), 0);
}

interface Run {
  table: string;
  format: string;
  ok: boolean;
  rows: number | null;
  seconds: number;
  peak_rss_mb: number;
  output_mb: number | null;
  error: string | null;
}

const env = { ...process.env };
delete env.PEEL_MEMORY_LIMIT; // the default limit is the point
const runs: Run[] = [];
const load0 = loadavg()[0]!;
for (const table of tables) {
  for (const format of formats) {
    const dir = mkdtempSync(join(tmpdir(), 'peel-bench-export-'));
    const out = join(dir, format === 'parquet' ? table : `${table}.${format}`);
    const r = spawnSync('/usr/bin/time', ['-v', process.execPath, peel, 'export', table, '--format', format, '--out', out, '--store', store, '--json'],
      { encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024 });
    const stderr = r.stderr ?? '';
    const rssKb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1] ?? NaN);
    const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)/.exec(stderr)?.[1] ?? '0';
    const seconds = wall.split(':').reduce((a, p) => a * 60 + Number(p), 0);
    let rows: number | null = null;
    try {
      rows = (JSON.parse(r.stdout) as { rows: number }).rows;
    } catch { /* failed: the error is kept below */ }
    const ok = r.status === 0 && rows !== null;
    let outputMb: number | null = null;
    try {
      outputMb = ok ? Math.round(sizeOf(out) / 1e6) : null;
    } catch { /* nothing written */ }
    const error = ok ? null : (stderr.split('\n').find((l) => l.startsWith('peel:') || /error/i.test(l)) ?? `exit ${r.status}`).slice(0, 300);
    runs.push({ table, format, ok, rows, seconds: Math.round(seconds * 10) / 10, peak_rss_mb: Math.round(rssKb / 1024), output_mb: outputMb, error });
    rmSync(dir, { recursive: true, force: true });
    console.log(`${table} ${format}: ${ok ? `${rows} rows` : `FAILED ${error}`}, ${seconds.toFixed(1)} s, peak ${Math.round(rssKb / 1024)} MB`);
  }
}
const load1 = loadavg()[0]!;

const result = {
  benchmark: 'export',
  store,
  memory_limit: DEFAULT_CONFIG.memoryLimit,
  machine: { cpus: availableParallelism(), cpu: cpus()[0]?.model ?? 'unknown', node: process.version },
  load_average_1m: { before: Math.round(load0 * 10) / 10, after: Math.round(load1 * 10) / 10 },
  runs,
};
const md = [
  `# bench:export — ${new Date().toISOString()}`,
  '',
  `Store ${store}; DuckDB memory limit ${DEFAULT_CONFIG.memoryLimit} (the default); ${result.machine.cpus} cores, load average ${result.load_average_1m.before} before and ${result.load_average_1m.after} after. Each export is its own \`peel export\` process, timed from start to exit.`,
  '',
  '| table | format | rows | seconds | peak RSS (MB) | output (MB) | result |',
  '| --- | --- | ---: | ---: | ---: | ---: | --- |',
  ...runs.map((r) => `| ${r.table} | ${r.format} | ${r.rows?.toLocaleString('en-GB') ?? '—'} | ${r.seconds} | ${r.peak_rss_mb} | ${r.output_mb ?? '—'} | ${r.ok ? 'ok' : r.error} |`),
  '',
].join('\n');
const resultsDir = join(root, 'bench', 'results');
mkdirSync(resultsDir, { recursive: true });
writeFileSync(join(resultsDir, 'export.json'), `${JSON.stringify(result, null, 2)}\n`);
writeFileSync(join(resultsDir, 'export.md'), md);
console.log(`\n${md}`);
