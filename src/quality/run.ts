/**
 * A quality run: count with the store, judge here, save back.
 *
 * Incremental by default: only force-months whose data (batch) or geography lookups changed since
 * their last run are recounted row by row; the series checks (recording and volume shifts,
 * outcome lag) are redone for the forces those months belong to; the national checks (missing
 * months, months since the last submission) are redone for every force, as one force's new month
 * moves the national latest month for all. `full: true` redoes everything.
 */
import { createHash, randomBytes } from 'node:crypto';
import { crimeCategoryName, isCrimeCategory, monthDiff, type CrimeCategory } from '../standard/index.ts';
import type { Store, ForceMonthKey, LocatedCounts, MeasureRow, FindingRow, QualityOrigin, HeldForceMonth } from '../store/index.ts';
import {
  CHECKS, DATASETS, FAR_FROM_LSOA_KM, OUTCOME_LAG_MONTHS, scoreOf, severityOf, thresholdsFor,
  type CheckId, type Dataset, type Severity,
} from './checks.ts';
import { detectRecordingShifts, detectVolumeShifts, findGaps, volumeExpectations } from './series.ts';

export interface RunOptions {
  /** Recount every force-month, not only those that changed. */
  readonly full?: boolean;
}

export interface RunSummary {
  readonly run_id: string;
  readonly mode: 'full' | 'incremental';
  /** Force-months recounted row by row. */
  readonly force_months: number;
  /** Forces whose series checks were redone. */
  readonly forces: number;
  readonly findings: number;
  readonly ms: number;
  /** False when no geography is loaded: the consistency checks were skipped. */
  readonly geography: boolean;
}

type Measure = MeasureRow & { origin: QualityOrigin };
type Finding = FindingRow & { origin: QualityOrigin };

const pct = (x: number) => `${(100 * x).toFixed(x < 0.01 ? 2 : 1)} %`;
const n = (x: number) => x.toLocaleString('en-GB');

function isDataset(s: string): s is Dataset {
  return (DATASETS as readonly string[]).includes(s);
}

function findingId(check: CheckId, force: string, dataset: string, month: string | null, subject: string): string {
  return createHash('sha1').update(`${check}|${force}|${dataset}|${month ?? ''}|${subject}`).digest('hex').slice(0, 16);
}

function catName(c: string): string {
  return isCrimeCategory(c) ? crimeCategoryName(c as CrimeCategory) : c;
}

/** Collects measures and findings for one run. */
class Collector {
  readonly measures: Measure[] = [];
  readonly findings: Finding[] = [];

  measure(origin: QualityOrigin, check: CheckId, force: string, dataset: Dataset, month: string | null, value: number,
    numerator: number | null, denominator: number | null, subject = ''): void {
    this.measures.push({
      force_id: force, check_id: check, dimension: CHECKS[check].dimension, dataset, month, subject, value, numerator, denominator,
      score: scoreOf(check, dataset, value), origin,
    });
  }

  finding(origin: QualityOrigin, check: CheckId, force: string, dataset: Dataset, month: string | null, value: number,
    message: string, sampleIds: readonly string[], detail: Record<string, unknown> | null, subject = '', severity?: Severity): void {
    const sev = severity ?? severityOf(check, dataset, value);
    if (!sev) return;
    this.findings.push({
      finding_id: findingId(check, force, dataset, month, subject), check, dimension: CHECKS[check].dimension, severity: sev,
      force_id: force, month, dataset, subject, value, threshold: thresholdsFor(check, dataset).threshold, message,
      sample_ids: [...sampleIds], detail, origin,
    });
  }

  /** A rate check: measure it when its denominator is positive, and make a finding when it is above threshold. */
  rate(origin: QualityOrigin, check: CheckId, force: string, dataset: Dataset, month: string, num: number, den: number,
    describe: (value: string) => string, samples: readonly string[], detail: Record<string, unknown> | null = null): void {
    if (den <= 0) return;
    const v = num / den;
    this.measure(origin, check, force, dataset, month, v, num, den);
    if (num > 0) this.finding(origin, check, force, dataset, month, v, describe(pct(v)), samples, { numerator: num, denominator: den, ...detail });
  }
}

function rowChecks(c: Collector, located: readonly LocatedCounts[], geography: boolean): void {
  for (const r of located) {
    const d = r.dataset;
    c.rate('row', 'completeness.no_location', r.force_id, d, r.month, r.no_location, r.rows,
      (v) => `${v} of ${n(r.rows)} ${d} rows have no location (${n(r.no_location)} rows)`, r.s_no_location);
    c.rate('row', 'completeness.no_lsoa', r.force_id, d, r.month, r.no_lsoa, r.rows,
      (v) => `${n(r.no_lsoa)} located ${d} rows (${v}) have no LSOA code`, r.s_no_lsoa);
    if (d === 'street') {
      c.rate('row', 'completeness.no_outcome', r.force_id, d, r.month, r.no_outcome, r.crimes,
        (v) => `${v} of ${n(r.crimes)} crimes have no outcome`, r.s_no_outcome);
    }
    if (!geography) continue;
    c.rate('row', 'consistency.lsoa_unknown', r.force_id, d, r.month, r.lsoa_unknown, r.with_lsoa,
      (v) => `${n(r.lsoa_unknown)} rows (${v}) carry an LSOA code the ONS lookups do not know`, r.s_lsoa_unknown);
    c.rate('row', 'consistency.lsoa_name_mismatch', r.force_id, d, r.month, r.lsoa_name_mismatch, r.lsoa_known_named,
      (v) => `${n(r.lsoa_name_mismatch)} rows (${v}) have an LSOA name that is not the ONS name of their LSOA code`, r.s_lsoa_name_mismatch);
    const others = r.outside_forces ? (JSON.parse(r.outside_forces) as Array<{ force_id: string; n: number }>) : [];
    c.rate('row', 'consistency.lsoa_outside_force', r.force_id, d, r.month, r.lsoa_outside, r.lsoa_with_force,
      (v) => `${v} of ${n(r.lsoa_with_force)} rows lie in LSOAs of other forces (${others.slice(0, 3).map((o) => `${o.force_id} ${n(o.n)}`).join(', ')})`,
      r.s_lsoa_outside, { other_forces: others });
    c.rate('row', 'consistency.point_far_from_lsoa', r.force_id, d, r.month, r.far, r.with_point,
      (v) => `${n(r.far)} rows (${v}) have a point more than ${FAR_FROM_LSOA_KM} km from their LSOA (furthest ${(r.max_km ?? 0).toFixed(0)} km)`,
      r.s_far, { max_km: r.max_km });
  }
}

async function seriesChecks(c: Collector, store: Store, forces: readonly string[], held: readonly HeldForceMonth[]): Promise<void> {
  if (!forces.length) return;
  const counts = await store.quality.monthlyCategoryCounts(forces);
  const outcome = await store.quality.outcomeCounts(forces);
  const latestStreet = new Map<string, string>();
  for (const h of held) if (h.kind === 'street' && (latestStreet.get(h.force_id) ?? '') < h.month) latestStreet.set(h.force_id, h.month);

  for (const o of outcome) {
    const latest = latestStreet.get(o.force_id);
    if (!latest || monthDiff(o.month, latest) < OUTCOME_LAG_MONTHS || o.crimes === 0) continue;
    const age = monthDiff(o.month, latest);
    c.rate('series', 'timeliness.outcome_lag', o.force_id, 'street', o.month, o.under_investigation, o.crimes,
      (v) => `${v} of ${n(o.crimes)} crimes of ${o.month} are still "Under investigation" ${age} months later (as of ${latest})`,
      o.sample_ids, { age_months: age, as_of: latest });
  }

  const byForce = new Map<string, Map<string, Map<string, number>>>();
  for (const r of counts) {
    const f = byForce.get(r.force_id) ?? byForce.set(r.force_id, new Map()).get(r.force_id)!;
    const m = f.get(r.month) ?? f.set(r.month, new Map()).get(r.month)!;
    m.set(r.category, (m.get(r.category) ?? 0) + Number(r.n));
  }
  for (const [force, byMonth] of byForce) {
    const months = [...byMonth.keys()].sort();
    const totals = months.map((m) => [...byMonth.get(m)!.values()].reduce((a, b) => a + b, 0));
    const categories = [...new Set(months.flatMap((m) => [...byMonth.get(m)!.keys()]))].sort();

    // Recording-practice shifts: each category's share of the force's rows.
    const shares = new Map<string, number[]>();
    for (const cat of categories) shares.set(cat, months.map((m, i) => (totals[i]! > 0 ? (byMonth.get(m)!.get(cat) ?? 0) / totals[i]! : 0)));
    const shifts = detectRecordingShifts(force, months, shares);
    for (const s of shifts) {
      const jump = Math.abs(s.step);
      c.finding('series', 'accuracy.recording_shift', force, 'street', s.month, jump,
        `${catName(s.category)} went from ${pct(s.before)} to ${pct(s.after)} of the force's rows from ${s.month} and stayed there ` +
        `(a step of ${(100 * s.step).toFixed(1)} points beyond its trend; ` +
        `changepoint p = ${s.p.toFixed(4)}, below ${s.level.toFixed(4)}; ${s.months} months tested)` +
        (s.partner ? `; ${catName(s.partner.category)} ${s.partner.step > 0 ? 'rose' : 'fell'} by ${Math.abs(100 * s.partner.step).toFixed(1)} points at the same month, ` +
          `so rows may have moved ${s.step < 0 ? `from ${catName(s.category)} to ${catName(s.partner.category)}` : `from ${catName(s.partner.category)} to ${catName(s.category)}`}` : '') + ': ' +
        `check for a change in recording practice before reading it as a change in crime`,
        [], { category: s.category, share_before: s.before, share_after: s.after, step: s.step, partner: s.partner, p: s.p, level: s.level, t: s.t, months_tested: s.months }, s.category);
    }
    months.forEach((m) => {
      const v = Math.max(0, ...shifts.filter((s) => s.month <= m).map((s) => Math.abs(s.step)));
      c.measure('series', 'accuracy.recording_shift', force, 'street', m, v, null, null);
    });

    // Volume shifts: the force's total and each category against the force's own expectation.
    const series: Array<[string, Map<string, number>]> = [['', new Map(months.map((m, i) => [m, totals[i]!]))]];
    for (const cat of categories) series.push([cat, new Map(months.map((m) => [m, byMonth.get(m)!.get(cat) ?? 0]))]);
    for (const [subject, s] of series) {
      const exp = volumeExpectations(s);
      if (subject === '') for (const e of exp) c.measure('series', 'accuracy.volume_shift', force, 'street', e.month, Math.abs(e.logRatio), e.observed, e.expected);
      for (const v of detectVolumeShifts(exp)) {
        const what = subject ? catName(subject) : 'All street rows';
        const factor = v.observed / Math.max(v.expected, 1e-9);
        c.finding('series', 'accuracy.volume_shift', force, 'street', v.month, Math.abs(v.logRatio),
          `${what} in ${v.month}: ${n(v.observed)} against ${n(Math.round(v.expected))} expected (${factor >= 1 ? `${factor.toFixed(1)} times` : `${pct(factor)} of`} the expectation; ${v.basis}). ` +
          `For human review: a volume shift can be real (e.g. April 2020)`,
          [], { observed: v.observed, expected: v.expected, ratio: factor, basis: v.basis, seasonal: v.seasonal, robust_sd: v.robustSd, category: subject || null },
          subject, 'medium');
      }
    }
  }
}

function nationalChecks(c: Collector, held: readonly HeldForceMonth[]): void {
  const latest = new Map<string, string>();
  const byForceKind = new Map<string, string[]>();
  for (const h of held) {
    if ((latest.get(h.kind) ?? '') < h.month) latest.set(h.kind, h.month);
    const key = `${h.force_id}\u0000${h.kind}`;
    (byForceKind.get(key) ?? byForceKind.set(key, []).get(key)!).push(h.month);
  }
  for (const [key, months] of byForceKind) {
    const [force, kind] = key.split('\u0000') as [string, string];
    if (!isDataset(kind)) continue;
    const national = latest.get(kind)!;
    for (const g of findGaps(months, national)) {
      for (const m of g.months) c.measure('national', 'completeness.missing_months', force, kind, m, 1, 1, 1);
      const span = g.from === g.to ? g.from : `${g.from} to ${g.to}`;
      c.finding('national', 'completeness.missing_months', force, kind, g.from, g.months.length,
        g.trailing
          ? `no ${kind} data for ${span} (${g.months.length} months): the force has not submitted since ${[...months].sort().at(-1)} while others hold ${national}`
          : `${g.months.length} month(s) of ${kind} data missing: ${span}, between held months`,
        [], { from: g.from, to: g.to, months: g.months, trailing: g.trailing }, '', 'high');
    }
    const last = [...months].sort().at(-1)!;
    const behind = monthDiff(last, national);
    c.measure('national', 'timeliness.months_since_last', force, kind, national, behind, null, null);
    c.finding('national', 'timeliness.months_since_last', force, kind, null, behind,
      `the latest ${kind} month held is ${last}, ${behind} months behind the national latest ${national}`, [], { last, national });
  }
}

/** Runs the quality checks (incrementally unless `full`) and saves findings, measures and scores. */
export async function runQuality(store: Store, opts: RunOptions = {}): Promise<RunSummary> {
  const t0 = Date.now();
  const runId = `q${t0.toString(36)}${randomBytes(3).toString('hex')}`;
  const geo = await store.geography.status();
  const geography = geo.lsoas > 0 || geo.lsoas_with_point > 0;
  const geoVersion = geo.version ?? 'none';
  const held = await store.quality.heldForceMonths();
  const scope: ForceMonthKey[] = opts.full ? held.map(({ force_id, kind, month }) => ({ force_id, kind, month })) : await store.quality.staleForceMonths(geoVersion);
  const mode = opts.full ? 'full' : 'incremental';
  const c = new Collector();

  if (scope.length) {
    rowChecks(c, await store.quality.locatedCounts('street', scope, FAR_FROM_LSOA_KM), geography);
    rowChecks(c, await store.quality.locatedCounts('outcomes', scope, FAR_FROM_LSOA_KM), geography);
    for (const d of await store.quality.duplicateCounts(scope)) {
      c.rate('row', 'uniqueness.duplicate_crime_id', d.force_id, 'street', d.month, d.extra_copies, d.rows_with_id,
        (v) => `${n(d.repeated_ids)} Crime IDs appear more than once (up to ${d.max_copies} times; ${n(d.extra_copies)} extra copies, ${v} of rows with an ID); ` +
          `copies differ in coordinates for ${n(d.differ_coordinates)}, LSOA for ${n(d.differ_lsoa)}, outcome for ${n(d.differ_outcome)}; ${n(d.identical)} are identical`,
        d.sample_ids, {
          repeated_ids: d.repeated_ids, extra_copies: d.extra_copies, max_copies: d.max_copies, differ_coordinates: d.differ_coordinates,
          differ_lsoa: d.differ_lsoa, differ_outcome: d.differ_outcome, identical: d.identical,
        });
    }
    for (const s of await store.quality.stopSearchCounts(scope)) {
      c.rate('row', 'completeness.no_location', s.force_id, 'stop_search', s.month, s.no_location, s.rows,
        (v) => `${v} of ${n(s.rows)} searches have no location`, s.s_no_location);
    }
    for (const q of await store.quality.quarantineCounts(scope)) {
      if (!isDataset(q.kind)) continue;
      const reasons = q.reasons ? (JSON.parse(q.reasons) as Array<{ reason: string; n: number }>) : [];
      c.rate('row', 'validity.quarantined', q.force_id, q.kind, q.month, q.rows_quarantined, q.rows_read,
        (v) => `${n(q.rows_quarantined)} of ${n(q.rows_read)} rows read (${v}) were quarantined: ${reasons.map((r) => `${r.reason} ${n(r.n)}`).join(', ')}`,
        q.sample_ids, { batch_id: q.batch_id, reasons });
    }
  }
  const seriesForces = [...new Set(scope.map((s) => s.force_id))].sort();
  await seriesChecks(c, store, seriesForces, held);
  nationalChecks(c, held);

  await store.quality.save({
    runId, mode, startedAt: t0, rowScope: scope, seriesForces, measures: c.measures, findings: c.findings, geoVersion,
  });
  const last = await store.quality.lastRun();
  return {
    run_id: runId, mode, force_months: scope.length, forces: seriesForces.length, findings: last?.findings ?? c.findings.length,
    ms: Date.now() - t0, geography,
  };
}
