/**
 * The reads the emerging-tactics detector needs (src/trends/emerging-tactics): narratives of a span
 * of months, a month at a time, each with the spans of its entity mentions (so names, addresses,
 * phone numbers and registrations are never read as a method's words), and the number of records
 * per force and month. Part of the alerts namespace: "the reads detection needs".
 */
import type { Db, SqlValue } from './db.ts';
import type { AlertsStore, TacticText } from '../types/alerts.ts';

/** First instant of a month and of the month after, as TIMESTAMP literals' text. */
function monthBounds(month: string): [string, string] {
  const y = Number(month.slice(0, 4)), m = Number(month.slice(5, 7));
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return [`${month}-01 00:00:00`, `${next}-01 00:00:00`];
}

export function tacticReads(db: Db): Pick<AlertsStore, 'monthNarratives' | 'narrativeCounts'> {
  return {
    /**
     * Calls `fn` with the narratives of each of `months` (one call per month, in the order given),
     * with their entity spans. Returns the number of records read.
     */
    async monthNarratives(months: readonly string[], fn: (month: string, rows: TacticText[]) => void | Promise<void>): Promise<number> {
      let n = 0;
      for (const month of months) {
        const [from, to] = monthBounds(month);
        const params: SqlValue[] = [from, to];
        const rows = await db.all<{ force_id: string; record_id: string; occurred_at: string; category: string | null; lon: number | null; lat: number | null; narrative: string; starts: number[] | null; ends: number[] | null }>(
          `WITH n AS (
             SELECT force_id, record_id, occurred_at, category, lon, lat, narrative FROM narratives
             WHERE occurred_at >= ?::TIMESTAMP AND occurred_at < ?::TIMESTAMP),
           m AS (
             SELECT force_id, record_id, list("start" ORDER BY "start") AS starts, list("end" ORDER BY "start") AS ends
             FROM entity_mentions SEMI JOIN n USING (force_id, record_id) GROUP BY ALL)
           SELECT n.force_id, n.record_id, strftime(n.occurred_at, '%Y-%m-%dT%H:%M:%SZ') AS occurred_at, n.category, n.lon, n.lat, n.narrative,
                  m.starts, m.ends
           FROM n LEFT JOIN m USING (force_id, record_id) ORDER BY n.force_id, n.record_id`, params);
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

    /** Narrative records per force and month within [from, to] (months). */
    async narrativeCounts(from: string, to: string): Promise<Array<{ force_id: string; month: string; records: number }>> {
      const rows = await db.all<{ force_id: string; month: string; records: number }>(
        `SELECT force_id, strftime(occurred_at, '%Y-%m') AS month, count(*)::INTEGER AS records FROM narratives
         WHERE occurred_at >= ?::TIMESTAMP AND occurred_at < ?::TIMESTAMP GROUP BY ALL ORDER BY force_id, month`,
        [monthBounds(from)[0], monthBounds(to)[1]]);
      return rows.map((r) => ({ force_id: r.force_id, month: r.month, records: Number(r.records) }));
    },
  };
}
