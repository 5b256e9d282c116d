/**
 * `peel` starts fast (issue #21): `--version` answers without loading any command, and the
 * bundle that `npm ci` builds (dist/peel.mjs) is used only while it is newer than the sources.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/shared.ts';
import { buildProgram } from '../../src/cli/index.ts';

const PEEL = join(REPO_ROOT, 'bin', 'peel.mjs');

describe('peel start-up', () => {
  it('answers --version with the package version, the same one commander reports', () => {
    const r = spawnSync(process.execPath, [PEEL, '--version'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(r.stdout.trim()).toBe(pkg.version);
    expect(buildProgram().version()).toBe(pkg.version);
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
});
