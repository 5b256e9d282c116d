/**
 * The schema of `truth.json`, as zod; `docs/truth.schema.json` is generated from it
 * (`node bin/run-ts.mjs src/synth/scripts/write-truth-schema.ts`) and a test keeps the two equal.
 */
import { z } from 'zod';
import { TERRITORIAL_FORCE_IDS } from '../standard/index.ts';
import { SYNTH_CATEGORIES } from './calibration.ts';

const force = z.enum(TERRITORIAL_FORCE_IDS as [string, ...string[]]).describe('force slug (data.police.uk)');
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/).describe('YYYY-MM');
const category = z.enum(SYNTH_CATEGORIES).describe('crime category code of the national standard');
const lsoa = z.string().regex(/^[EW]01\d{6}$/).describe('LSOA code (synthetic range E01100000+ / W01100000+)');
const h3 = z.string().regex(/^8[0-9a-f]{14}$/).describe('H3 cell index, resolution 8, hex');
const share = z.number().min(0).max(1);
const count = z.number().int().min(0);

export const TruthSchema = z.object({
  schema_version: z.literal(1),
  generator: z.literal('peel synth'),
  seed: z.number().int().min(0).max(4294967295),
  scale: z.number().positive(),
  start_month: month,
  end_month: month,
  forces: z.array(force).min(1),
  emerging_clusters: z.array(z.object({
    id: z.string().regex(/^cluster-\d{2,}$/),
    force_id: force,
    category,
    category_name: z.string(),
    start_month: month,
    end_month: month,
    areas: z.array(lsoa).min(1),
    h3_r8: z.array(h3).min(1),
    relative_risk: z.number().min(1.5).max(4),
    expected_baseline_per_month: z.number().min(0),
    expected_excess_total: z.number().min(0),
  }).strict()).describe('space-time clusters injected mid-series: the rate of category in areas is relative_risk times background from start_month to end_month'),
  missing_months: z.array(z.object({ force_id: force, months: z.array(month).min(1) }).strict()).describe('force-months whose three files were not written'),
  recording_shifts: z.array(z.object({
    force_id: force,
    category,
    from_category: category,
    from_month: month,
    transfer_fraction: share,
    expected_share_before: share,
    expected_share_after: share,
  }).strict()).describe('from from_month the force records transfer_fraction of from_category as category'),
  quirk_rates: z.object({ no_location: share, duplicate_crime_id: share, cross_border: share, asb_share: share }).strict()
    .describe('shares of street rows as written: No Location, extra copies of a Crime ID, placed in a neighbouring force, anti-social behaviour'),
  counts: z.object({
    street_rows: count, asb_rows: count, no_location_rows: count, duplicate_id_rows: count, cross_border_rows: count,
    outcome_rows: count, stop_search_rows: count, narrative_records: count, files: count,
  }).strict(),
  narratives: z.object({
    cross_force_offenders: z.array(z.unknown()),
    duplicate_incidents: z.array(z.unknown()),
    emerging_mo: z.array(z.unknown()),
    emerging_tactics: z.array(z.object({
      tactic_id: z.string().min(1),
      description: z.string().min(1),
      category,
      first_month: month,
      five_records_month: month.nullable().describe('the first month with 5 or more of its records nationally: a detector should find it by then'),
      origin_force: force,
      forces: z.array(force).min(1).describe('forces with its records: the origin, then the neighbours in the order it reached them'),
      record_ids: z.array(z.string().min(1)).min(1).describe('its records, as in narratives/records.ndjson'),
      key_phrases: z.array(z.string().min(1)),
      monthly: z.array(z.object({ month, records: count, forces: z.array(force).min(1) }).strict()),
    }).strict()).describe('new methods planted in the narratives: each starts in one force in first_month and spreads to its neighbours'),
    series: z.array(z.object({
      series_id: z.string(),
      record_ids: z.array(z.string()).min(2),
      forces: z.array(force).min(1),
      category,
      description: z.string(),
      first_seen: z.string(),
      last_seen: z.string(),
    }).strict()).describe('crime series: one offender\'s crimes sharing a method, clustered in space and time, some across a force border (record ids as in the narratives files)'),
  }).nullable().describe('the narrative generator\'s truth, or null when no narratives were written'),
  tactic_trials: z.array(z.object({
    force,
    lsoas: z.array(lsoa).min(1),
    category,
    start: month,
    end: month,
    factor: z.number().positive().max(1),
    removed: count,
  }).strict()).describe('tactic trials planted with a known effect: from start to end, each crime of category in lsoas is kept with probability factor (a rate ratio of factor); removed counts the crimes taken out'),
}).strict();

/** The JSON Schema (draft 2020-12) of truth.json. */
export function truthJsonSchema(): Record<string, unknown> {
  return {
    $id: 'https://peel.police.uk/schemas/synth-truth-1.json',
    title: 'Peel synthetic data set: injected truth (truth.json)',
    ...(z.toJSONSchema(TruthSchema) as Record<string, unknown>),
  };
}
