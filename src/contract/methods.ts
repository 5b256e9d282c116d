/**
 * Crime series (comparative case analysis) as `peel records series --json` prints them and the API
 * will serve them: crimes linked by a shared method, distance and time (src/methods, docs/methods.md).
 */
import { z } from 'zod';

export const CrimeSeries = z.object({
  series_id: z.string().describe('stable for the same set of records: SER- and 10 hex digits of a hash of the record ids'),
  record_ids: z.array(z.string()).min(2).describe('record ids, in time order'),
  forces: z.array(z.string()).min(1).describe('force slugs of the records, in order of first appearance'),
  score: z.number().min(0).max(1).describe('mean linkage probability over every pair of the series\' records'),
  method: z.record(z.string(), z.string()).describe('for each method feature at least half the records share: its values, joined by "+", e.g. {"entry_method": "lock_snapped", "vehicle": "silver+van"}'),
  first_seen: z.string().describe('occurred_at of the first record, ISO 8601 UTC'),
  last_seen: z.string().describe('occurred_at of the last record, ISO 8601 UTC'),
  explanation: z.string().describe('in words: how many crimes, where, when, how far apart, and the method they share'),
}).strict();
export type CrimeSeries = z.infer<typeof CrimeSeries>;

export const CrimeSeriesList = z.object({ series: z.array(CrimeSeries) }).strict();
export type CrimeSeriesList = z.infer<typeof CrimeSeriesList>;
