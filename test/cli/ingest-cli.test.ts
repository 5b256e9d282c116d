/**
 * `peel ingest` as a user sees it: each group printed as it commits, the shrink guard's refusal
 * after the lines of what was committed (one error line, exit 5), and `--allow-shrink`.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/shared.ts';
import { STREET_HEADER, crimeId, streetRow, tempDir, writeLines } from '../helpers/police-uk.ts';

const PEEL = join(REPO_ROOT, 'bin', 'peel.mjs');
const peel = (...args: string[]) => spawnSync(process.execPath, [PEEL, ...args], { encoding: 'utf8' });
const rows = (n: number, month: string, seed = '') => Array.from({ length: n }, (_, i) => streetRow({ id: crimeId(`${month}${i}${seed}`), month }));

describe('peel ingest and the shrink guard', () => {
  it('prints what committed, then refuses the shrinking file in one line with exit 5, and --allow-shrink replaces it showing before and after', () => {
    const dir = tempDir();
    const store = join(dir, 'p.duckdb');
    writeLines(join(dir, '2024-03-kent-street.csv'), [STREET_HEADER, ...rows(10, '2024-03')]);
    expect(peel('ingest', join(dir, '2024-03-kent-street.csv'), '--store', store).status).toBe(0);
    mkdirSync(join(dir, 'new'));
    const small = writeLines(join(dir, 'new', '2024-03-kent-street.csv'), [STREET_HEADER, ...rows(3, '2024-03', 'b')]);
    const april = writeLines(join(dir, 'new', '2024-04-kent-street.csv'), [STREET_HEADER, ...rows(2, '2024-04')]);
    const r = peel('ingest', small, april, '--store', store);
    expect(r.status, r.stderr).toBe(5);
    expect(r.stdout).toMatch(/^refused\s+street\s+kent\s+2024-03\s+read 3 = loaded 3 \+ quarantined 0  rows held 10, offered 3: nothing written/m);
    expect(r.stdout).toMatch(/^loaded\s+street\s+kent\s+2024-04\s+read 2 = loaded 2/m);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('would replace street kent 2024-03 (10 rows held) with 3 rows');
    expect(r.stderr).toContain('--allow-shrink');
    const ok = peel('ingest', small, '--store', store, '--allow-shrink');
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/^replaced\s+street\s+kent\s+2024-03\s+read 3 = loaded 3 \+ quarantined 0  rows before 10, after 3/m);
    expect(ok.stdout).toContain('1 files: 1 replaced');
  });
});
