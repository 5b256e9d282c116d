// Worker entry for H3 r9 cells of many points (h3-cells.ts): plain JavaScript, since it needs only
// h3-js. Answers each batch with the cells split into high and low 32-bit words.
import { parentPort } from 'node:worker_threads';
import { latLngToCell } from 'h3-js';

parentPort.on('message', ({ id, lons, lats }) => {
  const hi = new Uint32Array(lons.length);
  const lo = new Uint32Array(lons.length);
  for (let i = 0; i < lons.length; i++) {
    const h = latLngToCell(lats[i], lons[i], 9);
    hi[i] = parseInt(h.slice(0, h.length - 8), 16);
    lo[i] = parseInt(h.slice(h.length - 8), 16);
  }
  parentPort.postMessage({ id, hi, lo }, [hi.buffer, lo.buffer]);
});
