/**
 * Quarantine of a load: every row of a group that is not loaded, with its file, the line it
 * starts on in the file the user gave, its raw text, reason codes and a detail naming the
 * value. Rows come from three places: the byte-level scan's rejects (rows left out of a
 * sanitized copy), DuckDB's reject tables (lines it could not parse), and rows that failed the
 * checks (placed on their lines by staging their files again in file order).
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { REASONS, type DatasetKind, type ReasonCode } from '../../standard/index.ts';
import type { Db } from './db.ts';
import { checksSql, csvSource } from './load-checks.ts';
import type { LoadFile } from '../types/load.ts';

const REJECT_REASON: Record<string, ReasonCode> = {
  'MISSING COLUMNS': 'row.field_count',
  'TOO MANY COLUMNS': 'row.field_count',
};

/**
 * Quarantined rows of the group: rows DuckDB could not parse (from its reject tables, with their
 * line and raw text) and rows that failed validation. For the latter, the files holding them are
 * staged again in file order (a copy with row ids, only of those files, so a clean load never pays
 * for it); a row's ordinal there gives its line (counting past the rejected lines), and its raw
 * text is read back from the file.
 */
export async function stageQuarantine(db: Db, kind: DatasetKind, files: readonly LoadFile[], columns: readonly string[]): Promise<void> {
  await db.run(`CREATE TEMP TABLE q_rows (force_id VARCHAR, batch_id VARCHAR, source VARCHAR, line BIGINT, raw VARCHAR,
                reasons VARCHAR[], detail VARCHAR, rejected BOOLEAN)`);
  const rejects = await db.all<{ path: string; line: number; raw: string; error_types: string[] }>(`
    SELECT s.file_path AS path, e.line, any_value(e.csv_line) AS raw, list(DISTINCT e.error_type) AS error_types
    FROM rej_errors e JOIN rej_scans s ON s.scan_id = e.scan_id AND s.file_id = e.file_id
    GROUP BY s.file_path, e.line ORDER BY s.file_path, e.line`).catch(() => []);
  const badCounts = await db.all<{ batch_id: string; n: number }>(`SELECT batch_id, count(*) AS n FROM v WHERE NOT ok GROUP BY batch_id`);
  let bad: Array<{ path: string; ordinal: number; reasons: string[]; detail: string; force_id: string | null }> = [];
  if (badCounts.length) {
    const withBad = new Set(badCounts.map((b) => b.batch_id));
    const staged = files.filter((f) => withBad.has(f.batchId));
    await db.run(`CREATE TEMP TABLE q_stg AS SELECT * FROM ${csvSource(kind, staged, columns)(false)}`);
    bad = await db.all(`
      SELECT x._file AS path, x._rid - o.first AS ordinal, x.reasons, x.detail, x.force_id
      FROM (${checksSql(kind, '(SELECT rowid AS _rid, * FROM q_stg)', true)}) x
      JOIN (SELECT filename, min(rowid) AS first FROM q_stg GROUP BY filename) o ON o.filename = x._file
      WHERE NOT x.ok ORDER BY x._file, x._rid`);
    const expected = badCounts.reduce((a, b) => a + b.n, 0);
    if (bad.length !== expected) throw new Error(`quarantine: ${expected} rows failed the checks but ${bad.length} were found again in their files`);
  }
  const scanned = files.filter((f) => f.lines?.rejects.length);
  if (!rejects.length && !bad.length && !scanned.length) return;
  const byPath = new Map(files.map((f) => [f.path, f]));
  const rows: Array<[string, string, string, number | null, string | null, string, string, boolean]> = [];
  // Rows the byte-level scan left out of a sanitized copy: read, and rejected before DuckDB saw them.
  for (const f of scanned) {
    for (const r of f.lines!.rejects) {
      rows.push([f.forceHint ?? 'unknown', f.batchId, f.source, r.line, r.raw, `[${r.reasons.map((c) => `'${c}'`).join(',')}]`, r.detail, true]);
    }
  }
  // DuckDB numbers a file's rows (header 1) where a sanitized copy's map names source lines.
  const sourceLine = (path: string, row: number) => {
    const map = byPath.get(path)?.lines;
    return map ? map.rows[row - 2] ?? row : row;
  };
  const copyLine = (path: string, row: number) => {
    const map = byPath.get(path)?.lines;
    return map ? map.copyLines[row - 2] ?? row : row;
  };
  const rejectLines = new Map<string, number[]>();
  for (const r of rejects) {
    const f = byPath.get(r.path)!;
    (rejectLines.get(r.path) ?? rejectLines.set(r.path, []).get(r.path)!).push(r.line);
    const reason: ReasonCode = r.error_types.every((t) => REJECT_REASON[t]) ? 'row.field_count' : 'row.unparseable';
    rows.push([f.forceHint ?? 'unknown', f.batchId, f.source, sourceLine(r.path, r.line), r.raw.replace(/^[\r\n]+|[\r\n]+$/g, ''), `['${reason}']`,
      `${REASONS[reason]} (${r.error_types.join(', ').toLowerCase()})`, true]);
  }
  // line of the k-th parsed data row (0-based): header is line 1, rejected lines are skipped over.
  const wanted = new Map<string, Map<number, number>>();
  const lineOf = (path: string, ordinal: number) => {
    let line = ordinal + 2;
    for (const r of rejectLines.get(path) ?? []) if (r <= line) line++;
    return line;
  };
  const badLines: Array<{ path: string; line: number; b: (typeof bad)[number] }> = [];
  for (const b of bad) {
    const line = lineOf(b.path, b.ordinal);
    badLines.push({ path: b.path, line, b });
    (wanted.get(b.path) ?? wanted.set(b.path, new Map()).get(b.path)!).set(copyLine(b.path, line), 0);
  }
  const raw = new Map<string, Map<number, string>>();
  for (const [path, lines] of wanted) raw.set(path, await readLines(path, new Set(lines.keys())));
  for (const { path, line, b } of badLines) {
    const f = byPath.get(path)!;
    rows.push([b.force_id ?? f.forceHint ?? 'unknown', f.batchId, f.source, sourceLine(path, line), raw.get(path)?.get(copyLine(path, line)) ?? null,
      `[${b.reasons.map((r) => `'${r}'`).join(',')}]`, b.detail || b.reasons.map((r) => REASONS[r as ReasonCode] ?? r).join('; '), false]);
  }
  await db.run(`CREATE OR REPLACE TEMP TABLE q_in (force_id VARCHAR, batch_id VARCHAR, source VARCHAR, line BIGINT, raw VARCHAR, reasons VARCHAR, detail VARCHAR, rejected BOOLEAN)`);
  const app = await db.appender('q_in', ['varchar', 'varchar', 'varchar', 'bigint', 'varchar', 'varchar', 'varchar', 'boolean']);
  for (const r of rows) app.row(r);
  app.close();
  await db.run(`INSERT INTO q_rows SELECT force_id, batch_id, source, line, raw, reasons::VARCHAR[], detail, rejected FROM q_in`);
}

/** Reads the given 1-based line numbers of a text file (LF, CRLF or CR-only line endings). */
async function readLines(path: string, lines: ReadonlySet<number>): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  const max = Math.max(...lines);
  const rl = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let n = 0;
  for await (const l of rl) {
    n++;
    if (lines.has(n)) out.set(n, l);
    if (n >= max) break;
  }
  rl.close();
  return out;
}
