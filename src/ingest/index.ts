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
import { basename, join } from 'node:path';
import { PeelError, isForceId, DEFAULT_PARSE_LIMITS, type ParseLimits, type ZipLimits } from '../standard/index.ts';
import type { PeelConfig } from '../config/index.ts';
import { GroupClash, newBatchId, type BatchResult, type LineMap, type LoadFile, type Store } from '../store/index.ts';
import { discover, type Skipped } from './discover.ts';
import { inspectFile, sha256File, type InspectedFile } from './inspect.ts';
import { scanFile, sanitizeFile, type ScanResult } from './scan.ts';
import { declaredOf, checkDeclaredForces } from './declared.ts';
import { DEFAULT_CONFIG } from '../config/index.ts';

export { readHeaderLine, sha256File } from './inspect.ts';
export type { Skipped } from './discover.ts';
export { declaredOf, declaredUploads, checkDeclaredForces, type Declared, type DeclaredFile } from './declared.ts';

export interface IngestOptions {
  /**
   * Force of files whose name does not say (e.g. a renamed stop-and-search file). A file whose
   * data.police.uk name gives another force is refused: the name and --force must agree.
   */
  readonly force?: string;
  /**
   * Forces the caller may write (a token or user scoped to forces). Every file must declare one
   * of them (by its name or `force`) or nothing is loaded. Default `all` (the store's owner).
   */
  readonly allowedForces?: 'all' | readonly string[];
  /** The shrink guard's ratio (default 0.5, from config `shrinkRatio`); 0 turns it off. */
  readonly shrinkRatio?: number;
  /** Replace held force-months even with far fewer rows (`--allow-shrink`, `?allow_shrink=true`). */
  readonly allowShrink?: boolean;
  /**
   * Runs inside each group's transaction with the batches it commits (not `unchanged` ones): the
   * CLI and API write the audit events here, so a load and its audit commit together.
   */
  readonly audit?: (batches: readonly BatchResult[]) => Promise<void>;
  /** Called as each group commits (and for each unchanged or superseded file), in commit order. */
  readonly onCommitted?: (batches: readonly BatchResult[]) => void;
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
 * The two-versions rule. When one run names several files for the same force × kind × month (a
 * folder holding a full month and a truncated excerpt of it, or two downloads of one month), one
 * is chosen before anything loads: the largest, and of equal sizes the first by source name. The
 * others are reported `superseded` and not read, so the run does not replace a month twice and
 * the next run of the same files changes nothing.
 */
function chooseVersions(files: readonly InspectedFile[]): { chosen: InspectedFile[]; superseded: Map<InspectedFile, InspectedFile> } {
  const best = new Map<string, InspectedFile>();
  const keyOf = (f: InspectedFile) => (f.forceHint && f.monthHint ? `${f.kind}|${f.forceHint}|${f.monthHint}` : null);
  for (const f of files) {
    const k = keyOf(f);
    if (k === null) continue;
    const b = best.get(k);
    if (!b || f.bytes > b.bytes || (f.bytes === b.bytes && f.source < b.source)) best.set(k, f);
  }
  const superseded = new Map<InspectedFile, InspectedFile>();
  const chosen: InspectedFile[] = [];
  for (const f of files) {
    const k = keyOf(f);
    const b = k === null ? f : best.get(k)!;
    if (b === f) chosen.push(f);
    else superseded.set(f, b);
  }
  return { chosen, superseded };
}

function supersededResult(f: InspectedFile, by: InspectedFile): BatchResult {
  return {
    batch_id: newBatchId(), source: f.source, kind: f.kind, force_id: f.forceHint ?? 'unknown', months: f.monthHint ? [f.monthHint] : [],
    rows_read: 0, rows_loaded: 0, rows_quarantined: 0, rows_before: 0, status: 'superseded', ms_total: 0,
    detail: `not read: ${by.source} holds the same force × kind × month and was chosen (${by.bytes === f.bytes ? 'same size, first by name' : 'larger'})`,
  };
}

/**
 * The declared force of each file (its data.police.uk name, else `force`), refusing a name and a
 * `force` that disagree, and, for a caller scoped to forces, any file that does not declare one
 * of theirs. Runs before anything is read or written.
 */
function declare(files: readonly InspectedFile[], opts: IngestOptions): InspectedFile[] {
  const out = files.map((f) => {
    const d = declaredOf(basename(f.source), opts.force ?? null, f.source);
    return { ...f, forceHint: d.force, monthHint: d.month };
  });
  const allowed = opts.allowedForces ?? 'all';
  if (allowed !== 'all') checkDeclaredForces(out.map((f) => ({ source: f.source, force: f.forceHint })), allowed);
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
    const found0: InspectedFile[] = [];
    const ignored = [...found.ignored];
    found.files.forEach((file) => {
      const f = inspectFile(file, opts.force ?? null);
      if (f) found0.push(f);
      else ignored.push(file.source);
    });
    // Authorisation and declarations first: a refused caller or a contradictory name writes nothing.
    const inspected = declare(found0, opts);
    const results: BatchResult[] = [];
    let rows = 0;
    let done = 0;
    const progress = (current?: string) =>
      opts.onProgress?.({ filesDone: done, filesTotal: inspected.length, rows, elapsedMs: performance.now() - t0, current });
    const committed = (bs: readonly BatchResult[]) => {
      results.push(...bs);
      if (bs.length) opts.onCommitted?.(bs);
    };

    const { chosen, superseded } = chooseVersions(inspected);
    // Superseded files are recorded with the sha256 of their bytes (they are not otherwise read).
    const passedOver = await Promise.all([...superseded].map(async ([f, by]) => ({ batch: supersededResult(f, by), sha256: await sha256File(f.path) })));
    if (passedOver.length) await store.recordNotLoaded(passedOver);
    committed(passedOver.map((p) => p.batch));
    done += superseded.size;
    const hooks = {
      shrinkRatio: opts.shrinkRatio ?? DEFAULT_CONFIG.shrinkRatio,
      allowShrink: opts.allowShrink ?? false,
      beforeCommit: opts.audit,
    };
    const hashes = backgroundHashes(chosen, limits);
    try {
      for (const plan of planGroups(chosen, opts.groupBytes ?? DEFAULT_GROUP_BYTES)) {
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
              committed([await store.recordUnchanged(toLoadFile(f, shas[i]), prior)]);
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
              toLoadFile(p.f, p.sha, troubled.has(p.f) ? await copyOf(p.f, chosen.indexOf(p.f)) : undefined)));
            try {
              const batch = await store.loadGroup(
                { kind: pending[0].f.kind, files: loadFiles },
                { ...hooks, onRows: (n) => { rows += n; progress(pending[pending.length - 1].f.source); } },
              );
              const bySource = new Map(batch.map((b) => [b.source, b]));
              committed(pending.map((p) => bySource.get(p.f.source)!));
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
    } catch (e) {
      throw withProgressSoFar(e, results, inspected);
    }
    const order = new Map(inspected.map((f, i) => [f.source, i]));
    results.sort((a, b) => order.get(a.source)! - order.get(b.source)!);
    const refused = results.filter((b) => b.status === 'refused');
    if (refused.length) {
      throw new PeelError('shrink_refused',
        `refused to replace ${refused.length === 1 ? 'a held force-month' : `held force-months of ${refused.length} files`} with far fewer rows: ` +
        `${refused.map((b) => `${b.source}: ${b.detail ?? ''}`).join('; ')}. Nothing of ${refused.length === 1 ? 'that file' : 'those files'} was written` +
        `${results.length > refused.length ? '; the other files were' : ''}. If the smaller data is right, load again allowing the shrink ` +
        `(peel ingest --allow-shrink, or allow_shrink=true on an upload)`,
        { batches: results });
    }
    return { batches: results, ignored, skipped: found.skipped, elapsed_ms: performance.now() - t0 };
  } finally {
    await Promise.allSettled(copies.values());
    if (copyDir) rmSync(copyDir, { recursive: true, force: true });
    found.cleanup();
  }
}

/**
 * An error part-way through a run, saying what was committed before it (each committed group was
 * already reported through `onCommitted`) and which files were not loaded.
 */
function withProgressSoFar(e: unknown, results: readonly BatchResult[], files: readonly InspectedFile[]): unknown {
  if (!results.length) return e;
  const doneSources = new Set(results.map((b) => b.source));
  const notLoaded = files.filter((f) => !doneSources.has(f.source)).map((f) => f.source);
  const suffix = ` (before this error ${results.length} file${results.length === 1 ? ' was' : 's were'} committed and reported; ` +
    `${notLoaded.length} not loaded${notLoaded.length ? `: ${notLoaded.slice(0, 5).join(', ')}${notLoaded.length > 5 ? ', ...' : ''}` : ''})`;
  if (e instanceof PeelError) return new PeelError(e.code, e.message + suffix, { ...e.details, batches: results });
  if (e instanceof Error) e.message += suffix;
  return e;
}
