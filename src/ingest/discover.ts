/**
 * Expands what the user named — files, folders (recursively) and data.police.uk monthly archive
 * zips — into the CSV files to load. Zip entries are extracted to a temporary folder so DuckDB can
 * read them; their `source` is `zipfile!inner/path`.
 *
 * Only regular files are read: a FIFO, socket or device inside a folder is listed as skipped (a
 * FIFO would block the load forever), as are a symlink loop and a broken symlink, each in one
 * short line. A zip is extracted under caps on its total size and its compression ratio
 * (ZipLimits), so a zip bomb is refused before it fills the disk; a zip inside a zip is not opened
 * (listed as skipped). Temporary folders are removed whatever happens.
 */
import { createReadStream, createWriteStream, mkdtempSync, readdirSync, rmSync, statSync, type Stats, type WriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Unzip, UnzipInflate, UnzipPassThrough } from 'fflate';
import { PeelError, DEFAULT_ZIP_LIMITS, type ZipLimits } from '../standard/index.ts';

export interface InputFile {
  /** The file DuckDB reads. */
  readonly path: string;
  /** The name reported back to the user. */
  readonly source: string;
  readonly bytes: number;
  /** Named by the user (not found inside a folder or zip): an unreadable one is an error, not skipped. */
  readonly named: boolean;
}

/** A path found in a folder or zip and not read, with why (one short phrase). */
export interface Skipped {
  readonly source: string;
  readonly reason: string;
}

export interface Discovered {
  readonly files: InputFile[];
  /** Files inside named folders that are not CSV or zip, left alone. */
  readonly ignored: string[];
  /** Paths not read at all: not regular files, symlink loops, broken symlinks, zips inside zips. */
  readonly skipped: Skipped[];
  /** Removes temporary extractions. */
  cleanup(): void;
}

function kindOf(st: Stats): string {
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

export async function discover(paths: readonly string[], zipLimits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<Discovered> {
  const files: InputFile[] = [];
  const ignored: string[] = [];
  const skipped: Skipped[] = [];
  const temps: string[] = [];
  const cleanup = () => {
    for (const d of temps) rmSync(d, { recursive: true, force: true });
  };
  // `within`: the folders (device:inode) the path lies in, to name a symlink back to one of them.
  const visit = async (p: string, named: boolean, within: ReadonlySet<string>): Promise<void> => {
    let st: Stats;
    try {
      st = statSync(p);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const why = code === 'ELOOP' ? 'a symlink loop' : code === 'ENOENT' ? (named ? 'no such file or folder' : 'a broken symlink') : `not readable (${code})`;
      if (named) throw new PeelError('unreadable_input', `cannot read ${p}: ${why}`);
      skipped.push({ source: p, reason: why });
      return;
    }
    if (st.isDirectory()) {
      const id = `${st.dev}:${st.ino}`;
      if (within.has(id)) {
        skipped.push({ source: p, reason: 'a symlink loop (a link to a folder it is in)' });
        return;
      }
      const inside = new Set(within).add(id);
      let entries: string[];
      try {
        entries = readdirSync(p).sort();
      } catch (e) {
        const why = `a folder that cannot be listed (${(e as NodeJS.ErrnoException).code})`;
        if (named) throw new PeelError('unreadable_input', `cannot read ${p}: ${why}`);
        skipped.push({ source: p, reason: why });
        return;
      }
      for (const e of entries) await visit(join(p, e), false, inside);
      return;
    }
    if (!st.isFile()) {
      if (named) throw new PeelError('unreadable_input', `cannot load ${p}: ${kindOf(st)}, not a regular file`);
      skipped.push({ source: p, reason: `${kindOf(st)}, not a regular file` });
      return;
    }
    const lower = p.toLowerCase();
    if (lower.endsWith('.csv')) files.push({ path: p, source: p, bytes: st.size, named });
    else if (lower.endsWith('.zip')) {
      const dir = mkdtempSync(join(tmpdir(), 'peel-zip-'));
      temps.push(dir);
      files.push(...(await extractZip(p, dir, zipLimits, ignored, skipped)));
    } else if (named) {
      throw new PeelError('unreadable_input', `cannot load ${p}: expected a data.police.uk .csv file, a folder of them, or the monthly archive .zip`);
    } else ignored.push(p);
  };
  try {
    for (const p of paths) await visit(p, true, new Set());
  } catch (e) {
    cleanup();
    throw e;
  }
  return { files, ignored, skipped, cleanup };
}

/**
 * Streams the CSV entries of a zip to `dir`, keeping memory bounded whatever the archive's size,
 * and refusing it once it would write more than the caps allow. Other entries are listed as
 * ignored; a zip inside it as skipped.
 */
async function extractZip(zipPath: string, dir: string, limits: ZipLimits, ignored: string[], skipped: Skipped[]): Promise<InputFile[]> {
  const out: InputFile[] = [];
  const pending: Promise<void>[] = [];
  const streams: WriteStream[] = [];
  let n = 0;
  let read = 0;
  let written = 0;
  let failed: PeelError | null = null;
  const unfinished = new Set<string>();
  const rs = createReadStream(zipPath);
  // The first failure (a cap, a bad entry, a write error) stops the read and fails the extraction.
  let fail: (e: PeelError) => void = () => undefined;
  const failure = new Promise<never>((_, reject) => {
    fail = (e) => {
      if (failed) return;
      failed = e;
      rs.destroy();
      reject(e);
    };
  });
  failure.catch(() => undefined);
  const gb = (b: number) => `${(b / 1024 ** 3).toFixed(b < 1024 ** 3 ? 2 : 1)} GiB`;
  const unzip = new Unzip((entry) => {
    const lower = entry.name.toLowerCase();
    if (lower.endsWith('/')) return;
    if (lower.endsWith('.zip')) {
      skipped.push({ source: `${zipPath}!${entry.name}`, reason: 'a zip inside a zip (not opened: extract it and load the inner zip)' });
      return;
    }
    if (!lower.endsWith('.csv')) {
      ignored.push(`${zipPath}!${entry.name}`);
      return;
    }
    const target = join(dir, `${String(n++).padStart(5, '0')}-${basename(entry.name)}`);
    const ws = createWriteStream(target);
    ws.on('error', (e) => fail(new PeelError('unreadable_input', `cannot extract ${zipPath}!${entry.name}: ${e.message}`)));
    streams.push(ws);
    let bytes = 0;
    unfinished.add(entry.name);
    pending.push(
      new Promise<void>((resolve) => {
        entry.ondata = (err, chunk, final) => {
          if (failed) return;
          if (err) return fail(new PeelError('unreadable_input', `cannot read ${zipPath}!${entry.name}: ${err.message}`));
          bytes += chunk.length;
          written += chunk.length;
          // The ratio is taken against the bytes of the zip read so far (at least 64 KiB), so a bomb
          // is stopped early, whatever its entries' headers claim.
          if (written > limits.maxBytes) {
            return fail(new PeelError('unreadable_input', `${zipPath}: refused, extracting it would write more than ${gb(limits.maxBytes)} (the zip size cap, PEEL_ZIP_MAX_BYTES)`));
          }
          if (written > limits.maxRatio * Math.max(read, 64 << 10)) {
            return fail(new PeelError('unreadable_input', `${zipPath}: refused as a likely zip bomb, it expands more than ${limits.maxRatio} times (the compression ratio cap, PEEL_ZIP_MAX_RATIO)`));
          }
          ws.write(chunk);
          if (final) unfinished.delete(entry.name);
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
  try {
    const readAll = new Promise<void>((resolve) => {
      rs.on('data', (c) => {
        read += c.length;
        try {
          unzip.push(c as Uint8Array);
        } catch (e) {
          fail(new PeelError('unreadable_input', `cannot read ${zipPath}: not a valid zip archive (${(e as Error).message})`));
        }
      });
      rs.on('end', () => {
        try {
          unzip.push(new Uint8Array(0), true);
          resolve();
        } catch (e) {
          fail(new PeelError('unreadable_input', `cannot read ${zipPath}: not a valid zip archive (${(e as Error).message})`));
        }
      });
      rs.on('error', (e) => fail(new PeelError('unreadable_input', `cannot read ${zipPath}: ${e.message}`)));
    });
    await Promise.race([readAll, failure]);
    // An entry cut short (a truncated archive) would otherwise be waited for forever.
    if (unfinished.size) fail(new PeelError('unreadable_input', `cannot read ${zipPath}: not a valid zip archive (${[...unfinished][0]} is cut short)`));
    await Promise.race([Promise.all(pending), failure]);
  } catch (e) {
    for (const ws of streams) ws.destroy();
    throw e;
  }
  if (!out.length) {
    const inner = skipped.some((k) => k.source.startsWith(`${zipPath}!`));
    throw new PeelError('unreadable_input', `${zipPath} holds no .csv files${inner ? ', only a zip inside it (not opened: extract it and load the inner zip)' : ''} (expected the data.police.uk monthly archive)`);
  }
  return out.sort((a, b) => a.source.localeCompare(b.source));
}
