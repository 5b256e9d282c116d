/**
 * A small synthetic set (three forces, a year, narratives) loaded into a fresh store of each
 * backend through `ingest` and `loadNarratives`, as `peel demo` loads it: the inputs of the
 * same-results tests of the analytical namespaces (productivity, tactics, linkage, export).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { synthesize } from '../../../src/synth/index.ts';
import { ingest } from '../../../src/ingest/index.ts';
import { loadNarratives } from '../../../src/records/index.ts';
import { openStore, type Store } from '../../../src/store/index.ts';
import { freshStoreName } from '../../helpers/backends.ts';
import { tempDir } from '../../helpers/police-uk.ts';

export type Backend = 'duckdb' | 'postgres';
export interface Pair {
  readonly dir: string;
  readonly stores: Record<Backend, Store>;
  readonly names: Record<Backend, string>;
}

/** Generates the set once and loads it into both backends (call after `sharedCluster()`). */
export async function synthPair(opts: { forces?: readonly string[]; months?: number; narratives?: number } = {}): Promise<Pair> {
  const dir = tempDir();
  const out = join(dir, 'synth');
  await synthesize({ out, months: opts.months ?? 12, scale: 0.02, narratives: opts.narratives ?? 300, forces: (opts.forces ?? ['kent', 'essex', 'surrey']) as never, overwrite: true });
  const stores = {} as Record<Backend, Store>;
  const names = {} as Record<Backend, string>;
  for (const b of ['duckdb', 'postgres'] as const) {
    names[b] = await freshStoreName(b);
    stores[b] = await openStore({ store: names[b] });
    await ingest(stores[b], [existsSync(join(out, 'police_uk')) ? join(out, 'police_uk') : out], { shrinkRatio: 0.5 });
    const narr = join(out, 'narratives', 'records.ndjson');
    if (existsSync(narr)) await loadNarratives(stores[b], [narr], { indexPath: join(dir, `${b}.records-index`) });
  }
  return { dir, stores, names };
}

/** Values as both backends return them compared as equal: timestamps as ISO text, fractions to 9 places. */
export function normal(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number' && !Number.isInteger(v)) return Math.round(v * 1e9) / 1e9;
  if (Array.isArray(v)) return v.map(normal);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, normal(x)]));
  return v;
}
