/**
 * The byte-level scan of a CSV file before DuckDB reads it, in two steps.
 *
 * `scanFile` hashes the file (sha256, to spot a reload of the same bytes) and, in the same pass,
 * looks for the *presence* of trouble DuckDB would mishandle: NUL bytes, invalid UTF-8, a line
 * longer than the parse limits allow, a quoted field holding a line break (an unbalanced quote is
 * one), mixed line endings, blank lines. It uses only native searches (`indexOf`, `isUtf8`), so it
 * costs a fraction of the hashing; a clean file — nearly every file — goes to DuckDB as it is.
 *
 * `sanitizeFile` runs only on a troubled file: it reads it once, row by row, with the rules of
 * DuckDB's strict CSV reader and the parse limits, writes the good rows to a temporary copy (LF
 * line endings, no blank lines) and returns the bad rows with their original line numbers, raw
 * text (truncated) and reasons, plus the original line of every row of the copy, so quarantine
 * names lines of the file the user gave. Memory is bounded by the limits, whatever the file.
 */
import { createHash } from 'node:crypto';
import { isUtf8 } from 'node:buffer';
import { open } from 'node:fs/promises';
import { RAW_TEXT_MAX, REASONS, type ParseLimits, type ReasonCode } from '../standard/index.ts';
import type { LineMap, ScanReject } from '../store/index.ts';

export interface ScanResult {
  readonly sha256: string;
  /** What was found that DuckDB must not read as it is (the first thing found), or null for a clean file. */
  readonly trouble: string | null;
}

const LF = 10;
const CR = 13;
const QUOTE = 34;
const COMMA = 44;

/** Read buffers of finished scans, reused by the next (a national load scans hundreds of files). */
const spareBuffers: Buffer[] = [];
const CHUNK = 4 << 20;

/**
 * Hashes a file and reports whether it needs `sanitizeFile` before DuckDB reads it. A line longer
 * than the smallest of the limits (line, field size, field count: a row of n fields has at least
 * n - 1 bytes) is enough to need it; real rows are far shorter than any.
 */
export async function scanFile(path: string, limits: ParseLimits): Promise<ScanResult> {
  const h = createHash('sha256');
  // Plain reads into one buffer: a third less CPU than a read stream's chunks. The first 3 bytes
  // hold the tail of an incomplete UTF-8 character carried over from the previous read.
  const buf = spareBuffers.pop() ?? Buffer.allocUnsafe(CHUNK + 3);
  const longest = Math.min(limits.maxLineBytes, limits.maxFieldBytes, limits.maxFields);
  let trouble: string | null = null;
  let carry = 0;
  let start = 0; // absolute offset of buf[0]
  let eol: 'lf' | 'crlf' | 'cr' | null = null;
  let term = LF;
  let lineStart = 0; // absolute offset where the current line starts
  let lastByte = -1; // the byte before buf[carry], for a CRLF split across reads
  let inQuote = false;
  try {
    const fh = await open(path, 'r');
    try {
      for (;;) {
        const { bytesRead } = await fh.read(buf, carry, CHUNK, null);
        if (bytesRead) h.update(buf.subarray(carry, carry + bytesRead));
        if (trouble) {
          if (!bytesRead) break;
          continue;
        }
        const len = carry + bytesRead;
        const eof = bytesRead === 0;
        const b = buf.subarray(0, len);
        // Bytes of an incomplete UTF-8 character at the end wait for the next read (they are all
        // >= 0x80, so no search below can find them twice).
        const tail = eof ? 0 : incompleteTail(b);
        if (b.indexOf(0) >= 0) trouble = 'NUL bytes';
        else if (!isUtf8(b.subarray(0, len - tail))) trouble = 'bytes that are not UTF-8';
        if (!trouble && eol === null) {
          const lf = b.indexOf(LF);
          const cr = b.indexOf(CR);
          if (lf >= 0 && (cr < 0 || lf < cr)) eol = 'lf';
          else if (cr >= 0 && cr + 1 < len) eol = b[cr + 1] === LF ? 'crlf' : 'cr';
          else if (cr >= 0) trouble = 'a line ending split across reads';
          term = eol === 'cr' ? CR : LF;
        }
        if (!trouble && eol !== null) ({ trouble, lineStart } = checkLines(b, start, eol, longest, lastByte, lineStart));
        else if (!trouble && start + len - lineStart > longest) trouble = `a line longer than ${longest} bytes`;
        if (!trouble && eol !== null) {
          const r = checkQuotes(b, term, inQuote);
          inQuote = r.inQuote;
          trouble = r.trouble;
        }
        if (eof) {
          if (!trouble && inQuote) trouble = 'a quote that is never closed';
          break;
        }
        lastByte = b[len - tail - 1] ?? lastByte;
        b.copy(buf, 0, len - tail, len);
        start += len - tail;
        carry = tail;
      }
    } finally {
      await fh.close();
    }
  } finally {
    if (spareBuffers.length < 4) spareBuffers.push(buf);
  }
  return { sha256: h.digest('hex'), trouble };
}

/** Length of an incomplete UTF-8 sequence at the end of `b` (0 to 3 bytes). */
function incompleteTail(b: Buffer): number {
  for (let i = b.length - 1, seen = 1; i >= 0 && seen <= 3; i--, seen++) {
    const x = b[i];
    if (x < 0x80) return 0;
    if (x >= 0xc0) {
      const need = x >= 0xf0 ? 4 : x >= 0xe0 ? 3 : 2;
      return seen < need ? seen : 0;
    }
  }
  return 0;
}

/** Line lengths, mixed endings and blank lines of one read: the trouble found, and where the last line starts. */
function checkLines(b: Buffer, start: number, eol: 'lf' | 'crlf' | 'cr', longest: number, lastByte: number, lineStart: number):
  { trouble: string | null; lineStart: number } {
  const found = (trouble: string) => ({ trouble, lineStart });
  // One search per read finds the endings that do not belong.
  if (eol === 'lf' && b.indexOf(CR) >= 0) return found('mixed line endings (CR in a file of LF lines)');
  if (eol === 'cr' && b.indexOf(LF) >= 0) return found('mixed line endings (LF in a file of CR lines)');
  if (b.indexOf(eol === 'lf' ? '\n\n' : eol === 'cr' ? '\r\r' : '\r\n\r\n') >= 0) return found('blank lines');
  const term = eol === 'cr' ? CR : LF;
  let ls = lineStart;
  for (let p = b.indexOf(term); p >= 0; p = b.indexOf(term, p + 1)) {
    if (start + p - ls > longest) return found(`a line longer than ${longest} bytes`);
    if (eol === 'crlf') {
      // The first CR of the line must be the one just before its LF.
      const prev = p > 0 ? b[p - 1] : lastByte;
      if (prev !== CR) return found('mixed line endings (LF without CR in a file of CRLF lines)');
      const cr = b.indexOf(CR, Math.max(0, ls - start));
      if (cr >= 0 && cr < p - 1) return found('mixed line endings (CR without LF in a file of CRLF lines)');
    }
    ls = start + p + 1;
  }
  if (eol === 'crlf') {
    const cr = b.indexOf(CR, Math.max(0, ls - start));
    // A CR after the last LF is fine only as the last byte (its LF comes with the next read).
    if (cr >= 0 && cr !== b.length - 1) return found('mixed line endings (CR without LF in a file of CRLF lines)');
  }
  if (start + b.length - ls > longest) return found(`a line longer than ${longest} bytes`);
  return { trouble: null, lineStart: ls };
}

/**
 * Whether a quoted field of this read holds a line ending (a multi-line field, or an unbalanced
 * quote). Quotes are rare in data.police.uk files: this costs a search per quote, and one per line
 * that holds a quote.
 */
function checkQuotes(b: Buffer, term: number, inQuoteBefore: boolean): { inQuote: boolean; trouble: string | null } {
  let inQuote = inQuoteBefore;
  // The first line ending at or after some earlier opening quote; searched again once behind the open one.
  let nextTerm = -1;
  let openAt = 0; // 0 when the quote opened in an earlier read (which then had no line ending after it)
  const termFrom = (from: number) => {
    const t = b.indexOf(term, from);
    return t < 0 ? Infinity : t;
  };
  for (let q = b.indexOf(QUOTE); q >= 0; q = b.indexOf(QUOTE, q + 1)) {
    if (!inQuote) {
      // A quote opens a field only as its first byte; anywhere else DuckDB's strict reader refuses
      // the line, so the sanitizing read must place it (q = 0 continues a field from an earlier read).
      const before = b[q - 1];
      if (q > 0 && before !== COMMA && before !== LF && before !== CR && before !== QUOTE) {
        return { inQuote, trouble: 'a quote inside an unquoted field' };
      }
      inQuote = true;
      openAt = q;
    } else {
      if (nextTerm < openAt) nextTerm = termFrom(openAt);
      if (nextTerm < q) return { inQuote, trouble: 'a quoted field that holds a line break' };
      inQuote = false;
      // After a closing quote only a comma, a line ending or a doubled (escaped) quote may follow.
      const after = b[q + 1];
      if (after !== undefined && after !== COMMA && after !== LF && after !== CR && after !== QUOTE) {
        return { inQuote, trouble: 'text after the closing quote of a field' };
      }
    }
  }
  if (inQuote) {
    if (nextTerm < openAt) nextTerm = termFrom(openAt);
    if (nextTerm !== Infinity) return { inQuote, trouble: 'a quoted field that holds a line break' };
  }
  return { inQuote, trouble: null };
}

interface Line {
  /** 1-based line number in the original file. */
  readonly no: number;
  /** The line's bytes without its ending, cut after `maxLineBytes + 1` bytes. */
  readonly bytes: Buffer;
  /** The line's full length in bytes. */
  readonly length: number;
  readonly nul: boolean;
}

/**
 * The lines of a file (ending in LF, CRLF or CR), each cut to `keep` bytes, in bounded memory;
 * yielded a read's worth at a time.
 */
async function* readLinesBounded(path: string, keep: number): AsyncGenerator<Line[]> {
  const fh = await open(path, 'r');
  try {
    let parts: Buffer[] = [];
    let kept = 0;
    let length = 0;
    let nul = false;
    let no = 1;
    let pendingCr = false;
    const add = (s: Buffer) => {
      if (!s.length) return;
      length += s.length;
      if (!nul && s.indexOf(0) >= 0) nul = true;
      if (kept < keep) {
        const take = s.subarray(0, keep - kept);
        parts.push(take);
        kept += take.length;
      }
    };
    const take = (): Line => {
      const line = { no: no++, bytes: parts.length === 1 ? parts[0] : Buffer.concat(parts), length, nul };
      parts = [];
      kept = 0;
      length = 0;
      nul = false;
      return line;
    };
    for (;;) {
      // A fresh buffer per read: the lines keep slices of it.
      const buf = Buffer.allocUnsafe(1 << 20);
      const { bytesRead } = await fh.read(buf, 0, buf.length, null);
      if (!bytesRead) break;
      const c = buf.subarray(0, bytesRead);
      const out: Line[] = [];
      let s = 0;
      if (pendingCr) {
        pendingCr = false;
        if (c[0] === LF) s = 1;
      }
      let lf = c.indexOf(LF, s);
      let cr = c.indexOf(CR, s);
      while (lf >= 0 || cr >= 0) {
        const i = cr < 0 || (lf >= 0 && lf < cr) ? lf : cr;
        add(c.subarray(s, i));
        out.push(take());
        s = i + 1;
        if (i === cr) {
          if (s < c.length) {
            if (c[s] === LF) s++;
          } else pendingCr = true;
        }
        if (lf >= 0 && lf < s) lf = c.indexOf(LF, s);
        if (cr >= 0 && cr < s) cr = c.indexOf(CR, s);
      }
      add(c.subarray(s));
      if (out.length) yield out;
    }
    if (length > 0) yield [take()];
  } finally {
    await fh.close();
  }
}

/** Where the strict CSV reading of a row stands after some of its bytes. */
interface RowState {
  fields: number;
  fieldLen: number;
  maxField: number;
  /** Bytes since the field began (a quote opens a field only as its first byte). */
  fieldBytes: number;
  inQuote: boolean;
  afterQuote: boolean;
  error: string | null;
}

const newRowState = (): RowState => ({ fields: 0, fieldLen: 0, maxField: 0, fieldBytes: 0, inQuote: false, afterQuote: false, error: null });

/**
 * Reads one line of a row as DuckDB's strict reader does (quote and escape `"`): a quote opens a
 * field only as its first byte (elsewhere it is a plain character); after a closing quote only
 * spaces may come before the comma.
 */
function readRowLine(bytes: Buffer, st: RowState): void {
  // Most rows hold no quote: their fields lie between commas.
  if (!st.inQuote && !st.afterQuote && bytes.indexOf(QUOTE) < 0) {
    let from = 0;
    for (let c = bytes.indexOf(COMMA); c >= 0; c = bytes.indexOf(COMMA, from)) {
      st.fieldLen += c - from;
      endField(st);
      from = c + 1;
    }
    st.fieldLen += bytes.length - from;
    st.fieldBytes += bytes.length - from;
    return;
  }
  for (let i = 0; i < bytes.length && !st.error; i++) {
    const x = bytes[i];
    if (st.inQuote) {
      if (x === QUOTE) (st.inQuote = false), (st.afterQuote = true);
      else st.fieldLen++;
    } else if (st.afterQuote) {
      if (x === COMMA) endField(st);
      else if (x === QUOTE) (st.inQuote = true), (st.afterQuote = false), st.fieldLen++;
      else if (x !== 32) st.error = 'text after the closing quote of a field';
    } else if (x === COMMA) endField(st);
    else if (x === QUOTE && st.fieldBytes === 0) (st.inQuote = true), st.fieldBytes++;
    else st.fieldLen++, st.fieldBytes++;
  }
}

function endField(st: RowState): void {
  st.fields++;
  if (st.fieldLen > st.maxField) st.maxField = st.fieldLen;
  st.fieldLen = 0;
  st.fieldBytes = 0;
  st.afterQuote = false;
}

/** Raw text of a quarantined row: NUL bytes shown as `\0`, cut to RAW_TEXT_MAX characters. */
export function rawText(bytes: Buffer, length: number): string {
  const text = bytes.subarray(0, RAW_TEXT_MAX * 4).toString('utf8').replace(/\0/g, '\\0');
  if (text.length <= RAW_TEXT_MAX && length <= bytes.length) return text;
  return `${text.slice(0, RAW_TEXT_MAX)}… (${length.toLocaleString('en-GB')} bytes in all)`;
}

export interface Sanitized {
  /** The rows read (good rows written to the copy, plus the bad rows). */
  readonly rowsRead: number;
  readonly map: LineMap;
}

/**
 * Writes the good rows of a troubled file to `dest` (see the module comment) and returns where
 * they came from and the bad rows. `columns` is the header's field count: a row with another count
 * is quarantined here as `row.field_count`, so DuckDB never rejects a row of the copy and the
 * copy's rows map one to one onto `map.rows`.
 */
export async function sanitizeFile(path: string, dest: string, columns: number, limits: ParseLimits): Promise<Sanitized> {
  const rows: number[] = [];
  const copyLines: number[] = [];
  const rejects: ScanReject[] = [];
  const out = await open(dest, 'w');
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const write = async (b: Buffer | null) => {
    if (b) (pending.push(b, NEWLINE), (pendingBytes += b.length + 1));
    if (!b || pendingBytes > 1 << 20) {
      await out.write(Buffer.concat(pending));
      pending = [];
      pendingBytes = 0;
    }
  };
  const reject = (l: Line, reasons: ReasonCode[], detail: string) =>
    rejects.push({ line: l.no, raw: rawText(l.bytes, l.length), reasons, detail });
  let copyLine = 1;
  try {
    const lines = readLinesBounded(path, limits.maxLineBytes + 1);
    let queue: Line[] = [];
    let head = 0; // queue[head] is the next line
    let done = false;
    const peek = async (i: number): Promise<Line | null> => {
      while (queue.length - head <= i && !done) {
        const n = await lines.next();
        if (n.done) done = true;
        else (queue = queue.slice(head).concat(n.value)), (head = 0);
      }
      return queue[head + i] ?? null;
    };
    const shift = (n = 1) => {
      const taken = queue.slice(head, head + n);
      head += n;
      return taken;
    };
    const header = await peek(0);
    if (!header) return { rowsRead: 0, map: { rows: new Int32Array(0), copyLines: new Int32Array(0), rejects } };
    shift();
    await write(header.bytes);
    const bad = (l: Line): ReasonCode[] => {
      const r: ReasonCode[] = [];
      if (l.length > limits.maxLineBytes) r.push('row.too_long');
      if (l.nul) r.push('row.binary');
      return r;
    };
    for (let first = await peek(0); first; first = await peek(0)) {
      if (first.length === 0) {
        shift(); // a blank line holds no row (DuckDB skips them too)
        continue;
      }
      const lineTrouble = bad(first);
      if (lineTrouble.length) {
        shift();
        reject(first, lineTrouble, lineTrouble.includes('row.too_long')
          ? `line of ${first.length.toLocaleString('en-GB')} bytes, longer than the limit of ${limits.maxLineBytes.toLocaleString('en-GB')}`
          : `NUL byte at byte ${first.bytes.indexOf(0) + 1} of the line`);
        continue;
      }
      // A row: this line, and the next ones while a quoted field is open, within the limits.
      const st = newRowState();
      readRowLine(first.bytes, st);
      let n = 1;
      let size = first.length;
      let overrun: string | null = null;
      while (st.inQuote && !overrun) {
        const next = n < limits.maxRowLines ? await peek(n) : null;
        if (!next) overrun = n >= limits.maxRowLines ? `within ${limits.maxRowLines} lines` : 'before the end of the file';
        else if (bad(next).length || size + 1 + next.length > limits.maxLineBytes) overrun = `within ${limits.maxLineBytes.toLocaleString('en-GB')} bytes`;
        else {
          st.fieldLen++; // the line break inside the field
          readRowLine(next.bytes, st);
          size += 1 + next.length;
          n++;
        }
      }
      if (overrun) {
        // An unbalanced quote: only its line is quarantined, reading resumes on the next.
        shift();
        reject(first, ['row.unparseable'], `a quote opened on this line is not closed ${overrun}`);
        continue;
      }
      const parts = shift(n);
      const bytes = n === 1 ? first.bytes : Buffer.concat(parts.flatMap((p, i) => (i ? [NEWLINE, p.bytes] : [p.bytes])));
      endField(st);
      const reasons: ReasonCode[] = [];
      const details: string[] = [];
      if (!isUtf8(bytes)) (reasons.push('row.encoding'), details.push(utf8Detail(bytes)));
      if (st.error) (reasons.push('row.unparseable'), details.push(st.error));
      else if (st.fields > limits.maxFields) (reasons.push('row.too_wide'), details.push(`${st.fields.toLocaleString('en-GB')} fields, more than the limit of ${limits.maxFields.toLocaleString('en-GB')}`));
      else if (st.fields !== columns) (reasons.push('row.field_count'), details.push(`${st.fields} fields where the header has ${columns}`));
      if (st.maxField > limits.maxFieldBytes) (reasons.push('row.field_too_long'), details.push(`a field of ${st.maxField.toLocaleString('en-GB')} bytes, longer than the limit of ${limits.maxFieldBytes.toLocaleString('en-GB')}`));
      if (reasons.length) {
        rejects.push({ line: first.no, raw: rawText(bytes, size), reasons, detail: details.join('; ') || reasons.map((r) => REASONS[r]).join('; ') });
        continue;
      }
      rows.push(first.no);
      copyLines.push(++copyLine);
      copyLine += n - 1;
      await write(bytes);
    }
    await write(null);
  } finally {
    await out.close();
  }
  return { rowsRead: rows.length + rejects.length, map: { rows: Int32Array.from(rows), copyLines: Int32Array.from(copyLines), rejects } };
}

const NEWLINE = Buffer.from('\n');

/** Offset of the first byte that breaks UTF-8 (for the detail of a `row.encoding` row), or -1. */
function firstBadUtf8(b: Buffer): number {
  for (let i = 0; i < b.length;) {
    const x = b[i];
    const n = x < 0x80 ? 1 : x >= 0xc2 && x < 0xe0 ? 2 : x >= 0xe0 && x < 0xf0 ? 3 : x >= 0xf0 && x < 0xf5 ? 4 : 0;
    if (!n || i + n > b.length || !isUtf8(b.subarray(i, i + n))) return i;
    i += n;
  }
  return -1;
}

function utf8Detail(b: Buffer): string {
  const i = firstBadUtf8(b);
  return `byte 0x${b[i].toString(16).toUpperCase().padStart(2, '0')} at byte ${i + 1} of the row is not UTF-8 (a Latin-1 or Windows-1252 file?)`;
}
