/**
 * A throwaway PostgreSQL 15 cluster for tests: `initdb` in a temporary folder, `pg_ctl` on a free
 * port (socket in the same folder, fsync off), one database per caller, and everything stopped and
 * removed afterwards. As root the server runs as the `postgres` user (PostgreSQL refuses root).
 * Suites skip with a message when the server binaries are absent (`.ci/run` installs them).
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe } from 'vitest';
import pg from 'pg';

/** The first PostgreSQL bin folder holding initdb (15 preferred). */
function findBin(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb')));
  versions.sort((a, b) => (a === '15' ? -1 : b === '15' ? 1 : Number(b) - Number(a)));
  return versions.length ? join(root, versions[0], 'bin') : null;
}

export const PG_BIN = findBin();
export const HAS_POSTGRES = PG_BIN !== null;
/** Why a PostgreSQL suite is skipped, or '' when it runs. */
export const NO_POSTGRES = HAS_POSTGRES ? '' : ' (skipped: no /usr/lib/postgresql/*/bin/initdb; apt-get install postgresql)';

/** `describe` that runs only when the PostgreSQL server binaries are present. */
export function describePostgres(name: string, fn: () => void): void {
  if (HAS_POSTGRES) describe(name, fn);
  else describe.skip(`${name}${NO_POSTGRES}`, fn);
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

function pgUid(): { uid: number; gid: number } {
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

/** Runs a server binary as the user the cluster belongs to. */
function runAs(bin: string, args: readonly string[]): string {
  const exe = join(PG_BIN!, bin);
  try {
    return isRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', exe, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
      : execFileSync(exe, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    const err = e as { stderr?: string; stdout?: string; message: string };
    throw new Error(`${bin} ${args.join(' ')} failed: ${err.stderr || err.stdout || err.message}`);
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

export interface PgCluster {
  readonly port: number;
  /** The folder holding the data directory and the socket. */
  readonly dir: string;
  /** Creates a fresh, empty database and returns its `postgres://` URL. */
  createDatabase(name?: string): Promise<string>;
  /** Stops the server and removes its folder. */
  stop(): Promise<void>;
}

let seq = 0;

/**
 * Starts a cluster in a temporary folder on a free port. Call `stop()` in afterAll. Tests run it
 * without fsync (nothing to keep); `durable` keeps PostgreSQL's defaults (for benches).
 */
export async function startPostgres(opts: { durable?: boolean } = {}): Promise<PgCluster> {
  if (!PG_BIN) throw new Error(`no PostgreSQL server binaries${NO_POSTGRES}`);
  const dir = mkdtempSync(join(tmpdir(), 'peel-pg-'));
  const data = join(dir, 'data');
  if (isRoot) {
    const { uid, gid } = pgUid();
    chownSync(dir, uid, gid);
  }
  chmodSync(dir, 0o700);
  runAs('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
  let port = 0;
  for (let attempt = 0; ; attempt++) {
    port = await freePort();
    try {
      const fast = opts.durable ? '' : ' -c fsync=off -c synchronous_commit=off -c full_page_writes=off';
      runAs('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60', '-o',
        `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200${fast}`, 'start']);
      break;
    } catch (e) {
      if (attempt >= 2) {
        rmSync(dir, { recursive: true, force: true });
        throw e;
      }
    }
  }
  const admin = (db = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${db}`;
  let stopped = false;
  // Should the test process end without stop() (a crash, a timeout), the server goes with it.
  const onExit = () => {
    if (stopped) return;
    stopped = true;
    try {
      runAs('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } catch {
      /* already gone */
    }
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', onExit);
  return {
    port,
    dir,
    async createDatabase(name) {
      const db = name ?? `peel_test_${process.pid}_${++seq}`;
      const c = new pg.Client({ connectionString: admin() });
      await c.connect();
      try {
        await c.query(`CREATE DATABASE "${db.replace(/"/g, '""')}"`);
      } finally {
        await c.end();
      }
      return admin(db);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      process.removeListener('exit', onExit);
      try {
        runAs('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
