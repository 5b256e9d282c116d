/**
 * `npm run bench:detect` — how well `peel detect` finds injected emerging clusters, how many alerts
 * match nothing, and how long a run takes.
 *
 * Two settings:
 * - synthetic: a `peel synth` set (with `truth.json`), ingested into a fresh store; `detect` runs
 *   for every month from the 13th to the last; a cluster is alerted in a month when an alert (or
 *   a detection grouped into one) has its category, touches its force, and overlaps its LSOAs or
 *   H3 r8 cells (a force-level alert overlaps every place of its force);
 * - real baselines: the long Leicestershire, Gwent and City of London street series in
 *   ../shared/data with clusters injected by this bench (extra rows copied from the chosen LSOAs,
 *   relative risk 2–3 over 3 months), scored the same way.
 *
 * Reported per method and overall: share of clusters with relative risk ≥ 2 alerted in their first
 * month and by their second, median delay, false alerts per force-month (alerts matching no
 * cluster, in any month evaluated), and the wall time of a run (the national one when the set is
 * national). Targets: ≥ 90 % in the first month, ≤ 1 false alert per force-month, a national run
 * (43 forces, 36 months, scale 1.0) under 60 s on 2 cores.
 *
 * Options: `--synth DIR` (an existing synthetic set; default: generate one), `--store FILE`
 * (reuse an ingested store of that set), `--scale S` (0.2), `--forces a,b,c` (8 forces),
 * `--months M` (36), `--eval N` (months evaluated, from the end; default all from the 13th),
 * `--no-real`, `--no-synth`, `--methods list`, `--out NAME` (results file name, default detect).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { cellToChildren, getResolution, latLngToCell } from 'h3-js';
import { synthesize, type SynthTruth } from '../src/synth/index.ts';
import { openStore, type Store, type NewAlert } from '../src/store/index.ts';
import { ingest } from '../src/ingest/index.ts';
import { addMonths, monthRange, monthDiff } from '../src/standard/index.ts';
import { detectEmergingTrends, seededRng, type DetectMethod, DETECT_METHODS } from '../src/trends/index.ts';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const args = process.argv.slice(2);
function opt(name: string, fallback: string): string;
function opt(name: string, fallback: undefined): string | undefined;
function opt(name: string, fallback: string | undefined): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
}
const flag = (name: string) => args.includes(`--${name}`);

interface Cluster {
  readonly id: string;
  readonly force_id: string;
  readonly category: string;
  readonly start_month: string;
  readonly end_month: string;
  readonly areas: readonly string[];
  readonly h3_r8: readonly string[];
  readonly relative_risk: number;
}

/** Method family of a detection, for the per-method table. */
function family(method: string): string {
  return method.replace(/^short-history-nb\//, 'baseline/').replace(/^farrington-flexible\//, 'baseline/');
}

function cellsOf(areaType: string, ids: readonly string[]): string[] {
  if (areaType !== 'h3') return [];
  return ids.flatMap((c) => (getResolution(c) === 7 ? cellToChildren(c, 8) : [c]));
}

/** Does this alert (or one of its members of `method`) point at the cluster in `month`? */
function matches(a: NewAlert, c: Cluster, month: string, method?: string): boolean {
  if (a.category !== c.category || !a.force_ids.includes(c.force_id)) return false;
  if (month < c.start_month || month > addMonths(c.end_month, 1)) return false;
  const areas = new Set(c.areas);
  const cells = new Set(c.h3_r8);
  const places = method ? a.evidence.members.filter((m) => family(m.method) === method) : [{ area_type: a.area_type, area_ids: a.area_ids }, ...a.evidence.members];
  if (method && !places.length) return false;
  if (!method && a.h3_cells.some((x) => cells.has(x))) return true;
  return places.some((m) => m.area_type === 'force' || m.area_ids.some((x) => areas.has(x)) || cellsOf(m.area_type, m.area_ids).some((x) => cells.has(x)));
}

interface Scored {
  readonly setting: string;
  readonly method: string;
  readonly clusters: number;
  readonly firstMonth: number;
  readonly bySecond: number;
  readonly medianDelay: number | null;
  readonly falsePerForceMonth: number;
}

function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** Scores alerts by month against clusters, overall and per method family. */
function score(setting: string, byMonth: Map<string, NewAlert[]>, clusters: readonly Cluster[], forceMonths: number, minRr = 2): Scored[] {
  const evalMonths = [...byMonth.keys()].sort();
  const strong = clusters.filter((c) => c.relative_risk >= minRr && evalMonths.includes(c.start_month));
  const methods = ['overall', ...new Set([...byMonth.values()].flat().flatMap((a) => a.evidence.members.map((m) => family(m.method))))].sort();
  return methods.map((method) => {
    const m = method === 'overall' ? undefined : method;
    const delays: number[] = [];
    let first = 0;
    let second = 0;
    for (const c of strong) {
      let delay: number | null = null;
      for (const month of monthRange(c.start_month, c.end_month)) {
        if (!byMonth.has(month)) continue;
        if (byMonth.get(month)!.some((a) => matches(a, c, month, m))) {
          delay = monthDiff(c.start_month, month);
          break;
        }
      }
      if (delay === 0) first++;
      if (delay !== null && delay <= 1) second++;
      if (delay !== null) delays.push(delay);
    }
    let falseAlerts = 0;
    for (const [month, alerts] of byMonth) {
      for (const a of alerts) {
        if (m && !a.evidence.members.some((x) => family(x.method) === m)) continue;
        if (!clusters.some((c) => matches(a, c, month, m))) falseAlerts++;
      }
    }
    return {
      setting, method, clusters: strong.length,
      firstMonth: strong.length ? first / strong.length : NaN, bySecond: strong.length ? second / strong.length : NaN,
      medianDelay: median(delays), falsePerForceMonth: forceMonths ? falseAlerts / forceMonths : NaN,
    };
  });
}

async function runMonths(store: Store, months: readonly string[], methods: DetectMethod[] | undefined, forces?: string[], onMonth?: (byMonth: Map<string, NewAlert[]>, times: number[], forceMonths: number) => void) {
  const byMonth = new Map<string, NewAlert[]>();
  const times: number[] = [];
  let forceMonths = 0;
  for (const month of months) {
    const t0 = performance.now();
    const run = await detectEmergingTrends(store, { month, methods, forces });
    times.push(performance.now() - t0);
    forceMonths += run.forces.length;
    byMonth.set(month, run.alerts);
    process.stderr.write(`  ${month}: ${run.alerts.length} alerts, ${run.forces.length} forces, ${(times.at(-1)! / 1000).toFixed(1)} s, CPU ${(Object.values(run.cpuMs).reduce((a, v) => a + v, 0) / 1000).toFixed(1)} s\n`);
    onMonth?.(byMonth, times, forceMonths);
  }
  return { byMonth, times, forceMonths };
}

// ---------- synthetic ----------
async function synthetic(methods: DetectMethod[] | undefined): Promise<{ scored: Scored[]; runtime: Record<string, number | string> }> {
  const scale = Number(opt('scale', '0.2'));
  const nMonths = Number(opt('months', '36'));
  const forcesOpt = opt('forces', 'leicestershire,gwent,city-of-london,west-midlands,kent,durham,dyfed-powys,thames-valley');
  const dir = resolve(opt('synth', join(tmpdir(), `peel-bench-detect-${scale}-${nMonths}-${forcesOpt === 'all' ? 'all' : forcesOpt.split(',').length}`)));
  if (!existsSync(join(dir, 'truth.json'))) {
    process.stderr.write(`generating a synthetic set in ${dir}\n`);
    await synthesize({ out: dir, scale, months: nMonths, narratives: 0, forces: forcesOpt === 'all' ? 'all' : (forcesOpt.split(',') as never), overwrite: true });
  }
  const truth = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8')) as SynthTruth;
  const storePath = resolve(opt('store', join(dir, 'bench-detect.duckdb')));
  const store = await openStore({ store: storePath });
  try {
    if (!(await store.latestMonth('street'))) {
      const files = readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('-street.csv')).map((f) => join(dir, f)).sort();
      process.stderr.write(`ingesting ${files.length} street files\n`);
      await ingest(store, files);
    }
    const held = await store.alerts.forceMonths();
    const all = [...new Set([...held.values()].flat())].sort();
    const nEval = Number(opt('eval', String(Math.max(1, all.length - 12))));
    const months = all.slice(-nEval);
    process.stderr.write(`synthetic: detect for ${months.length} months (${months[0]}..${months.at(-1)}) over ${held.size} forces\n`);
    const clusters = truth.emerging_clusters as readonly Cluster[];
    // Partial scores after every month, so a long national evaluation leaves something behind.
    const partial = (bm: Map<string, NewAlert[]>, ts: number[], fm: number) => {
      const rows = score('partial', bm, clusters, fm).map((r) => `| ${r.method} | ${r.clusters} | ${pct(r.firstMonth)} | ${pct(r.bySecond)} | ${r.medianDelay ?? '–'} | ${r.falsePerForceMonth.toFixed(2)} |`);
      writeFileSync(join(root, `bench/results/${opt('out', 'detect')}.partial.md`), `months ${[...bm.keys()].join(', ')}; runs ${ts.map((t) => (t / 1000).toFixed(0)).join(', ')} s\n\n| method | clusters | 1st | by 2nd | delay | false/force-month |\n| --- | --- | --- | --- | --- | --- |\n${rows.join('\n')}\n`);
    };
    const { byMonth, times, forceMonths } = await runMonths(store, months, methods, undefined, partial);
    const scored = [...score(`synthetic (${held.size} forces, scale ${truth.scale ?? scale})`, byMonth, clusters, forceMonths)];
    const cpu = process.cpuUsage();
    return {
      scored,
      runtime: {
        setting: `synthetic ${held.size} forces × ${all.length} months`, runs: times.length,
        median_run_s: Math.round((median(times) ?? 0) / 10) / 100, max_run_s: Math.round(Math.max(...times) / 10) / 100,
        process_cpu_s: Math.round((cpu.user + cpu.system) / 1e4) / 100,
      },
    };
  } finally {
    store.close();
  }
}

// ---------- real baselines with injected clusters ----------
const SHARED = resolve(root, '../shared/data/police_uk/street');

interface Row { lsoa: string; lon: number; lat: number; line: string }

function parseLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let q = false;
  for (const ch of line) {
    if (ch === '"') q = !q;
    else if (ch === ',' && !q) (out.push(cur), (cur = ''));
    else cur += ch;
  }
  out.push(cur);
  return out;
}

async function real(methods: DetectMethod[] | undefined): Promise<{ scored: Scored[]; runtime: Record<string, number | string> } | null> {
  if (!existsSync(SHARED)) {
    process.stderr.write('real baselines skipped: ../shared/data not found\n');
    return null;
  }
  const rng = seededRng(20240601);
  const dir = join(tmpdir(), `peel-bench-detect-real-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const clusters: Cluster[] = [];
  const categories = [['burglary', 'Burglary'], ['vehicle-crime', 'Vehicle crime'], ['violent-crime', 'Violence and sexual offences'], ['anti-social-behaviour', 'Anti-social behaviour'], ['shoplifting', 'Shoplifting'], ['criminal-damage-arson', 'Criminal damage and arson']] as const;
  for (const force of ['leicestershire', 'gwent', 'city-of-london']) {
    const files = readdirSync(join(SHARED, force)).filter((f) => /^\d{4}-\d{2}-/.test(f)).sort();
    const months = files.map((f) => f.slice(0, 7));
    // Longest consecutive run only (the City has a lone 2023-01 file).
    const run = months.filter((m, i) => i === 0 || monthDiff(months[0], m) === i);
    const texts = new Map(run.map((m) => [m, readFileSync(join(SHARED, force, `${m}-${force}-street.csv`), 'utf8')]));
    // Two clusters per force, starting 14+ months in, 3 months long, at least 2 months apart.
    const planned: Array<{ cat: (typeof categories)[number]; start: number; rr: number }> = [];
    for (let k = 0; k < 2; k++) planned.push({ cat: categories[rng.int(categories.length)], start: 14 + k * 8 + rng.int(4), rr: 2 + rng.int(2) });
    const extra = new Map<string, string[]>();
    for (const [k, p] of planned.entries()) {
      if (p.start + 2 >= run.length) continue;
      // Rows of the category in the months before the cluster, by LSOA.
      const byLsoa = new Map<string, Row[]>();
      for (const m of run.slice(0, p.start)) {
        for (const line of texts.get(m)!.split(/\r?\n/).slice(1)) {
          if (!line) continue;
          const f = parseLine(line);
          if (f[9] !== p.cat[1] || !f[7]) continue;
          const r = { lsoa: f[7], lon: Number(f[4]), lat: Number(f[5]), line };
          const l = byLsoa.get(r.lsoa);
          if (l) l.push(r);
          else byLsoa.set(r.lsoa, [r]);
        }
      }
      const ranked = [...byLsoa.entries()].sort((a, b) => b[1].length - a[1].length);
      if (!ranked.length) continue;
      const seed = ranked[rng.int(Math.max(1, Math.ceil(ranked.length * 0.05)))][1][0];
      const byDist = ranked.map(([code, rows]) => ({ code, rows, d: (rows[0].lon - seed.lon) ** 2 + (rows[0].lat - seed.lat) ** 2 })).sort((a, b) => a.d - b.d);
      const chosen: typeof byDist = [];
      let base = 0;
      for (const x of byDist) {
        if (chosen.length >= 8 || (chosen.length >= 2 && base >= 5)) break;
        chosen.push(x);
        base += x.rows.length / p.start;
      }
      const startMonth = run[p.start];
      const endMonth = run[p.start + 2];
      const cells = new Set<string>();
      for (const c of chosen) for (const r of c.rows) if (Number.isFinite(r.lat)) cells.add(latLngToCell(r.lat, r.lon, 8));
      clusters.push({ id: `${force}-${k + 1}`, force_id: force, category: p.cat[0], start_month: startMonth, end_month: endMonth, areas: chosen.map((c) => c.code), h3_r8: [...cells], relative_risk: p.rr });
      for (let t = p.start; t <= p.start + 2; t++) {
        const lines = extra.get(run[t]) ?? [];
        const n = Math.round((p.rr - 1) * base);
        for (let i = 0; i < n; i++) {
          const c = chosen[rng.int(chosen.length)];
          const src = parseLine(c.rows[rng.int(c.rows.length)].line);
          src[0] = p.cat[0] === 'anti-social-behaviour' ? '' : `inj${force}${t}${k}${i}`.padEnd(64, '0');
          src[1] = run[t];
          lines.push(src.map((v) => (v.includes(',') ? `"${v}"` : v)).join(','));
        }
        extra.set(run[t], lines);
      }
    }
    for (const m of run) {
      const path = join(dir, `${m}-${force}-street.csv`);
      if (extra.has(m)) writeFileSync(path, texts.get(m)!.replace(/\r?\n$/, '') + '\r\n' + extra.get(m)!.join('\r\n') + '\r\n');
      else copyFileSync(join(SHARED, force, `${m}-${force}-street.csv`), path);
    }
  }
  const store = await openStore({ store: join(dir, 'peel.duckdb') });
  try {
    await ingest(store, readdirSync(dir).filter((f) => f.endsWith('.csv')).map((f) => join(dir, f)));
    const held = await store.alerts.forceMonths();
    const all = [...new Set([...held.values()].flat())].sort();
    const months = all.filter((m) => m >= '2021-02' && m <= '2022-09');
    process.stderr.write(`real baselines: ${clusters.length} injected clusters, detect for ${months.length} months\n`);
    const { byMonth, times, forceMonths } = await runMonths(store, months, methods);
    return {
      scored: score('real baselines + injected (Leicestershire, Gwent, City)', byMonth, clusters, forceMonths),
      runtime: { setting: 'real 3 forces', runs: times.length, median_run_s: Math.round((median(times) ?? 0) / 10) / 100, max_run_s: Math.round(Math.max(...times) / 10) / 100 },
    };
  } finally {
    store.close();
  }
}

const pct = (x: number) => (Number.isNaN(x) ? '–' : `${(100 * x).toFixed(0)} %`);

async function main() {
  const methodsOpt = opt('methods', undefined);
  const methods = methodsOpt ? (methodsOpt.split(',').filter((m) => (DETECT_METHODS as readonly string[]).includes(m)) as DetectMethod[]) : undefined;
  const results: Scored[] = [];
  const runtimes: Record<string, number | string>[] = [];
  if (!flag('no-synth')) {
    const syn = await synthetic(methods);
    results.push(...syn.scored);
    runtimes.push(syn.runtime);
  }
  if (!flag('no-real')) {
    const r = await real(methods);
    if (r) (results.push(...r.scored), runtimes.push(r.runtime));
  }
  const lines = [
    '| setting | method | clusters (RR ≥ 2) | alerted 1st month | by 2nd month | median delay (months) | false alerts / force-month |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: |',
    ...results.map((r) => `| ${r.setting} | ${r.method} | ${r.clusters} | ${pct(r.firstMonth)} | ${pct(r.bySecond)} | ${r.medianDelay ?? '–'} | ${Number.isNaN(r.falsePerForceMonth) ? '–' : r.falsePerForceMonth.toFixed(2)} |`),
    '',
    '| runtime | runs | median run (s) | slowest run (s) | process CPU (s) |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...runtimes.map((r) => `| ${r.setting} | ${r.runs} | ${r.median_run_s} | ${r.max_run_s} | ${r.process_cpu_s ?? '–'} |`),
    '',
    'Targets: ≥ 90 % of clusters with RR ≥ 2 alerted in their first month; ≤ 1 false alert per force-month; national run under 60 s on 2 cores.',
  ];
  console.log(lines.join('\n'));
  mkdirSync(join(root, 'bench/results'), { recursive: true });
  const name = opt('out', 'detect');
  writeFileSync(join(root, `bench/results/${name}.json`), JSON.stringify({ date: new Date().toISOString(), args, results, runtimes }, null, 2) + '\n');
  writeFileSync(join(root, `bench/results/${name}.md`), `# bench:detect\n\n${new Date().toISOString()} — \`npm run bench:detect -- ${args.join(' ')}\`\n\n${lines.join('\n')}\n`);
}

await main();
