/**
 * Comparisons: how two records' values of one field are compared, as ordered levels from
 * "different" (0) to "exact" (the last level), with -1 when either value is missing (a missing
 * value is neither evidence for nor against a match: its weight is 0, as in Splink).
 *
 * Each field is prepared once: values are normalised (names without case, accents or
 * punctuation; dates to ISO; postcodes to "OUT IN"; phones to E.164 with libphonenumber-js;
 * vehicle registrations without spaces) and dictionary-coded to integers, so "exact" is an
 * integer comparison and only the fuzzy levels look at the strings.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { jaroWinklerSimilarity, withinOneEdit } from '../stats/index.ts';

export const COMPARISON_KINDS = ['name', 'text', 'date', 'postcode', 'phone', 'vehicle', 'id', 'exact'] as const;
export type ComparisonKind = (typeof COMPARISON_KINDS)[number];

/** The levels of each kind, lowest (0, different) to highest (exact); keys used in JSON output. */
export const LEVELS: Record<ComparisonKind, readonly string[]> = {
  name: ['different', 'jaro_winkler_0.88', 'jaro_winkler_0.92', 'exact'],
  text: ['different', 'jaro_winkler_0.88', 'jaro_winkler_0.92', 'exact'],
  date: ['different', 'within_a_year', 'day_month_transposed', 'exact'],
  postcode: ['different', 'district', 'sector', 'exact'],
  phone: ['different', 'exact'],
  vehicle: ['different', 'one_edit', 'exact'],
  id: ['different', 'one_edit', 'exact'],
  exact: ['different', 'exact'],
};

/** The same levels in words, for explanations. */
export const LEVEL_WORDS: Record<ComparisonKind, readonly string[]> = {
  name: ['different', 'similar (Jaro–Winkler ≥ 0.88)', 'very similar (Jaro–Winkler ≥ 0.92)', 'exact'],
  text: ['different', 'similar (Jaro–Winkler ≥ 0.88)', 'very similar (Jaro–Winkler ≥ 0.92)', 'exact'],
  date: ['different', 'within a year', 'day and month transposed', 'exact'],
  postcode: ['different', 'same district', 'same sector', 'exact'],
  phone: ['different', 'exact (normalised)'],
  vehicle: ['different', 'one character different', 'exact (normalised)'],
  id: ['different', 'one character different', 'exact'],
  exact: ['different', 'exact'],
};

/** Kinds whose exact level is adjusted for how common the value is (a common surname is weaker evidence). */
export const TERM_FREQUENCY_KINDS: ReadonlySet<ComparisonKind> = new Set(['name', 'text']);

/** One field of the records, normalised and coded. */
export interface PreparedField {
  readonly name: string;
  readonly kind: ComparisonKind;
  readonly levels: readonly string[];
  /** Normalised value code per record; -1 when missing. */
  readonly code: Int32Array;
  /** Normalised values, by code. */
  readonly values: readonly string[];
  /** Records holding each code (term frequencies). */
  readonly counts: Int32Array;
  /** Records with a value. */
  readonly present: number;
  /** Dates: yyyymmdd per record (0 when not a date); postcodes: sector code; else empty. */
  readonly aux1: Int32Array;
  /** Dates: day number since 1970 per record; postcodes: district code; else empty. */
  readonly aux2: Int32Array;
  /** Compares records i and j: a level, or -1 when either is missing. */
  compare(i: number, j: number): number;
  /** The Jaro–Winkler similarity behind a name/text level, for explanations (else null). */
  similarity(i: number, j: number): number | null;
}

// ------------------------------------------------------------------ normalisers

/** Lower case, no accents, letters digits and single spaces only. */
export function normaliseName(v: string): string {
  return v.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/['’`.]/g, '').replace(/[^a-z0-9]+/g, ' ').trim();
}

const POSTCODE_RE = /^([A-Z]{1,2}\d[A-Z\d]?)(\d[A-Z]{2})$/;

/** A UK postcode as `OUT IN` (upper case), or null when the text is not one. */
export function normalisePostcode(v: string): string | null {
  const m = POSTCODE_RE.exec(v.toUpperCase().replace(/[^A-Z0-9]/g, ''));
  return m ? `${m[1]} ${m[2]}` : null;
}

/** A phone number in E.164 (UK by default), or its digits when libphonenumber cannot read it. */
export function normalisePhone(v: string): string | null {
  // The usual UK forms without the parser (the same E.164 it gives): 07700 900123, +44 7700 900123.
  const compact = v.replace(/[\s()-]/g, '');
  if (/^0[1-9]\d{9}$/.test(compact)) return `+44${compact.slice(1)}`;
  if (/^\+44[1-9]\d{9}$/.test(compact)) return compact;
  const p = parsePhoneNumberFromString(v, 'GB');
  if (p?.isPossible()) return p.number;
  const d = v.replace(/\D/g, '');
  return d.length ? d : null;
}

/** A vehicle registration without spaces or punctuation, upper case. */
export function normaliseVehicle(v: string): string | null {
  const r = v.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return r.length ? r : null;
}

const DATE_FORMATS: ReadonlyArray<[RegExp, (m: RegExpExecArray) => [number, number, number]]> = [
  [/^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/, (m) => [+m[1], +m[2], +m[3]]],
  [/^(\d{4})(\d{2})(\d{2})$/, (m) => [+m[1], +m[2], +m[3]]],
  [/^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/, (m) => [+m[3], +m[2], +m[1]]], // UK: day first
  [/^(\d{4})\/(\d{1,2})\/(\d{1,2})$/, (m) => [+m[1], +m[2], +m[3]]],
];

/** A calendar date as [year, month, day] (UK day-first for slashed dates), or null. */
export function parseDateParts(v: string): [number, number, number] | null {
  const s = v.trim();
  for (const [re, f] of DATE_FORMATS) {
    const m = re.exec(s);
    if (!m) continue;
    const [y, mo, d] = f(m);
    if (y < 1800 || y > 2100 || mo < 1 || mo > 12 || d < 1 || d > 31) return null;
    const t = Date.UTC(y, mo - 1, d);
    if (new Date(t).getUTCDate() !== d) return null;
    return [y, mo, d];
  }
  return null;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

// ------------------------------------------------------------------ detection

const NAME_HINT = /name|forename|surname|given|family|alias/i;
const DATE_HINT = /dob|birth|date/i;
const PHONE_HINT = /phone|mobile|tel/i;
const REG_HINT = /\breg|vrm|vehicle|plate/i;
const UK_REG = /^(?:[A-Z]{2}\d{2}[A-Z]{3}|[A-Z]\d{1,3}[A-Z]{3}|[A-Z]{3}\d{1,3}[A-Z])$/;

/**
 * The comparison for a column, from its content (and its name when the content is ambiguous):
 * dates, UK postcodes, phone numbers, vehicle registrations, digit identifiers, few-valued
 * categories (exact), names (letters, or a header saying name), else free text.
 */
export function detectComparison(column: string, values: ReadonlyArray<string | null>): ComparisonKind {
  const sample: string[] = [];
  const step = Math.max(1, Math.floor(values.length / 5000));
  for (let i = 0; i < values.length && sample.length < 5000; i += step) {
    const v = values[i]?.trim();
    if (v) sample.push(v);
  }
  if (!sample.length) return 'exact';
  const share = (f: (v: string) => boolean) => sample.filter(f).length / sample.length;
  if (share((v) => parseDateParts(v) !== null) >= 0.8 && (DATE_HINT.test(column) || share((v) => /[-/.]/.test(v) || v.length === 8) >= 0.8)) return 'date';
  if (share((v) => normalisePostcode(v) !== null) >= 0.8) return 'postcode';
  if (share((v) => UK_REG.test(v.toUpperCase().replace(/[^A-Z0-9]/g, ''))) >= 0.8 || (REG_HINT.test(column) && share((v) => /\d/.test(v) && /[a-z]/i.test(v)) >= 0.8)) return 'vehicle';
  const phoneLike = share((v) => {
    const d = v.replace(/\D/g, '');
    return /^[+\d][\d\s()-]+$/.test(v) && d.length >= 10 && d.length <= 13 && (normalisePhone(v)?.startsWith('+') ?? false);
  });
  if (phoneLike >= 0.8 || (PHONE_HINT.test(column) && phoneLike >= 0.5)) return 'phone';
  // A category (a few values, with the odd typo): the 20 commonest values hold 95% of the rows.
  const freq = new Map<string, number>();
  for (const v of sample) freq.set(v, (freq.get(v) ?? 0) + 1);
  const top = [...freq.values()].sort((a, b) => b - a).slice(0, 20).reduce((a, b) => a + b, 0);
  if (sample.length >= 100 && top >= 0.95 * sample.length) return 'exact';
  if (share((v) => /^[\d\s-]+$/.test(v)) >= 0.8) return 'id';
  if (NAME_HINT.test(column) || share((v) => /^[\p{L}][\p{L}\s'’.-]*$/u.test(v) && v.length <= 40) >= 0.8) return 'name';
  return 'text';
}

// ------------------------------------------------------------------ preparation

class Coder {
  readonly map = new Map<string, number>();
  readonly values: string[] = [];
  code(v: string): number {
    let c = this.map.get(v);
    if (c === undefined) {
      c = this.values.length;
      this.map.set(v, c);
      this.values.push(v);
    }
    return c;
  }
}

const EMPTY = new Int32Array(0);

/** Normalises and codes one column for comparison. */
export function prepareField(name: string, kind: ComparisonKind, raw: ReadonlyArray<string | null>): PreparedField {
  const n = raw.length;
  const code = new Int32Array(n).fill(-1);
  const coder = new Coder();
  let aux1 = EMPTY;
  let aux2 = EMPTY;
  const firstOf: number[] = [];
  const sectors = new Coder();
  const districts = new Coder();
  if (kind === 'date') {
    aux1 = new Int32Array(n);
    aux2 = new Int32Array(n);
  } else if (kind === 'postcode') {
    aux1 = new Int32Array(n).fill(-1);
    aux2 = new Int32Array(n).fill(-1);
  }
  // Values repeat (names, dates, postcodes): normalise each distinct text once.
  const seen = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const r = raw[i]?.trim();
    if (!r) continue;
    const known = seen.get(r);
    if (known !== undefined) {
      code[i] = known;
      if (known >= 0 && aux1.length) {
        aux1[i] = aux1[firstOf[known]];
        aux2[i] = aux2[firstOf[known]];
      }
      continue;
    }
    let v: string | null;
    switch (kind) {
      case 'name':
      case 'text':
        v = normaliseName(r) || null;
        break;
      case 'date': {
        const p = parseDateParts(r);
        if (p) {
          v = `${p[0]}-${pad(p[1])}-${pad(p[2])}`;
          aux1[i] = p[0] * 10000 + p[1] * 100 + p[2];
          aux2[i] = Math.floor(Date.UTC(p[0], p[1] - 1, p[2]) / 86_400_000);
        } else v = r; // unreadable: still compared exactly, as written
        break;
      }
      case 'postcode': {
        const p = normalisePostcode(r);
        v = p ?? r.toUpperCase().replace(/\s+/g, '');
        if (p) {
          const [out, inw] = p.split(' ');
          aux1[i] = sectors.code(`${out} ${inw[0]}`);
          aux2[i] = districts.code(out);
        }
        break;
      }
      case 'phone':
        v = normalisePhone(r);
        break;
      case 'vehicle':
        v = normaliseVehicle(r);
        break;
      case 'id':
        v = r.toUpperCase().replace(/\s+/g, '');
        break;
      case 'exact':
        v = r.toLowerCase();
        break;
      default: {
        const never: never = kind;
        throw new Error(`unknown comparison kind ${String(never)}`);
      }
    }
    if (v) {
      code[i] = coder.code(v);
      if (firstOf.length === code[i]) firstOf.push(i);
      seen.set(r, code[i]);
    } else seen.set(r, -1);
  }
  const values = coder.values;
  const counts = new Int32Array(values.length);
  let present = 0;
  for (let i = 0; i < n; i++) if (code[i] >= 0) {
    counts[code[i]]++;
    present++;
  }
  const levels = LEVELS[kind];
  const top = levels.length - 1;
  let compare: (i: number, j: number) => number;
  let similarity: (i: number, j: number) => number | null = () => null;
  switch (kind) {
    case 'name':
    case 'text':
      compare = (i, j) => {
        const a = code[i];
        const b = code[j];
        if (a < 0 || b < 0) return -1;
        if (a === b) return 3;
        const s = jaroWinklerSimilarity(values[a], values[b]);
        return s >= 0.92 ? 2 : s >= 0.88 ? 1 : 0;
      };
      similarity = (i, j) => (code[i] < 0 || code[j] < 0 ? null : jaroWinklerSimilarity(values[code[i]], values[code[j]]));
      break;
    case 'date':
      compare = (i, j) => {
        const a = code[i];
        const b = code[j];
        if (a < 0 || b < 0) return -1;
        if (a === b) return 3;
        const x = aux1[i];
        const y = aux1[j];
        if (x === 0 || y === 0) return 0;
        const xm = ((x / 100) | 0) % 100;
        const xd = x % 100;
        const ym = ((y / 100) | 0) % 100;
        const yd = y % 100;
        if (((x / 10000) | 0) === ((y / 10000) | 0) && xm === yd && xd === ym) return 2;
        return Math.abs(aux2[i] - aux2[j]) <= 365 ? 1 : 0;
      };
      break;
    case 'postcode':
      compare = (i, j) => {
        const a = code[i];
        const b = code[j];
        if (a < 0 || b < 0) return -1;
        if (a === b) return 3;
        if (aux1[i] >= 0 && aux1[i] === aux1[j]) return 2;
        if (aux2[i] >= 0 && aux2[i] === aux2[j]) return 1;
        return 0;
      };
      break;
    case 'vehicle':
    case 'id':
      compare = (i, j) => {
        const a = code[i];
        const b = code[j];
        if (a < 0 || b < 0) return -1;
        if (a === b) return 2;
        return withinOneEdit(values[a], values[b]) ? 1 : 0;
      };
      break;
    case 'phone':
    case 'exact':
      compare = (i, j) => {
        const a = code[i];
        const b = code[j];
        if (a < 0 || b < 0) return -1;
        return a === b ? top : 0;
      };
      break;
    default: {
      const never: never = kind;
      throw new Error(`unknown comparison kind ${String(never)}`);
    }
  }
  return { name, kind, levels, code, values, counts, present, aux1, aux2, compare, similarity };
}
