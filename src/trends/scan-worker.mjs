// Worker entry for the space-time scan's Monte Carlo replications. The library runs as
// TypeScript through tsx, so the worker registers tsx's loader before importing the kernel.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { replicateMaxima } = await import('./scan-kernel.ts');
const { data, seedBase, first, count } = workerData;
const maxima = replicateMaxima(data, seedBase, first, count);
parentPort.postMessage(maxima, [maxima.buffer]);
