/**
 * The bad-input corpus of the standing fault suite (issue #15), built at run time from the real
 * data.police.uk files in `../shared/data/police_uk` — nothing here is committed data. Shared by
 * `test/faults/corpus.test.ts` and `bench/faults.ts`.
 *
 * Every case writes its inputs into its own folder and says what an honest answer is:
 *   load        the file loads, every data row read (`rows`), nothing quarantined;
 *   quarantine  the load succeeds and the bad rows are quarantined with reasons (never the whole file refused);
 *   error       one clear line naming the file (and the value where it applies), nothing written;
 *   refuse      either `error`, or a load whose bad rows are all quarantined;
 *   any         any honest outcome (an error, or a load that reconciles), for inputs the standard leaves open.
 * `own` lists the force × kind × month keys the case's file declares: only those may change.
 */
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { splitCsv } from '../helpers/csv.ts';

export { splitCsv };

export type Expect = 'load' | 'quarantine' | 'error' | 'refuse' | 'any';

export interface FaultCase {
  readonly name: string;
  /** The kind of fault, for the bench's table (`ownership`, `structure`, `encoding`, ...). */
  readonly group: string;
  readonly expect: Expect;
  /** `kind|force|month` keys the input declares; every other force-month must stay as it was. */
  readonly own: readonly string[];
  /** Data rows the input holds: when the load succeeds, rows read must equal this (else rows were lost). */
  readonly rows?: number;
  /** Text that must appear in the error, or in a quarantined row's reasons or detail. */
  readonly mention?: string;
  /** The physical line (1 = header) a quarantined row must be reported at. */
  readonly line?: number;
  /** Run in its own `peel ingest` process even in the test suite (the input may hang or exhaust memory). */
  readonly isolate?: boolean;
  /** Loading the same inputs again must change nothing (every file `unchanged`, every force-month as it was). */
  readonly rerunNoop?: boolean;
  /** Builds the inputs in `dir` and returns the paths to ingest. */
  build(dir: string, src: RealSources): string[];
}

/** A real file as header + data lines, its line ending stripped. */
export interface RealFile {
  readonly header: string;
  readonly rows: readonly string[];
}

export interface RealSources {
  readonly city11: RealFile; // street, city-of-london 2018-11 (not preloaded: the cases' own month)
  readonly city12: RealFile; // street, city-of-london 2018-12
  readonly city10: RealFile; // street, city-of-london 2018-10 (preloaded)
  readonly gwent01: RealFile; // street, gwent 2020-01 (preloaded)
  readonly outcomes: RealFile; // outcomes, city-of-london 2023-01 (preloaded)
  readonly stopSearch10: RealFile; // stop-and-search, city-of-london 2018-10
  /** Real format variants, by path: CR-only Merseyside 2014-04, snake_case Essex 2018-01. */
  readonly crOnlyPath: string;
  readonly snakeCasePath: string;
}

const PU = (data: string, ...p: string[]) => join(data, 'police_uk', ...p);

/** The real files the store is preloaded with before every case (a few force-months of each kind). */
export function preloadFiles(sharedData: string): string[] {
  return [
    PU(sharedData, 'street', 'gwent', '2020-01-gwent-street.csv'),
    PU(sharedData, 'street', 'city-of-london', '2018-09-city-of-london-street.csv'),
    PU(sharedData, 'street', 'city-of-london', '2018-10-city-of-london-street.csv'),
    PU(sharedData, 'street', 'dorset', '2021-02-dorset-street.csv'),
    PU(sharedData, 'stop_and_search', 'city-of-london', '2018-09-city-of-london-stop-and-search.csv'),
    PU(sharedData, 'outcomes', 'city-of-london', '2023-01-city-of-london-outcomes.csv'),
  ];
}

function readReal(path: string): RealFile {
  const lines = readFileSync(path, 'latin1').split(/\r\n|\n|\r/);
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  return { header: lines[0], rows: lines.slice(1) };
}

export function realSources(sharedData: string): RealSources {
  return {
    city11: readReal(PU(sharedData, 'street', 'city-of-london', '2018-11-city-of-london-street.csv')),
    city12: readReal(PU(sharedData, 'street', 'city-of-london', '2018-12-city-of-london-street.csv')),
    city10: readReal(PU(sharedData, 'street', 'city-of-london', '2018-10-city-of-london-street.csv')),
    gwent01: readReal(PU(sharedData, 'street', 'gwent', '2020-01-gwent-street.csv')),
    outcomes: readReal(PU(sharedData, 'outcomes', 'city-of-london', '2023-01-city-of-london-outcomes.csv')),
    stopSearch10: readReal(PU(sharedData, 'stop_and_search', 'city-of-london', '2018-10-city-of-london-stop-and-search.csv')),
    crOnlyPath: PU(sharedData, 'street_format_variants', 'police-uk-2014-04-merseyside-street.csv'),
    snakeCasePath: PU(sharedData, 'street_format_variants', '2018-01-essex-street.csv'),
  };
}


export function joinCsv(fields: readonly string[]): string {
  return fields.map((v) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(',');
}

/** Street column positions. */
const C = { id: 0, month: 1, reportedBy: 2, fallsWithin: 3, lon: 4, lat: 5, location: 6, lsoa: 7, lsoaName: 8, type: 9, outcome: 10, context: 11 } as const;

function setField(line: string, col: number, value: string): string {
  const f = splitCsv(line);
  f[col] = value;
  return joinCsv(f);
}

/** The first located, non-ASB rows (so a coordinate or category change is the row's only fault). */
function plainRows(f: RealFile, n: number): string[] {
  return f.rows.filter((r) => {
    const x = splitCsv(r);
    return x[C.id] !== '' && x[C.lon] !== '' && x.length === 12;
  }).slice(0, n);
}

const N = 150;
const OWN = 'street|city-of-london|2018-11';
const NAME = '2018-11-city-of-london-street.csv';
const CRLF = '\r\n';

function write(dir: string, name: string, content: string | Uint8Array): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

/** The case's usual file: `n` real rows of City of London 2018-11, with `edit` applied to chosen rows. */
function city(src: RealSources, n = N): string[] {
  return [src.city11.header, ...src.city11.rows.slice(0, n)];
}

function text(lines: readonly string[], eol = CRLF): string {
  return lines.join(eol) + eol;
}

/** A row whose given fields are replaced, from the plain rows of City of London 2018-11. */
function edited(src: RealSources, i: number, col: number, value: string): string {
  return setField(plainRows(src.city11, i + 1)[i], col, value);
}

function streetCase(name: string, group: string, expect: Expect, make: (src: RealSources) => string | Uint8Array, more: Partial<FaultCase> = {}): FaultCase {
  return { name, group, expect, own: [OWN], ...more, build: (dir, src) => [write(dir, NAME, make(src))] };
}

/** A row replaced at data index `at` (0-based) of the usual file. */
function withRow(src: RealSources, at: number, row: string): string[] {
  const lines = city(src);
  lines[at + 1] = row;
  return lines;
}

function zip(entries: Record<string, Uint8Array>, level: 0 | 9 = 9): Uint8Array {
  return zipSync(Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, [v, { level }]])));
}

const enc = (s: string) => Buffer.from(s, 'utf8');

function utf16(s: string, endian: 'le' | 'be'): Buffer {
  const le = Buffer.from('\uFEFF' + s, 'utf16le');
  if (endian === 'le') return le;
  const be = Buffer.alloc(le.length);
  for (let i = 0; i + 1 < le.length; i += 2) (be[i] = le[i + 1], (be[i + 1] = le[i]));
  return be;
}

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
);

/** Deterministic "random" bytes (a fixed LCG), so a case is the same on every run. */
function noise(n: number, seed = 7): Buffer {
  const b = Buffer.alloc(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    b[i] = x >>> 24;
  }
  return b;
}

export const CASES: readonly FaultCase[] = [
  // ── ownership (items 1–2): a file writes only the force-months it declares ──
  streetCase('ownership: a Gwent 2020-01 row appended to a City of London file', 'ownership', 'quarantine', (s) => text([...city(s), s.gwent01.rows[0]]), { rows: N + 1 }),
  streetCase('ownership: a row of another month (2018-10, held) in a 2018-11 file', 'ownership', 'quarantine', (s) => text([...city(s), s.city10.rows[0]]), { rows: N + 1 }),
  streetCase('ownership: a file named for City of London holding Gwent rows', 'ownership', 'refuse', (s) => text([s.gwent01.header, ...s.gwent01.rows.slice(0, N)])),
  streetCase('ownership: a row naming another force in a file of one month', 'ownership', 'quarantine',
    (s) => text([...city(s), setField(setField(plainRows(s.city11, 1)[0], C.reportedBy, 'Dorset Police'), C.fallsWithin, 'Dorset Police')]), { rows: N + 1 }),
  {
    name: 'ownership: an outcomes file with a Gwent row', group: 'ownership', expect: 'quarantine', own: ['outcomes|city-of-london|2023-02'], rows: 51,
    build: (dir, s) => {
      const rows = s.outcomes.rows.slice(0, 50).map((r) => setField(r, C.month, '2023-02'));
      const g = splitCsv(s.gwent01.rows[1]);
      const gwent = joinCsv([g[0] || 'a'.repeat(64), '2020-01', g[2], g[3], g[4], g[5], g[6], g[7], g[8], 'Investigation complete; no suspect identified']);
      return [write(dir, '2023-02-city-of-london-outcomes.csv', text([s.outcomes.header, ...rows, gwent]))];
    },
  },
  {
    name: 'ownership: two versions of one force-month in one folder', group: 'ownership', expect: 'any', own: [OWN], rerunNoop: true,
    build: (dir, s) => {
      mkdirSync(join(dir, 'a'));
      mkdirSync(join(dir, 'b'));
      write(join(dir, 'a'), NAME, text(city(s, 100)));
      write(join(dir, 'b'), NAME, text(city(s, 120).map((l, i) => (i === 5 ? setField(l, C.outcome, 'Under investigation') : l))));
      return [dir];
    },
  },

  // ── structure: size, shape, truncation ──
  streetCase('structure: a line of 1,000,000 columns', 'structure', 'quarantine',
    (s) => text([...city(s, 20), 'x,'.repeat(999_999) + 'x', ...s.city11.rows.slice(20, 40)]), { isolate: true, rows: 41 }),
  streetCase('structure: a 4 MB quoted field', 'structure', 'quarantine', (s) => text(withRow(s, 10, edited(s, 10, C.location, 'x'.repeat(4 << 20)))), { isolate: true, rows: N }),
  streetCase('structure: a 3 MB unquoted line', 'structure', 'quarantine', (s) => text(withRow(s, 10, 'y'.repeat(3 << 20))), { isolate: true, rows: N }),
  streetCase('structure: an unbalanced quote', 'structure', 'quarantine', (s) => text(withRow(s, 50, edited(s, 50, C.location, 'X').replace(',X,', ',"On or near Broken Quote,'))), { rows: N }),
  streetCase('structure: mixed CR, LF and CRLF line endings', 'structure', 'load',
    (s) => city(s).map((l, i) => l + ['\r\n', '\n', '\r'][i % 3]).join(''), { rows: N }),
  streetCase('structure: a duplicate header column', 'structure', 'error', (s) => text([s.city11.header.replace(',Context', ',Crime type'), ...s.city11.rows.slice(0, N)]), { mention: 'Crime type' }),
  streetCase('structure: a quoted newline, then a bad row', 'structure', 'quarantine',
    (s) => text([...city(s, 40).map((l, i) => (i === 11 ? edited(s, 10, C.location, 'On or near\nHigh Street') : i === 21 ? edited(s, 20, C.type, 'Burgalry') : l))]),
    { rows: 40, mention: 'Burgalry', line: 23 }),
  streetCase('structure: truncated mid-row', 'structure', 'quarantine', (s) => { const t = text(city(s, 100)); return t.slice(0, t.lastIndexOf(CRLF, t.length - 3) + 40); }, { rows: 100 }),
  streetCase('structure: truncated inside a quoted field', 'structure', 'refuse',
    (s) => text(city(s, 99)) + '0000aaaa,2018-11,City of London Police,City of London Police,-0.1,51.5,"On or near, Cut'),
  streetCase('structure: header only', 'structure', 'any', (s) => text([s.city11.header])),
  streetCase('structure: an empty file', 'structure', 'any', () => ''),
  streetCase('structure: blank lines between rows', 'structure', 'any', (s) => text(city(s, 60).flatMap((l, i) => (i % 20 === 10 ? [l, ''] : [l])))),
  streetCase('structure: text after a closing quote', 'structure', 'quarantine', (s) => text(withRow(s, 30, edited(s, 30, C.location, 'X').replace(',X,', ',"On or near"Tail,'))), { rows: N }),
  streetCase('structure: a row with one field too many', 'structure', 'quarantine', (s) => text(withRow(s, 30, s.city11.rows[30] + ',extra')), { rows: N, mention: 'row.field_count' }),
  { name: 'structure: the real CR-only file (Merseyside 2014-04)', group: 'structure', expect: 'load', own: ['street|merseyside|2014-04'], rows: 12_925,
    build: (dir, s) => [write(dir, '2014-04-merseyside-street.csv', readFileSync(s.crOnlyPath))] },
  {
    name: 'structure: a FIFO inside a folder', group: 'structure', expect: 'any', own: [OWN], isolate: true,
    build: (dir, s) => {
      const d = join(dir, 'in');
      mkdirSync(d);
      write(d, NAME, text(city(s, 50)));
      execFileSync('mkfifo', [join(d, '2018-12-city-of-london-street.csv')]);
      return [d];
    },
  },
  {
    name: 'structure: a symlink loop inside a folder', group: 'structure', expect: 'any', own: [OWN],
    build: (dir, s) => {
      const d = join(dir, 'in');
      mkdirSync(d);
      write(d, NAME, text(city(s, 50)));
      symlinkSync(d, join(d, 'loop'));
      symlinkSync(join(d, 'b'), join(d, 'a'));
      symlinkSync(join(d, 'a'), join(d, 'b'));
      return [d];
    },
  },

  // ── encoding ──
  streetCase('encoding: Latin-1 bytes in a few rows', 'encoding', 'quarantine',
    (s) => {
      const lines = withRow(s, 20, edited(s, 20, C.location, 'On or near Caf\u00e9 Street'));
      lines[81] = edited(s, 80, C.location, 'On or near Ch\u00e2teau Road');
      return Buffer.from(text(lines), 'latin1');
    },
    { rows: N, mention: 'not UTF-8' }),
  streetCase('encoding: a UTF-8 byte-order mark', 'encoding', 'load', (s) => '\uFEFF' + text(city(s)), { rows: N }),
  streetCase('encoding: UTF-16 LE with a byte-order mark', 'encoding', 'refuse', (s) => utf16(text(city(s)), 'le')),
  streetCase('encoding: UTF-16 BE with a byte-order mark', 'encoding', 'refuse', (s) => utf16(text(city(s)), 'be')),
  streetCase('encoding: a NUL byte inside a field', 'encoding', 'quarantine', (s) => text(withRow(s, 5, edited(s, 5, C.location, 'On or near \u0000Street'))), { rows: N }),
  streetCase('encoding: a street header followed by 32 MB of NUL bytes', 'encoding', 'refuse',
    (s) => Buffer.concat([enc(s.city11.header + CRLF), Buffer.alloc(32 << 20)]), { isolate: true }),
  streetCase('encoding: invalid UTF-8 continuation bytes', 'encoding', 'quarantine',
    (s) => Buffer.concat([enc(text(city(s, 70))), Buffer.from([0xc3, 0x28, 0xa0, 0xa1]), enc(',2018-11,x' + CRLF), enc(text(s.city11.rows.slice(70, 100)))]), { rows: 101 }),

  // ── headers ──
  streetCase('header: a column missing (Context)', 'header', 'any', (s) => text([s.city11.header.replace(',Context', ''), ...s.city11.rows.slice(0, N).map((r) => r.replace(/,$/, ''))])),
  streetCase('header: a column renamed (Crime type → Offence type)', 'header', 'error', (s) => text([s.city11.header.replace('Crime type', 'Offence type'), ...s.city11.rows.slice(0, N)]), { mention: 'Offence type' }),
  streetCase('header: an extra column', 'header', 'any', (s) => text([s.city11.header + ',Extra', ...s.city11.rows.slice(0, N).map((r) => r + ',x')])),
  streetCase('header: a stop-and-search header in a street-named file', 'header', 'any', (s) => text([s.stopSearch10.header, ...s.stopSearch10.rows.slice(0, 40)]),
    { own: [OWN, 'stop_search|city-of-london|2018-11'] }),
  { name: 'header: snake_case (the real Essex variant)', group: 'header', expect: 'any', own: ['street|essex|2018-01'],
    build: (dir, s) => [write(dir, '2018-01-essex-street.csv', readFileSync(s.snakeCasePath))] },
  streetCase('header: no header at all', 'header', 'refuse', (s) => text(s.city11.rows.slice(0, N))),

  // ── values: out-of-range months and coordinates ──
  streetCase('values: month 2018-13', 'values', 'quarantine', (s) => text(withRow(s, 7, edited(s, 7, C.month, '2018-13'))), { rows: N, mention: 'month' }),
  streetCase('values: month written Nov-18', 'values', 'quarantine', (s) => text(withRow(s, 7, edited(s, 7, C.month, 'Nov-18'))), { rows: N, mention: 'month' }),
  streetCase('values: month 2099-01', 'values', 'quarantine', (s) => text(withRow(s, 7, edited(s, 7, C.month, '2099-01'))), { rows: N }),
  streetCase('values: longitude 200.5', 'values', 'quarantine', (s) => text(withRow(s, 9, edited(s, 9, C.lon, '200.5'))), { rows: N, mention: 'coords.out_of_range' }),
  streetCase('values: latitude -95', 'values', 'quarantine', (s) => text(withRow(s, 9, edited(s, 9, C.lat, '-95'))), { rows: N, mention: 'coords.out_of_range' }),
  streetCase('values: coordinates in New York', 'values', 'quarantine', (s) => text(withRow(s, 9, setField(edited(s, 9, C.lon, '-74.0'), C.lat, '40.7'))), { rows: N, mention: 'coords.out_of_range' }),
  streetCase('values: longitude "NaN"', 'values', 'quarantine', (s) => text(withRow(s, 9, edited(s, 9, C.lon, 'NaN'))), { rows: N }),
  streetCase('values: unknown crime type', 'values', 'quarantine', (s) => text(withRow(s, 12, edited(s, 12, C.type, 'Burgalry'))), { rows: N, mention: 'Burgalry', line: 14 }),
  streetCase('values: a CSV formula in a field', 'values', 'any', (s) => text(withRow(s, 12, edited(s, 12, C.location, "=cmd|' /C calc'!A0"))), { rows: N }),

  // ── names ──
  // The rows say City of London 2018-11: loading them as that, or refusing the name, are both honest.
  { name: 'name: month 2018-13 in the file name', group: 'name', expect: 'any', own: [OWN],
    build: (dir, s) => [write(dir, '2018-13-city-of-london-street.csv', text(city(s)))] },
  { name: 'name: an unknown force in the file name', group: 'name', expect: 'any', own: [OWN],
    build: (dir, s) => [write(dir, '2018-11-atlantis-street.csv', text(city(s)))] },

  // ── binary files ──
  streetCase('binary: a PNG named .csv', 'binary', 'refuse', () => PNG),
  streetCase('binary: 64 KB of random bytes named .csv', 'binary', 'refuse', () => noise(64 << 10)),
  {
    name: 'binary: a PNG named .csv beside a good file in a folder', group: 'binary', expect: 'any', own: [OWN],
    build: (dir, s) => {
      const d = join(dir, 'in');
      mkdirSync(d);
      write(d, NAME, text(city(s, 50)));
      write(d, '2018-12-city-of-london-street.csv', PNG);
      return [d];
    },
  },

  // ── zips ──
  { name: 'zip: a bomb (64 MB of zeros in 64 KB)', group: 'zip', expect: 'refuse', own: [], isolate: true,
    build: (dir) => [write(dir, 'bomb.zip', zip({ '2018-11-city-of-london-street.csv': Buffer.alloc(64 << 20) }))] },
  { name: 'zip: a zip inside a zip', group: 'zip', expect: 'any', own: [OWN], isolate: true,
    build: (dir, s) => [write(dir, 'outer.zip', zip({ 'inner.zip': zip({ [`2018-11/${NAME}`]: enc(text(city(s, 60))) }) }))] },
  { name: 'zip: a corrupt zip', group: 'zip', expect: 'error', own: [], isolate: true,
    build: (dir, s) => {
      const z = Buffer.from(zip({ [`2018-11/${NAME}`]: enc(text(city(s))) }));
      const bad = Buffer.concat([z.subarray(0, 60), noise(400, 3), z.subarray(460)]);
      return [write(dir, 'broken.zip', bad)];
    } },
  { name: 'zip: a zip cut short', group: 'zip', expect: 'error', own: [], isolate: true,
    build: (dir, s) => {
      const z = Buffer.from(zip({ [`2018-11/${NAME}`]: enc(text(city(s))) }));
      return [write(dir, 'short.zip', z.subarray(0, Math.floor(z.length / 2)))];
    } },
  { name: 'zip: a good archive (control)', group: 'zip', expect: 'load', own: [OWN], rows: N, isolate: true,
    build: (dir, s) => [write(dir, 'good.zip', zip({ [`2018-11/${NAME}`]: enc(text(city(s))) }))] },
];
