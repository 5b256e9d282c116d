/**
 * Narrative ingest into the store: each file (NDJSON, or CSV through a column mapping) is parsed
 * record by record (`parseNarrativeLine` / `parseNarrativeCsv`), its entities are found
 * (`extractEntities`, lexicon included) and the file lands in one transaction
 * (`store.records.loadNarratives`): a record id already held is replaced, never duplicated; a
 * record that fails the standard is quarantined with its file, line, raw text and reasons. For
 * every file, read = loaded + quarantined. Afterwards the search index beside the store is
 * rebuilt from the store, so search sees exactly what the store holds, and the method (MO) features
 * of the new or replaced records are read (src/methods).
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { basename, join } from 'node:path';
import { loadConfig } from '../config/index.ts';
import { PeelError, isForceId, resolveForce, type NarrativeRecord } from '../standard/index.ts';
import type { NarrativeBatchRow, NarrativeStaging, Store } from '../store/index.ts';
import { extractEntities } from './extract.ts';
import { parseNarrativeCsv, parseNarrativeLine, type NarrativeColumnMapping, type ParsedNarrative } from './ingest.ts';
import { createIndexBuilder, writeIndexFile } from './search/engine.ts';
import { fillMethods } from '../methods/index.ts';

/**
 * The search index file of a store: `<store>.records-index`, beside it. A server store (a
 * `postgres://` URL) has no folder: its index is a local file named by the server and database,
 * in `indexDir` (default: the configuration's, `PEEL_INDEX_DIR` or `~/.peel`), rebuilt from the store by
 * each `peel records ingest`.
 */
export function searchIndexPath(storePath: string, indexDir?: string): string {
  const url = /^postgres(?:ql)?:\/\/(?:[^@/]*@)?([^/?]*)\/?([^?]*)/.exec(storePath);
  if (!url) return `${storePath}.records-index`;
  const name = `${url[1] || 'localhost'}_${url[2] || 'postgres'}`.replace(/[^A-Za-z0-9._-]/g, '_');
  return join(indexDir ?? loadConfig().indexDir, `${name}.records-index`);
}

export interface LoadNarrativesOptions {
  /** For CSV files: standard field → CSV column (required for .csv). */
  readonly mapping?: NarrativeColumnMapping;
  /** For CSV files: values of fields no column holds (e.g. `force_id`, `kind`). */
  readonly defaults?: Partial<Record<keyof NarrativeRecord, string>>;
  /** Search index to rebuild after loading (default: beside the store); null to leave it alone. */
  readonly indexPath?: string | null;
  readonly onFile?: (result: NarrativeFileResult) => void;
  /** Read the method (MO) features of the loaded records afterwards (src/methods). Default true. */
  readonly methods?: boolean;
}

export interface NarrativeFileResult extends NarrativeBatchRow {
  readonly path: string;
  /** The first quarantined lines, for showing (all of them are in the store). */
  readonly firstQuarantined: ReadonlyArray<{ line: number; value: string; reasons: string }>;
}

export interface LoadNarrativesResult {
  readonly files: readonly NarrativeFileResult[];
  /** Records in the store after loading, and the index rebuilt from them (null when not rebuilt). */
  readonly records: number;
  readonly index: { path: string; records: number; terms: number; seconds: number } | null;
  /** Records whose method features were read after loading (null when not asked). */
  readonly methods: { records: number; seconds: number } | null;
}

const sha256File = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

function stageParsed(stage: NarrativeStaging, p: ParsedNarrative, shown: NarrativeFileResult['firstQuarantined'][number][]): void {
  if (p.kind === 'loaded') {
    const r = p.record;
    const mentions = extractEntities(r.narrative, { lexicon: true }).map((e) => ({
      type: e.type, value: e.value, start: e.start, end: e.end, text: e.text, confidence: e.confidence,
    }));
    stage.addRecord({
      force_id: r.force_id, record_id: r.record_id, kind: r.kind, occurred_at: r.occurred_at, category: r.category,
      location_text: r.location_text, lon: r.lon ?? null, lat: r.lat ?? null, lsoa_code: r.lsoa_code ?? null,
      classification: r.classification ?? 'OFFICIAL', narrative: r.narrative,
    }, mentions);
    return;
  }
  // The force of a bad record, when it can be read, keeps it visible to that force's analysts.
  let force = 'unknown';
  try {
    const f = (JSON.parse(p.raw) as { force_id?: unknown })?.force_id;
    if (typeof f === 'string') force = isForceId(f) ? f : (resolveForce(f) ?? 'unknown');
  } catch { /* not JSON (or a CSV row): the force stays unknown */ }
  const detail = p.reasons.map((r) => r.detail).join('; ');
  if (shown.length < 20) shown.push({ line: p.line, value: p.raw.length > 120 ? `${p.raw.slice(0, 117)}...` : p.raw, reasons: detail });
  stage.addQuarantine({ force_id: force, line: p.line, raw: p.raw, reasons: p.reasons.map((r) => r.code), detail });
}

/** Loads one narrative file into the store in one transaction. */
export async function loadNarrativeFile(store: Store, path: string, opts: Omit<LoadNarrativesOptions, 'indexPath' | 'onFile'> = {}): Promise<NarrativeFileResult> {
  if (!existsSync(path) || !statSync(path).isFile()) throw new PeelError('unreadable_input', `cannot read ${path}: no such file`);
  const csv = /\.csv$/i.test(path);
  if (csv && !opts.mapping) {
    throw new PeelError('bad_input', `${basename(path)} is CSV: say which column holds each field, e.g. --map narrative="Modus Operandi (MO)" --map occurred_at="Date1 of Occurrence"`);
  }
  const shown: NarrativeFileResult['firstQuarantined'][number][] = [];
  const batchId = `n${Date.now().toString(36)}${randomBytes(4).toString('hex')}`;
  const row = await store.records.loadNarratives({ batchId, source: basename(path), sha256: sha256File(path), startedAt: new Date() }, async (stage) => {
    if (csv) {
      let parsed: ParsedNarrative[];
      try {
        parsed = parseNarrativeCsv(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''), opts.mapping!, opts.defaults);
      } catch (e) {
        throw new PeelError('bad_input', `line 1 of ${basename(path)}: ${(e as Error).message}`);
      }
      for (const p of parsed) stageParsed(stage, p, shown);
      return;
    }
    let line = 0;
    for await (const raw of createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity })) {
      line++;
      const text = line === 1 ? raw.replace(/^\uFEFF/, '') : raw;
      if (!text.trim()) continue;
      stageParsed(stage, parseNarrativeLine(text, line), shown);
    }
  });
  return { ...row, path, firstQuarantined: shown };
}

/** Rebuilds the search index file from every narrative in the store (written atomically). */
export async function rebuildSearchIndex(store: Store, path: string = searchIndexPath(store.path)): Promise<{ path: string; records: number; terms: number; seconds: number }> {
  const t0 = performance.now();
  const builder = createIndexBuilder();
  await store.records.scan((rows) => {
    for (const r of rows) builder.add({ force_id: r.force_id, record_id: r.record_id, kind: r.kind, occurred_at: r.occurred_at, category: r.category, location_text: r.location_text, narrative: r.narrative });
  });
  const index = builder.finish();
  writeIndexFile(index, path);
  return { path, records: index.size, terms: index.terms, seconds: (performance.now() - t0) / 1000 };
}

/** Loads narrative files one transaction each, then rebuilds the search index from the store. */
export async function loadNarratives(store: Store, paths: readonly string[], opts: LoadNarrativesOptions = {}): Promise<LoadNarrativesResult> {
  if (!paths.length) throw new PeelError('bad_input', 'no files: name one or more narrative files (.ndjson, or .csv with --map)');
  const files: NarrativeFileResult[] = [];
  for (const p of paths) {
    const r = await loadNarrativeFile(store, p, opts);
    files.push(r);
    opts.onFile?.(r);
  }
  const index = opts.indexPath === null ? null : await rebuildSearchIndex(store, opts.indexPath ?? searchIndexPath(store.path));
  // Methods are read after the narratives' own transactions; any left unread are found by the backfill (`peel records methods`).
  const methods = opts.methods === false ? null : await fillMethods(store);
  return { files, records: await store.records.count(), index, methods };
}
