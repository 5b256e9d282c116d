/**
 * The method (MO) features of each narrative record (migration 0502-record-methods): one row per
 * (force_id, record_id) with the features and evidence as JSON text, the extractor version and
 * the load (batch_id) of the narrative they were read from, so a reloaded narrative is seen as
 * needing its methods read again. Kept apart from the narratives' own load transaction: a record
 * whose methods are missing or stale is found by `stale` and filled by `save` (the backfill).
 */
import type { Db } from './db.ts';
import type { Migration } from './schema.ts';
import type { MethodRow, MethodCrimeRow, MethodsStore, StaleMethodRow } from '../types/methods.ts';

export const METHODS_MIGRATIONS: readonly Migration[] = [
  {
    id: '0502-record-methods',
    statements: [
      // key (force_id, record_id)
      `CREATE TABLE record_methods (
        force_id VARCHAR NOT NULL, record_id VARCHAR NOT NULL, batch_id VARCHAR NOT NULL, version INTEGER NOT NULL,
        features VARCHAR NOT NULL, evidence VARCHAR NOT NULL)`,
    ],
  },
];

const SEP = '\u001f';

export function methodsStore(db: Db): MethodsStore {
  return {
    stale: (version, limit) => db.all<StaleMethodRow & Record<string, unknown>>(
      `SELECT n.force_id, n.record_id, n.batch_id, strftime(n.occurred_at, '%Y-%m-%dT%H:%M:%SZ') AS occurred_at, n.narrative
       FROM narratives n ANTI JOIN record_methods m
         ON m.force_id = n.force_id AND m.record_id = n.record_id AND m.batch_id = n.batch_id AND m.version = ?
       ORDER BY n.force_id, n.record_id LIMIT ${Math.max(1, Math.floor(limit))}`, [version]),

    save: async (rows) => {
      if (!rows.length) return;
      await db.transaction(async () => {
        await db.run(`CREATE OR REPLACE TEMP TABLE stg_methods (force_id VARCHAR, record_id VARCHAR, batch_id VARCHAR, version INTEGER, features VARCHAR, evidence VARCHAR)`);
        const app = await db.appender('stg_methods', ['varchar', 'varchar', 'varchar', 'integer', 'varchar', 'varchar']);
        try {
          for (const r of rows) app.row([r.force_id, r.record_id, r.batch_id, r.version, r.features, r.evidence]);
        } finally {
          app.close();
        }
        await db.run(`DELETE FROM record_methods WHERE (force_id, record_id) IN (SELECT force_id, record_id FROM stg_methods)`);
        await db.run(`INSERT INTO record_methods SELECT DISTINCT ON (force_id, record_id) * FROM stg_methods ORDER BY force_id, record_id`);
        await db.run(`DROP TABLE IF EXISTS stg_methods`);
      });
    },

    crimes: async (q) => {
      const where = ['n.category IS NOT NULL'];
      const params: (string | number)[] = [];
      if (q.forces !== 'all') {
        if (!q.forces.length) return [];
        where.push(`n.force_id IN (SELECT unnest(string_split(?, '${SEP}')))`);
        params.push(q.forces.join(SEP));
      }
      if (q.category) (where.push('n.category = ?'), params.push(q.category));
      if (q.from) (where.push(`n.occurred_at >= (? || '-01')::DATE`), params.push(q.from));
      if (q.to) (where.push(`n.occurred_at < (? || '-01')::DATE + INTERVAL 1 MONTH`), params.push(q.to));
      const sensitive = q.sensitive ?? 'all';
      if (sensitive !== 'all') {
        where.push(`(n.classification <> 'OFFICIAL-SENSITIVE' OR n.force_id IN (SELECT unnest(string_split(?, '${SEP}'))))`);
        params.push(sensitive.join(SEP));
      }
      return db.all<MethodCrimeRow & Record<string, unknown>>(
        `SELECT n.force_id, n.record_id, n.category, strftime(n.occurred_at, '%Y-%m-%dT%H:%M:%SZ') AS occurred_at, n.lon, n.lat, n.classification, m.features
         FROM narratives n JOIN record_methods m ON m.force_id = n.force_id AND m.record_id = n.record_id AND m.batch_id = n.batch_id
         WHERE ${where.join(' AND ')} ORDER BY n.occurred_at, n.force_id, n.record_id`, params);
    },

    count: async () => (await db.one<{ n: number }>(`SELECT count(*) AS n FROM record_methods`))?.n ?? 0,
  };
}
