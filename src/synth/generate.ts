/**
 * The synthetic data generator: data.police.uk-format street, outcomes and stop-and-search files
 * per force and month (the archive layout), the synthetic geography lookups and `truth.json`.
 * Seeded and deterministic: the same options give byte-identical files. Memory stays bounded: one
 * force-month is built at a time, plus the pending outcome events of the force's later months.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FORCES, FORCE_NEIGHBOURS, addMonths, getForce, monthRange, type ForceId } from '../standard/index.ts';
import { FORCE_CRIME_2024, QUIRKS, SYNTH_CATEGORIES, type SynthCategory } from './calibration.ts';
import { buildForceGeography, lsoaWeight, pointInLsoa, type ForceGeography } from './places.ts';
import { createRng, pickCumulative } from './random.ts';
import { planTacticTrial } from './tactic-trial.ts';
import { planInjections, type EmergingCluster, type SynthTruth } from './truth.ts';
import { writeGeography } from './geography-files.ts';
import { openSink } from './sink.ts';
import { resolveSynthOptions, type SynthOptions, type SynthProgress, type SynthSummary } from './options.ts';
import { prepareOut } from './out-dir.ts';
import { annualVolumes, applyShifts, areaMean, backgroundMeans, daysIn } from './volumes.ts';
import { OUTCOME_NAME, ev, forceOutcomeStyle, outcomeEvents } from './outcomes.ts';
import { NO_LOCATION, NO_LOCATION_OUTCOMES, OUTCOMES_HEADER, STREET_HEADER, outcomeTail, rowTail } from './rows.ts';
import { STOP_SEARCH_HEADER, stopSearchMonthly, stopSearchRows } from './stop-search.ts';
import { clusterRecord, round4, shiftRecord } from './truth-records.ts';
import { writeNarratives } from './narrative-files.ts';

export { resolveSynthOptions, SYNTH_DEFAULTS, type SynthOptions, type SynthProgress, type SynthSummary, type ResolvedSynthOptions } from './options.ts';
export { annualVolumes } from './volumes.ts';

/**
 * Writes a synthetic set and returns what was written. `onProgress` is called after each
 * force-month (and once per phase); the promise yields between force-months so a progress bar can
 * draw.
 */
export async function synthesize(opts: SynthOptions, onProgress?: (p: SynthProgress) => void): Promise<SynthSummary> {
  const o = resolveSynthOptions(opts);
  prepareOut(o);
  const endMonth = o.endMonth;
  const startMonth = addMonths(endMonth, -(o.months - 1));
  const months = monthRange(startMonth, endMonth);
  const T = months.length;

  const geoCache = new Map<ForceId, ForceGeography>();
  const geo = (f: ForceId): ForceGeography => {
    let g = geoCache.get(f);
    if (!g) geoCache.set(f, (g = buildForceGeography(o.seed, f)));
    return g;
  };
  onProgress?.({ phase: 'geography', done: 0, total: o.forces.length * T, rows: 0 });
  const plan = planInjections(createRng(o.seed, 'plan'), o.forces, T, geo, (f, c) => (annualVolumes(f)[c] / 12) * o.scale);
  const planted = planTacticTrial(o.seed, o.forces, months, new Set([...plan.missing.keys(), ...plan.clusters.map((c) => c.force)]), geo);

  const counts = { street_rows: 0, asb_rows: 0, no_location_rows: 0, duplicate_id_rows: 0, cross_border_rows: 0, outcome_rows: 0, stop_search_rows: 0, narrative_records: 0, files: 0 };
  let bytes = 0;
  const write = (path: string, text: string): void => {
    writeFileSync(path, text);
    bytes += Buffer.byteLength(text);
    counts.files++;
  };
  for (const m of months) mkdirSync(join(o.out, m), { recursive: true });

  const clusterTruth: EmergingCluster[] = [];
  let done = 0;
  for (const force of o.forces) {
    const g = geo(force);
    const rng = createRng(o.seed, `records:${force}`);
    const style = forceOutcomeStyle(o.seed, force);
    const means = backgroundMeans(createRng(o.seed, `trend:${force}`), force, months, o.scale);
    applyShifts(means, plan, force);
    const missing = plan.missing.get(force);
    const clusters = plan.clusters.filter((c) => c.force === force);
    for (const c of clusters) clusterTruth.push(clusterRecord(c, g, means, months));
    const neighbours = FORCE_NEIGHBOURS[force].filter((n) => FORCE_CRIME_2024[n]);
    const crossRate = QUIRKS.crossBorder[force] ?? QUIRKS.crossBorder.default;
    const fname = getForce(force)!.name;
    const pending: Array<{ ids: string[]; cols: string[]; outcomes: string[] }> = months.map(() => ({ ids: [], cols: [], outcomes: [] }));
    let recentBurglary: number[] = [];
    const noLocationRate = SYNTH_CATEGORIES.map((c) => (QUIRKS.noLocation as Readonly<Record<string, number>>)[c] ?? QUIRKS.noLocation.default);
    const ssMean = stopSearchMonthly(force) * o.scale;

    for (let t = 0; t < T; t++) {
      const month = months[t]!;
      const skip = missing?.has(t) ?? false;
      // Counts per category: Poisson around the mean with 3 % extra-Poisson month noise.
      const n: number[] = SYNTH_CATEGORIES.map((c) => rng.poisson(means[c][t]! * Math.exp(0.03 * rng.normal())));
      const extra: Array<{ c: SynthCategory; lsoas: readonly number[]; n: number }> = [];
      for (const cl of clusters) {
        if (t < cl.startT || t > cl.endT) continue;
        extra.push({ c: cl.category, lsoas: cl.lsoas, n: rng.poisson((cl.rr - 1) * areaMean(g, cl.category, cl.lsoas, means[cl.category][t]!)) });
      }
      if (skip) {
        done++;
        continue;
      }
      const prefix = `,${month},${fname},${fname},`;
      // Row order: categories interleaved at random, as in the published files.
      const total = n.reduce((s, x) => s + x, 0);
      const seq = new Uint8Array(total);
      for (let k = 0, i = 0; k < n.length; k++) for (let j = 0; j < n[k]!; j++) seq[i++] = k;
      for (let i = total - 1; i > 0; i--) {
        const j = rng.int(i + 1);
        const x = seq[i]!; seq[i] = seq[j]!; seq[j] = x;
      }
      const street = openSink(join(o.out, month, `${month}-${force}-street.csv`));
      street.s(STREET_HEADER);
      const thisBurglary: number[] = [];
      const row = (id: string, cols: string, c: SynthCategory, last: string): void => {
        if (id) street.s(id);
        street.s(prefix);
        street.s(cols);
        street.s(rowTail(c, last));
        counts.street_rows++;
      };

      const emit = (c: SynthCategory, cols: string, outCols: string, p: number): void => {
        if (c === 'anti-social-behaviour') {
          row('', cols, c, '');
          counts.asb_rows++;
          return;
        }
        const id = street.hex64(rng);
        const last = outcomeEvents(rng, c, t, T, style);
        for (let e = 0; e < ev.n; e++) {
          const k = e === 0 ? ev.k0 : ev.k1;
          if (missing?.has(k)) continue;
          const pk = pending[k]!;
          pk.ids.push(id); pk.cols.push(outCols); pk.outcomes.push(e === 0 ? ev.name0 : ev.name1);
        }
        row('', cols, c, last);
        if (rng.next() < QUIRKS.duplicateId) {
          // A second copy of the same Crime ID, placed elsewhere and sometimes with another outcome.
          const u = rng.next();
          let dupCols: string;
          if (u < 0.2 && cols !== NO_LOCATION) dupCols = NO_LOCATION;
          else if (u < 0.9 && p >= 0) {
            const l = g.lsoas[g.pointLsoa[p]!]!;
            let q = pointInLsoa(rng, g, g.pointLsoa[p]!);
            if (q === p) q = l.pointStart + ((p - l.pointStart + 1) % l.pointCount);
            dupCols = g.pointStreetCols[q]!;
          } else dupCols = g.pointStreetCols[pointInLsoa(rng, g, rng.int(g.lsoas.length))]!;
          row(id, dupCols, c, rng.next() < 0.4 ? OUTCOME_NAME['status-update-unavailable'] : last);
          counts.duplicate_id_rows++;
        }
      };

      for (let i = 0; i < total; i++) {
        const c = SYNTH_CATEGORIES[seq[i]!]!;
        const u = rng.next();
        if (u < noLocationRate[seq[i]!]!) {
          counts.no_location_rows++;
          emit(c, NO_LOCATION, NO_LOCATION_OUTCOMES, -1);
          continue;
        }
        if (u < noLocationRate[seq[i]!]! + crossRate && neighbours.length) {
          const ng = geo(neighbours[rng.int(neighbours.length)]!);
          const p = pointInLsoa(rng, ng, pickCumulative(ng.weights[c], rng.next()));
          counts.cross_border_rows++;
          emit(c, ng.pointStreetCols[p]!, ng.pointStreetCols[p]!, -1);
          continue;
        }
        let p: number;
        if (c === 'burglary' && recentBurglary.length && rng.next() < 0.1) {
          // Near repeat: a burglary at or next to one of last month's, in the same LSOA.
          const p0 = recentBurglary[rng.int(recentBurglary.length)]!;
          const l = g.lsoas[g.pointLsoa[p0]!]!;
          p = Math.min(l.pointStart + l.pointCount - 1, Math.max(l.pointStart, p0 + rng.int(3) - 1));
        } else {
          p = pointInLsoa(rng, g, pickCumulative(g.weights[c], rng.next()));
        }
        if (planted?.drops(force, c, t, g.pointLsoa[p]!)) continue;
        if (c === 'burglary') thisBurglary.push(p);
        emit(c, g.pointStreetCols[p]!, g.pointStreetCols[p]!, p);
      }
      for (const e of extra) {
        const cum = new Float64Array(e.lsoas.length);
        e.lsoas.reduce((s, i, k) => (cum[k] = s + lsoaWeight(g, e.c, i)), 0);
        for (let j = 0; j < e.n; j++) {
          const li = e.lsoas[pickCumulative(cum, rng.next())]!;
          const p = pointInLsoa(rng, g, li);
          emit(e.c, g.pointStreetCols[p]!, g.pointStreetCols[p]!, p);
        }
      }
      recentBurglary = thisBurglary;
      bytes += street.close();
      counts.files++;

      const outcomes = openSink(join(o.out, month, `${month}-${force}-outcomes.csv`));
      outcomes.s(OUTCOMES_HEADER);
      const pt = pending[t]!;
      const oprefix = `,${month},${fname},${fname},`;
      for (let k = 0; k < pt.ids.length; k++) {
        outcomes.s(pt.ids[k]!);
        outcomes.s(oprefix);
        outcomes.s(pt.cols[k]!);
        outcomes.s(outcomeTail(pt.outcomes[k]!));
      }
      counts.outcome_rows += pt.ids.length;
      pending[t] = { ids: [], cols: [], outcomes: [] };
      bytes += outcomes.close();
      counts.files++;

      const ss = openSink(join(o.out, month, `${month}-${force}-stop-and-search.csv`));
      ss.s(STOP_SEARCH_HEADER);
      counts.stop_search_rows += stopSearchRows(rng, g, month, force === 'metropolitan', rng.poisson(ssMean * (daysIn(month) / 30.44)), ss);
      bytes += ss.close();
      counts.files++;
      done++;
      onProgress?.({ phase: 'records', force, month, done, total: o.forces.length * T, rows: counts.street_rows });
      await new Promise<void>((r) => setImmediate(r));
    }
  }

  writeGeography(join(o.out, 'geography'), [...geoCache.values()].sort((a, b) => FORCES.findIndex((f) => f.id === a.force) - FORCES.findIndex((f) => f.id === b.force)));

  const narrativeTruth = o.narratives > 0 ? await writeNarratives(o, months, geo, counts, onProgress) : null;

  const crimeTotal = counts.street_rows;
  const truth: SynthTruth = {
    schema_version: 1,
    generator: 'peel synth',
    seed: o.seed,
    scale: o.scale,
    start_month: startMonth,
    end_month: endMonth,
    forces: o.forces,
    emerging_clusters: clusterTruth.sort((a, b) => a.id.localeCompare(b.id)),
    missing_months: [...plan.missing.entries()].map(([force_id, s]) => ({ force_id, months: [...s].sort((a, b) => a - b).map((t) => months[t]!) })),
    recording_shifts: plan.shifts.map((s) => shiftRecord(s, months, o.scale)),
    quirk_rates: {
      no_location: round4(counts.no_location_rows / Math.max(1, crimeTotal)),
      duplicate_crime_id: round4(counts.duplicate_id_rows / Math.max(1, crimeTotal)),
      cross_border: round4(counts.cross_border_rows / Math.max(1, crimeTotal)),
      asb_share: round4(counts.asb_rows / Math.max(1, crimeTotal)),
    },
    counts: { ...counts, files: counts.files + 1 },
    narratives: narrativeTruth,
    tactic_trials: planted ? [planted.truth()] : [],
  };
  const truthPath = join(o.out, 'truth.json');
  const truthText = JSON.stringify(truth, null, 2) + '\n';
  write(truthPath, truthText);
  onProgress?.({ phase: 'done', done, total: o.forces.length * T, rows: counts.street_rows });
  return { ...counts, out: o.out, seed: o.seed, start_month: startMonth, end_month: endMonth, forces: o.forces, bytes, truth: truthPath };
}
