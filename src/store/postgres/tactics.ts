/**
 * What works (migration 0901-tactics) on PostgreSQL: the tactic library, trials (registered once,
 * amended by appending), their evaluations, and the reads an evaluation needs. The same tables as
 * ../duckdb/tactics.ts; what differs is how timestamps come back (UTC Dates, made ISO text as the
 * SQL, as the embedded store returns them), explicit GROUP BYs and byte-order text sorts.
 */
import type { AmendmentRow, LsoaMonthCount, LsoaPoint, TacticDocRow, TacticsStore, TrialRow } from '../types/tactics.ts';
import type { PgDb } from './db.ts';

const C = 'COLLATE "C"';
const NOW = `(now() AT TIME ZONE 'UTC')::TIMESTAMP`;
const marks = (xs: readonly unknown[]) => xs.map(() => '?').join(',');
const TRIAL_COLS = `force_id, trial_id, tactic_id, registration, registration_hash, registered_at, registered_by`;
/** A TIMESTAMP (read as a UTC Date) as the embedded store returns it. */
const isoOf = (v: unknown): string => (v instanceof Date ? v.toISOString() : String(v));

export function tacticsStorePg(db: PgDb): TacticsStore {
  return {
    async saveTactic(tacticId: string, doc: string, origin: 'builtin' | 'local' | 'imported'): Promise<void> {
      await db.transaction(async () => {
        await db.run(`DELETE FROM tactics WHERE tactic_id = ?`, [tacticId]);
        await db.run(`INSERT INTO tactics VALUES (?, ?, ?, ${NOW})`, [tacticId, doc, origin]);
      });
    },
    async tactics(): Promise<TacticDocRow[]> {
      return db.all(`SELECT tactic_id, doc, origin FROM tactics ORDER BY tactic_id ${C}`);
    },
    async registerTrial(t: TrialRow): Promise<void> {
      await db.transaction(async () => {
        const clash = await db.one(`SELECT 1 AS x FROM trials WHERE trial_id = ?`, [t.trial_id]);
        if (clash) throw new Error(`trial id ${t.trial_id} is already registered`);
        await db.run(`INSERT INTO trials VALUES (?, ?, ?, ?, ?, ?::TIMESTAMP, ?)`,
          [t.force_id, t.trial_id, t.tactic_id, t.registration, t.registration_hash, t.registered_at.replace('Z', ''), t.registered_by]);
      });
    },
    async amendTrial(forceId: string, trialId: string, a: Omit<AmendmentRow, 'seq'>): Promise<number> {
      return db.transaction(async () => {
        const r = await db.one<{ s: number | null }>(`SELECT max(seq) AS s FROM trial_amendments WHERE force_id = ? AND trial_id = ?`, [forceId, trialId]);
        const seq = (r?.s ?? 0) + 1;
        await db.run(`INSERT INTO trial_amendments VALUES (?, ?, ?, ?::TIMESTAMP, ?, ?, ?, ?)`,
          [forceId, trialId, seq, a.at.replace('Z', ''), a.by, a.reason, a.registration, a.hash]);
        return seq;
      });
    },
    async trials(forces?: readonly string[]): Promise<TrialRow[]> {
      const w = forces?.length ? `WHERE force_id IN (${marks(forces)})` : '';
      const rows = await db.all<TrialRow & Record<string, unknown>>(
        `SELECT ${TRIAL_COLS} FROM trials ${w} ORDER BY registered_at, trial_id ${C}`, forces?.length ? [...forces] : []);
      return rows.map((r) => ({ ...r, registered_at: isoOf(r.registered_at) }));
    },
    async trial(trialId: string): Promise<{ trial: TrialRow; amendments: AmendmentRow[] } | undefined> {
      const t = await db.one<TrialRow & Record<string, unknown>>(`SELECT ${TRIAL_COLS} FROM trials WHERE trial_id = ?`, [trialId]);
      if (!t) return undefined;
      const trial = { ...t, registered_at: isoOf(t.registered_at) };
      const amendments = await db.all<AmendmentRow & Record<string, unknown>>(
        `SELECT seq, amended_at AS "at", amended_by AS "by", reason, registration, hash
         FROM trial_amendments WHERE force_id = ? AND trial_id = ? ORDER BY seq`, [trial.force_id, trialId]);
      return { trial, amendments: amendments.map((a) => ({ ...a, at: isoOf(a.at) })) };
    },
    async saveEvaluation(forceId: string, trialId: string, at: string, evaluation: string): Promise<void> {
      await db.run(`INSERT INTO trial_evaluations VALUES (?, ?, ?::TIMESTAMP, ?)`, [forceId, trialId, at.replace('Z', ''), evaluation]);
    },
    async evaluations(trialId: string): Promise<string[]> {
      return (await db.all<{ evaluation: string }>(`SELECT evaluation FROM trial_evaluations WHERE trial_id = ? ORDER BY evaluated_at DESC`, [trialId]))
        .map((r) => r.evaluation);
    },
    async lsoaMonthly(q: { forces: readonly string[]; categories: readonly string[]; from: string; to: string }): Promise<LsoaMonthCount[]> {
      if (!q.forces.length || !q.categories.length) return [];
      return db.all<LsoaMonthCount & Record<string, unknown>>(
        `SELECT force_id, lsoa_code, month, sum(n)::BIGINT AS n FROM cube
         WHERE force_id IN (${marks(q.forces)}) AND category IN (${marks(q.categories)})
           AND month BETWEEN ? AND ? AND lsoa_code IS NOT NULL
         GROUP BY 1, 2, 3 ORDER BY force_id ${C}, lsoa_code ${C}, month ${C}`,
        [...q.forces, ...q.categories, q.from, q.to]);
    },
    async lsoaPoints(forces: readonly string[]): Promise<LsoaPoint[]> {
      if (!forces.length) return [];
      return db.all<LsoaPoint & Record<string, unknown>>(
        `WITH held AS (SELECT lsoa_code, avg(lon) AS lon, avg(lat) AS lat FROM street
                       WHERE force_id IN (${marks(forces)}) AND lsoa_code IS NOT NULL AND lon IS NOT NULL GROUP BY lsoa_code)
         SELECT h.lsoa_code, coalesce(g.lon, h.lon) AS lon, coalesce(g.lat, h.lat) AS lat
         FROM held h LEFT JOIN (SELECT lsoa_code, avg(lon) AS lon, avg(lat) AS lat FROM geo_lsoa_point GROUP BY lsoa_code) g USING (lsoa_code)
         ORDER BY h.lsoa_code ${C}`, [...forces]);
    },
  };
}
