/**
 * Emerging tactics over HTTP (the dashboard's "Tactics seen" page): the `emerging_tactic` alerts of
 * a month with their phrases, method, spread over time and forces, and their records — ids only
 * for the forces whose records the caller may read, counts for every force.
 */
import { z } from 'zod';

export const EmergingTacticsQuery = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/).optional().describe('YYYY-MM (default: every month with tactics, newest first)'),
  force: z.string().optional().describe('only tactics with records in this force'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

export const TacticPhrase = z.object({
  phrase: z.string(), observed: z.number(), expected: z.number(), p: z.number(), q: z.number().describe('Holm-adjusted across the month\'s phrases'),
});

export const TacticRecordRef = z.object({ force_id: z.string(), record_id: z.string() });

export const EmergingTacticItem = z.object({
  alert_id: z.string(),
  month: z.string(),
  status: z.string(),
  review: z.string(),
  priority: z.number(),
  category: z.string(),
  category_name: z.string(),
  explanation: z.string(),
  key_phrase: z.string(),
  phrases: z.array(TacticPhrase),
  method: z.record(z.string(), z.array(z.string())).describe('values of the standard\'s method vocabulary most of its records share, by feature'),
  method_in_words: z.string(),
  observed: z.number(),
  expected: z.number(),
  q: z.number().nullable(),
  first_seen: z.string().describe('first month of its current run of months with records'),
  first_force: z.string().nullable(),
  forces: z.array(z.object({ force_id: z.string(), force_name: z.string(), records: z.number().int() })).describe('forces with its records this month, most first'),
  series: z.array(z.object({ month: z.string(), observed: z.number() })).describe("the key phrase's records nationally per month"),
  spread: z.array(z.object({ month: z.string(), force_id: z.string(), records: z.number().int() })).describe('its records per month and force, while it was rare'),
  h3_cells: z.array(z.string()).describe('H3 resolution-8 cells of its records (for the map)'),
  areas_geojson: z.record(z.string(), z.unknown()),
  record_ids: z.array(z.string()).describe('ids of its records in forces the caller may read'),
  records: z.array(TacticRecordRef),
  records_by_force: z.record(z.string(), z.number().int()).describe('its records per force, every force'),
  records_withheld: z.number().int().describe('records whose ids are withheld: forces the caller may not read records of'),
});
export type EmergingTacticItem = z.infer<typeof EmergingTacticItem>;

export const EmergingTacticPage = z.object({
  items: z.array(EmergingTacticItem),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
  months: z.array(z.string()).describe('months with emerging-tactic alerts the caller may see, newest first'),
});
export type EmergingTacticPage = z.infer<typeof EmergingTacticPage>;
