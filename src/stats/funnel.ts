/**
 * Funnel plots for comparing institutional performance (Spiegelhalter 2005, "Funnel plots for
 * comparing institutional performance", Statistics in Medicine 24:1185–1202).
 *
 * Each unit i has an indicator y_i = x_i / n_i with precision n_i; the target θ₀ is the national
 * value (Σx ÷ Σn). Control limits at precision n, by the normal approximation of §3:
 *
 * - proportion (binomial):  θ₀ ± z_p · √(φ · θ₀(1 − θ₀) / n)
 * - rate (Poisson, x counts over n units of exposure):  θ₀ ± z_p · √(φ · θ₀ / n)
 *
 * with z_p = 1.959964 (95 %, p = 0.025 each side) and 3.090232 (99.8 %, p = 0.001 each side), and φ
 * the multiplicative over-dispersion of §5 (1 when none is allowed for). Lower limits are floored at
 * 0 and proportions' upper limits capped at 1.
 *
 * Over-dispersion (§5; Spiegelhalter, QSHC 2005 14:347–351): z-scores z_i = (y_i − θ₀)/√(V(θ₀)/n_i)
 * are Winsorised at their 10th and 90th percentiles, φ̂ = Σ z_i² / I over the I units, and φ = φ̂
 * when φ̂ > 1, else 1 — so that forces with large denominators are not all "outside" merely because
 * real forces differ by more than binomial chance.
 */
import { qnorm } from './dist.ts';

export const FUNNEL_PLACES = ['inside', 'above_95', 'above_998', 'below_95', 'below_998'] as const;
export type FunnelPlace = (typeof FUNNEL_PLACES)[number];

export interface FunnelTarget {
  /** θ₀, the target (national) value. */
  readonly target: number;
  /** Variance model: binomial proportion or Poisson rate per unit of n. */
  readonly kind: 'proportion' | 'rate';
  /** Multiplicative over-dispersion φ ≥ 1 (1 for none). */
  readonly phi: number;
}

export interface FunnelLimits {
  readonly lower95: number;
  readonly upper95: number;
  readonly lower998: number;
  readonly upper998: number;
}

const Z95 = qnorm(0.975);
const Z998 = qnorm(0.999);

function variance(t: FunnelTarget): number {
  return t.kind === 'proportion' ? t.target * (1 - t.target) : t.target;
}

/** The 95 % and 99.8 % limits at precision n (n > 0). */
export function funnelLimits(t: FunnelTarget, n: number): FunnelLimits {
  if (!(n > 0)) throw new Error(`funnelLimits: precision n = ${n} must be positive`);
  const se = Math.sqrt((t.phi * variance(t)) / n);
  const cap = t.kind === 'proportion' ? 1 : Infinity;
  const clamp = (v: number) => Math.min(cap, Math.max(0, v));
  return { lower95: clamp(t.target - Z95 * se), upper95: clamp(t.target + Z95 * se), lower998: clamp(t.target - Z998 * se), upper998: clamp(t.target + Z998 * se) };
}

/** Where a value y at precision n falls against the limits. A value on a limit is inside it. */
export function funnelPlace(t: FunnelTarget, y: number, n: number): FunnelPlace {
  const l = funnelLimits(t, n);
  if (y > l.upper998) return 'above_998';
  if (y > l.upper95) return 'above_95';
  if (y < l.lower998) return 'below_998';
  if (y < l.lower95) return 'below_95';
  return 'inside';
}

/**
 * φ of §5 for units (y_i, n_i) against target θ₀: the mean squared Winsorised z-score, or 1 when
 * that is not above 1, when there are fewer than 3 units, or when θ₀ is 0 (or 1 for a proportion).
 */
export function funnelOverdispersion(units: ReadonlyArray<{ readonly y: number; readonly n: number }>, target: number, kind: FunnelTarget['kind']): number {
  const v = kind === 'proportion' ? target * (1 - target) : target;
  const used = units.filter((u) => u.n > 0);
  if (used.length < 3 || !(v > 0)) return 1;
  const z = used.map((u) => (u.y - target) / Math.sqrt(v / u.n));
  const sorted = z.slice().sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
  const lo = at(0.1);
  const hi = at(0.9);
  let s = 0;
  for (const zi of z) {
    const w = Math.min(hi, Math.max(lo, zi));
    s += w * w;
  }
  const phi = s / z.length;
  return phi > 1 ? phi : 1;
}
