/**
 * What works (migration 0901-tactics): the tactic library, trials registered before their results
 * (frozen: amendments are appended, never written over), and their evaluations. Documents are
 * stored as canonical JSON text validated by src/contract/tactics.ts at the capability's edge;
 * keys are led by force_id (trials, amendments and evaluations) so the tables distribute by force.
 * `tactics` is a small reference table.
 *
 * Also the reads a trial's evaluation needs: monthly counts per LSOA and a point per LSOA (the ONS
 * population-weighted centroid when geography is loaded, else the mean of the hub's located crimes).
 */
import type { Db } from './db.ts';
import type { Migration } from './schema.ts';
import type { AmendmentRow, LsoaMonthCount, LsoaPoint, TacticDocRow, TacticsStore, TrialRow } from '../types/tactics.ts';

export const TACTICS_MIGRATIONS: readonly Migration[] = [
  {
    id: '0901-tactics',
    statements: [
      `CREATE TABLE tactics (tactic_id VARCHAR PRIMARY KEY, doc VARCHAR NOT NULL, origin VARCHAR NOT NULL, updated_at TIMESTAMP NOT NULL)`,
      // key (force_id, trial_id)
      `CREATE TABLE trials (
        force_id VARCHAR NOT NULL, trial_id VARCHAR NOT NULL, tactic_id VARCHAR NOT NULL, registration VARCHAR NOT NULL,
        registration_hash VARCHAR NOT NULL, registered_at TIMESTAMP NOT NULL, registered_by VARCHAR NOT NULL,
        PRIMARY KEY (force_id, trial_id))`,
      // key (force_id, trial_id, seq)
      `CREATE TABLE trial_amendments (
        force_id VARCHAR NOT NULL, trial_id VARCHAR NOT NULL, seq INTEGER NOT NULL, amended_at TIMESTAMP NOT NULL, amended_by VARCHAR NOT NULL,
        reason VARCHAR NOT NULL, registration VARCHAR NOT NULL, hash VARCHAR NOT NULL, PRIMARY KEY (force_id, trial_id, seq))`,
      // key (force_id, trial_id, evaluated_at)
      `CREATE TABLE trial_evaluations (
        force_id VARCHAR NOT NULL, trial_id VARCHAR NOT NULL, evaluated_at TIMESTAMP NOT NULL, evaluation VARCHAR NOT NULL)`,
    ],
  },
];

const iso = (v: unknown): string => (v instanceof Date ? v.toISOString() : String(v).replace(' ', 'T') + (String(v).endsWith('Z') ? '' : 'Z'));

export function tacticsStore(db: Db): TacticsStore {
  return {
    /** Inserts or replaces a tactic document (the library is small and versioned by its documents). */
    async saveTactic(tacticId: string, doc: string, origin: 'builtin' | 'local' | 'imported'): Promise<void> {
      await db.transaction(async () => {
        await db.run(`DELETE FROM tactics WHERE tactic_id = ?`, [tacticId]);
        await db.run(`INSERT INTO tactics VALUES (?, ?, ?, now()::TIMESTAMP)`, [tacticId, doc, origin]);
      });
    },
    async tactics(): Promise<TacticDocRow[]> {
      return db.all(`SELECT tactic_id, doc, origin FROM tactics ORDER BY tactic_id`);
    },
    /** Registers a trial; refuses an id already used (a registration is never written over). */
    async registerTrial(t: TrialRow): Promise<void> {
      await db.transaction(async () => {
        const clash = await db.one(`SELECT 1 AS x FROM trials WHERE trial_id = ?`, [t.trial_id]);
        if (clash) throw new Error(`trial id ${t.trial_id} is already registered`);
        await db.run(`INSERT INTO trials VALUES (?, ?, ?, ?, ?, ?::TIMESTAMP, ?)`,
          [t.force_id, t.trial_id, t.tactic_id, t.registration, t.registration_hash, t.registered_at.replace('Z', ''), t.registered_by]);
      });
    },
    /** Appends an amendment (the next sequence number); the original registration stays. */
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
      const w = forces?.length ? `WHERE force_id IN (${forces.map(() => '?').join(',')})` : '';
      const rows = await db.all<TrialRow & Record<string, unknown>>(`SELECT * FROM trials ${w} ORDER BY registered_at, trial_id`, forces ? [...forces] : []);
      return rows.map((r) => ({ ...r, registered_at: iso(r.registered_at) }));
    },
    async trial(trialId: string): Promise<{ trial: TrialRow; amendments: AmendmentRow[] } | undefined> {
      const t = await db.one<TrialRow & Record<string, unknown>>(`SELECT * FROM trials WHERE trial_id = ?`, [trialId]);
      if (!t) return undefined;
      const amendments = await db.all<AmendmentRow & Record<string, unknown>>(
        `SELECT seq, amended_at AS "at", amended_by AS "by", reason, registration, hash FROM trial_amendments WHERE force_id = ? AND trial_id = ? ORDER BY seq`, [t.force_id, trialId]);
      return { trial: { ...t, registered_at: iso(t.registered_at) }, amendments: amendments.map((a) => ({ ...a, at: iso(a.at) })) };
    },
    async saveEvaluation(forceId: string, trialId: string, at: string, evaluation: string): Promise<void> {
      await db.run(`INSERT INTO trial_evaluations VALUES (?, ?, ?::TIMESTAMP, ?)`, [forceId, trialId, at.replace('Z', ''), evaluation]);
    },
    /** Evaluations of a trial, newest first. */
    async evaluations(trialId: string): Promise<string[]> {
      return (await db.all<{ evaluation: string }>(`SELECT evaluation FROM trial_evaluations WHERE trial_id = ? ORDER BY evaluated_at DESC`, [trialId])).map((r) => r.evaluation);
    },
    /** Street crimes per LSOA and month for the forces and categories, months in [from, to]. */
    async lsoaMonthly(q: { forces: readonly string[]; categories: readonly string[]; from: string; to: string }): Promise<LsoaMonthCount[]> {
      if (!q.forces.length || !q.categories.length) return [];
      return db.all<LsoaMonthCount & Record<string, unknown>>(
        `SELECT force_id::VARCHAR AS force_id, lsoa_code, month, sum(n)::BIGINT AS n FROM cube
         WHERE force_id IN (${q.forces.map(() => '?').join(',')}) AND category IN (${q.categories.map(() => '?').join(',')})
           AND month BETWEEN ? AND ? AND lsoa_code IS NOT NULL
         GROUP BY ALL ORDER BY force_id, lsoa_code, month`,
        [...q.forces, ...q.categories, q.from, q.to]);
    },
    /** A point per LSOA of the forces: ONS centroids where loaded, else the mean of located crimes. */
    async lsoaPoints(forces: readonly string[]): Promise<LsoaPoint[]> {
      if (!forces.length) return [];
      return db.all<LsoaPoint & Record<string, unknown>>(
        `WITH held AS (SELECT lsoa_code, avg(lon) AS lon, avg(lat) AS lat FROM street
                       WHERE force_id IN (${forces.map(() => '?').join(',')}) AND lsoa_code IS NOT NULL AND lon IS NOT NULL GROUP BY lsoa_code)
         SELECT h.lsoa_code, coalesce(g.lon, h.lon) AS lon, coalesce(g.lat, h.lat) AS lat
         FROM held h LEFT JOIN (SELECT lsoa_code, avg(lon) AS lon, avg(lat) AS lat FROM geo_lsoa_point GROUP BY lsoa_code) g USING (lsoa_code)
         ORDER BY h.lsoa_code`, [...forces]);
    },
  };
}

