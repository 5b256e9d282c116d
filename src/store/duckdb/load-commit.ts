/**
 * The commit of a group, in one transaction: the force-months its files replace are deleted (rows,
 * cube, holdings), the new rows inserted with their stable ids, their part of the cube counted,
 * holdings, quarantine and batches recorded, and the caller's audit written — so readers see the
 * old months or the new, never a mix, and a load and its audit commit together or not at all.
 * Reads the group's staged temporary tables (`v`, `fm`, `q_rows`, `load_files`).
 */
import type { DatasetKind } from '../../standard/index.ts';
import { h3ParentSql, sqlString, type Db } from './db.ts';
import { insertRows } from './load-ids.ts';
import { insertBatches } from './load-batches.ts';
import type { HeldForceMonth } from '../sql/replace.ts';
import type { BatchResult, LoadFile } from '../types/load.ts';

/**
 * Commits the group's `kept` batches (the files the shrink guard let through); `held` is what
 * they replace. `beforeCommit` runs last inside the transaction; if it throws, nothing is written.
 */
export async function commitGroup(
  db: Db, kind: DatasetKind, files: readonly LoadFile[], kept: readonly BatchResult[], held: readonly HeldForceMonth[],
  beforeCommit?: (batches: readonly BatchResult[]) => Promise<void>,
): Promise<void> {
  await db.transaction(async () => {
    if (held.length) {
      // Constant lists first, so DuckDB's zone maps skip row groups of other months and forces.
      const inList = (xs: readonly string[]) => [...new Set(xs)].map(sqlString).join(', ');
      const pre = (t: string) => `${t}.month IN (${inList(held.map((p) => p.month))}) AND ${t}.force_id IN (${inList(held.map((p) => p.force_id))})`;
      await db.run(`DELETE FROM ${kind} t USING fm WHERE ${pre('t')} AND t.force_id = fm.force_id AND t.month = fm.month`);
      if (kind === 'street') await db.run(`DELETE FROM cube c USING fm WHERE ${pre('c')} AND c.force_id = fm.force_id AND c.month = fm.month`);
      await db.run(`DELETE FROM force_months h USING fm WHERE h.kind = ? AND h.force_id = fm.force_id AND h.month = fm.month`, [kind]);
    }
    await insertRows(db, kind);
    if (kind === 'street') {
      // The cube of these force-months is exactly the new rows: count them here, without rescanning street.
      await db.run(`INSERT INTO cube SELECT g.force_id, g.month, g.category, g.lsoa_code, ${h3ParentSql('g.h3_r9', 8)}, count(*)
                    FROM v g WHERE g.ok GROUP BY ALL`);
    }
    await db.run(`INSERT INTO force_months SELECT fm.force_id, ?, fm.month, fm.batch_id, f.sha256, fm.rows FROM fm JOIN load_files f ON f.batch_id = fm.batch_id`, [kind]);
    // A quarantined row belongs to the file (and so the force) that sent it, whatever force it names.
    await db.run(`INSERT INTO quarantine SELECT coalesce(f.force_hint, q.force_id), q.batch_id, ?, q.source, q.line, q.raw, q.reasons, q.detail
                  FROM q_rows q LEFT JOIN load_files f ON f.batch_id = q.batch_id`, [kind]);
    await insertBatches(db, kept, files);
    // Inside the transaction: the caller's audit of these batches commits with them, or neither does.
    await beforeCommit?.(kept);
  });
}
