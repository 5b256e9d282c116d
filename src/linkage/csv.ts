/**
 * CSV inputs for linkage: a header row, then one record per row. Every value is trimmed (so
 * `a, b` files such as FEBRL's read as `a,b`), an empty value is missing. A row with the wrong
 * number of values, an empty or repeated id is refused with its file, line and value.
 */
import { readFileSync } from 'node:fs';
import { PeelError } from '../standard/index.ts';
import type { LinkInput } from './linker.ts';

export interface LinkTable {
  readonly path: string;
  readonly header: readonly string[];
  /** Values by column, missing as null. */
  readonly columns: Readonly<Record<string, Array<string | null>>>;
  /** Line number of each row in the file (1-based, the header is line 1). */
  readonly lines: readonly number[];
}

/** Parses CSV text (RFC 4180 quoting; LF, CRLF or CR) into rows with their starting line numbers. */
function* rows(text: string): Generator<{ line: number; values: string[] }> {
  let row: string[] = [];
  let f = '';
  let q = false;
  let line = 1;
  let rowLine = 1;
  let any = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (q) {
      if (c === '"' && text[i + 1] === '"') {
        f += '"';
        i++;
      } else if (c === '"') q = false;
      else {
        if (c === '\n') line++;
        f += c;
      }
      continue;
    }
    if (c === '"') {
      q = true;
      any = true;
    } else if (c === ',') {
      row.push(f);
      f = '';
      any = true;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(f);
      if (any || f.trim()) yield { line: rowLine, values: row };
      row = [];
      f = '';
      any = false;
      line++;
      rowLine = line;
    } else {
      f += c;
      any = true;
    }
  }
  if (q) throw new PeelError('unreadable_input', `line ${rowLine}: a quoted value is not closed`);
  if (any || f.trim()) {
    row.push(f);
    yield { line: rowLine, values: row };
  }
}

/** Reads a linkage CSV file; `idColumn` must be present, non-empty and unique. */
export function readLinkCsv(path: string, idColumn: string): LinkTable {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new PeelError('unreadable_input', `cannot read ${path}: ${(e as Error).message}`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const it = rows(text);
  let first: { line: number; values: string[] } | undefined;
  try {
    first = it.next().value ?? undefined;
  } catch (e) {
    throw new PeelError('unreadable_input', `${path}: ${(e as Error).message}`);
  }
  if (!first) throw new PeelError('no_data', `${path} is empty: a header row and records are needed`);
  const header = first.values.map((h) => h.trim());
  const idAt = header.indexOf(idColumn);
  if (idAt < 0) throw new PeelError('bad_input', `${path}: no id column "${idColumn}" in the header (${header.join(', ')})`);
  const dup = header.find((h, i) => header.indexOf(h) !== i);
  if (dup) throw new PeelError('bad_input', `${path}: column "${dup}" appears twice in the header`);
  const columns: Record<string, Array<string | null>> = Object.fromEntries(header.map((h) => [h, []]));
  const lines: number[] = [];
  const seen = new Map<string, number>();
  try {
    for (const r of it) {
      if (r.values.length !== header.length) {
        throw new PeelError('bad_input', `line ${r.line} of ${path}: ${r.values.length} values for ${header.length} columns: "${r.values.join(',').slice(0, 120)}"`);
      }
      const id = r.values[idAt].trim();
      if (!id) throw new PeelError('bad_input', `line ${r.line} of ${path}: empty ${idColumn}`);
      const before = seen.get(id);
      if (before !== undefined) throw new PeelError('bad_input', `line ${r.line} of ${path}: ${idColumn} "${id}" repeats line ${before}`);
      seen.set(id, r.line);
      lines.push(r.line);
      header.forEach((h, i) => {
        const v = r.values[i].trim();
        columns[h].push(v ? v : null);
      });
    }
  } catch (e) {
    if (e instanceof PeelError) throw e;
    throw new PeelError('unreadable_input', `${path}: ${(e as Error).message}`);
  }
  if (!lines.length) throw new PeelError('no_data', `${path} has a header but no records`);
  return { path, header, columns, lines };
}

/**
 * The linkage input of one table (deduplicate) or two (link across): the id column and the
 * fields to compare, which must be columns of every table.
 */
export function linkInputOf(tables: readonly LinkTable[], idColumn: string, fields?: readonly string[]): { input: LinkInput; fields: string[] } {
  if (tables.length < 1 || tables.length > 2) throw new PeelError('bad_input', `give one input (deduplicate) or two (link), got ${tables.length}`);
  const names = fields?.length ? [...fields] : tables[0].header.filter((h) => h !== idColumn && tables.every((t) => t.header.includes(h)));
  for (const name of names) {
    if (name === idColumn) throw new PeelError('bad_input', `--fields: "${idColumn}" is the id column, not a field to compare`);
    for (const t of tables) if (!t.header.includes(name)) throw new PeelError('bad_input', `field "${name}" is not a column of ${t.path} (${t.header.join(', ')})`);
  }
  if (!names.length) throw new PeelError('bad_input', `no columns to compare besides ${idColumn}`);
  const ids: string[] = [];
  const columns: Record<string, Array<string | null>> = Object.fromEntries(names.map((n) => [n, []]));
  const source = tables.length === 2 ? new Uint8Array(tables[0].lines.length + tables[1].lines.length) : undefined;
  tables.forEach((t, s) => {
    const offset = ids.length;
    for (const id of t.columns[idColumn]) ids.push(id as string);
    for (const n of names) for (const v of t.columns[n]) columns[n].push(v);
    if (source) source.fill(s, offset, ids.length);
  });
  return { input: { ids, columns, source }, fields: names };
}
