/**
 * `peel demo --data DIR` on real-format files: it loads the narrative records found under
 * DIR/narratives (as in ../shared/data/narratives/labelled/records.ndjson) besides the street
 * files, so the investigator's pages have records, and tests each force on its own month.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/shared.ts';
import { STREET_HEADER, streetRow, tempDir, writeLines } from '../helpers/police-uk.ts';
import { NARRATIVES, writeNdjson } from '../records/fixtures.ts';

const PEEL = join(REPO_ROOT, 'bin', 'peel.mjs');

describe('peel demo --data', () => {
  it('loads the narratives under DIR/narratives and creates the investigator for their forces', () => {
    const dir = tempDir();
    const data = join(dir, 'data');
    mkdirSync(join(data, 'police_uk/street/kent'), { recursive: true });
    mkdirSync(join(data, 'narratives/labelled'), { recursive: true });
    writeLines(join(data, 'police_uk/street/kent/2024-03-kent-street.csv'), [STREET_HEADER, streetRow(), streetRow()]);
    writeNdjson(join(data, 'narratives/labelled/records.ndjson'), NARRATIVES);
    writeNdjson(join(data, 'narratives/labelled/labels.ndjson'), [{ record_id: 'K-1', entities: [] }]);
    const store = join(dir, 'p.duckdb');
    const r = spawnSync(process.execPath, [PEEL, 'demo', '--data', data, '--no-serve', '--store', store], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/loading narrative records \(narratives\/labelled\/records\.ndjson\)/);
    expect(r.stderr).toMatch(/4 narrative records loaded and indexed/);
    expect(r.stderr).toMatch(/each force on its own latest month/);
    expect(r.stdout).toMatch(/sign in as "demo-investigator"/);
  }, 120_000);
});
