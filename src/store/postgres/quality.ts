import type { QualityStore } from '../types/quality.ts';
import { qualityStore } from '../duckdb/quality.ts';
import type { PgDb } from './db.ts';
import { qualityRunPg } from './quality-run.ts';

/**
 * Quality on PostgreSQL: running the checks (./quality-run.ts) and the stored results' reads
 * (findings, measures, scores: the embedded store's own portable SQL, and what detection reads).
 */
export function qualityPg(db: PgDb): QualityStore {
  const shared = qualityStore(db);
  return {
    ...qualityRunPg(db),
    findings: shared.findings,
    measures: shared.measures,
    scores: shared.scores,
    scoredMonths: shared.scoredMonths,
    async heldMonths(force?: string) {
      const rows = await db.all<{ force_id: string; months: string[] }>(
        `SELECT force_id, array_agg(DISTINCT month ORDER BY month) AS months FROM force_months${force ? ' WHERE force_id = ?' : ''}
         GROUP BY force_id ORDER BY force_id COLLATE "C"`, force ? [force] : []);
      return new Map(rows.map((r) => [r.force_id, r.months]));
    },
    async leagueTable(q: { to: string | null; months: number }, dimensions: readonly string[]) {
      const rows = await db.all<{ force_id: string; from: string; to: string; overall: number; months: number; dims: string | null; high: number; medium: number; low: number; rank: number }>(`
        WITH held AS (SELECT DISTINCT force_id, month FROM force_months WHERE ?::VARCHAR IS NULL OR month <= ?::VARCHAR),
        last AS (SELECT force_id, max(month) AS last_m,
                        to_char(to_date(max(month) || '-01', 'YYYY-MM-DD') - make_interval(months => ?::INTEGER - 1), 'YYYY-MM') AS first_m
                 FROM held GROUP BY force_id),
        win AS (SELECT h.force_id, h.month FROM held h JOIN last l USING (force_id) WHERE h.month BETWEEN l.first_m AND l.last_m),
        s AS (SELECT q.* FROM quality_scores q WHERE EXISTS (SELECT 1 FROM win w WHERE w.force_id = q.force_id AND w.month = q.month)),
        o AS (SELECT force_id, avg(score) AS overall, count(*) AS months FROM s WHERE dimension = 'overall' GROUP BY force_id),
        d AS (SELECT force_id, json_object_agg(dimension, score)::VARCHAR AS dims
              FROM (SELECT force_id, dimension, avg(score) AS score FROM s WHERE dimension <> 'overall' GROUP BY 1, 2) x GROUP BY force_id),
        f AS (SELECT f.force_id, count(*) FILTER (WHERE severity = 'high') AS high, count(*) FILTER (WHERE severity = 'medium') AS medium,
                     count(*) FILTER (WHERE severity = 'low') AS low
              FROM quality_findings f JOIN last l USING (force_id) WHERE f.month IS NULL OR f.month BETWEEN l.first_m AND l.last_m GROUP BY 1)
        SELECT o.force_id, l.first_m AS "from", l.last_m AS "to", o.overall, o.months, d.dims, coalesce(f.high, 0) AS high,
          coalesce(f.medium, 0) AS medium, coalesce(f.low, 0) AS low, rank() OVER (ORDER BY round(o.overall::NUMERIC, 6) DESC) AS rank
        FROM o JOIN last l USING (force_id) LEFT JOIN d USING (force_id) LEFT JOIN f USING (force_id) ORDER BY rank, o.force_id COLLATE "C"`,
        [q.to, q.to, q.months]);
      return rows.map((r) => {
        const dims = (r.dims ? JSON.parse(r.dims) : {}) as Record<string, number>;
        return {
          rank: Number(r.rank), force_id: r.force_id, from: r.from, to: r.to, overall: r.overall, months: Number(r.months),
          dimensions: Object.fromEntries(dimensions.map((d) => [d, dims[d] ?? null])),
          findings: { high: Number(r.high), medium: Number(r.medium), low: Number(r.low) },
        };
      });
    },
    async lastRun() {
      return db.one(`SELECT run_id, mode, to_char(started_at, 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS started_at, ms, force_months, forces, findings
        FROM quality_runs ORDER BY quality_runs.started_at DESC LIMIT 1`);
    },
  };
}

