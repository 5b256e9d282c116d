/**
 * `npm run bench:startup` — how long `peel` takes from process start to exit (issue #21): the
 * median of 5 runs each of `peel --version` and `peel status`, through today's launcher
 * (bin/peel.mjs: --version answered at once, the bundle dist/peel.mjs when fresh) and through the
 * launcher as it was (tsx's loader over the TypeScript sources), and the bundle with every command's
 * module loaded, as it was before commands loaded lazily (src/cli/commands/index.ts). Targets: --version ≤ 0.3 s,
 * status ≤ 1 s. `peel status` reads a store preloaded with six real force-months from ../shared
 * (or `--store FILE`). Saves bench/results/startup.{json,md}.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { tmpdir, cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { openStore } from '../src/store/index.ts';
import { ingest } from '../src/ingest/index.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name: string) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : undefined; };
const RUNS = Number(opt('runs') ?? 5);

const work = mkdtempSync(join(tmpdir(), 'peel-bench-startup-'));
let store = opt('store');
if (!store) {
  store = join(work, 'peel.duckdb');
  const pu = resolve(root, '../shared/data/police_uk');
  if (!existsSync(pu)) throw new Error('../shared/data is absent: name a store with --store FILE');
  const s = await openStore({ store });
  await ingest(s, [join(pu, 'street/gwent/2020-01-gwent-street.csv'), join(pu, 'street/city-of-london/2018-09-city-of-london-street.csv'),
    join(pu, 'street/dorset/2021-02-dorset-street.csv'), join(pu, 'stop_and_search/city-of-london/2018-09-city-of-london-stop-and-search.csv'),
    join(pu, 'outcomes/city-of-london/2023-01-city-of-london-outcomes.csv')]);
  s.close();
}

// The launcher as it was before issue #21: tsx's loader, then every command's module.
const oldLauncher = join(work, 'peel-tsx.mjs');
writeFileSync(oldLauncher, `import { register } from ${JSON.stringify(join(root, 'node_modules/tsx/dist/esm/api/index.mjs'))};\nregister();\nconst { main } = await import(${JSON.stringify(join(root, 'src/cli/index.ts'))});\nawait main(process.argv);\n`);

// The bundle as it was before lazy commands: buildProgram() without argv registers every module.
const eagerLauncher = join(work, 'peel-eager.mjs');
writeFileSync(eagerLauncher, `const { buildProgram } = await import(${JSON.stringify(join(root, 'dist/peel.mjs'))});\nawait (await buildProgram()).parseAsync(process.argv);\n`);

const bundled = spawnSync(process.execPath, [join(root, 'bin/build-cli.mjs')], { encoding: 'utf8' });
if (bundled.status !== 0) throw new Error(`bundle build failed: ${bundled.stderr}`);

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(launcher: string, cmd: string[]): { median_s: number; runs_s: number[] } {
  const runs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    const r = spawnSync(process.execPath, [launcher, ...cmd], { encoding: 'utf8' });
    runs.push((performance.now() - t) / 1000);
    if (r.status !== 0) throw new Error(`${cmd.join(' ')} failed: ${r.stderr}`);
  }
  return { median_s: +median(runs).toFixed(3), runs_s: runs.map((x) => +x.toFixed(3)) };
}

const loadBefore = loadavg()[0];
const bare = time('-e', ['0']);
const rows = {
  'node -e 0 (the floor)': bare,
  'peel --version, tsx (before)': time(oldLauncher, ['--version']),
  'peel --version (now)': time(join(root, 'bin/peel.mjs'), ['--version']),
  'peel status, tsx (before)': time(oldLauncher, ['status', '--store', store]),
  'peel status, bundle, every command loaded (before)': time(eagerLauncher, ['status', '--store', store]),
  'peel status, bundle, its command only (now)': time(join(root, 'bin/peel.mjs'), ['status', '--store', store]),
};
rmSync(work, { recursive: true, force: true });
const result = {
  date: new Date().toISOString(),
  machine: { cores: cpus().length, node: process.version, load_average_before: +loadBefore.toFixed(1), load_average_after: +loadavg()[0].toFixed(1) },
  runs: RUNS,
  targets: { version_s: 0.3, status_s: 1 },
  results: rows,
};
const md = [
  `# bench:startup — ${result.date}`,
  '',
  `Process start to exit, median of ${RUNS} runs; ${result.machine.cores} cores, load average ${result.machine.load_average_before} before and ${result.machine.load_average_after} after (other work on the machine slows every row alike).`,
  '',
  '| command | median (s) | runs (s) |',
  '| --- | ---: | --- |',
  ...Object.entries(rows).map(([k, v]) => `| ${k} | ${v.median_s.toFixed(2)} | ${v.runs_s.map((x) => x.toFixed(2)).join(', ')} |`),
  '',
  'Targets: `peel --version` ≤ 0.3 s, `peel status` ≤ 1 s.',
].join('\n');
console.log(md);
mkdirSync(join(root, 'bench', 'results'), { recursive: true });
writeFileSync(join(root, 'bench', 'results', 'startup.json'), JSON.stringify(result, null, 2) + '\n');
writeFileSync(join(root, 'bench', 'results', 'startup.md'), md + '\n');
