/**
 * The insert of a group's valid rows into its fact table, with their stable ids: a Crime ID
 * unique in its force-month is the row's id; repeated Crime IDs, rows without one and
 * stop-and-search rows get a hash of their content, numbered in file order when identical
 * (docs/ingest.md, "Stable ids").
 */
import type { DatasetKind } from '../../standard/index.ts';
import { h3ParentSql, type Db } from './db.ts';
import { OUTCOMES_STORED_COLUMNS, STREET_STORED_COLUMNS } from './schema.ts';

/**
 * The INSERT of validated rows into the kind's fact table. `src` is a subquery with the columns of
 * `v` plus `row_key` (street, outcomes: the row id where it is not the Crime ID, else NULL) or
 * `row_id` (stop-and-search). Columns are named: street and outcomes have a generated `row_id`.
 */
function insertSql(kind: DatasetKind, src: string): string {
  const derived: Record<string, string> = {
    located: 'g.h3_r9 IS NOT NULL AND g.lon IS NOT NULL', h3_r7: h3ParentSql('g.h3_r9', 7), h3_r8: h3ParentSql('g.h3_r9', 8),
  };
  const into = (table: string, cols: readonly string[]) =>
    `INSERT INTO ${table} (${cols.join(', ')}) SELECT ${cols.map((c) => derived[c] ?? `g.${c}`).join(', ')} FROM (${src}) g`;
  switch (kind) {
    case 'street':
      return into('street', STREET_STORED_COLUMNS);
    case 'outcomes':
      return into('outcomes', OUTCOMES_STORED_COLUMNS);
    case 'stop_search':
      return into('stop_search', ['force_id', 'month', 'row_id', 'search_type', 'occurred_at', 'part_of_operation',
        'operation_name', 'lon', 'lat', 'gender', 'age_range', 'self_defined_ethnicity', 'officer_defined_ethnicity',
        'legislation', 'object_of_search', 'outcome', 'outcome_linked', 'removal_of_outer_clothing', 'located', 'h3_r7',
        'h3_r8', 'h3_r9', 'batch_id']);
    default: {
      const never: never = kind;
      throw new Error(`unknown kind ${String(never)}`);
    }
  }
}

/**
 * Inserts a group's valid rows with their stable ids. A Crime ID that is
 * unique in its force-month is the row's id (the fast path: most rows). Repeated Crime IDs (all
 * copies kept) get the id plus a hash of the row's content; rows without an ID (anti-social
 * behaviour) and stop-and-search rows get a hash of their content. Identical copies are
 * numbered in file order.
 */
export async function insertRows(db: Db, kind: DatasetKind): Promise<void> {
  const numbered = (key: string) =>
    `CASE WHEN row_number() OVER (PARTITION BY force_id, month, ${key} ORDER BY _rid) > 1
          THEN ':' || row_number() OVER (PARTITION BY force_id, month, ${key} ORDER BY _rid) ELSE '' END`;
  if (kind === 'stop_search') {
    await db.run(insertSql(kind, `SELECT *, 'ss-' || substr(content, 1, 20) || ${numbered('content')} AS row_id FROM (SELECT rowid AS _rid, * FROM v) WHERE ok`));
    return;
  }
  const content = kind === 'street'
    ? `md5(concat_ws('|', month, lon, lat, location, lsoa_code, lsoa_name, category, outcome))`
    : `md5(concat_ws('|', month, lon, lat, location, lsoa_code, lsoa_name, outcome))`;
  // Repeated Crime IDs: candidates by a 64-bit hash of the key (grouping integers, not 64-character
  // strings), then confirmed on the key itself.
  await db.run(`CREATE OR REPLACE TEMP TABLE dup AS
    WITH cand AS (SELECT hash(force_id, month, crime_id) AS h FROM v WHERE ok AND crime_id IS NOT NULL GROUP BY ALL HAVING count(*) > 1)
    SELECT force_id, month, crime_id FROM v WHERE ok AND crime_id IS NOT NULL AND hash(force_id, month, crime_id) IN (SELECT h FROM cand)
    GROUP BY ALL HAVING count(*) > 1`);
  const anyDup = await db.one(`SELECT 1 AS x FROM dup LIMIT 1`);
  const withDup = anyDup
    ? `SELECT v.rowid AS _rid, v.*, d.crime_id IS NOT NULL AS is_dup FROM v LEFT JOIN dup d ON d.force_id = v.force_id AND d.month = v.month AND d.crime_id = v.crime_id WHERE v.ok`
    : `SELECT v.rowid AS _rid, v.*, false AS is_dup FROM v WHERE v.ok`;
  // The fast path: the row id is the Crime ID, which the table does not store twice (row_key NULL).
  await db.run(insertSql(kind, `SELECT *, NULL::VARCHAR AS row_key FROM (${withDup}) WHERE crime_id IS NOT NULL AND NOT is_dup`));
  await db.run(insertSql(kind, `SELECT *, coalesce(crime_id, 'x') || ':' || substr(content, 1, 16) || ${numbered('crime_id, content')} AS row_key
      FROM (SELECT *, ${content} AS content FROM (${withDup}) WHERE crime_id IS NULL OR is_dup)`));
}
