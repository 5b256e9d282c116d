/**
 * Limits on what one CSV row may be, so a malformed or hostile file is quarantined row by row in
 * bounded time and memory instead of hanging a load. data.police.uk rows are 150-400 bytes of
 * 10-15 fields; every default is far beyond any real row. A row beyond a limit is quarantined
 * with its file, line and raw text (truncated to `RAW_TEXT_MAX` characters); the rest of the file
 * is still read. Overridden through the config (`PEEL_MAX_LINE_BYTES`, ...): see docs/ingest.md.
 */
export interface ParseLimits {
  /** Longest row in bytes, line endings excluded (a quoted field's line breaks included). Beyond: `row.too_long`. */
  readonly maxLineBytes: number;
  /** Most fields in one row. Beyond: `row.too_wide`. */
  readonly maxFields: number;
  /** Longest field in bytes. Beyond: `row.field_too_long`. */
  readonly maxFieldBytes: number;
  /**
   * Most physical lines one row may span (a quoted field holding line breaks). A quote still open
   * after this many lines (or `maxLineBytes` bytes) is taken as unbalanced: its first line is
   * quarantined as `row.unparseable` and reading resumes on the next line.
   */
  readonly maxRowLines: number;
}

export const DEFAULT_PARSE_LIMITS: ParseLimits = {
  maxLineBytes: 65_536,
  maxFields: 1_024,
  maxFieldBytes: 8_192,
  maxRowLines: 16,
};

/** Quarantined raw text is cut to this many characters (a 2 MB line is not stored whole). */
export const RAW_TEXT_MAX = 1_000;

/** Caps on extracting a zip, so a zip bomb is refused before it fills the disk. */
export interface ZipLimits {
  /** Most bytes extracted from one zip (all entries together). */
  readonly maxBytes: number;
  /** Most bytes extracted per byte of the zip read so far (deflate on CSV text reaches 10-20). */
  readonly maxRatio: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxBytes: 16 * 1024 ** 3,
  maxRatio: 200,
};
