/**
 * Running the quality checks on PostgreSQL: the counts the checks read and saving a run's results,
 * with the same tables and results as ../duckdb/quality.ts. The force-months in scope travel as
 * three bound lists (a CTE, not a temporary table: outside a transaction each statement may run on
 * another pooled connection); DuckDB's list slices, `histogram`, `min(x, n)` and `flatten` become
 * ordered `array_agg`s and small JS steps; sorts are in byte order (COLLATE "C"), as DuckDB's.
 */
import type { SqlValue } from '../sql/db.ts';
import type {
  DuplicateCounts, ForceMonthKey, HeldForceMonth, LocatedCounts, MonthlyCount, OutcomeCounts, QuarantineCounts, QualityStore, SaveQuality, StopSearchCounts,
} from '../types/quality.ts';
import type { PgDb } from './db.ts';

const C = 'COLLATE "C"';
const SEP = '\u001f';
const marks = (xs: readonly unknown[]) => xs.map(() => '?').join(',');

/** `q_scope (force_id, kind, month)` as a CTE over three bound lists, and its parameters. */
function scopeCte(scope: readonly ForceMonthKey[]): { cte: string; params: SqlValue[] } {
  return {
    cte: `q_scope AS (SELECT * FROM unnest(string_to_array(?::VARCHAR, '${SEP}'), string_to_array(?::VARCHAR, '${SEP}'),
                                         string_to_array(?::VARCHAR, '${SEP}')) AS s(force_id, kind, month))`,
    params: [scope.map((s) => s.force_id).join(SEP), scope.map((s) => s.kind).join(SEP), scope.map((s) => s.month).join(SEP)],
  };
}
const inScope = (t: string, withKind = false) =>
  `EXISTS (SELECT 1 FROM q_scope s WHERE s.force_id = ${t}.force_id AND s.month = ${t}.month${withKind ? ` AND s.kind = ${t}.kind` : ''})`;

const DISTANCE_KM = (lon1: string, lat1: string, lon2: string, lat2: string) =>
  `111.195 * sqrt(pow((${lon2} - ${lon1}) * cos(radians((${lat1} + ${lat2}) / 2)), 2) + pow(${lat2} - ${lat1}, 2))`;

/** The first `n` values of a column in byte order, as an array (empty, not NULL, when none). */
const firstN = (col: string, n: number, filter?: string) =>
  `coalesce((array_agg(${col} ORDER BY ${col} ${C})${filter ? ` FILTER (WHERE ${filter})` : ''})[1:${n}], '{}')`;

export type QualityRunStore = Pick<QualityStore, 'heldForceMonths' | 'staleForceMonths' | 'locatedCounts' | 'duplicateCounts' | 'stopSearchCounts'
  | 'quarantineCounts' | 'outcomeCounts' | 'monthlyCategoryCounts' | 'save'>;

export function qualityRunPg(db: PgDb): QualityRunStore {
  const all = async <T>(sql: string, params?: readonly SqlValue[]): Promise<T[]> => (await db.all(sql, params)) as T[];
  return {
    async heldForceMonths(): Promise<HeldForceMonth[]> {
      return all(`SELECT force_id, kind, month, rows, batch_id FROM force_months ORDER BY force_id ${C}, kind ${C}, month ${C}`);
    },

    async staleForceMonths(geoVersion: string): Promise<ForceMonthKey[]> {
      return all(`SELECT f.force_id, f.kind, f.month FROM force_months f
        WHERE NOT EXISTS (SELECT 1 FROM quality_state s WHERE s.force_id = f.force_id AND s.kind = f.kind AND s.month = f.month
                            AND s.batch_id = f.batch_id AND s.geo_version = ?)
        ORDER BY f.force_id ${C}, f.kind ${C}, f.month ${C}`, [geoVersion]);
    },

    async locatedCounts(dataset: 'street' | 'outcomes', scope: readonly ForceMonthKey[], farKm: number): Promise<LocatedCounts[]> {
      const { cte, params } = scopeCte(scope.filter((s) => s.kind === dataset));
      const crime = dataset === 'street' ? `t.category <> 'anti-social-behaviour'` : 'true';
      const far = Number(farKm);
      const flags = ['no_location', 'no_lsoa', 'no_outcome', 'lsoa_unknown', 'lsoa_name_mismatch', 'lsoa_outside'];
      const table = dataset === 'street' ? 'street' : 'outcomes';
      const flagged = `
        SELECT t.force_id, t.month, t.row_id,
          t.lon IS NULL AS no_location,
          t.lon IS NOT NULL AND t.lsoa_code IS NULL AS no_lsoa,
          ${crime} AS is_crime,
          ${crime} AND t.outcome IS NULL AS no_outcome,
          t.lsoa_code IS NOT NULL AS with_lsoa,
          t.lsoa_code IS NOT NULL AND (g.lsoa_code IS NULL OR (g.name1 IS NULL AND g.force_id IS NULL)) AS lsoa_unknown,
          g.name1 IS NOT NULL AS named,
          CASE WHEN g.name1 IS NULL OR t.lsoa_name = g.name1 OR t.lsoa_name = g.name2 THEN false
               ELSE NOT coalesce(lower(trim(t.lsoa_name)) = ANY(g.names), false) END AS lsoa_name_mismatch,
          g.force_id AS lsoa_force,
          coalesce(g.force_id <> t.force_id, false) AS lsoa_outside,
          CASE WHEN t.lon IS NOT NULL AND g.lon IS NOT NULL THEN ${DISTANCE_KM('t.lon', 't.lat', 'g.lon', 'g.lat')} END AS km
        FROM ${table} t LEFT JOIN geo_lsoa_force g ON g.lsoa_code = t.lsoa_code
        WHERE ${inScope('t')}`;
      // Samples: the first row ids of each flag's rows in byte order. (DuckDB's are the first in its
      // stored order, which is not the same row order as here: the same count, maybe other rows.)
      const rows = await all<LocatedCounts>(`
        WITH ${cte}
        SELECT force_id, month, '${dataset}' AS dataset, count(*) AS rows,
          ${flags.map((k) => `count(*) FILTER (WHERE ${k}) AS ${k}`).join(', ')},
          count(*) FILTER (WHERE is_crime) AS crimes, count(*) FILTER (WHERE with_lsoa) AS with_lsoa,
          count(*) FILTER (WHERE named) AS lsoa_known_named, count(lsoa_force) AS lsoa_with_force,
          count(km) AS with_point, count(*) FILTER (WHERE km > ${far}) AS far, max(km) AS max_km,
          ${flags.map((k) => `${firstN('row_id', 5, k)} AS s_${k}`).join(', ')},
          ${firstN('row_id', 5, `km > ${far}`)} AS s_far
        FROM (${flagged}) x GROUP BY force_id, month ORDER BY force_id ${C}, month ${C}`, params);
      const outside = await all<{ force_id: string; month: string; lsoa_force: string; n: number }>(`
        WITH ${cte}
        SELECT force_id, month, lsoa_force, count(*) AS n FROM (${flagged}) x WHERE lsoa_outside GROUP BY 1, 2, 3`, params);
      const byFm = new Map<string, Array<{ force_id: string; n: number }>>();
      for (const o of outside) {
        const k = `${o.force_id}${SEP}${o.month}`;
        byFm.set(k, [...(byFm.get(k) ?? []), { force_id: o.lsoa_force, n: Number(o.n) }]);
      }
      return rows.map((r) => {
        const list = (byFm.get(`${r.force_id}${SEP}${r.month}`) ?? []).sort((a, b) => b.n - a.n || a.force_id.localeCompare(b.force_id));
        return { ...r, outside_forces: list.length ? JSON.stringify(list) : null };
      });
    },

    async duplicateCounts(scope: readonly ForceMonthKey[]): Promise<DuplicateCounts[]> {
      const { cte, params } = scopeCte(scope.filter((s) => s.kind === 'street'));
      return all(`
        WITH ${cte},
        n AS (SELECT t.force_id, t.month, count(t.crime_id) AS rows_with_id FROM street t WHERE ${inScope('t')} GROUP BY 1, 2),
        d AS (SELECT t.force_id, t.month, t.crime_id, count(*) AS copies,
                count(DISTINCT concat_ws(',', t.lon, t.lat)) AS ncoord, count(DISTINCT coalesce(t.lsoa_code, '')) AS nlsoa,
                count(DISTINCT coalesce(t.outcome, '')) AS noutcome, array_agg(t.row_id ORDER BY t.row_id ${C}) AS ids
              FROM street t WHERE ${inScope('t')} AND t.crime_id IS NOT NULL AND length(t.row_id) <> length(t.crime_id)
              GROUP BY 1, 2, 3 HAVING count(*) > 1),
        ds AS (SELECT d.force_id, d.month, (array_agg(u.id ORDER BY d.crime_id ${C}, u.ord))[1:10] AS sample_ids
               FROM d CROSS JOIN LATERAL unnest(d.ids) WITH ORDINALITY AS u(id, ord) GROUP BY 1, 2)
        SELECT n.force_id, n.month, n.rows_with_id,
          count(d.crime_id) AS repeated_ids, coalesce(sum(d.copies - 1), 0) AS extra_copies, coalesce(max(d.copies), 0) AS max_copies,
          count(*) FILTER (WHERE d.ncoord > 1) AS differ_coordinates, count(*) FILTER (WHERE d.nlsoa > 1) AS differ_lsoa,
          count(*) FILTER (WHERE d.noutcome > 1) AS differ_outcome,
          count(*) FILTER (WHERE d.ncoord = 1 AND d.nlsoa = 1 AND d.noutcome = 1) AS identical,
          coalesce(min(ds.sample_ids), '{}') AS sample_ids
        FROM n LEFT JOIN d ON d.force_id = n.force_id AND d.month = n.month
        LEFT JOIN ds ON ds.force_id = n.force_id AND ds.month = n.month
        GROUP BY n.force_id, n.month, n.rows_with_id ORDER BY n.force_id ${C}, n.month ${C}`, params);
    },

    async stopSearchCounts(scope: readonly ForceMonthKey[]): Promise<StopSearchCounts[]> {
      const { cte, params } = scopeCte(scope.filter((s) => s.kind === 'stop_search'));
      return all(`WITH ${cte}
        SELECT t.force_id, t.month, count(*) AS rows, count(*) FILTER (WHERE t.lon IS NULL) AS no_location,
          ${firstN('t.row_id', 5, 't.lon IS NULL')} AS s_no_location
        FROM stop_search t WHERE ${inScope('t')}
        GROUP BY 1, 2 ORDER BY t.force_id ${C}, t.month ${C}`, params);
    },

    async quarantineCounts(scope: readonly ForceMonthKey[]): Promise<QuarantineCounts[]> {
      const { cte, params } = scopeCte(scope);
      const fm = `fm AS (SELECT f.force_id, f.kind, f.month, f.batch_id FROM force_months f WHERE ${inScope('f', true)})`;
      const rows = await all<QuarantineCounts>(`
        WITH ${cte}, ${fm},
        sm AS (SELECT batch_id, ${firstN(`(source || ':' || coalesce(line::VARCHAR, '?'))`, 5)} AS sample_ids FROM quarantine
               WHERE batch_id IN (SELECT batch_id FROM fm) GROUP BY 1)
        SELECT fm.force_id, fm.kind, fm.month, fm.batch_id, b.rows_read, b.rows_quarantined, NULL AS reasons, coalesce(sm.sample_ids, '{}') AS sample_ids
        FROM fm JOIN batches b ON b.batch_id = fm.batch_id AND b.force_id = fm.force_id
        LEFT JOIN sm ON sm.batch_id = fm.batch_id
        ORDER BY fm.force_id ${C}, fm.kind ${C}, fm.month ${C}`, params);
      // Each batch's reasons, most frequent first, as the embedded store's JSON text.
      const reasons = await all<{ batch_id: string; reason: string; n: number }>(`
        WITH ${cte}, ${fm}
        SELECT q.batch_id, u.reason, count(*) AS n FROM quarantine q CROSS JOIN LATERAL unnest(q.reasons) AS u(reason)
        WHERE q.batch_id IN (SELECT batch_id FROM fm) GROUP BY 1, 2 ORDER BY 1, n DESC, u.reason ${C}`, params);
      const byBatch = new Map<string, Array<{ reason: string; n: number }>>();
      for (const r of reasons) byBatch.set(r.batch_id, [...(byBatch.get(r.batch_id) ?? []), { reason: r.reason, n: Number(r.n) }]);
      return rows.map((r) => ({ ...r, reasons: byBatch.has(r.batch_id) ? JSON.stringify(byBatch.get(r.batch_id)) : null }));
    },

    async outcomeCounts(forces: readonly string[]): Promise<OutcomeCounts[]> {
      if (!forces.length) return [];
      return all(`SELECT force_id, month, count(*) AS crimes, count(*) FILTER (WHERE outcome = 'under-investigation') AS under_investigation,
          ${firstN('row_id', 5, `outcome = 'under-investigation'`)} AS sample_ids
        FROM street WHERE category <> 'anti-social-behaviour' AND force_id IN (${marks(forces)})
        GROUP BY 1, 2 ORDER BY force_id ${C}, month ${C}`, [...forces]);
    },

    async monthlyCategoryCounts(forces: readonly string[]): Promise<MonthlyCount[]> {
      if (!forces.length) return [];
      return all(`SELECT force_id, month, category, sum(n)::BIGINT AS n FROM cube WHERE force_id IN (${marks(forces)})
        GROUP BY 1, 2, 3 ORDER BY force_id ${C}, month ${C}, category ${C}`, [...forces]);
    },

    async save(s: SaveQuality): Promise<void> {
      await db.transaction(async () => {
        await db.run(`CREATE TEMP TABLE q_scope (force_id VARCHAR, kind VARCHAR, month VARCHAR) ON COMMIT DROP`);
        const sa = await db.appender('q_scope', ['varchar', 'varchar', 'varchar']);
        for (const x of s.rowScope) sa.row([x.force_id, x.kind, x.month]);
        sa.close();
        await db.run(`CREATE TEMP TABLE q_forces (force_id VARCHAR) ON COMMIT DROP`);
        const fa = await db.appender('q_forces', ['varchar']);
        for (const f of s.seriesForces) fa.row([f]);
        fa.close();
        for (const table of ['quality_measures', 'quality_findings']) {
          await db.run(`DELETE FROM ${table} t WHERE t.origin = 'row' AND EXISTS
            (SELECT 1 FROM q_scope s WHERE s.force_id = t.force_id AND s.kind = t.dataset AND s.month = t.month)`);
          await db.run(`DELETE FROM ${table} t WHERE t.origin = 'series' AND t.force_id IN (SELECT force_id FROM q_forces)`);
          await db.run(`DELETE FROM ${table} WHERE origin = 'national'`);
        }
        const ma = await db.appender('quality_measures',
          ['varchar', 'varchar', 'varchar', 'varchar', 'varchar', 'varchar', 'double', 'double', 'double', 'double', 'varchar', 'varchar']);
        for (const m of s.measures) {
          ma.row([m.force_id, m.check_id, m.dimension, m.dataset, m.month, m.subject, m.value, m.numerator, m.denominator, m.score, m.origin, s.runId]);
        }
        ma.close();
        await db.run(`CREATE TEMP TABLE q_find_in (force_id VARCHAR, finding_id VARCHAR, check_id VARCHAR, dimension VARCHAR,
          severity VARCHAR, dataset VARCHAR, month VARCHAR, subject VARCHAR, value DOUBLE PRECISION, threshold DOUBLE PRECISION, message VARCHAR,
          sample_ids VARCHAR, detail VARCHAR, origin VARCHAR) ON COMMIT DROP`);
        const fi = await db.appender('q_find_in', ['varchar', 'varchar', 'varchar', 'varchar', 'varchar', 'varchar', 'varchar', 'varchar',
          'double', 'double', 'varchar', 'varchar', 'varchar', 'varchar']);
        for (const f of s.findings) {
          fi.row([f.force_id, f.finding_id, f.check, f.dimension, f.severity, f.dataset, f.month, f.subject, f.value, f.threshold,
            f.message, JSON.stringify(f.sample_ids), f.detail ? JSON.stringify(f.detail) : null, f.origin]);
        }
        fi.close();
        await db.run(`INSERT INTO quality_findings SELECT force_id, finding_id, check_id, dimension, severity, dataset, month, subject,
          value, threshold, message, ARRAY(SELECT json_array_elements_text(sample_ids::json)), detail, origin, ?::VARCHAR FROM q_find_in`, [s.runId]);
        await db.run(`DELETE FROM quality_scores`);
        await db.run(`INSERT INTO quality_scores
          WITH d AS (SELECT force_id, month, dimension, avg(score) AS score, count(*) AS checks FROM quality_measures
                     WHERE month IS NOT NULL AND score IS NOT NULL GROUP BY 1, 2, 3)
          SELECT force_id, month, dimension, score, checks FROM d
          UNION ALL SELECT force_id, month, 'overall', avg(score), sum(checks) FROM d GROUP BY 1, 2`);
        await db.run(`DELETE FROM quality_state t WHERE EXISTS
          (SELECT 1 FROM q_scope s WHERE s.force_id = t.force_id AND s.kind = t.kind AND s.month = t.month)`);
        await db.run(`INSERT INTO quality_state SELECT f.force_id, f.kind, f.month, f.batch_id, ?::VARCHAR FROM force_months f
          WHERE EXISTS (SELECT 1 FROM q_scope s WHERE s.force_id = f.force_id AND s.kind = f.kind AND s.month = f.month)`, [s.geoVersion]);
        const nf = (await db.one<{ n: number }>(`SELECT count(*) AS n FROM quality_findings`))?.n ?? 0;
        await db.run(`INSERT INTO quality_runs VALUES (?, ?, to_timestamp(?::DOUBLE PRECISION / 1000.0) AT TIME ZONE 'UTC', ?, ?, ?, ?)`,
          [s.runId, s.mode, s.startedAt, Date.now() - s.startedAt, s.rowScope.length, s.seriesForces.length, nf]);
      });
    },
  };
}
