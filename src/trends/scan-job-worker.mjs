// Worker entry for whole scans of a detection run (scan-job.ts): it takes jobs one at a time and
// answers each with its result. The library runs as TypeScript through tsx, so the worker
// registers tsx's loader before importing it.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { runScanJob } = await import('./scan-job.ts');
parentPort.on('message', async ({ id, job }) => {
  try {
    parentPort.postMessage({ id, result: await runScanJob(job) });
  } catch (e) {
    parentPort.postMessage({ id, error: e instanceof Error ? e.message : String(e) });
  }
});
