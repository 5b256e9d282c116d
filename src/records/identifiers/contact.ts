/**
 * E-mail addresses (also spelt out: `name at domain dot com`), IP addresses (v4 and v6) and phone numbers
 * (UK and international; graded by libphonenumber, a drama-range or reference-like number still found).
 */
import { isIP } from 'node:net';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { Candidate } from '../entity.ts';
import { before, cand } from '../candidate.ts';

const EMAIL = /[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}\b/g;
/** "jo dot bloggs at example dot com", "jo.bloggs (at) example (dot) org": written out to dodge filters. */
const EMAIL_SPELLED =
  /\b[A-Za-z0-9][A-Za-z0-9._-]*(?:\s*(?:\s|\(|\[)dot(?:\)|\]|\s)\s*[A-Za-z0-9_-]+)*\s*(?:\s|\(|\[)at(?:\)|\]|\s)\s*[A-Za-z0-9-]+(?:\s*(?:(?:\s|\(|\[)dot(?:\)|\]|\s)|\.)\s*[A-Za-z0-9-]+)*\s*(?:(?:\s|\(|\[)dot(?:\)|\]|\s)|\.)\s*(?:com|org|net|co\s*(?:\.|\s(?:\(|\[)?dot(?:\)|\])?\s)\s*uk|uk|example|info|biz|io|gov\s*(?:\.|\sdot\s)\s*uk|ac\s*(?:\.|\sdot\s)\s*uk|me|eu|de|fr|pl|ie)\b/gi;

export function findEmails(text: string): Candidate[] {
  const out: Candidate[] = [];
  if (text.includes('@')) for (const m of text.matchAll(EMAIL)) {
    const t = m[0].replace(/\.+$/, '');
    out.push(cand('EMAIL', m.index, t, t.toLowerCase(), 0.99));
  }
  if (/\bdot\b/i.test(text)) for (const m of text.matchAll(EMAIL_SPELLED)) {
    const t = m[0];
    const value = t
      .toLowerCase()
      .replace(/\s*[([]?\bdot\b[)\]]?\s*/g, '.')
      .replace(/\s*[([]?\bat\b[)\]]?\s*/g, '@')
      .replace(/\s+/g, '');
    // "at" must sit between a local part and a domain with at least one dot after it.
    if (!/^[^@]+@[^@]+\.[a-z]{2,}$/.test(value)) continue;
    out.push(cand('EMAIL', m.index, t, value, 0.8));
  }
  return out;
}

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = new RegExp(`(?<![\\d.])${OCTET}(?:\\.${OCTET}){3}(?![\\d]|\\.\\d)`, 'g');
const IPV6 = /(?<![\w:])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|(?:\d{1,3}\.){3}\d{1,3})?(?![\w:])/g;

export function findIps(text: string): Candidate[] {
  const out: Candidate[] = [];
  if (/\d\.\d/.test(text)) for (const m of text.matchAll(IPV4)) out.push(cand('IP_ADDRESS', m.index, m[0], m[0], 0.95));
  if (/[0-9a-f]:[0-9a-f]*:/i.test(text)) for (const m of text.matchAll(IPV6)) {
    const t = m[0];
    if (isIP(t) !== 6 || !/[0-9a-f]{2}/i.test(t) || (t.match(/:/g)?.length ?? 0) < 2) continue;
    out.push(cand('IP_ADDRESS', m.index, t, t.toLowerCase(), 0.95));
  }
  return out;
}

/** A UK or international number: national (0 + 9-10 digits) or +CC, with spaces, hyphens, dots, brackets. */
const PHONE = /(?<![\w+/.£$-])(?:(?:\+|00)\s?\d{1,3}[\s.-]?(?:\(0\)\s?)?\d|\(0\d{2,5}\)\s?\d|0\d)(?:[\s.-]?\d){5,12}(?![\w/]|[.-]\d)/g;

/**
 * How sure a UK national number (leading 0) is a phone, from the national numbering plan's
 * lengths, the same facts libphonenumber's possible-number check uses for GB, done inline
 * because the library costs ~0.3 ms a number: mobiles 07 and geographic 01/02 of 11 digits,
 * 03/08/09 non-geographic; Ofcom's drama ranges are possible numbers, graded like any other.
 */
export function ukPhoneConfidence(national: string): number {
  const len = national.length;
  if (len === 11 && /^0(?:7[1-9]|1|2|3|8|9|5[56])/.test(national)) return 0.95;
  if (len === 10 && /^01|^0800|^0500/.test(national)) return 0.85;
  return 0.7;
}

export function findPhones(text: string): Candidate[] {
  const out: Candidate[] = [];
  for (const m of text.matchAll(PHONE)) {
    const t = m[0];
    if (/[\s.-]{2}/.test(t)) continue;
    let digits = t.replace(/\D/g, '');
    const intl = t.startsWith('+') || t.startsWith('00');
    if (t.startsWith('00')) digits = digits.slice(2);
    let national = digits;
    if (intl && digits.startsWith('44')) national = '0' + digits.slice(2).replace(/^0/, '');
    const ok = intl && !digits.startsWith('44') ? digits.length >= 8 && digits.length <= 15 : national.length === 10 || national.length === 11;
    if (!ok) continue;
    // "ref 0123 456 7890" and the like: numbers called a reference are not phones.
    if (/\b(?:ref|reference|log|cad|crime|urn|incident|job|occurrence|custody)\s*(?:no\.?|number|#)?\s*[:.]?\s*$/i.test(before(text, m.index, 25))) continue;
    let value: string;
    let conf: number;
    if (intl && !digits.startsWith('44')) {
      // Outside the UK: libphonenumber's possible-number check (strict validity would reject
      // reserved and newly allocated ranges, which are still someone's number).
      const p = parsePhoneNumberFromString(t);
      value = p ? p.number : '+' + digits;
      conf = p?.isPossible() ? 0.9 : 0.7;
    } else {
      value = '+44' + national.slice(1);
      conf = ukPhoneConfidence(national);
    }
    out.push(cand('PHONE', m.index, t, value, conf));
  }
  return out;
}
