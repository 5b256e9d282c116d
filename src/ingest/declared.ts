/**
 * What a file declares: the force and month it may write. A data.police.uk name
 * (`YYYY-MM-<force>-<kind>.csv`) declares both; `--force` (or `?force=` on an upload) declares the
 * force of a file whose name does not; a file that declares neither is given, when it loads, the
 * force most of its rows name and the months it holds (src/store/duckdb/load.ts). Rows of any other force
 * or month are quarantined (`force.mismatch`, `month.mismatch`), never written.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { PeelError, parsePoliceUkFileName, resolveForce } from '../standard/index.ts';

export interface Declared {
  /** The force the file may write, or null when only its rows can tell. */
  readonly force: string | null;
  /** The month the file may write, or null (every month it holds). */
  readonly month: string | null;
}

/**
 * The declaration of the file called `name` given `force` (the user's --force or ?force=, or
 * null). A name and a force that disagree are refused: which one is meant cannot be guessed.
 * `source` names the file in the error.
 */
export function declaredOf(name: string, force: string | null, source = name): Declared {
  const parsed = parsePoliceUkFileName(name);
  const named = parsed ? resolveForce(parsed.forceSlug) ?? null : null;
  if (named && force && named !== force) {
    throw new PeelError('bad_input',
      `${source} is named as a file of "${named}", but the force given is "${force}": rename the file or give its own force`);
  }
  return { force: named ?? force, month: parsed?.month ?? null };
}

/**
 * Refuses (PeelError `forbidden`) unless every file declares a force in `allowed`: a caller who
 * holds only some forces may write only files that say, before they are read, they are of those.
 */
export function checkDeclaredForces(files: ReadonlyArray<{ readonly source: string; readonly force: string | null }>, allowed: readonly string[]): void {
  for (const f of files) {
    if (f.force === null) {
      throw new PeelError('forbidden',
        `${f.source} does not declare its force (no data.police.uk name such as 2024-06-${allowed[0] ?? 'kent'}-street.csv, and no force given); ` +
        `a caller who may write only ${allowed.join(', ') || 'no forces'} must name the force`);
    }
    if (!allowed.includes(f.force)) {
      throw new PeelError('forbidden', `${f.source} is a file of "${f.force}"; you may write only ${allowed.join(', ') || 'no forces'}`);
    }
  }
}

/** A received file or zip entry and its declaration. */
export interface DeclaredFile extends Declared {
  readonly source: string;
}

/**
 * The declarations of uploaded files, before anything is read into the store: a CSV's from its
 * name; a zip's from the names of its CSV entries, read from the zip's central directory (a few
 * kilobytes at its end; nothing is extracted). Null when a zip's directory cannot be listed (e.g.
 * ZIP64): then only a caller holding every force may send it.
 */
export function declaredUploads(files: ReadonlyArray<{ readonly name: string; readonly path: string }>, force: string | null): DeclaredFile[] | null {
  const out: DeclaredFile[] = [];
  for (const f of files) {
    if (/\.zip$/i.test(f.name)) {
      const entries = zipEntryNames(f.path);
      // A zip inside the zip cannot be listed without extracting it.
      if (!entries || entries.some((n) => /\.zip$/i.test(n))) return null;
      for (const e of entries.filter((n) => /\.csv$/i.test(n))) {
        const source = `${f.name}!${e}`;
        out.push({ source, ...declaredOf(e.split('/').pop() ?? e, force, source) });
      }
    } else out.push({ source: f.name, ...declaredOf(f.name, force, f.name) });
  }
  return out;
}

/** Names of a zip's entries from its central directory, or null if it cannot be found or uses ZIP64. */
function zipEntryNames(path: string): string[] | null {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const tail = Buffer.alloc(Math.min(size, 65_557));
    readSync(fd, tail, 0, tail.length, size - tail.length);
    let eocd = -1;
    for (let i = tail.length - 22; i >= 0; i--) if (tail.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
    if (eocd < 0) return null;
    const count = tail.readUInt16LE(eocd + 10);
    const cdSize = tail.readUInt32LE(eocd + 12);
    const cdOffset = tail.readUInt32LE(eocd + 16);
    if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff || cdOffset + cdSize > size) return null;
    const cd = Buffer.alloc(cdSize);
    readSync(fd, cd, 0, cdSize, cdOffset);
    const names: string[] = [];
    for (let p = 0, n = 0; n < count; n++) {
      if (p + 46 > cd.length || cd.readUInt32LE(p) !== 0x02014b50) return null;
      const nameLen = cd.readUInt16LE(p + 28);
      const extraLen = cd.readUInt16LE(p + 30);
      const commentLen = cd.readUInt16LE(p + 32);
      names.push(cd.subarray(p + 46, p + 46 + nameLen).toString('utf8'));
      p += 46 + nameLen + extraLen + commentLen;
    }
    return names;
  } finally {
    closeSync(fd);
  }
}
