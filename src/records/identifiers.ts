/**
 * Finders for the structured identifiers: e-mail, IP address, phone, National Insurance number,
 * payment card, bank account (sort code, account number, IBAN), identity documents, vehicle
 * registration, postcode and date of birth. Each is a pure function from text to candidates.
 *
 * The rule throughout: find anything that the text presents as personal data, and use
 * validation only to normalise the value and grade confidence. A drama-range phone number, a
 * never-issued NI prefix, a card that fails Luhn or a partial registration is still found.
 */
import { isIP } from 'node:net';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { Candidate, ExtractedType } from './entity.ts';
import { COMMON_WORDS } from './names.ts';

export const PRIORITY: Readonly<Record<ExtractedType, number>> = {
  EMAIL: 100,
  IP_ADDRESS: 95,
  ID_DOCUMENT: 90,
  PAYMENT_CARD: 85,
  BANK_ACCOUNT: 80,
  NI_NUMBER: 78,
  PHONE: 75,
  DATE_OF_BIRTH: 70,
  POSTCODE: 65,
  VEHICLE_REG: 60,
  ADDRESS: 55,
  OFFICER: 50,
  PERSON: 40,
  WEAPON: 10,
  DRUG: 10,
};

export function cand(type: ExtractedType, start: number, text: string, value: string, confidence: number): Candidate {
  return { type, start, end: start + text.length, text, value, confidence, priority: PRIORITY[type] };
}

/** Lower-case words in the `n` characters before `at`. */
function before(text: string, at: number, n: number): string {
  return text.slice(Math.max(0, at - n), at).toLowerCase();
}

// ---------------------------------------------------------------- e-mail

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

// ---------------------------------------------------------------- IP addresses

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

// ---------------------------------------------------------------- phones

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

// ---------------------------------------------------------------- National Insurance

const NI = /\b[A-Za-z]{2}[\s-]?\d{2}[\s-]?\d{2}[\s-]?\d{2}(?:[\s-]?[A-Da-d])?\b/g;
/** A malformed NI number the text still calls one ("NI number QQ 40 77 1 2A", "NINO QQ407712"). */
const NI_CONTEXT = /\b(?:N\.?I\.?|national insurance|NINO)(?![A-Za-z])(?:\s*(?:no\.?|number|num))?\s*[:.]?\s*(?:(?:is|was|as|given\s+as|of)\s+)?([A-Za-z0-9]{2}(?:[\s-]?[A-Za-z0-9]{1,3}){2,4})\b/gi;
const NI_BAD_FIRST = new Set('DFIQUV');
const NI_BAD_SECOND = new Set('DFIOQUV');
const NI_BAD_PREFIX = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']);

export function findNiNumbers(text: string): Candidate[] {
  const out: Candidate[] = [];
  for (const m of text.matchAll(NI)) {
    const t = m[0];
    // A letter pair with a space then six digits is an NI number only if the letters are capitals
    // or the text calls it one; "at 12 34 56" is not.
    if (/^[a-z]/.test(t) && !/\b(?:ni|national insurance|nino)\b/i.test(before(text, m.index, 30))) continue;
    const v = t.toUpperCase().replace(/[\s-]/g, '');
    const p = v.slice(0, 2);
    const valid = !NI_BAD_FIRST.has(p[0]) && !NI_BAD_SECOND.has(p[1]) && !NI_BAD_PREFIX.has(p) && v.length === 9;
    out.push(cand('NI_NUMBER', m.index, t, v, valid ? 0.95 : 0.8));
  }
  for (const m of text.matchAll(NI_CONTEXT)) {
    const t = m[1];
    if ((t.match(/\d/g)?.length ?? 0) < 4 || t.replace(/[\s-]/g, '').length < 7) continue;
    const start = m.index + m[0].length - t.length;
    out.push(cand('NI_NUMBER', start, t, t.toUpperCase().replace(/[\s-]/g, ''), 0.7));
  }
  return out;
}

// ---------------------------------------------------------------- cards

const CARD = /(?<![\d-])(?:\d{4}[\s-]?\d{6}[\s-]?\d{5}|\d{4}(?:[\s-]?\d{4}){2}[\s-]?\d{1,7})(?![\d])/g;
const CARD_MASKED = /(?<![\w*])(?:[Xx*•#]{4}[\s-]?){2,3}[Xx*•#]{0,4}[\s-]?\d{4}\b|\b\d{4,6}[\s-]?(?:[Xx*•#]{2,6}[\s-]?){1,3}\d{4}\b/g;
/** "card ending 0005", "card ending in 0005", "last 4 digits of her debit card (4921)". */
const CARD_PARTIAL =
  /\b(?:ending(?:\s+in)?|ends\s+in|last\s+(?:(?:4|four)(?:\s+digits)?|digits|numbers)(?:\s+(?:of|on)\s+(?:\w+\s+){0,3}?card)?(?:\s+(?:is|was|are|were))?)\s*[:(#]?\s*(?:\(|")?(\d{4})\b/gi;

export function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export function findCards(text: string): Candidate[] {
  const out: Candidate[] = [];
  for (const m of text.matchAll(CARD)) {
    const digits = m[0].replace(/\D/g, '');
    if (digits.length < 13 || digits.length > 19) continue;
    const ctx = /\bcard|visa|mastercard|amex|debit|credit|paid|pan\b/i.test(before(text, m.index, 60));
    const ok = luhn(digits);
    if (!ok && !ctx) continue;
    out.push(cand('PAYMENT_CARD', m.index, m[0], digits, ok ? 0.97 : 0.75));
  }
  for (const m of text.matchAll(CARD_MASKED)) {
    out.push(cand('PAYMENT_CARD', m.index, m[0], m[0].toUpperCase().replace(/[\s-]/g, '').replace(/[X*•#]/g, '*'), 0.9));
  }
  for (const m of text.matchAll(CARD_PARTIAL)) {
    const around = text.slice(Math.max(0, m.index - 60), m.index + m[0].length).toLowerCase();
    if (!/\b(?:card|visa|mastercard|amex|debit|credit|monzo|barclaycard)\b/.test(around)) continue;
    const start = m.index + m[0].lastIndexOf(m[1]);
    out.push(cand('PAYMENT_CARD', start, m[1], '*' + m[1], 0.85));
  }
  return out;
}

// ---------------------------------------------------------------- bank accounts

const SORT_CODE = /(?<![\d/.-])\d{2}([-\s])\d{2}\1\d{2}(?![\d/.]|-\d)/g;
const SORT_CODE_CTX = /\b(?:sort\s*code|s\/c|sc|sortcode)\b\s*(?:no\.?|number)?\s*[:.]?\s*$/i;
const ACCOUNT = /(?<![\d/.-])\d{6,10}(?![\d/])/g;
const ACCOUNT_CTX = /\b(?:acc?(?:oun)?t?|a\/c|acct|acc?ount|ac)\.?\s*(?:no\.?|number|num|#)?\s*[:.]?\s*$/i;
const IBAN = /\b[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){2,7}(?:\s?[A-Z0-9]{1,3})?\b/g;

function ibanOk(iban: string): boolean {
  const s = iban.slice(4) + iban.slice(0, 4);
  let r = 0;
  for (const ch of s) {
    const v = ch >= 'A' ? String(ch.charCodeAt(0) - 55) : ch;
    for (const d of v) r = (r * 10 + (d.charCodeAt(0) - 48)) % 97;
  }
  return r === 1;
}

export function findBankAccounts(text: string): Candidate[] {
  const out: Candidate[] = [];
  for (const m of text.matchAll(IBAN)) {
    const v = m[0].replace(/\s/g, '');
    if (!/\d{6}/.test(v.slice(4).replace(/[A-Z]/g, '')) && !ibanOk(v)) continue;
    out.push(cand('BANK_ACCOUNT', m.index, m[0], v, ibanOk(v) ? 0.98 : 0.7));
  }
  for (const m of text.matchAll(SORT_CODE)) {
    const ctx = SORT_CODE_CTX.test(before(text, m.index, 20));
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 30);
    const followedByAccount = /^[\s,;:/]*(?:(?:acc(?:oun)?t?|a\/c|acct)\.?\s*(?:no\.?|number)?\s*[:.]?\s*)?\d{8}\b/i.test(after);
    const [a, b] = m[0].split(/[-\s]/).map(Number);
    const notADate = a > 31 || b > 12 || b === 0 || a === 0;
    if (m[1] === ' ' && !ctx) continue;
    if (!ctx && !followedByAccount && !notADate) continue;
    if (/\b(?:dob|born|d\.o\.b)\b/i.test(before(text, m.index, 12))) continue;
    out.push(cand('BANK_ACCOUNT', m.index, m[0], m[0].replace(/\s/g, '-'), ctx ? 0.95 : 0.8));
  }
  // A sort code written as six digits after its cue: "sort code 547044", "s/c: 919193".
  for (const m of text.matchAll(/(?<![\d/.-])\d{6}(?![\d/])/g)) {
    if (SORT_CODE_CTX.test(before(text, m.index, 20))) out.push(cand('BANK_ACCOUNT', m.index, m[0], `${m[0].slice(0, 2)}-${m[0].slice(2, 4)}-${m[0].slice(4)}`, 0.9));
  }
  for (const m of text.matchAll(ACCOUNT)) {
    const pre = before(text, m.index, 40);
    if (m[0].length === 6 && SORT_CODE_CTX.test(before(text, m.index, 20))) continue;
    const ctx = ACCOUNT_CTX.test(pre);
    const afterSortCode = /\d{2}[-\s]?\d{2}[-\s]?\d{2}[\s,;:/]*(?:(?:acc?(?:oun)?t?|a\/c|acct|ac)\.?\s*(?:no\.?|number)?\s*[:.]?\s*)?$/i.test(pre);
    if (!ctx && !(afterSortCode && m[0].length === 8)) continue;
    out.push(cand('BANK_ACCOUNT', m.index, m[0], m[0], m[0].length === 8 ? 0.95 : 0.75));
  }
  return out;
}

// ---------------------------------------------------------------- identity documents

const DRIVING_LICENCE = /\b[A-Z9]{5}\d{6}[A-Z9]{2}\d[A-Z]{2}(?:\s?\d{2})?\b/g;
/** PNC ID `98/512334K`, CRO number `041233/98D`. */
const PNC_ID = /(?<![\w/])\d{2}\/\d{1,7}[A-Z](?![\w/])/g;
const CRO = /(?<![\w/])\d{1,6}\/\d{2}[A-Z](?![\w/])/g;
const DOC_CONTEXT =
  /\b(?:passport|driving licence|driver'?s licen[cs]e|licence|identity card|id card|national id|residence permit|brp|visa|pnc(?:\s+id)?|cro(?:\s+no)?|id document|identity document|id)\b(?:\s+(?:no\.?|number|num|#|is|was|ref))*\s*[:.]?\s*\(?\s*([A-Z0-9]{1,4}\s[A-Z0-9]{4,10}|[A-Z0-9][A-Z0-9/-]{4,15}[A-Z0-9])\b/gi;

export function findIdDocuments(text: string): Candidate[] {
  const out: Candidate[] = [];
  if (/\d{6}/.test(text)) for (const m of text.matchAll(DRIVING_LICENCE)) out.push(cand('ID_DOCUMENT', m.index, m[0], m[0].replace(/\s/g, ''), 0.95));
  if (text.includes('/')) for (const m of text.matchAll(PNC_ID)) out.push(cand('ID_DOCUMENT', m.index, m[0], m[0], 0.9));
  if (text.includes('/')) for (const m of text.matchAll(CRO)) out.push(cand('ID_DOCUMENT', m.index, m[0], m[0], 0.9));
  for (const m of text.matchAll(DOC_CONTEXT)) {
    const t = m[1];
    if (!/\d/.test(t) || t.replace(/\D/g, '').length < 4) continue;
    // "ID 7" or a date is not a document number.
    if (/^\d{1,2}\/\d{1,2}\/\d{2,4}$/.test(t)) continue;
    const start = m.index + m[0].length - t.length;
    out.push(cand('ID_DOCUMENT', start, t, t.toUpperCase(), 0.85));
  }
  return out;
}

// ---------------------------------------------------------------- vehicle registrations

// These start with a letter, so \b(?<![/-]) is the same test as (?<![\w/-]), and cheaper: the
// word-boundary check rejects most positions before the look-behind runs.
const REG_CURRENT = /\b(?<![/-])(?:[A-Z]{2}\s?\d{2}\s{0,2}[A-Z]{3}|[a-z]{2}\d{2}\s{0,2}[a-z]{3})(?![\w/-])/g;
const REG_PREFIX = /\b(?<![/-])[A-HJ-NP-Y]\s?\d{1,3}\s{0,2}[A-Z]{3}(?![\w/-])/g;
const REG_LOWER = /\b(?<![/-])(?:[a-hj-np-y]\d{1,3}\s?[a-z]{3}|[a-z]{3}\s?\d{1,3}[a-hj-np-y])(?![\w/-])/g;
const REG_SUFFIX = /\b(?<![/-])[A-Z]{3}\s?\d{1,4}[A-HJ-NP-Y](?![\w/-])/g;
/** Statutes and offences that look like prefix plates: "s23 MDA", "S4 POA", "S47 ABH". */
const NOT_PLATE_LETTERS = new Set(['MDA', 'POA', 'PHA', 'SCA', 'CJA', 'SOA', 'ABH', 'GBH', 'OAP', 'PCA', 'CDA', 'FAA', 'RTA', 'PWA', 'CJS', 'HRS', 'MPH', 'KPH', 'BST', 'GMT']);
/** A registration the text calls one, in any format: partial, foreign, personalised. */
const REG_CONTEXT =
  /\b(?:vrm|vrn|reg(?:istration)?(?:\s+(?:no|number|mark|plate))?|index(?:\s+mark)?|(?:number\s+)?plates?|displaying|showing\s+plates?)\b\.?(?:\s+(?:believed|to|be|is|was|of|no|number|showing|partial|part|possibly|poss|reading|as|bearing|beginning|starting|with|foreign|german|french|polish|irish|dutch|spanish|romanian|lithuanian|latvian|bulgarian|italian|belgian|plate|plates|false|cloned|fake|private|personalised|mark|registration|only|possible|possibly|of|a|an|the)\b|\s*[:-])*\s*[:(]?\s*['"]?([A-Za-z0-9]{1,5}(?:[ -]?[A-Za-z0-9]{1,5}){0,2})\b/gi;

/**
 * A plate written straight after the vehicle it belongs to, in any format: "Range Rover Evoque
 * 7006lk", "VW Golf R 85-BRG-8", "Ford Transit (t65 bdg)", "Mercedes GLC CA 7120 TP". Found only
 * after a make or a vehicle noun, with nothing but the model's words in between.
 */
const VEHICLE_CUE = /\b(?:seat|renault|skoda|toyota|ford|vauxhall|vw|volkswagen|honda|nissan|kia|hyundai|bmw|audi|mercedes|fiat|peugeot|citroen|mini|mazda|volvo|jaguar|lexus|suzuki|dacia|tesla|porsche|mitsubishi|subaru|jeep|land rover|range rover|rover|ktm|yamaha|kawasaki|triumph|ducati|piaggio|vespa|van|car|vehicle|motorbike|motorcycle|moped|scooter|lorry|hgv|truck|taxi|minicab|bus|coach|trailer|caravan|hatchback|saloon|estate|4x4|suv|mpv|transit|sprinter)\b/gi;
const WEAK_PLATE = /^[\s(]*((?:[A-Z0-9]{1,5}(?:[ -]{1,2}[A-Z0-9]{1,5}){0,2})|(?:[a-z0-9]{1,5}(?:[ -][a-z0-9]{1,5}){0,2}))(?=[)\s.,;:]|$)/;
const STANDARD_PLATE_AFTER_MODEL = /^(?:\s+[A-Za-z0-9.-]{1,10}){1,3}?\s+(?:[A-Z]{2}\d{2}\s?[A-Z]{3}|[a-z]{2}\d{2}\s?[a-z]{3}|[A-HJ-NP-Y]\d{1,3}\s?[A-Z]{3}|[A-Z]{3}\s?\d{1,3}[A-HJ-NP-Y])(?![\w/-])/;
const NOT_PLATE_END = /(?:hrs|am|pm|mph|st|nd|rd|th|ft|cm|mm|kg|g|lbs?|yrs|k)$/i;

function findWeakPlates(text: string): Candidate[] {
  const out: Candidate[] = [];
  for (const m of text.matchAll(VEHICLE_CUE)) {
    // Skip the model's capitalised words ("Range Rover Evoque", "Golf R", "GLC") to the plate.
    let pos = m.index + m[0].length;
    // A plate in a standard format after at most three model words ("Peugeot 208 KS70 OFH", "BMW
    // 320d AB12 CDE") is found by the strict patterns; the model's number must not be read as part of it.
    if (STANDARD_PLATE_AFTER_MODEL.test(text.slice(pos, pos + 40))) continue;
    for (let k = 0; k < 4; k++) {
      const w = /^\s+(?:[A-Z][a-z]+|[A-Z]{1,3}|[A-Z]\d|\d{1,3}[a-z]?)(?=[\s,.)])/.exec(text.slice(pos, pos + 20));
      const probe = WEAK_PLATE.exec(text.slice(pos, pos + 24));
      if (probe && isPlateLike(probe[1])) {
        const start = pos + probe[0].length - probe[1].length;
        out.push(cand('VEHICLE_REG', start, probe[1], normaliseReg(probe[1]), 0.7));
        break;
      }
      if (!w) break;
      pos += w[0].length;
    }
  }
  return out;
}

function isPlateLike(t: string): boolean {
  const alnum = t.replace(/[\s-]/g, '');
  if (alnum.length < 4 || alnum.length > 10 || !/\d/.test(alnum) || !/[A-Za-z]/.test(alnum)) return false;
  if (NOT_PLATE_END.test(alnum) && !/[A-Z]/.test(t)) return false;
  // "at 148", "IS 33 AND": a group that is an ordinary word makes it words, not a plate.
  for (const g of t.split(/[\s-]+/)) if (/^[A-Za-z]+$/.test(g) && g.length > 1 && COMMON_WORDS.has(g.toLowerCase())) return false;
  if (/^\d+(?:hrs|am|pm|mph|st|nd|rd|th|ft|cm|mm|kg|yrs)$/i.test(alnum)) return false;
  if (/\b(?:19|20)\d\d\b/.test(t) && !/\d{3,}[A-Za-z]|[A-Za-z]{1,3}[ -]\d{4}\b/.test(t)) return false;
  return true;
}

export function normaliseReg(raw: string): string {
  const v = raw.toUpperCase().replace(/[\s-]/g, '');
  if (/^[A-Z]{2}\d{2}[A-Z]{3}$/.test(v)) return `${v.slice(0, 4)} ${v.slice(4)}`;
  const pre = /^([A-Z]\d{1,3})([A-Z]{3})$/.exec(v);
  if (pre) return `${pre[1]} ${pre[2]}`;
  const suf = /^([A-Z]{3})(\d{1,3}[A-Z])$/.exec(v);
  if (suf) return `${suf[1]} ${suf[2]}`;
  return v;
}

export function findVehicleRegs(text: string, capsText: boolean): Candidate[] {
  const out: Candidate[] = findWeakPlates(text);
  for (const m of text.matchAll(REG_CURRENT)) out.push(cand('VEHICLE_REG', m.index, m[0], normaliseReg(m[0]), /\s{2}|^[A-Z]{2}\s/.test(m[0]) ? 0.85 : 0.95));
  for (const m of text.matchAll(REG_PREFIX)) {
    const letters = m[0].slice(-3);
    if (NOT_PLATE_LETTERS.has(letters) || /\b(?:s|section|sec)\.?\s*$/i.test(before(text, m.index, 8))) continue;
    if (capsText && /^[A-Z]\s/.test(m[0])) continue; // "A 12 ABC" in capitals is as likely words
    if (/^[SA]\d/.test(m[0]) && /^(?:MDA|POA|ABH|GBH)/.test(letters)) continue;
    out.push(cand('VEHICLE_REG', m.index, m[0], normaliseReg(m[0]), capsText ? 0.7 : 0.85));
  }
  // Prefix and suffix plates typed in lower case ("m845 ftn", "zpk153k").
  for (const m of text.matchAll(REG_LOWER)) {
    const letters = m[0].replace(/[^a-z]/g, '');
    const word = /^[a-z]+/.exec(m[0])?.[0] ?? '';
    if (COMMON_WORDS.has(letters) || COMMON_WORDS.has(word) || /\d0s$/.test(m[0])) continue; // "his 60s"
    out.push(cand('VEHICLE_REG', m.index, m[0], normaliseReg(m[0]), 0.75));
  }
  for (const m of text.matchAll(REG_SUFFIX)) {
    if (NOT_PLATE_LETTERS.has(m[0].slice(0, 3))) continue;
    out.push(cand('VEHICLE_REG', m.index, m[0], normaliseReg(m[0]), capsText ? 0.7 : 0.85));
  }
  for (const m of text.matchAll(REG_CONTEXT)) {
    // Keep the groups up to the first lower-case word: "FY17 seen" is the plate "FY17".
    const groups = m[1].split(/(?=[ -])/);
    let t = groups[0];
    for (const g of groups.slice(1)) {
      if (/[a-z]/.test(g)) break;
      t += g;
    }
    if (!/\d/.test(t) || !/[A-Za-z]/.test(t)) continue;
    // "VRM ABC" needs a digit and a letter; a lower-case word with a digit ("on4") is not a plate.
    if (/^[a-z]/.test(t) && !/^[a-z]{2}\d{2}/.test(t)) continue;
    const start = m.index + m[0].length - m[1].length;
    if (/^(?:\d+(?:st|nd|rd|th|hrs|am|pm|mph))$/i.test(t)) continue;
    out.push(cand('VEHICLE_REG', start, t, normaliseReg(t), 0.8));
  }
  return out;
}

// ---------------------------------------------------------------- postcodes

const POSTCODE = /\b(?<![/-])(?:[A-Z]{1,2}\d[A-Z\d]?\s{0,2}\d[ABD-HJLNP-UW-Z]{2}|[a-z]{1,2}\d[a-z\d]?\s{0,2}\d[abd-hjlnp-uw-z]{2})(?![\w/-])/g;
/** Postcode areas of the United Kingdom: a match in a listed area is graded higher. */
const POSTCODE_AREAS = new Set(
  ('AB AL B BA BB BD BH BL BN BR BS BT CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT DY E EC EH EN EX FK FY G GL GU ' +
    'HA HD HG HP HR HS HU HX IG IP IV KA KT KW KY L LA LD LE LL LN LS LU M ME MK ML N NE NG NN NP NR NW OL OX PA PE PH PL PO PR ' +
    'RG RH RM S SA SE SG SK SL SM SN SO SP SR SS ST SW SY TA TD TF TN TQ TR TS TW UB W WA WC WD WF WN WR WS WV YO ZE GY JE IM')
    .split(' '),
);

const RANK_LIKE = new Set(['PC', 'DC', 'PS', 'DS', 'SC', 'DI', 'CI', 'SGT', 'PCSO']);

export function findPostcodes(text: string): Candidate[] {
  const out: Candidate[] = [];
  for (const m of text.matchAll(POSTCODE)) {
    const v = m[0].toUpperCase().replace(/\s/g, '');
    const value = `${v.slice(0, -3)} ${v.slice(-3)}`;
    const area = /^[A-Z]+/.exec(v)?.[0] ?? '';
    // "PC173SE Tilley" is an officer with a collar number, not a postcode: no UK area is a rank.
    if (!POSTCODE_AREAS.has(area) && RANK_LIKE.has(area)) continue;
    out.push(cand('POSTCODE', m.index, m[0], value, POSTCODE_AREAS.has(area) ? 0.95 : 0.75));
  }
  return out;
}

// ---------------------------------------------------------------- dates of birth

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
