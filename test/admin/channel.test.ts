/**
 * Commands alongside the server (#16 item 3), as an admin at a second terminal sees them: with
 * `peel serve` holding a DuckDB store, `peel status`, `peel users add` and `peel ingest` run through
 * the admin channel with the output, exit codes and audit events of a run on their own (compared
 * with the same commands on a second store that no server holds), the API serves what they wrote
 * at once, the socket is 0600 and refuses other users, and a socket left by `kill -9` is recovered.
 * Real processes, real DuckDB files.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/shared.ts';
import { STREET_HEADER, crimeId, streetRow, tempDir, writeLines, writeStreetSet } from '../helpers/police-uk.ts';

const PEEL = join(REPO_ROOT, 'bin', 'peel.mjs');
const PASSWORD = 'correct-horse-battery-staple-42';

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

function peel(args: string[], opts: { input?: string; cwd?: string; uid?: number; env?: Record<string, string> } = {}): Promise<Ran> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [PEEL, ...args], {
      cwd: opts.cwd, env: { ...process.env, ...opts.env },
      ...(opts.uid === undefined ? {} : { uid: opts.uid, gid: opts.uid }),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdin.end(opts.input ?? '');
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

interface Served {
  proc: ChildProcess;
  url: string;
  log: () => string;
}

/** `peel serve` on `store` on a free port; resolves once its admin channel is open. */
function serve(store: string): Promise<Served> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [PEEL, 'serve', '--port', '0', '--no-build', '--store', store], { env: { ...process.env, PEEL_LOG_LEVEL: 'silent' } });
    let log = '';
    proc.stdout!.resume();
    proc.stderr!.on('data', (d: Buffer) => {
      log += d.toString();
      const url = /dashboard (http:\/\/\S+\/)/.exec(log)?.[1];
      if (url && log.includes('admin channel ')) resolve({ proc, url, log: () => log });
    });
    proc.on('exit', (code) => reject(new Error(`peel serve exited ${code}: ${log}`)));
  });
}

async function stop(s: Served | undefined, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (!s || s.proc.exitCode !== null || s.proc.signalCode !== null) return;
  const gone = new Promise((r) => s.proc.once('exit', r));
  s.proc.kill(signal);
  await gone;
}

/** What differs between two runs by nature: times, generated ids, elapsed seconds, the store's name. */
function normal(text: string, stores: readonly string[]): string {
  let t = text;
  for (const s of stores) t = t.split(s).join('<store>');
  return t
    .replace(/\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d+)?Z?/g, '<time>')
    .replace(/"(id|batch_id|user_id|run_id)":"[^"]+"/g, '"$1":"<id>"')
    .replace(/in \d+\.\d s \([\d,]+ rows\/s\)/g, 'in <s> s (<n> rows/s)');
}

/** Sends one request over the socket as a client would and collects the server's frames. */
function rawRequest(argv: string[], opts: { uid?: number; store?: string } = {}): Promise<Array<{ t: string; d?: string; code?: number }>> {
  return new Promise((resolve, reject) => {
    const c = createConnection(`${opts.store}.admin.sock`);
    let got = '';
    c.on('data', (d) => (got += d.toString()));
    c.on('close', () => resolve(got.trim().split('\n').map((l) => JSON.parse(l) as { t: string; d?: string; code?: number })));
    c.on('error', reject);
    c.write(`${JSON.stringify({ t: 'run', v: 1, argv, cwd: '/', env: {}, uid: opts.uid ?? process.getuid!(), user: 'test', stdinTTY: false })}\n`);
  });
}

const health = async (url: string) => (await (await fetch(`${url}api/health`)).json()) as { store: { forces_loaded: number; latest_month: string | null } };

describe('commands alongside `peel serve` (the admin channel)', () => {
  const dir = tempDir('peel-admin-');
  const solo = join(dir, 'solo', 'peel.duckdb');
  const held = join(dir, 'held', 'peel.duckdb');
  const stores = [solo, held];
  const good = writeLines(join(dir, '2024-03-kent-street.csv'), [STREET_HEADER, ...Array.from({ length: 12 }, (_, i) => streetRow({ id: crimeId(`m${i}`), month: '2024-03' }))]);
  mkdirSync(join(dir, 'bad'));
  const bad = writeLines(join(dir, 'bad', '2024-04-kent-street.csv'), ['a,b,c', '1,2,3']);
  let server: Served | undefined;

  /** Runs the same command on the store no server holds and on the served one. */
  const both = async (args: string[], opts: { input?: string } = {}) => {
    const alone = await peel([...args, '--store', solo], opts);
    const through = await peel([...args, '--store', held], opts);
    return { alone, through };
  };

  beforeAll(async () => {
    // Readable by another user, so only the socket's own mode keeps them out.
    chmodSync(dir, 0o755);
    // Both stores exist before the server starts, with the same migrations.
    await Promise.all([peel(['status', '--store', solo]), peel(['status', '--store', held])]);
    chmodSync(join(dir, 'held'), 0o755);
    server = await serve(held);
  }, 120_000);

  afterAll(async () => {
    await stop(server);
  });

  it('opens the socket beside the store, a socket of mode 0600', () => {
    const st = lstatSync(`${held}.admin.sock`);
    expect(st.isSocket()).toBe(true);
    expect(st.mode & 0o777).toBe(0o600);
    expect(st.uid).toBe(process.getuid!());
  });

  it('`peel status` (text and --json) answers as it would alone, with exit 0', async () => {
    for (const args of [['status'], ['status', '--json']]) {
      const { alone, through } = await both(args);
      expect(through.code, through.stderr).toBe(0);
      expect(alone.code, alone.stderr).toBe(0);
      expect(through.stdout).toBe(alone.stdout);
      expect(through.stderr).toBe(alone.stderr);
    }
    expect(server!.log()).toContain('admin channel: `peel status` for ');
  }, 120_000);

  it('`peel users add` reads the password from stdin through the channel; the account signs in to the running API at once', async () => {
    const { alone, through } = await both(['users', 'add', 'ana', '--role', 'national_analyst', '--json'], { input: `${PASSWORD}\n` });
    expect(through.code, through.stderr).toBe(0);
    expect(normal(through.stdout, stores)).toBe(normal(alone.stdout, stores));
    expect(JSON.parse(through.stdout)).toMatchObject({ name: 'ana', role: 'national_analyst' });
    const signIn = await fetch(`${server!.url}api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'ana', password: PASSWORD }) });
    expect(signIn.status).toBe(200);
    // The same failure, the same way: a duplicate account is a conflict (exit 5) both ways.
    const again = await both(['users', 'add', 'ana', '--role', 'national_analyst'], { input: `${PASSWORD}\n` });
    expect(again.through.code).toBe(5);
    expect(again.through.code).toBe(again.alone.code);
    expect(normal(again.through.stderr, stores)).toBe(normal(again.alone.stderr, stores));
  }, 120_000);

  it('`peel ingest FILE` loads through the server: same lines and exit code, and the API serves the new month straight away', async () => {
    const alone = await peel(['ingest', good, '--store', solo]);
    // /api/health is cached for seconds: asked now, it holds "nothing loaded" until the data moves.
    expect((await health(server!.url)).store.forces_loaded).toBe(0);
    const through = await peel(['ingest', good, '--store', held]);
    expect(through.code, through.stderr).toBe(0);
    expect(alone.code, alone.stderr).toBe(0);
    expect(normal(through.stdout, stores)).toBe(normal(alone.stdout, stores));
    expect(through.stdout).toMatch(/^loaded\s+street\s+kent\s+2024-03\s+read 12 = loaded 12 \+ quarantined 0/m);
    // A write through the channel moves the server's data version: no stale cached answer.
    const after = await health(server!.url);
    expect(after.store).toMatchObject({ forces_loaded: 1, latest_month: '2024-03' });
    const status = await both(['status', '--json']);
    expect(status.through.stdout).toBe(status.alone.stdout);
    expect(JSON.parse(status.through.stdout).forces[0]).toMatchObject({ force_id: 'kent', rows: { street: 12 } });
  }, 120_000);

  it('a file that is not data.police.uk, and a missing one, fail as they do alone: the same message and exit code', async () => {
    for (const path of [bad, join(dir, 'nothere.csv')]) {
      const { alone, through } = await both(['ingest', path]);
      expect(through.code).toBe(3);
      expect(through.code).toBe(alone.code);
      expect(through.stderr).toBe(alone.stderr);
      expect(through.stdout).toBe(alone.stdout);
    }
  }, 120_000);

  it('the audit log holds the same events, with the same actor (cli:<os user>), either way', async () => {
    const { alone, through } = await both(['audit', '--json', '--limit', '50']);
    expect(through.code, through.stderr).toBe(0);
    // The commands' events (the served store also holds the API's sign-in of the test above).
    const events = (out: string) => (JSON.parse(out) as { items: Array<{ actor: string; action: string; outcome: string; objectIds: string[]; forceId: string | null }> }).items
      .filter((e) => e.actor.startsWith('cli:'))
      .map((e) => `${e.actor} ${e.action} ${e.outcome} ${e.forceId ?? '-'} ${e.objectIds.map((o) => o.replace(/:.*/, ':…')).join(',')}`);
    expect(events(through.stdout)).toEqual(events(alone.stdout));
    const actions = events(through.stdout).map((e) => e.split(' ').slice(0, 2).join(' '));
    expect(actions).toEqual(expect.arrayContaining([expect.stringMatching(/^cli:\S+ user_added$/), expect.stringMatching(/^cli:\S+ collection$/)]));
    // A broken chain would exit 1 through the channel as alone; an intact one exits 0.
    const verify = await peel(['audit', 'verify', '--store', held]);
    expect(verify.code, verify.stderr).toBe(0);
    expect(verify.stdout).toMatch(/^audit log chain intact/);
  }, 120_000);

  it('relative paths are read from the client\'s folder', async () => {
    const r = await peel(['ingest', 'nothere.csv', '--store', held], { cwd: join(dir, 'bad') });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`cannot read ${join(dir, 'bad', 'nothere.csv')}`);
  }, 60_000);

  it('a token revoked from the terminal stops working in the running API at once', async () => {
    const add = await peel(['tokens', 'add', 'loader', '--permission', 'aggregates:read', '--all-forces', '--json', '--store', held]);
    expect(add.code, add.stderr).toBe(0);
    const { token, view } = JSON.parse(add.stdout) as { token: string; view: { id: string } };
    const ask = () => fetch(`${server!.url}api/forces`, { headers: { authorization: `Bearer ${token}` } });
    expect((await ask()).status).toBe(200);
    const revoke = await peel(['tokens', 'revoke', view.id, '--store', held]);
    expect(revoke.code, revoke.stderr).toBe(0);
    expect((await ask()).status).toBe(401);
  }, 120_000);

  it('a command that does not run through the channel fails with store_busy (exit 8), naming the ones that do', async () => {
    const r = await peel(['geography', 'status', '--store', held]);
    expect(r.code).toBe(8);
    expect(r.stderr).toContain('is in use by another process');
    expect(r.stderr).toMatch(/these commands run through it: status, .*ingest.*users.*audit.*records ingest/);
  }, 60_000);

  it('a request claiming another uid is refused by the server (exit 8), and nothing runs', async () => {
    const lines = await rawRequest(['users', 'demo', '--name', 'intruder'], { store: held, uid: process.getuid!() + 1 });
    expect(lines.at(-1)).toEqual({ t: 'exit', code: 8 });
    expect(lines[0].d).toContain('serves only the user who runs `peel serve`');
    const list = await peel(['users', 'list', '--json', '--store', held]);
    expect(JSON.parse(list.stdout).items.map((u: { name: string }) => u.name)).not.toContain('intruder');
  }, 60_000);

  it('the server runs only the listed commands, whatever a client sends', async () => {
    for (const argv of [['export', 'street', '--format', 'csv', '--out', join(dir, 'out.csv')], ['serve', '--port', '0']]) {
      const out = await rawRequest(argv, { store: held });
      expect(out.at(-1)).toEqual({ t: 'exit', code: 2 });
      expect(out.map((f) => f.d ?? '').join('')).toContain('does not run through the admin channel; these do: status,');
    }
    expect(existsSync(join(dir, 'out.csv'))).toBe(false);
  }, 60_000);

  it('on a terminal, `users add` asks the client for the password twice (hidden prompts over the channel)', async () => {
    const asked: string[] = [];
    const frames = await new Promise<Array<{ t: string; d?: string; q?: string; code?: number }>>((resolve, reject) => {
      const c = createConnection(`${held}.admin.sock`);
      const got: Array<{ t: string; d?: string; q?: string; code?: number }> = [];
      let buf = '';
      c.on('data', (d) => {
        buf += d.toString();
        for (let nl = buf.indexOf('\n'); nl >= 0; nl = buf.indexOf('\n')) {
          const f = JSON.parse(buf.slice(0, nl)) as { t: string; q?: string };
          buf = buf.slice(nl + 1);
          got.push(f);
          if (f.t === 'prompt') {
            asked.push(f.q!);
            c.write(`${JSON.stringify({ t: 'answer', d: PASSWORD })}\n`);
          }
        }
      });
      c.on('close', () => resolve(got));
      c.on('error', reject);
      c.write(`${JSON.stringify({ t: 'run', v: 1, argv: ['users', 'add', 'bo', '--role', 'national_analyst'], cwd: dir, env: {}, uid: process.getuid!(), user: 'test', stdinTTY: true })}\n`);
    });
    expect(asked).toEqual(['password for bo: ', 'again: ']);
    expect(frames.at(-1)).toEqual({ t: 'exit', code: 0 });
    expect(frames.filter((f) => f.t === 'out').map((f) => f.d).join('')).toMatch(/^added bo\s+national_analyst/);
    // Nothing of the password travels back.
    expect(JSON.stringify(frames)).not.toContain(PASSWORD);
  }, 60_000);

  it.skipIf(process.getuid?.() !== 0)('another OS user (nobody) cannot use the socket: exit 8, and nothing is written', async () => {
    const r = await peel(['users', 'demo', '--name', 'mallory', '--store', held], { uid: 65534 });
    expect(r.code).toBe(8);
    expect(r.stderr).toContain('is only for the user who runs it (permission denied)');
    const list = await peel(['users', 'list', '--json', '--store', held]);
    expect(JSON.parse(list.stdout).items.map((u: { name: string }) => u.name)).not.toContain('mallory');
  }, 60_000);

  it('a load through the channel does not hold up the API\'s readers', async () => {
    mkdirSync(join(dir, 'big'));
    const files = writeStreetSet(join(dir, 'big'), 6, 40_000);
    const load = peel(['ingest', ...files, '--store', held]);
    let loading = true;
    void load.then(() => (loading = false));
    const answered: number[] = [];
    // Reads made while the load runs are answered while it runs, each with a committed state.
    while (loading) {
      const t0 = Date.now();
      const h = await health(server!.url);
      if (loading) answered.push(Date.now() - t0);
      expect(h.store.forces_loaded).toBe(1);
      await new Promise((r) => setTimeout(r, 100));
    }
    const r = await load;
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('6 files: 6 loaded');
    expect(answered.length).toBeGreaterThan(0);
  }, 300_000);

  it('after `kill -9` the stale socket is no obstacle: commands run on their own, and the next `peel serve` replaces it', async () => {
    await stop(server, 'SIGKILL');
    expect(existsSync(`${held}.admin.sock`)).toBe(true);
    const alone = await peel(['status', '--json', '--store', held]);
    expect(alone.code, alone.stderr).toBe(0);
    expect(JSON.parse(alone.stdout).forces[0].force_id).toBe('kent');
    server = await serve(held);
    const st = lstatSync(`${held}.admin.sock`);
    expect(st.isSocket() && (st.mode & 0o777) === 0o600).toBe(true);
    const through = await peel(['status', '--json', '--store', held]);
    expect(through.code, through.stderr).toBe(0);
    expect(through.stdout).toBe(alone.stdout);
    expect(server.log()).toContain('admin channel: `peel status`');
    // A clean stop removes the socket.
    await stop(server);
    expect(existsSync(`${held}.admin.sock`)).toBe(false);
  }, 180_000);
});
