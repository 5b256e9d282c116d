/**
 * `peel analyse synth --spec FILE.json` and `peel analyse wdd --counts FILE.json`: the engines on
 * any panel, from a spec in the shape of ../shared/reference/tactics/basque.json and wdd.json.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { PeelError } from '../standard/index.ts';
import { TacticsContract as C } from '../contract/index.ts';
import { wdd, type WddResult } from '../stats/index.ts';
import { parsePanelCsv } from './panel.ts';
import { fitSynth, mspe, placeboTest, predictorKeys, type SynthSetup } from './synth.ts';

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new PeelError('unreadable_input', `cannot read ${file}: ${(e as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new PeelError('bad_input', `${file} is not JSON: ${(e as Error).message}`);
  }
}

function parseWith<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> } } }, v: unknown, file: string): T {
  const r = schema.safeParse(v);
  if (r.success) return r.data;
  const first = r.error.issues[0];
  throw new PeelError('bad_input', `${file}: ${first.path.map(String).join('.') || '(top)'}: ${first.message}`);
}

/** Runs a synthetic-control spec file; see src/tactics/synth.ts for the method. */
export function runSynthSpec(file: string, opts: { seed?: number } = {}): C.SynthOutput {
  const spec = parseWith(C.SynthSpec, readJson(file), file);
  const dataset = resolve(dirname(file), spec.dataset);
  let text: string;
  try {
    text = readFileSync(dataset, 'utf8');
  } catch (e) {
    throw new PeelError('unreadable_input', `cannot read the dataset ${dataset} named by ${file}: ${(e as Error).message}`);
  }
  const panel = parsePanelCsv(text, dataset, spec.unit_column, spec.time_column);
  for (const u of [spec.treated, ...spec.controls]) {
    if (!panel.units.includes(u)) throw new PeelError('bad_input', `${file}: unit "${u}" is not in ${spec.dataset} (column ${spec.unit_column})`);
  }
  const setup: SynthSetup = {
    outcome: spec.outcome, treated: spec.treated, controls: spec.controls, treatmentTime: spec.treatment_time,
    predictors: spec.predictors, optimisePeriods: spec.optimise_periods,
  };
  const run = <T>(fn: () => T): T => {
    try {
      return fn();
    } catch (e) {
      if (e instanceof PeelError) throw e;
      throw new PeelError('bad_input', `${file}: ${(e as Error).message}`);
    }
  };
  let v: number[] | undefined;
  if (spec.v_from_training) {
    const training: SynthSetup = {
      ...setup,
      predictors: spec.v_from_training.predictors ?? setup.predictors,
      optimisePeriods: spec.v_from_training.optimise_periods ?? setup.optimisePeriods,
    };
    if (training.predictors.length !== setup.predictors.length) {
      throw new PeelError('bad_input', `${file}: v_from_training has ${training.predictors.length} predictors, the final set-up ${setup.predictors.length}: V carries over one per predictor`);
    }
    v = run(() => fitSynth(panel, training, { seed: opts.seed })).v.slice();
  }
  const fit = run(() => fitSynth(panel, setup, { v, seed: opts.seed }));
  const first = panel.times[0];
  const end = panel.times[panel.times.length - 1] + 1;
  const split = spec.inference_time ?? spec.treatment_time;
  const post = [...fit.gaps].filter(([t]) => t >= split).map(([, g]) => g);
  const mean = post.reduce((a, b) => a + b, 0) / post.length;
  const sd = Math.sqrt(post.reduce((a, b) => a + (b - mean) ** 2, 0) / (post.length - 1));
  const placebo = spec.placebos ? run(() => placeboTest(panel, setup, fit, { inferenceTime: split, seed: opts.seed })) : null;
  const keys = predictorKeys(spec.predictors);
  const rec = (m: ReadonlyMap<number, number>) => Object.fromEntries([...m].map(([t, g]) => [panel.label(t), g]));
  return {
    weights: Object.fromEntries(fit.weights),
    v: Object.fromEntries(keys.map((k, i) => [k, fit.v[i]])),
    gaps: rec(fit.gaps),
    synthetic: rec(fit.synthetic),
    pre_rmspe: Math.sqrt(mspe(fit.gaps, first, spec.treatment_time)),
    post_rmspe: Math.sqrt(mspe(fit.gaps, spec.treatment_time, end)),
    att: { from: split, estimate: mean, standard_error: sd / Math.sqrt(post.length) },
    predictor_table: fit.predictorTable.map((r) => ({ predictor: r.key, treated: r.treated, control_mean: r.controlMean, synthetic: r.synthetic })),
    placebo: placebo && { p: placebo.p, ratio_rank: placebo.ratioRank, placebos: spec.controls.length, ratios: Object.fromEntries(placebo.ratios) },
  };
}

/** Runs the WDD test on a counts file in the shape of ../shared/reference/tactics/wdd.json. */
export function runWddFile(file: string): WddResult {
  const input = parseWith(C.WddInput, readJson(file), file);
  try {
    return wdd(input.counts, { time: input.time_weights, area: input.area_weights });
  } catch (e) {
    throw new PeelError('bad_input', `${file}: ${(e as Error).message}`);
  }
}
