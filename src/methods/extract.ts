/**
 * Method (MO) extraction: reads a narrative against the standard's method vocabulary
 * (`METHOD_VOCABULARY`) and returns, for each feature, the controlled values it signals, with the
 * span of text behind each value as evidence. Phrases that describe a method but are not in the
 * vocabulary ("posing as a gardener from the council", "using a lump hammer") are kept as evidence
 * with `value: null`, so an analyst (or the emerging-tactics detector) can read what is new.
 *
 * Time of day and day of week come from `occurredAt` when given (UTC, as stored), plus the words
 * of the text ("overnight", "on Saturday"); clock times in the text ("0230hrs") count only when
 * `occurredAt` is absent, since logs are full of times officers attended.
 */
import {
  DAYS_OF_WEEK, METHOD_FEATURES, METHOD_VOCABULARY, timeOfDayOf,
  type MethodFeature,
} from '../standard/index.ts';
import { KeyScanner, requiredKeys } from './keys.ts';

/** One span of the narrative behind a feature value; `value` null for a free phrase. */
export interface MethodEvidence {
  readonly feature: MethodFeature;
  readonly value: string | null;
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** For every feature, its controlled values found (sorted, distinct; empty when none). */
export type MethodFeatures = Record<MethodFeature, string[]>;

export interface ExtractedMethod {
  readonly features: MethodFeatures;
  readonly evidence: MethodEvidence[];
}

interface CompiledValue {
  readonly feature: MethodFeature;
  readonly value: string;
  readonly re: RegExp;
  readonly negatable: boolean;
  /** Literal words one of which any match must contain; empty when none could be derived (always tried). */
  readonly keys: readonly string[];
  /** Ids of `keys` in the scanner. */
  keyIds: number[];
}

// A word boundary before a pattern that starts with a word character (cheaper than a lookbehind,
// which the engine would test at every position); patterns led by "(" or "£" need none.
const lead = (p: string): string => (/^(?:\\\(|£)/.test(p) ? p : `\\b${p}`);
const B1 = '(?![a-z0-9])';

const COMPILED: readonly CompiledValue[] = METHOD_FEATURES.flatMap((feature) => METHOD_VOCABULARY[feature].map((s) => {
  const keys = s.patterns.map(requiredKeys);
  return {
    feature, value: s.value, negatable: s.negatable !== false,
    re: new RegExp(`(?:${s.patterns.map(lead).join('|')})${B1}`, 'g'),
    keys: keys.every((k) => k !== null) ? [...new Set((keys as string[][]).flat())] : [],
    keyIds: [] as number[],
  };
}));
const ALL_KEYS = [...new Set(COMPILED.flatMap((c) => c.keys))];
for (const c of COMPILED) c.keyIds = c.keys.map((k) => ALL_KEYS.indexOf(k));
const SCANNER = new KeyScanner(ALL_KEYS);

/** Longest stretch of a match before the end of its key word (patterns are far shorter). */
const MAX_MATCH_BEFORE_KEY = 100;

const NEGATION = /(?:^|[^a-z])(?:no|not|nil|without|negative|never|nothing|none)(?![a-z])/i;
const CLAUSE_END = /[.;:!?,\n]|\bbut\b/gi;
const CLOCK = /\d{4}\s*hrs/i;

/** Whether the clause before `start` (up to 40 characters) negates what follows. */
function negated(text: string, start: number): boolean {
  let from = Math.max(0, start - 40);
  const before = text.slice(from, start);
  CLAUSE_END.lastIndex = 0;
  let cut = 0;
  for (let m = CLAUSE_END.exec(before); m; m = CLAUSE_END.exec(before)) cut = m.index + m[0].length;
  from += cut;
  return NEGATION.test(text.slice(from, start));
}

/** Free phrases: a method described in words the vocabulary does not hold. */
const FREE_PHRASES: ReadonlyArray<{ feature: MethodFeature; re: RegExp }> = [
  { feature: 'approach', re: /\b(?:posing as|posed as|claiming to be|claimed to be|pretending to be|purporting to be|saying (?:he|she|they) (?:was|were) from)\s+(?:from\s+)?(?:the\s+|a\s+|an\s+)?[a-z'-]+(?:\s+(?!and\b|who\b|but\b)[a-z'-]+){0,4}/gi },
  { feature: 'tools_weapons', re: /\b(?:using|armed with|brandishing|wielding)\s+(?:a|an)\s+[a-z'-]+(?:\s+[a-z'-]+){0,2}/gi },
  { feature: 'entry_point', re: /\b(?:entry|access) (?:was )?(?:gained|made) (?:via|through|by)\s+(?:the\s+|a\s+)?[a-z'-]+(?:\s+[a-z'-]+){0,3}/gi },
];

/** An empty feature table. */
export function emptyFeatures(): MethodFeatures {
  return Object.fromEntries(METHOD_FEATURES.map((f) => [f, [] as string[]])) as MethodFeatures;
}

function parseWhen(occurredAt: string | Date | null | undefined): Date | null {
  if (occurredAt === null || occurredAt === undefined) return null;
  const d = occurredAt instanceof Date ? occurredAt : new Date(occurredAt);
  return Number.isNaN(d.getTime()) ? null : d;
}

/**
 * The method features of one narrative. `occurredAt` (ISO 8601 or a Date, UTC) supplies time of
 * day and day of week. Pure and deterministic; about 10 regular-expression scans per narrative.
 */
export function extractMethod(text: string, occurredAt?: string | Date | null): ExtractedMethod {
  const when = parseWhen(occurredAt);
  const sets = new Map<MethodFeature, Set<string>>();
  const evidence: MethodEvidence[] = [];
  const add = (feature: MethodFeature, value: string): void => {
    let s = sets.get(feature);
    if (!s) { s = new Set(); sets.set(feature, s); }
    s.add(value);
  };
  // Patterns are lower case: match on a lower-cased copy when offsets are unchanged by it.
  const lower = text.toLowerCase();
  const hay = lower.length === text.length ? lower : null;
  const first = new Int32Array(ALL_KEYS.length).fill(-1);
  if (hay !== null) SCANNER.scan(hay, first);
  for (const c of COMPILED) {
    // A match holds one of its value's keys, so it cannot start long before the first of them ends.
    let from = 0;
    if (hay !== null && c.keyIds.length > 0) {
      let end = -1;
      for (const k of c.keyIds) if (first[k] >= 0 && (end < 0 || first[k] < end)) end = first[k];
      if (end < 0) continue;
      from = Math.max(0, end - MAX_MATCH_BEFORE_KEY);
    }
    const re = hay !== null ? c.re : new RegExp(c.re.source, 'gi');
    re.lastIndex = from;
    const src = hay ?? text;
    for (let m = re.exec(src); m; m = re.exec(src)) {
      if (m[0].length === 0) { re.lastIndex++; continue; }
      if (c.feature === 'time_of_day' && when && CLOCK.test(m[0])) continue;
      if (c.negatable && negated(text, m.index)) continue;
      add(c.feature, c.value);
      evidence.push({ feature: c.feature, value: c.value, start: m.index, end: m.index + m[0].length, text: text.slice(m.index, m.index + m[0].length) });
    }
  }
  if (when) {
    add('time_of_day', timeOfDayOf(when.getUTCHours()));
    add('day_of_week', DAYS_OF_WEEK[when.getUTCDay()]);
  }
  for (const f of FREE_PHRASES) {
    f.re.lastIndex = 0;
    for (let m = f.re.exec(text); m; m = f.re.exec(text)) {
      const start = m.index, end = start + m[0].length;
      // A phrase already fully explained by a vocabulary value adds nothing.
      if (evidence.some((e) => e.feature === f.feature && e.value !== null && e.start >= start && e.end <= end && (e.end - e.start) * 2 >= end - start)) continue;
      evidence.push({ feature: f.feature, value: null, start, end, text: m[0] });
    }
  }
  const features = emptyFeatures();
  for (const [f, s] of sets) features[f] = [...s].sort();
  evidence.sort((a, b) => a.start - b.start || a.end - b.end);
  return { features, evidence };
}
