/**
 * Benchmark: narrative search at scale, on synthetic narratives from src/synth/narratives.
 *
 * Measures, against the issue's targets:
 * - index build rate: records/s to analyse, index and write the index file (>= 10,000/s);
 *   generating the synthetic records is timed separately and not counted;
 * - query latency p50 / p95 over a mixed set of queries: plain English with force, category and
 *   date filters, free words, phrases, prefixes, typos and "records like this one" (p95 < 50 ms);
 * - extraction rate of extractEntities on a sample of the same records (>= 5,000/s, one core), in
 *   a process of its own so the builder's heap (a million-term vocabulary) does not tax its GC;
 * - the server's start: a fresh process opens the persisted index file and answers a first query;
 *   its time to ready (< 5 s) and resident memory (< 2 GB) are reported.
 *
 *   npm run bench:search                      # 1,000,000 records (the target run)
 *   npm run bench:search -- --count 100000    # quick run while developing
 *
 * Writes bench/results/search.json and .md. The index file goes to a temporary directory that is
 * removed afterwards.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ForceId } from '../src/standard/index.ts';
import { createIndexBuilder, extractEntities, loadSearchIndex, writeIndexFile } from '../src/records/index.ts';
import { generateNarratives } from '../src/synth/narratives/index.ts';
import { positiveIntArg } from './args.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

const arg = positiveIntArg;

const QUERIES = [
  'burglaries in Leicester last month where a screwdriver was used',
  'knife',
  'robbery in London',
  'shoplifting last year',
  'stolen catalytic converter',
  'Range Rover keyless',
  '"rear patio door"',
  'screwdr*',
  'burgalry garage',
  'cannabis stop and search in Leeds',
  'drugs line phone in 2024',
  'intelligence county lines',
  'assault pint glass pub',
  'criminal damage tyres slashed',
  'fraud bank transfer safe account',
  'vehicle crime in Manchester this year',
  'balaclava moped',
  'doorbell footage',
  'missing child',
  'harassment messages instagram',
] as const;

/**
 * Peak resident memory of this process's own address space: VmHWM on Linux. Not
 * resourceUsage().maxRSS, which survives exec and so reports the parent's size for a child forked
 * from this big benchmark process (an 800 MB parent gave a 43 MB child a maxRSS of 767 MB).
 */
function peakRssMb(): number {
  const now = process.memoryUsage().rss / 1e6;
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (kb) return Math.max(now, (Number(kb[1]) * 1024) / 1e6); // the kernel updates VmHWM lazily
  } catch {
    // not Linux
  }
  return Math.max(now, (process.resourceUsage().maxRSS * 1024) / 1e6);
}

/** CPU time of this process (user + system), so the machine's other load counts less than in wall time. */
function cpuUs(u: NodeJS.CpuUsage): number {
  return u.user + u.system;
}
function cpuMs(u: NodeJS.CpuUsage): number {
  return cpuUs(u) / 1000;
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

// ---------------------------------------------------------------- child: the "server" start
if (process.argv.includes('--serve')) {
  const file = process.argv[process.argv.indexOf('--serve') + 1];
  const t0 = performance.now();
  const index = loadSearchIndex(file);
  const latest = index.latestDate() ?? '2024-06-30';
  const now = new Date(`${latest}T23:59:59Z`);
  index.search('knife', { now });
  const readyMs = performance.now() - t0;
  const readyCpu = process.cpuUsage();
  const times: number[] = [];
  const cpuTimes: number[] = [];
  const perQuery: Record<string, number[]> = {};
  for (let round = 0; round < 5; round++) {
    for (const q of QUERIES) {
      const s = performance.now();
      const c = process.cpuUsage();
      index.search(q, { now });
      cpuTimes.push(cpuMs(process.cpuUsage(c)));
      const ms = performance.now() - s;
      times.push(ms);
      (perQuery[q] ??= []).push(ms);
    }
    // "Records like this one", for a spread of records.
    for (let k = 0; k < 4; k++) {
      const d = index.doc(Math.floor(((round * 4 + k + 0.5) / 20) * index.size));
      const s = performance.now();
      const c = process.cpuUsage();
      index.moreLikeThis(d.force_id, d.record_id);
      cpuTimes.push(cpuMs(process.cpuUsage(c)));
      const ms = performance.now() - s;
      times.push(ms);
      (perQuery['(more like this)'] ??= []).push(ms);
    }
  }
  const sample = index.search(QUERIES[0], { now });
  process.stdout.write(JSON.stringify({
    ready_ms: readyMs,
    ready_cpu_ms: cpuMs(readyCpu),
    ready_at: Date.now() - (performance.now() - t0 - readyMs),
    rss_mb: process.memoryUsage().rss / 1e6,
    max_rss_mb: peakRssMb(),
    queries: times.length,
    p50_ms: pct(times, 50),
    p95_ms: pct(times, 95),
    cpu_p50_ms: pct(cpuTimes, 50),
    cpu_p95_ms: pct(cpuTimes, 95),
    max_ms: Math.max(...times),
    per_query_p50_ms: Object.fromEntries(Object.entries(perQuery).map(([q, xs]) => [q, Number(pct(xs, 50).toFixed(2))])),
    sample: { query: QUERIES[0], understood: sample.query.understood, total: sample.total, top: sample.hits.slice(0, 3).map((h) => h.snippet) },
  }));
  process.exit(0);
}

// ---------------------------------------------------------------- child: extraction on the sample
if (process.argv.includes('--extract')) {
  const texts = JSON.parse(readFileSync(process.argv[process.argv.indexOf('--extract') + 1], 'utf8')) as string[];
  for (const s of texts.slice(0, 500)) extractEntities(s);
  const c0 = process.cpuUsage();
  const x0 = performance.now();
  for (const s of texts) extractEntities(s);
  process.stdout.write(JSON.stringify({ wall_s: (performance.now() - x0) / 1000, cpu_s: cpuUs(process.cpuUsage(c0)) / 1e6 }));
  process.exit(0);
}

// ---------------------------------------------------------------- parent: build, then start a server
const COUNT = arg('count', 1_000_000);
const loadAtStart = loadavg()[0];
const EXTRACT_SAMPLE = Math.min(COUNT, 20_000);
const forces: ForceId[] = ['metropolitan', 'west-yorkshire', 'leicestershire', 'greater-manchester', 'west-midlands', 'merseyside', 'gwent', 'kent', 'avon-and-somerset', 'north-wales'];
const gen = generateNarratives({ seed: 424242, forces, endMonth: '2024-06', months: 24, count: COUNT });
const dir = mkdtempSync(join(tmpdir(), 'peel-bench-search-'));
const file = join(dir, 'peel.duckdb.records-index');
const builder = createIndexBuilder();
const sample: string[] = [];
let genMs = 0;
let addMs = 0;
let addCpuUs = 0;
let t = performance.now();
for (const { record } of gen.items) {
  const a = performance.now();
  genMs += a - t;
  const c = process.cpuUsage();
  builder.add(record);
  addCpuUs += cpuUs(process.cpuUsage(c));
  t = performance.now();
  addMs += t - a;
  if (sample.length < EXTRACT_SAMPLE) sample.push(record.narrative);
  if (builder.size % 100_000 === 0) process.stderr.write(`  indexed ${builder.size}\n`);
}
const f0 = performance.now();
const fc = process.cpuUsage();
const index = builder.finish();
writeIndexFile(index, file);
const finishCpuUs = cpuUs(process.cpuUsage(fc));
const finishMs = performance.now() - f0;
const buildCpuS = (addCpuUs + finishCpuUs) / 1e6;
const buildS = (addMs + finishMs) / 1000;
const fileMb = statSync(file).size / 1e6;
const terms = index.terms;

const sampleFile = join(dir, 'sample.json');
writeFileSync(sampleFile, JSON.stringify(sample));
const xChild = spawnSync(process.execPath, [join(ROOT, 'bin/run-ts.mjs'), fileURLToPath(import.meta.url), '--extract', sampleFile], { encoding: 'utf8' });
if (xChild.status !== 0) throw new Error(`extraction child failed: ${xChild.stderr}`);
const { wall_s: xWall, cpu_s: xCpu } = JSON.parse(xChild.stdout) as { wall_s: number; cpu_s: number };

const loadAtServe = loadavg()[0];
const spawnedAt = Date.now();
const child = spawnSync(process.execPath, [join(ROOT, 'bin/run-ts.mjs'), fileURLToPath(import.meta.url), '--serve', file], { encoding: 'utf8', maxBuffer: 1 << 24 });
if (child.status !== 0) throw new Error(`server child failed: ${child.stderr}`);
const serve = JSON.parse(child.stdout) as {
  ready_ms: number; ready_cpu_ms: number; ready_at: number; rss_mb: number; max_rss_mb: number; queries: number; p50_ms: number; p95_ms: number; cpu_p50_ms: number; cpu_p95_ms: number; max_ms: number;
  per_query_p50_ms: Record<string, number>; sample: { query: string; understood: string[]; total: number; top: string[] };
};
rmSync(dir, { recursive: true, force: true });

const result = {
  run_at: new Date().toISOString(),
  cpu: cpus()[0]?.model ?? 'unknown',
  load_average_1m: Number(loadavg()[0].toFixed(2)),
  load_average_1m_at: { start: Number(loadAtStart.toFixed(2)), server: Number(loadAtServe.toFixed(2)), end: Number(loadavg()[0].toFixed(2)) },
  records: COUNT,
  generate_s: Number((genMs / 1000).toFixed(1)),
  build: { seconds: Number(buildS.toFixed(1)), records_per_s: Math.round(COUNT / buildS), cpu_seconds: Number(buildCpuS.toFixed(1)), records_per_s_cpu: Math.round(COUNT / buildCpuS), finish_and_write_s: Number((finishMs / 1000).toFixed(1)), file_mb: Math.round(fileMb), terms },
  query: { count: serve.queries, p50_ms: Number(serve.p50_ms.toFixed(2)), p95_ms: Number(serve.p95_ms.toFixed(2)), cpu_p50_ms: Number(serve.cpu_p50_ms.toFixed(2)), cpu_p95_ms: Number(serve.cpu_p95_ms.toFixed(2)), max_ms: Number(serve.max_ms.toFixed(2)), per_query_p50_ms: serve.per_query_p50_ms },
  extraction: { records: sample.length, records_per_s_cpu: Math.round(sample.length / xCpu), records_per_s_wall: Math.round(sample.length / xWall) },
  server: { start_s: Number(((serve.ready_at - spawnedAt) / 1000).toFixed(2)), start_cpu_s: Number((serve.ready_cpu_ms / 1000).toFixed(2)), index_open_s: Number((serve.ready_ms / 1000).toFixed(2)), rss_mb: Math.round(serve.rss_mb), max_rss_mb: Math.round(serve.max_rss_mb) },
  sample: serve.sample,
  targets: { build_records_per_s: 10_000, query_p95_ms: 50, extraction_records_per_s: 5000, start_s: 5, rss_mb: 2048 },
};
const ok = (b: boolean) => (b ? 'met' : 'NOT met');
const md = [
  '# bench:search',
  '',
  `Run ${result.run_at} on ${result.cpu}, 1-minute load average ${result.load_average_1m_at.start} at the start, ${result.load_average_1m_at.server} when the server started, ${result.load_average_1m_at.end} at the end (2 cores, shared); ${COUNT.toLocaleString('en-GB')} synthetic narratives (seed 424242, 10 forces, 24 months). Generating them took ${result.generate_s} s (not counted).`,
  '',
  '| measure | value | target | |',
  '|---|---:|---:|---|',
  `| index build rate by wall time (analyse + index + write file) | ${result.build.records_per_s.toLocaleString('en-GB')} records/s (${result.build.seconds} s) | >= 10,000 | ${ok(result.build.records_per_s >= 10_000)} |`,
  `| index build rate by CPU time (the process's own work, load excluded) | ${result.build.records_per_s_cpu.toLocaleString('en-GB')} records/s (${result.build.cpu_seconds} s) | >= 10,000 | ${ok(result.build.records_per_s_cpu >= 10_000)} |`,
  `| query latency p50 | ${result.query.p50_ms} ms | | |`,
  `| query latency p95 (${result.query.count} queries) | ${result.query.p95_ms} ms | < 50 ms | ${ok(result.query.p95_ms < 50)} |`,
  `| query CPU time p50 / p95 (load excluded) | ${result.query.cpu_p50_ms} / ${result.query.cpu_p95_ms} ms | p95 < 50 ms | ${ok(result.query.cpu_p95_ms < 50)} |`,
  `| extraction rate, one core (CPU time; wall ${result.extraction.records_per_s_wall}) | ${result.extraction.records_per_s_cpu.toLocaleString('en-GB')} records/s | >= 5,000 | ${ok(result.extraction.records_per_s_cpu >= 5000)} |`,
  `| server start (new process to first answer; opening the index ${result.server.index_open_s} s; CPU ${result.server.start_cpu_s} s) | ${result.server.start_s} s | < 5 s | ${ok(result.server.start_s < 5)} |`,
  `| server resident memory, peak (VmHWM; ${result.server.rss_mb} MB after the queries) | ${result.server.max_rss_mb} MB | < 2,048 MB | ${ok(result.server.max_rss_mb < 2048)} |`,
  `| index file | ${result.build.file_mb} MB, ${terms.toLocaleString('en-GB')} terms | | |`,
  '',
  'Per-query p50 (ms):',
  '',
  ...Object.entries(result.query.per_query_p50_ms).map(([q, ms]) => `- \`${q}\`: ${ms}`),
  '',
  `Sample: \`${serve.sample.query}\` understood as ${serve.sample.understood.join('; ')}; ${serve.sample.total} matches. Top: ${serve.sample.top.map((s) => `"${s}"`).join(' | ')}`,
].join('\n');
console.log(md);
mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
writeFileSync(join(ROOT, 'bench/results/search.md'), md + '\n');
writeFileSync(join(ROOT, 'bench/results/search.json'), JSON.stringify(result, null, 2) + '\n');
