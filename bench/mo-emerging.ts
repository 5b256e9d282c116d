/**
 * `npm run bench:mo-emerging`: the emerging-tactics section of bench:mo (kept in its own file so
 * bench/mo.ts's series section stays as its author wrote it; `emergingSection()` is the function a
 * combined bench:mo calls).
 *
 * A national set of synthetic narratives (all 43 forces, --months months, --count records, seeds
 * --seeds) with the generator's planted emerging tactics (truth narratives.emerging_tactics) is
 * loaded into a real DuckDB store through `peel records ingest`'s loader, and the detector runs on
 * each of the last 12 months as `peel detect` does. Scored:
 *   - tactics found by the month they first reach 5 records nationally (a finding in that month or
 *     earlier holding at least half of that month's tactic records, or any earlier month's), goal ≥ 90 %;
 *   - false tactic alerts per month nationally (findings whose records are mostly no planted
 *     tactic's and no planted crime series'), goal ≤ 1; findings that are a planted series (one
 *     offender's method in a burst: a new method in the words too) are counted apart;
 *   - seconds per monthly run.
 * Writes bench/results/mo-emerging.json and .md.
 */
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore } from '../src/store/index.ts';
import { loadNarratives } from '../src/records/index.ts';
import { generateNarratives, type EmergingTactic } from '../src/synth/narratives/index.ts';
import { findEmergingTactics, type TacticFinding } from '../src/trends/index.ts';
import { addMonths, monthRange, TERRITORIAL_FORCE_IDS, type ForceId } from '../src/standard/index.ts';
import { positiveIntArg } from './args.ts';

const here = dirname(fileURLToPath(import.meta.url));
const log = (s: string) => process.stderr.write(`${s}\n`);

export interface EmergingSection {
  readonly seeds: number[];
  readonly records: number;
  readonly months: number;
  readonly tested: number;
  readonly tactics: number;
  readonly found: number;
  readonly foundShare: number;
  readonly falseAlerts: number;
  readonly falsePerMonth: number;
  readonly secondsPerMonth: number;
  readonly loadSeconds: number;
  readonly misses: string[];
  readonly falseFindings: string[];
  /** Findings that are a planted crime series (truth narratives.series), not a tactic. */
  readonly seriesAlerts: number;
  readonly seriesFindings: string[];
}

export async function emergingSection(o: { seeds: number[]; count: number; months: number }): Promise<EmergingSection> {
  const forces = TERRITORIAL_FORCE_IDS as readonly ForceId[];
  const endMonth = '2024-12';
  let tested = 0, scored = 0, found = 0, falseAlerts = 0, runMs = 0, runs = 0, loadMs = 0;
  const misses: string[] = [], falseFindings: string[] = [], seriesFindings: string[] = [];
  let seriesAlerts = 0;
  for (const seed of o.seeds) {
    const work = mkdtempSync(join(tmpdir(), 'peel-bench-emerging-'));
    try {
      const g = generateNarratives({ seed, forces, endMonth, months: o.months, count: o.count });
      const file = join(work, 'records.ndjson');
      const lines: string[] = [];
      for (const it of g.items) lines.push(JSON.stringify(it.record));
      writeFileSync(file, `${lines.join('\n')}\n`);
      const store = await openStore({ store: join(work, 'peel.duckdb') });
      try {
        let t0 = performance.now();
        await loadNarratives(store, [file], { indexPath: join(work, 'index') });
        loadMs += performance.now() - t0;
        const months = monthRange(addMonths(endMonth, -11), endMonth);
        const byMonth = new Map<string, TacticFinding[]>();
        for (const m of months) {
          t0 = performance.now();
          byMonth.set(m, (await findEmergingTactics(store, { month: m, alpha: 0.05 })).findings);
          runMs += performance.now() - t0;
          runs++;
          log(`seed ${seed} ${m}: ${byMonth.get(m)!.length} tactic(s) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
        }
        tested += months.length;
        const tactics: EmergingTactic[] = g.truth.emerging_tactics;
        const ofTactic = (f: TacticFinding, t: EmergingTactic) => f.records.filter((r) => t.record_ids.includes(r.record_id)).length;
        for (const t of tactics) {
          if (!t.five_records_month || !months.includes(t.five_records_month)) continue;
          scored++;
          const by = months.filter((m) => m <= t.five_records_month!);
          const hit = by.some((m) => (byMonth.get(m) ?? []).some((f) => ofTactic(f, t) >= 0.5 * f.records.length && ofTactic(f, t) >= 2));
          if (hit) found++;
          else misses.push(`seed ${seed}: ${t.tactic_id} (5 records in ${t.five_records_month})`);
        }
        const series = g.truth.series;
        for (const m of months) {
          for (const f of byMonth.get(m) ?? []) {
            if (tactics.some((t) => ofTactic(f, t) >= 0.5 * f.records.length)) continue;
            // A planted crime series (one offender's method, clustered in space and time) is a new
            // method in the words too: found, but counted apart, neither as a tactic nor as false.
            const s = series.find((x) => f.records.filter((r) => x.record_ids.includes(r.record_id)).length >= 0.5 * f.records.length);
            if (s) {
              seriesAlerts++;
              seriesFindings.push(`seed ${seed} ${m}: "${f.key.phrase}" ${f.key.observed} records — planted series ${s.series_id} (${s.description})`);
              continue;
            }
            falseAlerts++;
            falseFindings.push(`seed ${seed} ${m}: "${f.key.phrase}" ${f.key.observed} records against ${f.key.expected.toFixed(2)} expected, q ${f.key.q.toExponential(1)}`);
          }
        }
      } finally {
        store.close();
      }
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }
  return {
    seeds: o.seeds, records: o.count, months: o.months, tested, tactics: scored, found, foundShare: scored ? found / scored : 0,
    falseAlerts, falsePerMonth: tested ? falseAlerts / tested : 0, secondsPerMonth: runs ? runMs / runs / 1000 : 0, loadSeconds: loadMs / 1000 / o.seeds.length,
    misses, falseFindings, seriesAlerts, seriesFindings,
  };
}

export function emergingReport(s: EmergingSection): string {
  const load = loadavg()[0].toFixed(1);
  return [
    '## Emerging tactics',
    '',
    `National synthetic narratives: all 43 forces, ${s.months} months, ${s.records.toLocaleString('en-GB')} records a set, seeds ${s.seeds.join(', ')}; the detector run on each of the last 12 months (${s.tested} national monthly runs).`,
    `Machine: ${availableParallelism()} cores, load average ${load} at the end (shared with other work: timings are noisy).`,
    '',
    '| measure | result | goal |',
    '| --- | --- | --- |',
    `| planted tactics found by the month they first reach 5 records | ${s.found} of ${s.tactics} (${(100 * s.foundShare).toFixed(0)} %) | ≥ 90 % |`,
    `| false tactic alerts per month, nationally | ${s.falsePerMonth.toFixed(2)} (${s.falseAlerts} in ${s.tested} months) | ≤ 1 |`,
    `| findings that are a planted crime series (not tactics, not false) | ${s.seriesAlerts} | — |`,
    `| seconds per national monthly run (13 months of narratives read) | ${s.secondsPerMonth.toFixed(1)} | — |`,
    `| seconds to load a set (records ingest, entities) | ${s.loadSeconds.toFixed(0)} | — |`,
    '',
    s.misses.length ? `Missed: ${s.misses.join('; ')}.` : 'Missed: none.',
    '',
    s.falseFindings.length ? `False alerts (records mostly in no planted tactic or series):\n\n${s.falseFindings.map((x) => `- ${x}`).join('\n')}` : 'False alerts: none.',
    '',
    s.seriesFindings.length ? `Planted crime series found as new methods:\n\n${s.seriesFindings.map((x) => `- ${x}`).join('\n')}` : '',
    '',
  ].join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const seeds = Array.from({ length: positiveIntArg('seeds', 2) }, (_, i) => 101 + i);
  const s = await emergingSection({ seeds, count: positiveIntArg('count', 30_000), months: positiveIntArg('months', 24) });
  const md = `# bench:mo — emerging tactics\n\n${emergingReport(s)}`;
  console.log(md);
  const out = resolve(here, 'results');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'mo-emerging.md'), md);
  writeFileSync(join(out, 'mo-emerging.json'), `${JSON.stringify({ ...s, loadavg: loadavg()[0], cores: availableParallelism(), at: new Date().toISOString() }, null, 2)}\n`);
}
