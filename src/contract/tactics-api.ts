/**
 * What works over HTTP: the shapes of the tactics and trials routes (`src/api/routes-tactics.ts`),
 * built on the engine's own schemas in `tactics.ts` so the API, the client and the dashboard share
 * one definition of a tactic, a trial and an evaluation.
 */
import { z } from 'zod';
import { Evaluation, Tactic, Trial } from './tactics.ts';

export { Problem } from './schemas.ts';

/** A library tactic with where it came from (`builtin`, `local`, or the force it was imported from). */
export const LibraryTactic = Tactic.extend({ origin: z.string() });
export type LibraryTactic = z.infer<typeof LibraryTactic>;

export const TacticList = z.object({ items: z.array(LibraryTactic), total: z.number().int() });
export type TacticList = z.infer<typeof TacticList>;

export const TacticParams = z.object({ id: z.string().min(1) });
export const TrialParams = z.object({ id: z.string().min(1) });
export const ExportQuery = z.object({ force: z.string().optional().describe('only this force\'s trials (a force-scoped caller holding several forces must name one)') });
export const TrialsQuery = z.object({
  force: z.string().optional().describe('comma-separated force slugs'),
  tactic: z.string().optional().describe('only trials of this tactic'),
});

/** The headline of a trial's latest evaluation, for lists. */
export const EvaluationSummary = z.object({
  evaluated_at: z.string(),
  registration_hash: z.string(),
  rate_ratio: z.number(),
  ci95: z.object({ lower: z.number(), upper: z.number() }),
  p_value: z.number(),
  synth_effect: z.number(),
  placebo_p: z.number(),
  in_words: z.string(),
});
export type EvaluationSummary = z.infer<typeof EvaluationSummary>;

export const TrialSummary = z.object({
  trial: Trial,
  /** The hash of the registration in force (the latest amendment, else the original). */
  current_hash: z.string(),
  evaluation: EvaluationSummary.nullable(),
});
export type TrialSummary = z.infer<typeof TrialSummary>;

export const TrialList = z.object({ items: z.array(TrialSummary), total: z.number().int() });
export type TrialList = z.infer<typeof TrialList>;

/** One trial: its registration with amendments, and its latest evaluation with the series. */
export const TrialDetail = z.object({
  trial: Trial,
  current_hash: z.string(),
  tactic: Tactic.nullable(),
  evaluation: Evaluation.nullable(),
});
export type TrialDetail = z.infer<typeof TrialDetail>;
