/**
 * `peel` starts fast (issue #21): `--version` answers without loading any command, and the
 * bundle that `npm ci` builds (dist/peel.mjs) is used only while it is newer than the sources.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir, writeStreetSet } from '../helpers/police-uk.ts';
import { REPO_ROOT } from '../helpers/shared.ts';
import { buildProgram } from '../../src/cli/index.ts';

const PEEL = join(REPO_ROOT, 'bin', 'peel.mjs');

describe('peel start-up', () => {
  it('answers --version with the package version, the same one commander reports', async () => {
    const r = spawnSync(process.execPath, [PEEL, '--version'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(r.stdout.trim()).toBe(pkg.version);
    expect((await buildProgram()).version()).toBe(pkg.version);
  });

  it('still runs every command (help lists them), from the bundle or the sources', { timeout: 60_000 }, () => {
    const r = spawnSync(process.execPath, [PEEL, '--help'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    for (const c of ['ingest', 'status', 'audit', 'serve', 'detect', 'demo']) expect(r.stdout).toContain(c);
  });

  it('names a bad path in one line', { timeout: 60_000 }, () => {
    const r = spawnSync(process.execPath, [PEEL, 'ingest', '/no/such/file.csv', '--store', join(REPO_ROOT, 'test-output', 'startup.duckdb')], { encoding: 'utf8' });
    expect(r.status).toBe(3);
    expect(r.stderr).toBe('peel: cannot read /no/such/file.csv: no such file or folder\n');
  });

  describe('the bundle npm ci builds', () => {
    it('keeps every file-relative URL pointing at a source file that exists', { timeout: 120_000 }, () => {
      const b = spawnSync(process.execPath, [join(REPO_ROOT, 'bin', 'build-cli.mjs')], { encoding: 'utf8' });
      expect(b.status, b.stderr).toBe(0);
      const dist = join(REPO_ROOT, 'dist');
      const urls: string[] = [];
      for (const f of readdirSync(dist).filter((n) => n.endsWith('.mjs'))) {
        for (const m of readFileSync(join(dist, f), 'utf8').matchAll(/new URL\("([^"]+)", import\.meta\.url\)/g)) urls.push(fileURLToPath(new URL(m[1], `file://${dist}/${f}`)));
      }
      expect(urls.some((u) => u.endsWith(join('src', 'store', 'duckdb', 'h3-cells.ts')))).toBe(true);
      for (const u of urls) expect(existsSync(u), u).toBe(true);
    });

    it('loads a file with enough new points to start the H3 worker threads', { timeout: 300_000 }, () => {
      const b = spawnSync(process.execPath, [join(REPO_ROOT, 'bin', 'build-cli.mjs')], { encoding: 'utf8' });
      expect(b.status, b.stderr).toBe(0);
      const dir = tempDir();
      const [file] = writeStreetSet(dir, 1, 25_000);
      const r = spawnSync(process.execPath, [PEEL, 'ingest', file, '--store', join(dir, 'peel.duckdb'), '--json'], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout).batches[0]).toMatchObject({ rows_read: 25_000, rows_loaded: 25_000 });
    });
  });
});
