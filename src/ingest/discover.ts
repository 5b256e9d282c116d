/**
 * Expands what the user named — files, folders (recursively) and data.police.uk monthly archive
 * zips — into the CSV files to load. Zip entries are extracted to a temporary folder so DuckDB can
 * read them; their `source` is `zipfile!inner/path`.
 */
import { createReadStream, createWriteStream, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Unzip, UnzipInflate, UnzipPassThrough } from 'fflate';
import { PeelError } from '../standard/index.ts';

export interface InputFile {
  /** The file DuckDB reads. */
  readonly path: string;
  /** The name reported back to the user. */
  readonly source: string;
  readonly bytes: number;
  /** Named by the user (not found inside a folder or zip): an unreadable one is an error, not skipped. */
  readonly named: boolean;
}

export interface Discovered {
  readonly files: InputFile[];
  /** Files inside named folders that are not CSV or zip, left alone. */
  readonly ignored: string[];
  /** Removes temporary extractions. */
  cleanup(): void;
}

export async function discover(paths: readonly string[]): Promise<Discovered> {
  const files: InputFile[] = [];
  const ignored: string[] = [];
  const temps: string[] = [];
  const visit = async (p: string, named: boolean): Promise<void> => {
    if (!existsSync(p)) throw new PeelError('unreadable_input', `cannot read ${p}: no such file or folder`);
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const e of readdirSync(p).sort()) await visit(join(p, e), false);
      return;
    }
    const lower = p.toLowerCase();
    if (lower.endsWith('.csv')) files.push({ path: p, source: p, bytes: st.size, named });
    else if (lower.endsWith('.zip')) {
      const dir = mkdtempSync(join(tmpdir(), 'peel-zip-'));
      temps.push(dir);
      files.push(...(await extractZip(p, dir)));
    } else if (named) {
      throw new PeelError('unreadable_input', `cannot load ${p}: expected a data.police.uk .csv file, a folder of them, or the monthly archive .zip`);
    } else ignored.push(p);
  };
  for (const p of paths) await visit(p, true);
  return {
    files,
    ignored,
    cleanup: () => {
      for (const d of temps) rmSync(d, { recursive: true, force: true });
    },
  };
}

/** Streams the CSV entries of a zip to `dir`, keeping memory bounded whatever the archive's size. */
async function extractZip(zipPath: string, dir: string): Promise<InputFile[]> {
  const out: InputFile[] = [];
  const pending: Promise<void>[] = [];
  let n = 0;
  const unzip = new Unzip((entry) => {
    if (!entry.name.toLowerCase().endsWith('.csv')) return;
    const target = join(dir, `${String(n++).padStart(5, '0')}-${basename(entry.name)}`);
    const ws = createWriteStream(target);
    let bytes = 0;
    pending.push(
      new Promise<void>((resolve, reject) => {
        entry.ondata = (err, chunk, final) => {
          if (err) return reject(new PeelError('unreadable_input', `cannot read ${zipPath}!${entry.name}: ${err.message}`));
          bytes += chunk.length;
          ws.write(chunk);
          if (final) ws.end(() => {
            out.push({ path: target, source: `${zipPath}!${entry.name}`, bytes, named: false });
            resolve();
          });
        };
        entry.start();
      }),
    );
  });
  unzip.register(UnzipInflate);
  unzip.register(UnzipPassThrough);
  await new Promise<void>((resolve, reject) => {
    const rs = createReadStream(zipPath);
    rs.on('data', (c) => {
      try {
        unzip.push(c as Uint8Array);
      } catch (e) {
        reject(new PeelError('unreadable_input', `cannot read ${zipPath}: not a valid zip archive (${(e as Error).message})`));
      }
    });
    rs.on('end', () => {
      try {
        unzip.push(new Uint8Array(0), true);
        resolve();
      } catch (e) {
        reject(new PeelError('unreadable_input', `cannot read ${zipPath}: not a valid zip archive (${(e as Error).message})`));
      }
    });
    rs.on('error', (e) => reject(new PeelError('unreadable_input', `cannot read ${zipPath}: ${e.message}`)));
  });
  await Promise.all(pending);
  if (!out.length) throw new PeelError('unreadable_input', `${zipPath} holds no .csv files (expected the data.police.uk monthly archive)`);
  return out.sort((a, b) => a.source.localeCompare(b.source));
}
