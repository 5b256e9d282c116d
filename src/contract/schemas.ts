/**
 * The API's contract: every request and response shape, in zod. The OpenAPI 3 document at
 * `/docs/json` is generated from these, and the typed client (`src/client/`) takes its types
 * from them (`z.infer`), so the dashboard, the CLI and the server cannot drift apart.
 *
 * Query strings arrive as text: numbers are coerced, lists are comma-separated and checked
 * against the national standard by the route (so the problem names the bad value).
 */
import { z } from 'zod';

// ---------------------------------------------------------------- errors

/** RFC 9457 problem details, with Peel's stable `code` and the offending `field` when there is one. */
export const Problem = z.object({
  type: z.string().describe('a URI naming the kind of problem (about:blank or urn:peel:problem:<code>)'),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  instance: z.string().optional(),
  code: z.string().describe('Peel error code, stable across versions (bad_input, not_found, not_implemented, ...)'),
  field: z.string().optional().describe('the request field that was wrong, e.g. "query.from"'),
  errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
});
export type Problem = z.infer<typeof Problem>;

// ---------------------------------------------------------------- shared pieces

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
export const MonthParam = z.string().regex(MONTH, 'must be a month as YYYY-MM');

export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(5000).default(100).describe('rows per page (1..5000)'),
  offset: z.coerce.number().int().min(0).default(0).describe('rows to skip'),
});

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int().describe('rows matching, across all pages'),
    limit: z.number().int(),
    offset: z.number().int(),
  });
}
export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export const DatasetKind = z.enum(['street', 'outcomes', 'stop_search']);
export type DatasetKind = z.infer<typeof DatasetKind>;

// ---------------------------------------------------------------- health, standard

export const Health = z.object({
  status: z.literal('ok'),
  version: z.string(),
  standard_version: z.number().int(),
  store: z.object({
    migrations: z.number().int(),
    forces_loaded: z.number().int(),
    latest_month: z.string().nullable(),
    detection_month: z.string().nullable().describe('the month the latest detection run tested (the dashboard\'s "this month")'),
  }),
  sign_in_required: z.boolean().describe('whether this server runs the access plugin (sessions and tokens); false only in development'),
  capabilities: z.record(z.string(), z.object({ available: z.boolean(), detail: z.string().nullable() }))
    .describe('optional capabilities (alerts, quality, geography): whether this server has them wired, and if not, why'),
});
export type Health = z.infer<typeof Health>;

export const Category = z.object({ id: z.string(), name: z.string(), current: z.boolean() });
export type Category = z.infer<typeof Category>;

// ---------------------------------------------------------------- forces and coverage

export const Force = z.object({
  id: z.string(),
  name: z.string(),
  pfa: z.string().nullable(),
  region: z.string().nullable(),
  country: z.string(),
  territorial: z.boolean(),
  months: z.number().int().describe('months with any data'),
  first_month: z.string().nullable(),
  last_month: z.string().nullable(),
  rows: z.object({ street: z.number(), outcomes: z.number(), stop_search: z.number() }),
});
export type Force = z.infer<typeof Force>;

export const ForcesQuery = PageQuery.extend({
  loaded: z.enum(['true', 'false']).optional().describe('true: only forces with data; false: only forces without'),
});

export const ForceDetail = Force.extend({ month_list: z.array(z.string()) });
export type ForceDetail = z.infer<typeof ForceDetail>;

export const ForceParams = z.object({ force: z.string().describe('data.police.uk force slug, e.g. gwent') });

export const CoverageCell = z.object({
  force_id: z.string(),
  kind: DatasetKind,
  month: z.string(),
  rows: z.number(),
  batch_id: z.string(),
});
export type CoverageCell = z.infer<typeof CoverageCell>;

export const CoverageQuery = PageQuery.extend({
  force: z.string().optional(),
  kind: DatasetKind.optional(),
});
export const CoveragePage = pageOf(CoverageCell).extend({
  months: z.array(z.string()).describe('every month from the first to the last held, gaps included'),
});
export type CoveragePage = z.infer<typeof CoveragePage>;

// ---------------------------------------------------------------- cube and layers

export const CubeArea = z.enum(['force', 'lsoa', 'h3_r8']);
export type CubeArea = z.infer<typeof CubeArea>;

export const CubeQuery = PageQuery.extend({
  force: z.string().optional().describe('force slugs, comma-separated'),
  category: z.string().optional().describe('crime category codes, comma-separated'),
  from: MonthParam.optional(),
  to: MonthParam.optional(),
  area: CubeArea.default('force'),
  areas: z.string().optional().describe('LSOA codes or H3 cells, comma-separated (with area=lsoa or h3_r8)'),
});
export const CubeRow = z.object({
  force_id: z.string(),
  month: z.string(),
  category: z.string(),
  area_id: z.string().nullable(),
  n: z.number(),
});
export type CubeRow = z.infer<typeof CubeRow>;
export const CubePage = pageOf(CubeRow);
export type CubePage = z.infer<typeof CubePage>;

export const H3LayerQuery = z.object({
  force: z.string().optional().describe('force slugs, comma-separated'),
  category: z.string().optional(),
  from: MonthParam.optional(),
  to: MonthParam.optional(),
  limit: z.coerce.number().int().min(1).max(20000).default(3000).describe('the busiest cells first'),
  offset: z.coerce.number().int().min(0).default(0),
});

const Position = z.tuple([z.number(), z.number()]);
export const H3Feature = z.object({
  type: z.literal('Feature'),
  id: z.string(),
  geometry: z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(Position)) }),
  properties: z.object({ h3: z.string(), force_id: z.string(), n: z.number(), rank: z.number().int() }),
});
export const H3Layer = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(H3Feature),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
  resolution: z.literal(8),
  from: z.string().nullable(),
  to: z.string().nullable(),
  max_n: z.number(),
});
export type H3Layer = z.infer<typeof H3Layer>;

// ---------------------------------------------------------------- batches and quarantine

export const Batch = z.object({
  batch_id: z.string(),
  force_id: z.string(),
  kind: DatasetKind,
  source: z.string(),
  sha256: z.string(),
  months: z.array(z.string()),
  rows_read: z.number(),
  rows_loaded: z.number(),
  rows_quarantined: z.number(),
  status: z.string(),
  started_at: z.string(),
  finished_at: z.string(),
  ms_total: z.number(),
  detail: z.string().nullable(),
});
export type Batch = z.infer<typeof Batch>;
export const BatchesQuery = PageQuery.extend({ force: z.string().optional(), status: z.string().optional() });
export const BatchPage = pageOf(Batch);
export type BatchPage = z.infer<typeof BatchPage>;
export const BatchParams = z.object({ batch: z.string().min(1) });

export const QuarantineRow = z.object({
  force_id: z.string(),
  batch_id: z.string(),
  kind: DatasetKind,
  source: z.string(),
  line: z.number().nullable(),
  raw: z.string().nullable(),
  reasons: z.array(z.string()),
  detail: z.string().nullable(),
});
export type QuarantineRow = z.infer<typeof QuarantineRow>;
export const QuarantineQuery = PageQuery.extend({
  batch: z.string().optional(),
  force: z.string().optional(),
  reason: z.string().optional(),
});
export const QuarantinePage = pageOf(QuarantineRow);
export type QuarantinePage = z.infer<typeof QuarantinePage>;
export const QuarantineSummaryRow = z.object({ force_id: z.string(), kind: z.string(), reason: z.string(), n: z.number() });
export const QuarantineSummaryPage = pageOf(QuarantineSummaryRow);
export type QuarantineSummaryPage = z.infer<typeof QuarantineSummaryPage>;

// ---------------------------------------------------------------- uploads

export const UploadState = z.enum(['queued', 'running', 'done', 'failed']);
export const UploadProgress = z.object({
  files_done: z.number().int(),
  files_total: z.number().int(),
  rows: z.number(),
  elapsed_ms: z.number(),
  current: z.string().nullable(),
});
export const UploadBatch = z.object({
  batch_id: z.string(),
  source: z.string(),
  kind: DatasetKind,
  force_id: z.string(),
  months: z.array(z.string()),
  rows_read: z.number(),
  rows_loaded: z.number(),
  rows_quarantined: z.number(),
  rows_before: z.number().describe('rows the store held for these force-months before (0: new; for replaced and refused, the rows the file replaces or would replace)'),
  status: z.string().describe('loaded, replaced, unchanged, superseded (another file of the same force-month was chosen), or refused (the shrink guard: nothing written)'),
  detail: z.string().nullable().describe('what a replacement replaced, why a file was refused or superseded'),
});
export const UploadJob = z.object({
  job_id: z.string(),
  state: UploadState,
  files: z.array(z.object({ name: z.string(), bytes: z.number() })),
  progress: UploadProgress,
  batches: z.array(UploadBatch),
  ignored: z.array(z.string()).describe('files that are not data.police.uk street, outcomes or stop-and-search files'),
  error: Problem.nullable(),
  created_at: z.string(),
  finished_at: z.string().nullable(),
});
export type UploadJob = z.infer<typeof UploadJob>;
export const UploadParams = z.object({ job: z.string() });
export const UploadQuery = z.object({
  force: z.string().optional().describe('force of files whose name does not say; must be one the caller holds and agree with any data.police.uk name'),
  allow_shrink: z.enum(['true', 'false']).optional().describe('replace held force-months even with under half their rows (the shrink guard; default false)'),
});
export const UploadPage = pageOf(UploadJob);
export type UploadPage = z.infer<typeof UploadPage>;

// ---------------------------------------------------------------- exports

export const ExportTable = z.enum(['street', 'outcomes', 'stop_search', 'cube', 'batches', 'quarantine']);
export const ExportFormat = z.enum(['csv', 'parquet', 'geojson']);
export const ExportParams = z.object({ table: ExportTable });
export const ExportQuery = z.object({
  format: ExportFormat.default('csv'),
  force: z.string().optional().describe('force slugs, comma-separated; a force-scoped caller naming none gets the forces they hold'),
  raw: z.enum(['true', 'false']).optional().describe('CSV: true writes text cells as stored, without neutralising formula cells (=, +, -, @, tab, CR); for machines, never for spreadsheets'),
});
