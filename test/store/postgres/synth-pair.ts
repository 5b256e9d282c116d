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
// A server store's search index goes to $PEEL_INDEX_DIR (default ~/.peel): a temporary folder here.
process.env.PEEL_INDEX_DIR ??= join(tempDir(), 'index');

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
    // The search index where the API looks for it: beside the DuckDB file, in $PEEL_INDEX_DIR for a server store.
    if (existsSync(narr)) await loadNarratives(stores[b], [narr]);
  }
  return { dir, stores, names };
}

/**
 * Values as both backends return them compared as equal: timestamps as ISO text, fractions to
 * `places` decimals (sums of doubles differ in their last bits with the order of summation).
 */
export function normal(v: unknown, places = 9): unknown {
  const f = 10 ** places;
  const go = (x: unknown): unknown => {
    if (x instanceof Date) return x.toISOString();
    if (typeof x === 'bigint') return x.toString();
    if (typeof x === 'number' && !Number.isInteger(x)) return Math.round(x * f) / f;
    if (Array.isArray(x)) return x.map(go);
    if (x && typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, y]) => [k, go(y)]));
    return x;
  };
  return go(v);
}

/**
 * Where `a` and `b` first differ (a path and both values), or null when equal: numbers within a
 * relative `eps` (sums of doubles differ in their last bits with the order of summation), dates
 * and everything else exactly.
 */
export function firstDifference(a: unknown, b: unknown, eps = 1e-9, path = '$'): string | null {
  if (typeof a === 'number' && typeof b === 'number') {
    return a === b || Math.abs(a - b) <= eps * Math.max(1, Math.abs(a), Math.abs(b)) ? null : `${path}: ${a} vs ${b}`;
  }
  if (a instanceof Date || b instanceof Date) return String(normal(a)) === String(normal(b)) ? null : `${path}: ${String(a)} vs ${String(b)}`;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${path}: ${a.length} items vs ${b.length}`;
    for (let i = 0; i < a.length; i++) {
      const d = firstDifference(a[i], b[i], eps, `${path}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const k of keys) {
      const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], eps, `${path}.${k}`);
      if (d) return d;
    }
    return null;
  }
  return a === b ? null : `${path}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`;
}
