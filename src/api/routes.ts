/**
 * Routes over the core store: health, the standard, forces and coverage, the cube and its H3
 * layer, batches, quarantine, uploads and exports. Each parses, calls the store or ingest, and
 * renders; checks of values against the national standard name the offending field.
 */
import { createReadStream, mkdtempSync, readdirSync, rmSync, statSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { cellToBoundary } from 'h3-js';
import { Zip, ZipPassThrough } from 'fflate';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  CRIME_CATEGORIES, FORCES, STANDARD_VERSION, PeelError, getForce, isForceId,
} from '../standard/index.ts';
import type { Store, ForceStatus } from '../store/index.ts';
import type { ResponseCache } from './cache.ts';
import { newUploadDir, type UploadJobs } from './uploads.ts';
import { declaredUploads, checkDeclaredForces } from '../ingest/index.ts';
import { problem, sendProblem } from './problem.ts';
import { capabilityStatus, type Capabilities } from './optional.ts';
import { scopedForces, scopedForce, checkForce } from './scope.ts';
import { exportObjectIds, quarantineObjectIds } from '../access/index.ts';
import { bad, parseForceList, parseCategoryList } from './parse.ts';
import * as S from '../contract/index.ts';

export interface DataRouteDeps {
  readonly store: Store;
  readonly cache: ResponseCache;
  readonly uploads: UploadJobs;
  readonly version: string;
  readonly capabilities: Capabilities;
}

const problems = { 400: S.Problem, 404: S.Problem };

function checkRange(from: string | undefined, to: string | undefined): void {
  if (from && to && from > to) throw bad('query.from', `from ${from} is after to ${to}`);
}

const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

function page<T>(all: readonly T[], limit: number, offset: number): S.Page<T> {
  return { items: all.slice(offset, offset + limit), total: all.length, limit, offset };
}

function toForce(f: (typeof FORCES)[number], st: ForceStatus | undefined): S.ForceDetail {
  const months = st?.months ?? [];
  return {
    id: f.id, name: f.name, pfa: f.pfa, region: f.region, country: f.country, territorial: f.territorial,
    months: months.length, first_month: months[0] ?? null, last_month: months[months.length - 1] ?? null,
    rows: st?.rows ?? { street: 0, outcomes: 0, stop_search: 0 },
    month_list: months,
  };
}

export function registerDataRoutes(api: FastifyInstance, deps: DataRouteDeps): void {
  const app = api.withTypeProvider<ZodTypeProvider>();
  const { store, cache } = deps;

  app.get('/health', {
    config: { permission: 'public' },
    schema: { tags: ['hub'], summary: 'Is the hub up, what does its store hold, and which version is it', response: { 200: S.Health } },
  }, async (req, reply) => {
    // Every page asks first. Its answer moves with the data version; it is still recomputed every
    // few seconds so that it keeps saying whether the store answers.
    // The store's path on disk is not said here: this route answers anonymous callers (the
    // operator sees it in `peel status` and the server's start-up line).
    return cache.send(req, reply, async () => {
      const [status, migrations, latest, detection] = await Promise.all([
        store.status(), store.migrations(), store.latestMonth('street'), deps.capabilities.alerts?.latestMonth?.() ?? null,
      ]);
      return {
        status: 'ok' as const,
        version: deps.version,
        standard_version: STANDARD_VERSION,
        store: { migrations: migrations.length, forces_loaded: status.forces.length, latest_month: latest, detection_month: detection },
        sign_in_required: api.peel.routes.some((r) => r.url === '/api/auth/me'),
        capabilities: await capabilityStatus(deps.capabilities),
      };
    }, '', 5_000);
  });

  app.get('/categories', {
    config: { permission: 'public' },
    schema: { tags: ['hub'], summary: 'Crime categories of the national standard', querystring: S.PageQuery, response: { 200: S.pageOf(S.Category), 400: S.Problem } },
  }, async (req) => page(CRIME_CATEGORIES.map((c) => ({ id: c.id, name: c.name, current: c.current })), req.query.limit, req.query.offset));

  // ------------------------------------------------------------ forces and coverage

  app.get('/forces', {
    config: { permission: 'aggregates:read' },
    schema: { tags: ['forces'], summary: 'Every force of the standard with the data the hub holds for it', querystring: S.ForcesQuery, response: { 200: S.pageOf(S.Force), ...problems } },
  }, async (req, reply) => {
    const visible = scopedForces(req, 'aggregates:read', undefined);
    return cache.send(req, reply, async () => {
      const byId = new Map((await store.status()).forces.map((f) => [f.force_id, f]));
      let all = FORCES.map((f) => toForce(f, byId.get(f.id))).map(({ month_list: _m, ...f }) => f);
      if (visible) all = all.filter((f) => visible.includes(f.id));
      if (req.query.loaded) all = all.filter((f) => (f.months > 0) === (req.query.loaded === 'true'));
      return page(all, req.query.limit, req.query.offset);
    }, visible?.join(','));
  });

  app.get('/forces/:force', {
    config: { permission: 'aggregates:read' },
    schema: { tags: ['forces'], summary: 'One force, with every month the hub holds', params: S.ForceParams, response: { 200: S.ForceDetail, ...problems } },
  }, async (req) => {
    const f = getForce(req.params.force);
    if (!f) throw new PeelError('not_found', `no force "${req.params.force}": use a data.police.uk slug such as gwent`, { field: 'path.force' });
    const st = (await store.status()).forces.find((s) => s.force_id === f.id);
    return toForce(FORCES.find((x) => x.id === f.id)!, st);
  });

  app.get('/coverage', {
    config: { permission: 'aggregates:read' },
    schema: { tags: ['forces'], summary: 'Rows held per force, kind and month (the coverage grid)', querystring: S.CoverageQuery, response: { 200: S.CoveragePage, ...problems } },
  }, async (req, reply) => {
    const forces = scopedForces(req, 'aggregates:read', parseForceList(req.query.force));
    return cache.send(req, reply, async () => {
      const all = (await store.coverage()).filter((c) => (!forces || forces.includes(c.force_id)) && (!req.query.kind || c.kind === req.query.kind));
      const months = [...new Set(all.map((c) => c.month))].sort();
      const span: string[] = [];
      if (months.length) {
        for (let m = months[0]; m <= months[months.length - 1]; ) {
          span.push(m);
          const y = Number(m.slice(0, 4));
          const mo = Number(m.slice(5, 7));
          m = mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
        }
      }
      return { ...page(all, req.query.limit, req.query.offset), months: span };
    }, forces?.join(','));
  });

  // ------------------------------------------------------------ cube and layers

  app.get('/cube', {
    config: { permission: 'aggregates:read' },
    schema: {
      tags: ['cube'],
      summary: 'Recorded crime counts by force, month, category and (optionally) LSOA or H3 cell',
      description: 'Counts of street-level records in the monthly cube. Filters combine with AND; lists are comma-separated.',
      querystring: S.CubeQuery,
      response: { 200: S.CubePage, ...problems },
    },
  }, async (req, reply) => {
    const q = req.query;
    const forces = scopedForces(req, 'aggregates:read', parseForceList(q.force));
    const categories = parseCategoryList(q.category);
    checkRange(q.from, q.to);
    const areas = q.areas?.split(',').map((s) => s.trim()).filter(Boolean);
    if (areas?.length && q.area === 'force') throw bad('query.areas', 'areas needs area=lsoa or area=h3_r8');
    return cache.send(req, reply, async () => {
      const rows = await store.cube({ forces, categories, from: q.from, to: q.to, area: q.area, areas });
      return page(rows, q.limit, q.offset);
    }, forces?.join(','));
  });

  app.get('/layers/h3', {
    config: { permission: 'aggregates:read' },
    schema: {
      tags: ['cube'],
      summary: 'Recorded crime per H3 resolution-8 cell as GeoJSON polygons, busiest first',
      description: 'A density layer (counts, not a significance test). Without from/to it covers the latest month held.',
      querystring: S.H3LayerQuery,
      response: { 200: S.H3Layer, ...problems },
    },
  }, async (req, reply) => {
    const q = req.query;
    const forces = scopedForces(req, 'aggregates:read', parseForceList(q.force));
    const categories = parseCategoryList(q.category);
    checkRange(q.from, q.to);
    return cache.send(req, reply, async () => {
      let { from, to } = q;
      if (!from && !to) from = to = (await store.latestMonth('street')) ?? undefined;
      const rows = from || to ? await store.cube({ forces, categories, from, to, area: 'h3_r8' }) : [];
      // Sum over months and categories per cell (the store groups by all four keys).
      const cells = new Map<string, { force_id: string; n: number }>();
      for (const r of rows) {
        if (!r.area_id) continue;
        const c = cells.get(r.area_id);
        if (c) c.n += r.n;
        else cells.set(r.area_id, { force_id: r.force_id, n: r.n });
      }
      const ranked = [...cells.entries()].sort((a, b) => b[1].n - a[1].n || (a[0] < b[0] ? -1 : 1));
      const features = ranked.slice(q.offset, q.offset + q.limit).map(([h3, c], i) => ({
        type: 'Feature' as const,
        id: h3,
        // Six decimals (about 0.1 m) keep the polygons exact enough and the layer half the size.
        geometry: { type: 'Polygon' as const, coordinates: [cellToBoundary(h3, true).map(([x, y]) => [round6(x), round6(y)] as [number, number])] },
        properties: { h3, force_id: c.force_id, n: c.n, rank: q.offset + i + 1 },
      }));
      return {
        type: 'FeatureCollection' as const, features, total: ranked.length, limit: q.limit, offset: q.offset,
        resolution: 8 as const, from: from ?? null, to: to ?? null, max_n: ranked[0]?.[1].n ?? 0,
      };
    }, forces?.join(','));
  });

  // ------------------------------------------------------------ batches and quarantine

  app.get('/batches', {
    config: { permission: 'batches:read' },
    schema: { tags: ['data'], summary: 'Every load with its provenance and row reconciliation, newest first', querystring: S.BatchesQuery, response: { 200: S.BatchPage, ...problems } },
  }, async (req) => {
    parseForceList(req.query.force);
    const force = scopedForce(req, 'batches:read', req.query.force);
    return store.batches({ force, status: req.query.status, limit: req.query.limit, offset: req.query.offset });
  });

  app.get('/batches/:batch', {
    config: { permission: 'batches:read' },
    schema: { tags: ['data'], summary: 'One batch', params: S.BatchParams, response: { 200: S.Batch, ...problems } },
  }, async (req) => {
    const b = await store.batch(req.params.batch);
    if (!b) throw new PeelError('not_found', `no batch "${req.params.batch}"`, { field: 'path.batch' });
    checkForce(req, 'batches:read', b.force_id);
    return b;
  });

  app.get('/quarantine', {
    config: { permission: 'quarantine:read' },
    schema: { tags: ['data'], summary: 'Rows that failed the national standard, with file, line, raw text and reasons', querystring: S.QuarantineQuery, response: { 200: S.QuarantinePage, ...problems } },
  }, async (req) => {
    const q = req.query;
    parseForceList(q.force);
    const force = scopedForce(req, 'quarantine:read', q.force);
    if (q.batch) {
      const b = await store.batch(q.batch);
      if (!b) throw new PeelError('not_found', `no batch "${q.batch}"`, { field: 'query.batch' });
      checkForce(req, 'quarantine:read', b.force_id);
    }
    const found = await store.quarantine({ batch: q.batch, force, reason: q.reason, limit: q.limit, offset: q.offset });
    // Raw rejected rows are record contents: the audit event names whose (force, kind, batch).
    req.access?.objects(...quarantineObjectIds(found.items));
    return found;
  });

  app.get('/quarantine/summary', {
    config: { permission: 'quarantine:read' },
    schema: { tags: ['data'], summary: 'Quarantined rows counted by force, kind and reason', querystring: S.PageQuery, response: { 200: S.QuarantineSummaryPage, ...problems } },
  }, async (req, reply) => {
    const visible = scopedForces(req, 'quarantine:read', undefined);
    return cache.send(req, reply, async () => page((await store.quarantineSummary()).filter((r) => !visible || visible.includes(r.force_id)), req.query.limit, req.query.offset), visible?.join(','));
  });

  // ------------------------------------------------------------ uploads

  /** The forces the caller may upload for: a force-scoped caller sees only its own forces' jobs. */
  const uploadScope = (req: FastifyRequest): 'all' | readonly string[] => (req.access ? req.access.forces('data:upload') : 'all');

  app.post('/uploads', {
    config: { permission: 'data:upload' },
    schema: {
      tags: ['data'],
      summary: 'Upload data.police.uk CSV files or the monthly zip; loads them in the background',
      description: 'multipart/form-data with one or more `file` parts, named as data.police.uk names them (e.g. 2022-09-gwent-street.csv). Answers 202 with a job; follow it at /api/uploads/{job} or /api/uploads/{job}/events (Server-Sent Events).',
      querystring: S.UploadQuery,
      consumes: ['multipart/form-data'],
      response: { 202: S.UploadJob, 400: S.Problem, 403: S.Problem, 415: S.Problem },
    },
  }, async (req, reply) => {
    const force = req.query.force;
    if (force !== undefined && !isForceId(force)) throw bad('query.force', `unknown force "${force}"`);
    if (!req.isMultipart()) return sendProblem(reply, problem(415, 'unsupported_media_type', 'send the files as multipart/form-data', { field: 'body', instance: req.url }));
    const dir = newUploadDir();
    const files: Array<{ name: string; bytes: number }> = [];
    let allowed: 'all' | readonly string[] = 'all';
    let declaredForces: string[] | null = null;
    try {
      for await (const part of req.files()) {
        const name = basename(part.filename || '').replace(/[^\w.\- ]/g, '_');
        if (!/\.(csv|zip)$/i.test(name)) {
          part.file.resume();
          throw bad(`body.${part.fieldname}`, `"${part.filename}" is not a .csv or .zip file`);
        }
        if (files.some((f) => f.name === name)) throw bad(`body.${part.fieldname}`, `"${name}" was sent twice`);
        const path = join(dir, name);
        await pipeline(part.file, createWriteStream(path));
        files.push({ name, bytes: statSync(path).size });
      }
      if (!files.length) throw bad('body.file', 'no files: send at least one data.police.uk .csv or .zip as a `file` part');
      // Authorisation before any work: every file must declare (by its data.police.uk name, or
      // ?force= for a file whose name does not say) a force the caller may write. A refusal
      // creates no job and loads nothing; ingest checks the same again before writing.
      allowed = uploadScope(req);
      const received = files.map((f) => ({ name: f.name, path: join(dir, f.name) }));
      if (allowed !== 'all') {
        // Names first: a file named for a force the caller does not hold is refused as such,
        // whatever ?force= says.
        const named = declaredUploads(received, null);
        if (!named) throw new PeelError('forbidden', 'a zip whose entries cannot be listed (ZIP64, or a zip inside it) can be loaded only by a caller who may write every force: send its CSV files');
        checkDeclaredForces(named.filter((d) => d.force !== null), allowed);
      }
      const declared = declaredUploads(received, force ?? null);
      declaredForces = declared && declared.every((d) => d.force !== null) ? [...new Set(declared.map((d) => d.force!))] : null;
      if (allowed !== 'all' && declared) {
        checkDeclaredForces(declared, allowed);
        for (const f of new Set(declared.map((d) => d.force!))) req.access!.check('data:upload', { forceId: f });
      }
    } catch (e) {
      rmSync(dir, { recursive: true, force: true });
      throw e;
    }
    const job = deps.uploads.create(dir, files, { force, allowedForces: allowed, allowShrink: req.query.allow_shrink === 'true', forces: declaredForces }, req);
    return reply.code(202).header('location', `/api/uploads/${job.job_id}`).send(job);
  });

  app.get('/uploads', {
    config: { permission: 'data:upload' },
    schema: { tags: ['data'], summary: 'Recent upload jobs, newest first', querystring: S.PageQuery, response: { 200: S.UploadPage, 400: S.Problem } },
  }, async (req) => page(deps.uploads.list(uploadScope(req)), req.query.limit, req.query.offset));

  app.get('/uploads/:job', {
    config: { permission: 'data:upload' },
    schema: { tags: ['data'], summary: 'An upload job: state, progress and the batches it loaded', params: S.UploadParams, response: { 200: S.UploadJob, ...problems } },
  }, async (req) => {
    const job = deps.uploads.get(req.params.job, uploadScope(req));
    if (!job) throw new PeelError('not_found', `no upload job "${req.params.job}"`, { field: 'path.job' });
    return job;
  });

  app.get('/uploads/:job/events', {
    config: { permission: 'data:upload' },
    schema: {
      tags: ['data'],
      summary: 'Progress of an upload job as Server-Sent Events (`progress` events, then one `done`)',
      params: S.UploadParams,
      produces: ['text/event-stream'],
      response: { 404: S.Problem },
    },
  }, async (req, reply) => {
    const job = deps.uploads.get(req.params.job, uploadScope(req));
    if (!job) throw new PeelError('not_found', `no upload job "${req.params.job}"`, { field: 'path.job' });
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    const write = (event: string, data: S.UploadJob) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    write('progress', job);
    if (job.state === 'done' || job.state === 'failed') {
      write('done', job);
      res.end();
      return;
    }
    const off = deps.uploads.subscribe(job.job_id, (e) => {
      write(e.kind, e.job);
      if (e.kind === 'done') (off(), res.end());
    });
    req.raw.on('close', () => off());
  });

  // ------------------------------------------------------------ exports

  // Untyped instance: this route answers with a stream, which the zod reply types do not model.
  api.get('/exports/:table', {
    config: { permission: 'data:export' },
    schema: {
      tags: ['data'],
      summary: 'Download a table as CSV, GeoJSON (tables with points) or Parquet (a zip of the force/month partitions)',
      params: S.ExportParams,
      querystring: S.ExportQuery,
      produces: ['text/csv', 'application/geo+json', 'application/zip', 'application/vnd.apache.parquet'],
      response: { 400: S.Problem.describe('bad table or format') },
    },
  }, async (req, reply) => {
    const { table } = req.params as { table: (typeof S.ExportTable.options)[number] };
    const query = req.query as { format: (typeof S.ExportFormat.options)[number]; force?: string; raw?: 'true' | 'false' };
    const { format } = query;
    if (format === 'geojson' && !['street', 'outcomes', 'stop_search'].includes(table)) {
      throw bad('query.format', `GeoJSON needs a table with points (street, outcomes, stop_search), not "${table}"`);
    }
    const raw = query.raw === 'true';
    if (raw && format !== 'csv') throw bad('query.raw', `raw applies to CSV only, not format=${format}`);
    const forces = scopedForces(req, 'data:export', parseForceList(query.force));
    const dir = mkdtempSync(join(tmpdir(), 'peel-export-'));
    const cleanup = () => rmSync(dir, { recursive: true, force: true });
    try {
      const out = join(dir, format === 'parquet' ? table : `${table}.${format === 'csv' ? 'csv' : 'geojson'}`);
      const written = await store.exportTable(table, format, out, { forces, raw });
      // The audit event (written before any byte leaves) names what left: table, format, forces, months.
      req.access?.objects(...exportObjectIds(table, format, written));
      reply.header('cache-control', 'no-store');
      if (format !== 'parquet' || statSync(out).isFile()) {
        const isFile = statSync(out).isFile();
        if (isFile) {
          const type = format === 'csv' ? 'text/csv; charset=utf-8' : format === 'geojson' ? 'application/geo+json' : 'application/vnd.apache.parquet';
          const ext = format === 'parquet' ? 'parquet' : format;
          const stream = createReadStream(out);
          stream.on('close', cleanup);
          return reply.type(type).header('content-disposition', `attachment; filename="peel-${table}.${ext}"`).send(stream);
        }
      }
      // A partitioned Parquet folder travels as one zip, streamed (stored, not recompressed).
      const zip = new Zip();
      const { PassThrough } = await import('node:stream');
      const body = new PassThrough();
      zip.ondata = (err, chunk, final) => {
        if (err) return body.destroy(err);
        body.write(Buffer.from(chunk));
        if (final) body.end();
      };
      body.on('close', cleanup);
      const files = listFiles(out);
      void (async () => {
        for (const f of files) {
          const entry = new ZipPassThrough(relative(out, f));
          zip.add(entry);
          for await (const chunk of createReadStream(f)) entry.push(chunk as Uint8Array);
          entry.push(new Uint8Array(0), true);
        }
        zip.end();
      })().catch((e: unknown) => body.destroy(e as Error));
      return reply.type('application/zip').header('content-disposition', `attachment; filename="peel-${table}-parquet.zip"`).send(body);
    } catch (e) {
      cleanup();
      throw e;
    }
  });

}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...listFiles(p));
    else out.push(p);
  }
  return out.sort();
}
