/**
 * The reads the productivity standard needs (src/productivity), and its two small tables: officer
 * numbers and loaded comparison groups. The heavy work — each crime's latest outcome, its months to
 * first outcome — is one pass of SQL over `street` joined to `outcomes`, aggregated to force ×
 * month × category × outcome group × lag; everything after that is arithmetic on a few thousand rows.
 */
import type { Db, SqlValue } from './db.ts';
import type { Migration } from './schema.ts';
import { sqlString } from './db.ts';
import { cellsCache } from '../sql/productivity-cells.ts';
import { OUTCOME_PRODUCTIVITY_GROUP, PRODUCTIVITY_GROUP_PRECEDENCE, type ProductivityGroup } from '../../standard/index.ts';
import type { ForceArea, GroupMemberRow, ProductivityScope, ProductivityStore, StopSearchCell, WorkforceRow } from '../types/productivity.ts';

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
  {
    id: '0702-productivity-cells',
    statements: [
      // key (force_id, month): outcomeCells of one force-month as of the force's data in
      // `productivity_cells_state.fingerprint` (derived; rebuilt when stale), packed as text: a line
      // `category|group|lag|crimes|located` per cell (a national read is 1,548 values, not 3.5 million).
      `CREATE TABLE productivity_cells (
        force_id VARCHAR NOT NULL, month VARCHAR NOT NULL, cells VARCHAR NOT NULL, PRIMARY KEY (force_id, month))`,
      // key (force_id): which street and outcomes batches the force's cached cells were computed from.
      `CREATE TABLE productivity_cells_state (
        force_id VARCHAR PRIMARY KEY, fingerprint VARCHAR NOT NULL, computed_at TIMESTAMP NOT NULL)`,
    ],
  },
];

/**
 * Finality of each outcome code as a SQL expression: 9 − its precedence index (so a larger number is
 * more final), NULL outcome → unresolved. The codes are the `outcome_code` ENUM's values, so the
 * lookup is a constant list indexed by the ENUM's own integer code: no text comparison per row
 * (a CASE over the label text cost more than half of the national read).
 */
function finalitySql(col: string, enumValues: readonly string[]): string {
  const unresolved = 9 - PRODUCTIVITY_GROUP_PRECEDENCE.indexOf('unresolved');
  const list = enumValues.map((code) => {
    const g = (OUTCOME_PRODUCTIVITY_GROUP as Record<string, ProductivityGroup | undefined>)[code] ?? 'unresolved';
    return 9 - PRODUCTIVITY_GROUP_PRECEDENCE.indexOf(g);
  });
  return `coalesce([${list.join(',')}][enum_code(${col}) + 1], ${unresolved})`;
}

const monthIndex = (col: string) => `(substr(${col}, 1, 4)::INTEGER * 12 + substr(${col}, 6, 2)::INTEGER)`;

function scopeWhere(s: ProductivityScope, params: SqlValue[]): string {
  const w = [`month >= ?`, `month <= ?`];
  params.push(s.from, s.to);
  if (s.forces?.length) {
    w.push(`force_id::VARCHAR IN (${s.forces.map(() => '?').join(',')})`);
    params.push(...s.forces);
  }
  return w.join(' AND ');
}

export function productivityStore(db: Db): ProductivityStore {
  let outcomeCodes: Promise<string[]> | null = null;
  /** The `outcome_code` ENUM's values in their code order (read once per open store). */
  const codes = (): Promise<string[]> => (outcomeCodes ??= db.one<{ v: string[] }>(`SELECT enum_range(NULL::outcome_code) AS v`).then((r) => r!.v));

  /**
   * Each street crime (not anti-social behaviour) of the given forces, every month they hold, in its
   * latest-outcome group and lag, counted: the rows `productivity_cells` caches. The latest outcome is
   * the greatest (month, finality) of the street row's own outcome — dated at the crime's month — and
   * every outcomes-file row with its force and Crime ID, dated at the outcome's month; finality
   * breaks ties (PRODUCTIVITY_GROUP_PRECEDENCE). A street row without a Crime ID keeps its street
   * outcome. Outcomes are matched to crimes on two independent 64-bit hashes of the Crime ID (128
   * bits: the chance that two of a force's crimes share both is about n²/2¹²⁹, nil at any volume),
   * which halves the join's memory and time against 64-character text keys. (The join needs no
   * `crime_id IS NOT NULL`: the outcomes side never holds one; saying it turns DuckDB's hash join
   * into a nested loop.)
   */
  const computeSql = async (forces: readonly string[]): Promise<{ sql: string; params: SqlValue[] }> => {
    const enumValues = await codes();
    const inList = forces.map(() => '?').join(',');
    const groups = PRODUCTIVITY_GROUP_PRECEDENCE.map((g, i) => `WHEN ${i} THEN ${sqlString(g)}`).join(' ');
    // key = month index · 10 + finality: max(key) is the latest month, then the most final outcome.
    return {
      params: [...forces, ...forces],
      sql: `
        WITH o AS (
          SELECT o.force_id, hash(o.crime_id) AS h1, hash(o.crime_id || '#') AS h2,
                 max(${monthIndex('o.month')} * 10 + ${finalitySql('o.outcome', enumValues)}) AS okey,
                 min(${monthIndex('o.month')}) AS first_month
          FROM outcomes o WHERE o.crime_id IS NOT NULL AND o.force_id::VARCHAR IN (${inList}) GROUP BY o.force_id, h1, h2
        ), c AS (
          SELECT s.force_id, s.month, s.category, s.located,
                 greatest(${monthIndex('s.month')} * 10 + ${finalitySql('s.outcome', enumValues)}, coalesce(o.okey, 0)) AS key,
                 o.first_month - ${monthIndex('s.month')} AS lag
          FROM street s LEFT JOIN o ON o.force_id = s.force_id AND o.h1 = hash(s.crime_id) AND o.h2 = hash(s.crime_id || '#')
          WHERE s.category <> 'anti-social-behaviour' AND s.force_id::VARCHAR IN (${inList})
        )
        SELECT force_id::VARCHAR AS force_id, month, category::VARCHAR AS category,
               CASE 9 - key % 10 ${groups} END AS "group", lag,
               count(*)::BIGINT AS crimes, count(*) FILTER (WHERE located)::BIGINT AS located
        FROM c GROUP BY ALL`,
    };
  };

  const cells = cellsCache(db, { byteOrder: '', nowUtc: 'now()::TIMESTAMP', computeSql });

  return {
    /**
     * Each street crime of the scope (not anti-social behaviour) in its latest-outcome group and lag,
     * counted (see computeSql), from the cache (src/store/sql/productivity-cells.ts): forces whose
     * street or outcomes data changed since are recomputed first.
     */
    outcomeCells: (s) => cells.read(s),
    staleCellForces: () => cells.stale(),
    refreshCells: (forces) => cells.refresh(forces?.length ? forces : null),

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

    /**
     * Each force's street crimes (not ASB) of the scope and the distinct LSOAs they fall in, from the
     * cube (street counted by force, month, category, LSOA and H3 cell in the load's own
     * transaction: the same totals as the street table, read from a fraction of its rows).
     */
    async forceAreas(s: ProductivityScope): Promise<ForceArea[]> {
      const params: SqlValue[] = [];
      const where = scopeWhere(s, params);
      return db.all<ForceArea & Record<string, unknown>>(`
        SELECT force_id::VARCHAR AS force_id, sum(n)::BIGINT AS crimes, count(DISTINCT lsoa_code)::BIGINT AS lsoas
        FROM cube WHERE category <> 'anti-social-behaviour' AND ${where} GROUP BY ALL ORDER BY force_id`, params);
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

