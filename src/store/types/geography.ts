/**
 * Geography: the ONS lookups that place an LSOA in its local authority and police force area,
 * each LSOA's point, and the force boundaries. Reference data, the same for every force (under
 * PostgreSQL/Citus they are reference tables, so their keys are not led by `force_id`). Types and
 * the file-kind vocabulary only; the DuckDB implementation is `src/store/duckdb/geography.ts`.
 */

/** The kinds of geography file Peel understands. */
export const GEOGRAPHY_FILE_KINDS = ['lsoa_lad', 'lad_pfa', 'lad_codes', 'lsoa_points', 'boundaries'] as const;
export type GeographyFileKind = (typeof GEOGRAPHY_FILE_KINDS)[number];

export interface GeographySource {
  readonly kind: GeographyFileKind;
  readonly source: string;
  readonly rows: number;
  readonly loaded_at: string;
}

export interface GeographyStatus {
  /** When the lookups last changed (ISO), or null when none is loaded; quality uses it to know its results are stale. */
  readonly version: string | null;
  readonly sources: GeographySource[];
  readonly lsoas: number;
  readonly lsoas_with_force: number;
  readonly lsoas_with_point: number;
  readonly boundaries: number;
}

export interface BoundaryFeature {
  readonly type: 'Feature';
  readonly properties: { readonly force_id: string; readonly pfa_code: string; readonly name: string | null };
  readonly geometry: unknown;
}

export interface BoundaryCollection {
  readonly type: 'FeatureCollection';
  readonly features: BoundaryFeature[];
}

/** Columns each kind of file must have (the first matching kind wins). */
export const GEOGRAPHY_COLUMNS: Record<Exclude<GeographyFileKind, 'boundaries'>, readonly string[]> = {
  lsoa_lad: ['LSOA11CD', 'LSOA11NM', 'LSOA21CD', 'LSOA21NM', 'LAD22CD', 'LAD22NM'],
  lad_pfa: ['LAD17CD', 'LAD17NM', 'PFA17CD', 'PFA17NM'],
  lad_codes: ['LADCD', 'LADCD_ACTIVE'],
  lsoa_points: ['LSOACD', 'latitude', 'longitude'],
};

export interface GeographyStore {
  /** The header of a CSV file as the store reads it (byte-order mark removed), for telling file kinds apart. */
  csvColumns(path: string): Promise<string[]>;
  /**
   * Loads one file of a known kind (`path` on disk, `source` the name reported back), replacing
   * that kind's table and rebuilding each LSOA's force, names and point, in one transaction.
   * Returns the rows kept (distinct LSOA codes for `lsoa_lad`; boundaries of a known force).
   * Checks the file first: the first row that breaks its format throws PeelError `bad_input` as
   * `source line N: COLUMN "value" is what` (lines count from the header as line 1), and nothing is written.
   */
  loadFile(kind: GeographyFileKind, path: string, source: string): Promise<number>;
  /** What is loaded: each kind's source, rows and time (ISO, ms), the LSOA counts and the version (latest load time, or null). */
  status(): Promise<GeographyStatus>;
  /** The force of each LSOA code asked for, ordered by code; codes the lookups do not know are left out, a known code with no force has force null. */
  lsoaForces(codes: readonly string[]): Promise<Array<{ lsoa_code: string; force_id: string | null }>>;
  /** The force boundaries as one GeoJSON FeatureCollection (features in force order, `force_id` properties); null when none is loaded. */
  boundaries(): Promise<BoundaryCollection | null>;
}
