/**
 * Upload jobs: files received over HTTP are written to a temporary folder under their own names
 * (ingest reads the force and month from a data.police.uk name), then loaded by `ingest` one job
 * at a time. Each job keeps its latest progress and tells its listeners, so a client can poll
 * `GET /api/uploads/:job` or follow `GET /api/uploads/:job/events` (Server-Sent Events).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { ingest } from '../ingest/index.ts';
import { auditCollection } from '../access/index.ts';
import { runQuality } from '../quality/index.ts';
import type { Store } from '../store/index.ts';
import type { FastifyRequest } from 'fastify';
import type { UploadJob } from '../contract/index.ts';
import { problem, toProblem } from './problem.ts';

export type UploadEvent = { kind: 'progress'; job: UploadJob } | { kind: 'done'; job: UploadJob };

interface JobEntry {
  job: UploadJob;
  dir: string;
  listeners: Set<(e: UploadEvent) => void>;
}

export interface UploadJobs {
  create(dir: string, files: UploadJob['files'], force: string | undefined, req: FastifyRequest): UploadJob;
  get(id: string): UploadJob | undefined;
  list(): UploadJob[];
  subscribe(id: string, fn: (e: UploadEvent) => void): () => void;
  /** Resolves when every queued job has finished (used by shutdown and tests). */
  idle(): Promise<void>;
}

export function newUploadDir(): string {
  return mkdtempSync(join(tmpdir(), 'peel-upload-'));
}

/** `onLoaded` runs after a job loads data (the server bumps its data version there). */
export function uploadJobs(store: Store, onLoaded: () => void, keep = 100): UploadJobs {
  const jobs = new Map<string, JobEntry>();
  let queue: Promise<void> = Promise.resolve();

  const emit = (e: JobEntry, kind: UploadEvent['kind']) => {
    for (const fn of e.listeners) fn({ kind, job: e.job });
  };

  const run = async (e: JobEntry, force: string | undefined, req: FastifyRequest) => {
    e.job = { ...e.job, state: 'running' };
    emit(e, 'progress');
    let last = 0;
    try {
      const report = await ingest(store, [e.dir], {
        force,
        onProgress: (p) => {
          e.job = {
            ...e.job,
            progress: { files_done: p.filesDone, files_total: p.filesTotal, rows: p.rows, elapsed_ms: Math.round(p.elapsedMs), current: p.current ?? null },
          };
          // At most ten progress events a second; the final state is always sent by 'done'.
          const now = Date.now();
          if (now - last >= 100) (last = now, emit(e, 'progress'));
        },
      });
      // DPA 2018 s.62: each load is a collection (a replaced month an alteration), with ids and counts only.
      await auditCollection(store, report.batches, { actor: req.access?.actor ?? 'anonymous', client: req.ip });
      if (report.batches.some((b) => b.status === 'loaded')) {
        // Quality follows every load, as it does for `peel ingest`; a failure there does not undo the load.
        e.job = { ...e.job, progress: { ...e.job.progress, current: 'checking data quality' } };
        emit(e, 'progress');
        await runQuality(store).catch((err: unknown) => req.log.warn({ err }, 'quality check after upload failed'));
      }
      const ignored = report.ignored.map((p) => basename(p));
      const nothing = report.batches.length === 0;
      e.job = {
        ...e.job,
        ignored,
        ...(nothing ? { error: problem(400, 'bad_input', `none of the files is a data.police.uk street, outcomes or stop-and-search file: ${ignored.join(', ') || 'nothing to load'}`, { field: 'body.file' }) } : {}),
        state: nothing ? 'failed' : 'done',
        finished_at: new Date().toISOString(),
        progress: { ...e.job.progress, files_done: e.job.progress.files_total || report.batches.length },
        batches: report.batches.map((b) => ({
          batch_id: b.batch_id, source: b.source, kind: b.kind, force_id: b.force_id, months: b.months,
          rows_read: b.rows_read, rows_loaded: b.rows_loaded, rows_quarantined: b.rows_quarantined, status: b.status,
        })),
      };
      if (!nothing) onLoaded();
    } catch (err) {
      const p = toProblem(err, req);
      if (p.status >= 500) req.log.error({ err }, 'upload failed');
      e.job = { ...e.job, state: 'failed', finished_at: new Date().toISOString(), error: p.status >= 500 ? problem(500, 'internal', 'the load failed unexpectedly; it has been logged') : p };
    } finally {
      rmSync(e.dir, { recursive: true, force: true });
      emit(e, 'done');
      e.listeners.clear();
    }
  };

  return {
    create(dir, files, force, req) {
      const job: UploadJob = {
        job_id: `u${Date.now().toString(36)}${randomBytes(4).toString('hex')}`,
        state: 'queued',
        files,
        progress: { files_done: 0, files_total: files.length, rows: 0, elapsed_ms: 0, current: null },
        batches: [],
        ignored: [],
        error: null,
        created_at: new Date().toISOString(),
        finished_at: null,
      };
      const entry: JobEntry = { job, dir, listeners: new Set() };
      jobs.set(job.job_id, entry);
      // Forget the oldest finished jobs beyond `keep`.
      if (jobs.size > keep) {
        for (const [id, j] of jobs) {
          if (jobs.size <= keep) break;
          if (j.job.state === 'done' || j.job.state === 'failed') jobs.delete(id);
        }
      }
      queue = queue.then(() => run(entry, force, req));
      return job;
    },
    get: (id) => jobs.get(id)?.job,
    list: () => [...jobs.values()].map((e) => e.job).reverse(),
    subscribe(id, fn) {
      const e = jobs.get(id);
      if (!e) return () => undefined;
      e.listeners.add(fn);
      return () => e.listeners.delete(fn);
    },
    idle: () => queue,
  };
}
