/**
 * The store's seam holds: capabilities, the API, the CLI and the backend-neutral tests reach the
 * store only through its front door (`src/store/index.ts`); the declared interface
 * (`src/store/types/`) knows no database; every DuckDB namespace factory implements its declared
 * interface instead of defining one by its return type. Read from the source files, so a new import
 * that breaks the seam fails here.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { REPO_ROOT } from '../helpers/shared.ts';

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p));
    else if (/\.(ts|tsx|mts|mjs)$/.test(name)) out.push(p);
  }
  return out;
}

/** Every module specifier a file imports or re-exports (static and dynamic imports). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;'"]*?from\s+'([^']+)'/g)) specs.push(m[1]);
  for (const m of text.matchAll(/import\(\s*'([^']+)'\s*\)/g)) specs.push(m[1]);
  return specs;
}

const rel = (p: string) => relative(REPO_ROOT, p).split(sep).join('/');
const BACKEND = /(^|\/)store\/(duckdb|postgres)\//;

/**
 * Tests that run raw SQL against the DuckDB file to inspect or tamper with stored rows behind the
 * store's back (the audit chain, crash recovery, the fault corpus). They may reach the DuckDB layer
 * until the backend-neutral harness gives them another way; no other test may.
 */
const RAW_SQL_TESTS = new Set([
  'test/access/anchor-cli.test.ts',
  'test/access/audit.test.ts',
  'test/access/cli.test.ts',
  'test/ingest/crash.test.ts',
  'test/ingest/fixtures.test.ts',
  'test/ingest/real-data.test.ts',
  'test/faults/kill.ts',
  'test/faults/run.ts',
]);

/** The harness that runs a suite on each backend and reads stored rows of either (branch h-pg): it opens the backends' own layers by design. */
const HARNESS = new Set(['test/helpers/backends.ts']);

describe('the store seam', () => {
  it('no code outside src/store imports a backend folder', () => {
    const offenders = ['src', 'bench', 'bin', 'web/src'].flatMap((d) => filesUnder(join(REPO_ROOT, d)))
      .filter((f) => !rel(f).startsWith('src/store/'))
      .flatMap((f) => importsOf(f).filter((s) => BACKEND.test(s)).map((s) => `${rel(f)} imports ${s}`));
    expect(offenders).toEqual([]);
  });

  it('no test imports a backend folder except the backend\'s own tests, the raw-SQL tests and the backends harness', () => {
    const offenders = filesUnder(join(REPO_ROOT, 'test'))
      .filter((f) => !/^test\/store\/(duckdb|postgres)\//.test(rel(f)) && !RAW_SQL_TESTS.has(rel(f)) && !HARNESS.has(rel(f)))
      .flatMap((f) => importsOf(f).filter((s) => BACKEND.test(s)).map((s) => `${rel(f)} imports ${s}`));
    expect(offenders).toEqual([]);
  });

  it('the declared interface imports only itself, the standard and the config, and holds no SQL', () => {
    const files = filesUnder(join(REPO_ROOT, 'src', 'store', 'types'));
    expect(files.length).toBeGreaterThanOrEqual(12);
    const offenders: string[] = [];
    for (const f of files) {
      for (const s of importsOf(f)) {
        if (!/^\.\/[a-z-]+\.ts$/.test(s) && s !== '../../standard/index.ts' && s !== '../../config/index.ts') offenders.push(`${rel(f)} imports ${s}`);
      }
      const code = readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      for (const word of ['SELECT ', 'INSERT ', 'CREATE TABLE', 'DuckDB', 'Db)']) {
        if (code.includes(word)) offenders.push(`${rel(f)} has "${word}" outside comments`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('every DuckDB namespace factory returns its declared interface, none its own return type', () => {
    const dir = join(REPO_ROOT, 'src', 'store', 'duckdb');
    const offenders: string[] = [];
    let factories = 0;
    for (const f of filesUnder(dir)) {
      const text = readFileSync(f, 'utf8');
      if (/ReturnType<typeof/.test(text)) offenders.push(`${rel(f)} types something by ReturnType<typeof ...>`);
      for (const m of text.matchAll(/export function (\w+)\(db: Db\)(: (\w+))?/g)) {
        factories++;
        if (!m[3]) offenders.push(`${rel(f)}: ${m[1]} has no declared return type`);
      }
    }
    expect(factories).toBeGreaterThanOrEqual(9);
    expect(offenders).toEqual([]);
  });
});
