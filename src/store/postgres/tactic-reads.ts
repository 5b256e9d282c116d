/**
 * The emerging-tactics detector's two reads in PostgreSQL's SQL (the reading itself:
 * ../sql/tactic-reads.ts). Text is ordered byte-wise (`COLLATE "C"`), as DuckDB orders it, so both
 * backends hand the detector the same rows in the same order.
 */
import { tacticReads, type TacticReadsSql } from '../sql/tactic-reads.ts';
import type { AlertsStore } from '../types/alerts.ts';
import type { Db } from '../sql/db.ts';

const ISO = `'YYYY-MM-DD"T"HH24:MI:SS"Z"'`;

const SQL: TacticReadsSql = {
  monthNarratives: `WITH n AS (
      SELECT force_id, record_id, occurred_at, category, lon, lat, narrative FROM narratives
      WHERE occurred_at >= ?::TIMESTAMP AND occurred_at < ?::TIMESTAMP),
    m AS (
      SELECT e.force_id, e.record_id, array_agg(e."start" ORDER BY e."start") AS starts, array_agg(e."end" ORDER BY e."start") AS ends
      FROM entity_mentions e JOIN n USING (force_id, record_id) GROUP BY e.force_id, e.record_id)
    SELECT n.force_id, n.record_id, to_char(n.occurred_at, ${ISO}) AS occurred_at, n.category, n.lon, n.lat, n.narrative, m.starts, m.ends
    FROM n LEFT JOIN m USING (force_id, record_id) ORDER BY n.force_id COLLATE "C", n.record_id COLLATE "C"`,
  narrativeCounts: `SELECT force_id, to_char(occurred_at, 'YYYY-MM') AS month, count(*)::INTEGER AS records FROM narratives
    WHERE occurred_at >= ?::TIMESTAMP AND occurred_at < ?::TIMESTAMP GROUP BY 1, 2 ORDER BY force_id COLLATE "C", month`,
};

export function tacticReadsPg(db: Db): Pick<AlertsStore, 'monthNarratives' | 'narrativeCounts'> {
  return tacticReads(db, SQL);
}
