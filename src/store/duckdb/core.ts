/**
 * Reads of the core tables: coverage and status, batches, quarantine and the monthly cube
 * (exports are in export.ts). Every list is paged (`limit`, `offset`) and returns its total.
 */
import { h3ToHex, type Db, type SqlValue } from './db.ts';
import type { DatasetKind } from '../../standard/index.ts';
import type { BatchQuery, BatchRow, CoreReads, CoverageCell, CubeQuery, CubeRow, ForceStatus, Page, QuarantineQuery, QuarantineRow, QuarantineSummaryRow } from '../types/core.ts';

export function coreReads(db: Db): CoreReads {
  return {
    /** Forces with the months they hold and row counts per kind. */
    async status(): Promise<{ forces: ForceStatus[] }> {
      const rows = await db.all<{ force_id: string; kind: DatasetKind; months: string[]; rows: number }>(
        `SELECT force_id, kind, list(month ORDER BY month) AS months, sum(rows) AS rows FROM force_months GROUP BY force_id, kind ORDER BY force_id`);
      const byForce = new Map<string, ForceStatus>();
      for (const r of rows) {
        let f = byForce.get(r.force_id);
        if (!f) {
          f = { force_id: r.force_id, months: [], rows: { street: 0, outcomes: 0, stop_search: 0 } };
          byForce.set(r.force_id, f);
        }
        f.rows[r.kind] = Number(r.rows);
        f.months.push(...r.months);
      }
      return {
        forces: [...byForce.values()].map((f) => ({ ...f, months: [...new Set(f.months)].sort() })),
      };
    },

    async coverage(): Promise<CoverageCell[]> {
      return db.all<CoverageCell & Record<string, unknown>>(
        `SELECT force_id, kind, month, rows, batch_id FROM force_months ORDER BY force_id, kind, month`);
    },

    async batches(q: BatchQuery = {}): Promise<Page<BatchRow>> {
      const where: string[] = [];
      const params: SqlValue[] = [];
      if (q.force) (where.push('force_id = ?'), params.push(q.force));
      if (q.status) (where.push('status = ?'), params.push(q.status));
      const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
      const limit = q.limit ?? 100;
      const offset = q.offset ?? 0;
      const total = (await db.one<{ n: number }>(`SELECT count(*) AS n FROM batches ${w}`, params))?.n ?? 0;
      const items = await db.all<BatchRow & Record<string, unknown>>(
        `SELECT batch_id, force_id, kind, source, sha256, months, rows_read, rows_loaded, rows_quarantined, status,
                strftime(started_at, '%Y-%m-%dT%H:%M:%SZ') AS started_at, strftime(finished_at, '%Y-%m-%dT%H:%M:%SZ') AS finished_at,
                ms_total, detail
         FROM batches ${w} ORDER BY finished_at DESC, batch_id LIMIT ${limit} OFFSET ${offset}`, params);
      return { items, total, limit, offset };
    },

    async batch(batchId: string): Promise<BatchRow | undefined> {
      return db.one<BatchRow & Record<string, unknown>>(
        `SELECT batch_id, force_id, kind, source, sha256, months, rows_read, rows_loaded, rows_quarantined, status,
                strftime(started_at, '%Y-%m-%dT%H:%M:%SZ') AS started_at, strftime(finished_at, '%Y-%m-%dT%H:%M:%SZ') AS finished_at,
                ms_total, detail FROM batches WHERE batch_id = ?`, [batchId]);
    },

    async quarantine(q: QuarantineQuery = {}): Promise<Page<QuarantineRow>> {
      const where: string[] = [];
      const params: SqlValue[] = [];
      if (q.batch) (where.push('batch_id = ?'), params.push(q.batch));
      if (q.force) (where.push('force_id = ?'), params.push(q.force));
      if (q.reason) (where.push('list_contains(reasons, ?)'), params.push(q.reason));
      const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
      const limit = q.limit ?? 100;
      const offset = q.offset ?? 0;
      const total = (await db.one<{ n: number }>(`SELECT count(*) AS n FROM quarantine ${w}`, params))?.n ?? 0;
      const items = await db.all<QuarantineRow & Record<string, unknown>>(
        `SELECT force_id, batch_id, kind, source, line, raw, reasons, detail FROM quarantine ${w}
         ORDER BY batch_id, line LIMIT ${limit} OFFSET ${offset}`, params);
      return { items, total, limit, offset };
    },

    /** Quarantined rows counted by force, kind and reason code (a row with two reasons counts under each). */
    async quarantineSummary(): Promise<QuarantineSummaryRow[]> {
      return db.all(`SELECT force_id, kind, reason, count(*) AS n
                     FROM (SELECT force_id, kind, unnest(reasons) AS reason FROM quarantine) GROUP BY ALL ORDER BY n DESC, force_id, reason`);
    },

    /** Counts from the monthly cube, at force, LSOA or H3 r8 level, with filters. */
    async cube(q: CubeQuery = {}): Promise<CubeRow[]> {
      const where: string[] = [];
      const params: SqlValue[] = [];
      if (q.forces?.length) (where.push(`force_id IN (${q.forces.map(() => '?').join(',')})`), params.push(...q.forces));
      if (q.categories?.length) (where.push(`category IN (${q.categories.map(() => '?').join(',')})`), params.push(...q.categories));
      if (q.from) (where.push('month >= ?'), params.push(q.from));
      if (q.to) (where.push('month <= ?'), params.push(q.to));
      const area = q.area ?? 'force';
      const areaExpr = area === 'force' ? 'NULL::VARCHAR' : area === 'lsoa' ? 'lsoa_code' : `${h3ToHex('h3_r8')}`;
      if (q.areas?.length && area !== 'force') {
        where.push(`${areaExpr} IN (${q.areas.map(() => '?').join(',')})`);
        params.push(...q.areas);
      }
      const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
      return db.all<CubeRow & Record<string, unknown>>(
        `SELECT force_id, month, category, ${areaExpr} AS area_id, sum(n)::BIGINT AS n FROM cube ${w}
         GROUP BY ALL ORDER BY force_id, month, category, area_id`, params);
    },

    /** Months held for each force and kind (the latest is what `peel detect` uses by default). */
    async latestMonth(kind: DatasetKind = 'street'): Promise<string | null> {
      return (await db.one<{ m: string | null }>(`SELECT max(month) AS m FROM force_months WHERE kind = ?`, [kind]))?.m ?? null;
    },
  };
}

