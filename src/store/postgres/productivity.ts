/**
 * Productivity's reads and tables on PostgreSQL (migrations 0701/0702, same tables as
 * ../duckdb/productivity.ts), including the cached outcome cells (`productivity_cells`, refreshed
 * per force when its street or outcomes batches change, in one transaction).
 *
 * The same results by other means: the coded columns are text here, so an outcome's finality is a
 * CASE over its code rather than a list indexed by DuckDB's ENUM code, and outcomes meet crimes on
 * the Crime ID itself (an exact join; DuckDB's two 64-bit hashes only save it memory). Text sorts
 * are in byte order (COLLATE "C"), as DuckDB's are.
 */
import { OUTCOME_PRODUCTIVITY_GROUP, PRODUCTIVITY_GROUP_PRECEDENCE } from '../../standard/index.ts';
import { cellsCache } from '../sql/productivity-cells.ts';
import { sqlString, type SqlValue } from '../sql/db.ts';
import type { ForceArea, GroupMemberRow, ProductivityScope, ProductivityStore, StopSearchCell, WorkforceRow } from '../types/productivity.ts';
import type { PgDb } from './db.ts';

const C = 'COLLATE "C"';

/** Finality of an outcome code (9 − its group's precedence index; NULL or unknown → unresolved), as SQL. */
function finalitySql(col: string): string {
  const unresolved = 9 - PRODUCTIVITY_GROUP_PRECEDENCE.indexOf('unresolved');
  const whens = Object.entries(OUTCOME_PRODUCTIVITY_GROUP)
    .map(([code, g]) => `WHEN ${sqlString(code)} THEN ${9 - PRODUCTIVITY_GROUP_PRECEDENCE.indexOf(g)}`).join(' ');
  return `(CASE ${col} ${whens} ELSE ${unresolved} END)`;
}

const monthIndex = (col: string) => `(substr(${col}, 1, 4)::INTEGER * 12 + substr(${col}, 6, 2)::INTEGER)`;
const marks = (xs: readonly unknown[]) => xs.map(() => '?').join(',');

function scopeWhere(s: ProductivityScope, params: SqlValue[]): string {
  const w = [`month >= ?`, `month <= ?`];
  params.push(s.from, s.to);
  if (s.forces?.length) {
    w.push(`force_id IN (${marks(s.forces)})`);
    params.push(...s.forces);
  }
  return w.join(' AND ');
}

/** The outcome cells of `forces` (every month they hold): see the embedded store's computeSql. */
async function computeSql(forces: readonly string[]): Promise<{ sql: string; params: SqlValue[] }> {
  const groups = PRODUCTIVITY_GROUP_PRECEDENCE.map((g, i) => `WHEN ${i} THEN ${sqlString(g)}`).join(' ');
  return {
    params: [...forces, ...forces],
    sql: `
      WITH o AS (
        SELECT o.force_id, o.crime_id,
               max(${monthIndex('o.month')} * 10 + ${finalitySql('o.outcome')}) AS okey,
               min(${monthIndex('o.month')}) AS first_month
        FROM outcomes o WHERE o.crime_id IS NOT NULL AND o.force_id IN (${marks(forces)}) GROUP BY o.force_id, o.crime_id
      ), c AS (
        SELECT s.force_id, s.month, s.category, s.located,
               greatest(${monthIndex('s.month')} * 10 + ${finalitySql('s.outcome')}, coalesce(o.okey, 0)) AS key,
               o.first_month - ${monthIndex('s.month')} AS lag
        FROM street s LEFT JOIN o ON o.force_id = s.force_id AND o.crime_id = s.crime_id
        WHERE s.category <> 'anti-social-behaviour' AND s.force_id IN (${marks(forces)})
      )
      SELECT force_id, month, category, CASE 9 - key % 10 ${groups} END AS "group", lag,
             count(*)::BIGINT AS crimes, count(*) FILTER (WHERE located)::BIGINT AS located
      FROM c GROUP BY 1, 2, 3, 4, 5`,
  };
}

export function productivityStorePg(db: PgDb): ProductivityStore {
  const cells = cellsCache(db, { byteOrder: C, nowUtc: `(now() AT TIME ZONE 'UTC')::TIMESTAMP`, computeSql });

  return {
    outcomeCells: (s) => cells.read(s),
    staleCellForces: () => cells.stale(),
    refreshCells: (forces) => cells.refresh(forces?.length ? forces : null),

    async stopSearchCells(s: ProductivityScope): Promise<StopSearchCell[]> {
      const params: SqlValue[] = [];
      const where = scopeWhere(s, params);
      return db.all<StopSearchCell & Record<string, unknown>>(`
        SELECT force_id, month, count(*)::BIGINT AS searches,
               count(*) FILTER (WHERE outcome = 'arrest')::BIGINT AS arrests,
               count(outcome_linked)::BIGINT AS linked_recorded,
               count(*) FILTER (WHERE outcome_linked)::BIGINT AS linked_true
        FROM stop_search WHERE ${where} GROUP BY 1, 2 ORDER BY force_id ${C}, month ${C}`, params);
    },

    async streetMonths(s: ProductivityScope): Promise<Array<{ force_id: string; month: string }>> {
      const params: SqlValue[] = [];
      const where = scopeWhere(s, params);
      return db.all(`SELECT force_id, month FROM force_months WHERE kind = 'street' AND ${where} ORDER BY force_id ${C}, month ${C}`, params);
    },

    async forceAreas(s: ProductivityScope): Promise<ForceArea[]> {
      const params: SqlValue[] = [];
      const where = scopeWhere(s, params);
      return db.all<ForceArea & Record<string, unknown>>(`
        SELECT force_id, count(*)::BIGINT AS crimes, count(DISTINCT lsoa_code)::BIGINT AS lsoas
        FROM street WHERE category <> 'anti-social-behaviour' AND ${where} GROUP BY 1 ORDER BY force_id ${C}`, params);
    },

    async unknownOutcomeRows(): Promise<Array<{ force_id: string; rows: number }>> {
      return db.all(`SELECT force_id, count(*)::BIGINT AS rows FROM quarantine
                     WHERE 'outcome.unknown' = ANY(reasons) GROUP BY 1 ORDER BY force_id ${C}`);
    },

    async workforce(): Promise<WorkforceRow[]> {
      return db.all<WorkforceRow & Record<string, unknown>>(
        `SELECT force_id, as_of, officers_fte, source FROM productivity_workforce ORDER BY force_id ${C}, as_of ${C}`);
    },

    async saveWorkforce(rows: readonly WorkforceRow[]): Promise<number> {
      await db.transaction(async () => {
        for (const r of rows) {
          await db.run(`INSERT INTO productivity_workforce VALUES (?, ?, ?, ?, (now() AT TIME ZONE 'UTC')::TIMESTAMP)
            ON CONFLICT (force_id, as_of) DO UPDATE SET officers_fte = excluded.officers_fte, source = excluded.source, loaded_at = excluded.loaded_at`,
          [r.force_id, r.as_of, r.officers_fte, r.source]);
        }
      });
      return rows.length;
    },

    async groups(): Promise<GroupMemberRow[]> {
      return db.all<GroupMemberRow & Record<string, unknown>>(
        `SELECT force_id, member_id, source, as_of FROM productivity_groups ORDER BY force_id ${C}, member_id ${C}`);
    },

    async saveGroups(rows: readonly GroupMemberRow[]): Promise<number> {
      const forces = [...new Set(rows.map((r) => r.force_id))];
      await db.transaction(async () => {
        for (const f of forces) await db.run(`DELETE FROM productivity_groups WHERE force_id = ?`, [f]);
        for (const r of rows) {
          await db.run(`INSERT INTO productivity_groups VALUES (?, ?, ?, ?, (now() AT TIME ZONE 'UTC')::TIMESTAMP)`, [r.force_id, r.member_id, r.source, r.as_of]);
        }
      });
      return rows.length;
    },
  };
}
