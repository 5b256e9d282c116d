/**
 * Dates of birth after a cue (DOB, D.O.B, date of birth, born, b.), and the written-date pattern
 * and its normalisation to ISO, which the extraction also uses for a date after a person's name.
 */
import type { Candidate } from '../entity.ts';
import { cand } from '../candidate.ts';

const MONTHS = 'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
const DATE =
  `(?:\\d{1,2}[/.\\-]\\d{1,2}[/.\\-](?:\\d{4}|\\d{2})|\\d{4}-\\d{2}-\\d{2}|\\d{1,2}(?:st|nd|rd|th)?(?:\\s+of)?(?:\\s+|-)(?:${MONTHS})\\.?,?(?:\\s+|-)(?:\\d{4}|'?\\d{2})|(?:${MONTHS})\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4})`;
const DOB = new RegExp(
  `\\b(?:DOB|D\\.O\\.B\\.?|D/O/B|date\\s+of\\s+birth|born(?:\\s+on)?|b\\.)(?![A-Za-z])\\s*(?:is|was|of|given\\s+as)?\\s*[:\\-]?\\s*\\(?\\s*(${DATE})(?![\\d/])`,
  'gi',
);
export const DATE_RE = new RegExp(`(?<![\\d/.])${DATE}(?![\\d/])`, 'gi');
const MONTH_NUM: Readonly<Record<string, number>> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};

/** An ISO date for a written date, or the text as written when it cannot be read. */
export function normaliseDate(raw: string): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const year = (y: string) => {
    const n = Number(y.replace("'", ''));
    return y.replace("'", '').length === 2 ? (n > 30 ? 1900 + n : 2000 + n) : n;
  };
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2,4})$/.exec(raw);
  if (m) return `${year(m[3])}-${pad(Number(m[2]))}-${pad(Number(m[1]))}`;
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
  if (m) return raw;
  m = /^(\d{1,2})(?:st|nd|rd|th)?(?:\s+of)?(?:\s+|-)([A-Za-z]+)\.?,?(?:\s+|-)('?\d{2,4})$/.exec(raw);
  if (m) return `${year(m[3])}-${pad(MONTH_NUM[m[2].slice(0, 3).toLowerCase()] ?? 0)}-${pad(Number(m[1]))}`;
  m = /^([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/.exec(raw);
  if (m) return `${m[3]}-${pad(MONTH_NUM[m[1].slice(0, 3).toLowerCase()] ?? 0)}-${pad(Number(m[2]))}`;
  return raw;
}

export function findDatesOfBirth(text: string): Candidate[] {
  const out: Candidate[] = [];
  for (const m of text.matchAll(DOB)) {
    const t = m[1];
    const start = m.index + m[0].length - t.length;
    out.push(cand('DATE_OF_BIRTH', start, t, normaliseDate(t), 0.95));
  }
  return out;
}
