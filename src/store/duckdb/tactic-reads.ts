/** The emerging-tactics detector's two reads in DuckDB's SQL (the reading itself: ../sql/tactic-reads.ts). */
import { tacticReads as sharedTacticReads, type TacticReadsSql } from '../sql/tactic-reads.ts';
import type { AlertsStore } from '../types/alerts.ts';
import type { Db } from './db.ts';

const SQL: TacticReadsSql = {
  monthNarratives: `WITH n AS (
      SELECT force_id, record_id, occurred_at, category, lon, lat, narrative FROM narratives
      WHERE occurred_at >= ?::TIMESTAMP AND occurred_at < ?::TIMESTAMP),
    m AS (
      SELECT force_id, record_id, list("start" ORDER BY "start") AS starts, list("end" ORDER BY "start") AS ends
      FROM entity_mentions SEMI JOIN n USING (force_id, record_id) GROUP BY ALL)
    SELECT n.force_id, n.record_id, strftime(n.occurred_at, '%Y-%m-%dT%H:%M:%SZ') AS occurred_at, n.category, n.lon, n.lat, n.narrative,
           m.starts, m.ends
    FROM n LEFT JOIN m USING (force_id, record_id) ORDER BY n.force_id, n.record_id`,
  narrativeCounts: `SELECT force_id, strftime(occurred_at, '%Y-%m') AS month, count(*)::INTEGER AS records FROM narratives
    WHERE occurred_at >= ?::TIMESTAMP AND occurred_at < ?::TIMESTAMP GROUP BY ALL ORDER BY force_id, month`,
};

export function tacticReads(db: Db): Pick<AlertsStore, 'monthNarratives' | 'narrativeCounts'> {
  return sharedTacticReads(db, SQL);
}
