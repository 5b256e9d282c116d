/**
 * The options of a synthetic run (`synthesize`), their defaults and checks, and what a run reports:
 * its progress after each force-month and its summary at the end.
 */
import { PeelError, TERRITORIAL_FORCE_IDS, getForce, isForceId, isMonth, type ForceId } from '../standard/index.ts';
import type { SynthCounts } from './truth.ts';

/** Options of `synthesize`; every field but `out` has a default (`SYNTH_DEFAULTS`). */
export interface SynthOptions {
  /** Output directory (created; must be empty or hold an earlier synthetic set, see `overwrite`). */
  readonly out: string;
  /** PRNG seed, integer 0..2^32−1. */
  readonly seed?: number;
  /** Last month of the series, `YYYY-MM`. */
  readonly endMonth?: string;
  /** Number of months, ending at `endMonth`. */
  readonly months?: number;
  /** Territorial forces to generate, or `'all'` (the 43). */
  readonly forces?: 'all' | readonly ForceId[];
  /** Volume multiplier: 1.0 is real national volume (about 6.3 million street rows a year). */
  readonly scale?: number;
  /** Narrative records to write (0 skips narratives). */
  readonly narratives?: number;
  /** Replace an earlier synthetic set in `out` (only the files a synthetic set consists of). */
  readonly overwrite?: boolean;
}

export const SYNTH_DEFAULTS = {
  seed: 1,
  endMonth: '2024-12',
  months: 36,
  forces: 'all',
  scale: 1,
  narratives: 2000,
} as const;

/** Progress of a run: `done` of `total` force-months written, and rows so far. */
export interface SynthProgress {
  readonly phase: 'geography' | 'records' | 'narratives' | 'done';
  readonly force?: ForceId;
  readonly month?: string;
  readonly done: number;
  readonly total: number;
  readonly rows: number;
}

export interface SynthSummary extends SynthCounts {
  readonly out: string;
  readonly seed: number;
  readonly start_month: string;
  readonly end_month: string;
  readonly forces: readonly ForceId[];
  readonly bytes: number;
  readonly truth: string;
}

/** Options after defaults and validation. */
export interface ResolvedSynthOptions {
  readonly out: string;
  readonly seed: number;
  readonly endMonth: string;
  readonly months: number;
  readonly forces: readonly ForceId[];
  readonly scale: number;
  readonly narratives: number;
  readonly overwrite: boolean;
}

/** Applies defaults and checks every option; a bad value is a `bad_input` PeelError naming it. */
export function resolveSynthOptions(o: SynthOptions): ResolvedSynthOptions {
  const seed = o.seed ?? SYNTH_DEFAULTS.seed;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new PeelError('bad_input', `seed must be an integer from 0 to 4294967295, got "${seed}"`);
  const endMonth = o.endMonth ?? SYNTH_DEFAULTS.endMonth;
  if (!isMonth(endMonth)) throw new PeelError('bad_input', `end month must be YYYY-MM, got "${endMonth}"`);
  const months = o.months ?? SYNTH_DEFAULTS.months;
  if (!Number.isInteger(months) || months < 1 || months > 240) throw new PeelError('bad_input', `months must be an integer from 1 to 240, got "${months}"`);
  const scale = o.scale ?? SYNTH_DEFAULTS.scale;
  if (!Number.isFinite(scale) || scale <= 0 || scale > 10) throw new PeelError('bad_input', `scale must be a number above 0 and at most 10, got "${scale}"`);
  const narratives = o.narratives ?? SYNTH_DEFAULTS.narratives;
  if (!Number.isInteger(narratives) || narratives < 0) throw new PeelError('bad_input', `narratives must be a whole number of records, got "${narratives}"`);
  const f = o.forces ?? SYNTH_DEFAULTS.forces;
  let forces: ForceId[];
  if (f === 'all') forces = [...TERRITORIAL_FORCE_IDS];
  else {
    if (f.length === 0) throw new PeelError('bad_input', 'forces must name at least one force');
    for (const id of f) {
      if (!isForceId(id)) throw new PeelError('bad_input', `unknown force "${id}"`);
      if (!getForce(id)!.territorial) throw new PeelError('bad_input', `force "${id}" has no territory; synthetic data covers the 43 territorial forces`);
    }
    // Registry order, no repeats: the output must not depend on how the list was spelt.
    forces = TERRITORIAL_FORCE_IDS.filter((id) => f.includes(id));
  }
  if (!o.out) throw new PeelError('bad_input', 'an output directory is required');
  return { out: o.out, seed, endMonth, months, forces, scale, narratives, overwrite: o.overwrite ?? false };
}
