/**
 * The core reads (coverage and status, batches, quarantine, the monthly cube) in PostgreSQL: the
 * same queries as ../duckdb/core.ts with PostgreSQL's names for lists (array_agg, ANY, unnest),
 * time formatting (to_char) and hex. Text sorts byte-wise (COLLATE "C"), as DuckDB sorts, whatever
 * the database's collation.
 */
import type { Db, SqlValue } from '../sql/db.ts';
import type { CoreReads, BatchRow, QuarantineRow, CoverageCell, CubeQuery, CubeRow, ForceStatus } from '../types/core.ts';
import type { DatasetKind } from '../../standard/index.ts';

const C = 'COLLATE "C"';
const ISO = `'YYYY-MM-DD"T"HH24:MI:SS"Z"'`;
const BATCH_COLUMNS = `batch_id, force_id, kind, source, sha256, months, rows_read, rows_loaded, rows_quarantined, status,
  to_char(started_at, ${ISO}) AS started_at, to_char(finished_at, ${ISO}) AS finished_at, ms_total, detail`;

/** SQL turning a BIGINT H3 cell column into the usual lower-case hex string. */
export function h3ToHexPg(col: string): string {
  return `lower(to_hex(${col}))`;
}

export function coreReadsPg(db: Db): CoreReads {
  return {
    async status() {
      const rows = await db.all<{ force_id: string; kind: DatasetKind; months: string[]; rows: number }>(
        `SELECT force_id, kind, array_agg(month ORDER BY month ${C}) AS months, sum(rows)::BIGINT AS rows FROM force_months
         GROUP BY force_id, kind ORDER BY force_id ${C}`);
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
      return { forces: [...byForce.values()].map((f) => ({ ...f, months: [...new Set(f.months)].sort() })) };
    },

    async coverage() {
      return db.all<CoverageCell & Record<string, unknown>>(
        `SELECT force_id, kind, month, rows, batch_id FROM force_months ORDER BY force_id ${C}, kind ${C}, month ${C}`);
    },

    async batches(q = {}) {
      const where: string[] = [];
      const params: SqlValue[] = [];
      if (q.force) (where.push('force_id = ?'), params.push(q.force));
      if (q.status) (where.push('status = ?'), params.push(q.status));
      const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
      const limit = q.limit ?? 100;
      const offset = q.offset ?? 0;
      const total = (await db.one<{ n: number }>(`SELECT count(*) AS n FROM batches ${w}`, params))?.n ?? 0;
      const items = await db.all<BatchRow & Record<string, unknown>>(
        `SELECT ${BATCH_COLUMNS} FROM batches ${w} ORDER BY batches.finished_at DESC, batch_id ${C} LIMIT ${Number(limit)} OFFSET ${Number(offset)}`, params);
      return { items, total, limit, offset };
    },

    async batch(batchId: string) {
      return db.one<BatchRow & Record<string, unknown>>(`SELECT ${BATCH_COLUMNS} FROM batches WHERE batch_id = ?`, [batchId]);
    },

    async quarantine(q = {}) {
      const where: string[] = [];
      const params: SqlValue[] = [];
      if (q.batch) (where.push('batch_id = ?'), params.push(q.batch));
      if (q.force) (where.push('force_id = ?'), params.push(q.force));
      if (q.reason) (where.push('? = ANY(reasons)'), params.push(q.reason));
      const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
      const limit = q.limit ?? 100;
      const offset = q.offset ?? 0;
      const total = (await db.one<{ n: number }>(`SELECT count(*) AS n FROM quarantine ${w}`, params))?.n ?? 0;
      const items = await db.all<QuarantineRow & Record<string, unknown>>(
        `SELECT force_id, batch_id, kind, source, line, raw, reasons, detail FROM quarantine ${w}
         ORDER BY batch_id ${C}, line LIMIT ${Number(limit)} OFFSET ${Number(offset)}`, params);
      return { items, total, limit, offset };
    },

    async quarantineSummary() {
      return db.all(`SELECT force_id, kind, reason, count(*) AS n
                     FROM (SELECT force_id, kind, unnest(reasons) AS reason FROM quarantine) x
                     GROUP BY force_id, kind, reason ORDER BY n DESC, force_id ${C}, reason ${C}`);
    },

    async cube(q: CubeQuery = {}) {
      const where: string[] = [];
      const params: SqlValue[] = [];
      if (q.forces?.length) (where.push(`force_id IN (${q.forces.map(() => '?').join(',')})`), params.push(...q.forces));
      if (q.categories?.length) (where.push(`category IN (${q.categories.map(() => '?').join(',')})`), params.push(...q.categories));
      if (q.from) (where.push('month >= ?'), params.push(q.from));
      if (q.to) (where.push('month <= ?'), params.push(q.to));
      const area = q.area ?? 'force';
      const areaExpr = area === 'force' ? 'NULL::VARCHAR' : area === 'lsoa' ? 'lsoa_code' : h3ToHexPg('h3_r8');
      if (q.areas?.length && area !== 'force') {
        where.push(`${areaExpr} IN (${q.areas.map(() => '?').join(',')})`);
        params.push(...q.areas);
      }
      const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
      return db.all<CubeRow & Record<string, unknown>>(
        `SELECT force_id, month, category, ${areaExpr} AS area_id, sum(n)::BIGINT AS n FROM cube ${w}
         GROUP BY 1, 2, 3, 4 ORDER BY force_id ${C}, month ${C}, category ${C}, (${areaExpr}) ${C}`, params);
    },

    async latestMonth(kind: DatasetKind = 'street') {
      return (await db.one<{ m: string | null }>(`SELECT max(month) AS m FROM force_months WHERE kind = ?`, [kind]))?.m ?? null;
    },
  };
}
