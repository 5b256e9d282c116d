/**
 * The tactics engines against the published worked examples in ../shared/reference/tactics/:
 * the Basque Country synthetic control (Abadie & Gardeazabal, 2003, as R Synth and pysyncon
 * reproduce it) and the weighted displacement difference of Wheeler & Ratcliffe (2018).
 */
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { beforeAll, expect, it } from 'vitest';
import { describeShared, SHARED_REFERENCE } from '../helpers/shared.ts';
import { fitSynth, parsePanelCsv, runSynthSpec, runWddFile, type SynthSetup } from '../../src/tactics/index.ts';
import { wdd, wddHarm } from '../../src/stats/index.ts';
import type { TacticsContract } from '../../src/contract/index.ts';

const dir = join(SHARED_REFERENCE, 'tactics');
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describeShared('synthetic control: the Basque Country (basque.json)', () => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let ref: any;
  let out: TacticsContract.SynthOutput;
  beforeAll(() => {
    ref = JSON.parse(readFileSync(join(dir, 'basque.json'), 'utf8'));
    // The reference's placebo p-value splits pre from post at 1975 (see its treatment_time_note).
    const spec = { ...ref, dataset: join(dir, ref.dataset), inference_time: ref.expected.placebo_pvalue.treatment_time };
    const file = join(mkdtempSync(join(tmpdir(), 'peel-synth-')), 'spec.json');
    writeFileSync(file, JSON.stringify(spec));
    out = runSynthSpec(file);
  });

  it('finds the donor weights within the stated tolerance (Cataluna 0.851, Madrid 0.149, the rest 0)', () => {
    for (const [unit, w] of Object.entries(ref.expected.weights as Record<string, number>)) {
      expect(Math.abs(out.weights[unit] - w), unit).toBeLessThanOrEqual(ref.tolerance.weights);
    }
    const sum = Object.values(out.weights).reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(1, 12);
  });

  it('fits the pre-period and estimates the average effect as the source does', () => {
    const pre = (ref.optimise_periods as number[]).map((t) => ({ g: out.gaps[String(t)], y: out.synthetic[String(t)] + out.gaps[String(t)] }));
    const mspe = pre.reduce((s, p) => s + p.g ** 2, 0) / pre.length;
    const mae = pre.reduce((s, p) => s + Math.abs(p.g), 0) / pre.length;
    const mape = pre.reduce((s, p) => s + Math.abs(p.g / p.y), 0) / pre.length;
    expect(rel(mspe, ref.expected.fit.mspe)).toBeLessThan(ref.tolerance.fit_relative);
    expect(rel(mae, ref.expected.fit.mae)).toBeLessThan(ref.tolerance.fit_relative);
    expect(rel(mape, ref.expected.fit.mape)).toBeLessThan(ref.tolerance.fit_relative);
    expect(out.att.from).toBe(1975);
    expect(rel(out.att.estimate, ref.expected.att.att)).toBeLessThan(ref.tolerance.att_relative);
    expect(rel(out.att.standard_error, ref.expected.att.se)).toBeLessThan(ref.tolerance.att_relative);
  });

  it('computes each predictor as the source does (treated value and the controls\' mean)', () => {
    ref.expected.predictor_table.forEach((row: { treated: number; control_mean: number }, i: number) => {
      expect(rel(out.predictor_table[i].treated, row.treated)).toBeLessThan(ref.tolerance.predictor_treated_relative);
      expect(rel(out.predictor_table[i].control_mean, row.control_mean)).toBeLessThan(ref.tolerance.predictor_control_mean_relative);
    });
  });

  it('reproduces the well-determined placebo gaps (Madrid; Andalucia within the tolerance too)', () => {
    const panel = parsePanelCsv(readFileSync(join(dir, 'basque.csv'), 'utf8'), 'basque.csv', ref.unit_column, ref.time_column);
    for (const unit of ['Madrid (Comunidad De)', 'Andalucia']) {
      const setup: SynthSetup = {
        outcome: ref.outcome, treated: unit, controls: ref.controls.filter((c: string) => c !== unit), treatmentTime: ref.treatment_time,
        predictors: ref.predictors, optimisePeriods: ref.optimise_periods,
      };
      const fit = fitSynth(panel, setup);
      for (const [t, g] of Object.entries(ref.expected.placebo_gaps[unit] as Record<string, number>)) {
        expect(Math.abs(fit.gaps.get(Number(t))! - g), `${unit} ${t}`).toBeLessThanOrEqual(ref.tolerance.placebo_gaps);
      }
    }
  });

  it("fits Cataluna's placebo far better than the reference's gaps do (the source's V search stopped in a local optimum)", () => {
    // Documented in docs/tactics.md: the reference's Cataluna gaps (0.20 to 0.49 a year) imply a
    // pre-period mean squared gap of about 0.12; Peel's multi-start search finds donors matching
    // Cataluna to within a few hundredths. The objective both minimise is the same, so lower is better.
    const panel = parsePanelCsv(readFileSync(join(dir, 'basque.csv'), 'utf8'), 'basque.csv', ref.unit_column, ref.time_column);
    const unit = 'Cataluna';
    const fit = fitSynth(panel, {
      outcome: ref.outcome, treated: unit, controls: ref.controls.filter((c: string) => c !== unit), treatmentTime: ref.treatment_time,
      predictors: ref.predictors, optimisePeriods: ref.optimise_periods,
    });
    const refGaps = (ref.optimise_periods as number[]).map((t) => ref.expected.placebo_gaps[unit][String(t)] as number);
    const refLoss = refGaps.reduce((s, g) => s + g * g, 0) / refGaps.length;
    expect(fit.loss).toBeLessThan(refLoss / 10);
  });

  it('ranks the Basque Country among the placebos by post/pre ratio', () => {
    expect(out.placebo).not.toBeNull();
    expect(out.placebo!.placebos).toBe(17);
    // The source reports 3/18; with Peel's better-fitted placebos (see above) 2/18. Both say the
    // Basque gap is among the largest: p well under 0.2, and only the poorly determined Andalucia
    // placebo (see basque.json's note) has a larger ratio.
    expect(out.placebo!.p).toBeCloseTo(2 / 18, 12);
    const above = Object.entries(out.placebo!.ratios).filter(([u, r]) => u !== ref.treated && r >= out.placebo!.ratios[ref.treated]).map(([u]) => u);
    expect(above).toEqual(['Andalucia']);
  });
});

describeShared('weighted displacement difference (wdd.json)', () => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const ref: any = JSON.parse(readFileSync(join(dir, 'wdd.json'), 'utf8'));

  it('reproduces the worked example exactly (estimate, variance, SE, z, interval, parts)', () => {
    const r = runWddFile(join(dir, 'wdd.json'));
    const e = ref.expected;
    expect(Math.abs(r.estimate - e.estimate)).toBeLessThanOrEqual(ref.tolerance.estimate);
    expect(Math.abs(r.variance - e.variance)).toBeLessThanOrEqual(ref.tolerance.variance);
    expect(Math.abs(r.standard_error - e.standard_error)).toBeLessThanOrEqual(ref.tolerance.standard_error);
    expect(Math.abs(r.z - e.z)).toBeLessThanOrEqual(ref.tolerance.z);
    expect(Math.abs(r.ci95.lower - e.ci95.lower)).toBeLessThanOrEqual(ref.tolerance.ci95);
    expect(Math.abs(r.ci95.upper - e.ci95.upper)).toBeLessThanOrEqual(ref.tolerance.ci95);
    expect(Math.abs(r.local.estimate - e.local.estimate)).toBeLessThanOrEqual(1e-9);
    expect(Math.abs(r.local.standard_error - e.local.standard_error)).toBeLessThanOrEqual(1e-9);
    expect(Math.abs(r.displacement.estimate - e.displacement.estimate)).toBeLessThanOrEqual(1e-9);
    expect(Math.abs(r.displacement.standard_error - e.displacement.standard_error)).toBeLessThanOrEqual(1e-9);
  });

  it('reproduces the time-weighted and area-weighted extensions', () => {
    const [time, area] = ref.extensions;
    const t = wdd(time.counts, { time: time.time_weights });
    expect(Math.abs(t.estimate - time.expected.estimate)).toBeLessThanOrEqual(1e-9);
    expect(Math.abs(t.variance - time.expected.variance)).toBeLessThanOrEqual(1e-9);
    expect(Math.abs(t.standard_error - time.expected.standard_error)).toBeLessThanOrEqual(1e-9);
    const a = wdd(area.counts, { area: area.area_weights });
    for (const k of ['estimate', 'standard_error', 'z'] as const) expect(Math.abs(a[k] - area.expected[k]), k).toBeLessThanOrEqual(1e-9);
    expect(Math.abs(a.ci95.lower - area.expected.ci95.lower)).toBeLessThanOrEqual(1e-6);
    expect(Math.abs(a.local.estimate - area.expected.local.estimate)).toBeLessThanOrEqual(1e-9);
    expect(Math.abs(a.displacement.standard_error - area.expected.displacement.standard_error)).toBeLessThanOrEqual(1e-9);
  });

  it('reproduces the harm-weighted total', () => {
    const harm = ref.extensions[2];
    const r = wddHarm(harm.crime_types);
    expect(rel(r.estimate, harm.expected.estimate)).toBeLessThan(harm.tolerance_relative);
    expect(rel(r.standard_error, harm.expected.standard_error)).toBeLessThan(harm.tolerance_relative);
    expect(rel(r.z, harm.expected.z)).toBeLessThan(harm.tolerance_relative);
    harm.crime_types.forEach((c: { local_estimate: number; local_standard_error: number }, i: number) => {
      expect(r.parts[i].estimate).toBeCloseTo(c.local_estimate, 9);
      expect(r.parts[i].standard_error).toBeCloseTo(c.local_standard_error, 9);
    });
  });
});
