/**
 * The weighted displacement difference test (Wheeler & Ratcliffe, 2018, "A simple weighted
 * displacement difference test to evaluate place based crime interventions", Crime Science 7:11),
 * as in the R package ptools (`wdd`, `wdd_harm`):
 *
 *   WDD = (T₁ − T₀) − (Ct₁ − Ct₀) + (D₁ − D₀) − (Cd₁ − Cd₀)
 *
 * with T the treated area, Ct its control, D the displacement (buffer) area and Cd its control,
 * 0 before and 1 after. Counts are independent Poisson, so Var(WDD) is the sum of the counts; a
 * time weight (period length) or area weight divides each count, and its square each variance
 * term. Negative is fewer crimes than the controls' trends predict. Also the weighted displacement
 * quotient (Bowers & Johnson, 2003): WDQ = (D₁/Cd₁ − D₀/Cd₀) / (T₁/Ct₁ − T₀/Ct₀) — above 0 a
 * diffusion of benefit, below 0 displacement (meaningful when the treated area improved).
 */
import { pnorm } from './dist.ts';

export interface BeforeAfter {
  readonly before: number;
  readonly after: number;
}

export interface WddCounts {
  readonly treated: BeforeAfter;
  readonly control: BeforeAfter;
  readonly displacement?: BeforeAfter;
  readonly displacement_control?: BeforeAfter;
}

export interface WddWeights {
  /** Period lengths: each before count is divided by `before`, each after count by `after`. */
  readonly time?: BeforeAfter;
  /** Area sizes: each area's counts divided by its area. */
  readonly area?: Partial<Record<keyof WddCounts, number>>;
}

export interface WddPart {
  readonly estimate: number;
  readonly variance: number;
  readonly standard_error: number;
}

export interface WddResult extends WddPart {
  readonly z: number;
  readonly p_value: number;
  readonly ci95: { readonly lower: number; readonly upper: number };
  /** Treated against control only. */
  readonly local: WddPart;
  /** Displacement area against its control (zero when there is none). */
  readonly displacement: WddPart;
  /** Weighted displacement quotient, null without a displacement area or when undefined. */
  readonly wdq: number | null;
}

const Z95 = 1.959963984540054;

function part(a: BeforeAfter, c: BeforeAfter, tw: BeforeAfter, aw: number, cw: number): WddPart {
  const est = (a.after / tw.after - a.before / tw.before) / aw - (c.after / tw.after - c.before / tw.before) / cw;
  const variance = (a.after / tw.after ** 2 + a.before / tw.before ** 2) / aw ** 2 + (c.after / tw.after ** 2 + c.before / tw.before ** 2) / cw ** 2;
  return { estimate: est, variance, standard_error: Math.sqrt(variance) };
}

function checkCount(name: string, v: BeforeAfter | undefined): void {
  if (!v) return;
  for (const k of ['before', 'after'] as const) {
    if (!Number.isFinite(v[k]) || v[k] < 0) throw new Error(`WDD: ${name}.${k} must be a non-negative count, not ${v[k]}`);
  }
}

/** The WDD test with its local and displacement parts; see the module comment. */
export function wdd(counts: WddCounts, weights: WddWeights = {}): WddResult {
  for (const k of ['treated', 'control', 'displacement', 'displacement_control'] as const) checkCount(k, counts[k]);
  if ((counts.displacement === undefined) !== (counts.displacement_control === undefined)) {
    throw new Error('WDD: give both displacement and displacement_control, or neither');
  }
  const tw = weights.time ?? { before: 1, after: 1 };
  const aw = (k: keyof WddCounts) => weights.area?.[k] ?? 1;
  const local = part(counts.treated, counts.control, tw, aw('treated'), aw('control'));
  const disp = counts.displacement && counts.displacement_control
    ? part(counts.displacement, counts.displacement_control, tw, aw('displacement'), aw('displacement_control'))
    : { estimate: 0, variance: 0, standard_error: 0 };
  const estimate = local.estimate + disp.estimate;
  const variance = local.variance + disp.variance;
  const se = Math.sqrt(variance);
  const z = estimate / se;
  let wdq: number | null = null;
  if (counts.displacement && counts.displacement_control) {
    const t = counts.treated, c = counts.control, d = counts.displacement, cd = counts.displacement_control;
    const success = t.after / c.after - t.before / c.before;
    const buffer = d.after / cd.after - d.before / cd.before;
    wdq = Number.isFinite(success) && Number.isFinite(buffer) && success !== 0 ? buffer / success : null;
  }
  return {
    estimate, variance, standard_error: se, z,
    p_value: 2 * pnorm(-Math.abs(z)),
    ci95: { lower: estimate - Z95 * se, upper: estimate + Z95 * se },
    local, displacement: disp, wdq,
  };
}

export interface HarmWddType {
  readonly label: string;
  readonly treated: BeforeAfter;
  readonly control: BeforeAfter;
  readonly harm_weight: number;
}

/** Harm-weighted WDD (ptools `wdd_harm`): Σ weight × local WDD, SE √Σ weight² × se². */
export function wddHarm(types: readonly HarmWddType[]): WddPart & { z: number; ci95: { lower: number; upper: number }; parts: Array<WddPart & { label: string }> } {
  const parts = types.map((t) => ({ label: t.label, ...wdd({ treated: t.treated, control: t.control }).local }));
  const estimate = types.reduce((s, t, i) => s + t.harm_weight * parts[i].estimate, 0);
  const variance = types.reduce((s, t, i) => s + t.harm_weight ** 2 * parts[i].variance, 0);
  const se = Math.sqrt(variance);
  return { estimate, variance, standard_error: se, z: estimate / se, ci95: { lower: estimate - Z95 * se, upper: estimate + Z95 * se }, parts };
}
