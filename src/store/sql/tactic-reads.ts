/**
 * The reads the emerging-tactics detector needs (src/trends/emerging-tactics), the same on both
 * backends: narratives of a span of months, a month at a time, each with the spans of its entity
 * mentions (so names, addresses, phone numbers and registrations are never read as a method's
 * words), and the number of records per force and month. Part of the alerts namespace ("the reads
 * detection needs"); each backend gives only its two statements (`TacticReadsSql`).
 */
import type { AlertsStore, TacticText } from '../types/alerts.ts';
import type { Db } from './db.ts';

export interface TacticReadsSql {
  /**
   * Narratives with `occurred_at` in [?, ?) (TIMESTAMP text), ordered by force then record id (byte
   * order): force_id, record_id, occurred_at (ISO 8601 UTC), category, lon, lat, narrative, and
   * their mentions' `starts` and `ends` as lists ordered by start.
   */
  readonly monthNarratives: string;
  /** Records per force_id and month (`YYYY-MM`) with `occurred_at` in [?, ?), ordered by force then month. */
  readonly narrativeCounts: string;
}

/** First instant of a month and of the month after, as TIMESTAMP literals' text. */
function monthBounds(month: string): [string, string] {
  const y = Number(month.slice(0, 4)), m = Number(month.slice(5, 7));
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return [`${month}-01 00:00:00`, `${next}-01 00:00:00`];
}

type NarrativeRow = { force_id: string; record_id: string; occurred_at: string; category: string | null; lon: number | null; lat: number | null; narrative: string; starts: number[] | null; ends: number[] | null };

export function tacticReads(db: Db, q: TacticReadsSql): Pick<AlertsStore, 'monthNarratives' | 'narrativeCounts'> {
  return {
    async monthNarratives(months, fn) {
      let n = 0;
      for (const month of months) {
        const rows = await db.all<NarrativeRow>(q.monthNarratives, monthBounds(month));
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
      const rows = await db.all<{ force_id: string; month: string; records: number }>(q.narrativeCounts, [monthBounds(from)[0], monthBounds(to)[1]]);
      return rows.map((r) => ({ force_id: r.force_id, month: r.month, records: Number(r.records) }));
    },
  };
}
