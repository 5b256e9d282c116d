/**
 * Peel's one typed configuration object: defaults, then `PEEL_*` environment variables, then
 * flags (applied by the caller with `withOverrides`). This is the only module that reads
 * `process.env`; everything else is handed a `PeelConfig`.
 */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEFAULT_PARSE_LIMITS, DEFAULT_ZIP_LIMITS } from '../standard/index.ts';

export interface PeelConfig {
  /** Path of the DuckDB store file, or a PostgreSQL server's `postgres://` URL. `PEEL_STORE`, `--store`. */
  readonly store: string;
  /** Address the server binds to. `PEEL_HOST`, `--host`. */
  readonly host: string;
  /** Port the server listens on. `PEEL_PORT`, `--port`. */
  readonly port: number;
  /** Directory for the demo's generated data. `PEEL_DATA_DIR`. */
  readonly dataDir: string;
  /** Where a server store's (`postgres://`) records search index files live, one per server and database. `PEEL_INDEX_DIR`. */
  readonly indexDir: string;
  /** DuckDB worker threads (default: all cores). `PEEL_THREADS`. */
  readonly threads: number | null;
  /** DuckDB memory limit, e.g. `2GB`. `PEEL_MEMORY_LIMIT`. */
  readonly memoryLimit: string;
  /** Optional OpenAI-compatible summariser endpoint; off unless set. `PEEL_SUMMARISER_URL`. */
  readonly summariserUrl: string | null;
  /**
   * Records are sent to the summariser only when this is true as well as the URL being set (and the
   * user asks for an advisory summary). Off by default. `PEEL_SUMMARISER_ENABLED`.
   */
  readonly summariserEnabled: boolean;
  /** Model name passed to the summariser. `PEEL_SUMMARISER_MODEL`. */
  readonly summariserModel: string;
  /** Bearer key for the summariser, if it needs one. `PEEL_SUMMARISER_KEY`. */
  readonly summariserKey: string | null;
  /** Log level for the server. `PEEL_LOG_LEVEL`. */
  readonly logLevel: string;
  /** Access: a session unused for this many minutes ends. `PEEL_SESSION_IDLE_MINUTES`. */
  readonly sessionIdleMinutes: number;
  /** Access: a session ends this many hours after sign-in, used or not. `PEEL_SESSION_MAX_HOURS`. */
  readonly sessionMaxHours: number;
  /** Access: consecutive failed sign-ins that lock an account. `PEEL_LOCKOUT_THRESHOLD`. */
  readonly lockoutThreshold: number;
  /** Access: minutes an account stays locked. `PEEL_LOCKOUT_MINUTES`. */
  readonly lockoutMinutes: number;
  /** Access: mark session cookies `Secure` (off only for plain-http development). `PEEL_COOKIE_SECURE`. */
  readonly cookieSecure: boolean;
  /** Largest request body accepted by routes that do not declare their own, in bytes. `PEEL_BODY_LIMIT`. */
  readonly bodyLimit: number;
  /** Ingest: longest CSV row in bytes; longer rows are quarantined as `row.too_long`. `PEEL_MAX_LINE_BYTES`. */
  readonly maxLineBytes: number;
  /** Ingest: most fields in one CSV row; wider rows are quarantined as `row.too_wide`. `PEEL_MAX_FIELDS`. */
  readonly maxFields: number;
  /** Ingest: longest CSV field in bytes; rows with a longer one are quarantined as `row.field_too_long`. `PEEL_MAX_FIELD_BYTES`. */
  readonly maxFieldBytes: number;
  /** Ingest: most lines one row may span (a quoted field's line breaks); beyond, the quote is unbalanced. `PEEL_MAX_ROW_LINES`. */
  readonly maxRowLines: number;
  /** Ingest: most bytes extracted from one zip. `PEEL_ZIP_MAX_BYTES`. */
  readonly zipMaxBytes: number;
  /** Ingest: most bytes extracted from a zip per byte of it read (a zip bomb's ratio is in the thousands). `PEEL_ZIP_MAX_RATIO`. */
  readonly zipMaxRatio: number;
  /**
   * The shrink guard: a load that would replace a held force-month with fewer than this share of
   * its rows is refused unless confirmed (`--allow-shrink`, `?allow_shrink=true`). 0 turns the
   * guard off. Default 0.5. `PEEL_SHRINK_RATIO`.
   */
  readonly shrinkRatio: number;
  /**
   * Audit: how record searches record their text. `text` (default) keeps the words searched for;
   * `hash` keeps only an HMAC-SHA256 of them under `auditSearchKey`, so the log shows that two
   * searches were the same without holding the words. `PEEL_AUDIT_SEARCH_TEXT`.
   */
  readonly auditSearchText: 'text' | 'hash';
  /** Audit: the secret key of the `hash` policy (16 characters or more). `PEEL_AUDIT_SEARCH_KEY`. */
  readonly auditSearchKey: string | null;
  /** Detection: alerts per force-month in the inbox, the highest priorities; the rest stay listed beyond it. `PEEL_REVIEW_BUDGET`. */
  readonly reviewBudget: number;
}

export const DEFAULT_CONFIG: PeelConfig = {
  store: './peel-data/peel.duckdb',
  host: '127.0.0.1',
  port: 8080,
  dataDir: './peel-data',
  indexDir: join(homedir(), '.peel'),
  threads: null,
  // DuckDB's own limit; with Node's heap on top, a process stays under about 2 GB.
  memoryLimit: '1280MB',
  summariserUrl: null,
  summariserEnabled: false,
  summariserModel: 'default',
  summariserKey: null,
  logLevel: 'info',
  sessionIdleMinutes: 30,
  sessionMaxHours: 12,
  lockoutThreshold: 5,
  lockoutMinutes: 10,
  cookieSecure: true,
  bodyLimit: 1_048_576,
  // The limits and caps of ingest, with their reasons, are in src/standard/limits.ts.
  ...DEFAULT_PARSE_LIMITS,
  zipMaxBytes: DEFAULT_ZIP_LIMITS.maxBytes,
  zipMaxRatio: DEFAULT_ZIP_LIMITS.maxRatio,
  shrinkRatio: 0.5,
  auditSearchText: 'text',
  auditSearchKey: null,
  reviewBudget: 5,
};

function boolOrThrow(name: string, v: string): boolean {
  if (/^(1|true|yes|on)$/i.test(v)) return true;
  if (/^(0|false|no|off)$/i.test(v)) return false;
  throw new Error(`${name}=${v} is not true or false`);
}

function ratioOrThrow(name: string, v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0 || n > 1) throw new Error(`${name}=${v} is not a number from 0 to 1`);
  return n;
}

function intOrThrow(name: string, v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name}=${v} is not a positive integer`);
  return n;
}

/** Reads the `PEEL_*` environment once, validating every value and naming any bad one. */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env): PeelConfig {
  const bad: string[] = [];
  const get = <T>(name: string, parse: (v: string) => T, fallback: T): T => {
    const v = env[name];
    if (v === undefined || v === '') return fallback;
    try {
      return parse(v);
    } catch (e) {
      bad.push((e as Error).message);
      return fallback;
    }
  };
  const cfg: PeelConfig = {
    store: get('PEEL_STORE', (v) => v, DEFAULT_CONFIG.store),
    host: get('PEEL_HOST', (v) => v, DEFAULT_CONFIG.host),
    port: get('PEEL_PORT', (v) => intOrThrow('PEEL_PORT', v), DEFAULT_CONFIG.port),
    dataDir: get('PEEL_DATA_DIR', (v) => v, DEFAULT_CONFIG.dataDir),
    indexDir: get('PEEL_INDEX_DIR', (v) => v, DEFAULT_CONFIG.indexDir),
    threads: get('PEEL_THREADS', (v) => intOrThrow('PEEL_THREADS', v), DEFAULT_CONFIG.threads),
    memoryLimit: get('PEEL_MEMORY_LIMIT', (v) => v, DEFAULT_CONFIG.memoryLimit),
    summariserUrl: get('PEEL_SUMMARISER_URL', (v) => v, DEFAULT_CONFIG.summariserUrl),
    summariserEnabled: get('PEEL_SUMMARISER_ENABLED', (v) => boolOrThrow('PEEL_SUMMARISER_ENABLED', v), DEFAULT_CONFIG.summariserEnabled),
    summariserModel: get('PEEL_SUMMARISER_MODEL', (v) => v, DEFAULT_CONFIG.summariserModel),
    summariserKey: get('PEEL_SUMMARISER_KEY', (v) => v, DEFAULT_CONFIG.summariserKey),
    logLevel: get('PEEL_LOG_LEVEL', (v) => v, DEFAULT_CONFIG.logLevel),
    sessionIdleMinutes: get('PEEL_SESSION_IDLE_MINUTES', (v) => intOrThrow('PEEL_SESSION_IDLE_MINUTES', v), DEFAULT_CONFIG.sessionIdleMinutes),
    sessionMaxHours: get('PEEL_SESSION_MAX_HOURS', (v) => intOrThrow('PEEL_SESSION_MAX_HOURS', v), DEFAULT_CONFIG.sessionMaxHours),
    lockoutThreshold: get('PEEL_LOCKOUT_THRESHOLD', (v) => intOrThrow('PEEL_LOCKOUT_THRESHOLD', v), DEFAULT_CONFIG.lockoutThreshold),
    lockoutMinutes: get('PEEL_LOCKOUT_MINUTES', (v) => intOrThrow('PEEL_LOCKOUT_MINUTES', v), DEFAULT_CONFIG.lockoutMinutes),
    cookieSecure: get('PEEL_COOKIE_SECURE', (v) => boolOrThrow('PEEL_COOKIE_SECURE', v), DEFAULT_CONFIG.cookieSecure),
    bodyLimit: get('PEEL_BODY_LIMIT', (v) => intOrThrow('PEEL_BODY_LIMIT', v), DEFAULT_CONFIG.bodyLimit),
    maxLineBytes: get('PEEL_MAX_LINE_BYTES', (v) => intOrThrow('PEEL_MAX_LINE_BYTES', v), DEFAULT_CONFIG.maxLineBytes),
    maxFields: get('PEEL_MAX_FIELDS', (v) => intOrThrow('PEEL_MAX_FIELDS', v), DEFAULT_CONFIG.maxFields),
    maxFieldBytes: get('PEEL_MAX_FIELD_BYTES', (v) => intOrThrow('PEEL_MAX_FIELD_BYTES', v), DEFAULT_CONFIG.maxFieldBytes),
    maxRowLines: get('PEEL_MAX_ROW_LINES', (v) => intOrThrow('PEEL_MAX_ROW_LINES', v), DEFAULT_CONFIG.maxRowLines),
    zipMaxBytes: get('PEEL_ZIP_MAX_BYTES', (v) => intOrThrow('PEEL_ZIP_MAX_BYTES', v), DEFAULT_CONFIG.zipMaxBytes),
    zipMaxRatio: get('PEEL_ZIP_MAX_RATIO', (v) => intOrThrow('PEEL_ZIP_MAX_RATIO', v), DEFAULT_CONFIG.zipMaxRatio),
    shrinkRatio: get('PEEL_SHRINK_RATIO', (v) => ratioOrThrow('PEEL_SHRINK_RATIO', v), DEFAULT_CONFIG.shrinkRatio),
    auditSearchText: get('PEEL_AUDIT_SEARCH_TEXT', (v) => {
      if (v !== 'text' && v !== 'hash') throw new Error(`PEEL_AUDIT_SEARCH_TEXT=${v} is not text or hash`);
      return v;
    }, DEFAULT_CONFIG.auditSearchText),
    auditSearchKey: get('PEEL_AUDIT_SEARCH_KEY', (v) => {
      if (v.length < 16) throw new Error('PEEL_AUDIT_SEARCH_KEY is shorter than 16 characters');
      return v;
    }, DEFAULT_CONFIG.auditSearchKey),
    reviewBudget: get('PEEL_REVIEW_BUDGET', (v) => intOrThrow('PEEL_REVIEW_BUDGET', v), DEFAULT_CONFIG.reviewBudget),
  };
  if (cfg.auditSearchText === 'hash' && !cfg.auditSearchKey) bad.push('PEEL_AUDIT_SEARCH_TEXT=hash needs PEEL_AUDIT_SEARCH_KEY (a secret of 16 characters or more)');
  if (bad.length) throw new Error(`bad configuration: ${bad.join('; ')}`);
  return cfg;
}

/** The config with flag values applied on top (undefined flags leave the value as it is). */
export function withOverrides(cfg: PeelConfig, flags: Partial<PeelConfig>): PeelConfig {
  const out: Record<string, unknown> = { ...cfg };
  for (const [k, v] of Object.entries(flags)) if (v !== undefined) out[k] = v;
  const store = String(out.store);
  // A PostgreSQL URL is no path: it reaches the store unchanged.
  return { ...(out as unknown as PeelConfig), store: /^postgres(ql)?:\/\//i.test(store) ? store : resolve(store) };
}

/**
 * Runs `fn` with NODE_ENV set to `value`, then restores it. For building the dashboard: a build
 * started under a test runner (NODE_ENV=test) must still be the production build.
 */
export async function withNodeEnv<T>(value: string, fn: () => Promise<T>): Promise<T> {
  const before = process.env.NODE_ENV;
  process.env.NODE_ENV = value;
  try {
    return await fn();
  } finally {
    if (before === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = before;
  }
}

/**
 * The `PEEL_*` variables set in `env`: a command handed to `peel serve` over the admin channel
 * takes them along, so it runs with the settings it would have run with alone.
 */
export function peelEnvironment(env: Readonly<Record<string, string | undefined>> = process.env): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (k.startsWith('PEEL_') && v !== undefined) out[k] = v;
  return out;
}
