/**
 * Reads what ingest needs to know about a file before loading it: its header (to detect the kind,
 * not trusting the file name), its sha256 (to spot a reload of the same bytes), and the force and
 * month its data.police.uk file name gives.
 */
import { createHash } from 'node:crypto';
import { createReadStream, openSync, readSync, closeSync } from 'node:fs';
import { basename } from 'node:path';
import {
  PeelError, detectKind, parsePoliceUkFileName, resolveForce, DATASET_COLUMNS, type DatasetKind,
} from '../standard/index.ts';
import type { InputFile } from './discover.ts';

export interface InspectedFile extends InputFile {
  readonly kind: DatasetKind;
  readonly columns: readonly string[];
  readonly sha256: string;
  readonly forceHint: string | null;
  readonly monthHint: string | null;
}

/** The first line of a file, whatever its line endings (LF, CRLF or CR only), without a BOM. */
export function readHeaderLine(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(64 * 1024);
    const n = readSync(fd, buf, 0, buf.length, 0);
    const text = buf.subarray(0, n).toString('utf8').replace(/^\uFEFF/, '');
    const end = text.search(/\r|\n/);
    return end < 0 ? text : text.slice(0, end);
  } finally {
    closeSync(fd);
  }
}

export async function sha256File(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) h.update(chunk as Buffer);
  return h.digest('hex');
}

/**
 * Reads a file's header, hash and name. A CSV that is not a data.police.uk file is an error when
 * the user named it, and `null` (left alone, reported as ignored) when it was found in a folder.
 */
export async function inspectFile(file: InputFile, forceOverride: string | null): Promise<InspectedFile | null> {
  const header = readHeaderLine(file.path);
  const match = detectKind(header);
  if (match.kind === null) {
    if (!file.named) return null;
    throw new PeelError('unreadable_input',
      `${file.source}: not a data.police.uk file — expected a street, outcomes or stop-and-search header such as ` +
      `"${DATASET_COLUMNS.street.slice(0, 4).join(',')},...", found "${header.slice(0, 120)}"`);
  }
  const named = parsePoliceUkFileName(basename(file.source));
  const forceHint = forceOverride ?? (named ? resolveForce(named.forceSlug) ?? null : null);
  return {
    ...file,
    kind: match.kind,
    columns: match.columns,
    sha256: await sha256File(file.path),
    forceHint,
    monthHint: named?.month ?? null,
  };
}
