/**
 * Payment cards (full, masked or partial; Luhn grades, never filters) and bank accounts: sort code,
 * account number by context, IBAN (checked by its mod-97 digits).
 */
import type { Candidate } from '../entity.ts';
import { before, cand } from '../candidate.ts';

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
