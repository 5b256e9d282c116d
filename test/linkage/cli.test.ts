/**
 * `peel link` as a user runs it: one file deduplicated, two files linked, the JSON summary's
 * exact keys, the pairs and clusters CSVs, an explained pair, and one clear line for bad input.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/shared.ts';

const PEEL = join(REPO_ROOT, 'bin', 'peel.mjs');

function peel(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('PEEL_')));
    const p = spawn(process.execPath, [PEEL, ...args], { env });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (c) => (stdout += c));
    p.stderr.on('data', (c) => (stderr += c));
    p.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

// 60 people, each written once in A; 40 of them again in B with the errors of real records.
const FORE = ['Jonathan', 'Sarah', 'Mohammed', 'Emily', 'David', 'Priya', 'Thomas', 'Chloe', 'Kwame', 'Aoife'];
const SUR = ['Smith', 'Khan', 'Okafor', 'Williams', 'Nowak', 'Patel', 'Evans', 'Brown', 'Murphy', 'Taylor', 'Hughes', 'Begum'];
const person = (i: number) => ({
  first: FORE[i % FORE.length], last: SUR[(i * 7) % SUR.length],
  dob: `19${60 + (i % 39)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + ((i * 5) % 28)).padStart(2, '0')}`,
  postcode: `LS${1 + (i % 20)} ${i % 10}Q${'ABDEFGHJ'[i % 8]}`,
});

describe('peel link', () => {
  let dir: string;
  let a: string;
  let b: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'peel-link-'));
    a = join(dir, 'a.csv');
    b = join(dir, 'b.csv');
    const rowsA = ['id,first_name,surname,dob,postcode'];
    const rowsB = ['id,first_name,surname,dob,postcode'];
    for (let i = 0; i < 60; i++) {
      const p = person(i);
      rowsA.push(`A${i},${p.first},${p.last},${p.dob},${p.postcode}`);
      if (i < 40) {
        const [y, m, d] = p.dob.split('-');
        const first = i % 4 === 0 ? p.first.slice(0, -1) : p.first.toUpperCase();
        const last = i % 5 === 0 ? `${p.last.slice(0, 2)}${p.last[3]}${p.last[2]}${p.last.slice(4)}` : p.last;
        rowsB.push(`B${i},${first},"${last}",${d}/${m}/${y},${p.postcode.replace(' ', '').toLowerCase()}`);
      }
    }
    writeFileSync(a, `${rowsA.join('\n')}\n`);
    writeFileSync(b, `${rowsB.join('\r\n')}\r\n`);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('links two files: the JSON summary, the pairs and the clusters', async () => {
    const pairs = join(dir, 'pairs.csv');
    const clusters = join(dir, 'clusters.csv');
    const r = await peel(['link', '--in', a, '--in', b, '--id-column', 'id', '--threshold', '0.9', '--pairs-out', pairs, '--clusters-out', clusters, '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(Object.keys(s).sort()).toEqual(['candidate_pairs', 'clusters', 'lambda', 'm', 'pairs_above_threshold', 'records', 'seconds', 'u'].sort());
    expect(s.records).toBe(100);
    expect(Object.keys(s.m)).toEqual(['first_name', 'surname', 'dob', 'postcode']);
    expect(Object.keys(s.m.dob)).toEqual(['different', 'within_a_year', 'day_month_transposed', 'exact']);
    expect(Object.keys(s.u.postcode)).toEqual(['different', 'district', 'sector', 'exact']);
    const lines = readFileSync(pairs, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('id_a,id_b,match_probability,match_weight');
    expect(lines.length - 1).toBe(s.pairs_above_threshold);
    const found = lines.slice(1).map((l) => l.split(','));
    // Every pair is A with B, the right one (same number), and nearly all 40 are found.
    for (const [x, y, p] of found) {
      expect(x.slice(1)).toBe(y.slice(1));
      expect(x[0] + y[0]).toBe('AB');
      expect(Number(p)).toBeGreaterThanOrEqual(0.9);
    }
    expect(found.length).toBeGreaterThanOrEqual(36);
    const cl = readFileSync(clusters, 'utf8').trim().split('\n');
    expect(cl[0]).toBe('id,cluster_id');
    expect(cl.length - 1).toBe(100);
    const of = new Map(cl.slice(1).map((l) => l.split(',') as [string, string]));
    expect(of.get('A3')).toBe(of.get('B3'));
    expect(of.get('A3')).not.toBe(of.get('A4'));
    expect(s.clusters).toBe(new Set(of.values()).size);
  }, 60_000);

  it('explains a pair in words', async () => {
    const r = await peel(['link', '--in', a, '--in', b, '--id-column', 'id', '--explain-ids', 'A10,B10']);
    expect(r.status).toBe(0);
    const block = r.stdout.slice(r.stdout.indexOf('A10 ~ B10'));
    expect(block).toMatch(/first name Jonathan [=~] \S+ \(/);
    expect(block).toMatch(/dob \d{4}-\d{2}-\d{2} = \d{2}\/\d{2}\/\d{4} \(exact\): \+\d+\.\d/);
    expect(block).toMatch(/postcode \S+ \S+ = \S+ \(exact\): \+/);
    expect(block).toMatch(/match weight -?\d+\.\d: probability /);
  }, 60_000);

  it('deduplicates one file', async () => {
    const r = await peel(['link', '--in', a, '--id-column', 'id', '--json']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).records).toBe(60);
  }, 60_000);

  it('refuses bad input with one line naming the file, line and value', async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'id,name\n1,Ann\n2,Bob,extra\n');
    let r = await peel(['link', '--in', bad, '--id-column', 'id']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`peel: line 3 of ${bad}: 3 values for 2 columns: "2,Bob,extra"\n`);
    writeFileSync(bad, 'id,name\n1,Ann\n1,Bob\n');
    r = await peel(['link', '--in', bad, '--id-column', 'id']);
    expect(r.stderr).toBe(`peel: line 3 of ${bad}: id "1" repeats line 2\n`);
    r = await peel(['link', '--in', a, '--id-column', 'ref']);
    expect(r.stderr).toContain('no id column "ref"');
    r = await peel(['link', '--in', a, '--id-column', 'id', '--threshold', '1.5']);
    expect(r.stderr).toContain('--threshold must be a probability strictly between 0 and 1, got "1.5"');
    r = await peel(['link', '--in', a, '--id-column', 'id', '--fields', 'first_name,height']);
    expect(r.stderr).toContain(`field "height" is not a column of ${a}`);
    r = await peel(['link', '--in', a, '--id-column', 'id', '--block', 'dob:district']);
    expect(r.stderr).toContain('district applies to postcode fields, and dob is compared as date');
  }, 240_000);
});
