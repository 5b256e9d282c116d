/**
 * Runs many scans (scan-job.ts) on this thread and on worker threads at once: a detection run's
 * scans are independent, and while this thread scans one force × category a worker scans the
 * next. Results do not depend on where a job ran (a job is data, and its replications are
 * seeded per replication).
 */
import { Worker } from 'node:worker_threads';
import { runScanJob, type ScanJob } from './scan-job.ts';
import type { ScanResult } from './scan.ts';

/** Fewer jobs than this run on this thread alone: starting a worker (loading the library in it) costs about half a second. */
const MIN_JOBS_FOR_WORKERS = 40;

/** A job to run and what to do with its result; null when there is nothing to scan. */
export type ScanTask = { readonly job: ScanJob; readonly done: (result: ScanResult) => void } | null;

/**
 * Runs tasks 0..n−1, each made when a thread is free for it (so only a few jobs' data are held
 * at once), with `workers` worker threads besides this one when there are `minJobs` tasks or more.
 * `done` is called on this thread, in the order the results come in.
 */
export async function runScanTasks(n: number, make: (i: number) => ScanTask, workers: number, minJobs = MIN_JOBS_FOR_WORKERS): Promise<void> {
  let next = 0;
  const take = (): { i: number; task: NonNullable<ScanTask> } | null => {
    while (next < n) {
      const i = next++;
      const task = make(i);
      if (task) return { i, task };
    }
    return null;
  };
  const pool = workers > 0 && n >= minJobs
    ? Array.from({ length: workers }, () => new Worker(new URL('./scan-job-worker.mjs', import.meta.url)))
    : [];
  const ask = (w: Worker, id: number, job: ScanJob) => new Promise<ScanResult>((resolve, reject) => {
    const onMessage = (m: { id: number; result?: ScanResult; error?: string }) => {
      if (m.id !== id) return;
      w.off('message', onMessage);
      w.off('error', reject);
      if (m.error !== undefined) reject(new Error(`scan worker: ${m.error}`));
      else resolve(m.result!);
    };
    w.on('message', onMessage);
    w.once('error', reject);
    w.postMessage({ id, job });
  });
  const viaWorker = async (w: Worker) => {
    for (let t = take(); t; t = take()) t.task.done(await ask(w, t.i, t.task.job));
  };
  const here = async () => {
    for (let t = take(); t; t = take()) {
      t.task.done(await runScanJob(t.task.job));
      // Let the workers' answers in, so they are handed their next job without waiting for ours.
      if (pool.length) await new Promise((r) => setImmediate(r));
    }
  };
  try {
    // Two jobs in hand per worker, so that it has the next while this thread is busy with a long
    // scan of its own (a worker handed one job at a time sat idle almost half the time).
    await Promise.all([...pool.flatMap((w) => [viaWorker(w), viaWorker(w)]), here()]);
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
}
