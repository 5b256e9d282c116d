/**
 * Data-quality tables and the SQL that counts what the checks of `src/quality` judge.
 *
 * The store counts (per force × dataset × month: rows, rows without a location, repeated Crime
 * IDs and how their copies differ, LSOAs of another force, ...); `src/quality` turns the counts
 * into check values, findings and scores and hands them back to be saved. Scores per force, month
 * and dimension are then aggregated here in SQL from the saved measures.
 *
 * Every key is led by `force_id`.
 */
import type { Db, Row, SqlValue } from './db.ts';
import type { Migration } from './schema.ts';
import type { Page } from '../types/core.ts';
import type {
  DuplicateCounts, FindingQuery, FindingRow, ForceMonthKey, HeldForceMonth, LeagueRow, LocatedCounts, MeasureQuery, MeasureRow, MonthlyCount,
  OutcomeCounts, QualityRun, QualityStore, QuarantineCounts, SaveQuality, ScoreQuery, ScoreRow, StopSearchCounts,
} from '../types/quality.ts';

export const QUALITY_MIGRATIONS: readonly Migration[] = [
  {
    id: '0201-quality',
    statements: [
      // One value per check × force × dataset × month (× subject, e.g. a crime category), with its score.
      // `origin` says which part of a run produced it, and so which part replaces it:
      // 'row' (per force-month), 'series' (per force), 'national' (every force at once).
      // key (force_id, check_id, dataset, month, subject)
      `CREATE TABLE quality_measures (
        force_id VARCHAR NOT NULL, check_id VARCHAR NOT NULL, dimension VARCHAR NOT NULL, dataset VARCHAR NOT NULL,
        month VARCHAR, subject VARCHAR NOT NULL, value DOUBLE, numerator DOUBLE, denominator DOUBLE, score DOUBLE,
        origin VARCHAR NOT NULL, run_id VARCHAR NOT NULL)`,
      // key (force_id, finding_id)
      `CREATE TABLE quality_findings (
        force_id VARCHAR NOT NULL, finding_id VARCHAR NOT NULL, check_id VARCHAR NOT NULL, dimension VARCHAR NOT NULL,
        severity VARCHAR NOT NULL, dataset VARCHAR NOT NULL, month VARCHAR, subject VARCHAR NOT NULL, value DOUBLE,
        threshold DOUBLE, message VARCHAR NOT NULL, sample_ids VARCHAR[] NOT NULL, detail VARCHAR, origin VARCHAR NOT NULL,
        run_id VARCHAR NOT NULL)`,
      // key (force_id, month, dimension); dimension 'overall' is the mean of the others.
      `CREATE TABLE quality_scores (force_id VARCHAR NOT NULL, month VARCHAR NOT NULL, dimension VARCHAR NOT NULL,
        score DOUBLE NOT NULL, checks BIGINT NOT NULL)`,
      // What the stored results were computed from. key (force_id, kind, month)
      `CREATE TABLE quality_state (force_id VARCHAR NOT NULL, kind VARCHAR NOT NULL, month VARCHAR NOT NULL,
        batch_id VARCHAR NOT NULL, geo_version VARCHAR NOT NULL)`,
      `CREATE TABLE quality_runs (run_id VARCHAR NOT NULL, mode VARCHAR NOT NULL, started_at TIMESTAMP NOT NULL,
        ms DOUBLE NOT NULL, force_months BIGINT NOT NULL, forces BIGINT NOT NULL, findings BIGINT NOT NULL)`,
    ],
  },
];

/** Distance in km by the equirectangular approximation (within 0.1 % of the great circle at the tens of km that matter here; one cosine a row). */
const DISTANCE_KM = (lon1: string, lat1: string, lon2: string, lat2: string) =>
  `111.195 * sqrt(pow((${lon2} - ${lon1}) * cos(radians((${lat1} + ${lat2}) / 2)), 2) + pow(${lat2} - ${lat1}, 2))`;

const SEVERITY_ORDER = `CASE severity WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END`;

export function qualityStore(db: Db): QualityStore {
  // Rows come back as plain objects whose shape the SELECT lists fix.
  const all = async <T>(sql: string, params?: readonly SqlValue[]): Promise<T[]> => (await db.all<T & Row>(sql, params)) as T[];

  async function setScope(scope: readonly ForceMonthKey[]): Promise<void> {
    await db.run(`CREATE OR REPLACE TEMP TABLE q_scope (force_id VARCHAR, kind VARCHAR, month VARCHAR)`);
    const app = await db.appender('q_scope', ['varchar', 'varchar', 'varchar']);
    for (const s of scope) app.row([s.force_id, s.kind, s.month]);
    app.close();
  }

  function where(q: FindingQuery): { w: string; params: SqlValue[] } {
    const parts: string[] = [];
    const params: SqlValue[] = [];
    const add = (col: string, v: string | undefined) => {
      if (v !== undefined) (parts.push(`${col} = ?`), params.push(v));
    };
    add('force_id', q.force);
    add('month', q.month);
    add('check_id', q.check);
    add('dimension', q.dimension);
    add('severity', q.severity);
    add('dataset', q.dataset);
    return { w: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
  }

  return {
    /** Every force × kind × month held, with its rows and batch. */
    async heldForceMonths(): Promise<HeldForceMonth[]> {
      return all(`SELECT force_id, kind, month, rows, batch_id FROM force_months ORDER BY force_id, kind, month`);
    },

    /** Force-months whose stored quality results are missing or were computed from other data or lookups. */
    async staleForceMonths(geoVersion: string): Promise<ForceMonthKey[]> {
      return all(`SELECT f.force_id, f.kind, f.month FROM force_months f
        WHERE NOT EXISTS (SELECT 1 FROM quality_state s WHERE s.force_id = f.force_id AND s.kind = f.kind AND s.month = f.month
                            AND s.batch_id = f.batch_id AND s.geo_version = ?)
        ORDER BY f.force_id, f.kind, f.month`, [geoVersion]);
    },

    /** Row-level counts of the street or outcomes force-months in scope (lookup joins need geography loaded). */
    async locatedCounts(dataset: 'street' | 'outcomes', scope: readonly ForceMonthKey[], farKm: number): Promise<LocatedCounts[]> {
      await setScope(scope.filter((s) => s.kind === dataset));
      const street = dataset === 'street';
      const crime = street ? `t.category <> 'anti-social-behaviour'` : 'true';
      const dist = DISTANCE_KM('t.lon', 't.lat', 'g.lon', 'g.lat');
      const far = Number(farKm);
      const flags = ['no_location', 'no_lsoa', 'no_outcome', 'lsoa_unknown', 'lsoa_name_mismatch', 'lsoa_outside'];
      // One pass: each row's flags, counted per force-month; samples are the first row ids of
      // each flag's (few) rows, and the forces of outside LSOAs a histogram.
      const rows = await all<LocatedCounts & { outside: string | null }>(`
        SELECT force_id, month, '${dataset}' AS dataset, count(*) AS rows,
          ${flags.map((k) => `count(*) FILTER (WHERE ${k}) AS ${k}`).join(', ')},
          count(*) FILTER (WHERE is_crime) AS crimes, count(*) FILTER (WHERE with_lsoa) AS with_lsoa,
          count(*) FILTER (WHERE named) AS lsoa_known_named, count(lsoa_force) AS lsoa_with_force,
          count(km) AS with_point, count(*) FILTER (WHERE km > ${far}) AS far, max(km) AS max_km,
          ${flags.map((k) => `coalesce(list(row_id) FILTER (WHERE ${k})[1:5], []) AS s_${k}`).join(', ')},
          coalesce(list(row_id) FILTER (WHERE km > ${far})[1:5], []) AS s_far,
          to_json(histogram(lsoa_force) FILTER (WHERE lsoa_outside))::VARCHAR AS outside
        FROM (
          SELECT t.force_id, t.month, t.row_id,
            t.lon IS NULL AS no_location,
            t.lon IS NOT NULL AND t.lsoa_code IS NULL AS no_lsoa,
            ${crime} AS is_crime,
            ${crime} AND t.outcome IS NULL AS no_outcome,
            t.lsoa_code IS NOT NULL AS with_lsoa,
            t.lsoa_code IS NOT NULL AND (g.lsoa_code IS NULL OR (g.name1 IS NULL AND g.force_id IS NULL)) AS lsoa_unknown,
            g.name1 IS NOT NULL AS named,
            -- Exact matches (nearly every row) skip the case-insensitive comparison.
            CASE WHEN g.name1 IS NULL OR t.lsoa_name = g.name1 OR t.lsoa_name = g.name2 THEN false
                 ELSE NOT list_contains(g.names, lower(trim(t.lsoa_name))) END AS lsoa_name_mismatch,
            g.force_id AS lsoa_force,
            coalesce(g.force_id <> t.force_id, false) AS lsoa_outside,
            CASE WHEN t.lon IS NOT NULL AND g.lon IS NOT NULL THEN ${dist} END AS km
          FROM ${dataset} t SEMI JOIN q_scope s ON s.force_id = t.force_id AND s.month = t.month
          LEFT JOIN geo_lsoa_force g ON g.lsoa_code = t.lsoa_code)
        GROUP BY force_id, month ORDER BY force_id, month`);
      return rows.map(({ outside, ...r }) => {
        const list = Object.entries((outside ? JSON.parse(outside) : {}) as Record<string, number>).map(([force_id, n]) => ({ force_id, n: Number(n) }))
          .sort((a, b) => b.n - a.n || a.force_id.localeCompare(b.force_id));
        return { ...r, outside_forces: list.length ? JSON.stringify(list) : null };
      });
    },

    /**
     * Crime IDs repeated within a street force-month, and how their copies differ. The loader
     * keeps every copy and gives a repeated ID's rows the id `crime_id:hash` (a unique ID is its
     * own row id), so only rows whose row id is longer than their Crime ID need grouping (string
     * lengths are read without reading the strings).
     */
    async duplicateCounts(scope: readonly ForceMonthKey[]): Promise<DuplicateCounts[]> {
      await setScope(scope.filter((s) => s.kind === 'street'));
      return all(`
        WITH n AS (SELECT t.force_id, t.month, count(t.crime_id) AS rows_with_id
                   FROM street t SEMI JOIN q_scope s ON s.force_id = t.force_id AND s.month = t.month GROUP BY ALL),
        d AS (SELECT t.force_id, t.month, t.crime_id, count(*) AS copies,
                count(DISTINCT concat_ws(',', t.lon, t.lat)) AS ncoord, count(DISTINCT coalesce(t.lsoa_code, '')) AS nlsoa,
                count(DISTINCT coalesce(t.outcome, '')) AS noutcome, list(t.row_id ORDER BY t.row_id) AS ids
              FROM street t SEMI JOIN q_scope s ON s.force_id = t.force_id AND s.month = t.month
              WHERE t.crime_id IS NOT NULL AND strlen(t.row_id) <> strlen(t.crime_id) GROUP BY ALL HAVING count(*) > 1)
        SELECT n.force_id, n.month, n.rows_with_id,
          count(d.crime_id) AS repeated_ids, coalesce(sum(d.copies - 1), 0) AS extra_copies, coalesce(max(d.copies), 0) AS max_copies,
          count(*) FILTER (WHERE d.ncoord > 1) AS differ_coordinates, count(*) FILTER (WHERE d.nlsoa > 1) AS differ_lsoa,
          count(*) FILTER (WHERE d.noutcome > 1) AS differ_outcome,
          count(*) FILTER (WHERE d.ncoord = 1 AND d.nlsoa = 1 AND d.noutcome = 1) AS identical,
          coalesce(flatten(list(d.ids ORDER BY d.crime_id) FILTER (WHERE d.crime_id IS NOT NULL))[1:10], []) AS sample_ids
        FROM n LEFT JOIN d ON d.force_id = n.force_id AND d.month = n.month
        GROUP BY n.force_id, n.month, n.rows_with_id ORDER BY n.force_id, n.month`);
    },

    async stopSearchCounts(scope: readonly ForceMonthKey[]): Promise<StopSearchCounts[]> {
      await setScope(scope.filter((s) => s.kind === 'stop_search'));
      return all(`SELECT t.force_id, t.month, count(*) AS rows, count(*) FILTER (WHERE t.lon IS NULL) AS no_location,
          coalesce(min(t.row_id, 5) FILTER (WHERE t.lon IS NULL), []) AS s_no_location
        FROM stop_search t SEMI JOIN q_scope s ON s.force_id = t.force_id AND s.month = t.month
        GROUP BY ALL ORDER BY t.force_id, t.month`);
    },

    /** Quarantined rows of the batch holding each force-month, by reason code. */
    async quarantineCounts(scope: readonly ForceMonthKey[]): Promise<QuarantineCounts[]> {
      await setScope(scope);
      return all(`
        WITH fm AS (SELECT f.force_id, f.kind, f.month, f.batch_id FROM force_months f
                    SEMI JOIN q_scope s ON s.force_id = f.force_id AND s.kind = f.kind AND s.month = f.month),
        r AS (SELECT q.batch_id, reason, count(*) AS n FROM quarantine q, unnest(q.reasons) AS u(reason)
              WHERE q.batch_id IN (SELECT batch_id FROM fm) GROUP BY ALL),
        rr AS (SELECT batch_id, to_json(list({'reason': reason, 'n': n} ORDER BY n DESC, reason))::VARCHAR AS reasons FROM r GROUP BY ALL),
        sm AS (SELECT batch_id, min(source || ':' || coalesce(line::VARCHAR, '?'), 5) AS sample_ids FROM quarantine
               WHERE batch_id IN (SELECT batch_id FROM fm) GROUP BY ALL)
        SELECT fm.force_id, fm.kind, fm.month, fm.batch_id, b.rows_read, b.rows_quarantined, rr.reasons, coalesce(sm.sample_ids, []) AS sample_ids
        FROM fm JOIN batches b ON b.batch_id = fm.batch_id AND b.force_id = fm.force_id
        LEFT JOIN rr ON rr.batch_id = fm.batch_id LEFT JOIN sm ON sm.batch_id = fm.batch_id
        ORDER BY fm.force_id, fm.kind, fm.month`);
    },

    /** Crimes (street rows other than anti-social behaviour) and those still under investigation, per force-month. */
    async outcomeCounts(forces: readonly string[]): Promise<OutcomeCounts[]> {
      if (!forces.length) return [];
      return all(`SELECT force_id, month, count(*) AS crimes, count(*) FILTER (WHERE outcome = 'under-investigation') AS under_investigation,
          coalesce(min(row_id, 5) FILTER (WHERE outcome = 'under-investigation'), []) AS sample_ids
        FROM street WHERE category <> 'anti-social-behaviour' AND force_id IN (${forces.map(() => '?').join(',')})
        GROUP BY ALL ORDER BY force_id, month`, forces);
    },

    /** Street rows per force × month × category (from the cube), for the series checks. */
    async monthlyCategoryCounts(forces: readonly string[]): Promise<MonthlyCount[]> {
      if (!forces.length) return [];
      return all(`SELECT force_id, month, category, sum(n)::BIGINT AS n FROM cube WHERE force_id IN (${forces.map(() => '?').join(',')})
        GROUP BY ALL ORDER BY force_id, month, category`, forces);
    },

    /**
     * Saves one run's results in one transaction: row-level results of the force-months in
     * scope, series results of the forces in scope and every national result are replaced,
     * then the scores are re-aggregated and the state recorded.
     */
    async save(s: SaveQuality): Promise<void> {
      await db.transaction(async () => {
        await setScope(s.rowScope);
        await db.run(`CREATE OR REPLACE TEMP TABLE q_forces (force_id VARCHAR)`);
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
        await db.run(`CREATE OR REPLACE TEMP TABLE q_find_in (force_id VARCHAR, finding_id VARCHAR, check_id VARCHAR, dimension VARCHAR,
          severity VARCHAR, dataset VARCHAR, month VARCHAR, subject VARCHAR, value DOUBLE, threshold DOUBLE, message VARCHAR,
          sample_ids VARCHAR, detail VARCHAR, origin VARCHAR)`);
        const fi = await db.appender('q_find_in', ['varchar', 'varchar', 'varchar', 'varchar', 'varchar', 'varchar', 'varchar', 'varchar',
          'double', 'double', 'varchar', 'varchar', 'varchar', 'varchar']);
        for (const f of s.findings) {
          fi.row([f.force_id, f.finding_id, f.check, f.dimension, f.severity, f.dataset, f.month, f.subject, f.value, f.threshold,
            f.message, JSON.stringify(f.sample_ids), f.detail ? JSON.stringify(f.detail) : null, f.origin]);
        }
        fi.close();
        await db.run(`INSERT INTO quality_findings SELECT force_id, finding_id, check_id, dimension, severity, dataset, month, subject,
          value, threshold, message, from_json(sample_ids, '["VARCHAR"]'), detail, origin, ? FROM q_find_in`, [s.runId]);
        await db.run(`DELETE FROM quality_scores`);
        await db.run(`INSERT INTO quality_scores
          WITH d AS (SELECT force_id, month, dimension, avg(score) AS score, count(*) AS checks FROM quality_measures
                     WHERE month IS NOT NULL AND score IS NOT NULL GROUP BY ALL)
          SELECT force_id, month, dimension, score, checks FROM d
          UNION ALL SELECT force_id, month, 'overall', avg(score), sum(checks) FROM d GROUP BY ALL`);
        await db.run(`DELETE FROM quality_state t WHERE EXISTS
          (SELECT 1 FROM q_scope s WHERE s.force_id = t.force_id AND s.kind = t.kind AND s.month = t.month)`);
        await db.run(`INSERT INTO quality_state SELECT f.force_id, f.kind, f.month, f.batch_id, ? FROM force_months f
          SEMI JOIN q_scope s ON s.force_id = f.force_id AND s.kind = f.kind AND s.month = f.month`, [s.geoVersion]);
        const nf = (await db.one<{ n: number }>(`SELECT count(*) AS n FROM quality_findings`))?.n ?? 0;
        await db.run(`INSERT INTO quality_runs VALUES (?, ?, to_timestamp(? / 1000.0)::TIMESTAMP, ?, ?, ?, ?)`,
          [s.runId, s.mode, s.startedAt, Date.now() - s.startedAt, s.rowScope.length, s.seriesForces.length, nf]);
      });
    },

    /** Findings with filters, most severe first, paged. */
    async findings(q: FindingQuery = {}): Promise<Page<FindingRow>> {
      const { w, params } = where(q);
      const limit = q.limit ?? 100;
      const offset = q.offset ?? 0;
      const total = Number((await db.one<{ n: number }>(`SELECT count(*) AS n FROM quality_findings ${w}`, params))?.n ?? 0);
      const rows = await db.all<Omit<FindingRow, 'detail'> & { detail: string | null }>(
        `SELECT finding_id, check_id AS "check", dimension, severity, force_id, month, dataset, subject, value, threshold, message,
                sample_ids, detail FROM quality_findings ${w}
         ORDER BY ${SEVERITY_ORDER}, force_id, dataset, check_id, month NULLS FIRST, subject LIMIT ${Number(limit)} OFFSET ${Number(offset)}`, params);
      return {
        items: rows.map((r) => ({ ...r, detail: r.detail ? (JSON.parse(r.detail) as Record<string, unknown>) : null })),
        total, limit, offset,
      };
    },

    /** Stored measures (every check value, whether or not it made a finding). */
    async measures(q: MeasureQuery = {}): Promise<MeasureRow[]> {
      const { w, params } = where({ force: q.force, check: q.check, dataset: q.dataset, month: q.month });
      return all(`SELECT force_id, check_id, dimension, dataset, month, subject, value, numerator, denominator, score
        FROM quality_measures ${w} ORDER BY force_id, check_id, dataset, month, subject`, params);
    },

    /** Scores per force, month and dimension ('overall' included). */
    async scores(q: ScoreQuery = {}): Promise<ScoreRow[]> {
      const parts: string[] = [];
      const params: SqlValue[] = [];
      if (q.force) (parts.push('force_id = ?'), params.push(q.force));
      if (q.month) (parts.push('month = ?'), params.push(q.month));
      if (q.from) (parts.push('month >= ?'), params.push(q.from));
      if (q.to) (parts.push('month <= ?'), params.push(q.to));
      if (q.dimension) (parts.push('dimension = ?'), params.push(q.dimension));
      const w = parts.length ? `WHERE ${parts.join(' AND ')}` : '';
      return all(`SELECT force_id, month, dimension, score FROM quality_scores ${w} ORDER BY force_id, month, dimension`, params);
    },

    /**
     * Forces ranked by their mean overall score over their own window: the months each force holds
     * (any dataset) among the `months` ending its own latest held month at or before `to` (default:
     * its latest). A force is never scored on months it does not hold: a month another force holds
     * and this one does not is a finding (missing months, timeliness), not a score of 0. Ties share a rank.
     */
    async leagueTable(q: { to: string | null; months: number }, dimensions: readonly string[]): Promise<LeagueRow[]> {
      const rows = await db.all<{ force_id: string; from: string; to: string; overall: number; months: number; dims: string; high: number; medium: number; low: number; rank: number }>(`
        WITH held AS (SELECT DISTINCT force_id, month FROM force_months WHERE ?::VARCHAR IS NULL OR month <= ?::VARCHAR),
        last AS (SELECT force_id, max(month) AS last_m,
                        strftime(strptime(max(month) || '-01', '%Y-%m-%d') - to_months(?::INTEGER - 1), '%Y-%m') AS first_m
                 FROM held GROUP BY force_id),
        win AS (SELECT h.force_id, h.month FROM held h JOIN last l USING (force_id) WHERE h.month BETWEEN l.first_m AND l.last_m),
        s AS (SELECT q.* FROM quality_scores q SEMI JOIN win w ON w.force_id = q.force_id AND w.month = q.month),
        o AS (SELECT force_id, avg(score) AS overall, count(*) AS months FROM s WHERE dimension = 'overall' GROUP BY ALL),
        d AS (SELECT force_id, to_json(map_from_entries(list({'k': dimension, 'v': score}))) ::VARCHAR AS dims
              FROM (SELECT force_id, dimension, avg(score) AS score FROM s WHERE dimension <> 'overall' GROUP BY ALL) GROUP BY ALL),
        f AS (SELECT f.force_id, count(*) FILTER (WHERE severity = 'high') AS high, count(*) FILTER (WHERE severity = 'medium') AS medium,
                     count(*) FILTER (WHERE severity = 'low') AS low
              FROM quality_findings f JOIN last l USING (force_id) WHERE f.month IS NULL OR f.month BETWEEN l.first_m AND l.last_m GROUP BY ALL)
        SELECT o.force_id, l.first_m AS "from", l.last_m AS "to", o.overall, o.months, d.dims, coalesce(f.high, 0) AS high,
          coalesce(f.medium, 0) AS medium, coalesce(f.low, 0) AS low, rank() OVER (ORDER BY round(o.overall, 6) DESC) AS rank
        FROM o JOIN last l USING (force_id) LEFT JOIN d USING (force_id) LEFT JOIN f USING (force_id) ORDER BY rank, o.force_id`, [q.to, q.to, q.months]);
      return rows.map((r) => {
        const dims = (r.dims ? JSON.parse(r.dims) : {}) as Record<string, number>;
        return {
          rank: Number(r.rank), force_id: r.force_id, from: r.from, to: r.to, overall: r.overall, months: Number(r.months),
          dimensions: Object.fromEntries(dimensions.map((d) => [d, dims[d] ?? null])),
          findings: { high: Number(r.high), medium: Number(r.medium), low: Number(r.low) },
        };
      });
    },

    /** Months each force holds, any dataset, in order (what its scores may be read over). */
    async heldMonths(force?: string): Promise<Map<string, string[]>> {
      const rows = await db.all<{ force_id: string; months: string[] }>(
        `SELECT force_id, list(DISTINCT month ORDER BY month) AS months FROM force_months${force ? ' WHERE force_id = ?' : ''} GROUP BY force_id ORDER BY force_id`, force ? [force] : []);
      return new Map(rows.map((r) => [r.force_id, r.months]));
    },

    /** Latest and earliest months with scores. */
    async scoredMonths(): Promise<{ first: string | null; last: string | null }> {
      const r = await db.one<{ first: string | null; last: string | null }>(`SELECT min(month) AS first, max(month) AS last FROM quality_scores`);
      return { first: r?.first ?? null, last: r?.last ?? null };
    },

    async lastRun(): Promise<QualityRun | undefined> {
      return db.one(`SELECT run_id, mode, strftime(started_at, '%Y-%m-%dT%H:%M:%SZ') AS started_at, ms, force_months, forces, findings
        FROM quality_runs ORDER BY started_at DESC LIMIT 1`);
    },
  };
}

