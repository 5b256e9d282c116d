import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from '../../src/store/duckdb/db.ts';
import { REPO_ROOT } from '../helpers/shared.ts';

const PEEL = join(REPO_ROOT, 'bin', 'peel.mjs');
let dir: string;
let store: string;
const peel = (args: string[], input?: string) => spawnSync(process.execPath, [PEEL, ...args, '--store', store], { encoding: 'utf8', input: input ?? '' });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'peel-access-cli-'));
  store = join(dir, 'p.duckdb');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('peel users and peel audit', () => {
  it('adds an account with the password from stdin, refuses one without, and logs both as the local operator', () => {
    const ok = peel(['users', 'add', 'ana', '--role', 'force_analyst', '--force', 'kent', '--json'], 'a-long-enough-password\n');
    expect(ok.status, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ name: 'ana', role: 'force_analyst', forces: ['kent'] });
    const none = peel(['users', 'add', 'bob', '--role', 'auditor']);
    expect(none.status).not.toBe(0);
    expect(none.stderr).toMatch(/no password on stdin/);
    const weak = peel(['users', 'add', 'bob', '--role', 'auditor'], 'short\n');
    expect(weak.status).toBe(2);
    const demo = peel(['users', 'demo', '--name', 'demo', '--json']);
    expect(JSON.parse(demo.stdout).password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const log = JSON.parse(peel(['audit', '--action', 'user_added', '--json']).stdout) as { items: Array<{ actor: string; objectIds: string[] }> };
    expect(log.items.map((e) => e.objectIds[0])).toEqual(['user:demo', 'user:ana']);
    expect(log.items[0].actor).toMatch(/^cli:/);
  });

  it('verifies an intact chain, then fails and names the first bad event after the store is edited behind its back', async () => {
    peel(['tokens', 'add', 'kent-loader', '--permission', 'data:upload', '--force', 'kent']);
    const good = peel(['audit', 'verify', '--json']);
    expect(good.status, good.stderr).toBe(0);
    const g = JSON.parse(good.stdout);
    expect(g).toMatchObject({ ok: true, first_bad_event: null });
    expect(g.events).toBeGreaterThanOrEqual(4);

    const db = await openDb(store, { threads: 1 });
    await db.run(`UPDATE audit_events SET actor = 'cli:someone-else' WHERE seq = 2`);
    db.close();
    const bad = peel(['audit', 'verify', '--json']);
    expect(bad.status).toBe(1);
    expect(JSON.parse(bad.stdout)).toMatchObject({ ok: false, first_bad_event: 2 });
    const text = peel(['audit', 'verify']);
    expect(text.status).toBe(1);
    expect(text.stdout).toMatch(/BROKEN at event 2/);
  });

  it('names the event after a deleted one', async () => {
    const db = await openDb(store, { threads: 1 });
    await db.run(`DELETE FROM audit_events WHERE seq = 1`);
    db.close();
    const bad = peel(['audit', 'verify', '--json']);
    expect(bad.status).toBe(1);
    expect(JSON.parse(bad.stdout)).toMatchObject({ ok: false, first_bad_event: 2 });
  });
});
