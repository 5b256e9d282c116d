/**
 * `npm run bench:admin` — commands alongside the server (#16 item 3): what the admin channel costs
 * and whether a load through it holds up the API. Two stores get the same files: one that no
 * server holds (commands run alone) and one held by `peel serve` (commands run through its admin
 * channel). Measured, process start to exit, through the bundled CLI: `peel status` and
 * `peel users list` (median of `--runs`, interleaved) and `peel ingest` of `--files` new monthly files
 * of `--rows` rows each. While the channel load runs, `GET /api/batches` (a store read, not cached)
 * and `GET /api/categories` (no store: the event loop alone) are asked in a loop with an API token;
 * their latency is compared with the same loop on the idle server. Saves bench/results/admin.{json,md}.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeStreetSet } from '../test/helpers/police-uk.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PEEL = join(root, 'bin/peel.mjs');
const args = process.argv.slice(2);
const opt = (name: string, fallback: number) => { const i = args.indexOf(`--${name}`); return i >= 0 ? Number(args[i + 1]) : fallback; };
const RUNS = opt('runs', 5);
const FILES = opt('files', 6);
const ROWS = opt('rows', 50_000);

const work = mkdtempSync(join(tmpdir(), 'peel-bench-admin-'));
const alone = join(work, 'alone', 'peel.duckdb');
const held = join(work, 'held', 'peel.duckdb');

function peel(cmd: string[], input = ''): { s: number; stdout: string } {
  const t = performance.now();
  const r = spawnSync(process.execPath, [PEEL, ...cmd], { encoding: 'utf8', input });
  if (r.status !== 0) throw new Error(`peel ${cmd.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { s: (performance.now() - t) / 1000, stdout: r.stdout };
}

function peelAsync(cmd: string[]): Promise<number> {
  return new Promise((res, rej) => {
    const t = performance.now();
    const c = spawn(process.execPath, [PEEL, ...cmd], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    c.stderr.on('data', (d: Buffer) => (err += d.toString()));
    c.on('exit', (code) => (code === 0 ? res((performance.now() - t) / 1000) : rej(new Error(`peel ${cmd.join(' ')} exited ${code}: ${err}`))));
  });
}

const median = (xs: number[]) => { const s = xs.slice().sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const quantile = (xs: number[], q: number) => { const s = xs.slice().sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(q * s.length))]; };

const bundled = spawnSync(process.execPath, [join(root, 'bin/build-cli.mjs')], { encoding: 'utf8' });
if (bundled.status !== 0) throw new Error(`bundle build failed: ${bundled.stderr}`);

// The same history in both stores, before the server starts.
mkdirSync(join(work, 'old'));
mkdirSync(join(work, 'new'));
const old = writeStreetSet(join(work, 'old'), 6, 20_000);
const fresh = writeStreetSet(join(work, 'new'), 6 + FILES, ROWS).slice(6);
for (const s of [alone, held]) peel(['ingest', ...old, '--store', s]);

const server = spawn(process.execPath, [PEEL, 'serve', '--port', '0', '--no-build', '--store', held], { env: { ...process.env, PEEL_LOG_LEVEL: 'silent' } });
const url = await new Promise<string>((res, rej) => {
  let log = '';
  server.stderr.on('data', (d: Buffer) => {
    log += d.toString();
    const u = /dashboard (http:\/\/\S+\/)/.exec(log)?.[1];
    if (u && log.includes('admin channel ')) res(u);
  });
  server.on('exit', (c) => rej(new Error(`peel serve exited ${c}: ${log}`)));
});

try {
  const loadBefore = loadavg()[0];
  const startup: Record<string, { alone: number[]; channel: number[] }> = { 'peel status': { alone: [], channel: [] }, 'peel users list': { alone: [], channel: [] } };
  for (let i = 0; i < RUNS; i++) {
    for (const [name, cmd] of [['peel status', ['status']], ['peel users list', ['users', 'list']]] as const) {
      startup[name].alone.push(peel([...cmd, '--store', alone]).s);
      startup[name].channel.push(peel([...cmd, '--store', held]).s);
    }
  }

  const token = (JSON.parse(peel(['tokens', 'add', 'bench', '--permission', 'batches:read', '--all-forces', '--json', '--store', held]).stdout) as { token: string }).token;
  const get = async (path: string) => {
    const t = performance.now();
    const r = await fetch(`${url}api/${path}`, { headers: { authorization: `Bearer ${token}` } });
    await r.arrayBuffer();
    if (r.status !== 200) throw new Error(`GET /api/${path}: ${r.status}`);
    return performance.now() - t;
  };
  // A store read, and a route that reads no store (its latency is the event loop's alone).
  const ROUTES = { batches: 'batches?limit=20', categories: 'categories' } as const;
  const idle = { batches: [] as number[], categories: [] as number[] };
  for (let i = 0; i < 100; i++) for (const k of ['batches', 'categories'] as const) idle[k].push(await get(ROUTES[k]));

  const ingestAlone = await peelAsync(['ingest', ...fresh, '--store', alone]);
  let loading = true;
  const during = { batches: [] as number[], categories: [] as number[] };
  const channelLoad = peelAsync(['ingest', ...fresh, '--store', held]).finally(() => (loading = false));
  while (loading) {
    for (const k of ['batches', 'categories'] as const) {
      const ms = await get(ROUTES[k]);
      if (loading) during[k].push(ms);
    }
  }
  const ingestChannel = await channelLoad;

  const ms = (x: number) => +x.toFixed(1);
  const result = {
    date: new Date().toISOString(),
    machine: { cores: cpus().length, node: process.version, load_average_before: +loadBefore.toFixed(1), load_average_after: +loadavg()[0].toFixed(1) },
    runs: RUNS,
    startup_s: Object.fromEntries(Object.entries(startup).map(([k, v]) => [k, { alone: +median(v.alone).toFixed(3), channel: +median(v.channel).toFixed(3), alone_runs: v.alone.map((x) => +x.toFixed(3)), channel_runs: v.channel.map((x) => +x.toFixed(3)) }])),
    ingest: { files: FILES, rows_per_file: ROWS, alone_s: +ingestAlone.toFixed(2), channel_s: +ingestChannel.toFixed(2), ratio: +(ingestChannel / ingestAlone).toFixed(2) },
    api_ms: Object.fromEntries((['batches', 'categories'] as const).flatMap((k) => [idle, during].map((xs, i) => [
      `GET /api/${ROUTES[k]}, ${i ? 'during the channel ingest' : 'idle'}`,
      { n: xs[k].length, p50: ms(quantile(xs[k], 0.5)), p99: ms(quantile(xs[k], 0.99)), max: ms(Math.max(...xs[k])) },
    ]))),
  };
  const md = [
    `# bench:admin — ${result.date}`,
    '',
    `Commands alongside \`peel serve\`: the same command on a store no server holds (alone) and on one held by \`peel serve\` (through its admin channel). ` +
      `Process start to exit through the bundled CLI; ${result.machine.cores} cores, load average ${result.machine.load_average_before} before and ${result.machine.load_average_after} after (other work on the machine slows every row alike: compare the columns, not the seconds).`,
    '',
    '| command | alone, median (s) | through the channel, median (s) | runs alone / channel (s) |',
    '| --- | ---: | ---: | --- |',
    ...Object.entries(result.startup_s).map(([k, v]) => `| ${k} | ${v.alone.toFixed(2)} | ${v.channel.toFixed(2)} | ${v.alone_runs.join(', ')} / ${v.channel_runs.join(', ')} |`),
    `| peel ingest (${FILES} files × ${ROWS.toLocaleString('en-GB')} rows) | ${result.ingest.alone_s.toFixed(2)} | ${result.ingest.channel_s.toFixed(2)} | channel / alone ${result.ingest.ratio} |`,
    '',
    'API requests one after another with an API token: `/api/batches` is a store read (not cached); `/api/categories` reads no store, so its latency is the event loop\'s:',
    '',
    '| request, server | requests | p50 (ms) | p99 (ms) | max (ms) |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...Object.entries(result.api_ms).map(([k, v]) => `| ${k} | ${v.n} | ${v.p50} | ${v.p99} | ${v.max} |`),
  ].join('\n');
  console.log(md);
  mkdirSync(join(root, 'bench', 'results'), { recursive: true });
  writeFileSync(join(root, 'bench', 'results', 'admin.json'), JSON.stringify(result, null, 2) + '\n');
  writeFileSync(join(root, 'bench', 'results', 'admin.md'), md + '\n');
} finally {
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  rmSync(work, { recursive: true, force: true });
}
