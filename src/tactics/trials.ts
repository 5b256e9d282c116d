/**
 * Trials: registered before their results, frozen (a registration's hash and time are kept; an
 * amendment is appended with its reason, never written over), evaluated on the hub's series, and
 * their minimum detectable effect estimated beforehand from the areas' own history.
 */
import { randomBytes } from 'node:crypto';
import {
  PeelError, addMonths, forceNeighbours, isCrimeCategory, isForceId, monthDiff, monthRange, getForce, crimeCategoryName,
  type ForceId, type CrimeCategory,
} from '../standard/index.ts';
import { seededRng } from '../stats/index.ts';
import { TacticsContract as C } from '../contract/index.ts';
import type { Store } from '../store/index.ts';
import { sha256Of } from './canonical.ts';
import { bufferAreas, estimateTrial, matchByLevel, trialDataFrom, type TrialData, type TrialEstimate } from './evaluate.ts';
import { differenceInDifferences } from './did.ts';
import { BUILTIN_TACTICS } from './library.ts';

/** Months of history before the start that an evaluation uses (at most). */
export const PRE_MONTHS = 36;
const MIN_PRE_MONTHS = 6;

/** Adds the built-in tactics to a store that lacks them (an imported or local tactic of the same id is kept). */
export async function ensureLibrary(store: Store): Promise<void> {
  const held = new Set((await store.tactics.tactics()).map((t) => t.tactic_id));
  for (const t of BUILTIN_TACTICS) if (!held.has(t.tactic_id)) await store.tactics.saveTactic(t.tactic_id, JSON.stringify(t), 'builtin');
}

export async function listTactics(store: Store): Promise<Array<C.Tactic & { origin: string }>> {
  await ensureLibrary(store);
  return (await store.tactics.tactics()).map((r) => ({ ...C.Tactic.parse(JSON.parse(r.doc)), origin: r.origin }));
}

export async function getTactic(store: Store, id: string): Promise<C.Tactic> {
  const t = (await listTactics(store)).find((x) => x.tactic_id === id);
  if (!t) throw new PeelError('not_found', `no tactic "${id}" in the library (see \`peel tactics list\`)`);
  const { origin: _origin, ...tactic } = t;
  return tactic;
}

export interface RegisterInput {
  readonly tactic_id: string;
  readonly force_id: string;
  readonly title?: string;
  readonly treated_lsoas: readonly string[];
  readonly start: string;
  readonly end: string;
  readonly categories: readonly string[];
  readonly buffer_m?: number;
  readonly comparison_forces?: readonly string[];
  readonly allocation?: 'comparison' | 'randomised';
}

function checkRegistration(input: RegisterInput): C.TrialRegistration {
  if (!isForceId(input.force_id)) throw new PeelError('bad_input', `unknown force "${input.force_id}": use a data.police.uk slug such as leicestershire`);
  const bad = input.categories.filter((c) => !isCrimeCategory(c));
  if (bad.length) throw new PeelError('bad_input', `unknown crime categor${bad.length > 1 ? 'ies' : 'y'} ${bad.map((c) => `"${c}"`).join(', ')}: use the standard's ids, e.g. burglary`);
  const comparison = input.comparison_forces?.length ? [...input.comparison_forces] : [input.force_id, ...forceNeighbours(input.force_id as ForceId)];
  const badF = comparison.filter((f) => !isForceId(f));
  if (badF.length) throw new PeelError('bad_input', `unknown comparison force(s) ${badF.join(', ')}`);
  const r = C.TrialRegistration.safeParse({
    tactic_id: input.tactic_id, force_id: input.force_id,
    title: input.title ?? `${BUILTIN_TACTICS.find((t) => t.tactic_id === input.tactic_id)?.name ?? input.tactic_id} in ${getForce(input.force_id)!.name}, ${input.start} to ${input.end}`,
    treated_lsoas: [...new Set(input.treated_lsoas)].sort(), start: input.start, end: input.end, categories: [...new Set(input.categories)].sort(),
    buffer_m: input.buffer_m ?? 500, comparison_forces: [...new Set(comparison)].sort(), allocation: input.allocation ?? 'comparison',
  });
  if (!r.success) {
    const i = r.error.issues[0];
    throw new PeelError('bad_input', `trial registration: ${i.path.join('.')}: ${i.message}`);
  }
  if (monthDiff(r.data.start, r.data.end) < 0) throw new PeelError('bad_input', `the trial ends (${r.data.end}) before it starts (${r.data.start})`);
  return r.data;
}

/** Registers a trial; its registration is hashed (canonical JSON) and time-stamped. */
export async function registerTrial(store: Store, input: RegisterInput, by: string, now = new Date()): Promise<C.Trial> {
  const reg = checkRegistration(input);
  await getTactic(store, reg.tactic_id);
  const held = await store.tactics.lsoaMonthly({ forces: [reg.force_id], categories: reg.categories, from: '1900-01', to: '9999-12' });
  const known = new Set(held.map((r) => r.lsoa_code));
  const unknown = reg.treated_lsoas.filter((l) => !known.has(l));
  if (unknown.length) {
    throw new PeelError('bad_input', `treated area(s) ${unknown.join(', ')} have no ${reg.categories.join('/')} crimes recorded by ${reg.force_id} in the hub: check the LSOA codes`);
  }
  const trial: C.Trial = {
    trial_id: `t-${reg.force_id}-${now.toISOString().slice(0, 10).replace(/-/g, '')}-${randomBytes(3).toString('hex')}`,
    registration: reg, registration_hash: sha256Of(reg), registered_at: now.toISOString(), registered_by: by, amendments: [],
  };
  await store.tactics.registerTrial({
    force_id: reg.force_id, trial_id: trial.trial_id, tactic_id: reg.tactic_id, registration: JSON.stringify(reg),
    registration_hash: trial.registration_hash, registered_at: trial.registered_at, registered_by: by,
  });
  return trial;
}

export async function getTrial(store: Store, id: string): Promise<C.Trial> {
  const t = await store.tactics.trial(id);
  if (!t) throw new PeelError('not_found', `no trial "${id}" (see \`peel trials list\`)`);
  return {
    trial_id: t.trial.trial_id, registration: C.TrialRegistration.parse(JSON.parse(t.trial.registration)), registration_hash: t.trial.registration_hash,
    registered_at: t.trial.registered_at, registered_by: t.trial.registered_by,
    amendments: t.amendments.map((a) => ({ at: a.at, by: a.by, reason: a.reason, registration: C.TrialRegistration.parse(JSON.parse(a.registration)), hash: a.hash })),
  };
}

export async function listTrials(store: Store, forces?: readonly string[]): Promise<C.Trial[]> {
  return Promise.all((await store.tactics.trials(forces)).map((r) => getTrial(store, r.trial_id)));
}

/** The registration in force: the latest amendment, else the original. */
export function currentRegistration(t: C.Trial): { registration: C.TrialRegistration; hash: string } {
  const a = t.amendments[t.amendments.length - 1];
  return a ? { registration: a.registration, hash: a.hash } : { registration: t.registration, hash: t.registration_hash };
}

/** Appends an amendment with its reason; the force and tactic cannot change. */
export async function amendTrial(store: Store, id: string, changes: Partial<RegisterInput>, reason: string, by: string, now = new Date()): Promise<C.Trial> {
  if (!reason.trim()) throw new PeelError('bad_input', 'an amendment needs a reason (--reason)');
  const t = await getTrial(store, id);
  const cur = currentRegistration(t).registration;
  if (changes.force_id && changes.force_id !== cur.force_id) throw new PeelError('bad_input', 'a trial\'s force cannot be amended: register a new trial');
  if (changes.tactic_id && changes.tactic_id !== cur.tactic_id) throw new PeelError('bad_input', 'a trial\'s tactic cannot be amended: register a new trial');
  const reg = checkRegistration({ ...cur, ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) } as RegisterInput);
  await store.tactics.amendTrial(reg.force_id, id, { at: now.toISOString(), by, reason, registration: JSON.stringify(reg), hash: sha256Of(reg) });
  return getTrial(store, id);
}

/** Zero-filled LSOA × month counts of the registration's categories in its comparison forces, months [from, to] clipped to what the trial force holds. */
async function seriesFor(store: Store, reg: C.TrialRegistration, from: string, to: string): Promise<TrialData & { latest: string }> {
  const rows = await store.tactics.lsoaMonthly({ forces: reg.comparison_forces, categories: reg.categories, from, to });
  if (!rows.some((r) => r.force_id === reg.force_id)) throw new PeelError('no_data', `the hub holds no ${reg.categories.join('/')} crimes of ${reg.force_id} between ${from} and ${to}`);
  const points = (await store.tactics.lsoaPoints(reg.comparison_forces)).map((p) => [p.lsoa_code, p.lon, p.lat] as const);
  return trialDataFrom(rows, points, reg.force_id);
}

/** The series an evaluation needs: up to PRE_MONTHS before the start, to the end or the latest month held. */
export async function trialData(store: Store, reg: C.TrialRegistration): Promise<TrialData & { latest: string }> {
  const data = await seriesFor(store, reg, addMonths(reg.start, -PRE_MONTHS), reg.end);
  if (data.latest < reg.start) {
    throw new PeelError('no_data', `the trial starts ${reg.start} but the hub holds ${reg.force_id}'s street data only to ${data.latest}: evaluate once the months are loaded (\`peel trials power\` works before)`);
  }
  return data;
}

const pct = (x: number) => `${Math.abs(100 * x).toFixed(0)}%`;

/** The evaluation card (EMMIE shape) in words and numbers. */
export function evaluationCard(tactic: C.Tactic, reg: C.TrialRegistration, e: TrialEstimate): C.Evaluation['card'] {
  const post = e.months.length - e.postIndex;
  const what = reg.categories.map((c) => crimeCategoryName(c as CrimeCategory).toLowerCase()).join(', ');
  const rr = e.did.rate_ratio;
  const significant = e.did.p_value < 0.05;
  const direction = rr < 1 ? 'fewer' : 'more';
  const words = significant
    ? `Over ${post} month${post === 1 ? '' : 's'} from ${reg.start}, the ${reg.treated_lsoas.length} treated area${reg.treated_lsoas.length === 1 ? '' : 's'} had about ${pct(1 - rr)} ${direction} ${what} crimes than comparable areas' trends predict (p = ${e.did.p_value.toFixed(3)} against ${e.did.placebos} placebo groups; rate ratio ${rr.toFixed(2)}, 95% interval ${e.did.ci95.lower.toFixed(2)} to ${e.did.ci95.upper.toFixed(2)}); the synthetic control gives ${pct(e.synth.effect)} ${e.synth.effect < 0 ? 'fewer' : 'more'} (placebo p = ${e.synth.placebo_p.toFixed(2)}).`
    : `Over ${post} month${post === 1 ? '' : 's'} from ${reg.start}, no change in ${what} crimes in the ${reg.treated_lsoas.length} treated area${reg.treated_lsoas.length === 1 ? '' : 's'} can be told apart from chance: the estimate is ${pct(1 - rr)} ${direction} than comparable areas predict, but as large a change arises by chance in ${(100 * e.did.p_value).toFixed(0)}% of placebo groups of untreated areas (rate ratio ${rr.toFixed(2)}, 95% interval ${e.did.ci95.lower.toFixed(2)} to ${e.did.ci95.upper.toFixed(2)}).`;
  const disp = e.displacement.buffer_lsoas.length
    ? ` In the ${e.displacement.buffer_lsoas.length} surrounding area${e.displacement.buffer_lsoas.length === 1 ? '' : 's'} within ${reg.buffer_m} m, crime changed by ${e.displacement.buffer.estimate.toFixed(2)} per area per month beyond their comparison areas' change (SE ${e.displacement.buffer.standard_error.toFixed(2)}; ${Math.abs(e.displacement.buffer.estimate) < 1.96 * e.displacement.buffer.standard_error ? 'no displacement or diffusion told apart from chance' : e.displacement.buffer.estimate < 0 ? 'a diffusion of benefit' : 'displacement'}); the whole weighted displacement difference is ${e.displacement.wdd.estimate.toFixed(2)} (SE ${e.displacement.wdd.standard_error.toFixed(2)})${e.displacement.wdq === null ? '' : `, weighted displacement quotient ${e.displacement.wdq.toFixed(2)}`}.`
    : ' No surrounding areas within the buffer to check for displacement.';
  const trend = e.did.pre_trend && e.did.pre_trend.p_value < 0.05
    ? ` Caution: before the start the treated areas' trend already differed from the comparison areas' (${(100 * e.did.pre_trend.per_month).toFixed(1)}% a month, p = ${e.did.pre_trend.p_value.toFixed(3)}).`
    : '';
  return {
    effect: `Rate ratio ${rr.toFixed(3)} (95% CI ${e.did.ci95.lower.toFixed(3)}–${e.did.ci95.upper.toFixed(3)}, p = ${e.did.p_value.toFixed(4)}) against ${e.did.comparison_lsoas.length} matched comparison areas, interval from ${e.did.placebos} placebo groups; synthetic control ${(100 * e.synth.effect).toFixed(1)}% (rank ${e.synth.ratio_rank} of ${e.synth.placebos + 1} placebos, p = ${e.synth.placebo_p.toFixed(3)}).${disp}${trend}`,
    mechanism: tactic.mechanism,
    moderators: `${reg.treated_lsoas.length} LSOA${reg.treated_lsoas.length === 1 ? '' : 's'} of ${getForce(reg.force_id)?.name ?? reg.force_id}; ${what}; ${reg.start} to ${e.months[e.months.length - 1]}; comparison areas from ${reg.comparison_forces.length} force${reg.comparison_forces.length === 1 ? '' : 's'}.`,
    implementation: `Registered before evaluation (${reg.allocation === 'randomised' ? 'randomised allocation' : 'areas chosen by the force, compared with matched and synthetic comparison areas'}).`,
    economic_cost: tactic.cost,
    maryland_level: reg.allocation === 'randomised' ? 5 : 3,
    in_words: words + disp + trend,
  };
}

/** Evaluates a trial on the hub's data and saves the evaluation. */
export async function evaluateTrial(store: Store, id: string, now = new Date()): Promise<C.Evaluation> {
  const t = await getTrial(store, id);
  const { registration: reg, hash } = currentRegistration(t);
  const tactic = await getTactic(store, reg.tactic_id);
  const data = await trialData(store, reg);
  if (data.months.indexOf(reg.start) < MIN_PRE_MONTHS) {
    throw new PeelError('no_data', `only ${Math.max(0, data.months.indexOf(reg.start))} months of ${reg.force_id}'s data before ${reg.start}; an evaluation needs at least ${MIN_PRE_MONTHS}`);
  }
  let e: TrialEstimate;
  try {
    e = estimateTrial(data, { treated: reg.treated_lsoas, start: reg.start, bufferM: reg.buffer_m });
  } catch (err) {
    throw new PeelError('bad_input', `trial ${id}: ${(err as Error).message}`);
  }
  const evaluation: C.Evaluation = {
    trial_id: id, evaluated_at: now.toISOString(), registration_hash: hash, months: e.months,
    treated_series: e.treatedSeries, synthetic_series: e.syntheticSeries, comparison_series: e.comparisonSeries,
    synth: e.synth,
    did: { rate_ratio: e.did.rate_ratio, ci95: e.did.ci95, p_value: e.did.p_value, model_ci95: e.did.model_ci95, model_p_value: e.did.model_p_value, placebos: e.did.placebos, dispersion: e.did.dispersion, pre_trend: e.did.pre_trend, comparison_lsoas: e.did.comparison_lsoas },
    displacement: e.displacement,
    card: evaluationCard(tactic, reg, e),
  };
  C.Evaluation.parse(evaluation);
  await store.tactics.saveEvaluation(reg.force_id, id, evaluation.evaluated_at, JSON.stringify(evaluation));
  return evaluation;
}

export async function latestEvaluation(store: Store, id: string): Promise<C.Evaluation | null> {
  const [e] = await store.tactics.evaluations(id);
  return e ? C.Evaluation.parse(JSON.parse(e)) : null;
}

export interface PowerResult {
  readonly trial_id: string;
  readonly post_months: number;
  readonly simulations: number;
  /** Share of simulated trials with p < 0.05 and a reduction, per true reduction. */
  readonly power: Array<{ reduction: number; power: number }>;
  /** The smallest reduction detected with power ≥ 0.8, or null when even 50% is not. */
  readonly minimum_detectable_reduction: number | null;
}

/**
 * Minimum detectable effect by simulation on the areas' own history: pseudo-trials with earlier
 * start months (so no real effect), the treated areas' crimes after the pseudo-start thinned by a
 * known reduction (each crime kept with probability 1 − r), evaluated by the same
 * difference-in-differences; power is the share detected at 5% (two-sided, as a reduction).
 */
export async function trialPower(store: Store, id: string, opts: { simulations?: number; seed?: number } = {}): Promise<PowerResult> {
  const t = await getTrial(store, id);
  const { registration: reg } = currentRegistration(t);
  // History only: the months before the start.
  const data = await seriesFor(store, reg, addMonths(reg.start, -PRE_MONTHS), addMonths(reg.start, -1));
  const months = data.months;
  const postLen = Math.max(1, Math.min(monthDiff(reg.start, reg.end) + 1, Math.floor(months.length / 3)));
  if (months.length < MIN_PRE_MONTHS + postLen) throw new PeelError('no_data', `only ${months.length} months of history before ${reg.start}: too few to simulate`);
  const rng = seededRng(opts.seed ?? 1);
  const sims = opts.simulations ?? 200;
  const treated = new Set(reg.treated_lsoas);
  const buffer = new Set(bufferAreas(reg.treated_lsoas, data.points, reg.buffer_m));
  const pool = [...data.series.keys()].filter((c) => !treated.has(c) && !buffer.has(c));
  const T = months.length;
  const power: PowerResult['power'] = [];
  for (const reduction of [0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5]) {
    let hits = 0;
    for (let s = 0; s < sims; s++) {
      const end = MIN_PRE_MONTHS + postLen + rng.int(T - MIN_PRE_MONTHS - postLen + 1);
      const start = end - postLen;
      const tr = new Array<number>(end).fill(0);
      for (const c of reg.treated_lsoas) {
        const ser = data.series.get(c);
        if (!ser) continue;
        for (let i = 0; i < end; i++) {
          let n = ser[i];
          if (i >= start) {
            let kept = 0;
            for (let j = 0; j < n; j++) if (rng.next() >= reduction) kept++;
            n = kept;
          }
          tr[i] += n;
        }
      }
      const cmp = new Array<number>(end).fill(0);
      for (const c of matchByLevel(reg.treated_lsoas.filter((x) => data.series.has(x)), pool, data.series, start, 5)) {
        const ser = data.series.get(c)!;
        for (let i = 0; i < end; i++) cmp[i] += ser[i];
      }
      try {
        const d = differenceInDifferences({ times: tr.map((_, i) => i), treated: tr, comparison: cmp, postFrom: start });
        if (d.p_value < 0.05 && d.rate_ratio < 1) hits++;
      } catch {
        /* a degenerate simulation (no crimes) counts as not detected */
      }
    }
    power.push({ reduction, power: hits / sims });
  }
  const mde = power.find((p) => p.power >= 0.8)?.reduction ?? null;
  return { trial_id: id, post_months: postLen, simulations: sims, power, minimum_detectable_reduction: mde };
}
