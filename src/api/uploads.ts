/**
 * Upload jobs: files received over HTTP are written to a temporary folder under their own names
 * (ingest reads the force and month from a data.police.uk name), then loaded by `ingest` one job
 * at a time. The route has already checked that every file declares a force the caller holds
 * (no job exists otherwise); the job passes the caller's forces to ingest, which checks again
 * before writing. Each group's batches join the job as they commit, with their audit events
 * written in the load's own transaction. Each job keeps its latest progress and tells its listeners, so a client can poll
 * `GET /api/uploads/:job` or follow `GET /api/uploads/:job/events` (Server-Sent Events).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { ingest, type IngestOptions } from '../ingest/index.ts';
import { auditCollection } from '../access/index.ts';
import { runQuality } from '../quality/index.ts';
import type { BatchResult, Store } from '../store/index.ts';
import { isPeelError } from '../standard/index.ts';
import type { FastifyRequest } from 'fastify';
import type { UploadJob } from '../contract/index.ts';
import { problem, toProblem } from './problem.ts';

export type UploadEvent = { kind: 'progress'; job: UploadJob } | { kind: 'done'; job: UploadJob };

interface JobEntry {
  job: UploadJob;
  dir: string;
  /** The forces its files declared (null: some file declared none), for who may see the job. */
  forces: readonly string[] | null;
  listeners: Set<(e: UploadEvent) => void>;
}

/** What a job may do, decided by the route before the job exists. */
export interface UploadGrant {
  /** Force for files whose name does not say (`?force=`). */
  readonly force?: string;
  /** The forces the caller may write (`all` for a caller holding every force). */
  readonly allowedForces: 'all' | readonly string[];
  /** `?allow_shrink=true`: the caller confirmed replacing held months with far fewer rows. */
  readonly allowShrink: boolean;
  /** The forces the files declare (null when some file declares none, or a zip could not be listed). */
  readonly forces: readonly string[] | null;
}

export interface UploadJobs {
  create(dir: string, files: UploadJob['files'], grant: UploadGrant, req: FastifyRequest): UploadJob;
  /**
   * A job, for a caller who may write `allowed`: a force-scoped caller sees only jobs whose files
   * declared forces it holds (another force's job is as if absent).
   */
  get(id: string, allowed?: 'all' | readonly string[]): UploadJob | undefined;
  list(allowed?: 'all' | readonly string[]): UploadJob[];
  subscribe(id: string, fn: (e: UploadEvent) => void): () => void;
  /** Resolves when every queued job has finished (used by shutdown and tests). */
  idle(): Promise<void>;
}

function visible(e: JobEntry, allowed: 'all' | readonly string[]): boolean {
  return allowed === 'all' || (e.forces !== null && e.forces.every((f) => allowed.includes(f)));
}

export function newUploadDir(): string {
  return mkdtempSync(join(tmpdir(), 'peel-upload-'));
}

/** A batch as the job shows it, its source named as the caller sent it (not the server's temporary path). */
function toUploadBatch(dir: string, b: BatchResult): UploadJob['batches'][number] {
  return {
    batch_id: b.batch_id, source: b.source.startsWith(`${dir}/`) ? b.source.slice(dir.length + 1) : b.source, kind: b.kind, force_id: b.force_id, months: b.months,
    rows_read: b.rows_read, rows_loaded: b.rows_loaded, rows_quarantined: b.rows_quarantined, rows_before: b.rows_before,
    status: b.status, detail: b.detail ?? null,
  };
}

/** How the server's upload jobs load: config's shrink guard, row limits and zip caps, as `peel ingest` uses them. */
export interface UploadSettings {
  /** Finished jobs kept for `GET /api/uploads` (default 100). */
  readonly keep?: number;
  /** The shrink guard's ratio (config `shrinkRatio`). */
  readonly shrinkRatio?: number;
  /** Limits on one row and caps on a zip (`limitsFrom(config)`); default the standard's. */
  readonly limits?: Pick<IngestOptions, 'limits' | 'zip'>;
}

/** `onLoaded` runs after a job loads data (the server bumps its data version there). */
export function uploadJobs(store: Store, onLoaded: () => void, settings: UploadSettings = {}): UploadJobs {
  const { keep = 100, shrinkRatio, limits } = settings;
  const jobs = new Map<string, JobEntry>();
  let queue: Promise<void> = Promise.resolve();

  const emit = (e: JobEntry, kind: UploadEvent['kind']) => {
    for (const fn of e.listeners) fn({ kind, job: e.job });
  };

  const run = async (e: JobEntry, grant: UploadGrant, req: FastifyRequest) => {
    e.job = { ...e.job, state: 'running' };
    emit(e, 'progress');
    let last = 0;
    const actor = { actor: req.access?.actor ?? 'anonymous', client: req.ip };
    const changed = () => e.job.batches.some((b) => b.status === 'loaded' || b.status === 'replaced');
    try {
      const report = await ingest(store, [e.dir], {
        force: grant.force,
        allowedForces: grant.allowedForces,
        allowShrink: grant.allowShrink,
        shrinkRatio,
        // The configured limits on one row and on zips, as the CLI reads them (PEEL_MAX_LINE_BYTES, ...).
        ...limits,
        // DPA 2018 s.62: each load is a collection (a replaced month an alteration), with ids and
        // counts only, written in the load's own transaction.
        audit: async (batches) => void (await auditCollection(store, batches, actor)),
        // Each group is listed on the job as it commits, so a later failure cannot hide it.
        onCommitted: (batches) => {
          e.job = { ...e.job, batches: [...e.job.batches, ...batches.map((b) => toUploadBatch(e.dir, b))] };
          emit(e, 'progress');
        },
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
      if (changed()) {
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
        batches: report.batches.map((b) => toUploadBatch(e.dir, b)),
      };
      if (!nothing) onLoaded();
    } catch (err) {
      const p0 = toProblem(err, req);
      const p = { ...p0, detail: p0.detail.replaceAll(`${e.dir}/`, '') };
      if (p.status >= 500) req.log.error({ err }, 'upload failed');
      // The batches an error carries are the whole run's (committed ones and, for the shrink guard, the refused).
      const all = isPeelError(err) && Array.isArray(err.details.batches) ? (err.details.batches as BatchResult[]).map((b) => toUploadBatch(e.dir, b)) : e.job.batches;
      e.job = {
        ...e.job, batches: all, state: 'failed', finished_at: new Date().toISOString(),
        error: p.status >= 500 ? problem(500, 'internal', 'the load failed unexpectedly; it has been logged') : p,
      };
      if (changed()) {
        onLoaded();
        await runQuality(store).catch((qe: unknown) => req.log.warn({ err: qe }, 'quality check after upload failed'));
      }
    } finally {
      rmSync(e.dir, { recursive: true, force: true });
      emit(e, 'done');
      e.listeners.clear();
    }
  };

  return {
    create(dir, files, grant, req) {
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
      const entry: JobEntry = { job, dir, forces: grant.forces, listeners: new Set() };
      jobs.set(job.job_id, entry);
      // Forget the oldest finished jobs beyond `keep`.
      if (jobs.size > keep) {
        for (const [id, j] of jobs) {
          if (jobs.size <= keep) break;
          if (j.job.state === 'done' || j.job.state === 'failed') jobs.delete(id);
        }
      }
      queue = queue.then(() => run(entry, grant, req));
      return job;
    },
    get: (id, allowed = 'all') => {
      const e = jobs.get(id);
      return e && visible(e, allowed) ? e.job : undefined;
    },
    list: (allowed = 'all') => [...jobs.values()].filter((e) => visible(e, allowed)).map((e) => e.job).reverse(),
    subscribe(id, fn) {
      const e = jobs.get(id);
      if (!e) return () => undefined;
      e.listeners.add(fn);
      return () => e.listeners.delete(fn);
    },
    idle: () => queue,
  };
}
