/**
 * Validation rules of the national standard, version 1. Each has a stable reason code; a row that
 * fails any rule goes to quarantine with every code it failed, its file, line number and raw text.
 */
export const REASONS = {
  'row.field_count': 'the row does not have the number of fields its header declares',
  'row.unparseable': 'the row could not be read as CSV (e.g. an unterminated quote, or a quote inside an unquoted field)',
  'row.too_long': 'the row is longer than the line length limit (see ParseLimits.maxLineBytes)',
  'row.too_wide': 'the row has more fields than the field count limit (see ParseLimits.maxFields)',
  'row.field_too_long': 'a field is longer than the field size limit (see ParseLimits.maxFieldBytes)',
  'row.encoding': 'the row is not valid UTF-8 text (e.g. Latin-1 bytes)',
  'row.binary': 'the row holds NUL bytes (binary data, never stored)',
  'month.missing': 'the Month field is empty',
  'month.unparseable': 'the Month field is not a YYYY-MM month',
  'date.missing': 'the Date field is empty',
  'date.unparseable': 'the Date field is not an ISO 8601 timestamp',
  'force.unknown': 'the Reported by / Falls within force is not in the force registry',
  'force.missing': 'the force could not be determined from the row or the file name',
  'force.mismatch': 'the row names another force than the one its file declares (its data.police.uk name, --force, or the force most of its rows name)',
  'month.mismatch': 'the row is of another month than the one its file declares (its data.police.uk name)',
  'coords.unparseable': 'Longitude or Latitude is not a number',
  'coords.partial': 'only one of Longitude and Latitude is given',
  'coords.out_of_range': 'the point lies outside the British Isles bounding box (lon -8.7..1.8, lat 49.8..60.9)',
  'lsoa.malformed': 'the LSOA code is not of the form E01nnnnnn or W01nnnnnn',
  'category.missing': 'the Crime type is empty',
  'category.unknown': 'the Crime type is not a category of the standard (current or historical)',
  'outcome.unknown': 'the outcome wording is not an outcome category of the standard',
  'type.unknown': 'the stop-and-search Type is not a search type of the standard',
  'type.missing': 'the stop-and-search Type is empty',
  'legislation.unknown': 'the stop-and-search Legislation is not in the standard',
  'object_of_search.unknown': 'the stop-and-search Object of search is not in the standard',
  'search_outcome.unknown': 'the stop-and-search Outcome is not in the standard',
  'age_range.unknown': 'the Age range is not one of the standard ranges',
  'gender.unknown': 'the Gender is not Male, Female or Other',
  'ethnicity.unknown': 'the self- or officer-defined ethnicity is not in the standard',
  'boolean.unparseable': 'a True/False field holds something else',
} as const;

export type ReasonCode = keyof typeof REASONS;
export const REASON_CODES = Object.keys(REASONS) as ReasonCode[];

/** The British Isles bounding box used by `coords.out_of_range` (WGS84 degrees). */
export const UK_BOUNDS = { minLon: -8.7, maxLon: 1.8, minLat: 49.8, maxLat: 60.9 } as const;

/** LSOA (2011 and 2021) code format for England and Wales. */
export const LSOA_CODE_PATTERN = /^[EW]01\d{6}$/;
