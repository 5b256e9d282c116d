/**
 * The alerts namespace on PostgreSQL: the reads detection needs and the alert tables, as
 * ../duckdb/alerts.ts has them, in PostgreSQL's SQL (array_agg for list, explicit GROUP BY,
 * float division, ON CONFLICT for INSERT OR REPLACE, to_char for strftime, min for any_value,
 * text sorted byte-wise). The statistics run on what these return, so the same reads give the
 * same alerts.
 */
import { PeelError } from '../../standard/index.ts';
import type { Db, SqlValue } from '../sql/db.ts';
import type { Page } from '../types/core.ts';
import {
  ALERT_STATUSES, type AlertsStore, type AlertStatus, type AlertKind, type AlertAreaType, type AlertReview, type AlertSummary,
  type StoredAlert, type NewAlert, type AlertEvidence, type AlertRun, type AlertQuery, type AlertStatusChange, type AlertEvent,
  type AreaSeries, type AreaLevel, type AreaScreen, type AreaScreenResult,
} from '../types/alerts.ts';
import { h3ToHexPg as h3ToHex } from './core.ts';
import { tacticReadsPg } from './tactic-reads.ts';

const C = 'COLLATE "C"';
const ISO = `'YYYY-MM-DD"T"HH24:MI:SS"Z"'`;
/** A list of codes or cells as one PostgreSQL array parameter (they never hold quotes or commas). */
const pgList = (xs: readonly string[]) => `{${xs.map((x) => `"${x.replace(/["\\]/g, '')}"`).join(',')}}`;

/** Allowed status changes: dismissed and actioned are final. */
const TRANSITIONS: Record<AlertStatus, readonly AlertStatus[]> = {
  new: ['acknowledged', 'dismissed', 'actioned'],
  acknowledged: ['dismissed', 'actioned'],
  dismissed: [],
  actioned: [],
};

/** SQL for the H3 resolution-7 parent of a resolution-8 BIGINT cell: set the resolution field, blank digit 8. */
function h3ParentR7(col: string): string {
  return `((${col} & ~(15::BIGINT << 52)) | (7::BIGINT << 52) | (7::BIGINT << 21))`;
}

/**
 * Series of `area` over `months` by force and category, dense: `months` is the window itself and
 * `counts[i]` its count in `months[i]`, 0 where none. The counts come back as one column per month:
 * reading nested lists out of DuckDB cost a large force (80,000 LSOA series) a second a run.
 */
async function denseSeries(db: Db, area: string, where: string, q: { forces?: readonly string[]; months: readonly string[] }): Promise<AreaSeries[]> {
  if (!q.months.length) return [];
  const params: SqlValue[] = [];
  const cols = q.months.map((m, i) => (params.push(m), `coalesce(sum(n) FILTER (WHERE month = ?), 0)::INTEGER AS c${i}`)).join(', ');
  params.push(q.months[0], q.months[q.months.length - 1]);
  const f = inList('force_id', q.forces, params);
  const rows = await db.all<Record<string, string | number>>(
    `SELECT force_id, category, ${area} AS area_id, ${cols} FROM cube
     WHERE month >= ? AND month <= ? AND ${where}${f} GROUP BY 1, 2, 3 ORDER BY force_id ${C}, category ${C}, (${area}) ${C}`, params);
  const months = [...q.months];
  return rows.map((r) => ({
    force_id: String(r.force_id), category: String(r.category), area_id: String(r.area_id), months,
    counts: months.map((_, i) => Number(r[`c${i}`])),
  }));
}

const codeList = pgList;

function areaExpr(level: AreaLevel): string {
  switch (level) {
    case 'lsoa': return 'lsoa_code';
    case 'h3_r8': return h3ToHex('h3_r8');
    case 'h3_r7': return h3ToHex(h3ParentR7('h3_r8'));
    default: {
      const never: never = level;
      throw new Error(`unknown area level ${String(never)}`);
    }
  }
}

function inList(col: string, values: readonly string[] | undefined, params: SqlValue[]): string {
  if (!values?.length) return '';
  params.push(...values);
  return ` AND ${col} IN (${values.map(() => '?').join(',')})`;
}

interface AlertRow extends Record<string, unknown> {
  force_id: string;
  alert_id: string;
  run_id: string;
  month: string;
  kind: AlertKind;
  force_ids: string[];
  category: string;
  area_type: AlertAreaType;
  area_ids: string[];
  h3_cells: string[];
  period_start: string;
  period_end: string;
  observed: number;
  expected: number;
  threshold: number | null;
  p: number | null;
  q: number | null;
  priority: number;
  method: string;
  params: string;
  evidence?: string;
  explanation: string;
  place: string | null;
  review: AlertReview | null;
  review_rank: number | null;
  recording_change: string | null;
  record_ids: string[] | null;
  record_forces: string[] | null;
  status: AlertStatus | null;
  status_reason: string | null;
  status_changed_at: string | null;
}

const SELECT_ALERT = `SELECT a.force_id, a.alert_id, a.run_id, a.month, a.kind, a.force_ids, a.category, a.area_type, a.area_ids,
    a.h3_cells, a.period_start, a.period_end, a.observed, a.expected, a.threshold, a.p, a.q, a.priority, a.method, a.params,
    a.explanation, a.place, a.review, a.review_rank, a.recording_change, a.record_ids, a.record_forces, coalesce(s.status, 'new') AS status,
    s.reason AS status_reason, to_char(s.changed_at, ${ISO}) AS status_changed_at`;

function toSummary(r: AlertRow): AlertSummary {
  return {
    alert_id: r.alert_id, run_id: r.run_id, month: r.month, kind: r.kind, force_ids: r.force_ids, category: r.category,
    area_type: r.area_type, area_ids: r.area_ids, h3_cells: r.h3_cells, period_start: r.period_start, period_end: r.period_end,
    observed: r.observed, expected: r.expected, threshold: r.threshold, p: r.p, q: r.q, priority: r.priority, method: r.method,
    params: JSON.parse(r.params) as NewAlert['params'], explanation: r.explanation, place: r.place ?? '',
    review: r.review ?? 'inbox', review_rank: Number(r.review_rank ?? 0), recording_change: r.recording_change ?? null,
    records: (r.record_ids ?? []).map((record_id, i) => ({ force_id: String(r.record_forces?.[i] ?? ''), record_id })), status: r.status ?? 'new',
    status_reason: r.status_reason, status_changed_at: r.status_changed_at,
  };
}

const ALERT_UPDATE = ['run_id', 'month', 'kind', 'force_ids', 'category', 'area_type', 'area_ids', 'h3_cells', 'period_start', 'period_end',
  'observed', 'expected', 'threshold', 'p', 'q', 'priority', 'method', 'params', 'evidence', 'explanation', 'place', 'review', 'review_rank',
  'recording_change', 'record_ids', 'record_forces'].map((c) => `${c} = excluded.${c}`).join(', ');

export function alertsStorePg(db: Db): AlertsStore {
  const getRow = async (alertId: string): Promise<AlertRow | undefined> =>
    db.one<AlertRow>(`${SELECT_ALERT}, a.evidence FROM alerts a LEFT JOIN alert_status s USING (force_id, alert_id) WHERE a.alert_id = ?`, [alertId]);

  return {
    ...tacticReadsPg(db),

    /** Months of street data each force holds (from `force_months`), in order. */
    async forceMonths(forces?: readonly string[]): Promise<Map<string, string[]>> {
      const params: SqlValue[] = [];
      const rows = await db.all<{ force_id: string; months: string[] }>(
        `SELECT force_id, array_agg(month ORDER BY month ${C}) AS months FROM force_months WHERE kind = 'street'${inList('force_id', forces, params)} GROUP BY force_id ORDER BY force_id ${C}`, params);
      return new Map(rows.map((r) => [r.force_id, r.months]));
    },

    /**
     * Screens every place × category series of a level in one aggregate query and returns the full
     * series of the candidates only: those whose count in `month` is ≥ `minCount` and ≥ mean +
     * `sdFactor`·√mean of the force's earlier months in the window. The number of series with any
     * count in the window is returned per force, so the caller can size its multiple-testing family.
     */
    async screenAreas(q: AreaScreen): Promise<AreaScreenResult> {
      const area = areaExpr(q.level);
      const params: SqlValue[] = [q.from, q.month];
      const forceFilter = inList('force_id', q.forces, params);
      params.push(q.month, q.month, q.from, q.month);
      const fmParams: SqlValue[] = [];
      const fmFilter = inList('force_id', q.forces, fmParams);
      params.push(...fmParams, q.minCount, q.sdFactor);
      const rows = await db.all<{ force_id: string; category: string; area_id: string; months: string[] | null; counts: number[] | null; m: number }>(
        `WITH base AS (
           SELECT force_id, category, ${area} AS area_id, month, sum(n)::BIGINT AS n FROM cube
           WHERE month >= ? AND month <= ? AND h3_r8 IS NOT NULL AND lsoa_code IS NOT NULL${forceFilter} GROUP BY 1, 2, 3, 4),
         s0 AS (
           SELECT force_id, category, area_id,
                  coalesce(sum(n) FILTER (WHERE month = ?), 0)::FLOAT8 AS cur, coalesce(sum(n) FILTER (WHERE month < ?), 0)::FLOAT8 AS hist
           FROM base GROUP BY 1, 2, 3),
         s AS (SELECT *, count(*) OVER (PARTITION BY force_id) AS m FROM s0),
         fm AS (
           SELECT force_id, count(*) AS hist_months FROM force_months
           WHERE kind = 'street' AND month >= ? AND month < ?${fmFilter} GROUP BY force_id),
         cand AS (
           SELECT s.force_id, s.category, s.area_id, s.m FROM s LEFT JOIN fm USING (force_id)
           WHERE s.cur >= ? AND s.cur >= s.hist / greatest(coalesce(fm.hist_months, 0), 1)
                 + ? * sqrt(s.hist / greatest(coalesce(fm.hist_months, 0), 1))),
         counts AS (SELECT force_id, min(m) AS m FROM s GROUP BY force_id)
         SELECT * FROM (
           SELECT c.force_id, c.category, c.area_id, array_agg(b.month ORDER BY b.month ${C}) AS months, array_agg(b.n ORDER BY b.month ${C}) AS counts, min(c.m) AS m
           FROM cand c JOIN base b USING (force_id, category, area_id) GROUP BY 1, 2, 3
           UNION ALL
           SELECT force_id, NULL, NULL, NULL, NULL, m FROM counts) x
         ORDER BY force_id ${C}, category ${C}, area_id ${C}`, params);
      const tested: Record<string, number> = {};
      const candidates: AreaSeries[] = [];
      for (const r of rows) {
        if (r.category === null) tested[r.force_id] = Number(r.m);
        else candidates.push({ force_id: r.force_id, category: r.category, area_id: r.area_id, months: r.months ?? [], counts: (r.counts ?? []).map(Number) });
      }
      return { tested, candidates };
    },

    /** Every H3 resolution-8 series with any count in `months` (consecutive), by force and category; see denseSeries. */
    async h3Series(q: { forces?: readonly string[]; months: readonly string[] }): Promise<AreaSeries[]> {
      return denseSeries(db, h3ToHex('h3_r8'), 'h3_r8 IS NOT NULL', q);
    },

    /** Every LSOA series with any located count in `months`, by force and category (for the scan on LSOAs; places from `lsoaPlaces`). */
    async lsoaSeries(q: { forces?: readonly string[]; months: readonly string[] }): Promise<AreaSeries[]> {
      return denseSeries(db, 'lsoa_code', 'h3_r8 IS NOT NULL AND lsoa_code IS NOT NULL', q);
    },

    /**
     * Where each LSOA with located street rows in [from, to] is: the mean of those rows' points
     * (data.police.uk's anonymised map points, which lie in the LSOA), in degrees.
     */
    async lsoaPlaces(q: { forces?: readonly string[]; from: string; to: string }): Promise<Map<string, { lon: number; lat: number }>> {
      const params: SqlValue[] = [q.from, q.to];
      const f = inList('force_id', q.forces, params);
      const rows = await db.all<{ lsoa_code: string; lon: number; lat: number }>(
        `SELECT lsoa_code, avg(lon) AS lon, avg(lat) AS lat FROM street
         WHERE month >= ? AND month <= ? AND lon IS NOT NULL AND lat IS NOT NULL AND lsoa_code IS NOT NULL${f} GROUP BY lsoa_code`, params);
      return new Map(rows.map((r) => [r.lsoa_code, { lon: r.lon, lat: r.lat }]));
    },

    /**
     * The district (local authority) each of these LSOAs lies in, from its name in the street rows:
     * ONS names an LSOA after its district and a code ("Leicester 023A" is in Leicester).
     */
    async lsoaDistricts(codes: readonly string[]): Promise<Map<string, string>> {
      if (!codes.length) return new Map();
      const rows = await db.all<{ lsoa_code: string; district: string }>(
        `SELECT lsoa_code, regexp_replace(min(lsoa_name), '\\s+[0-9]{3}[A-Z]$', '') AS district FROM street
         WHERE lsoa_name IS NOT NULL AND lsoa_code IN (SELECT unnest(?::VARCHAR[])) GROUP BY lsoa_code`, [codeList(codes)]);
      return new Map(rows.filter((r) => r.district).map((r) => [r.lsoa_code, r.district]));
    },

    /**
     * Each of these LSOAs' name and district: the ONS name from the geography lookups where loaded,
     * else the name the street rows give ("Leicester 023A" lies in the district "Leicester").
     */
    async lsoaNames(codes: readonly string[]): Promise<Map<string, { name: string; district: string }>> {
      if (!codes.length) return new Map();
      const rows = await db.all<{ lsoa_code: string; name: string | null }>(
        `WITH c AS (SELECT unnest(?::VARCHAR[]) AS lsoa_code),
         g AS (SELECT lsoa_code, min(lsoa_name) AS name FROM geo_lsoa WHERE lsoa_code IN (SELECT lsoa_code FROM c) AND lsoa_name IS NOT NULL GROUP BY lsoa_code),
         s AS (SELECT lsoa_code, min(lsoa_name)::VARCHAR AS name FROM street WHERE lsoa_name IS NOT NULL AND lsoa_code IN (SELECT lsoa_code FROM c) GROUP BY lsoa_code)
         SELECT c.lsoa_code, coalesce(g.name, s.name) AS name FROM c LEFT JOIN g USING (lsoa_code) LEFT JOIN s USING (lsoa_code)`, [codeList(codes)]);
      const out = new Map<string, { name: string; district: string }>();
      for (const r of rows) if (r.name) out.set(r.lsoa_code, { name: r.name, district: r.name.replace(/\s+[0-9]{3}[A-Z]$/, '') });
      return out;
    },

    /** The LSOAs each of these H3 resolution-8 cells has had crimes in, most crimes first. */
    async cellLsoas(cells: readonly string[]): Promise<Map<string, string[]>> {
      if (!cells.length) return new Map();
      const hex = h3ToHex('h3_r8');
      const rows = await db.all<{ cell: string; lsoas: string[] }>(
        `SELECT cell, array_agg(lsoa_code ORDER BY n DESC, lsoa_code ${C}) AS lsoas FROM (
           SELECT ${hex} AS cell, lsoa_code::VARCHAR AS lsoa_code, sum(n) AS n FROM cube
           WHERE h3_r8 IS NOT NULL AND lsoa_code IS NOT NULL AND ${hex} IN (SELECT unnest(?::VARCHAR[])) GROUP BY 1, 2) x
         GROUP BY cell`, [codeList(cells)]);
      return new Map(rows.map((r) => [r.cell, r.lsoas]));
    },

    /** The H3 resolution-8 cells where each of these LSOAs has had crimes (their geometry as cells). */
    async lsoaCells(codes: readonly string[]): Promise<Map<string, string[]>> {
      if (!codes.length) return new Map();
      const rows = await db.all<{ lsoa_code: string; cells: string[] }>(
        `SELECT lsoa_code, array_agg(DISTINCT ${h3ToHex('h3_r8')} ORDER BY ${h3ToHex('h3_r8')}) AS cells FROM cube
         WHERE h3_r8 IS NOT NULL AND lsoa_code IN (SELECT unnest(?::VARCHAR[])) GROUP BY lsoa_code`, [codeList(codes)]);
      return new Map(rows.map((r) => [r.lsoa_code, r.cells]));
    },

    /**
     * Replaces the alerts of `run.forces` for `run.month` with `alerts`, and records the run, in one
     * transaction. Statuses live apart and are keyed by alert id, so a finding found again keeps its status.
     */
    async saveRun(run: AlertRun, alerts: readonly NewAlert[]): Promise<void> {
      await db.transaction(async () => {
        if (run.forces.length) {
          await db.run(`DELETE FROM alerts WHERE month = ? AND force_id IN (${run.forces.map(() => '?').join(',')})`, [run.month, ...run.forces]);
        }
        // Many rows per statement: one round trip per 200 alerts.
        for (let i = 0; i < alerts.length; i += 200) {
          const chunk = alerts.slice(i, i + 200);
          const row = '(?, ?, ?, ?, ?, ?::VARCHAR[], ?, ?, ?::VARCHAR[], ?::VARCHAR[], ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::VARCHAR[], ?::VARCHAR[])';
          await db.run(`INSERT INTO alerts (force_id, alert_id, run_id, month, kind, force_ids, category, area_type, area_ids,
              h3_cells, period_start, period_end, observed, expected, threshold, p, q, priority, method, params, evidence, explanation,
              place, review, review_rank, recording_change, record_ids, record_forces) VALUES ${chunk.map(() => row).join(', ')}
              ON CONFLICT (force_id, alert_id) DO UPDATE SET ${ALERT_UPDATE}`, chunk.flatMap((a) => [
            a.force_ids[0], a.alert_id, run.run_id, run.month, a.kind, pgList(a.force_ids), a.category, a.area_type,
            pgList(a.area_ids), pgList(a.h3_cells), a.period_start, a.period_end, a.observed, a.expected, a.threshold,
            a.p, a.q, a.priority, a.method, JSON.stringify(a.params), JSON.stringify(a.evidence), a.explanation,
            a.place, a.review, a.review_rank, a.recording_change,
            pgList((a.records ?? []).map((r) => r.record_id)), pgList((a.records ?? []).map((r) => r.force_id))]));
        }
        await db.run(`INSERT INTO alert_runs VALUES (?, ?, ?::VARCHAR[], ?::TIMESTAMP, ?::TIMESTAMP, ?, ?, ?, ?)
          ON CONFLICT (run_id) DO UPDATE SET month = excluded.month, forces = excluded.forces, started_at = excluded.started_at,
            finished_at = excluded.finished_at, ms_total = excluded.ms_total, alerts = excluded.alerts, tests = excluded.tests, options = excluded.options`, [
          run.run_id, run.month, pgList(run.forces), run.started_at, run.finished_at, run.ms_total, run.alerts, run.tests, JSON.stringify(run.options)]);
      });
    },

    /** Alerts with filters, highest priority first, paged. */
    async list(q: AlertQuery = {}): Promise<Page<AlertSummary>> {
      const where: string[] = [];
      const params: SqlValue[] = [];
      if (q.force) (where.push('? = ANY(a.force_ids)'), params.push(q.force));
      if (q.status) (where.push(`coalesce(s.status, 'new') = ?`), params.push(q.status));
      if (q.kind) (where.push('a.kind = ?'), params.push(q.kind));
      if (q.category) (where.push('a.category = ?'), params.push(q.category));
      if (q.month) (where.push('a.month = ?'), params.push(q.month));
      if (q.minPriority !== undefined) (where.push('a.priority >= ?'), params.push(q.minPriority));
      if (q.review) (where.push('a.review = ?'), params.push(q.review));
      if (q.open) where.push(`coalesce(s.status, 'new') <> 'dismissed'`);
      const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
      const limit = Math.max(0, Math.floor(q.limit ?? 50));
      const offset = Math.max(0, Math.floor(q.offset ?? 0));
      const from = `FROM alerts a LEFT JOIN alert_status s USING (force_id, alert_id) ${w}`;
      const total = Number((await db.one<{ n: number }>(`SELECT count(*) AS n ${from}`, params))?.n ?? 0);
      const rows = await db.all<AlertRow>(`${SELECT_ALERT} ${from} ORDER BY CASE a.review WHEN 'inbox' THEN 0 WHEN 'beyond_budget' THEN 1 ELSE 2 END, a.priority DESC, a.month ${C} DESC, a.alert_id ${C} LIMIT ${limit} OFFSET ${offset}`, params);
      return { items: rows.map(toSummary), total, limit, offset };
    },

    /** One alert with its evidence, or undefined. */
    async get(alertId: string): Promise<StoredAlert | undefined> {
      const r = await getRow(alertId);
      if (!r) return undefined;
      return { ...toSummary(r), evidence: JSON.parse(r.evidence ?? '{}') as AlertEvidence };
    },

    async getOrThrow(alertId: string): Promise<StoredAlert> {
      const a = await this.get(alertId);
      if (!a) throw new PeelError('not_found', `no alert "${alertId}" (list them with \`peel alerts\`)`);
      return a;
    },

    /**
     * Moves an alert along new → acknowledged → dismissed | actioned (dismissed and actioned are
     * final; dismissing needs a reason). Every change is kept in `alert_events`.
     */
    async setStatus(alertId: string, change: AlertStatusChange): Promise<StoredAlert> {
      const reason = change.reason?.trim() || null;
      const actor = change.actor?.trim() || null;
      if (!(ALERT_STATUSES as readonly string[]).includes(change.status) || change.status === ('new' as AlertStatus)) {
        throw new PeelError('bad_input', `status "${String(change.status)}" must be one of acknowledged, dismissed, actioned`);
      }
      if (change.status === 'dismissed' && !reason) throw new PeelError('bad_input', `dismissing alert ${alertId} needs a reason (--reason TEXT)`);
      const r = await getRow(alertId);
      if (!r) throw new PeelError('not_found', `no alert "${alertId}" (list them with \`peel alerts\`)`);
      const current: AlertStatus = r.status ?? 'new';
      if (!TRANSITIONS[current].includes(change.status)) {
        throw new PeelError('conflict', `alert ${alertId} is ${current}; it cannot become ${change.status}`);
      }
      await db.transaction(async () => {
        await db.run(`INSERT INTO alert_status VALUES (?, ?, ?, ?, (now() AT TIME ZONE 'UTC')::TIMESTAMP)
          ON CONFLICT (force_id, alert_id) DO UPDATE SET status = excluded.status, reason = excluded.reason, changed_at = excluded.changed_at`,
          [r.force_id, alertId, change.status, reason]);
        await db.run(`INSERT INTO alert_events (force_id, alert_id, status, reason, changed_at, actor) VALUES (?, ?, ?, ?, (now() AT TIME ZONE 'UTC')::TIMESTAMP, ?)`,
          [r.force_id, alertId, change.status, reason, actor]);
      });
      return (await this.get(alertId))!;
    },

    /** Status changes of an alert (its triage history: who, when, the note), oldest first. */
    async events(alertId: string): Promise<AlertEvent[]> {
      return db.all<AlertEvent & Record<string, unknown>>(
        `SELECT status, reason, actor, to_char(changed_at, ${ISO}) AS changed_at FROM alert_events WHERE alert_id = ? ORDER BY alert_events.changed_at, ctid`, [alertId]);
    },

    /** Months with stored alerts, per lead force, in order. */
    async alertMonths(forces?: readonly string[]): Promise<Map<string, string[]>> {
      const params: SqlValue[] = [];
      const rows = await db.all<{ force_id: string; months: string[] }>(
        `SELECT force_id, array_agg(DISTINCT month ORDER BY month) AS months FROM alerts WHERE true${inList('force_id', forces, params)} GROUP BY force_id`, params);
      return new Map(rows.map((r) => [r.force_id, r.months]));
    },

    /** Detection runs, newest first. */
    async runs(limit = 20): Promise<AlertRun[]> {
      const rows = await db.all<Omit<AlertRun, 'options'> & { options: string } & Record<string, unknown>>(
        `SELECT run_id, month, forces, to_char(started_at, ${ISO}) AS started_at,
                to_char(finished_at, ${ISO}) AS finished_at, ms_total, alerts, tests, options
         FROM alert_runs ORDER BY alert_runs.finished_at DESC LIMIT ${Math.max(0, Math.floor(limit))}`);
      return rows.map((r) => ({ ...r, options: JSON.parse(r.options) as Record<string, unknown> }));
    },
  };
}


