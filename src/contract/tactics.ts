/**
 * What works: the shapes of a synthetic-control spec (`peel analyse synth --spec`), the engines'
 * outputs, the tactic library, trial registrations and evaluations, and the versioned sharing
 * document (`peel tactics export` / `import`). The CLI validates files with these; the API and the
 * dashboard use the same types.
 */
import { z } from 'zod';

const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month as YYYY-MM');

export const SynthPredictor = z.object({
  column: z.string().min(1),
  op: z.literal('mean').default('mean'),
  periods: z.array(z.number()).min(1),
  special: z.boolean().optional(),
});

const SynthCore = z.object({
  predictors: z.array(SynthPredictor).min(1),
  optimise_periods: z.array(z.number()).min(1),
});

/** The shape of ../shared/reference/tactics/basque.json (extra fields such as `expected` are ignored). */
export const SynthSpec = SynthCore.extend({
  dataset: z.string().min(1).describe('the panel CSV, relative to the spec file'),
  unit_column: z.string().min(1),
  time_column: z.string().min(1),
  outcome: z.string().min(1),
  treated: z.string().min(1),
  controls: z.array(z.string().min(1)).min(1),
  treatment_time: z.number(),
  inference_time: z.number().optional().describe('first post period for the placebo ratio (default treatment_time)'),
  v_from_training: SynthCore.partial().optional().describe('a training set-up (predictors, optimise periods) whose fitted V is reused for the final weights'),
  placebos: z.boolean().default(true),
});
export type SynthSpec = z.infer<typeof SynthSpec>;

export const SynthOutput = z.object({
  weights: z.record(z.string(), z.number()),
  v: z.record(z.string(), z.number()),
  gaps: z.record(z.string(), z.number()),
  synthetic: z.record(z.string(), z.number()),
  pre_rmspe: z.number(),
  post_rmspe: z.number(),
  att: z.object({ from: z.number(), estimate: z.number(), standard_error: z.number() }),
  predictor_table: z.array(z.object({ predictor: z.string(), treated: z.number(), control_mean: z.number(), synthetic: z.number() })),
  placebo: z.object({ p: z.number(), ratio_rank: z.number().int(), placebos: z.number().int(), ratios: z.record(z.string(), z.number()) }).nullable(),
});
export type SynthOutput = z.infer<typeof SynthOutput>;

const BeforeAfter = z.object({ before: z.number().nonnegative(), after: z.number().nonnegative() });
/** The eight counts of ../shared/reference/tactics/wdd.json (displacement areas optional). */
export const WddInput = z.object({
  counts: z.object({ treated: BeforeAfter, control: BeforeAfter, displacement: BeforeAfter.optional(), displacement_control: BeforeAfter.optional() }),
  time_weights: BeforeAfter.optional(),
  area_weights: z.record(z.enum(['treated', 'control', 'displacement', 'displacement_control']), z.number().positive()).optional(),
});
export type WddInput = z.infer<typeof WddInput>;

// ---------------------------------------------------------------- the library and trials

export const EVIDENCE_QUALITY = ['strong', 'moderate', 'limited', 'very limited', 'none'] as const;
const EmmieItem = z.object({ summary: z.string(), evidence_quality: z.enum(EVIDENCE_QUALITY) });

export const Tactic = z.object({
  tactic_id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string(),
  problem: z.string(),
  mechanism: z.string(),
  emmie: z.object({ effect: EmmieItem, mechanism: EmmieItem, moderators: EmmieItem, implementation: EmmieItem, economic_cost: EmmieItem }),
  maryland_level: z.number().int().min(1).max(5).describe('Maryland Scientific Methods Scale level of the best evidence'),
  references: z.array(z.string()),
  cost: z.string(),
});
export type Tactic = z.infer<typeof Tactic>;

export const TrialRegistration = z.object({
  tactic_id: z.string(),
  force_id: z.string(),
  title: z.string(),
  treated_lsoas: z.array(z.string().regex(/^[EW]01\d{6}$/)).min(1),
  start: Month,
  end: Month,
  categories: z.array(z.string()).min(1),
  buffer_m: z.number().positive().default(500),
  comparison_forces: z.array(z.string()).min(1).describe('forces whose untreated areas may serve as comparisons'),
  allocation: z.enum(['comparison', 'randomised']).default('comparison'),
});
export type TrialRegistration = z.infer<typeof TrialRegistration>;

export const Trial = z.object({
  trial_id: z.string(),
  registration: TrialRegistration,
  registration_hash: z.string().describe('sha256 of the registration as first registered (canonical JSON)'),
  registered_at: z.string(),
  registered_by: z.string(),
  amendments: z.array(z.object({ at: z.string(), by: z.string(), reason: z.string(), registration: TrialRegistration, hash: z.string() })),
});
export type Trial = z.infer<typeof Trial>;

export const Evaluation = z.object({
  trial_id: z.string(),
  evaluated_at: z.string(),
  registration_hash: z.string().describe('the registration (latest amendment) this evaluation used'),
  months: z.array(Month),
  treated_series: z.array(z.number()),
  synthetic_series: z.array(z.number()),
  comparison_series: z.array(z.number()),
  synth: z.object({
    weights: z.record(z.string(), z.number()),
    pre_rmspe: z.number(),
    post_rmspe: z.number(),
    effect: z.number().describe('post-period treated ÷ synthetic − 1'),
    placebo_p: z.number(),
    ratio_rank: z.number().int(),
    placebos: z.number().int(),
  }),
  did: z.object({
    rate_ratio: z.number(),
    ci95: z.object({ lower: z.number(), upper: z.number() }).describe('calibrated on placebo groups of untreated areas'),
    p_value: z.number().describe('share of placebo groups with an estimate at least as far from no change'),
    model_ci95: z.object({ lower: z.number(), upper: z.number() }).describe('the quasi-Poisson model\'s own interval (month-to-month noise only)'),
    model_p_value: z.number(),
    placebos: z.number().int(),
    dispersion: z.number(),
    pre_trend: z.object({ per_month: z.number(), p_value: z.number() }).nullable(),
    comparison_lsoas: z.array(z.string()),
  }),
  displacement: z.object({
    buffer_lsoas: z.array(z.string()),
    wdd: z.object({ estimate: z.number(), standard_error: z.number(), z: z.number(), p_value: z.number() }).describe('the whole WDD: the treated areas against their control plus the buffer against its own'),
    buffer: z.object({ estimate: z.number(), standard_error: z.number() }).optional().describe('the buffer\'s part alone: its change beyond its control\'s, crimes per area per month (negative: fewer, a diffusion of benefit)'),
    wdq: z.number().nullable(),
  }),
  card: z.object({
    effect: z.string(),
    mechanism: z.string(),
    moderators: z.string(),
    implementation: z.string(),
    economic_cost: z.string(),
    maryland_level: z.number().int(),
    in_words: z.string(),
  }),
});
export type Evaluation = z.infer<typeof Evaluation>;

export const TACTICS_DOCUMENT_VERSION = 1;
/** The sharing document: a tactic, its trials and evaluations, and a content hash over them. */
export const TacticsDocument = z.object({
  format: z.literal('peel-tactics'),
  version: z.literal(TACTICS_DOCUMENT_VERSION),
  exported_at: z.string(),
  exported_by_force: z.string().nullable(),
  tactic: Tactic,
  trials: z.array(Trial),
  evaluations: z.array(Evaluation),
  content_hash: z.string().describe('sha256 of the canonical JSON of {tactic, trials, evaluations}'),
});
export type TacticsDocument = z.infer<typeof TacticsDocument>;
