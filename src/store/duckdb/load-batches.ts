/**
 * Batch bookkeeping: the `batches` table's record of every file a load saw (status, counts,
 * provenance), and the look-up that finds files whose bytes the store already holds.
 */
import type { DatasetKind } from '../../standard/index.ts';
import { sqlString, type Db } from './db.ts';
import type { BatchResult, LoadFile } from '../types/load.ts';

/**
 * For each sha256, the batch whose bytes the store already holds, if any: the same sha256 and
 * kind, and every month that batch loaded is still held by it. One query for any number of files.
 */
export async function findUnchanged(db: Db, kind: DatasetKind, sha256s: readonly string[]): Promise<Map<string, BatchResult>> {
  const out = new Map<string, BatchResult>();
  if (!sha256s.length) return out;
  const rows = await db.all<Record<string, unknown>>(
    `SELECT * FROM (
       SELECT b.*, row_number() OVER (PARTITION BY b.sha256 ORDER BY b.finished_at DESC) AS rn FROM batches b
       WHERE b.kind = ? AND b.sha256 IN (${sha256s.map(sqlString).join(', ')}) AND b.status IN ('loaded', 'replaced') AND len(b.months) > 0
         AND NOT EXISTS (SELECT 1 FROM unnest(b.months) AS m(month)
                         WHERE NOT EXISTS (SELECT 1 FROM force_months f WHERE f.force_id = b.force_id AND f.kind = b.kind
                                             AND f.month = m.month AND f.batch_id = b.batch_id))) WHERE rn = 1`,
    [kind],
  );
  for (const row of rows) {
    out.set(String(row.sha256), {
      batch_id: String(row.batch_id), source: String(row.source), kind, force_id: String(row.force_id),
      months: (row.months as string[]).slice(), rows_read: Number(row.rows_read), rows_loaded: Number(row.rows_loaded),
      rows_quarantined: Number(row.rows_quarantined), rows_before: Number(row.rows_loaded), status: 'unchanged', ms_total: 0,
    });
  }
  return out;
}

/** Records a batch that changed nothing (its bytes are already held), for provenance. */
export async function recordUnchanged(db: Db, file: LoadFile, prior: BatchResult): Promise<BatchResult> {
  const now = new Date().toISOString();
  await db.run(
    `INSERT INTO batches VALUES (?, ?, ?, ?, ?, ?::VARCHAR[], ?, 0, 0, 'unchanged', ?::TIMESTAMP, ?::TIMESTAMP, 0, ?)`,
    [prior.force_id, file.batchId, prior.kind, file.source, file.sha256, `[${prior.months.map((m) => `'${m}'`).join(',')}]`,
      prior.rows_read, now.replace('Z', ''), now.replace('Z', ''), `same bytes as batch ${prior.batch_id}`],
  );
  return { ...prior, batch_id: file.batchId, source: file.source, rows_loaded: prior.rows_loaded, status: 'unchanged' };
}

/**
 * The batches table rows of a group's files: committed ones (status, counts, and what a
 * replacement replaced) and files the shrink guard refused (status `refused`, the counts they
 * would have loaded, and why, in the detail; nothing else of them is written).
 */
export async function insertBatches(db: Db, out: readonly BatchResult[], files: readonly Pick<LoadFile, 'batchId' | 'sha256'>[]): Promise<void> {
  if (!out.length) return;
  const now = new Date().toISOString().replace('Z', '');
  const lit = (v: string | number | null | undefined) => (typeof v === 'number' ? String(v) : v == null ? 'NULL' : sqlString(v));
  await db.run(`INSERT INTO batches VALUES ${out.map((b) =>
    `(${[b.force_id, b.batch_id, b.kind, b.source, files.find((f) => f.batchId === b.batch_id)!.sha256].map(lit).join(', ')},
      [${b.months.map(sqlString).join(', ')}]::VARCHAR[], ${b.rows_read}, ${b.rows_loaded}, ${b.rows_quarantined}, ${lit(b.status)},
      ${lit(now)}::TIMESTAMP, ${lit(now)}::TIMESTAMP, ${b.ms_total}, ${lit(b.detail)})`).join(',\n')}`);
}

/**
 * Records files a run did not load and that no group saw: `superseded` ones (another file of the
 * same force × kind × month was chosen; not read, the detail names the chosen file), with the
 * sha256 of their bytes, so `peel batches`, the Data page and an auditor can see them later.
 */
export async function recordNotLoaded(db: Db, files: ReadonlyArray<{ readonly batch: BatchResult; readonly sha256: string }>): Promise<void> {
  await insertBatches(db, files.map((f) => f.batch), files.map((f) => ({ batchId: f.batch.batch_id, sha256: f.sha256 })));
}
