/**
 * The emerging-tactics detector's reads on PostgreSQL (see src/store/duckdb/tactic-reads.ts): a
 * month's narratives with their entity spans, and records per force and month. Text is ordered
 * byte-wise (`COLLATE "C"`), as DuckDB orders it, so both backends hand the detector the same rows
 * in the same order.
 */
import type { Db } from '../sql/db.ts';
import type { AlertsStore, TacticText } from '../types/alerts.ts';

const ISO = `'YYYY-MM-DD"T"HH24:MI:SS"Z"'`;

/** First instant of a month and of the month after, as TIMESTAMP literals' text. */
function monthBounds(month: string): [string, string] {
  const y = Number(month.slice(0, 4)), m = Number(month.slice(5, 7));
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return [`${month}-01 00:00:00`, `${next}-01 00:00:00`];
}

export function tacticReadsPg(db: Db): Pick<AlertsStore, 'monthNarratives' | 'narrativeCounts'> {
  return {
    async monthNarratives(months, fn) {
      let n = 0;
      for (const month of months) {
        const rows = await db.all<{ force_id: string; record_id: string; occurred_at: string; category: string | null; lon: number | null; lat: number | null; narrative: string; starts: number[] | null; ends: number[] | null }>(
          `WITH n AS (
             SELECT force_id, record_id, occurred_at, category, lon, lat, narrative FROM narratives
             WHERE occurred_at >= ?::TIMESTAMP AND occurred_at < ?::TIMESTAMP),
           m AS (
             SELECT e.force_id, e.record_id, array_agg(e."start" ORDER BY e."start") AS starts, array_agg(e."end" ORDER BY e."start") AS ends
             FROM entity_mentions e JOIN n USING (force_id, record_id) GROUP BY e.force_id, e.record_id)
           SELECT n.force_id, n.record_id, to_char(n.occurred_at, ${ISO}) AS occurred_at, n.category, n.lon, n.lat, n.narrative, m.starts, m.ends
           FROM n LEFT JOIN m USING (force_id, record_id) ORDER BY n.force_id COLLATE "C", n.record_id COLLATE "C"`, monthBounds(month));
        const out: TacticText[] = rows.map((r) => {
          const spans: number[] = [];
          const s = r.starts ?? [], e = r.ends ?? [];
          for (let i = 0; i < s.length; i++) spans.push(Number(s[i]), Number(e[i]));
          return { force_id: r.force_id, record_id: r.record_id, month, occurred_at: r.occurred_at, category: r.category, lon: r.lon, lat: r.lat, narrative: r.narrative, spans };
        });
        n += out.length;
        await fn(month, out);
      }
      return n;
    },

    async narrativeCounts(from, to) {
      const rows = await db.all<{ force_id: string; month: string; records: number }>(
        `SELECT force_id, to_char(occurred_at, 'YYYY-MM') AS month, count(*)::INTEGER AS records FROM narratives
         WHERE occurred_at >= ?::TIMESTAMP AND occurred_at < ?::TIMESTAMP GROUP BY 1, 2 ORDER BY force_id COLLATE "C", month`,
        [monthBounds(from)[0], monthBounds(to)[1]]);
      return rows.map((r) => ({ force_id: r.force_id, month: r.month, records: Number(r.records) }));
    },
  };
}
