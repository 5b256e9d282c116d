/**
 * `npm run bench:api`: the dashboard's first load and the API under 50 concurrent clients.
 *
 * A demo-sized store is built once from real files (Gwent and City of London street data, with
 * quality, boundaries and detection run on it) in bench/results/tmp/. The server is `peel serve`
 * in a child process (`bench/api-server.ts`: `startServer`, with the access plugin as `peel serve`
 * runs it, then without it to show the API's own cost) — and this process
 * is the load generator: 50 keep-alive HTTP clients, each sending its next request as soon as
 * the last one answers, for a fixed time per endpoint. Latency is from request written to the
 * last byte read. "Repeated" sends the same URL (as many dashboards open on the same page do,
 * answered from the server's response cache); "varied" sends a different filter each time, so
 * every request reaches DuckDB.
 *
 * First load: a fresh Chromium context (empty cache), already signed in, navigates to the
 * overview; the time is from navigation start to the first frame painted after the page says its
 * data is drawn (`data-ready`), in the page's own clock (as LCP is timed), median of 5.
 *
 * Targets (from the issue): first load < 1.5 s; p99 < 100 ms on the alert and cube endpoints.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import http from 'node:http';
import { loadavg, cpus } from 'node:os';
import { chromium } from 'playwright-core';
import { openStore } from '../src/store/index.ts';
import { ingest } from '../src/ingest/index.ts';
import { loadGeography } from '../src/geography/index.ts';
import { runQuality } from '../src/quality/index.ts';
import { detectEmergingTrends } from '../src/trends/detect/index.ts';
import { createAccess, createDemoAccount, randomPassword } from '../src/access/index.ts';
import { DEFAULT_CONFIG } from '../src/config/index.ts';
import { ensureWebBuilt } from '../src/api/index.ts';

const ROOT = resolve(import.meta.dirname, '..');
const SHARED = resolve(ROOT, '../shared/data');
const TMP = resolve(ROOT, 'bench/results/tmp/api');
const STORE = join(TMP, 'peel.duckdb');
const PORT = 18_000 + Math.floor(Math.random() * 1000);
const CLIENTS = 50;
const SECONDS = Number(process.argv[2] ?? 8);
const WARM_UP_MS = 1000;
const CHROMIUM = '/usr/bin/chromium';

async function prepareStore(): Promise<{ name: string; password: string }> {
  mkdirSync(TMP, { recursive: true });
  const cfg = { ...DEFAULT_CONFIG, store: STORE };
  const store = await openStore(cfg);
  try {
    if (!(await store.status()).forces.length) {
      process.stderr.write('building the demo-sized store (Gwent + City of London, ~204k rows) ...\n');
      await ingest(store, [join(SHARED, 'police_uk/street/gwent'), join(SHARED, 'police_uk/street/city-of-london')]);
      await loadGeography(store, [join(SHARED, 'geography/Police_Force_Areas.geojson')]).catch((e: Error) => process.stderr.write(`(boundaries not loaded: ${e.message})\n`));
      await runQuality(store);
      await detectEmergingTrends(store, { month: '2022-09' });
    }
    const access = createAccess(store, cfg);
    const actor = { actor: 'bench:api' };
    if (await access.user('bench')) {
      const password = randomPassword();
      await access.setPassword('bench', password, actor);
      return { name: 'bench', password };
    }
    return await createDemoAccount(access, { name: 'bench', role: 'national_analyst' }, actor);
  } finally {
    store.close();
  }
}

function startServerProcess(access: boolean): Promise<ChildProcess> {
  const child = spawn(process.execPath, [join(ROOT, 'bin/run-ts.mjs'), join(ROOT, 'bench/api-server.ts'), STORE, String(PORT), access ? '--access' : '--no-access'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return new Promise((res, rej) => {
    let err = '';
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      if (err.includes('listening http')) res(child);
    });
    child.once('exit', (code) => rej(new Error(`the server exited (${code}): ${err}`)));
  });
}

const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });

function request(path: string, headers: Record<string, string>, method = 'GET', body?: string): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((res, rej) => {
    const req = http.request({ host: '127.0.0.1', port: PORT, path, method, agent, headers }, (r) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => res({ status: r.statusCode ?? 0, body: Buffer.concat(chunks).toString(), headers: r.headers }));
    });
    req.on('error', rej);
    if (body) req.write(body);
    req.end();
  });
}

async function signIn(account: { name: string; password: string }): Promise<string> {
  const r = await request('/api/auth/sign-in', { 'content-type': 'application/json' }, 'POST', JSON.stringify(account));
  if (r.status !== 200) throw new Error(`sign-in failed: ${r.status} ${r.body}`);
  const cookies = ([] as string[]).concat(r.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]);
  return cookies.join('; ');
}

interface LoadResult { name: string; requests: number; errors: number; rps: number; p50: number; p90: number; p99: number; max: number }

async function load(name: string, next: (i: number) => string, cookie: string): Promise<LoadResult> {
  const lat: number[] = [];
  let errors = 0;
  let i = 0;
  // One second of the same traffic first, not counted: the server's JIT and the response cache
  // warm up as they would within seconds of a real server's start.
  const warm = performance.now() + WARM_UP_MS;
  const end = warm + SECONDS * 1000;
  await Promise.all(Array.from({ length: CLIENTS }, async () => {
    while (performance.now() < end) {
      const path = next(i++);
      const t = performance.now();
      // As a browser asks: compressed answers accepted. The latency is to the last byte read.
      const r = await request(path, { cookie, accept: 'application/json', 'accept-encoding': 'gzip, deflate, br' }).catch(() => ({ status: 0 }));
      if (t < warm) continue;
      lat.push(performance.now() - t);
      if (r.status !== 200) errors++;
    }
  }));
  const secs = (performance.now() - warm) / 1000;
  lat.sort((a, b) => a - b);
  const q = (p: number) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))];
  return { name, requests: lat.length, errors, rps: lat.length / secs, p50: q(0.5), p90: q(0.9), p99: q(0.99), max: lat[lat.length - 1] };
}

/** Runs in the page before its own scripts: notes the first frame after `data-ready` appears. */
const MARK_DRAWN = `
  const seen = () => {
    if (window.__peelDrawn !== undefined || !document.querySelector('[data-ready="true"] h1')) return false;
    window.__peelDrawn = -1;
    requestAnimationFrame(() => { window.__peelDrawn = performance.now(); });
    return true;
  };
  const mo = new MutationObserver(() => { if (seen()) mo.disconnect(); });
  document.addEventListener('DOMContentLoaded', () => mo.observe(document.body, { subtree: true, childList: true, attributes: true }));
`;

/** The same loads as Playwright sees them: from goto until its polling finds the drawn overview. */
const observed: number[] = [];

async function firstLoad(account: { name: string; password: string }): Promise<number[] | null> {
  if (!existsSync(CHROMIUM)) return null;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  const times: number[] = [];
  try {
    observed.length = 0;
    for (let run = 0; run < 5; run++) {
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const r = await ctx.request.post(`http://127.0.0.1:${PORT}/api/auth/sign-in`, { data: account });
      if (!r.ok()) throw new Error(`browser sign-in failed: ${r.status()}`);
      const page = await ctx.newPage();
      // The page marks the first frame painted after its data arrived, in its own clock (zero at
      // navigation start, as Largest Contentful Paint is timed); Playwright's own polling is late
      // by however long the map's work after that frame keeps the main thread.
      await page.addInitScript({ content: MARK_DRAWN });
      const t = performance.now();
      await page.goto(`http://127.0.0.1:${PORT}/`);
      // Functions, not strings: a string predicate is evaluated with eval, which the CSP forbids.
      await page.waitForFunction(() => ((globalThis as { __peelDrawn?: number }).__peelDrawn ?? -1) > 0, undefined, { timeout: 30_000 });
      await page.waitForSelector('[data-ready="true"] h1:has-text("National overview")', { timeout: 30_000 });
      observed.push(performance.now() - t);
      times.push(await page.evaluate(() => (globalThis as unknown as { __peelDrawn: number }).__peelDrawn));
      await ctx.close();
    }
  } finally {
    await browser.close();
  }
  return times;
}

const ms = (n: number) => n.toFixed(1);

interface Pass { access: boolean; results: LoadResult[]; firstLoad: number[] | null }

async function pass(access: boolean, account: { name: string; password: string }): Promise<Pass> {
  const server = await startServerProcess(access);
  try {
    const cookie = access ? await signIn(account) : '';
    const alerts = JSON.parse((await request('/api/alerts?limit=200', { cookie })).body) as { items: Array<{ alert_id: string }> };
    const ids = alerts.items.map((a) => a.alert_id);
    if (!ids.length) throw new Error('no alerts in the bench store');
    const months = Array.from({ length: 33 }, (_, k) => `${2020 + Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`);
    const cats = ['burglary', 'robbery', 'drugs', 'shoplifting', 'vehicle-crime', 'violent-crime', 'public-order', 'other-theft'];
    const scenarios: Array<[string, (i: number) => string]> = [
      ['alerts list, repeated', () => '/api/alerts?limit=25'],
      ['alerts list, varied (offset)', (i) => `/api/alerts?limit=5&offset=${i % 40}&status=new`],
      ['alert detail, varied', (i) => `/api/alerts/${ids[i % ids.length]}`],
      ['cube by force, repeated', () => '/api/cube?force=gwent&from=2022-01&to=2022-09'],
      ['cube by force, varied', (i) => `/api/cube?force=${i % 2 ? 'gwent' : 'city-of-london'}&from=${months[i % 24]}&to=${months[(i % 24) + 9]}&category=${cats[i % cats.length]}`],
      ['cube by H3 cell, varied', (i) => `/api/cube?area=h3_r8&force=gwent&from=${months[i % 33]}&to=${months[i % 33]}&limit=2000`],
      ['H3 layer (GeoJSON), repeated', () => '/api/layers/h3?force=gwent&from=2022-09&to=2022-09'],
    ];
    const results: LoadResult[] = [];
    for (const [name, next] of scenarios) {
      process.stderr.write(`load (access ${access ? 'on' : 'off'}): ${name} (${CLIENTS} clients, ${SECONDS} s) ...\n`);
      results.push(await load(name, next, cookie));
    }
    process.stderr.write('first load in Chromium ...\n');
    return { access, results, firstLoad: access ? await firstLoad(account) : null };
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
  }
}

async function main(): Promise<void> {
  const load0 = loadavg()[0];
  const account = await prepareStore();
  if (!(await ensureWebBuilt((m) => process.stderr.write(`${m}\n`)))) throw new Error('the dashboard did not build');
  const passes = [await pass(true, account), await pass(false, account)];
  const fl = passes[0].firstLoad;
  const flMedian = fl ? [...fl].sort((a, b) => a - b)[Math.floor(fl.length / 2)] : null;
  const rows = passes.flatMap((p) => p.results.map((r) => `| ${p.access ? 'on' : 'off'} | ${r.name} | ${r.requests} | ${r.errors} | ${r.rps.toFixed(0)} | ${ms(r.p50)} | ${ms(r.p90)} | ${ms(r.p99)} | ${ms(r.max)} | ${r.p99 < 100 ? 'yes' : 'no'} |`));
  const md = [
    `# bench:api — ${new Date().toISOString()}`,
    '',
    `Server: \`startServer\` in a child process over a store of Gwent + City of London street files, with the access plugin on (as \`peel serve\` runs) and off (the API alone); ${CLIENTS} concurrent keep-alive clients from this process accepting gzip as browsers do, ${SECONDS} s per scenario after 1 s of warm-up, on ${cpus().length} cores shared with other work (1-minute load average ${load0.toFixed(1)} at the start, ${loadavg()[0].toFixed(1)} at the end: numbers above ~2 mean the machine was busy and the latencies include waiting for a core).`,
    '',
    `Dashboard first load (fresh browser context, signed in; from navigation start to the first frame painted after the overview says its data is drawn, in the page clock): ${fl ? `median ${ms(flMedian!)} ms of ${fl.map(ms).join(', ')} ms` : 'not measured (no /usr/bin/chromium)'} — target < 1500 ms: ${flMedian === null ? 'n/a' : flMedian < 1500 ? 'met' : 'NOT met'}.${observed.length ? ` As Playwright sees the same loads (from \`goto\` until its polling finds the drawn overview, which waits for the map's work after that frame): median ${ms([...observed].sort((a, b) => a - b)[Math.floor(observed.length / 2)])} ms of ${observed.map(ms).join(', ')} ms.` : ''}`,
    '',
    '| access | scenario | requests | errors | req/s | p50 ms | p90 ms | p99 ms | max ms | p99 < 100 ms |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...rows,
    '',
  ].join('\n');
  process.stdout.write(`${md}\n`);
  mkdirSync(resolve(ROOT, 'bench/results'), { recursive: true });
  writeFileSync(resolve(ROOT, 'bench/results/api.md'), md);
  writeFileSync(resolve(ROOT, 'bench/results/api.json'), JSON.stringify({
    at: new Date().toISOString(), clients: CLIENTS, seconds_per_scenario: SECONDS, cores: cpus().length, load_average_start: load0, load_average_end: loadavg()[0],
    first_load_ms: fl, first_load_median_ms: flMedian, first_load_playwright_ms: observed, passes,
  }, null, 2) + '\n');
  agent.destroy();
}

await main();
