/**
 * `npm run bench:ingest` — one national year of street files (43 forces × 12 months, volumes
 * proportional to real forces, from Peel's synthetic generator), loaded two ways side by side in
 * one run, each in its own process with a fresh DuckDB file:
 *
 *   read_csv   DuckDB's plain `CREATE TABLE AS SELECT * FROM read_csv([...])`, the baseline;
 *   peel       `ingest()` end to end: inspection and sha256, validation, stable ids, H3, the
 *              cube, quarantine and batches, in transactions.
 *
 * Prints rows/s, the ratio, and peak resident memory of each process; saves
 * bench/results/ingest.json and .md. Options: `--scale S` (default 1.0), `--months M` (12),
 * `--keep DIR` to reuse a generated set.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync, statSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { tmpdir, cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { synthesize } from '../src/synth/index.ts';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const args = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const scale = Number(opt('scale', '1'));
const months = Number(opt('months', '12'));
const dataDir = resolve(opt('keep', join(tmpdir(), `peel-bench-ingest-${scale}-${months}`)));

function streetFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else if (e.name.endsWith('-street.csv')) out.push(join(d, e.name));
    }
  };
  walk(dir);
  return out.sort();
}

interface Measured {
  rows: number;
  ms: number;
  maxRssMb: number;
}

/** Runs a small TypeScript program in a fresh process and returns what it prints as JSON. */
function runChild(code: string): Measured {
  // Inside the repository, so the child resolves the project's node_modules.
  mkdirSync(join(root, 'bench', 'results', 'tmp'), { recursive: true });
  const file = join(root, 'bench', 'results', 'tmp', `child-${process.pid}-${Math.random().toString(36).slice(2)}.mts`);
  writeFileSync(file, code);
  const r = spawnSync(process.execPath, [join(root, 'bin', 'run-ts.mjs'), file], { encoding: 'utf8', maxBuffer: 1 << 26 });
  rmSync(file, { force: true });
  if (r.status !== 0) throw new Error(`child failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as Measured;
}

async function main() {
  const t0 = performance.now();
  if (!existsSync(join(dataDir, 'truth.json'))) {
    mkdirSync(dataDir, { recursive: true });
    console.error(`generating ${months} months of all 43 forces at scale ${scale} into ${dataDir} ...`);
    await synthesize({ out: dataDir, months, scale, narratives: 0, forces: 'all', overwrite: true });
  }
  const genMs = performance.now() - t0;
  const files = streetFiles(dataDir);
  const bytes = files.reduce((a, f) => a + statSync(f).size, 0);
  const listFile = join(tmpdir(), `peel-bench-files-${process.pid}.json`);
  writeFileSync(listFile, JSON.stringify(files));
  const work = join(tmpdir(), `peel-bench-ingest-stores-${process.pid}`);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });

  const loadBefore = loadavg()[0];
  const readCsv = runChild(`
    import { DuckDBInstance } from '@duckdb/node-api';
    import { readFileSync } from 'node:fs';
    const files = JSON.parse(readFileSync(${JSON.stringify(listFile)}, 'utf8'));
    const inst = await DuckDBInstance.create(${JSON.stringify(join(work, 'plain.duckdb'))}, { autoinstall_known_extensions: 'false', memory_limit: '2GB' });
    const c = await inst.connect();
    const t = performance.now();
    await c.run(\`CREATE TABLE street AS SELECT * FROM read_csv([\${files.map((f) => "'" + f + "'").join(',')}], header = true, all_varchar = true)\`);
    const ms = performance.now() - t;
    const rows = Number((await c.runAndReadAll('SELECT count(*) FROM street')).getRows()[0][0]);
    console.log(JSON.stringify({ rows, ms, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
  `);
  const peel = runChild(`
    import { readFileSync } from 'node:fs';
    import { openStore } from ${JSON.stringify(join(root, 'src/store/index.ts'))};
    import { ingest } from ${JSON.stringify(join(root, 'src/ingest/index.ts'))};
    import { DEFAULT_CONFIG } from ${JSON.stringify(join(root, 'src/config/index.ts'))};
    const files = JSON.parse(readFileSync(${JSON.stringify(listFile)}, 'utf8'));
    const store = await openStore({ store: ${JSON.stringify(join(work, 'peel.duckdb'))}, memoryLimit: DEFAULT_CONFIG.memoryLimit });
    const t = performance.now();
    const r = await ingest(store, files);
    const ms = performance.now() - t;
    store.close();
    const rows = r.batches.reduce((a, b) => a + b.rows_read, 0);
    console.log(JSON.stringify({ rows, ms, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
  `);
  rmSync(work, { recursive: true, force: true });
  rmSync(listFile, { force: true });

  const rate = (m: Measured) => m.rows / (m.ms / 1000);
  const result = {
    date: new Date().toISOString(),
    // Other work on the machine slows both methods; the ratio is the comparable number.
    machine: { cores: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version, load_average_before: +loadBefore.toFixed(1), load_average_after: +loadavg()[0].toFixed(1) },
    data: { scale, months, forces: 43, files: files.length, rows: peel.rows, mb: Math.round(bytes / 1e6), generate_s: +(genMs / 1000).toFixed(1) },
    read_csv: { ms: Math.round(readCsv.ms), rows_per_s: Math.round(rate(readCsv)), max_rss_mb: Math.round(readCsv.maxRssMb) },
    peel_ingest: { ms: Math.round(peel.ms), rows_per_s: Math.round(rate(peel)), max_rss_mb: Math.round(peel.maxRssMb) },
    ratio: +(rate(peel) / rate(readCsv)).toFixed(3),
    targets: { ratio: 0.5, rows_per_s: 1_000_000, max_rss_mb: 2048 },
  };
  const md = [
    `# bench:ingest — ${result.date}`,
    '',
    `${files.length} street files, ${peel.rows.toLocaleString('en-GB')} rows (${result.data.mb} MB), 43 forces × ${months} months at scale ${scale}; ${result.machine.cores} cores, load average ${result.machine.load_average_before} before and ${result.machine.load_average_after} after.`,
    '',
    '| method | seconds | rows/s | peak RSS (MB) |',
    '| --- | ---: | ---: | ---: |',
    `| DuckDB read_csv into a table | ${(readCsv.ms / 1000).toFixed(2)} | ${result.read_csv.rows_per_s.toLocaleString('en-GB')} | ${result.read_csv.max_rss_mb} |`,
    `| peel ingest (validate, ids, H3, cube) | ${(peel.ms / 1000).toFixed(2)} | ${result.peel_ingest.rows_per_s.toLocaleString('en-GB')} | ${result.peel_ingest.max_rss_mb} |`,
    '',
    `peel / read_csv throughput: **${result.ratio}** (target ≥ 0.5); peel rows/s target ≥ 1,000,000; peak memory target ≤ 2,048 MB.`,
  ].join('\n');
  console.log(md);
  mkdirSync(join(root, 'bench', 'results'), { recursive: true });
  writeFileSync(join(root, 'bench', 'results', 'ingest.json'), JSON.stringify(result, null, 2) + '\n');
  writeFileSync(join(root, 'bench', 'results', 'ingest.md'), md + '\n');
}

await main();
