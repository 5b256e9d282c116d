/**
 * Productivity (`src/productivity`): the reads the productivity standard needs, and its two small
 * tables, officer numbers and loaded comparison groups. The store does the heavy work (each crime's
 * latest outcome and its months to first outcome, over every street and outcomes row of the scope),
 * aggregated to a few thousand cells; everything after that is arithmetic in src/productivity.
 * Types only; the DuckDB implementation is `src/store/duckdb/productivity.ts`.
 */
import type { ProductivityGroup } from '../../standard/index.ts';

export interface ProductivityScope {
  /** First and last crime month, inclusive (`YYYY-MM`). */
  readonly from: string;
  readonly to: string;
  /** Forces to read; all when absent or empty. */
  readonly forces?: readonly string[];
}

/** Street crimes (not ASB) of one force × month × category with one latest-outcome group and lag. */
export interface OutcomeCell {
  readonly force_id: string;
  readonly month: string;
  readonly category: string;
  readonly group: ProductivityGroup;
  /** Months from the crime's month to its first outcomes-file row; null when it has none. */
  readonly lag: number | null;
  readonly crimes: number;
  readonly located: number;
}

export interface StopSearchCell {
  readonly force_id: string;
  readonly month: string;
  readonly searches: number;
  readonly arrests: number;
  /** Searches where "Outcome linked to object of search" is recorded (true or false). */
  readonly linked_recorded: number;
  readonly linked_true: number;
}

export interface ForceArea {
  readonly force_id: string;
  readonly crimes: number;
  /** Distinct LSOAs the force's located crimes of the period fall in. */
  readonly lsoas: number;
}

export interface WorkforceRow {
  readonly force_id: string;
  readonly as_of: string;
  readonly officers_fte: number;
  readonly source: string;
}

export interface GroupMemberRow {
  readonly force_id: string;
  readonly member_id: string;
  readonly source: string;
  readonly as_of: string;
}

export interface ProductivityStore {
  /**
   * Each street crime of the scope (not anti-social behaviour) in its latest-outcome group and
   * lag, counted. The latest outcome is the greatest (month, finality) of the street row's own
   * outcome (dated at the crime's month) and every outcomes-file row with its force and Crime ID
   * (dated at the outcome's month); finality breaks ties (PRODUCTIVITY_GROUP_PRECEDENCE). A street
   * row without a Crime ID keeps its street outcome. Ordered by force, month, category, group, lag.
   * The cells may be kept in a cache of the store's, by force and the version of its street and
   * outcomes data: the scope's forces whose data changed since are recomputed first (so this read
   * may write the cache, in one transaction per refresh); the answer is always that of the data held.
   */
  outcomeCells(s: ProductivityScope): Promise<OutcomeCell[]>;
  /** Forces whose cached outcome cells are missing or stale (their street or outcomes data changed since), in id order. */
  staleCellForces(): Promise<string[]>;
  /**
   * Recomputes the cached outcome cells of the stale forces among `forces` (every force when absent or
   * empty), in one transaction that reads the data and its version in one snapshot; forces no longer
   * held lose their cells.
   */
  refreshCells(forces?: readonly string[]): Promise<void>;
  /** Stop-and-search records of the scope by force and month (searches, arrests, object-linked outcomes), ordered by force, month. */
  stopSearchCells(s: ProductivityScope): Promise<StopSearchCell[]>;
  /** The months of the scope for which each force's street data is held, ordered by force, month. */
  streetMonths(s: ProductivityScope): Promise<Array<{ force_id: string; month: string }>>;
  /** Each force's street crimes (not ASB) of the scope and the distinct LSOAs they fall in, ordered by force. */
  forceAreas(s: ProductivityScope): Promise<ForceArea[]>;
  /** Street and outcomes rows quarantined for an outcome label the standard does not know (`outcome.unknown`), by force. */
  unknownOutcomeRows(): Promise<Array<{ force_id: string; rows: number }>>;
  /** Every officer-number row, ordered by force, date. */
  workforce(): Promise<WorkforceRow[]>;
  /** Saves officer numbers in one transaction; a (force, as_of) already held is replaced. Returns the rows given. */
  saveWorkforce(rows: readonly WorkforceRow[]): Promise<number>;
  /** Every loaded comparison-group member, ordered by force, member. */
  groups(): Promise<GroupMemberRow[]>;
  /** Saves comparison groups in one transaction: each force given replaces its whole group. Returns the rows given. */
  saveGroups(rows: readonly GroupMemberRow[]): Promise<number>;
}
