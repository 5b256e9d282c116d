/**
 * A store killed before its first checkpoint opens again: every migration's statement must replay
 * from DuckDB's write-ahead log. (`ALTER TABLE … ADD COLUMN … VARCHAR[] DEFAULT []` did not — DuckDB
 * 1.5 fails the replay with "no default database set" — so a `peel ingest` killed in its first
 * seconds left a store that would not open.)
 */
import { expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openStore } from '../../../src/store/index.ts';
import { MIGRATIONS } from '../../../src/store/duckdb/schema.ts';
import { REPO_ROOT } from '../../helpers/shared.ts';
import { tempDir } from '../../helpers/police-uk.ts';

it('replays every migration from the WAL after a kill -9 before the first checkpoint', async () => {
  const dir = tempDir();
  const path = join(dir, 'peel.duckdb');
  // A child creates and migrates the store, then is killed before it can close (and checkpoint) it.
  const script = join(dir, 'child.mts');
  writeFileSync(script, `const { openStore } = await import(${JSON.stringify(join(REPO_ROOT, 'src/store/index.ts'))});
await openStore({ store: ${JSON.stringify(path)} });
process.kill(process.pid, 'SIGKILL');
`);
  const child = spawnSync(process.execPath, [join(REPO_ROOT, 'bin/run-ts.mjs'), script], { encoding: 'utf8' });
  expect(child.signal, child.stderr).toBe('SIGKILL');
  expect(existsSync(`${path}.wal`), 'the migrations should still be in the WAL').toBe(true);
  const store = await openStore({ store: path });
  try {
    expect(await store.migrations()).toEqual(MIGRATIONS.map((m) => m.id).sort());
  } finally {
    store.close();
  }
});
