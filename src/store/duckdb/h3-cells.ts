/**
 * H3 r9 cells of many points at once. A load's new points (hundreds of thousands in a first
 * national load) are split between two worker threads while DuckDB waits for them; a few are done
 * here. Cells come back as high and low 32-bit words, which the loader appends as numbers and
 * joins into a UBIGINT in SQL (cheaper than a BigInt per point).
 */
import { Worker } from 'node:worker_threads';
import { cellWords } from './h3-words.mjs';

export interface Cells {
  readonly hi: Uint32Array;
  readonly lo: Uint32Array;
}

/** Below this many points the workers' start-up is not worth it. */
const WORKER_MIN_POINTS = 20_000;

let pool: Worker[] | null = null;
let nextId = 0;
const waiting = new Map<number, { w: Worker; resolve: (c: Cells) => void; reject: (e: Error) => void }>();

function workers(): Worker[] {
  if (pool) return pool;
  pool = Array.from({ length: 2 }, () => {
    const w = new Worker(new URL('./h3-worker.mjs', import.meta.url));
    // An idle worker must not keep the process alive; a busy one must (see viaWorker).
    w.unref();
    w.on('message', ({ id, hi, lo }: { id: number; hi: Uint32Array; lo: Uint32Array }) => {
      const p = waiting.get(id);
      waiting.delete(id);
      if (![...waiting.values()].some((q) => q.w === w)) w.unref();
      p?.resolve({ hi, lo });
    });
    w.on('error', (e) => {
      for (const p of waiting.values()) p.reject(e);
      waiting.clear();
      pool = null;
    });
    return w;
  });
  return pool;
}

function viaWorker(w: Worker, lons: Float64Array, lats: Float64Array): Promise<Cells> {
  const id = nextId++;
  return new Promise<Cells>((resolve, reject) => {
    waiting.set(id, { w, resolve, reject });
    w.ref();
    w.postMessage({ id, lons, lats }, [lons.buffer as ArrayBuffer, lats.buffer as ArrayBuffer]);
  });
}

/** The H3 r9 cell of each point (`lons[i]`, `lats[i]` in degrees), as high and low 32-bit words. */
export async function cellsR9(lons: Float64Array, lats: Float64Array): Promise<Cells> {
  const n = lons.length;
  if (n < WORKER_MIN_POINTS) return cellWords(lons, lats);
  const [a, b] = workers();
  const half = n >> 1;
  const parts = await Promise.all([
    viaWorker(a, lons.slice(0, half), lats.slice(0, half)),
    viaWorker(b, lons.slice(half), lats.slice(half)),
  ]);
  const hi = new Uint32Array(n);
  const lo = new Uint32Array(n);
  hi.set(parts[0].hi, 0);
  hi.set(parts[1].hi, half);
  lo.set(parts[0].lo, 0);
  lo.set(parts[1].lo, half);
  return { hi, lo };
}
