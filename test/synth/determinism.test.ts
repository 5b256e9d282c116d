/** `peel synth` is deterministic: the same arguments give byte-identical files, another seed does not. */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/shared.ts';
import { listFiles, tempDir } from './helpers.ts';

const ARGS = ['--forces', 'gwent,city-of-london', '--end', '2023-06', '--months', '7', '--scale', '0.05', '--narratives', '40'];

function peelSynth(out: string, seed: number): void {
  execFileSync(process.execPath, [join(REPO_ROOT, 'bin/peel.mjs'), 'synth', '--out', out, '--seed', String(seed), ...ARGS, '--json'], { cwd: REPO_ROOT, stdio: 'pipe' });
}

function digests(dir: string): Map<string, string> {
  return new Map(listFiles(dir).map((f) => [f, createHash('sha256').update(readFileSync(join(dir, f))).digest('hex')]));
}

describe('peel synth determinism', () => {
  const root = tempDir('synth-det');
  let a: Map<string, string>, b: Map<string, string>, c: Map<string, string>;
  beforeAll(() => {
    peelSynth(join(root, 'a'), 7);
    peelSynth(join(root, 'b'), 7);
    peelSynth(join(root, 'c'), 8);
    a = digests(join(root, 'a'));
    b = digests(join(root, 'b'));
    c = digests(join(root, 'c'));
  }, 120_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('writes the archive layout: street, outcomes and stop-and-search per force-month, geography and truth', () => {
    const names = [...a.keys()];
    expect(names).toContain('truth.json');
    expect(names).toContain('2023-01/2023-01-gwent-street.csv');
    expect(names).toContain('2023-01/2023-01-gwent-outcomes.csv');
    expect(names).toContain('2023-01/2023-01-gwent-stop-and-search.csv');
    expect(names).toContain('geography/lsoa_latlong.csv');
    expect(names.filter((n) => n.endsWith('-street.csv')).length).toBeGreaterThanOrEqual(12);
  });

  it('gives byte-identical files for the same seed and arguments', () => {
    expect([...b.keys()]).toEqual([...a.keys()]);
    for (const [name, digest] of a) expect(b.get(name), name).toBe(digest);
  });

  it('gives different files for a different seed', () => {
    const street = [...a.keys()].filter((n) => n.endsWith('-street.csv') && c.has(n));
    expect(street.length).toBeGreaterThan(0);
    for (const n of street) expect(c.get(n), n).not.toBe(a.get(n));
  });
});
