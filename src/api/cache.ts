/**
 * ETags and a small response cache for heavy reads. Every response depends only on the URL and
 * the data version, which moves on whenever the server changes the data (an upload, a triage),
 * so a weak ETag of both is exact and a cached body can be replayed until the version moves.
 */
import { createHash, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip as gzipCb, constants as zlib } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';

const gzip = promisify(gzipCb);

/** Bodies smaller than this go out as they are: compressing them saves less than it costs. */
const COMPRESS_FROM_BYTES = 1024;

/** A computed answer; its gzip form is made once, on the first request that accepts it. */
interface Entry {
  readonly raw: Buffer;
  readonly at: number;
  gz?: Promise<Buffer>;
}

function acceptsGzip(req: FastifyRequest): boolean {
  const ae = req.headers['accept-encoding'];
  return typeof ae === 'string' && /\bgzip\b/i.test(ae) && !/\bgzip\s*;\s*q=0(\.0*)?\b/i.test(ae);
}

export interface ResponseCache {
  /** The current data version (changes after every write through this server). */
  version(): string;
  bump(): void;
  /** Answers 304 when the client holds this version, else the cached or freshly computed JSON. */
  send(req: FastifyRequest, reply: FastifyReply, compute: () => Promise<unknown>, vary?: string, maxAgeMs?: number): Promise<FastifyReply>;
}

export function responseCache(maxEntries = 500): ResponseCache {
  const boot = randomBytes(3).toString('hex');
  let n = 0;
  let bodies = new Map<string, Entry>();
  const pending = new Map<string, Promise<Entry>>();
  const version = () => `${boot}.${n}`;
  return {
    version,
    bump() {
      n++;
      bodies = new Map();
    },
    async send(req, reply, compute, vary = '', maxAgeMs = Infinity) {
      const v = version();
      // `vary` separates answers that differ for the same URL (a force-scoped principal's view).
      const key = vary ? `${req.url}\u0000${vary}` : req.url;
      const etag = `W/"${v}-${createHash('sha1').update(key).digest('base64url').slice(0, 16)}"`;
      reply.header('etag', etag).header('cache-control', 'private, no-cache').header('vary', 'accept-encoding');
      let body = bodies.get(key);
      if (body && Date.now() - body.at > maxAgeMs) {
        bodies.delete(key);
        body = undefined;
      }
      // An answer with a maximum age is recomputed once it is stale, even for a client holding it.
      const inm = req.headers['if-none-match'];
      if ((body || maxAgeMs === Infinity) && inm && inm.split(',').some((t) => t.trim() === etag)) return reply.code(304).send();
      if (!body) {
        // Concurrent requests for the same answer share one computation (no stampede on a cold cache).
        const inflight = `${v}\u0000${key}`;
        let p = pending.get(inflight);
        if (!p) {
          p = compute().then((r) => ({ raw: Buffer.from(JSON.stringify(r)), at: Date.now() }));
          pending.set(inflight, p);
          p.then(
            (b) => {
              pending.delete(inflight);
              // A write during compute moved the version: serve this answer but do not keep it.
              if (version() === v) {
                if (bodies.size >= maxEntries) bodies.delete(bodies.keys().next().value as string);
                bodies.set(key, b);
              }
            },
            () => pending.delete(inflight),
          );
        }
        body = await p;
      }
      reply.type('application/json; charset=utf-8');
      // Heavy answers (cube pages, map layers: 100-200 kB of JSON) are sent compressed to clients
      // that accept it, compressed once per cached answer rather than once per request.
      if (body.raw.length >= COMPRESS_FROM_BYTES && acceptsGzip(req)) {
        body.gz ??= gzip(body.raw, { level: 6, memLevel: 9, strategy: zlib.Z_DEFAULT_STRATEGY });
        return reply.header('content-encoding', 'gzip').send(await body.gz);
      }
      return reply.send(body.raw);
    },
  };
}
