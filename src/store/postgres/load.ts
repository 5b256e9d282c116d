/**
 * Loading data.police.uk CSV files into the PostgreSQL store, with every guarantee of the
 * embedded store's loader (../duckdb/load.ts, docs/ingest.md): rows read = loaded + quarantined
 * per file, each quarantined row with its line, raw text, reason codes and detail; a group's
 * force-months replaced in one transaction (readers see the old rows or the new); the same bytes
 * loaded again reported `unchanged`; rows of another force or month than their file declares
 * quarantined; the shrink guard.
 *
 * Node parses (csv.ts) and checks (checks.ts) every row, computes H3 cells, stable row ids and the
 * monthly cube, then one transaction per group deletes what the group replaces and COPYs the new
 * rows straight into the fact tables (a staging table would be one more copy of every row: the
 * transaction already hides them until COMMIT). Writers hold the store's writer lock (db.ts), so
 * the replacement and shrink rules read what they replace inside the same transaction.
 */
import { createHash } from 'node:crypto';
import { DATASET_COLUMNS, REASONS, type DatasetKind, type ReasonCode } from '../../standard/index.ts';
import type { BatchResult, BatchStatus, LoadFile, LoadGroup, LoadHooks } from '../types/load.ts';
import { GroupClash } from '../errors.ts';
import { cellsR9 } from '../duckdb/h3-cells.ts';
import { OUTCOMES_STORED_COLUMNS, STREET_STORED_COLUMNS } from '../duckdb/schema.ts';
import { judgeReplacements, type HeldForceMonth } from '../sql/replace.ts';
import type { SqlValue } from '../sql/db.ts';
import { copyRows, type PgDb } from './db.ts';
import { readCsvRecords } from './csv.ts';
import { checkCrimeRow, checkStopSearchRow, duckDouble, lookups, type CheckedRow } from './checks.ts';

const REJECT_REASON: Record<string, ReasonCode> = { 'MISSING COLUMNS': 'row.field_count', 'TOO MANY COLUMNS': 'row.field_count' };

/** A quarantined row of the group. */
interface QRow {
  force_id: string;
  batch_id: string;
  source: string;
  line: number | null;
  raw: string | null;
  reasons: string[];
  detail: string;
  rejected: boolean;
}

/** A row that passed, with its file and place in the group (for ids numbered in file order). */
interface GoodRow {
  readonly file: LoadFile;
  readonly row: CheckedRow;
  /** The H3 cells of its point, as BIGINT text (shared by every row at that point), or null. */
  h3: Cells | null;
}

/** A point's H3 r9 cell and its r8 and r7 parents, as decimal text for COPY. */
interface Cells {
  readonly r9: string;
  readonly r8: string;
  readonly r7: string;
}

const md5 = (s: string) => createHash('md5').update(s).digest('hex');

/** The H3 parent at `res` of an r9 cell (as `h3ParentSql` computes it in SQL). */
function h3Parent(cell: bigint, res: number): bigint {
  const keep = ((1n << 64n) - 1n) ^ (15n << 52n);
  const set = (BigInt(res) << 52n) | ((1n << BigInt(3 * (15 - res))) - 1n);
  return (cell & keep) | set;
}

/** The most frequent value (ties: the smallest), or null. */
function mode(xs: Iterable<string | null>): string | null {
  const n = new Map<string, number>();
  for (const x of xs) if (x !== null) n.set(x, (n.get(x) ?? 0) + 1);
  let best: string | null = null;
  for (const [k, c] of n) if (best === null || c > n.get(best)! || (c === n.get(best)! && k < best)) best = k;
  return best;
}

const pgArray = (xs: readonly string[]) => `{${xs.map((x) => `"${x.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;

/** Parses and checks one group's files: the rows that pass and the quarantined ones. */
async function checkGroup(kind: DatasetKind, files: readonly LoadFile[]) {
  const expected: readonly string[] = DATASET_COLUMNS[kind];
  const lk = lookups();
  const good: GoodRow[] = [];
  const quarantined: QRow[] = [];
  const hints = new Map<string, { force: string | null; month: string | null }>();
  const perFile = new Map<string, { parsed: number; forces: Array<string | null> }>();
  for (const f of files) {
    const columns = f.columns;
    const index = new Map(expected.map((c) => [c, columns.indexOf(c)]));
    const records = await readCsvRecords(f.path, columns.length);
    // Rows the byte-level scan left out of a sanitized copy: read, and rejected before parsing.
    for (const r of f.lines?.rejects ?? []) {
      quarantined.push({ force_id: f.forceHint ?? 'unknown', batch_id: f.batchId, source: f.source, line: r.line, raw: r.raw,
        reasons: [...r.reasons], detail: r.detail, rejected: true });
    }
    const parsed = records.filter((r) => r.fields);
    // A street or outcomes file whose name gives no force declares the one most of its rows name.
    let forceHint = f.forceHint;
    if (!forceHint && kind !== 'stop_search' && columns.includes('reported_by')) {
      const i = index.get('reported_by')!;
      forceHint = mode(parsed.map((r) => lk.force(r.fields![i])));
    }
    hints.set(f.batchId, { force: forceHint, month: f.monthHint });
    const forces: Array<string | null> = [];
    let ordinal = 0;
    for (const rec of records) {
      if (!rec.fields) {
        const reason: ReasonCode = REJECT_REASON[rec.error!] ?? 'row.unparseable';
        quarantined.push({ force_id: f.forceHint ?? 'unknown', batch_id: f.batchId, source: f.source,
          line: f.lines ? f.lines.rows[rec.line - 2] ?? rec.line : rec.line, raw: rec.text.replace(/^[\r\n]+|[\r\n]+$/g, ''),
          reasons: [reason], detail: `${REASONS[reason]} (${rec.error!.toLowerCase()})`, rejected: true });
        continue;
      }
      const fields = rec.fields;
      const get = (c: string) => {
        const i = index.get(c);
        return i === undefined || i < 0 ? null : fields[i];
      };
      const row = kind === 'stop_search'
        ? checkStopSearchRow(get, forceHint, f.monthHint)
        : checkCrimeRow(kind, get, lk, forceHint, f.monthHint);
      forces.push(row.force_id);
      const line = f.lines ? f.lines.rows[ordinal] ?? rec.line : rec.line;
      ordinal++;
      if (row.ok) good.push({ file: f, row, h3: null });
      else {
        quarantined.push({ force_id: row.force_id ?? forceHint ?? 'unknown', batch_id: f.batchId, source: f.source, line, raw: rec.text,
          reasons: row.reasons, detail: row.detail || row.reasons.map((r) => REASONS[r] ?? r).join('; '), rejected: false });
      }
    }
    perFile.set(f.batchId, { parsed: ordinal, forces });
  }
  return { good, quarantined, hints, perFile };
}

/** H3 r9 cells of the rows' in-range points (each distinct point computed once). */
async function addCells(good: GoodRow[]): Promise<void> {
  const index = new Map<string, number>();
  const lons: number[] = [];
  const lats: number[] = [];
  const at: number[] = [];
  for (const g of good) {
    const { lon, lat } = g.row;
    if (lon === null || lat === null) {
      at.push(-1);
      continue;
    }
    const k = `${lon},${lat}`;
    let i = index.get(k);
    if (i === undefined) (i = lons.length), index.set(k, i), lons.push(lon), lats.push(lat);
    at.push(i);
  }
  if (!lons.length) return;
  const { hi, lo } = await cellsR9(Float64Array.from(lons), Float64Array.from(lats));
  // Once per distinct point, not per row.
  const cells: Cells[] = Array.from({ length: lons.length }, (_, i) => {
    const cell = (BigInt(hi[i]) << 32n) | BigInt(lo[i]);
    return { r9: cell.toString(), r8: h3Parent(cell, 8).toString(), r7: h3Parent(cell, 7).toString() };
  });
  good.forEach((g, j) => (g.h3 = at[j] < 0 ? null : cells[at[j]]));
}

/** Row ids: the Crime ID where unique in its force-month, else the id (or `x`) with a content hash, numbered in file order. */
function rowIds(kind: DatasetKind, good: readonly GoodRow[]): Array<string | null> {
  const key = (g: GoodRow) => `${g.row.force_id}\u0000${g.row.month}`;
  if (kind === 'stop_search') {
    const seen = new Map<string, number>();
    return good.map((g) => {
      const content = md5(g.row.content!);
      const k = `${key(g)}\u0000${content}`;
      const n = (seen.get(k) ?? 0) + 1;
      seen.set(k, n);
      return `ss-${content.slice(0, 20)}${n > 1 ? `:${n}` : ''}`;
    });
  }
  const ids = new Map<string, number>();
  for (const g of good) {
    const id = g.row.values.crime_id as string | null;
    if (id !== null) ids.set(`${key(g)}\u0000${id}`, (ids.get(`${key(g)}\u0000${id}`) ?? 0) + 1);
  }
  const seen = new Map<string, number>();
  return good.map((g) => {
    const v = g.row.values;
    const id = v.crime_id as string | null;
    if (id !== null && ids.get(`${key(g)}\u0000${id}`) === 1) return null;
    const parts = kind === 'street'
      ? [g.row.month, duckDouble(g.row.lon), duckDouble(g.row.lat), v.location, v.lsoa_code, v.lsoa_name, v.category, v.outcome]
      : [g.row.month, duckDouble(g.row.lon), duckDouble(g.row.lat), v.location, v.lsoa_code, v.lsoa_name, v.outcome];
    const content = md5(parts.filter((p) => p !== null).join('|'));
    const k = `${key(g)}\u0000${id}\u0000${content}`;
    const n = (seen.get(k) ?? 0) + 1;
    seen.set(k, n);
    return `${id ?? 'x'}:${content.slice(0, 16)}${n > 1 ? `:${n}` : ''}`;
  });
}

type ColType = 'varchar' | 'double' | 'bigint' | 'boolean';
const FACT_TYPES: Record<string, ColType> = {
  lon: 'double', lat: 'double', located: 'boolean', h3_r7: 'bigint', h3_r8: 'bigint', h3_r9: 'bigint',
  part_of_operation: 'boolean', outcome_linked: 'boolean', removal_of_outer_clothing: 'boolean',
};
const STOP_SEARCH_COLUMNS = ['force_id', 'month', 'row_id', 'search_type', 'occurred_at', 'part_of_operation', 'operation_name', 'lon', 'lat',
  'gender', 'age_range', 'self_defined_ethnicity', 'officer_defined_ethnicity', 'legislation', 'object_of_search', 'outcome',
  'outcome_linked', 'removal_of_outer_clothing', 'located', 'h3_r7', 'h3_r8', 'h3_r9', 'batch_id'] as const;

function factColumns(kind: DatasetKind): readonly string[] {
  return kind === 'street' ? STREET_STORED_COLUMNS : kind === 'outcomes' ? OUTCOMES_STORED_COLUMNS : STOP_SEARCH_COLUMNS;
}

/** Per column of the kind's table, how a row's value is read (built once per load, not per row). */
function factRowReader(kind: DatasetKind): (g: GoodRow, id: string | null) => SqlValue[] {
  const getters = factColumns(kind).map((c): ((g: GoodRow, id: string | null) => SqlValue) => {
    switch (c) {
      case 'force_id': return (g) => g.row.force_id;
      case 'month': return (g) => g.row.month;
      case 'lon': return (g) => g.row.lon;
      case 'lat': return (g) => g.row.lat;
      case 'located': return (g) => g.h3 !== null && g.row.lon !== null;
      case 'h3_r9': return (g) => g.h3?.r9 ?? null;
      case 'h3_r8': return (g) => g.h3?.r8 ?? null;
      case 'h3_r7': return (g) => g.h3?.r7 ?? null;
      case 'batch_id': return (g) => g.file.batchId;
      case 'row_key': case 'row_id': return (_g, id) => id;
      default: return (g) => (g.row.values[c] ?? null) as SqlValue;
    }
  });
  return (g, id) => getters.map((get) => get(g, id));
}

/**
 * Loads one group of files of the same kind in one transaction. The caller guarantees that no two
 * files of the group hold the same force-month (it splits such files into separate groups).
 */
export async function loadGroupPg(db: PgDb, group: LoadGroup, hooks: LoadHooks = {}): Promise<BatchResult[]> {
  const t0 = performance.now();
  const { kind, files } = group;
  const { good, quarantined, hints, perFile } = await checkGroup(kind, files);
  hooks.onRows?.([...perFile.values()].reduce((a, f) => a + f.parsed, 0) + quarantined.filter((q) => q.rejected).length);

  // A group must not hold the same force-month twice.
  const fmBatch = new Map<string, string>();
  for (const g of good) {
    const k = `${g.row.force_id}\u0000${g.row.month}`;
    const b = fmBatch.get(k);
    if (b !== undefined && b !== g.file.batchId) throw new GroupClash(`${g.row.force_id} ${g.row.month}`);
    fmBatch.set(k, g.file.batchId);
  }
  await addCells(good);
  const ids = rowIds(kind, good);
  const bySource = new Map(files.map((f) => [f.batchId, f]));

  // Per file: force, counts, months.
  const batchForce = new Map(files.map((f) => [f.batchId, hints.get(f.batchId)!.force ?? mode(perFile.get(f.batchId)!.forces) ?? 'unknown']));
  // One pass over the rows (a group may hold hundreds of files).
  const tally = new Map(files.map((f) => [f.batchId, { loaded: 0, quarantined: 0, rejected: 0, months: new Set<string>() }]));
  for (const g of good) {
    const t = tally.get(g.file.batchId)!;
    t.loaded++;
    t.months.add(g.row.month!);
  }
  for (const q of quarantined) {
    const t = tally.get(q.batch_id)!;
    t.quarantined++;
    if (q.rejected) t.rejected++;
  }
  const counts = files.map((f) => {
    const t = tally.get(f.batchId)!;
    return {
      batch_id: f.batchId, source: f.source, parsed: perFile.get(f.batchId)!.parsed, loaded: t.loaded, quarantined: t.quarantined,
      rejected: t.rejected, months: [...t.months].sort(),
    };
  });
  // Rows naming another force or month than their file declares, named in the report.
  const strays = new Map<string, { n: number; forces: Set<string> }>();
  for (const q of quarantined) {
    if (!q.reasons.includes('force.mismatch') && !q.reasons.includes('month.mismatch')) continue;
    const s = strays.get(q.batch_id) ?? strays.set(q.batch_id, { n: 0, forces: new Set() }).get(q.batch_id)!;
    s.n++;
    s.forces.add(q.force_id);
  }
  const strayNote = (batchId: string, force: string, months: readonly string[]) => {
    const st = strays.get(batchId);
    return st ? `quarantined ${st.n} row${st.n === 1 ? '' : 's'} of another force or month than the file's ${force}${months.length === 1 ? ` ${months[0]}` : ''} (rows of ${[...st.forces].sort().join(', ')})` : null;
  };
  // Rows per force-month of the group.
  const fmRows = new Map<string, { force_id: string; month: string; batch_id: string; rows: number }>();
  for (const g of good) {
    const k = `${g.row.force_id}\u0000${g.row.month}`;
    const e = fmRows.get(k) ?? fmRows.set(k, { force_id: g.row.force_id!, month: g.row.month!, batch_id: g.file.batchId, rows: 0 }).get(k)!;
    e.rows++;
  }

  return db.transaction(async () => {
    const client = db.txClient()!;
    // What each file would replace, read under the writer lock: nothing can change it before COMMIT.
    const fms = [...fmRows.values()];
    const held = fms.length
      ? await db.all<{ force_id: string; month: string; rows: number }>(
        `SELECT force_id, month, rows FROM force_months WHERE kind = ? AND (force_id, month) IN (SELECT * FROM unnest(?::varchar[], ?::varchar[]))`,
        [kind, pgArray(fms.map((f) => f.force_id)), pgArray(fms.map((f) => f.month))])
      : [];
    const heldBy = new Map(held.map((h) => [`${h.force_id}\u0000${h.month}`, Number(h.rows)]));
    const prior: HeldForceMonth[] = fms.filter((f) => heldBy.has(`${f.force_id}\u0000${f.month}`))
      .map((f) => ({ force_id: f.force_id, month: f.month, batch_id: f.batch_id, rows_before: heldBy.get(`${f.force_id}\u0000${f.month}`)!, rows_after: f.rows }))
      .sort((a, b) => (a.force_id < b.force_id ? -1 : a.force_id > b.force_id ? 1 : a.month < b.month ? -1 : a.month > b.month ? 1 : 0));
    const verdicts = judgeReplacements(kind, prior, hooks.allowShrink ? 0 : (hooks.shrinkRatio ?? 0));
    const ms = performance.now() - t0;
    const all: BatchResult[] = counts.map((c) => {
      const read = c.parsed + c.rejected;
      if (read !== c.loaded + c.quarantined) throw new Error(`reconciliation failed for ${c.source}: read ${read} ≠ ${c.loaded} + ${c.quarantined}`);
      const v = verdicts.get(c.batch_id);
      const status: BatchStatus = v?.refused.length ? 'refused' : v ? 'replaced' : 'loaded';
      const force = batchForce.get(c.batch_id)!;
      const detail = [v?.detail, strayNote(c.batch_id, force, c.months)].filter(Boolean).join('; ');
      return {
        batch_id: c.batch_id, source: c.source, kind, force_id: force, months: c.months.slice(),
        rows_read: read, rows_loaded: c.loaded, rows_quarantined: c.quarantined,
        rows_before: v?.rowsBefore ?? 0, status, ms_total: ms / files.length, ...(detail ? { detail } : {}),
      };
    });
    const kept = all.filter((b) => b.status !== 'refused');
    // A refused file leaves its record (status, the counts it offered, why), and nothing else.
    const refused = all.filter((b) => b.status === 'refused');
    if (!kept.length) {
      await insertBatches(db, refused, bySource);
      return all;
    }
    const keep = new Set(kept.map((b) => b.batch_id));
    const replaced = prior.filter((p) => keep.has(p.batch_id));
    if (replaced.length) {
      const f = pgArray(replaced.map((p) => p.force_id));
      const m = pgArray(replaced.map((p) => p.month));
      const these = `(force_id, month) IN (SELECT * FROM unnest(?::varchar[], ?::varchar[]))`;
      await db.run(`DELETE FROM ${kind} WHERE ${these}`, [f, m]);
      if (kind === 'street') await db.run(`DELETE FROM cube WHERE ${these}`, [f, m]);
      await db.run(`DELETE FROM force_months WHERE kind = ? AND ${these}`, [kind, f, m]);
    }
    const cols = factColumns(kind);
    const factRow = factRowReader(kind);
    const keptRows = function* () {
      for (let i = 0; i < good.length; i++) if (keep.has(good[i].file.batchId)) yield factRow(good[i], ids[i]);
    };
    await copyRows(client, kind, cols, cols.map((c) => FACT_TYPES[c] ?? 'varchar'), keptRows());
    if (kind === 'street') {
      // The cube of these force-months is exactly the new rows.
      const cube = new Map<string, SqlValue[]>();
      for (const g of good) {
        if (!keep.has(g.file.batchId)) continue;
        const r8 = g.h3?.r8 ?? null;
        const v = g.row.values;
        const k = `${g.row.force_id}\u0000${g.row.month}\u0000${v.category}\u0000${v.lsoa_code}\u0000${r8}`;
        const e = cube.get(k);
        if (e) (e[5] as number)++;
        else cube.set(k, [g.row.force_id, g.row.month, v.category as string, v.lsoa_code as string | null, r8, 1]);
      }
      await copyRows(client, 'cube', ['force_id', 'month', 'category', 'lsoa_code', 'h3_r8', 'n'],
        ['varchar', 'varchar', 'varchar', 'varchar', 'bigint', 'bigint'], cube.values());
    }
    const shaOf = (b: string) => bySource.get(b)!.sha256;
    await copyRows(client, 'force_months', ['force_id', 'kind', 'month', 'batch_id', 'sha256', 'rows'],
      ['varchar', 'varchar', 'varchar', 'varchar', 'varchar', 'bigint'],
      fms.filter((f) => keep.has(f.batch_id)).map((f) => [f.force_id, kind, f.month, f.batch_id, shaOf(f.batch_id), f.rows]));
    // A quarantined row belongs to the file (and so the force) that sent it, whatever force it names.
    await copyRows(client, 'quarantine', ['force_id', 'batch_id', 'kind', 'source', 'line', 'raw', 'reasons', 'detail'],
      ['varchar', 'varchar', 'varchar', 'varchar', 'bigint', 'varchar', 'varchar', 'varchar'],
      quarantined.filter((q) => keep.has(q.batch_id))
        .map((q) => [hints.get(q.batch_id)!.force ?? q.force_id, q.batch_id, kind, q.source, q.line, q.raw, pgArray(q.reasons), q.detail]));
    await insertBatches(db, kept, bySource);
    // Inside the transaction: the caller's audit of these batches commits with them, or neither does.
    await hooks.beforeCommit?.(kept);
    await insertBatches(db, refused, bySource);
    return all;
  });
}

/** The batches table rows of a group's committed files. */
async function insertBatches(db: PgDb, out: readonly BatchResult[], files: ReadonlyMap<string, LoadFile>): Promise<void> {
  const now = new Date().toISOString().replace('Z', '');
  for (const b of out) {
    await db.run(`INSERT INTO batches VALUES (?, ?, ?, ?, ?, ?::varchar[], ?, ?, ?, ?, ?::timestamp, ?::timestamp, ?, ?)`, [
      b.force_id, b.batch_id, b.kind, b.source, files.get(b.batch_id)!.sha256, pgArray(b.months), b.rows_read, b.rows_loaded,
      b.rows_quarantined, b.status, now, now, b.ms_total, b.detail ?? null]);
  }
}

/**
 * For each sha256, the batch whose bytes the store already holds, if any: the same sha256 and
 * kind, and every month that batch loaded is still held by it.
 */
export async function findUnchangedPg(db: PgDb, kind: DatasetKind, sha256s: readonly string[]): Promise<Map<string, BatchResult>> {
  const out = new Map<string, BatchResult>();
  if (!sha256s.length) return out;
  const rows = await db.all<Record<string, unknown>>(
    `SELECT * FROM (
       SELECT b.*, row_number() OVER (PARTITION BY b.sha256 ORDER BY b.finished_at DESC) AS rn FROM batches b
       WHERE b.kind = ? AND b.sha256 = ANY(?::varchar[]) AND b.status IN ('loaded', 'replaced') AND cardinality(b.months) > 0
         AND NOT EXISTS (SELECT 1 FROM unnest(b.months) AS m(month)
                         WHERE NOT EXISTS (SELECT 1 FROM force_months f WHERE f.force_id = b.force_id AND f.kind = b.kind
                                             AND f.month = m.month AND f.batch_id = b.batch_id))) x WHERE rn = 1`,
    [kind, pgArray(sha256s)],
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
export async function recordUnchangedPg(db: PgDb, file: LoadFile, prior: BatchResult): Promise<BatchResult> {
  const now = new Date().toISOString().replace('Z', '');
  await db.run(
    `INSERT INTO batches VALUES (?, ?, ?, ?, ?, ?::varchar[], ?, 0, 0, 'unchanged', ?::timestamp, ?::timestamp, 0, ?)`,
    [prior.force_id, file.batchId, prior.kind, file.source, file.sha256, pgArray(prior.months), prior.rows_read, now, now,
      `same bytes as batch ${prior.batch_id}`],
  );
  return { ...prior, batch_id: file.batchId, source: file.source, rows_loaded: prior.rows_loaded, status: 'unchanged' };
}

/**
 * Files a run did not load and that no group saw (`superseded`), recorded in `batches` with the
 * sha256 of their bytes and the detail naming the chosen file; no rows, quarantine or audit
 * (src/store/duckdb/load-batches.ts's recordNotLoaded).
 */
export async function recordNotLoadedPg(db: PgDb, files: ReadonlyArray<{ readonly batch: BatchResult; readonly sha256: string }>): Promise<void> {
  if (!files.length) return;
  const now = new Date().toISOString().replace('Z', '');
  await db.transaction(async () => {
    for (const { batch: b, sha256 } of files) {
      await db.run(
        `INSERT INTO batches VALUES (?, ?, ?, ?, ?, ?::varchar[], ?, ?, ?, ?, ?::timestamp, ?::timestamp, ?, ?)`,
        [b.force_id, b.batch_id, b.kind, b.source, sha256, pgArray(b.months), b.rows_read, b.rows_loaded, b.rows_quarantined, b.status, now, now,
          b.ms_total, b.detail ?? null],
      );
    }
  });
}
