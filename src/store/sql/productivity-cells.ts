/**
 * The productivity standard's cached outcome cells (`productivity_cells`, migration 0702), the same
 * on both backends: each force's cells for every street month it holds, one packed text row per
 * force-month, labelled in `productivity_cells_state` with the fingerprint of the street and
 * outcomes batches they were computed from. A read first recomputes the forces whose data changed
 * (one small query when none did), in one transaction that reads the fingerprint and the data it
 * describes in one snapshot, so the cache never holds cells of one version labelled with another.
 * What differs per backend — the join that computes the cells, text order, the clock — comes in
 * a `CellsDialect`.
 */
import type { ProductivityGroup } from '../../standard/index.ts';
import type { OutcomeCell, ProductivityScope } from '../types/productivity.ts';
import type { Db, SqlValue } from './db.ts';

export interface CellsDialect {
  /** A collation that sorts text byte by byte (`COLLATE "C"`), or '' where that is the default. */
  readonly byteOrder: string;
  /** The current UTC time as a TIMESTAMP, in this backend's SQL. */
  readonly nowUtc: string;
  /** The cells (force_id, month, category, group, lag, crimes, located) of every month of these forces. */
  computeSql(forces: readonly string[]): Promise<{ sql: string; params: SqlValue[] }>;
}

export interface CellsCache {
  /** The cells of the scope, its stale forces recomputed first. */
  read(s: ProductivityScope): Promise<OutcomeCell[]>;
  /** Recomputes the stale forces among `forces` (all when null). */
  refresh(forces: readonly string[] | null): Promise<void>;
  /** Forces whose cells are missing or stale, by name. */
  stale(): Promise<string[]>;
}

/**
 * `productivity_cells` rows unpacked: a force-month's `cells` text holds a line
 * `category|group|lag|crimes|located` per cell (lag empty when the crime has no outcomes-file row).
 */
export function unpackCells(packed: ReadonlyArray<{ force_id: string; month: string; cells: string }>): OutcomeCell[] {
  const out: OutcomeCell[] = [];
  for (const { force_id, month, cells } of packed) {
    for (const line of cells.split('\n')) {
      const [category, group, lag, crimes, located] = line.split('|');
      out.push({ force_id, month, category, group: group as ProductivityGroup, lag: lag === '' ? null : Number(lag), crimes: Number(crimes), located: Number(located) });
    }
  }
  return out;
}

const marks = (xs: readonly unknown[]) => xs.map(() => '?').join(',');

export function cellsCache(db: Db, d: CellsDialect): CellsCache {
  const C = d.byteOrder;
  // Each force's data version: a digest of the street and outcomes batches it holds, month by month
  // (force_months changes whenever a load replaces, adds or removes a force-month).
  const FINGERPRINTS = `SELECT force_id, md5(string_agg(kind || ':' || month || ':' || batch_id, ',' ORDER BY kind ${C}, month ${C})) AS fingerprint
    FROM force_months WHERE kind IN ('street', 'outcomes') GROUP BY force_id`;
  const GONE = `force_id NOT IN (SELECT force_id FROM (${FINGERPRINTS}) f)`;
  const staleRows = (forces: readonly string[] | null) => db.all<{ force_id: string; fingerprint: string }>(`
    SELECT f.force_id, f.fingerprint FROM (${FINGERPRINTS}) f LEFT JOIN productivity_cells_state c USING (force_id)
    WHERE c.fingerprint IS DISTINCT FROM f.fingerprint ${forces ? `AND f.force_id IN (${marks(forces)})` : ''}
    ORDER BY f.force_id ${C}`, forces ?? []);

  const refresh = async (forces: readonly string[] | null): Promise<void> => {
    // The common case — nothing changed — is read outside any transaction.
    const gone = await db.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM productivity_cells_state WHERE ${GONE}`);
    if (!(await staleRows(forces)).length && !Number(gone?.n)) return;
    await db.transaction(async () => {
      const stale = await staleRows(forces);
      await db.run(`DELETE FROM productivity_cells WHERE ${GONE}`);
      await db.run(`DELETE FROM productivity_cells_state WHERE ${GONE}`);
      if (!stale.length) return;
      const ids = stale.map((r) => r.force_id);
      await db.run(`DELETE FROM productivity_cells WHERE force_id IN (${marks(ids)})`, ids);
      const { sql, params } = await d.computeSql(ids);
      await db.run(`INSERT INTO productivity_cells
        SELECT force_id, month, string_agg(concat_ws('|', category, "group", coalesce(lag::VARCHAR, ''), crimes, located), chr(10)
                                           ORDER BY category ${C}, "group" ${C}, lag NULLS LAST)
        FROM (${sql}) x GROUP BY force_id, month`, params);
      await db.run(`DELETE FROM productivity_cells_state WHERE force_id IN (${marks(ids)})`, ids);
      for (const r of stale) await db.run(`INSERT INTO productivity_cells_state VALUES (?, ?, ${d.nowUtc})`, [r.force_id, r.fingerprint]);
    });
  };

  return {
    refresh,
    async read(s) {
      await refresh(s.forces?.length ? s.forces : null);
      const params: SqlValue[] = [s.from, s.to];
      const only = s.forces?.length ? `AND force_id IN (${marks(s.forces)})` : '';
      if (s.forces?.length) params.push(...s.forces);
      return unpackCells(await db.all<{ force_id: string; month: string; cells: string }>(`
        SELECT force_id, month, cells FROM productivity_cells WHERE month >= ? AND month <= ? ${only}
        ORDER BY force_id ${C}, month ${C}`, params));
    },
    stale: async () => (await staleRows(null)).map((r) => r.force_id),
  };
}
