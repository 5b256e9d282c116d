/**
 * Vehicle registrations: current, prefix and suffix formats, lower-case ones, and weak plates after a
 * make or vehicle word (`Ford Focus AB1 2CD`), not words, section numbers or times.
 */
import { COMMON_WORDS } from '../names.ts';
import type { Candidate } from '../entity.ts';
import { before, cand } from '../candidate.ts';

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
