/**
 * Loading data.police.uk CSV files into the store. DuckDB parses (`read_csv`, twice: a first pass
 * for what the checks look up, a second that checks and types every row), SQL validates every row
 * against the national standard and computes stable ids, and one transaction per group of files
 * replaces the force-months they hold. JavaScript touches only what SQL cannot do: H3 cells of the
 * distinct points never seen before (on worker threads), and the raw text of the (few)
 * quarantined rows.
 *
 * Guarantees, per file (a batch): rows read = rows loaded + rows quarantined; a force × kind ×
 * month is replaced atomically (readers see the old rows or the new, never both); the same bytes
 * loaded again change nothing and are reported `unchanged`.
 *
 * This file stages a group and decides what it does (counts, reconciliation, the shrink guard);
 * the rest of the load lives beside it, one idea a file: `load-checks.ts` (the SQL that reads and
 * checks the files), `load-points.ts` (H3 cells of the group's points), `load-quarantine.ts`
 * (rows not loaded, on their lines), `replace.ts` (what a file replaces, the shrink guard),
 * `load-commit.ts` (the one transaction), `load-ids.ts` (stable ids and the fact insert) and
 * `load-batches.ts` (the `batches` records).
 */
import { PeelError, type DatasetKind, type ReasonCode } from '../../standard/index.ts';
import { sqlString, type Db } from './db.ts';
import { judgeReplacements, type HeldForceMonth } from '../sql/replace.ts';
import { csvSource, ensureMaps, lookupSql, pass1Sql, validationSql } from './load-checks.ts';
import { groupPoints } from './load-points.ts';
import { stageQuarantine } from './load-quarantine.ts';
import { commitGroup } from './load-commit.ts';
import { insertBatches } from './load-batches.ts';
import { GroupClash } from '../errors.ts';

export { findUnchanged, recordUnchanged, recordNotLoaded } from './load-batches.ts';

import type { BatchResult, BatchStatus, LoadFile, LoadGroup, LoadHooks } from '../types/load.ts';


/**
 * Loads one group of files of the same kind in one transaction. The caller guarantees that no two
 * files of the group hold the same force-month (it splits such files into separate groups).
 */
export async function loadGroup(db: Db, group: LoadGroup, hooks: LoadHooks = {}): Promise<BatchResult[]> {
  const t0 = performance.now();
  await ensureMaps(db);
  const { kind, files } = group;
  // Files of a group share one header layout (the caller groups them so).
  const columns = files[0].columns;
  await db.run(`
    DROP TABLE IF EXISTS p1; DROP TABLE IF EXISTS q_stg; DROP TABLE IF EXISTS v; DROP TABLE IF EXISTS vb; DROP TABLE IF EXISTS dup; DROP TABLE IF EXISTS load_files;
    DROP TABLE IF EXISTS rej_errors; DROP TABLE IF EXISTS rej_scans; DROP TABLE IF EXISTS q_rows;
    DROP TABLE IF EXISTS gp; DROP TABLE IF EXISTS gp_new; DROP TABLE IF EXISTS gp_words; DROP TABLE IF EXISTS gph;`);
  await db.run(`CREATE TEMP TABLE load_files (path VARCHAR, source VARCHAR, batch_id VARCHAR, force_hint VARCHAR, month_hint VARCHAR, sha256 VARCHAR)`);
  const app = await db.appender('load_files', ['varchar', 'varchar', 'varchar', 'varchar', 'varchar', 'varchar']);
  for (const f of files) app.row([f.path, f.source, f.batchId, f.forceHint, f.monthHint, f.sha256]);
  app.close();

  // The files are read twice, and never copied into a staging table: copying a million rows of
  // text into a temporary table cost more CPU than parsing them again. The first pass collects
  // what the checks look up (distinct values, points) and records unparseable lines; the second
  // parses, checks and types every row into `v`.
  const csv = csvSource(kind, files, columns);
  await db.run(`CREATE TEMP TABLE p1 AS ${pass1Sql(kind, csv(true))}`);
  const staged = await db.one<{ n: number }>(`SELECT sum(n)::BIGINT AS n FROM p1 WHERE filename IS NOT NULL`);
  hooks.onRows?.(staged?.n ?? 0);

  if (kind !== 'stop_search') {
    await db.run(lookupSql(kind));
    await declareForces(db, kind, files, columns);
  }
  await groupPoints(db);
  // DuckDB's estimate of a CSV's rows is poor, and it would build hash tables on the files'
  // million rows rather than on the small lookups. Keeping the files on the probe side also keeps
  // rows in file order.
  await db.run(`SET disabled_optimizers = 'build_side_probe_side'`);
  try {
    await db.run(`CREATE TEMP TABLE v AS ${validationSql(kind, csv(false))}`);
  } finally {
    await db.run(`RESET disabled_optimizers`);
  }
  // The validated rows summed up twice, by file and by force-month, in two scans of `v` (not five):
  // every check and count below reads these.
  await db.run(`CREATE TEMP TABLE vb AS SELECT batch_id, count(*) AS parsed, count(*) FILTER (WHERE ok) AS loaded,
      list(DISTINCT month ORDER BY month) FILTER (WHERE ok) AS months, mode(force_id)::VARCHAR AS mode_force FROM v GROUP BY batch_id`);
  const fmSql = `CREATE OR REPLACE TEMP TABLE fm AS SELECT force_id, month, any_value(batch_id) AS batch_id, count(*) AS rows,
      count(DISTINCT batch_id) AS files FROM v WHERE ok GROUP BY force_id, month`;
  await db.run(fmSql);
  // Both passes must have read the same rows (a file rewritten mid-load would not).
  const drift = await db.one<{ source: string; first: number; second: number }>(`
    SELECT f.source, coalesce(p.n, 0) AS first, coalesce(c.parsed, 0) AS second FROM load_files f
    LEFT JOIN (SELECT filename, n FROM p1 WHERE filename IS NOT NULL) p ON p.filename = f.path
    LEFT JOIN vb c ON c.batch_id = f.batch_id
    WHERE coalesce(p.n, 0) <> coalesce(c.parsed, 0) LIMIT 1`);
  if (drift) throw new PeelError('unreadable_input', `${drift.source}: changed while it was being loaded (${drift.first} rows, then ${drift.second}); load it again`);

  // A group must not hold the same force-month twice: the caller's grouping relies on file names.
  const clash = await db.one<{ force_id: string; month: string }>(`SELECT force_id, month FROM fm WHERE files > 1 ORDER BY force_id, month LIMIT 1`);
  if (clash) throw new GroupClash(`${clash.force_id} ${clash.month}`);

  await stageQuarantine(db, kind, files, columns);

  // A file's force is the one it declares; the force of most of its rows only for a file that declares none.
  const batchForce = await db.all<{ batch_id: string; force_id: string }>(
    `SELECT f.batch_id, coalesce(f.force_hint, vb.mode_force, 'unknown') AS force_id FROM load_files f LEFT JOIN vb ON vb.batch_id = f.batch_id`);
  // What each file would replace (read before the transaction: uploads and `peel ingest` load one group at a time).
  const prior = await db.all<HeldForceMonth & Record<string, unknown>>(
    `SELECT fm.force_id::VARCHAR AS force_id, fm.month, fm.batch_id, h.rows AS rows_before, fm.rows AS rows_after
     FROM fm JOIN force_months h ON h.force_id = fm.force_id AND h.month = fm.month AND h.kind = ? ORDER BY fm.force_id, fm.month`, [kind]);
  const counts = await db.all<{ batch_id: string; source: string; sha256: string; read: number; loaded: number; quarantined: number; months: string[] | null }>(`
    WITH vc AS (SELECT batch_id, parsed, loaded, months FROM vb),
         qc AS (SELECT batch_id, count(*) AS quarantined, count(*) FILTER (WHERE rejected) AS rejected FROM q_rows GROUP BY batch_id)
    SELECT f.batch_id, f.source, f.sha256, coalesce(vc.parsed, 0) + coalesce(qc.rejected, 0) AS read,
           coalesce(vc.loaded, 0) AS loaded, coalesce(qc.quarantined, 0) AS quarantined, vc.months
    FROM load_files f LEFT JOIN vc ON vc.batch_id = f.batch_id LEFT JOIN qc ON qc.batch_id = f.batch_id`);
  const verdicts = judgeReplacements(kind, prior, hooks.allowShrink ? 0 : (hooks.shrinkRatio ?? 0));
  // Rows naming another force or month than their file declares, named in the report.
  const strays = new Map((await db.all<{ batch_id: string; n: number; forces: string[] }>(
    `SELECT batch_id, count(*) AS n, list(DISTINCT force_id ORDER BY force_id) AS forces FROM q_rows
     WHERE list_contains(reasons, 'force.mismatch') OR list_contains(reasons, 'month.mismatch') GROUP BY batch_id`)).map((r) => [r.batch_id, r]));
  const strayNote = (batchId: string, force: string, months: readonly string[]) => {
    const st = strays.get(batchId);
    return st ? `quarantined ${st.n} row${st.n === 1 ? '' : 's'} of another force or month than the file's ${force}${months.length === 1 ? ` ${months[0]}` : ''} (rows of ${st.forces.join(', ')})` : null;
  };
  const ms = performance.now() - t0;
  const forceOf = new Map(batchForce.map((b) => [b.batch_id, b.force_id]));
  const all: BatchResult[] = counts.map((c) => {
    if (c.read !== c.loaded + c.quarantined) throw new Error(`reconciliation failed for ${c.source}: read ${c.read} ≠ ${c.loaded} + ${c.quarantined}`);
    const v = verdicts.get(c.batch_id);
    const status: BatchStatus = v?.refused.length ? 'refused' : v ? 'replaced' : 'loaded';
    const force = forceOf.get(c.batch_id) ?? 'unknown';
    const detail = [v?.detail, strayNote(c.batch_id, force, c.months ?? [])].filter(Boolean).join('; ');
    return {
      batch_id: c.batch_id, source: c.source, kind, force_id: force, months: (c.months ?? []).slice(),
      // A refused file's counts are what it would have loaded; nothing of it is written.
      rows_read: c.read, rows_loaded: c.loaded, rows_quarantined: c.quarantined,
      rows_before: v?.rowsBefore ?? 0, status, ms_total: ms / files.length, ...(detail ? { detail } : {}),
    };
  });
  const refused = all.filter((b) => b.status === 'refused');
  const kept = all.filter((b) => b.status !== 'refused');
  if (refused.length) {
    // A refused file writes nothing: its rows leave the group, the rest of the group loads.
    const ids = refused.map((b) => sqlString(b.batch_id)).join(', ');
    await db.run(`DELETE FROM v WHERE batch_id IN (${ids}); DELETE FROM q_rows WHERE batch_id IN (${ids}); DELETE FROM load_files WHERE batch_id IN (${ids});`);
    await db.run(fmSql);
  }
  if (kept.length) await commitGroup(db, kind, files, kept, prior.filter((p) => !verdicts.get(p.batch_id)?.refused.length), hooks.beforeCommit);
  // A refused file leaves its record (status, the counts it offered, why), and nothing else.
  await insertBatches(db, refused, files);
  await db.run(`DROP TABLE IF EXISTS p1; DROP TABLE IF EXISTS q_stg; DROP TABLE IF EXISTS v; DROP TABLE IF EXISTS vb; DROP TABLE IF EXISTS dup; DROP TABLE IF EXISTS q_rows;
    DROP TABLE IF EXISTS gp; DROP TABLE IF EXISTS gp_new; DROP TABLE IF EXISTS gp_words; DROP TABLE IF EXISTS gph;`);
  return all;
}

/**
 * The declared force of a street or outcomes file whose name gives none (and no --force): the
 * force most of its rows name in Reported by (ties: the first force id in order). Its rows of
 * other forces are then quarantined as `force.mismatch`, as in a named file. Such files are rare
 * (renamed or merged files) and loaded one per group, so the extra read costs a normal load nothing.
 */
async function declareForces(db: Db, kind: DatasetKind, files: readonly LoadFile[], columns: readonly string[]): Promise<void> {
  const nameless = files.filter((f) => !f.forceHint);
  if (!nameless.length || !columns.includes('reported_by')) return;
  await db.run(`UPDATE load_files SET force_hint = d.id FROM (
      SELECT filename, first(id ORDER BY n DESC, id) AS id FROM (
        SELECT s.filename, m.id::VARCHAR AS id, count(*) AS n FROM ${csvSource(kind, nameless, columns)(false)} s
        JOIN lk_force m ON m.raw = s.reported_by WHERE m.id IS NOT NULL GROUP BY ALL)
      GROUP BY filename) d
    WHERE load_files.path = d.filename AND load_files.force_hint IS NULL`);
}

