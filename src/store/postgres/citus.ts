/**
 * Beyond one machine: when the database has the `citus` extension, the store's tables are spread
 * over its workers. Fact and per-force tables are distributed by `force_id` (co-located, so a
 * force's rows of every table sit on one worker and joins on force_id stay local); small national
 * tables (accounts, the audit chain, ONS lookups, run logs) are reference tables, copied to every
 * worker. Applied after the migrations, idempotently: a table already distributed is left alone.
 *
 * Where a key is not led by force_id (see `NOT_LED_BY_FORCE`) the table is a reference table or
 * distributed by the nearest force column, and the reason is written here and in docs/deploy.md.
 * Tested here on plain PostgreSQL only (this classification against the live schema); the
 * distribution calls themselves run only where Citus is installed.
 */
import type { Db } from '../sql/db.ts';

/** Distributed by `force_id`, co-located with `street`. */
export const DISTRIBUTED = [
  'street', 'outcomes', 'stop_search', 'cube', 'batches', 'force_months', 'quarantine',
  'quality_measures', 'quality_findings', 'quality_scores', 'quality_state',
  'alerts', 'alert_status', 'alert_events',
  'narratives', 'entity_mentions', 'narrative_quarantine', 'record_methods',
  'productivity_workforce', 'productivity_groups', 'productivity_cells', 'productivity_cells_state',
  'person_entities',
  'trials', 'trial_amendments', 'trial_evaluations',
] as const;

/** Distributed by another force column (named), co-located with `street`. */
export const DISTRIBUTED_BY: Readonly<Record<string, string>> = {
  // A link joins two persons of (possibly) two forces: it lives with the first.
  person_links: 'force_id_a',
};

/** Copied to every worker: small, national, or keyed by something other than a force. */
export const REFERENCE = [
  'access_users', 'access_sessions', 'access_tokens', 'access_grants', 'audit_events',
  'geo_lsoa', 'geo_lad_pfa', 'geo_lad_active', 'geo_lsoa_point', 'geo_boundary', 'geo_lsoa_force', 'geo_sources',
  'alert_runs', 'quality_runs', 'narrative_batches', 'person_link_runs', 'tactics', 'h3_points',
] as const;

/** Left on the coordinator. */
export const LOCAL = ['schema_migrations'] as const;

/** Tables whose keys are not led by force_id, and why that is acceptable. */
export const NOT_LED_BY_FORCE: Readonly<Record<string, string>> = {
  person_links: 'a cross-force pair; distributed by force_id_a, so a read by the second force fans out to every worker',
  narrative_batches: 'one load may hold records of several forces (`forces` is a list); a reference table (one row per load)',
  audit_events: 'one hash chain for the whole hub (seq is global); a reference table, so every audited write is a two-phase commit',
  access_users: 'accounts are national (scoped to forces by a column); a reference table',
  geo_lsoa_force: 'an LSOA may lie in no force (force_id NULL); a reference table of 35,000 rows',
  geo_boundary: 'a national lookup of 43 rows; a reference table',
  h3_points: 'a national cache keyed by the point; a reference table',
};

/** Whether the database has Citus installed. */
export async function hasCitus(db: Db): Promise<boolean> {
  return !!(await db.one(`SELECT 1 AS x FROM pg_extension WHERE extname = 'citus'`));
}

/** Distributes the store's tables over the Citus workers (nothing when Citus is absent). Returns what was done. */
export async function distribute(db: Db): Promise<string[]> {
  if (!(await hasCitus(db))) return [];
  const done = new Set((await db.all<{ t: string }>(`SELECT logicalrelid::regclass::text AS t FROM pg_dist_partition`)).map((r) => r.t));
  const out: string[] = [];
  for (const t of REFERENCE) {
    if (done.has(t)) continue;
    await db.run(`SELECT create_reference_table('${t}')`);
    out.push(`reference ${t}`);
  }
  for (const t of DISTRIBUTED) {
    if (done.has(t)) continue;
    await db.run(t === 'street' ? `SELECT create_distributed_table('street', 'force_id')`
      : `SELECT create_distributed_table('${t}', 'force_id', colocate_with => 'street')`);
    out.push(`distributed ${t} by force_id`);
  }
  for (const [t, col] of Object.entries(DISTRIBUTED_BY)) {
    if (done.has(t)) continue;
    await db.run(`SELECT create_distributed_table('${t}', '${col}', colocate_with => 'street')`);
    out.push(`distributed ${t} by ${col}`);
  }
  return out;
}
