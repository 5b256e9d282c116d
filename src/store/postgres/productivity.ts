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
import { unpackCells } from '../duckdb/productivity.ts';
import { sqlString, type SqlValue } from '../duckdb/db.ts';
import type { ForceArea, GroupMemberRow, OutcomeCell, ProductivityScope, ProductivityStore, StopSearchCell, WorkforceRow } from '../types/productivity.ts';
import type { PgDb } from './db.ts';

const C = 'COLLATE "C"';

/** Finality of an outcome code (9 − its group's precedence index; NULL or unknown → unresolved), as SQL. */
function finalitySql(col: string): string {
  const unresolved = 9 - PRODUCTIVITY_GROUP_PRECEDENCE.indexOf('unresolved');
  const whens = Object.entries(OUTCOME_PRODUCTIVITY_GROUP)
    .map(([code, g]) => `WHEN ${sqlString(code)} THEN ${9 - PRODUCTIVITY_GROUP_PRECEDENCE.indexOf(g)}`).join(' ');
  return `(CASE ${col} ${whens} ELSE ${unresolved} END)`;
}

/** Each force's data version for productivity: a digest of the street and outcomes batches it holds, month by month. */
const FINGERPRINTS = `SELECT force_id, md5(string_agg(kind || ':' || month || ':' || batch_id, ',' ORDER BY kind ${C}, month ${C})) AS fingerprint
  FROM force_months WHERE kind IN ('street', 'outcomes') GROUP BY force_id`;

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
function computeSql(forces: readonly string[]): { sql: string; params: SqlValue[] } {
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
  /** Brings `productivity_cells` up to date for the given forces (all when null); see the embedded store's. */
  const refreshCells = async (forces: readonly string[] | null): Promise<void> => {
    const only = forces ? `AND f.force_id IN (${marks(forces)})` : '';
    const fresh = await db.one<{ stale: number; orphans: number }>(`
      SELECT (SELECT count(*) FROM (${FINGERPRINTS}) f LEFT JOIN productivity_cells_state c USING (force_id)
              WHERE c.fingerprint IS DISTINCT FROM f.fingerprint ${only})::INTEGER AS stale,
             (SELECT count(*) FROM productivity_cells_state WHERE force_id NOT IN (SELECT force_id FROM (${FINGERPRINTS}) f))::INTEGER AS orphans`,
    forces ?? []);
    if (fresh && fresh.stale === 0 && fresh.orphans === 0) return;
    await db.transaction(async () => {
      const stale = await db.all<{ force_id: string; fingerprint: string }>(`
        SELECT f.force_id, f.fingerprint FROM (${FINGERPRINTS}) f LEFT JOIN productivity_cells_state c USING (force_id)
        WHERE c.fingerprint IS DISTINCT FROM f.fingerprint ${only} ORDER BY f.force_id ${C}`, forces ?? []);
      await db.run(`DELETE FROM productivity_cells WHERE force_id NOT IN (SELECT force_id FROM (${FINGERPRINTS}) f)`);
      await db.run(`DELETE FROM productivity_cells_state WHERE force_id NOT IN (SELECT force_id FROM (${FINGERPRINTS}) f)`);
      if (!stale.length) return;
      const ids = stale.map((r) => r.force_id);
      await db.run(`DELETE FROM productivity_cells WHERE force_id IN (${marks(ids)})`, ids);
      const { sql, params } = computeSql(ids);
      // Packed as the embedded store packs them (one text row per force-month; see unpackCells).
      await db.run(`INSERT INTO productivity_cells
        SELECT force_id, month, string_agg(concat_ws('|', category, "group", coalesce(lag::text, ''), crimes, located), chr(10)
                                           ORDER BY category ${C}, "group" ${C}, lag NULLS LAST)
        FROM (${sql}) x GROUP BY force_id, month`, params);
      await db.run(`DELETE FROM productivity_cells_state WHERE force_id IN (${marks(ids)})`, ids);
      for (const r of stale) await db.run(`INSERT INTO productivity_cells_state VALUES (?, ?, (now() AT TIME ZONE 'UTC')::TIMESTAMP)`, [r.force_id, r.fingerprint]);
    });
  };

  return {
    async outcomeCells(s: ProductivityScope): Promise<OutcomeCell[]> {
      await refreshCells(s.forces?.length ? s.forces : null);
      const params: SqlValue[] = [];
      const where = scopeWhere(s, params);
      return unpackCells(await db.all<{ force_id: string; month: string; cells: string }>(`
        SELECT force_id, month, cells FROM productivity_cells WHERE ${where} ORDER BY force_id ${C}, month ${C}`, params));
    },

    async staleCellForces(): Promise<string[]> {
      return (await db.all<{ force_id: string }>(`
        SELECT f.force_id FROM (${FINGERPRINTS}) f LEFT JOIN productivity_cells_state c USING (force_id)
        WHERE c.fingerprint IS DISTINCT FROM f.fingerprint ORDER BY f.force_id ${C}`)).map((r) => r.force_id);
    },

    async refreshCells(forces?: readonly string[]): Promise<void> {
      await refreshCells(forces?.length ? forces : null);
    },

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
