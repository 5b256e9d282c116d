/**
 * Fictional personal-data values, written the many ways police logs write them. Every value is in
 * a range reserved for fiction where one exists: Ofcom drama telephone numbers, the example.*
 * e-mail domains and the `.example` top-level domain, the IPv4/IPv6 documentation ranges, published
 * test card numbers, the documentation IBANs and never-issued NI number prefixes. Registrations,
 * postcodes, sort codes, account and document numbers are invented.
 */
import type { Rng } from './rng.ts';
import { DRAMA_LANDLINES, DRAMA_MOBILE_PREFIX } from './lexicon.ts';

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** Letters used in the random part of current-format registrations (no I or Q). */
const PLATE_LETTERS = 'ABCDEFGHJKLMNOPRSTUVWXYZ';
const MEMORY_TAG_FIRST = 'ABCDEFGHKLMNOPRSVWY';
const INWARD_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';

// ---------------------------------------------------------------- telephone

/** A drama mobile number (07700 900000-900999) in one of the ways people write it. */
export function mobile(rng: Rng): string {
  const n = DRAMA_MOBILE_PREFIX + rng.digits(3); // 11 digits: 07700900xyz
  const a = n.slice(0, 5), b = n.slice(5), b1 = n.slice(5, 8), b2 = n.slice(8);
  switch (rng.weighted([30, 18, 22, 8, 5, 5, 3, 3, 3, 3])) {
    case 0: return `${a} ${b}`;
    case 1: return n;
    case 2: return `${a} ${b1} ${b2}`;
    case 3: return `+44 ${a.slice(1)} ${b}`;
    case 4: return `+44${n.slice(1)}`;
    case 5: return `${a}-${b1}-${b2}`;
    case 6: return `+44 (0)${a.slice(1)} ${b}`;
    case 7: return `(${a}) ${b}`;
    case 8: return `+44 ${a.slice(1)} ${b1} ${b2}`;
    default: return `${a}-${b}`;
  }
}

export type LandlineArea = keyof typeof DRAMA_LANDLINES;

/** A drama landline number of the given area, spaced one of several ways. */
export function landline(rng: Rng, area: LandlineArea): string {
  const { prefix, groups } = DRAMA_LANDLINES[area];
  const n = prefix + rng.digits(3);
  const parts: string[] = [];
  let at = 0;
  for (const g of groups) { parts.push(n.slice(at, at + g)); at += g; }
  switch (rng.weighted([50, 14, 10, 8, 8, 6, 4])) {
    case 0: return parts.join(' ');
    case 1: return n;
    case 2: return parts.join('-');
    case 3: return `(${parts[0]}) ${parts.slice(1).join(' ')}`;
    case 4: return `+44 ${parts[0].slice(1)} ${parts.slice(1).join(' ')}`;
    case 5: return area === 'london' ? `0207 ${n.slice(4, 7)} ${n.slice(7)}` : `${parts[0]} ${parts.slice(1).join('')}`;
    default: return area === 'none' ? `${n.slice(0, 5)} ${n.slice(5, 8)} ${n.slice(8)}` : `${parts[0]}${parts.slice(1).join(' ')}`;
  }
}

// ---------------------------------------------------------------- e-mail

const DOMAINS = ['example.com', 'example.com', 'example.org', 'example.net', 'mail.example.com', 'post.example'] as const;

function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** An e-mail address built from a person's name; sometimes spelled out with "at" and "dot". */
export function email(rng: Rng, forename: string, surname: string, year: number): string {
  const f = slug(forename), s = slug(surname), yy = String(year % 100).padStart(2, '0');
  const local = rng.pick([
    `${f}.${s}`, `${f[0]}${s}`, `${f}${s}${yy}`, `${s}.${f}`, `${f}_${s}`, `${f}${year}`, `${f}.${s}${rng.range(1, 99)}`,
    `${f[0]}.${s}`, `${s}${f[0]}${rng.range(10, 99)}`, `${f}x${yy}`,
  ]);
  return spell(rng, local, rng.pick(DOMAINS));
}

/** An e-mail address of an organisation or a fraudster's front. */
export function serviceEmail(rng: Rng): string {
  const local = rng.pick(['secure.team', 'support', 'accounts', 'verify', 'fraud.dept', 'no-reply', 'claims', 'customer.care', 'admin']);
  const domain = rng.chance(0.5) ? rng.pick(['example.com', 'example.net', 'example.org']) : `${rng.pick(['quantumyield', 'safe-vault', 'bank-secure', 'royalmail-track', 'hmrc-refunds', 'crypto-gains', 'parcel-redeliver'])}.example`;
  return spell(rng, local, domain);
}

function spell(rng: Rng, local: string, domain: string): string {
  const r = rng.next();
  if (r < 0.1) return `${local} at ${domain.replace(/\./g, ' dot ')}`;
  if (r < 0.14) return `${local}(at)${domain.replace(/\./g, '(dot)')}`;
  if (r < 0.17) return `${local} [at] ${domain.replace(/\./g, ' [dot] ')}`;
  if (r < 0.22) return `${local[0].toUpperCase()}${local.slice(1)}@${domain}`;
  return `${local}@${domain}`;
}

// ---------------------------------------------------------------- vehicles

export type PlateKind = 'current' | 'prefix' | 'suffix' | 'dateless' | 'personalised' | 'q' | 'foreign' | 'partial';

export interface Plate {
  readonly text: string;
  readonly kind: PlateKind;
  /** For foreign plates, the adjective used in the narrative ("Polish"). */
  readonly country?: string;
}

function casePlate(rng: Rng, spaced: string): string {
  switch (rng.weighted([58, 16, 12, 8, 6])) {
    case 0: return spaced;
    case 1: return spaced.replace(/ /g, '');
    case 2: return spaced.toLowerCase().replace(/ /g, '');
    case 3: return spaced.toLowerCase();
    default: return spaced.replace(' ', '  ');
  }
}

export function currentPlate(rng: Rng): string {
  const area = MEMORY_TAG_FIRST[rng.int(MEMORY_TAG_FIRST.length)] + PLATE_LETTERS[rng.int(PLATE_LETTERS.length)];
  const age = rng.chance(0.5) ? rng.range(2, 24) : rng.range(51, 74);
  return `${area}${String(age).padStart(2, '0')} ${rng.chars(PLATE_LETTERS, 3)}`;
}

const FOREIGN = [
  { country: 'Polish', make: (r: Rng) => `${r.chars('WPKGLS', 1)}${r.chars(UPPER, 2)} ${r.digits(4)}${r.chars(UPPER, 1)}` },
  { country: 'German', make: (r: Rng) => `${r.pick(['B', 'M', 'HH', 'K', 'F'])}-${r.chars(UPPER, 2)} ${r.range(10, 9999)}` },
  { country: 'French', make: (r: Rng) => `${r.chars(PLATE_LETTERS, 2)}-${r.digits(3)}-${r.chars(PLATE_LETTERS, 2)}` },
  { country: 'Irish', make: (r: Rng) => `${r.range(12, 24)}${r.pick(['1', '2'])}-${r.pick(['D', 'C', 'G', 'KY', 'LH'])}-${r.range(100, 99999)}` },
  { country: 'Dutch', make: (r: Rng) => `${r.digits(2)}-${r.chars('BDFGHJKLNPRSTVXZ', 3)}-${r.digits(1)}` },
  { country: 'Romanian', make: (r: Rng) => `${r.pick(['B', 'CJ', 'IS', 'TM'])} ${r.digits(2)} ${r.chars(UPPER, 3)}` },
  { country: 'Lithuanian', make: (r: Rng) => `${r.chars(PLATE_LETTERS, 3)} ${r.digits(3)}` },
  { country: 'Bulgarian', make: (r: Rng) => `${r.pick(['CA', 'CB', 'PB', 'B'])} ${r.digits(4)} ${r.chars('ABEKMHOPCTYX', 2)}` },
] as const;

/** A registration: mostly current format, some older, personalised, Q, foreign or partial ones. */
export function plate(rng: Rng): Plate {
  switch (rng.weighted([70, 6, 3, 2, 4, 1, 6, 5])) {
    case 0: return { text: casePlate(rng, currentPlate(rng)), kind: 'current' };
    case 1: return { text: casePlate(rng, `${rng.chars('ABCDEFGHJKLMNPRSTVWXY', 1)}${rng.range(1, 999)} ${rng.chars(PLATE_LETTERS, 3)}`), kind: 'prefix' };
    case 2: return { text: casePlate(rng, `${rng.chars(PLATE_LETTERS, 3)} ${rng.range(1, 999)}${rng.chars('ABCDEFGHJKLMNPRSTVWXY', 1)}`), kind: 'suffix' };
    case 3: return { text: casePlate(rng, rng.chance(0.5) ? `${rng.chars(PLATE_LETTERS, 3)} ${rng.range(1, 999)}` : `${rng.range(1, 9999)} ${rng.chars(PLATE_LETTERS, 2)}`), kind: 'dateless' };
    case 4: return { text: casePlate(rng, rng.pick([
      `${rng.chars(PLATE_LETTERS, 1)}${rng.range(1, 99)} ${rng.chars(PLATE_LETTERS, 3)}`,
      `${rng.chars(PLATE_LETTERS, 2)}${rng.range(1, 9)} ${rng.chars(PLATE_LETTERS, 3)}`,
      `${rng.range(1, 9)} ${rng.chars(PLATE_LETTERS, 3)}`,
      `${rng.chars(PLATE_LETTERS, 3)} ${rng.range(1, 9)}`,
    ])), kind: 'personalised' };
    case 5: return { text: casePlate(rng, `Q${rng.range(1, 999)} ${rng.chars(PLATE_LETTERS, 3)}`), kind: 'q' };
    case 6: {
      const f = FOREIGN[rng.int(FOREIGN.length)];
      return { text: f.make(rng), kind: 'foreign', country: f.country };
    }
    default: {
      const full = currentPlate(rng);
      const text = rng.pick([full.slice(0, 4), full.slice(0, 2), full.slice(5), `${full.slice(0, 4)} ${full.slice(5, 6)}`]);
      return { text, kind: 'partial' };
    }
  }
}

// ---------------------------------------------------------------- postcodes

/** The spaced, upper-case form of an invented postcode in the given area. */
export function postcodeCanonical(rng: Rng, area: string): string {
  const district = area.length === 1 || rng.chance(0.6) ? String(rng.range(1, 29)) : String(rng.range(1, 9));
  return `${area}${district} ${rng.digits(1)}${rng.chars(INWARD_LETTERS, 2)}`;
}

/** A postcode written as people write it: spaced, unspaced, lower case. */
export function writePostcode(rng: Rng, canonical: string): string {
  switch (rng.weighted([76, 10, 7, 4, 3])) {
    case 0: return canonical;
    case 1: return canonical.replace(' ', '');
    case 2: return canonical.toLowerCase();
    case 3: return canonical.replace(' ', '  ');
    default: return canonical.toLowerCase().replace(' ', '');
  }
}

// ---------------------------------------------------------------- NI numbers

const NI_PREFIXES = ['QQ', 'QQ', 'QQ', 'QQ', 'QQ', 'QQ', 'BG', 'GB', 'NK', 'KN', 'TN', 'NT', 'ZZ'] as const;

/** An NI number with a never-issued or documentation prefix, in several spellings; a few are mistyped. */
export function niNumber(rng: Rng): { text: string; mistyped: boolean } {
  const p = rng.pick(NI_PREFIXES), d = rng.digits(6), s = rng.chars('ABCD', 1);
  if (rng.chance(0.06)) {
    const text = rng.pick([`${p}${d.slice(0, 5)}${s}`, `${p} ${d.slice(0, 2)} ${d.slice(2, 4)} ${d.slice(4)}`, `${p}${d}${rng.digits(1)}${s}`, `${p}${d.slice(0, 2)}O${d.slice(3)}${s}`]);
    return { text, mistyped: true };
  }
  switch (rng.weighted([40, 30, 10, 10, 6, 4])) {
    case 0: return { text: `${p} ${d.slice(0, 2)} ${d.slice(2, 4)} ${d.slice(4)} ${s}`, mistyped: false };
    case 1: return { text: `${p}${d}${s}`, mistyped: false };
    case 2: return { text: `${p}${d}${s}`.toLowerCase(), mistyped: false };
    case 3: return { text: `${p} ${d} ${s}`, mistyped: false };
    case 4: return { text: `${p}-${d.slice(0, 2)}-${d.slice(2, 4)}-${d.slice(4)}-${s}`, mistyped: false };
    default: return { text: `${p} ${d.slice(0, 2)} ${d.slice(2, 4)} ${d.slice(4)}${s}`, mistyped: false };
  }
}

// ---------------------------------------------------------------- cards and accounts

/** Published test card numbers (all pass the Luhn check). */
export const TEST_PANS = [
  '4111111111111111', '5555555555554444', '4000056655665556', '5105105105105100', '4012888888881881',
  '378282246310005', '6011111111111117', '4242424242424242', '5200828282828210', '4000002500003155',
  '2223003122003222',
] as const;

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let v = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) { v *= 2; if (v > 9) v -= 9; }
    sum += v;
  }
  return sum % 10 === 0;
}

function group4(pan: string, sep: string): string {
  if (pan.length === 15) return `${pan.slice(0, 4)}${sep}${pan.slice(4, 10)}${sep}${pan.slice(10)}`;
  return pan.replace(/(\d{4})(?=\d)/g, `$1${sep}`);
}

/** A full or masked test card number, as written. */
export function cardNumber(rng: Rng): string {
  const pan = rng.pick(TEST_PANS);
  const last = pan.slice(-4);
  switch (rng.weighted([40, 18, 8, 14, 10, 10])) {
    case 0: return group4(pan, ' ');
    case 1: return pan;
    case 2: return group4(pan, '-');
    case 3: return `**** **** **** ${last}`;
    case 4: return `XXXX-XXXX-XXXX-${last}`;
    default: return `${pan.slice(0, 6)}******${last}`;
  }
}

/** The last four digits of a test card, for "card ending 4444". */
export function cardLast4(rng: Rng): string {
  return rng.pick(TEST_PANS).slice(-4);
}

export function sortCode(rng: Rng): string {
  const d = `${rng.range(1, 9)}${rng.digits(5)}`;
  switch (rng.weighted([70, 15, 15])) {
    case 0: return `${d.slice(0, 2)}-${d.slice(2, 4)}-${d.slice(4)}`;
    case 1: return d;
    default: return `${d.slice(0, 2)} ${d.slice(2, 4)} ${d.slice(4)}`;
  }
}

export function accountNumber(rng: Rng): string {
  return `${rng.range(1, 9)}${rng.digits(7)}`;
}

/** Documentation IBANs only. */
export const EXAMPLE_IBANS = ['GB29 NWBK 6016 1331 9268 19', 'GB82 WEST 1234 5698 7654 32', 'GB33 BUKB 2020 1555 5555 55'] as const;

export function iban(rng: Rng): string {
  const i = rng.pick(EXAMPLE_IBANS);
  return rng.chance(0.3) ? i.replace(/ /g, '') : i;
}

// ---------------------------------------------------------------- IP addresses

const V4_NETS = ['192.0.2', '198.51.100', '203.0.113'] as const;

function hex16(rng: Rng): string {
  return rng.int(65536).toString(16);
}

export function ipAddress(rng: Rng): string {
  if (rng.chance(0.72)) return `${rng.pick(V4_NETS)}.${rng.range(1, 254)}`;
  switch (rng.int(4)) {
    case 0: return `2001:db8::${hex16(rng)}`;
    case 1: return `2001:db8:${hex16(rng)}:${hex16(rng)}::${hex16(rng)}`;
    case 2: return `2001:0db8:${hex16(rng)}:${hex16(rng)}:${hex16(rng)}:${hex16(rng)}:${hex16(rng)}:${hex16(rng)}`;
    default: return `2001:DB8:${hex16(rng)}::${hex16(rng)}:${hex16(rng)}`.toUpperCase();
  }
}

// ---------------------------------------------------------------- identity documents

export function ukPassport(rng: Rng): string {
  return `${rng.range(1, 9)}${rng.digits(8)}`;
}

export function foreignId(rng: Rng): { what: string; text: string } {
  switch (rng.int(5)) {
    case 0: return { what: 'Polish ID card', text: `${rng.chars(UPPER, 3)} ${rng.digits(6)}` };
    case 1: return { what: 'Romanian ID card', text: `${rng.chars(UPPER, 2)} ${rng.digits(6)}` };
    case 2: return { what: 'Irish passport', text: `P${rng.chars(UPPER, 1)}${rng.digits(7)}` };
    case 3: return { what: 'Italian identity card', text: `C${rng.chars(UPPER, 1)}${rng.digits(5)}${rng.chars(UPPER, 2)}` };
    default: return { what: 'Lithuanian passport', text: `${rng.digits(8)}` };
  }
}

/** A DVLA-style driving licence number built from the holder's name and date of birth. */
export function drivingLicence(rng: Rng, surname: string, forename: string, y: number, m: number, d: number, female: boolean): string {
  const s = (surname.toUpperCase().replace(/^MAC/, 'MC').replace(/[^A-Z]/g, '') + '99999').slice(0, 5);
  const mm = String(m + (female ? 50 : 0)).padStart(2, '0');
  const yy = String(y % 100).padStart(2, '0');
  return `${s}${yy[0]}${mm}${String(d).padStart(2, '0')}${yy[1]}${forename[0].toUpperCase()}9${rng.digits(1)}${rng.chars(UPPER, 2)}`;
}

export function pncId(rng: Rng): string {
  return `${rng.digits(2)}/${rng.range(1, 999999).toString().padStart(rng.chance(0.5) ? 6 : 7, '0')}${rng.chars('ABCDEFGHJKLMNPQRTUVWXY', 1)}`;
}

export function croNumber(rng: Rng): string {
  return `${rng.digits(6)}/${rng.digits(2)}${rng.chars('ABCDEFGHJKLMNPQRTUVWXY', 1)}`;
}

// ---------------------------------------------------------------- dates of birth

export const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;

function ordinal(d: number): string {
  const t = d % 100;
  if (t >= 11 && t <= 13) return `${d}th`;
  return `${d}${d % 10 === 1 ? 'st' : d % 10 === 2 ? 'nd' : d % 10 === 3 ? 'rd' : 'th'}`;
}

/** A date of birth in one of the formats seen in logs. */
export function writeDob(rng: Rng, y: number, m: number, d: number): string {
  const dd = String(d).padStart(2, '0'), mm = String(m).padStart(2, '0'), yy = String(y % 100).padStart(2, '0');
  switch (rng.weighted([46, 10, 8, 8, 6, 6, 5, 4, 4, 3])) {
    case 0: return `${dd}/${mm}/${y}`;
    case 1: return `${dd}.${mm}.${y}`;
    case 2: return `${dd}.${mm}.${yy}`;
    case 3: return `${d}.${m}.${yy}`;
    case 4: return `${ordinal(d)} ${MONTH_NAMES[m - 1]} ${y}`;
    case 5: return `${dd}-${mm}-${y}`;
    case 6: return `${dd}/${mm}/${yy}`;
    case 7: return `${d}/${m}/${y}`;
    case 8: return `${d} ${MONTH_NAMES[m - 1].slice(0, 3)} ${y}`;
    default: return `${ordinal(d)} ${MONTH_NAMES[m - 1].slice(0, 3)} ${yy}`;
  }
}
