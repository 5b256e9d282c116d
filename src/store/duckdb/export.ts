/**
 * Exports: a table written out as CSV, GeoJSON or Parquet (the lake layout, partitioned by force
 * and month), at the store's memory limit whatever the table's size.
 *
 * - Every format runs on a connection of its own (`Db.session`): it reads committed state, holds
 *   up no one, and its settings stay its own.
 * - CSV is written by DuckDB's COPY. Text cells that a spreadsheet would run as a formula (they
 *   start with `=`, `+`, `-`, `@`, tab or carriage return) are neutralised as the OWASP CSV
 *   injection guidance says: a single quote is put before them and text cells are quoted. Only
 *   text columns are touched (a negative longitude stays a number); `raw` turns this off for
 *   machine use.
 * - GeoJSON is streamed: DuckDB builds each feature's JSON, Node writes them chunk by chunk into
 *   one FeatureCollection, so memory does not grow with the table.
 * - Parquet of a table with force and month is written one force at a time, partitioned by month
 *   (`force_id=.../month=.../data_0.parquet`), so only a force's months are open at once.
 * - Output goes to a partial file or folder beside `out` and is renamed into place when complete:
 *   a failed export leaves nothing behind, not even the folders it made.
 */
import { createWriteStream, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { h3ToHex, sqlString, type Db, type Session } from './db.ts';
import { PeelError } from '../../standard/index.ts';
import { EXPORTABLE_TABLES, EXPORT_FORMATS, type ExportableTable, type ExportFormat, type ExportOptions, type ExportResult } from '../types/export.ts';

const POINT_TABLES: readonly ExportableTable[] = ['street', 'outcomes', 'stop_search'];
const PARTITIONED_TABLES: readonly ExportableTable[] = ['street', 'outcomes', 'stop_search', 'cube'];

interface Column { readonly name: string; readonly type: string }

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The exported columns of a table, in order: H3 cells as hex, storage-only columns left out. */
async function columnsOf(s: Session, table: ExportableTable): Promise<{ list: string; columns: Column[] }> {
  const hex = new Set(POINT_TABLES.includes(table) ? ['h3_r7', 'h3_r8', 'h3_r9'] : table === 'cube' ? ['h3_r8'] : []);
  // row_key is storage only (row_id, a generated column, is the id): it is never exported.
  const skip = new Set(['row_key']);
  const described = await s.all<{ column_name: string; column_type: string }>(`DESCRIBE SELECT * FROM ${table}`);
  const parts: string[] = [];
  const columns: Column[] = [];
  const plain = described.filter((c) => !skip.has(c.column_name) && !hex.has(c.column_name));
  for (const c of plain) (parts.push(q(c.column_name)), columns.push({ name: c.column_name, type: c.column_type }));
  for (const c of described.filter((d) => hex.has(d.column_name))) {
    parts.push(`${h3ToHex(q(c.column_name))} AS ${q(c.column_name)}`);
    columns.push({ name: c.column_name, type: 'VARCHAR' });
  }
  return { list: parts.join(', '), columns };
}

/** A path beside `out` for the export to be written to before it is renamed into place. */
function partialOf(out: string): string {
  return join(dirname(out), `.${basename(out)}.partial-${randomBytes(4).toString('hex')}`);
}

function isEmptyDir(path: string): boolean {
  return statSync(path).isDirectory() && readdirSync(path).length === 0;
}

/** Writes `table` to `out` in `format`; see the module comment. */
export async function exportTable(db: Db, table: ExportableTable, format: ExportFormat, out: string, opts: ExportOptions = {}): Promise<ExportResult> {
  if (!(EXPORTABLE_TABLES as readonly string[]).includes(table)) {
    throw new PeelError('bad_input', `cannot export "${table}": choose one of ${EXPORTABLE_TABLES.join(', ')}`);
  }
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
    throw new PeelError('bad_input', `unknown export format "${String(format)}": choose ${EXPORT_FORMATS.join(', ')}`);
  }
  if (format === 'geojson' && !POINT_TABLES.includes(table)) {
    throw new PeelError('bad_input', `GeoJSON export needs a table with points (${POINT_TABLES.join(', ')}), not "${table}"`);
  }
  const partitioned = format === 'parquet' && PARTITIONED_TABLES.includes(table);
  if (existsSync(out)) {
    if (partitioned && !isEmptyDir(out)) throw new PeelError('bad_input', `${out} already exists and is not empty: name a new or empty folder for the Parquet partitions`);
    if (!partitioned && statSync(out).isDirectory()) throw new PeelError('bad_input', `${out} is a folder: name a file to write the ${format} export to`);
  }
  const forceList = opts.forces?.length ? [...new Set(opts.forces)].sort() : null;
  const where = forceList ? `WHERE force_id IN (${forceList.map(sqlString).join(', ')})` : '';

  // The folders made for the export are removed again if it fails.
  const madeDir = mkdirSync(dirname(out), { recursive: true });
  const partial = partialOf(out);
  try {
    const result = await db.session(async (s) => {
      const { list, columns } = await columnsOf(s, table);
      const hasMonth = columns.some((c) => c.name === 'month');
      const summary = await s.all<{ n: number; forces: string[] | null; from: string | null; to: string | null }>(
        `SELECT count(*) AS n, list(DISTINCT force_id::VARCHAR ORDER BY force_id::VARCHAR) AS forces,
                ${hasMonth ? 'min(month)::VARCHAR' : 'NULL'} AS "from", ${hasMonth ? 'max(month)::VARCHAR' : 'NULL'} AS "to"
         FROM ${table} ${where}`);
      const sum = summary[0];
      const forces = sum?.forces ?? [];
      const months = sum?.from && sum.to ? { from: sum.from, to: sum.to } : null;
      const source = `SELECT ${list} FROM ${table} ${where}`;
      switch (format) {
        case 'csv':
          await writeCsv(s, source, columns, partial, opts.raw ?? false);
          return { rows: sum?.n ?? 0, forces, months };
        case 'geojson':
          return { rows: await writeGeoJson(s, source, partial), forces, months };
        case 'parquet':
          if (!partitioned) await s.run(`COPY (${source}) TO ${sqlString(partial)} (FORMAT parquet)`);
          else await writeParquetPartitions(s, table, list, forces, partial);
          return { rows: sum?.n ?? 0, forces, months };
      }
    });
    if (partitioned && existsSync(out)) rmSync(out, { recursive: true }); // an empty folder (checked above)
    renameSync(partial, out);
    return { ...result, path: out };
  } catch (e) {
    rmSync(partial, { recursive: true, force: true });
    if (madeDir) rmSync(madeDir, { recursive: true, force: true });
    throw exportError(e, table, format);
  }
}

async function writeCsv(s: Session, source: string, columns: readonly Column[], path: string, raw: boolean): Promise<void> {
  const text = columns.filter((c) => c.type === 'VARCHAR').map((c) => c.name);
  if (raw || !text.length) {
    await s.run(`COPY (${source}) TO ${sqlString(path)} (FORMAT csv, HEADER true)`);
    return;
  }
  const textSet = new Set(text);
  const select = columns.map((c) => textSet.has(c.name)
    ? `CASE WHEN regexp_matches(${q(c.name)}, '^[=+\\-@\\t\\r]') THEN '''' || ${q(c.name)} ELSE ${q(c.name)} END AS ${q(c.name)}`
    : q(c.name)).join(', ');
  await s.run(`COPY (SELECT ${select} FROM (${source})) TO ${sqlString(path)}
               (FORMAT csv, HEADER true, FORCE_QUOTE (${text.map(q).join(', ')}))`);
}

async function writeGeoJson(s: Session, source: string, path: string): Promise<number> {
  const file = createWriteStream(path);
  const write = async (text: string) => {
    if (!file.write(text)) await once(file, 'drain');
  };
  const closed = new Promise<void>((resolve, reject) => {
    file.on('error', reject);
    file.on('close', () => resolve());
  });
  let first = true;
  try {
    await write('{"type":"FeatureCollection","features":[\n');
    const rows = await s.streamColumn(
      `SELECT json_object('type', 'Feature',
                          'geometry', json_object('type', 'Point', 'coordinates', [lon, lat]),
                          'properties', to_json(t))::VARCHAR AS f
       FROM (${source}) t WHERE lon IS NOT NULL AND lat IS NOT NULL`,
      async (features) => {
        await write((first ? '' : ',\n') + features.join(',\n'));
        first = false;
      });
    await write('\n]}\n');
    file.end();
    await closed;
    return rows;
  } catch (e) {
    file.destroy();
    throw e;
  }
}

async function writeParquetPartitions(s: Session, table: ExportableTable, list: string, forces: readonly string[], dir: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  // One force at a time keeps a dozen partition writers open, not forces × months. (Turning
  // preserve_insertion_order off would save more, but it is a setting of the whole instance, and
  // a server's loads rely on it.)
  for (const force of forces) {
    const forceDir = join(dir, `force_id=${force}`);
    await s.run(`COPY (SELECT * EXCLUDE (force_id) FROM (SELECT ${list} FROM ${table} WHERE force_id = ${sqlString(force)}))
                 TO ${sqlString(forceDir)} (FORMAT parquet, PARTITION_BY (month))`);
  }
}

/** DuckDB's errors, said once and in Peel's words (its own tuning advice is left out). */
function exportError(e: unknown, table: string, format: string): unknown {
  if (e instanceof PeelError) return e;
  const first = String((e as Error)?.message ?? e).split('\n')[0];
  if (/out of memory/i.test(first)) {
    return new Error(`export of ${table} as ${format} ran out of memory (${first}); raise the store's memory limit (PEEL_MEMORY_LIMIT or --memory-limit) or export fewer forces with --force`);
  }
  return new Error(`export of ${table} as ${format} failed: ${first}`);
}
