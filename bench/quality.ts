/**
 * Benchmark: time for a full national quality run on one national year (all 43 forces, 12 months
 * ending 2024-12, scale 1.0: about 6.3 million street rows, with outcomes and stop and search),
 * geography loaded. Target: under 10 s on 2 cores. Also times an incremental run after one
 * force-month is reloaded (what `peel ingest` pays after a monthly load).
 *
 *   npm run bench:quality                         # the target run (generates and loads the set first)
 *   npm run bench:quality -- --scale 0.1          # a quick run while developing
 *   npm run bench:quality -- --store FILE.duckdb  # time a store that already holds a national year (copied, not changed)
 *
 * Writes bench/results/quality.json and .md. Generation and loading are not timed; the temporary
 * set and store are removed afterwards.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { synthesize } from '../src/synth/index.ts';
import { openStore } from '../src/store/index.ts';
import { ingest } from '../src/ingest/index.ts';
import { loadGeography } from '../src/geography/index.ts';
import { runQuality } from '../src/quality/index.ts';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? undefined : process.argv[i + 1];
}

const scale = Number(arg('scale') ?? 1);
if (!Number.isFinite(scale) || scale <= 0) throw new Error(`--scale must be a positive number, got "${arg('scale')}"`);
const given = arg('store');
const TARGET_SECONDS = 10;

const work = mkdtempSync(join(tmpdir(), 'peel-bench-quality-'));
const storePath = join(work, 'peel.duckdb');
let setDir: string | null = null;
const log = (s: string) => process.stderr.write(`${s}\n`);
try {
  if (given) {
    if (!existsSync(given)) throw new Error(`--store ${given}: no such file`);
    copyFileSync(given, storePath);
    if (existsSync(`${given}.wal`)) copyFileSync(`${given}.wal`, `${storePath}.wal`);
  } else {
    setDir = join(work, 'set');
    log(`generating a national year at scale ${scale}...`);
    await synthesize({ out: setDir, seed: 1, endMonth: '2024-12', months: 12, forces: 'all', scale, narratives: 0 });
  }
  const store = await openStore({ store: storePath });
  try {
    if (setDir) {
      log('loading it (not timed)...');
      const months = readdirSync(setDir).filter((d) => /^\d{4}-\d{2}$/.test(d)).map((d) => join(setDir!, d));
      await ingest(store, months);
      await loadGeography(store, [join(setDir, 'geography')]);
    }
    const held = await store.coverage();
    const streetRows = held.filter((c) => c.kind === 'street').reduce((a, c) => a + c.rows, 0);
    const allRows = held.reduce((a, c) => a + c.rows, 0);
    log('timing the full run...');
    const load0 = loadavg()[0]!;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const full = await runQuality(store, { full: true });
    const fullSeconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const load1 = loadavg()[0]!;

    // Incremental: one force-month reloaded with different bytes (a revised file).
    let incrementalSeconds: number | null = null;
    let incrementalForceMonths: number | null = null;
    if (setDir) {
      const month = readdirSync(setDir).filter((d) => /^\d{4}-\d{2}$/.test(d)).sort().at(-1)!;
      const file = readdirSync(join(setDir, month)).find((f) => f.endsWith('-kent-street.csv'));
      if (file) {
        const path = join(setDir, month, file);
        const text = readFileSync(path, 'utf8');
        const eol = text.includes('\r\n') ? '\r\n' : '\n';
        const extra = text.split(/\r?\n/)[1]!.replace(/^[^,]*/, 'bench-extra');
        writeFileSync(path, (text.endsWith('\n') ? text : text + eol) + extra + eol);
        await ingest(store, [path]);
        const t1 = performance.now();
        const inc = await runQuality(store);
        incrementalSeconds = (performance.now() - t1) / 1000;
        incrementalForceMonths = inc.force_months;
      }
    }

    const result = {
      benchmark: 'quality',
      scenario: given ? `store ${resolve(given)}` : `all 43 forces, 12 months ending 2024-12, scale ${scale}, geography loaded`,
      machine: { cpus: availableParallelism(), cpu: cpus()[0]?.model ?? 'unknown', node: process.version },
      force_months: full.force_months,
      street_rows: streetRows,
      all_rows: allRows,
      findings: full.findings,
      full_run_seconds: Math.round(fullSeconds * 100) / 100,
      full_run_cpu_seconds: Math.round(((cpu.user + cpu.system) / 1e6) * 100) / 100,
      rows_per_second: Math.round(allRows / fullSeconds),
      incremental_force_months: incrementalForceMonths,
      incremental_run_seconds: incrementalSeconds === null ? null : Math.round(incrementalSeconds * 100) / 100,
      load_average_1m: { before: Math.round(load0 * 10) / 10, after: Math.round(load1 * 10) / 10 },
      target_seconds: TARGET_SECONDS,
      meets_target: fullSeconds < TARGET_SECONDS,
      note: load0 > availableParallelism() ? `machine was busy (1-minute load ${load0.toFixed(1)} on ${availableParallelism()} cores): times are inflated` : null,
      date: new Date().toISOString(),
    };

    const rows: Array<[string, string]> = [
      ['scenario', result.scenario],
      ['force-months', String(result.force_months)],
      ['rows (street / all)', `${streetRows.toLocaleString('en-GB')} / ${allRows.toLocaleString('en-GB')}`],
      ['findings', String(result.findings)],
      ['full national run', `${result.full_run_seconds} s (target < ${TARGET_SECONDS} s: ${result.meets_target ? 'met' : 'NOT met'})`],
      ['CPU time of the process (all threads)', `${result.full_run_cpu_seconds} s`],
      ['rows per second', result.rows_per_second.toLocaleString('en-GB')],
      ['incremental run (one force-month reloaded)', incrementalSeconds === null ? 'not measured' : `${result.incremental_run_seconds} s for ${incrementalForceMonths} force-month(s)`],
      ['1-minute load before / after', `${result.load_average_1m.before} / ${result.load_average_1m.after} on ${result.machine.cpus} cores`],
    ];
    const w = Math.max(...rows.map((r) => r[0].length));
    console.log(rows.map(([k, v]) => `${k.padEnd(w)}  ${v}`).join('\n'));
    const dir = join(dirname(fileURLToPath(import.meta.url)), 'results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'quality.json'), JSON.stringify(result, null, 2) + '\n');
    writeFileSync(join(dir, 'quality.md'), `# bench:quality\n\n| measure | value |\n|---|---|\n${rows.map(([k, v]) => `| ${k} | ${v} |`).join('\n')}\n\n${result.note ?? ''}\n`);
  } finally {
    store.close();
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
