/**
 * What works (`src/tactics`): the tactic library, trials registered before their results (frozen:
 * amendments are appended, never written over), and their evaluations; documents travel as
 * canonical JSON text validated by src/contract/tactics.ts at the capability's edge. Also the reads
 * a trial's evaluation needs. Times are ISO 8601 UTC. Types only; the DuckDB implementation is
 * `src/store/duckdb/tactics.ts`.
 */

export interface TrialRow {
  readonly force_id: string;
  readonly trial_id: string;
  readonly tactic_id: string;
  readonly registration: string;
  readonly registration_hash: string;
  readonly registered_at: string;
  readonly registered_by: string;
}

export interface AmendmentRow {
  readonly seq: number;
  readonly at: string;
  readonly by: string;
  readonly reason: string;
  readonly registration: string;
  readonly hash: string;
}

export interface LsoaMonthCount {
  readonly force_id: string;
  readonly lsoa_code: string;
  readonly month: string;
  readonly n: number;
}

export interface LsoaPoint {
  readonly lsoa_code: string;
  readonly lon: number;
  readonly lat: number;
}

/** A tactic document as stored, with where it came from. A type alias, not an interface, so a backend's row read (`db.all(...)`) returns it without a cast. */
export type TacticDocRow = {
  tactic_id: string;
  doc: string;
  origin: string;
};

export interface TacticsStore {
  /** Inserts or replaces a tactic document (the library is small and versioned by its documents). */
  saveTactic(tacticId: string, doc: string, origin: 'builtin' | 'local' | 'imported'): Promise<void>;
  /** Every tactic document, by id. */
  tactics(): Promise<TacticDocRow[]>;
  /** Registers a trial; throws (an Error naming the id) when the id is already used: a registration is never written over. */
  registerTrial(t: TrialRow): Promise<void>;
  /** Appends an amendment with the next sequence number (1 for the first) and returns it; the original registration stays. */
  amendTrial(forceId: string, trialId: string, a: Omit<AmendmentRow, 'seq'>): Promise<number>;
  /** Registered trials (only those of `forces` when given and not empty), oldest registration first, then id. */
  trials(forces?: readonly string[]): Promise<TrialRow[]>;
  /** One trial with its amendments in sequence order, or undefined. */
  trial(trialId: string): Promise<{ trial: TrialRow; amendments: AmendmentRow[] } | undefined>;
  /** Appends an evaluation (JSON text) of a trial, made at `at`. */
  saveEvaluation(forceId: string, trialId: string, at: string, evaluation: string): Promise<void>;
  /** Evaluations of a trial (JSON text), newest first. */
  evaluations(trialId: string): Promise<string[]>;
  /** Street crimes per LSOA and month for the forces and categories, months in [from, to] (located rows only), ordered by force, LSOA, month; empty when either list is. */
  lsoaMonthly(q: { forces: readonly string[]; categories: readonly string[]; from: string; to: string }): Promise<LsoaMonthCount[]>;
  /** A point per LSOA the forces' located crimes fall in: the ONS centroid where loaded, else the mean of those crimes; ordered by LSOA. */
  lsoaPoints(forces: readonly string[]): Promise<LsoaPoint[]>;
}
