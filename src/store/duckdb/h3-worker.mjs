// Worker entry for H3 r9 cells of many points (h3-cells.ts): plain JavaScript, since it needs only
// h3-js. Answers each batch with the cells split into high and low 32-bit words.
import { parentPort } from 'node:worker_threads';
import { cellWords } from './h3-words.mjs';

parentPort.on('message', ({ id, lons, lats }) => {
  const { hi, lo } = cellWords(lons, lats);
  parentPort.postMessage({ id, hi, lo }, [hi.buffer, lo.buffer]);
});
