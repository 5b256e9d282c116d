import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { openDb } from '../../src/store/duckdb/db.ts';
import { REPO_ROOT } from '../helpers/shared.ts';
import { tempDir, writeStreetSet } from '../helpers/police-uk.ts';

const PEEL = join(REPO_ROOT, 'bin', 'peel.mjs');

async function invariants(path: string) {
  const db = await openDb(path);
  try {
    const [r] = await db.all<{ rows: number; distinct_ids: number; held: number; batches: number; loaded: number; cube: number; audited: number }>(`
      SELECT (SELECT count(*) FROM street) AS rows,
             (SELECT count(DISTINCT (force_id, month, row_id)) FROM street) AS distinct_ids,
             (SELECT coalesce(sum(rows), 0) FROM force_months WHERE kind = 'street') AS held,
             (SELECT count(*) FROM batches WHERE status <> 'unchanged') AS batches,
             (SELECT coalesce(sum(rows_loaded), 0) FROM batches WHERE status <> 'unchanged') AS loaded,
             (SELECT coalesce(sum(n), 0) FROM cube) AS cube,
             (SELECT count(*) FROM audit_events WHERE action IN ('collection', 'alteration')) AS audited`);
    return r;
  } finally {
    db.close();
  }
}

describe('a load killed part-way (SIGKILL)', () => {
  it('leaves no partial batch and no duplicate rows, and a re-run completes the load', { timeout: 400_000 }, async () => {
    const dir = tempDir();
    const data = join(dir, 'data');
    spawnSync('mkdir', ['-p', data]);
    writeStreetSet(data, 16, 10_000);
    const store = join(dir, 'peel.duckdb');
    const total = 16 * 10_000;

    // Time a whole run on a scratch store, then kill a real run part-way through its load.
    const t0 = performance.now();
    const full = spawnSync(process.execPath, [PEEL, 'ingest', data, '--store', join(dir, 'scratch.duckdb'), '--json'], { encoding: 'utf8' });
    expect(full.status, full.stderr).toBe(0);
    const duration = performance.now() - t0;
    let after: Awaited<ReturnType<typeof invariants>> | undefined;
    for (const fraction of [0.75, 0.6, 0.45]) {
      spawnSync('rm', ['-f', store, `${store}.wal`]);
      const child = spawn(process.execPath, [PEEL, 'ingest', data, '--store', store, '--json'], { stdio: 'ignore' });
      await new Promise((r) => setTimeout(r, duration * fraction));
      child.kill('SIGKILL');
      await new Promise((r) => child.on('exit', r));
      const state = await invariants(store).catch(() => undefined);
      if (state && state.rows < total) {
        after = state;
        break;
      }
    }
    expect(after, 'the kill should land before the load finished').toBeDefined();
    if (!after) return;
    expect(after.distinct_ids).toBe(after.rows);
    expect(after.held).toBe(after.rows);
    expect(after.loaded).toBe(after.rows);
    expect(after.cube).toBe(after.rows);
    // Each committed batch's audit event committed with it: the kill cannot leave a load unaudited.
    expect(after.audited).toBe(after.batches);

    const rerun = spawnSync(process.execPath, [PEEL, 'ingest', data, '--store', store, '--json'], { encoding: 'utf8' });
    expect(rerun.status, rerun.stderr).toBe(0);
    const report = JSON.parse(rerun.stdout) as { batches: Array<{ rows_read: number; rows_loaded: number; status: string }> };
    expect(report.batches).toHaveLength(16);
    const final = await invariants(store);
    expect(final).toMatchObject({ rows: total, distinct_ids: total, held: total, loaded: total, cube: total });
    expect(final.audited).toBe(final.batches);
  });
});
