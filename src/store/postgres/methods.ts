/**
 * Each narrative's method (MO) features on PostgreSQL (see src/store/duckdb/methods.ts): the
 * stale ones to read, saving them (one transaction), and the crimes series linkage reads. Text is
 * ordered byte-wise (`COLLATE "C"`), as DuckDB orders it.
 */
import type { Db } from '../sql/db.ts';
import type { MethodCrimeRow, MethodsStore, StaleMethodRow } from '../types/methods.ts';

const ISO = `'YYYY-MM-DD"T"HH24:MI:SS"Z"'`;

export function methodsStorePg(db: Db): MethodsStore {
  return {
    stale: (version, limit) => db.all<StaleMethodRow & Record<string, unknown>>(
      `SELECT n.force_id, n.record_id, n.batch_id, to_char(n.occurred_at, ${ISO}) AS occurred_at, n.narrative
       FROM narratives n WHERE NOT EXISTS (
         SELECT 1 FROM record_methods m
         WHERE m.force_id = n.force_id AND m.record_id = n.record_id AND m.batch_id = n.batch_id AND m.version = ?)
       ORDER BY n.force_id COLLATE "C", n.record_id COLLATE "C" LIMIT ${Math.max(1, Math.floor(limit))}`, [version]),

    save: async (rows) => {
      if (!rows.length) return;
      // The last row of a record wins, as DuckDB's DISTINCT ON over the staged rows keeps one.
      const byKey = new Map(rows.map((r) => [`${r.force_id}\u0000${r.record_id}`, r]));
      await db.transaction(async () => {
        for (const r of byKey.values()) {
          await db.run(`DELETE FROM record_methods WHERE force_id = ? AND record_id = ?`, [r.force_id, r.record_id]);
          await db.run(`INSERT INTO record_methods VALUES (?, ?, ?, ?, ?, ?)`, [r.force_id, r.record_id, r.batch_id, r.version, r.features, r.evidence]);
        }
      });
    },

    crimes: async (q) => {
      const where = ['n.category IS NOT NULL'];
      const params: (string | number)[] = [];
      if (q.forces !== 'all') {
        if (!q.forces.length) return [];
        where.push(`n.force_id = ANY(?::varchar[])`);
        params.push(`{${q.forces.map((f) => `"${f}"`).join(',')}}`);
      }
      if (q.category) (where.push('n.category = ?'), params.push(q.category));
      if (q.from) (where.push(`n.occurred_at >= (? || '-01')::DATE`), params.push(q.from));
      if (q.to) (where.push(`n.occurred_at < (? || '-01')::DATE + INTERVAL '1 month'`), params.push(q.to));
      const sensitive = q.sensitive ?? 'all';
      if (sensitive !== 'all') {
        where.push(`(n.classification <> 'OFFICIAL-SENSITIVE' OR n.force_id = ANY(?::varchar[]))`);
        params.push(`{${sensitive.map((f) => `"${f}"`).join(',')}}`);
      }
      return db.all<MethodCrimeRow & Record<string, unknown>>(
        `SELECT n.force_id, n.record_id, n.category, to_char(n.occurred_at, ${ISO}) AS occurred_at, n.lon, n.lat, n.classification, m.features
         FROM narratives n JOIN record_methods m ON m.force_id = n.force_id AND m.record_id = n.record_id AND m.batch_id = n.batch_id
         WHERE ${where.join(' AND ')} ORDER BY n.occurred_at, n.force_id COLLATE "C", n.record_id COLLATE "C"`, params);
    },

    count: async () => Number((await db.one<{ n: number }>(`SELECT count(*) AS n FROM record_methods`))?.n ?? 0),
  };
}
