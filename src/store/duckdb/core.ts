/**
 * Reads of the core tables: coverage and status, batches, quarantine and the monthly cube
 * (exports are in export.ts). Every list is paged (`limit`, `offset`) and returns its total.
 */
import { h3ToHex, type Db, type SqlValue } from './db.ts';
import type { DatasetKind } from '../../standard/index.ts';

export interface Page<T> {
  readonly items: T[];
  readonly total: number;
  readonly limit: number;
  readonly offset: number;
}

export interface ForceStatus {
  readonly force_id: string;
  readonly months: string[];
  readonly rows: { street: number; outcomes: number; stop_search: number };
}

export interface CoverageCell {
  readonly force_id: string;
  readonly kind: DatasetKind;
  readonly month: string;
  readonly rows: number;
  readonly batch_id: string;
}

export interface BatchRow {
  readonly batch_id: string;
  readonly force_id: string;
  readonly kind: DatasetKind;
  readonly source: string;
  readonly sha256: string;
  readonly months: string[];
  readonly rows_read: number;
  readonly rows_loaded: number;
  readonly rows_quarantined: number;
  readonly status: string;
  readonly started_at: string;
  readonly finished_at: string;
  readonly ms_total: number;
  readonly detail: string | null;
}

export interface QuarantineRow {
  readonly force_id: string;
  readonly batch_id: string;
  readonly kind: DatasetKind;
  readonly source: string;
  readonly line: number | null;
  readonly raw: string | null;
  readonly reasons: string[];
  readonly detail: string | null;
}

export type CubeArea = 'force' | 'lsoa' | 'h3_r8';

export interface CubeQuery {
  readonly forces?: readonly string[];
  readonly categories?: readonly string[];
  readonly from?: string;
  readonly to?: string;
  /** The area level to count by: the whole force (default), LSOA, or H3 resolution 8 cell. */
  readonly area?: CubeArea;
  readonly areas?: readonly string[];
}

export interface CubeRow {
  readonly force_id: string;
  readonly month: string;
  readonly category: string;
  /** LSOA code or H3 cell (hex) when counting by area; null for the force level or unlocated rows. */
  readonly area_id: string | null;
  readonly n: number;
}


export function coreReads(db: Db) {
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

    async batches(q: { limit?: number; offset?: number; force?: string; status?: string } = {}): Promise<Page<BatchRow>> {
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

    async quarantine(q: { batch?: string; force?: string; reason?: string; limit?: number; offset?: number } = {}): Promise<Page<QuarantineRow>> {
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
    async quarantineSummary(): Promise<Array<{ force_id: string; kind: string; reason: string; n: number }>> {
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

export type CoreReads = ReturnType<typeof coreReads>;
