/**
 * The data.police.uk file formats that forces publish, as canonical column names. Headers are
 * matched after normalisation (case, spaces, underscores and a UTF-8 BOM do not matter), so the
 * published header, the snake_case and lower-case variants all map onto the same columns.
 */
export const DATASET_KINDS = ['street', 'outcomes', 'stop_search'] as const;
export type DatasetKind = (typeof DATASET_KINDS)[number];

export const DATASET_COLUMNS = {
  street: ['crime_id', 'month', 'reported_by', 'falls_within', 'longitude', 'latitude', 'location', 'lsoa_code', 'lsoa_name', 'crime_type', 'last_outcome_category', 'context'],
  outcomes: ['crime_id', 'month', 'reported_by', 'falls_within', 'longitude', 'latitude', 'location', 'lsoa_code', 'lsoa_name', 'outcome_type'],
  stop_search: ['type', 'date', 'part_of_a_policing_operation', 'policing_operation', 'latitude', 'longitude', 'gender', 'age_range', 'self_defined_ethnicity', 'officer_defined_ethnicity', 'legislation', 'object_of_search', 'outcome', 'outcome_linked_to_object_of_search', 'removal_of_more_than_just_outer_clothing'],
} as const satisfies Record<DatasetKind, readonly string[]>;

/** Columns that identify each kind: a header holding all of them is that kind. */
const SIGNATURE: Record<DatasetKind, readonly string[]> = {
  street: ['crime_type', 'month', 'lsoa_code'],
  outcomes: ['outcome_type', 'month', 'crime_id'],
  stop_search: ['type', 'date', 'object_of_search'],
};

/** `Crime ID` → `crime_id`; `LSOA code` → `lsoa_code`; strips a BOM and quotes. */
export function normaliseColumnName(s: string): string {
  return s
    .replace(/^\uFEFF/, '')
    .trim()
    .replace(/^"|"$/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}

export type HeaderMatch =
  | { readonly kind: DatasetKind; readonly columns: readonly string[]; readonly missing: readonly string[]; readonly extra: readonly string[] }
  | { readonly kind: null; readonly columns: readonly string[] };

/** Detects a file's kind from its header line (not from its name). */
export function detectKind(headerLine: string): HeaderMatch {
  const columns = splitHeader(headerLine).map(normaliseColumnName);
  for (const kind of DATASET_KINDS) {
    if (SIGNATURE[kind].every((c) => columns.includes(c))) {
      const expected: readonly string[] = DATASET_COLUMNS[kind];
      return {
        kind,
        columns,
        missing: expected.filter((c) => !columns.includes(c)),
        extra: columns.filter((c) => !expected.includes(c)),
      };
    }
  }
  return { kind: null, columns };
}

function splitHeader(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let q = false;
  for (const ch of line) {
    if (ch === '"') q = !q;
    else if (ch === ',' && !q) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/** Force slug and month from a data.police.uk file name (`2024-03-kent-street.csv`), when it follows the pattern. */
export function parsePoliceUkFileName(name: string): { month: string; forceSlug: string; kind: DatasetKind } | undefined {
  const m = /(\d{4}-\d{2})-([a-z0-9-]+?)-(street|outcomes|stop-and-search)\.csv$/i.exec(name);
  if (!m) return undefined;
  const kind: DatasetKind = m[3].toLowerCase() === 'stop-and-search' ? 'stop_search' : (m[3].toLowerCase() as DatasetKind);
  return { month: m[1], forceSlug: m[2].toLowerCase(), kind };
}
