/** The admin channel's frames and socket, in-process: parsing at the boundary, and what `openAdminChannel` does with what it finds. */
import { describe, expect, it } from 'vitest';
import { existsSync, lstatSync, readFileSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ServerFrame, frameReader } from '../../src/admin/protocol.ts';
import { forwardToServer, openAdminChannel } from '../../src/admin/index.ts';
import { tempDir } from '../helpers/police-uk.ts';

describe('frames', () => {
  it('reads frames split anywhere, even inside a character', () => {
    const got: unknown[] = [];
    const read = frameReader(ServerFrame, (f) => got.push(f), (why) => got.push(`bad: ${why}`));
    const bytes = Buffer.from('{"t":"out","d":"Gwasanaeth Heddlu — ✓"}\n{"t":"exit","code":0}\n');
    for (let i = 0; i < bytes.length; i += 3) read(bytes.subarray(i, i + 3));
    expect(got).toEqual([{ t: 'out', d: 'Gwasanaeth Heddlu — ✓' }, { t: 'exit', code: 0 }]);
  });

  it('refuses a line that is not JSON, or not a frame, and reads nothing after it', () => {
    for (const line of ['not json', '{"t":"shell","cmd":"rm -rf /"}', '{"t":"exit","code":"0"}']) {
      const got: unknown[] = [];
      const read = frameReader(ServerFrame, (f) => got.push(f), (why) => got.push(`bad: ${why}`));
      read(Buffer.from(`${line}\n{"t":"exit","code":0}\n`));
      expect(got).toHaveLength(1);
      expect(String(got[0])).toMatch(/^bad: /);
    }
  });
});

describe('the socket', () => {
  const echo = async () => 0;

  it('is created 0600 beside the store, runs a request, and is removed on close', async () => {
    const store = join(tempDir('peel-sock-'), 's.duckdb');
    writeFileSync(store, '');
    const ch = await openAdminChannel({ storePath: store, run: async (req, t) => (t.write('out', `hello ${req.argv.join(' ')}\n`), 3) });
    expect(ch.path).toBe(`${store}.admin.sock`);
    expect(lstatSync(ch.path).mode & 0o777).toBe(0o600);
    let out = '';
    const code = await forwardToServer(store, { argv: ['status'], cwd: '/', env: {}, uid: process.getuid!(), user: 't', stdinTTY: false },
      { out: (t) => (out += t), err: () => undefined, readStdin: async () => '', prompt: async () => '' });
    expect(code).toBe(3);
    expect(out).toBe('hello status\n');
    await ch.close();
    expect(existsSync(ch.path)).toBe(false);
    // With no socket, the client says so (null) and the command runs on its own.
    expect(await forwardToServer(store, { argv: [], cwd: '/', env: {}, uid: 0, user: 't', stdinTTY: false },
      { out: () => undefined, err: () => undefined, readStdin: async () => '', prompt: async () => '' })).toBeNull();
  });

  it('replaces a stale socket, but leaves a regular file and a live socket alone', async () => {
    const dir = tempDir('peel-sock-');
    const store = join(dir, 's.duckdb');
    // Stale: the socket of a process killed with SIGKILL, which had no chance to remove it.
    const holder = spawn(process.execPath, ['-e', `require('node:net').createServer().listen(${JSON.stringify(`${store}.admin.sock`)}, () => console.log('up'))`]);
    await new Promise((r) => holder.stdout.once('data', r));
    const gone = new Promise((r) => holder.once('exit', r));
    holder.kill('SIGKILL');
    await gone;
    expect(lstatSync(`${store}.admin.sock`).isSocket()).toBe(true);
    const ch = await openAdminChannel({ storePath: store, run: echo });
    // Live: a second channel on the same path is refused.
    await expect(openAdminChannel({ storePath: store, run: echo })).rejects.toThrow(/another server's admin channel answers/);
    await ch.close();

    const other = join(dir, 'o.duckdb');
    writeFileSync(`${other}.admin.sock`, 'keep me');
    await expect(openAdminChannel({ storePath: other, run: echo })).rejects.toThrow(/is not a socket/);
    expect(readFileSync(`${other}.admin.sock`, 'utf8')).toBe('keep me');
  });
});
