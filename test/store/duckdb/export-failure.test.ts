/**
 * A failed export leaves nothing behind (no partial file or folder, not even the folders it made)
 * and says why in one line. The failure is made by renaming a table in the DuckDB file behind the
 * store's back, so this test is the embedded backend's.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { openStore } from '../../../src/store/index.ts';
import { openDb } from '../../../src/store/duckdb/db.ts';
import { tempDir } from '../../helpers/police-uk.ts';

describe('a failed export', () => {
  it('leaves nothing behind when an export fails, and says why in one line', async () => {
    // A store whose outcomes table has gone: the export fails after it has made its folders.
    const dir = tempDir('peel-export-failure-');
    const path = join(dir, 'broken.duckdb');
    const broken = await openStore({ store: path, threads: 1 });
    broken.close();
    const db = await openDb(path);
    await db.run(`ALTER TABLE outcomes RENAME TO outcomes_gone`);
    db.close();
    const again = await openStore({ store: path, threads: 1 });
    try {
      for (const format of ['csv', 'geojson', 'parquet'] as const) {
        const target = join(dir, 'failed', 'deeper', `outcomes-${format}`);
        const err = await again.exportTable('outcomes', format, target).then(() => null, (e: Error) => e);
        expect(err?.message).toMatch(/^export of outcomes as \w+ failed: /);
        expect(err?.message.split('\n')).toHaveLength(1);
        expect(existsSync(join(dir, 'failed'))).toBe(false);
        expect(readdirSync(dir).filter((f) => f.includes('partial'))).toEqual([]);
      }
    } finally {
      again.close();
    }
  });
});
