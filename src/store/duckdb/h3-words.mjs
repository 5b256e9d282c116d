// H3 r9 cells of points as high and low 32-bit words: plain JavaScript, shared by the worker
// (h3-worker.mjs) and the main thread (h3-cells.ts).
import { latLngToCell } from 'h3-js';

export function cellWords(lons, lats) {
  const hi = new Uint32Array(lons.length);
  const lo = new Uint32Array(lons.length);
  for (let i = 0; i < lons.length; i++) {
    const h = latLngToCell(lats[i], lons[i], 9);
    hi[i] = parseInt(h.slice(0, h.length - 8), 16);
    lo[i] = parseInt(h.slice(h.length - 8), 16);
  }
  return { hi, lo };
}
