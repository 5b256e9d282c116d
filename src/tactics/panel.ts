/**
 * A panel: one row per unit and time, numeric columns with missing values. What the synthetic
 * control and difference-in-differences read, whether from a user's CSV (`peel analyse synth`) or
 * from the hub's monthly counts (trials).
 */
import { PeelError } from '../standard/index.ts';
import { parseCsv } from '../trends/index.ts';

export interface Panel {
  readonly units: readonly string[];
  /** Every time present, ascending. */
  readonly times: readonly number[];
  /** The value, or null where missing (absent row or empty cell). */
  value(unit: string, time: number, column: string): number | null;
  /** A time as the file wrote it (`2024-03` for a month, else the number). */
  label(time: number): string;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
/** A month `YYYY-MM` as a count of months (so months are consecutive numbers), else the number itself. */
export function parseTime(raw: string): number {
  const m = MONTH.exec(raw.trim());
  return m ? Number(m[1]) * 12 + Number(m[2]) - 1 : Number(raw);
}
export function monthLabel(t: number): string {
  return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`;
}

/** A panel from rows already in memory: `values[unit][time][column]`. */
export function panelOf(values: ReadonlyMap<string, ReadonlyMap<number, Readonly<Record<string, number | null>>>>, months = false): Panel {
  const times = new Set<number>();
  for (const byTime of values.values()) for (const t of byTime.keys()) times.add(t);
  return {
    units: [...values.keys()],
    times: [...times].sort((a, b) => a - b),
    value: (u, t, c) => {
      const v = values.get(u)?.get(t)?.[c];
      return v === undefined || v === null || !Number.isFinite(v) ? null : v;
    },
    label: (t) => (months ? monthLabel(t) : String(t)),
  };
}

/**
 * Reads a panel CSV: `unitColumn` names the unit, `timeColumn` a number (`1955.0` reads as 1955);
 * every other column is numeric, empty cells missing. A non-numeric cell or a repeated unit-time is
 * an error naming the file, line and value.
 */
export function parsePanelCsv(text: string, file: string, unitColumn: string, timeColumn: string): Panel {
  const recs = parseCsv(text, file, [unitColumn, timeColumn]);
  const values = new Map<string, Map<number, Record<string, number | null>>>();
  const months = recs.length > 0 && MONTH.test(recs[0].fields[timeColumn].trim());
  for (const rec of recs) {
    const unit = rec.fields[unitColumn].trim();
    const t = months ? (MONTH.test(rec.fields[timeColumn].trim()) ? parseTime(rec.fields[timeColumn]) : NaN) : Number(rec.fields[timeColumn]);
    if (!unit) throw new PeelError('bad_input', `${file} line ${rec.line}: empty ${unitColumn}`);
    if (!Number.isFinite(t)) throw new PeelError('bad_input', `${file} line ${rec.line}: ${timeColumn} "${rec.fields[timeColumn]}" is not ${months ? 'a month (YYYY-MM)' : 'a number'}`);
    const row: Record<string, number | null> = {};
    for (const [k, raw] of Object.entries(rec.fields)) {
      if (k === unitColumn || k === timeColumn) continue;
      const s = raw.trim();
      if (s === '' || s === 'NA') row[k] = null;
      else {
        const v = Number(s);
        // Columns that are not numeric (a name beside a number) are carried as missing, not refused,
        // unless the analysis asks for them: see `requireColumn`.
        row[k] = Number.isFinite(v) ? v : null;
      }
    }
    const byTime = values.get(unit) ?? values.set(unit, new Map()).get(unit)!;
    if (byTime.has(t)) throw new PeelError('bad_input', `${file} line ${rec.line}: ${unit} at ${timeColumn} ${t} appears twice`);
    byTime.set(t, row);
  }
  return panelOf(values, months);
}
