/**
 * Ingest: loads what forces publish — data.police.uk street, outcomes and stop-and-search CSV
 * files, folders of them, or the monthly archive zip — into the store, one batch per file.
 *
 * Files are inspected first (kind from the header, sha256, force and month from the name), so a
 * bad input fails before anything is written. Files whose bytes the store already holds are
 * reported `unchanged` without being read. The rest are loaded in groups of the same kind and
 * layout, each group in one transaction; no group holds the same force-month twice, so a later
 * file for a force-month (a re-published month) replaces the earlier one.
 */
import { PeelError, isForceId } from '../standard/index.ts';
import { GroupClash, newBatchId, type BatchResult, type LoadFile, type Store } from '../store/index.ts';
import { discover } from './discover.ts';
import { inspectFile, type InspectedFile } from './inspect.ts';

export { readHeaderLine, sha256File } from './inspect.ts';

export interface IngestOptions {
  /** Force for files whose rows and name do not say (e.g. a renamed stop-and-search file). */
  readonly force?: string;
  /** Largest total size of one group's files; bounds the memory a transaction needs. */
  readonly groupBytes?: number;
  readonly onProgress?: (p: IngestProgress) => void;
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
  readonly elapsed_ms: number;
}

interface Plan {
  readonly files: InspectedFile[];
}

/** Splits files into groups: same kind and header layout, no force-month twice, bounded size. */
function planGroups(files: readonly InspectedFile[], groupBytes: number): Plan[] {
  const plans: Plan[] = [];
  const open = new Map<string, { files: InspectedFile[]; keys: Set<string>; shas: Set<string>; bytes: number }>();
  for (const f of files) {
    const layout = `${f.kind}|${f.columns.join(',')}`;
    const key = f.monthHint && f.forceHint ? `${f.forceHint}|${f.monthHint}` : null;
    let g = open.get(layout);
    const fits = g && key !== null && !g.keys.has(key) && !g.shas.has(f.sha256) && g.bytes + f.bytes <= groupBytes;
    if (!fits || !g) {
      if (g) plans.push({ files: g.files });
      g = { files: [], keys: new Set(), shas: new Set(), bytes: 0 };
      open.set(layout, g);
    }
    g.files.push(f);
    if (key) g.keys.add(key);
    g.shas.add(f.sha256);
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

function toLoadFile(f: InspectedFile): LoadFile {
  return { path: f.path, source: f.source, sha256: f.sha256, columns: f.columns, forceHint: f.forceHint, monthHint: f.monthHint, batchId: newBatchId() };
}

/** Loads the named paths into the store; see the module comment for the guarantees. */
export async function ingest(store: Store, paths: readonly string[], opts: IngestOptions = {}): Promise<IngestReport> {
  const t0 = performance.now();
  if (!paths.length) throw new PeelError('bad_input', 'nothing to ingest: name at least one file, folder or zip');
  if (opts.force !== undefined && !isForceId(opts.force)) {
    throw new PeelError('bad_input', `unknown force "${opts.force}" for --force: use a data.police.uk slug such as avon-and-somerset`);
  }
  const found = await discover(paths);
  try {
    const inspected: InspectedFile[] = [];
    const ignored = [...found.ignored];
    // Headers and hashes are read a few files at a time (I/O overlaps hashing); order is kept.
    const looked = new Array<InspectedFile | null>(found.files.length);
    let next = 0;
    const worker = async () => {
      while (next < found.files.length) {
        const i = next++;
        looked[i] = await inspectFile(found.files[i], opts.force ?? null);
      }
    };
    await Promise.all(Array.from({ length: 4 }, worker));
    looked.forEach((i, k) => (i ? inspected.push(i) : ignored.push(found.files[k].source)));
    const results: BatchResult[] = [];
    let rows = 0;
    let done = 0;
    const progress = (current?: string) =>
      opts.onProgress?.({ filesDone: done, filesTotal: inspected.length, rows, elapsedMs: performance.now() - t0, current });

    // Unchanged files are found up front (one query per kind), and the rest keep the user's order.
    const held = new Map<string, BatchResult>();
    for (const kind of new Set(inspected.map((f) => f.kind))) {
      for (const [sha, b] of await store.findUnchanged(kind, inspected.filter((f) => f.kind === kind).map((f) => f.sha256))) held.set(`${kind}|${sha}`, b);
    }
    const toLoad: InspectedFile[] = [];
    const seen = new Set<string>();
    for (const f of inspected) {
      const prior = held.get(`${f.kind}|${f.sha256}`);
      if (prior) {
        results.push(await store.recordUnchanged(toLoadFile(f), prior));
        done++;
        progress(f.source);
      } else if (seen.has(`${f.kind}|${f.sha256}`)) {
        // The same bytes twice in one run: the second copy is unchanged once the first is loaded.
        toLoad.push(f);
      } else {
        seen.add(`${f.kind}|${f.sha256}`);
        toLoad.push(f);
      }
    }
    const loadedHere = new Set<string>();
    for (const plan of planGroups(largestLast(toLoad), opts.groupBytes ?? 256 * 1024 * 1024)) {
      const groups = [plan.files];
      while (groups.length) {
        const files = groups.shift()!;
        const pending: InspectedFile[] = [];
        for (const f of files) {
          if (loadedHere.has(`${f.kind}|${f.sha256}`)) {
            const prior = (await store.findUnchanged(f.kind, [f.sha256])).get(f.sha256);
            if (prior) {
              results.push(await store.recordUnchanged(toLoadFile(f), prior));
              done++;
              continue;
            }
          }
          pending.push(f);
        }
        if (!pending.length) continue;
        try {
          const batch = await store.loadGroup(
            { kind: pending[0].kind, files: pending.map(toLoadFile) },
            { onRows: (n) => { rows += n; progress(pending[pending.length - 1].source); } },
          );
          const bySource = new Map(batch.map((b) => [b.source, b]));
          for (const f of pending) {
            results.push(bySource.get(f.source)!);
            loadedHere.add(`${f.kind}|${f.sha256}`);
          }
          done += pending.length;
          progress();
        } catch (e) {
          // Files whose names hid a shared force-month: load them one at a time, in order.
          if (e instanceof GroupClash && pending.length > 1) groups.unshift(...pending.map((f) => [f]));
          else throw e;
        }
      }
    }
    const order = new Map(inspected.map((f, i) => [f.source, i]));
    results.sort((a, b) => order.get(a.source)! - order.get(b.source)!);
    return { batches: results, ignored, elapsed_ms: performance.now() - t0 };
  } finally {
    found.cleanup();
  }
}
