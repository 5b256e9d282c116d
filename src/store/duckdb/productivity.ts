/**
 * The reads the productivity standard needs (src/productivity), and its two small tables: officer
 * numbers and loaded comparison groups. The heavy work — each crime's latest outcome, its months to
 * first outcome — is one pass of SQL over `street` joined to `outcomes`, aggregated to force ×
 * month × category × outcome group × lag; everything after that is arithmetic on a few thousand rows.
 */
import type { Db, SqlValue } from './db.ts';
import type { Migration } from './schema.ts';
import { sqlString } from './db.ts';
import { OUTCOME_PRODUCTIVITY_GROUP, PRODUCTIVITY_GROUP_PRECEDENCE } from '../../standard/index.ts';
import type { ForceArea, GroupMemberRow, OutcomeCell, ProductivityScope, ProductivityStore, StopSearchCell, WorkforceRow } from '../types/productivity.ts';

export const PRODUCTIVITY_MIGRATIONS: readonly Migration[] = [
  {
    id: '0701-productivity',
    statements: [
      // key (force_id, as_of): officer FTE on a date, from `peel productivity workforce load`.
      `CREATE TABLE productivity_workforce (
        force_id VARCHAR NOT NULL, as_of VARCHAR NOT NULL, officers_fte DOUBLE NOT NULL, source VARCHAR NOT NULL,
        loaded_at TIMESTAMP NOT NULL, PRIMARY KEY (force_id, as_of))`,
      // key (force_id, member_id): a loaded comparison group (e.g. the Home Office Most Similar Groups).
      `CREATE TABLE productivity_groups (
        force_id VARCHAR NOT NULL, member_id VARCHAR NOT NULL, source VARCHAR NOT NULL, as_of VARCHAR NOT NULL,
        loaded_at TIMESTAMP NOT NULL, PRIMARY KEY (force_id, member_id))`,
    ],
  },
];

/** Precedence index (0 = most final) of each outcome code, as a SQL CASE. NULL outcome → unresolved. */
function precedenceSql(col: string): string {
  const whens = Object.entries(OUTCOME_PRODUCTIVITY_GROUP)
    .map(([code, g]) => `WHEN ${sqlString(code)} THEN ${PRODUCTIVITY_GROUP_PRECEDENCE.indexOf(g)}`).join(' ');
  return `(CASE ${col}::VARCHAR ${whens} ELSE ${PRODUCTIVITY_GROUP_PRECEDENCE.indexOf('unresolved')} END)`;
}

const monthIndex = (col: string) => `(substr(${col}, 1, 4)::INTEGER * 12 + substr(${col}, 6, 2)::INTEGER)`;

function scopeWhere(s: ProductivityScope, params: SqlValue[], alias = ''): string {
  const a = alias ? `${alias}.` : '';
  const w = [`${a}month >= ?`, `${a}month <= ?`];
  params.push(s.from, s.to);
  if (s.forces?.length) {
    w.push(`${a}force_id::VARCHAR IN (${s.forces.map(() => '?').join(',')})`);
    params.push(...s.forces);
  }
  return w.join(' AND ');
}

export function productivityStore(db: Db): ProductivityStore {
  return {
    /**
     * Each street crime of the scope (not anti-social behaviour) in its latest-outcome group and
     * lag, counted. The latest outcome is the greatest (month, finality) of the street row's own
     * outcome — dated at the crime's month — and every outcomes-file row with its force and Crime
     * ID, dated at the outcome's month; finality breaks ties (PRODUCTIVITY_GROUP_PRECEDENCE).
     * A street row without a Crime ID keeps its street outcome.
     * (The join needs no `crime_id IS NOT NULL`: NULL never equals; saying it turns DuckDB's hash
     * join into a nested loop — 100 s instead of 0.1 s on 126,000 rows.)
     */
    async outcomeCells(s: ProductivityScope): Promise<OutcomeCell[]> {
      const params: SqlValue[] = [];
      const where = scopeWhere(s, params, 's');
      const forceFilter = s.forces?.length ? `AND o.force_id::VARCHAR IN (${s.forces.map(() => '?').join(',')})` : '';
      if (s.forces?.length) params.push(...s.forces);
      const groups = PRODUCTIVITY_GROUP_PRECEDENCE.map((g, i) => `WHEN ${i} THEN ${sqlString(g)}`).join(' ');
      // key = month · (9 − precedence): max(key) is the latest month, then the most final outcome.
      return db.all<OutcomeCell & Record<string, unknown>>(`
        WITH o AS (
          SELECT o.force_id, o.crime_id, max(o.month || (9 - ${precedenceSql('o.outcome')})::VARCHAR) AS okey, min(o.month) AS first_month
          FROM outcomes o WHERE o.crime_id IS NOT NULL ${forceFilter} GROUP BY o.force_id, o.crime_id
        ), c AS (
          SELECT s.force_id, s.month, s.category, s.located,
                 greatest(s.month || (9 - ${precedenceSql('s.outcome')})::VARCHAR, coalesce(o.okey, '')) AS key,
                 ${monthIndex('o.first_month')} - ${monthIndex('s.month')} AS lag
          FROM street s LEFT JOIN o ON o.force_id = s.force_id AND o.crime_id = s.crime_id
          WHERE s.category <> 'anti-social-behaviour' AND ${where}
        )
        SELECT force_id::VARCHAR AS force_id, month, category::VARCHAR AS category,
               CASE 9 - right(key, 1)::INTEGER ${groups} END AS "group", lag,
               count(*)::BIGINT AS crimes, count(*) FILTER (WHERE located)::BIGINT AS located
        FROM c GROUP BY ALL ORDER BY force_id, month, category, "group", lag`, params);
    },

    /** Stop-and-search records of the scope by force and month. */
    async stopSearchCells(s: ProductivityScope): Promise<StopSearchCell[]> {
      const params: SqlValue[] = [];
      const where = scopeWhere(s, params);
      return db.all<StopSearchCell & Record<string, unknown>>(`
        SELECT force_id, month, count(*)::BIGINT AS searches,
               count(*) FILTER (WHERE outcome = 'arrest')::BIGINT AS arrests,
               count(outcome_linked)::BIGINT AS linked_recorded,
               count(*) FILTER (WHERE outcome_linked)::BIGINT AS linked_true
        FROM stop_search WHERE ${where} GROUP BY ALL ORDER BY force_id, month`, params);
    },

    /** The months of the scope for which each force's street data is held. */
    async streetMonths(s: ProductivityScope): Promise<Array<{ force_id: string; month: string }>> {
      const params: SqlValue[] = [];
      const where = scopeWhere(s, params);
      return db.all(`SELECT force_id, month FROM force_months WHERE kind = 'street' AND ${where} ORDER BY force_id, month`, params);
    },

    /** Each force's street crimes (not ASB) of the scope and the distinct LSOAs they fall in. */
    async forceAreas(s: ProductivityScope): Promise<ForceArea[]> {
      const params: SqlValue[] = [];
      const where = scopeWhere(s, params);
      return db.all<ForceArea & Record<string, unknown>>(`
        SELECT force_id::VARCHAR AS force_id, count(*)::BIGINT AS crimes, count(DISTINCT lsoa_code)::BIGINT AS lsoas
        FROM street WHERE category <> 'anti-social-behaviour' AND ${where} GROUP BY ALL ORDER BY force_id`, params);
    },

    /** Street and outcomes rows quarantined for an outcome label the standard does not know, by force. */
    async unknownOutcomeRows(): Promise<Array<{ force_id: string; rows: number }>> {
      return db.all(`SELECT force_id, count(*)::BIGINT AS rows FROM quarantine
                     WHERE list_contains(reasons, 'outcome.unknown') GROUP BY ALL ORDER BY force_id`);
    },

    async workforce(): Promise<WorkforceRow[]> {
      return db.all<WorkforceRow & Record<string, unknown>>(`SELECT force_id, as_of, officers_fte, source FROM productivity_workforce ORDER BY force_id, as_of`);
    },

    /** Saves officer numbers in one transaction; a (force, date) already held is replaced. */
    async saveWorkforce(rows: readonly WorkforceRow[]): Promise<number> {
      await db.transaction(async () => {
        for (const r of rows) {
          await db.run(`INSERT OR REPLACE INTO productivity_workforce VALUES (?, ?, ?, ?, now()::TIMESTAMP)`, [r.force_id, r.as_of, r.officers_fte, r.source]);
        }
      });
      return rows.length;
    },

    async groups(): Promise<GroupMemberRow[]> {
      return db.all<GroupMemberRow & Record<string, unknown>>(`SELECT force_id, member_id, source, as_of FROM productivity_groups ORDER BY force_id, member_id`);
    },

    /** Saves comparison groups in one transaction: each force given replaces its whole group. */
    async saveGroups(rows: readonly GroupMemberRow[]): Promise<number> {
      const forces = [...new Set(rows.map((r) => r.force_id))];
      await db.transaction(async () => {
        for (const f of forces) await db.run(`DELETE FROM productivity_groups WHERE force_id = ?`, [f]);
        for (const r of rows) await db.run(`INSERT INTO productivity_groups VALUES (?, ?, ?, ?, now()::TIMESTAMP)`, [r.force_id, r.member_id, r.source, r.as_of]);
      });
      return rows.length;
    },
  };
}

