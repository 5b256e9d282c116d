/**
 * The API's front door: `buildServer(deps)` assembles the Fastify app (zod schemas → OpenAPI at
 * `/docs`, problem+json errors, ETags, the dashboard's static files); `startServer(config)` opens
 * the store, builds the dashboard when it has not been built, and listens.
 *
 * Every route declares the permission it needs in its route config (`config.permission`); the
 * access capability enforces them with a plugin, and `routeRegistry(app)` lists them so a test can
 * check none is missing. Routes are thin: parse, call a capability, render.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import fastifyMultipart from '@fastify/multipart';
import fastifyHelmet from '@fastify/helmet';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { openStore, type Store } from '../store/index.ts';
import { DEFAULT_CONFIG, withNodeEnv, type PeelConfig } from '../config/index.ts';
import { limitsFrom, type IngestOptions } from '../ingest/index.ts';
import { problem, sendProblem, toProblem } from './problem.ts';
import { responseCache, type ResponseCache } from './cache.ts';
import { uploadJobs, type UploadJobs } from './uploads.ts';
import { registerDataRoutes } from './routes.ts';
import { accessPluginFor } from './routes-access.ts';
import type { Capabilities } from './optional.ts';
import { registerAlertRoutes } from './routes-alerts.ts';
import { registerQualityRoutes } from './routes-quality.ts';
import { registerGeographyRoutes } from './routes-geography.ts';
import { registerRecordsRoutes } from './routes-records.ts';
import { registerLinkageRoutes } from './routes-linkage.ts';
import { registerProductivityRoutes } from './routes-productivity.ts';
import { registerTacticsRoutes } from './routes-tactics.ts';
import { registerEmergingTacticsRoutes } from './routes-emerging-tactics.ts';
import { searchIndexPath, summariserSettings, type SummariserSettings } from '../records/index.ts';
import { searchTextPolicy, type SearchTextPolicy } from '../access/index.ts';
import { capabilitiesFromStore } from './capabilities.ts';
import type { RoutePermission } from '../access/index.ts';

export type { Capabilities } from './optional.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The permission a caller needs for this route: one of the access vocabulary's (src/access,
     * `ROUTE_PERMISSIONS`), so a route cannot name one that does not exist.
     */
    permission?: RoutePermission;
  }
  interface FastifyInstance {
    peel: { routes: RouteEntry[]; cache: ResponseCache; uploads: UploadJobs; store: Store };
  }
}

export interface RouteEntry {
  readonly method: string;
  readonly url: string;
  readonly permission: RoutePermission | undefined;
}

export interface ServerDeps {
  readonly store: Store;
  /** Version reported by /api/health (default: package.json's). */
  readonly version?: string;
  /** Folder of the built dashboard; not served when absent. */
  readonly webRoot?: string | null;
  /** Alerts, quality and geography; default: wired to their capabilities over this store. */
  readonly capabilities?: Capabilities;
  readonly logLevel?: string;
  /** Registered before the routes, e.g. the access capability's auth plugin. */
  readonly plugins?: ReadonlyArray<(app: FastifyInstance) => Promise<void> | void>;
  /** The optional records summariser (off unless configured and switched on). */
  readonly summariser?: SummariserSettings | null;
  /** The shrink guard's ratio for uploads (config `shrinkRatio`; default 0.5). */
  readonly shrinkRatio?: number;
  /** Limits on one row and caps on zips for uploads (`limitsFrom(config)`, as `peel ingest`); default the standard's. */
  readonly ingestLimits?: Pick<IngestOptions, 'limits' | 'zip'>;
  /** How record searches record their text in the audit log (default: the text itself). */
  readonly searchText?: SearchTextPolicy;
  /** The records search index file (default: the store's own, `searchIndexPath`). */
  readonly indexPath?: string;
}

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const WEB_ROOT = resolve(REPO_ROOT, 'web/dist');

export function packageVersion(): string {
  return (JSON.parse(readFileSync(resolve(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

/** The routes registered on a server, with the permission each declares. */
export function routeRegistry(app: FastifyInstance): readonly RouteEntry[] {
  return app.peel.routes;
}

export async function buildServer(deps: ServerDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: deps.logLevel ?? 'info', redact: ['req.headers.authorization', 'req.headers.cookie'] },
    bodyLimit: 2 * 1024 * 1024,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const routes: RouteEntry[] = [];
  const cache = responseCache();
  const uploads = uploadJobs(deps.store, () => cache.bump(), { shrinkRatio: deps.shrinkRatio, limits: deps.ingestLimits });
  app.decorate('peel', { routes, cache, uploads, store: deps.store });
  app.addHook('onRoute', (r) => {
    const methods = Array.isArray(r.method) ? r.method : [r.method];
    for (const m of methods) {
      if (m === 'HEAD') continue;
      routes.push({ method: m, url: r.url, permission: r.config?.permission });
    }
  });

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // ECharts and MapLibre set inline styles on the elements they draw.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        workerSrc: ["'self'", 'blob:'],
        childSrc: ["'self'", 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
    // HSTS: browsers act on it only over HTTPS (RFC 6797 §8.1), so it is harmless on the plain-HTTP
    // default and protects the hub as soon as it is served over TLS (directly or by a proxy).
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
  });
  await app.register(fastifyMultipart, { limits: { fileSize: 4 * 1024 * 1024 * 1024, files: 200, fields: 20 } });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Peel API',
        description: 'The national police data hub for England and Wales. Errors are RFC 9457 problem+json; lists are paged with limit/offset; heavy reads carry ETags.',
        version: deps.version ?? packageVersion(),
      },
      tags: [
        { name: 'hub', description: 'health and the national standard' },
        { name: 'forces', description: 'forces and data coverage' },
        { name: 'cube', description: 'counts by force, month, category and area; map layers' },
        { name: 'data', description: 'batches, quarantine, uploads and exports' },
        { name: 'alerts', description: 'emerging trends and hot spots' },
        { name: 'quality', description: 'data-quality findings and scorecards' },
        { name: 'geography', description: 'force boundaries' },
        { name: 'records', description: 'narrative records: search, entities, summaries, redaction review' },
      ],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: '/docs',
    staticCSP: true,
    // Swagger UI styles its elements inline and must never reach out to https: origins (closed networks).
    transformStaticCSP: (header) => header.replace(/style-src [^;]*/, "style-src 'self' 'unsafe-inline'").replace(/ https:/g, ''),
  });

  for (const plugin of deps.plugins ?? []) await plugin(app);

  app.setErrorHandler((err, req, reply) => {
    const p = toProblem(err, req);
    if (p.status >= 500) req.log.error({ err }, 'request failed');
    return sendProblem(reply, p);
  });

  const capabilities = deps.capabilities ?? capabilitiesFromStore(deps.store);
  await app.register(async (api) => {
    registerDataRoutes(api, { store: deps.store, cache, uploads, version: deps.version ?? packageVersion(), capabilities });
    registerAlertRoutes(api, { cache, capabilities });
    registerQualityRoutes(api, { cache, capabilities });
    registerGeographyRoutes(api, { cache, capabilities });
    registerRecordsRoutes(api, { store: deps.store, summariser: deps.summariser ?? null, searchText: deps.searchText, indexPath: deps.indexPath });
    registerLinkageRoutes(api, { store: deps.store });
    registerProductivityRoutes(api, { store: deps.store, cache });
    registerTacticsRoutes(api, { store: deps.store });
    registerEmergingTacticsRoutes(api, { store: deps.store });
  }, { prefix: '/api' });

  const webRoot = deps.webRoot === undefined ? WEB_ROOT : deps.webRoot;
  const hasWeb = webRoot !== null && existsSync(resolve(webRoot, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, { root: webRoot, prefix: '/', wildcard: true, index: ['index.html'], cacheControl: false, setHeaders: (res, path) => {
      // Hashed assets never change; the page itself must always be revalidated.
      res.header('cache-control', /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
    } });
  }
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/') || req.url === '/api' || !hasWeb || req.method !== 'GET') {
      return sendProblem(reply, problem(404, 'not_found', `no route ${req.method} ${req.url.split('?')[0]}`, { instance: req.url }));
    }
    // The dashboard routes with the URL hash, so any other page path gets the app shell.
    return reply.type('text/html').header('cache-control', 'no-cache').sendFile('index.html');
  });
  return app;
}

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let m = st.mtimeMs;
  for (const e of readdirSync(path)) m = Math.max(m, newestMtime(resolve(path, e)));
  return m;
}

/** The dashboard's sources, including the client and schemas it is built from. */
const WEB_SOURCES = ['web/src', 'web/index.html', 'web/vite.config.ts', 'src/client', 'src/contract'].map((p) => resolve(REPO_ROOT, p));

/**
 * Builds web/dist with Vite when it is missing or older than its sources (so a checkout that
 * changed the dashboard never serves a stale build); otherwise the built files are served as-is.
 */
export async function ensureWebBuilt(log: (msg: string) => void = () => undefined): Promise<string | null> {
  const index = resolve(WEB_ROOT, 'index.html');
  const fresh = existsSync(index) && (!existsSync(resolve(REPO_ROOT, 'web/src')) || statSync(index).mtimeMs >= Math.max(...WEB_SOURCES.map(newestMtime)));
  if (fresh) return WEB_ROOT;
  log(existsSync(index) ? 'rebuilding the dashboard (its sources changed) ...' : 'building the dashboard (web/dist is missing) ...');
  try {
    const vite = await import('vite');
    // Always a production build, even when started under a test runner whose NODE_ENV is `test`
    // (the JSX transform and React then build in development mode, a different, slower dashboard).
    await withNodeEnv('production', () =>
      vite.build({ configFile: resolve(REPO_ROOT, 'web/vite.config.ts'), logLevel: 'warn', mode: 'production' }));
  } catch (e) {
    log(`could not build the dashboard: ${(e as Error).message.split('\n')[0]}; serving the API only`);
    return null;
  }
  return WEB_ROOT;
}

export interface RunningServer {
  readonly url: string;
  readonly app: FastifyInstance;
  close(): Promise<void>;
}

/**
 * Opens the configured store (the server owns it while running), builds the dashboard if needed
 * and listens on `config.host:config.port`. Close it to release the store.
 */
export async function startServer(
  config: Pick<PeelConfig, 'store' | 'host' | 'port'> & Partial<Pick<PeelConfig, 'threads' | 'memoryLimit' | 'logLevel' | 'summariserEnabled' | 'summariserUrl' | 'summariserModel' | 'summariserKey' | 'shrinkRatio' | 'auditSearchText' | 'auditSearchKey'
    | 'maxLineBytes' | 'maxFields' | 'maxFieldBytes' | 'maxRowLines' | 'zipMaxBytes' | 'zipMaxRatio' | 'indexDir'>>,
  extra: Partial<Omit<ServerDeps, 'store'>> & {
    buildWeb?: boolean;
    log?: (msg: string) => void;
    /** Leave out the access plugin: benchmarks and local development only, never a deployment. */
    withoutAccess?: boolean;
  } = {},
): Promise<RunningServer> {
  const webRoot = extra.webRoot !== undefined ? extra.webRoot : extra.buildWeb === false ? (existsSync(WEB_ROOT) ? WEB_ROOT : null) : await ensureWebBuilt(extra.log);
  const store = await openStore(config);
  let app: FastifyInstance;
  try {
    const summariser = extra.summariser !== undefined ? extra.summariser : config.summariserUrl
      ? summariserSettings({ summariserEnabled: config.summariserEnabled ?? false, summariserUrl: config.summariserUrl, summariserModel: config.summariserModel ?? 'default', summariserKey: config.summariserKey ?? null })
      : null;
    const searchText = extra.searchText ?? searchTextPolicy({ auditSearchText: config.auditSearchText ?? 'text', auditSearchKey: config.auditSearchKey ?? null });
    app = await buildServer({ ...extra, summariser, searchText, store, webRoot, indexPath: extra.indexPath ?? searchIndexPath(store.path, config.indexDir), logLevel: extra.logLevel ?? config.logLevel, shrinkRatio: extra.shrinkRatio ?? config.shrinkRatio, ingestLimits: extra.ingestLimits ?? limitsFrom({ ...DEFAULT_CONFIG, ...definedOnly(config) }), plugins: [...(extra.withoutAccess ? [] : [accessPluginFor(store, config)]), ...(extra.plugins ?? [])] });
    await app.listen({ host: config.host, port: config.port });
  } catch (e) {
    store.close();
    throw e;
  }
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return {
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}/`,
    app,
    async close() {
      await app.close();
      await app.peel.uploads.idle();
      store.close();
    },
  };
}

/** The settings a caller gave, without the keys it left undefined (so defaults stay in force). */
function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
