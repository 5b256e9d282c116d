/**
 * The productivity routes' contract (docs/productivity.md): the report of every measure per force
 * against its comparison group and the nation, the funnel curves, the monthly trends, the
 * standard's definitions and the comparison groups.
 */
import { z } from 'zod';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const Month = z.string().regex(MONTH, 'must be a month as YYYY-MM');
const num = z.number().nullable();

export const FunnelPlace = z.enum(['inside', 'above_95', 'above_998', 'below_95', 'below_998']);

export const ProductivityQuery = z.object({
  from: Month.optional().describe('first crime month (default: 12 months ending at `to`)'),
  to: Month.optional().describe('last crime month (default: the latest street month held)'),
  force: z.string().optional().describe('force slugs, comma-separated: only their rows (national and group values use every force)'),
  category: z.string().optional().describe('crime category codes, comma-separated: only their rows besides all categories'),
  measure: z.string().optional().describe('measure ids, comma-separated'),
});

export const MeasureRow = z.object({
  measure: z.string(),
  force_id: z.string().nullable().describe('null for the national row'),
  category: z.string().nullable().describe('null for all categories'),
  numerator: z.number(),
  denominator: z.number(),
  value: num,
  lower: num.describe('95 % interval (Wilson for proportions)'),
  upper: num,
  group_id: z.string().nullable(),
  group_value: num,
  national_value: num,
  funnel: FunnelPlace.nullable().describe('place on the funnel plot (Spiegelhalter 2005); null for durations and national rows'),
});
export type MeasureRow = z.infer<typeof MeasureRow>;

export const FunnelCurve = z.object({
  measure: z.string(),
  category: z.string().nullable(),
  national_value: z.number(),
  phi: z.number().describe('multiplicative over-dispersion the limits are widened by'),
  points: z.array(z.object({ n: z.number(), lower95: z.number(), upper95: z.number(), lower998: z.number(), upper998: z.number() })),
});

export const ForceGroup = z.object({
  force_id: z.string(),
  group_id: z.string(),
  members: z.array(z.string()),
  source: z.string(),
  distances: z.array(z.number()).nullable(),
});

export const ComparisonGroups = z.object({
  method: z.string(),
  groups: z.array(ForceGroup),
  inputs: z.array(z.object({ force_id: z.string(), crimes_per_month: z.number(), crimes_per_lsoa: z.number(), mix: z.record(z.string(), z.number()) })),
});

export const ProductivityReport = z.object({
  standard_version: z.string(),
  from: z.string(),
  to: z.string(),
  measures: z.array(MeasureRow),
  funnels: z.array(FunnelCurve),
  groups: ComparisonGroups,
  unknown_outcome_rows: z.array(z.object({ force_id: z.string(), rows: z.number() })),
  notes: z.array(z.string()),
});
export type ProductivityReport = z.infer<typeof ProductivityReport>;

export const TrendsQuery = z.object({
  from: Month.optional(),
  to: Month.optional(),
  force: z.string().optional().describe('force slugs, comma-separated (the national series is always given)'),
  measure: z.string().optional(),
});

export const TrendReport = z.object({
  from: z.string(),
  to: z.string(),
  series: z.array(z.object({
    measure: z.string(),
    force_id: z.string().nullable(),
    points: z.array(z.object({ month: z.string(), numerator: z.number(), denominator: z.number(), value: num })),
    mann_kendall: z.object({ n: z.number(), S: z.number(), z: num, p: num, tau_b: num }),
    sen_slope: num,
  })),
});
export type TrendReport = z.infer<typeof TrendReport>;

export const MeasureDefinition = z.object({
  id: z.string(), name: z.string(), kind: z.enum(['proportion', 'rate', 'duration']), higherIsBetter: z.boolean().nullable(), byCategory: z.boolean(),
  numerator: z.string(), denominator: z.string(), timeBasis: z.string(), definition: z.string(),
});

export const Standard = z.object({
  standard_version: z.string(),
  measures: z.array(MeasureDefinition),
  outcome_groups: z.record(z.string(), z.string()),
  harm_weights: z.record(z.string(), z.number()),
});
export type Standard = z.infer<typeof Standard>;
