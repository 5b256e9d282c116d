/**
 * `npm run bench:store` — the national synthetic year loaded into each backend side by side:
 * `peel ingest` of the same street files into a fresh DuckDB file and into a fresh database of a
 * throwaway PostgreSQL 15 cluster (initdb in a temporary folder, fsync on as a server would run),
 * each in its own process, timed from process start to exit. Prints seconds, rows/s and the ratio
 * PostgreSQL / DuckDB (issue #16's goal: ≥ 0.5), checks both hold the same status, and saves
 * bench/results/store.json and .md.
 *
 * Options: `--scale S` (0.1) and `--months M` (12) of the national year, `--keep DIR` to reuse a
 * generated set. The API mix with 50 clients (issue #16 item 6) is not measured yet.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { cpus, loadavg, tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { synthesize } from '../src/synth/index.ts';
import { startPostgres } from '../test/helpers/postgres.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const scale = Number(opt('scale', '0.1'));
const months = Number(opt('months', '12'));
if (!(scale > 0) || !Number.isInteger(months) || months <= 0) throw new Error(`--scale must be > 0 and --months a positive integer (got ${scale}, ${months})`);
const dataDir = resolve(opt('keep', join(tmpdir(), `peel-bench-store-${scale}-${months}`)));

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

function peel(argv: string[]): { ms: number; stdout: string } {
  const t = performance.now();
  const r = spawnSync(process.execPath, [join(root, 'bin', 'peel.mjs'), ...argv], { encoding: 'utf8', maxBuffer: 1 << 28, cwd: root });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`peel ${argv.slice(0, 2).join(' ')} failed: ${r.stderr.slice(-2000)}`);
  return { ms, stdout: r.stdout };
}

async function main() {
  if (!existsSync(join(dataDir, 'truth.json'))) {
    mkdirSync(dataDir, { recursive: true });
    console.error(`generating the national year (scale ${scale}, ${months} months) into ${dataDir} ...`);
    await synthesize({ out: dataDir, months, scale, narratives: 0, forces: 'all', overwrite: true });
  }
  const files = streetFiles(dataDir);
  const mb = Math.round(files.reduce((a, f) => a + statSync(f).size, 0) / 1e6);
  const listed = join(tmpdir(), `peel-bench-store-${process.pid}.txt`);
  const work = join(tmpdir(), `peel-bench-store-work-${process.pid}`);
  mkdirSync(work, { recursive: true });
  const cluster = await startPostgres({ durable: true });
  try {
    const url = await cluster.createDatabase('peel_bench');
    const stores = { duckdb: join(work, 'peel.duckdb'), postgres: url };
    const results: Record<string, { s: number; rows: number; rows_per_s: number; load_before: number }> = {};
    const statuses: Record<string, string> = {};
    for (const [backend, store] of Object.entries(stores)) {
      const load = loadavg()[0];
      const run = peel(['ingest', ...files, '--store', store, '--json']);
      const rows = (JSON.parse(run.stdout) as { batches: Array<{ rows_read: number }> }).batches.reduce((a, b) => a + b.rows_read, 0);
      results[backend] = { s: +(run.ms / 1000).toFixed(2), rows, rows_per_s: Math.round(rows / (run.ms / 1000)), load_before: +load.toFixed(1) };
      statuses[backend] = peel(['status', '--json', '--store', store]).stdout;
    }
    const ratio = +(results.postgres.rows_per_s / results.duckdb.rows_per_s).toFixed(3);
    const same = statuses.duckdb === statuses.postgres;
    const out = {
      when: new Date().toISOString(), cpus: cpus().length, data: { files: files.length, mb, scale, months },
      duckdb: results.duckdb, postgres: results.postgres, ratio_pg_duckdb: ratio, goal: 0.5, same_status: same,
      note: 'PostgreSQL 15 throwaway cluster on the same machine (durable: fsync on, otherwise default settings); the API mix with 50 clients is not measured yet',
    };
    const table = [
      `| backend | files | MB | rows | seconds | rows/s | load avg before |`,
      `| --- | ---: | ---: | ---: | ---: | ---: | ---: |`,
      ...(['duckdb', 'postgres'] as const).map((b) => `| ${b} | ${files.length} | ${mb} | ${results[b].rows} | ${results[b].s} | ${results[b].rows_per_s} | ${results[b].load_before} |`),
      '',
      `PostgreSQL / DuckDB throughput: **${ratio}** (goal ≥ 0.5); same \`peel status --json\`: ${same ? 'yes' : 'NO'}.`,
    ].join('\n');
    console.log(table);
    mkdirSync(join(root, 'bench', 'results'), { recursive: true });
    writeFileSync(join(root, 'bench', 'results', 'store.json'), JSON.stringify(out, null, 2) + '\n');
    writeFileSync(join(root, 'bench', 'results', 'store.md'), `# bench:store — ${out.when}\n\nNational synthetic year, scale ${scale}, ${months} months, street files; ${cpus().length} CPUs.\n\n${table}\n\n${out.note}.\n`);
    if (!same) process.exitCode = 1;
  } finally {
    await cluster.stop();
    rmSync(work, { recursive: true, force: true });
    rmSync(listed, { force: true });
  }
}

await main();
