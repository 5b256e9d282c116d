/**
 * Reaching the PostgreSQL store: `--store postgres://...` and `PEEL_STORE` arrive unchanged (a URL
 * is no path: nothing resolves it or makes folders for it), `peel ingest` and `peel status` work on
 * it from separate processes, and what is not yet ported fails with a clear error naming it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadConfig, withOverrides } from '../../../src/config/index.ts';
import { isServerStore, openStore, type Store } from '../../../src/store/index.ts';
import { describePostgres } from '../../helpers/postgres.ts';
import { freshStoreName, releaseCluster, sharedCluster } from '../../helpers/backends.ts';
import { REPO_ROOT } from '../../helpers/shared.ts';
import { STREET_HEADER, crimeId, streetRow, tempDir, writeLines } from '../../helpers/police-uk.ts';

const PEEL = join(REPO_ROOT, 'bin', 'peel.mjs');

describe('a store URL in the config', () => {
  it('reaches the store unchanged from PEEL_STORE and --store, while a file name is still resolved', () => {
    const url = 'postgres://peel:s3cret@db.example:5432/peel';
    expect(loadConfig({ PEEL_STORE: url }).store).toBe(url);
    expect(withOverrides(loadConfig({}), { store: url }).store).toBe(url);
    expect(withOverrides(loadConfig({}), { store: 'postgresql://h/db' }).store).toBe('postgresql://h/db');
    expect(withOverrides(loadConfig({}), { store: 'x/peel.duckdb' }).store).toBe(resolve('x/peel.duckdb'));
    expect(isServerStore(url)).toBe(true);
    expect(isServerStore('./postgres/peel.duckdb')).toBe(false);
  });

  it('is loaded only for a URL: the front door imports the PostgreSQL store dynamically', () => {
    const src = readFileSync(join(REPO_ROOT, 'src', 'store', 'index.ts'), 'utf8');
    expect(src).not.toMatch(/^import[^\n]*['"]\.\/postgres\//m);
    expect(src).toMatch(/await import\('\.\/postgres\/index\.ts'\)/);
  });
});

describePostgres('the PostgreSQL store from the command line', () => {
  let url: string;
  beforeAll(async () => {
    await sharedCluster();
    url = await freshStoreName('postgres');
  });
  afterAll(async () => releaseCluster());

  it('ingests and answers status from separate processes, with --store and PEEL_STORE, creating no folder for the URL', () => {
    const dir = tempDir();
    const f = writeLines(join(dir, '2024-03-kent-street.csv'), [STREET_HEADER, ...Array.from({ length: 5 }, (_, i) => streetRow({ id: crimeId(`cli${i}`) }))]);
    const cwd = join(dir, 'cwd');
    mkdirSync(cwd);
    const ing = spawnSync(process.execPath, [PEEL, 'ingest', f, '--store', url], { encoding: 'utf8', cwd });
    expect(ing.status, ing.stderr).toBe(0);
    expect(ing.stdout + ing.stderr).toMatch(/read 5 = loaded 5 \+ quarantined 0/);
    const st = spawnSync(process.execPath, [PEEL, 'status', '--json'], { encoding: 'utf8', cwd, env: { ...process.env, PEEL_STORE: url } });
    expect(st.status, st.stderr).toBe(0);
    expect(JSON.parse(st.stdout)).toEqual({ forces: [{ force_id: 'kent', months: ['2024-03'], rows: { street: 5, outcomes: 0, stop_search: 0 } }] });
    expect(existsSync(join(cwd, 'postgres:'))).toBe(false);
  });

  it('says that export needs the embedded store, in a PeelError, instead of answering wrongly', async () => {
    const store: Store = await openStore({ store: url });
    try {
      expect((await store.geography.status()).boundaries).toBe(0);
      const err = await Promise.resolve().then(() => store.exportTable('street', 'csv', join(tempDir(), 'never.csv'))).then(() => null, (e: unknown) => e as { code: string; message: string });
      expect(err?.code).toBe('not_available');
      expect(err?.message).toMatch(/export is not yet available on the PostgreSQL store/);
    } finally {
      store.close();
    }
  });

  it('says which server it cannot reach, without the password', async () => {
    const err = await openStore({ store: 'postgres://peel:hunter2@127.0.0.1:1/none' }).then(() => null, (e: unknown) => e as Error);
    expect(err?.message).toMatch(/^cannot open the store postgres:\/\/peel:\*\*\*@127\.0\.0\.1:1\/none/);
    expect(err?.message).not.toContain('hunter2');
  });
});
