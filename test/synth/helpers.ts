/** Shared helpers of the synth tests: a temporary directory and reading back a synthetic set. */
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { splitCsv } from '../helpers/csv.ts';

export { splitCsv };

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `peel-${prefix}-`));
}

/** Every file under `dir`, as paths relative to it, sorted. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d)) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

/** Rows of a CRLF CSV file (header first), each split into fields. */
export function readCsv(path: string): string[][] {
  const text = readFileSync(path, 'latin1');
  return text.split('\r\n').filter((l) => l.length).map(splitCsv);
}
