/**
 * Reads a data.police.uk CSV file (as ingest hands it to the store: the file itself when its
 * bytes are clean, else a sanitized copy) record by record, the way the embedded store's
 * `read_csv` does with `strict_mode`: `"` quotes and escapes, a quoted field may span lines, an
 * empty field is NULL, blank lines hold no row. A record whose field count is not the header's,
 * or that breaks the quoting rules, is returned as rejected with DuckDB's error name, so the
 * quarantine reads the same on both backends.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

export interface CsvRecord {
  /** 1-based line of the file where the record starts. */
  readonly line: number;
  /** The record's first line as it stands in the file. */
  readonly text: string;
  /** Its fields (NULL for empty ones), or null when it was rejected. */
  readonly fields: Array<string | null> | null;
  /** DuckDB's name of what is wrong with a rejected record (`MISSING COLUMNS`, `TOO MANY COLUMNS`, `UNQUOTED VALUE`). */
  readonly error?: string;
}

/**
 * Splits one record that starts on `first` (pulling more lines while a quoted field is open).
 * Returns the fields, or an error name.
 */
function splitRecord(first: string, more: () => string | undefined): { fields: Array<string | null> } | { error: string } {
  if (!first.includes('"')) return { fields: first.split(',').map((f) => (f === '' ? null : f)) };
  const fields: Array<string | null> = [];
  let line = first;
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      // A quoted field: up to the quote that is not doubled.
      let value = '';
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0) {
          value += line.slice(i);
          const next = more();
          if (next === undefined) return { error: 'UNQUOTED VALUE' };
          value += '\n';
          line = next;
          i = 0;
          continue;
        }
        value += line.slice(i, q);
        if (line[q + 1] === '"') {
          value += '"';
          i = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      fields.push(value === '' ? null : value);
      if (i === line.length) return { fields };
      if (line[i] !== ',') return { error: 'UNQUOTED VALUE' };
      i++;
      if (i === line.length) return { fields: [...fields, null] };
    } else {
      const c = line.indexOf(',', i);
      const value = c < 0 ? line.slice(i) : line.slice(i, c);
      if (value.includes('"')) return { error: 'UNQUOTED VALUE' };
      fields.push(value === '' ? null : value);
      if (c < 0) return { fields };
      i = c + 1;
      if (i === line.length) return { fields: [...fields, null] };
    }
  }
}

/** Every data record of the file (the header, line 1, is skipped), with `columns` fields expected. */
export async function readCsvRecords(path: string, columns: number): Promise<CsvRecord[]> {
  const out: CsvRecord[] = [];
  const lines: string[] = [];
  const rl = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const l of rl) lines.push(l);
  let n = 1; // the header
  const more = () => {
    if (n >= lines.length) return undefined;
    return lines[n++];
  };
  while (n < lines.length) {
    const start = n;
    const text = lines[n++];
    if (text === '') continue;
    const r = splitRecord(text, more);
    if ('error' in r) out.push({ line: start + 1, text, fields: null, error: r.error });
    else if (r.fields.length !== columns) {
      out.push({ line: start + 1, text, fields: null, error: r.fields.length < columns ? 'MISSING COLUMNS' : 'TOO MANY COLUMNS' });
    } else out.push({ line: start + 1, text, fields: r.fields });
  }
  return out;
}
