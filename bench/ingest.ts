/**
 * `npm run bench:ingest` — street files from Peel's synthetic generator in two shapes, loaded two
 * ways side by side, each in its own process with a fresh DuckDB file and timed from process start
 * to exit, as a user waits for it (issue #15, "speed, end to end"):
 *
 *   shapes     national: one year of all 43 forces (volumes proportional to real forces);
 *              met: 24 month files of the Metropolitan Police's size (about 85,000 rows each).
 *   read_csv   a Node program running DuckDB's plain `CREATE TABLE AS SELECT * FROM read_csv([...])`;
 *   peel       `peel ingest FILES --json` (bin/peel.mjs, the bundle `npm ci` builds): inspection and
 *              sha256, validation, stable ids, H3, the cube, quarantine, batches and the audit.
 *
 * Prints seconds, rows/s, the ratio and peak resident memory of each process; saves
 * bench/results/ingest.json and .md. Options: `--shape national|met|both` (both), `--scale S`
 * (1.0) and `--months M` (12) of the national year, `--keep DIR` / `--keep-met DIR` to reuse a set,
 * `--repeat N` (1) to run each pair N times (the table shows the median ratio and the spread).
 * CPU seconds (user + system, from /usr/bin/time) are reported beside wall time: on a machine
 * shared with other work, the CPU ratio moves far less than the wall ratio.
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
const only = opt('shape', 'both');
const repeat = Math.max(1, Number(opt('repeat', '1')));

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
  cpuS: number;
}

const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

/**
 * Runs a command as a user would and times it from process start to exit (start-up, module
 * loading and opening the store included); peak RSS from /usr/bin/time where it exists.
 */
function endToEnd(argv: string[]): { ms: number; maxRssMb: number; cpuS: number; stdout: string } {
  const cmd = TIME ? [TIME, '-f', 'peel-bench-maxrss-kb %M cpu %U %S', ...argv] : argv;
  const t = performance.now();
  const r = spawnSync(cmd[0], cmd.slice(1), { encoding: 'utf8', maxBuffer: 1 << 28, cwd: root });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`${argv.slice(0, 3).join(' ')} failed: ${r.stderr.slice(-2000)}`);
  const m = /peel-bench-maxrss-kb (\d+) cpu ([\d.]+) ([\d.]+)/.exec(r.stderr);
  return { ms, maxRssMb: Number(m?.[1] ?? NaN) / 1024, cpuS: Number(m?.[2] ?? NaN) + Number(m?.[3] ?? NaN), stdout: r.stdout };
}

interface Shape {
  readonly name: string;
  readonly label: string;
  readonly dir: string;
  readonly generate: () => Promise<void>;
}

const shapes: Shape[] = [
  {
    name: 'national', label: `national synthetic year: 43 forces × ${months} months at scale ${scale}`,
    dir: dataDir,
    generate: () => synthesize({ out: dataDir, months, scale, narratives: 0, forces: 'all', overwrite: true }).then(() => undefined),
  },
  {
    name: 'met', label: 'Metropolitan-sized months: 24 months of one force (synthetic Met at scale 1; its street files)',
    dir: resolve(opt('keep-met', join(tmpdir(), 'peel-bench-ingest-met-24'))),
    generate: () => synthesize({ out: resolve(opt('keep-met', join(tmpdir(), 'peel-bench-ingest-met-24'))), months: 24, scale: 1, narratives: 0, forces: ['metropolitan'], overwrite: true }).then(() => undefined),
  },
].filter((s) => only === 'both' || only === s.name);

async function measure(shape: Shape, work: string) {
  const t0 = performance.now();
  if (!existsSync(join(shape.dir, 'truth.json'))) {
    mkdirSync(shape.dir, { recursive: true });
    console.error(`generating the ${shape.name} set into ${shape.dir} ...`);
    await shape.generate();
  }
  const genMs = performance.now() - t0;
  const files = streetFiles(shape.dir);
  const bytes = files.reduce((a, f) => a + statSync(f).size, 0);
  const listFile = join(work, `${shape.name}-files.json`);
  writeFileSync(listFile, JSON.stringify(files));
  // Plain DuckDB, as a user of DuckDB would run it: a JavaScript program, no Peel code, start to exit.
  const plainScript = join(work, `${shape.name}-read-csv.mjs`);
  writeFileSync(plainScript, `
    import { DuckDBInstance } from ${JSON.stringify(join(root, 'node_modules/@duckdb/node-api/lib/index.js'))};
    import { readFileSync } from 'node:fs';
    const files = JSON.parse(readFileSync(${JSON.stringify(listFile)}, 'utf8'));
    const inst = await DuckDBInstance.create(${JSON.stringify(join(work, `${shape.name}-plain.duckdb`))}, { autoinstall_known_extensions: 'false', memory_limit: '2GB' });
    const c = await inst.connect();
    await c.run(\`CREATE TABLE street AS SELECT * FROM read_csv([\${files.map((f) => "'" + f + "'").join(',')}], header = true, all_varchar = true)\`);
    console.log(JSON.stringify({ rows: Number((await c.runAndReadAll('SELECT count(*) FROM street')).getRows()[0][0]) }));
  `);
  const loadBefore = loadavg()[0];
  const plain = endToEnd([process.execPath, plainScript]);
  const plainRows = (JSON.parse(plain.stdout.trim().split('\n').at(-1)!) as { rows: number }).rows;
  const peelRun = endToEnd([process.execPath, join(root, 'bin', 'peel.mjs'), 'ingest', ...files, '--store', join(work, `${shape.name}-peel.duckdb`), '--json']);
  const report = JSON.parse(peelRun.stdout) as { batches: Array<{ rows_read: number }> };
  const peelRows = report.batches.reduce((a, b) => a + b.rows_read, 0);
  rmSync(join(work, `${shape.name}-plain.duckdb`), { force: true });
  rmSync(join(work, `${shape.name}-peel.duckdb`), { force: true });
  const readCsv: Measured = { rows: plainRows, ms: plain.ms, maxRssMb: plain.maxRssMb, cpuS: plain.cpuS };
  const peel: Measured = { rows: peelRows, ms: peelRun.ms, maxRssMb: peelRun.maxRssMb, cpuS: peelRun.cpuS };
  const rate = (m: Measured) => m.rows / (m.ms / 1000);
  return {
    shape: shape.name,
    label: shape.label,
    data: { files: files.length, rows: peel.rows, rows_per_file: Math.round(peel.rows / files.length), mb: Math.round(bytes / 1e6), generate_s: +(genMs / 1000).toFixed(1) },
    load_average: { before: +loadBefore.toFixed(1), after: +loadavg()[0].toFixed(1) },
    read_csv: { s: +(readCsv.ms / 1000).toFixed(2), cpu_s: +readCsv.cpuS.toFixed(1), rows_per_s: Math.round(rate(readCsv)), max_rss_mb: Math.round(readCsv.maxRssMb) },
    peel_ingest: { s: +(peel.ms / 1000).toFixed(2), cpu_s: +peel.cpuS.toFixed(1), rows_per_s: Math.round(rate(peel)), max_rss_mb: Math.round(peel.maxRssMb) },
    ratio: +(rate(peel) / rate(readCsv)).toFixed(3),
    cpu_ratio: +((readCsv.cpuS / readCsv.rows) / (peel.cpuS / peel.rows)).toFixed(3),
  };
}

async function main() {
  const work = join(tmpdir(), `peel-bench-ingest-stores-${process.pid}`);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  // As `npm ci` leaves it: the CLI bundle built, so `peel` starts as a user's would.
  const built = spawnSync(process.execPath, [join(root, 'bin', 'build-cli.mjs')], { encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`could not build the CLI bundle: ${built.stderr}`);
  const runs: Array<Awaited<ReturnType<typeof measure>>> = [];
  for (let i = 0; i < repeat; i++) for (const shape of shapes) runs.push(await measure(shape, work));
  // Per shape: the run with the median ratio, and the spread of all its runs.
  const rows = shapes.map((shape) => {
    const mine = runs.filter((r) => r.shape === shape.name).sort((a, b) => a.ratio - b.ratio);
    const mid = mine[Math.floor((mine.length - 1) / 2)];
    return { ...mid, runs: mine.length, ratio_spread: [mine[0].ratio, mine.at(-1)!.ratio], cpu_ratio_spread: [Math.min(...mine.map((r) => r.cpu_ratio)), Math.max(...mine.map((r) => r.cpu_ratio))] };
  });
  rmSync(work, { recursive: true, force: true });

  const result = {
    date: new Date().toISOString(),
    // Other work on the machine slows both methods; the ratio is the comparable number.
    machine: { cores: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version },
    method: 'process start to exit: `node bin/peel.mjs ingest FILES --json` against a Node program running DuckDB read_csv into a table',
    shapes: rows,
    runs,
    targets: { ratio: 0.5, max_rss_mb: 2048 },
  };
  const md = [
    `# bench:ingest — ${result.date}`,
    '',
    `Process start to exit (start-up, loading and opening the store included), each method in its own process with a fresh DuckDB file; ${result.machine.cores} cores. Other work on the machine slows both methods alike: the ratio is the comparable number.`,
    '',
    '| shape | files | rows | MB | read_csv s | peel ingest s | peel / read_csv | runs: spread | CPU s (read_csv / peel) | CPU ratio (spread) | peak RSS MB (read_csv / peel) | load average |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map((r) => `| ${r.label} | ${r.data.files} | ${r.data.rows.toLocaleString('en-GB')} | ${r.data.mb} | ${r.read_csv.s.toFixed(2)} | ${r.peel_ingest.s.toFixed(2)} | **${r.ratio}** | ${r.runs}: ${r.ratio_spread.join('–')} | ${r.read_csv.cpu_s} / ${r.peel_ingest.cpu_s} | ${r.cpu_ratio} (${r.cpu_ratio_spread.join('–')}) | ${r.read_csv.max_rss_mb} / ${r.peel_ingest.max_rss_mb} | ${r.load_average.before} → ${r.load_average.after} |`),
    '',
    'Wall seconds and RSS are those of the median run. The CPU ratio is read_csv\'s CPU seconds per row over peel\'s: what peel would reach with every core its own.',
    '',
    'Target: peel / read_csv ≥ 0.5 on both shapes; peak memory ≤ 2,048 MB.',
  ].join('\n');
  console.log(md);
  mkdirSync(join(root, 'bench', 'results'), { recursive: true });
  writeFileSync(join(root, 'bench', 'results', 'ingest.json'), JSON.stringify(result, null, 2) + '\n');
  writeFileSync(join(root, 'bench', 'results', 'ingest.md'), md + '\n');
}

await main();
