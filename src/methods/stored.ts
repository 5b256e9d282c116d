/**
 * Methods in the store: `fillMethods` reads the method features of every narrative that has none
 * (or has them from an earlier load of the record, or an older extractor) and saves them, a chunk
 * per transaction; `peel records ingest` calls it after loading and `peel records methods` runs it
 * on its own (the backfill). `storedCrimes` reads the crimes of a window back for series linkage.
 */
import type { Store } from '../store/index.ts';
import { METHOD_FEATURES } from '../standard/index.ts';
import { extractMethod, emptyFeatures, type MethodFeatures } from './extract.ts';
import type { MethodRecord } from './pairs.ts';

/** Bumped when the vocabulary or the extractor changes what it finds: stored methods of an older version are read again. */
export const METHOD_EXTRACTOR_VERSION = 1;

export interface FillResult {
  /** Records whose methods were read and saved. */
  readonly records: number;
  readonly seconds: number;
}

/** Reads and saves the methods of every narrative that lacks current ones. */
export async function fillMethods(store: Store, opts: { chunk?: number; onChunk?: (done: number) => void } = {}): Promise<FillResult> {
  const t0 = performance.now();
  const chunk = opts.chunk ?? 5000;
  let done = 0;
  for (;;) {
    const rows = await store.methods.stale(METHOD_EXTRACTOR_VERSION, chunk);
    if (!rows.length) break;
    await store.methods.save(rows.map((r) => {
      const m = extractMethod(r.narrative, r.occurred_at);
      return {
        force_id: r.force_id, record_id: r.record_id, batch_id: r.batch_id, version: METHOD_EXTRACTOR_VERSION,
        features: JSON.stringify(m.features), evidence: JSON.stringify(m.evidence),
      };
    }));
    done += rows.length;
    opts.onChunk?.(done);
    if (rows.length < chunk) break;
  }
  return { records: done, seconds: (performance.now() - t0) / 1000 };
}

function parseFeatures(json: string, where: string): MethodFeatures {
  let raw: unknown;
  try { raw = JSON.parse(json); } catch { throw new Error(`stored methods of ${where} are not JSON`); }
  const out = emptyFeatures();
  for (const f of METHOD_FEATURES) {
    const v = (raw as Record<string, unknown>)[f];
    if (Array.isArray(v)) out[f] = v.filter((x): x is string => typeof x === 'string');
  }
  return out;
}

export interface CrimeWindow {
  readonly forces: 'all' | readonly string[];
  readonly category?: string;
  /** `YYYY-MM`, inclusive. */
  readonly from?: string;
  readonly to?: string;
  readonly sensitive?: 'all' | readonly string[];
}

/** The crimes of a window with their stored methods, as linkage reads them. */
export async function storedCrimes(store: Store, w: CrimeWindow): Promise<MethodRecord[]> {
  const rows = await store.methods.crimes(w);
  return rows.map((r) => ({
    record_id: r.record_id, force_id: r.force_id, category: r.category, occurred_at: r.occurred_at,
    lon: r.lon ?? null, lat: r.lat ?? null, features: parseFeatures(r.features, `${r.force_id}/${r.record_id}`),
  }));
}
