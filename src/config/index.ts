/**
 * Peel's one typed configuration object: defaults, then `PEEL_*` environment variables, then
 * flags (applied by the caller with `withOverrides`). This is the only module that reads
 * `process.env`; everything else is handed a `PeelConfig`.
 */
import { resolve } from 'node:path';

export interface PeelConfig {
  /** Path of the DuckDB store file. `PEEL_STORE`, `--store`. */
  readonly store: string;
  /** Address the server binds to. `PEEL_HOST`, `--host`. */
  readonly host: string;
  /** Port the server listens on. `PEEL_PORT`, `--port`. */
  readonly port: number;
  /** Directory for the demo's generated data. `PEEL_DATA_DIR`. */
  readonly dataDir: string;
  /** DuckDB worker threads (default: all cores). `PEEL_THREADS`. */
  readonly threads: number | null;
  /** DuckDB memory limit, e.g. `2GB`. `PEEL_MEMORY_LIMIT`. */
  readonly memoryLimit: string;
  /** Optional OpenAI-compatible summariser endpoint; off unless set. `PEEL_SUMMARISER_URL`. */
  readonly summariserUrl: string | null;
  /** Log level for the server. `PEEL_LOG_LEVEL`. */
  readonly logLevel: string;
}

export const DEFAULT_CONFIG: PeelConfig = {
  store: './peel-data/peel.duckdb',
  host: '127.0.0.1',
  port: 8080,
  dataDir: './peel-data',
  threads: null,
  memoryLimit: '2GB',
  summariserUrl: null,
  logLevel: 'info',
};

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
    threads: get('PEEL_THREADS', (v) => intOrThrow('PEEL_THREADS', v), DEFAULT_CONFIG.threads),
    memoryLimit: get('PEEL_MEMORY_LIMIT', (v) => v, DEFAULT_CONFIG.memoryLimit),
    summariserUrl: get('PEEL_SUMMARISER_URL', (v) => v, DEFAULT_CONFIG.summariserUrl),
    logLevel: get('PEEL_LOG_LEVEL', (v) => v, DEFAULT_CONFIG.logLevel),
  };
  if (bad.length) throw new Error(`bad configuration: ${bad.join('; ')}`);
  return cfg;
}

/** The config with flag values applied on top (undefined flags leave the value as it is). */
export function withOverrides(cfg: PeelConfig, flags: Partial<PeelConfig>): PeelConfig {
  const out: Record<string, unknown> = { ...cfg };
  for (const [k, v] of Object.entries(flags)) if (v !== undefined) out[k] = v;
  return { ...(out as unknown as PeelConfig), store: resolve(String(out.store)) };
}
