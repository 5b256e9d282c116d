/**
 * Ingest: loads what forces publish — data.police.uk street, outcomes and stop-and-search CSV
 * files, folders of them, or the monthly archive zip — into the store, one batch per file.
 *
 * Every file's header is read first (kind from the header, force and month from the name), so a
 * bad input fails before anything is written. Files are loaded in groups of the same kind and
 * layout, each group in one transaction; no group holds the same force-month twice, so a later
 * file for a force-month (a re-published month) replaces the earlier one. A group's files are
 * hashed while the groups before it load (hashing is a tenth of the work, and would otherwise
 * keep DuckDB waiting); a file whose bytes the store already holds is reported `unchanged`
 * without being read. The same pass scans the bytes for trouble DuckDB would mishandle (scan.ts);
 * a troubled file is loaded from a sanitized copy, its bad rows quarantined on their own lines.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PeelError, isForceId, DEFAULT_PARSE_LIMITS, type ParseLimits, type ZipLimits } from '../standard/index.ts';
import type { PeelConfig } from '../config/index.ts';
import { GroupClash, newBatchId, type BatchResult, type LineMap, type LoadFile, type Store } from '../store/index.ts';
import { discover, type Skipped } from './discover.ts';
import { inspectFile, type InspectedFile } from './inspect.ts';
import { scanFile, sanitizeFile, type ScanResult } from './scan.ts';

export { readHeaderLine, sha256File } from './inspect.ts';
export type { Skipped } from './discover.ts';

export interface IngestOptions {
  /** Force for files whose rows and name do not say (e.g. a renamed stop-and-search file). */
  readonly force?: string;
  /** Largest total size of one group's files; bounds the memory a transaction needs. */
  readonly groupBytes?: number;
  readonly onProgress?: (p: IngestProgress) => void;
  /** Limits on one row (default DEFAULT_PARSE_LIMITS); rows beyond them are quarantined. */
  readonly limits?: ParseLimits;
  /** Caps on extracting a zip (default DEFAULT_ZIP_LIMITS). */
  readonly zip?: ZipLimits;
}

export interface IngestProgress {
  readonly filesDone: number;
  readonly filesTotal: number;
  readonly rows: number;
  readonly elapsedMs: number;
  readonly current?: string;
}

export interface IngestReport {
  readonly batches: BatchResult[];
  /** Files inside named folders or zips that are not data.police.uk CSV files, left alone. */
  readonly ignored: string[];
  /** Paths that are not read at all (not regular files, symlink loops), each with the reason. */
  readonly skipped: Skipped[];
  readonly elapsed_ms: number;
}

/** The row limits and zip caps the config sets, as ingest options. */
export function limitsFrom(cfg: Pick<PeelConfig, 'maxLineBytes' | 'maxFields' | 'maxFieldBytes' | 'maxRowLines' | 'zipMaxBytes' | 'zipMaxRatio'>):
  { limits: ParseLimits; zip: ZipLimits } {
  return {
    limits: { maxLineBytes: cfg.maxLineBytes, maxFields: cfg.maxFields, maxFieldBytes: cfg.maxFieldBytes, maxRowLines: cfg.maxRowLines },
    zip: { maxBytes: cfg.zipMaxBytes, maxRatio: cfg.zipMaxRatio },
  };
}

/**
 * Files per transaction, in bytes. Larger groups spread DuckDB's per-statement and per-commit
 * costs over more rows (a national year loads 8% faster in groups of 384 MB than of 256 MB);
 * the bound keeps a load's peak memory under 2 GB with the default memory limit.
 */
export const DEFAULT_GROUP_BYTES = 384 * 1024 * 1024;

interface Plan {
  readonly files: InspectedFile[];
}

/** Splits files into groups: same kind and header layout, no force-month twice, bounded size. */
function planGroups(files: readonly InspectedFile[], groupBytes: number): Plan[] {
  const plans: Plan[] = [];
  const open = new Map<string, { files: InspectedFile[]; keys: Set<string>; bytes: number }>();
  for (const f of files) {
    const layout = `${f.kind}|${f.columns.join(',')}`;
    const key = f.monthHint && f.forceHint ? `${f.forceHint}|${f.monthHint}` : null;
    let g = open.get(layout);
    const fits = g && key !== null && !g.keys.has(key) && g.bytes + f.bytes <= groupBytes;
    if (!fits || !g) {
      if (g) plans.push({ files: g.files });
      g = { files: [], keys: new Set(), bytes: 0 };
      open.set(layout, g);
    }
    g.files.push(f);
    if (key) g.keys.add(key);
    g.bytes += f.bytes;
    // A file whose name does not say its force-month is loaded alone.
    if (key === null) {
      plans.push({ files: g.files });
      open.delete(layout);
    }
  }
  for (const g of open.values()) plans.push({ files: g.files });
  // Keep the user's order: a later file for the same force-month must be loaded later.
  const order = new Map(files.map((f, i) => [f, i]));
  return plans.sort((a, b) => order.get(a.files[0])! - order.get(b.files[0])!);
}

/**
 * When one run names several files for the same force × kind × month (a folder holding a full
 * month and a truncated excerpt of it, say), the largest is loaded last and so is the one kept;
 * files of equal size keep the order given. Across runs, the later run always wins.
 */
function largestLast(files: readonly InspectedFile[]): InspectedFile[] {
  const out = files.slice();
  const slots = new Map<string, number[]>();
  out.forEach((f, i) => {
    if (!f.forceHint || !f.monthHint) return;
    const k = `${f.kind}|${f.forceHint}|${f.monthHint}`;
    (slots.get(k) ?? slots.set(k, []).get(k)!).push(i);
  });
  for (const idx of slots.values()) {
    if (idx.length < 2) continue;
    const sorted = idx.map((i) => files[i]).sort((a, b) => a.bytes - b.bytes);
    idx.forEach((slot, j) => (out[slot] = sorted[j]));
  }
  return out;
}

function toLoadFile(f: InspectedFile, sha256: string, copy?: { path: string; lines: LineMap }): LoadFile {
  return { path: copy?.path ?? f.path, source: f.source, sha256, columns: f.columns, forceHint: f.forceHint, monthHint: f.monthHint,
    batchId: newBatchId(), ...(copy ? { lines: copy.lines } : {}) };
}

/**
 * Hashes files in the background, two at a time in the given order, from the moment it is made:
 * the hashing runs while the main thread waits on DuckDB. `of` returns a file's hash, starting it
 * at once if its turn has not come.
 */
function backgroundHashes(files: readonly InspectedFile[], limits: ParseLimits): { of(f: InspectedFile): Promise<ScanResult> } {
  const started = new Map<InspectedFile, Promise<ScanResult>>();
  let next = 0;
  let running = 0;
  const start = (f: InspectedFile): Promise<ScanResult> => {
    let p = started.get(f);
    if (p) return p;
    running++;
    p = scanFile(f.path, limits).finally(() => {
      running--;
      fill();
    });
    // A failure is reported when the file's group asks for its hash, not as an unhandled rejection.
    p.catch(() => undefined);
    started.set(f, p);
    return p;
  };
  const fill = () => {
    while (running < 2 && next < files.length) start(files[next++]);
  };
  fill();
  return { of: start };
}

/** Loads the named paths into the store; see the module comment for the guarantees. */
export async function ingest(store: Store, paths: readonly string[], opts: IngestOptions = {}): Promise<IngestReport> {
  const t0 = performance.now();
  if (!paths.length) throw new PeelError('bad_input', 'nothing to ingest: name at least one file, folder or zip');
  if (opts.force !== undefined && !isForceId(opts.force)) {
    throw new PeelError('bad_input', `unknown force "${opts.force}" for --force: use a data.police.uk slug such as avon-and-somerset`);
  }
  const limits = opts.limits ?? DEFAULT_PARSE_LIMITS;
  const found = await discover(paths, opts.zip);
  // Sanitized copies of troubled files (see scan.ts), made when a file is about to load.
  let copyDir: string | null = null;
  const copies = new Map<InspectedFile, Promise<{ path: string; lines: LineMap }>>();
  const copyOf = (f: InspectedFile, i: number) => {
    let c = copies.get(f);
    if (!c) {
      copyDir ??= mkdtempSync(join(tmpdir(), 'peel-scan-'));
      const path = join(copyDir, `${String(i).padStart(5, '0')}.csv`);
      c = sanitizeFile(f.path, path, f.columns.length, limits).then((s) => ({ path, lines: s.map }));
      copies.set(f, c);
    }
    return c;
  };
  try {
    const inspected: InspectedFile[] = [];
    const ignored = [...found.ignored];
    found.files.forEach((file) => {
      const f = inspectFile(file, opts.force ?? null);
      if (f) inspected.push(f);
      else ignored.push(file.source);
    });
    const results: BatchResult[] = [];
    let rows = 0;
    let done = 0;
    const progress = (current?: string) =>
      opts.onProgress?.({ filesDone: done, filesTotal: inspected.length, rows, elapsedMs: performance.now() - t0, current });

    const ordered = largestLast(inspected);
    const hashes = backgroundHashes(ordered, limits);
    for (const plan of planGroups(ordered, opts.groupBytes ?? DEFAULT_GROUP_BYTES)) {
      const groups = [plan.files];
      while (groups.length) {
        const files = groups.shift()!;
        const scans = await Promise.all(files.map((f) => hashes.of(f)));
        const shas = scans.map((s) => s.sha256);
        // Bytes the store already holds (loaded by an earlier run, or earlier in this one) are unchanged.
        const held = await store.findUnchanged(files[0].kind, shas);
        const pending: Array<{ f: InspectedFile; sha: string }> = [];
        const later: InspectedFile[] = [];
        const inGroup = new Set<string>();
        for (const [i, f] of files.entries()) {
          const prior = held.get(shas[i]);
          if (prior) {
            results.push(await store.recordUnchanged(toLoadFile(f, shas[i]), prior));
            done++;
            progress(f.source);
          } else if (inGroup.has(shas[i])) {
            // The same bytes twice in one group: the second copy is unchanged once the first is loaded.
            later.push(f);
          } else {
            inGroup.add(shas[i]);
            pending.push({ f, sha: shas[i] });
          }
        }
        let split = 0;
        if (pending.length) {
          const troubled = new Set(files.filter((_, i) => scans[i].trouble !== null));
          const loadFiles = await Promise.all(pending.map(async (p) =>
            toLoadFile(p.f, p.sha, troubled.has(p.f) ? await copyOf(p.f, ordered.indexOf(p.f)) : undefined)));
          try {
            const batch = await store.loadGroup(
              { kind: pending[0].f.kind, files: loadFiles },
              { onRows: (n) => { rows += n; progress(pending[pending.length - 1].f.source); } },
            );
            const bySource = new Map(batch.map((b) => [b.source, b]));
            for (const p of pending) results.push(bySource.get(p.f.source)!);
            // A loaded file's sanitized copy is not needed again: free its disk space now.
            for (const l of loadFiles) if (l.lines) rmSync(l.path, { force: true });
            done += pending.length;
            progress();
          } catch (e) {
            // Files whose names hid a shared force-month: load them one at a time, in order.
            if (!(e instanceof GroupClash) || pending.length < 2) throw e;
            groups.unshift(...pending.map((p) => [p.f]));
            split = pending.length;
          }
        }
        // Copies wait for the files they copy (after them, when those were split one by one).
        if (later.length) groups.splice(split, 0, later);
      }
    }
    const order = new Map(inspected.map((f, i) => [f.source, i]));
    results.sort((a, b) => order.get(a.source)! - order.get(b.source)!);
    return { batches: results, ignored, skipped: found.skipped, elapsed_ms: performance.now() - t0 };
  } finally {
    await Promise.allSettled(copies.values());
    if (copyDir) rmSync(copyDir, { recursive: true, force: true });
    found.cleanup();
  }
}
