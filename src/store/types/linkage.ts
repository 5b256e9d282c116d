/**
 * Person linkage (`src/linkage`): the people named in narratives, linked across records and
 * forces, with the pairs that link them and why. A linking run replaces the previous one whole.
 * Types only; the DuckDB implementation is `src/store/duckdb/linkage.ts`.
 */

/** A person named in a record, with the date of birth written nearest after the name (if any). */
export interface PersonMentionRow {
  readonly force_id: string;
  readonly record_id: string;
  /** The PERSON mention's normalised value. */
  readonly person_value: string;
  /** The name as first written in the record. */
  readonly name_text: string;
  readonly dob_text: string | null;
  /** The date of birth as the extractor normalised it (ISO `YYYY-MM-DD`). */
  readonly dob_value: string | null;
}

export interface PersonEntityRow extends PersonMentionRow {
  readonly entity_id: string;
}

export interface PersonLinkRow {
  readonly force_id_a: string;
  readonly record_id_a: string;
  readonly person_a: string;
  readonly force_id_b: string;
  readonly record_id_b: string;
  readonly person_b: string;
  readonly probability: number;
  readonly weight: number;
  /** The explanation, one line per step. */
  readonly why: readonly string[];
}

export interface PersonLinkRun {
  readonly run_id: string;
  readonly persons: number;
  readonly candidate_pairs: number;
  readonly links: number;
  readonly entities: number;
  readonly lambda: number;
  readonly threshold: number;
}

export interface LinkageStore {
  /** Every PERSON mention (one per person per record) with the DATE_OF_BIRTH mention nearest after it in the same record, ordered by force, record, person. */
  personMentions(): Promise<PersonMentionRow[]>;
  /** Replaces the person entities and links with a new run's, in one transaction. */
  savePersonLinks(run: PersonLinkRun, entities: readonly PersonEntityRow[], links: readonly PersonLinkRow[]): Promise<void>;
  /**
   * The entities of the people with any of these normalised values within `forces`, with all their
   * members (ordered by entity, force, record) and links (most probable first) within `forces`.
   */
  linkedPersons(q: { values: readonly string[]; forces: 'all' | readonly string[] }): Promise<{ members: PersonEntityRow[]; links: PersonLinkRow[] }>;
  /** The latest linking run (finished_at ISO 8601 UTC), or undefined when none has run. */
  lastPersonLinkRun(): Promise<(PersonLinkRun & { finished_at: string }) | undefined>;
}
