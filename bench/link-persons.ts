/**
 * Synthetic person records for the linkage benchmark, with truth: people drawn with realistic
 * name frequencies (the narrative generator's UK name lists, Zipf-weighted, and a long tail of
 * invented surnames, since England and Wales have some 270,000 surnames), each written 1 to 4
 * times with the errors of real records: typing errors, first name and surname swapped, day and
 * month of birth transposed, a wrong digit, a year off, a move of address, missing values, and
 * dates and phones written in different formats.
 */
import { MALE_FORENAMES, FEMALE_FORENAMES, SURNAMES } from '../src/synth/narratives/lexicon.ts';
import { seededRng, type Rng } from '../src/trends/index.ts';

export interface PersonRecords {
  readonly ids: string[];
  /** The person each record describes (the truth). */
  readonly person: Int32Array;
  readonly columns: { first_name: Array<string | null>; surname: Array<string | null>; dob: Array<string | null>; postcode: Array<string | null>; phone: Array<string | null> };
}

function zipf(rng: Rng, n: number, s: number): () => number {
  const cdf = new Float64Array(n);
  let t = 0;
  for (let i = 0; i < n; i++) cdf[i] = t += 1 / (i + 1) ** s;
  return () => {
    const x = rng.next() * t;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const ONSETS = ['b', 'br', 'c', 'ch', 'cr', 'd', 'f', 'g', 'gr', 'h', 'j', 'k', 'l', 'm', 'n', 'p', 'pr', 'r', 's', 'sh', 'st', 't', 'th', 'tr', 'v', 'w', 'y', 'z'];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ai', 'ea', 'ee', 'oo', 'ou', 'y'];
const CODAS = ['', 'n', 'r', 'l', 'm', 's', 'ck', 'ng', 'nd', 'rd', 'tt', 'ss', 'll', 'rn', 'x'];
const ENDINGS = ['', 'son', 'ton', 'ley', 'well', 'man', 'field', 'ford', 'by', 'wick', 'ham', 'er', 'ski', 'ova', 'ez', 'i'];
const AREAS = ['AL', 'B', 'BA', 'BB', 'BD', 'BH', 'BL', 'BN', 'BR', 'BS', 'CA', 'CB', 'CF', 'CH', 'CM', 'CO', 'CR', 'CT', 'CV', 'CW', 'DA', 'DE', 'DH', 'DL', 'DN', 'DT', 'DY', 'E', 'EC', 'EN', 'EX', 'GL', 'GU', 'HA', 'HD', 'HG', 'HP', 'HR', 'HU', 'HX', 'IG', 'IP', 'KT', 'L', 'LA', 'LD', 'LE', 'LL', 'LN', 'LS', 'LU', 'M', 'ME', 'MK', 'N', 'NE', 'NG', 'NN', 'NP', 'NR', 'NW', 'OL', 'OX', 'PE', 'PL', 'PO', 'PR', 'RG', 'RH', 'RM', 'S', 'SA', 'SE', 'SG', 'SK', 'SL', 'SM', 'SN', 'SO', 'SP', 'SR', 'SS', 'ST', 'SW', 'SY', 'TA', 'TF', 'TN', 'TQ', 'TR', 'TS', 'TW', 'UB', 'W', 'WA', 'WC', 'WD', 'WF', 'WN', 'WR', 'WS', 'WV', 'YO'];
const UNIT = 'ABDEFGHJLNPQRSTUWXYZ';

const cap = (s: string) => s[0].toUpperCase() + s.slice(1);

function typo(rng: Rng, s: string): string {
  if (s.length < 2) return s;
  const i = rng.int(s.length);
  const c = LETTERS[rng.int(26)];
  switch (rng.int(4)) {
    case 0: return s.slice(0, i) + c + s.slice(i + 1);
    case 1: return s.slice(0, i) + c + s.slice(i);
    case 2: return s.slice(0, i) + s.slice(i + 1);
    default: return i + 1 < s.length ? s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2) : s.slice(0, i) + c;
  }
}

/** `n` records of about n/1.7 people; seeded. */
export function personRecords(n: number, seed: number): PersonRecords {
  const rng = seededRng(seed);
  const forenames = [...MALE_FORENAMES, ...FEMALE_FORENAMES];
  const tail: string[] = [];
  const seen = new Set<string>(SURNAMES.map((s) => s.toLowerCase()));
  while (tail.length < 60_000) {
    let s = ONSETS[rng.int(ONSETS.length)] + VOWELS[rng.int(VOWELS.length)] + CODAS[rng.int(CODAS.length)];
    if (rng.next() < 0.5) s += VOWELS[rng.int(VOWELS.length)] + CODAS[rng.int(CODAS.length)];
    s += ENDINGS[rng.int(ENDINGS.length)];
    if (!seen.has(s)) {
      seen.add(s);
      tail.push(cap(s));
    }
  }
  const pickFore = zipf(rng, forenames.length, 0.8);
  const pickSur = zipf(rng, SURNAMES.length, 1.0);
  const pickTail = zipf(rng, tail.length, 0.5);
  const ids: string[] = [];
  const person = new Int32Array(n);
  const cols: PersonRecords['columns'] = { first_name: [], surname: [], dob: [], postcode: [], phone: [] };
  const postcode = () => `${AREAS[rng.int(AREAS.length)]}${1 + rng.int(30)} ${rng.int(10)}${UNIT[rng.int(20)]}${UNIT[rng.int(20)]}`;
  const phone = () => `07${String(100_000_000 + rng.int(900_000_000))}`;
  let p = 0;
  while (ids.length < n) {
    const first = forenames[pickFore()];
    const sur = rng.next() < 0.55 ? SURNAMES[pickSur()] : tail[pickTail()];
    const day = Math.floor(Date.UTC(1940, 0, 1) / 86_400_000) + rng.int(68 * 365);
    const date = new Date(day * 86_400_000);
    const [y, mo, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
    const home = postcode();
    const mobile = rng.next() < 0.7 ? phone() : null;
    const u = rng.next();
    const copies = u < 0.55 ? 1 : u < 0.8 ? 2 : u < 0.93 ? 3 : 4;
    for (let c = 0; c < copies && ids.length < n; c++) {
      const clean = c === 0;
      const e = (rate: number) => !clean && rng.next() < rate;
      let f: string | null = e(0.12) ? typo(rng, first) : first;
      let s: string | null = e(0.12) ? typo(rng, sur) : sur;
      if (e(0.03)) [f, s] = [s, f];
      if (e(0.04)) f = null;
      if (e(0.02)) s = null;
      let [yy, mm, dd] = [y, mo, d];
      if (e(0.05) && d <= 12) [mm, dd] = [d, mo];
      else if (e(0.04)) dd = 1 + ((d + rng.int(9)) % 28);
      else if (e(0.03)) yy = y + (rng.next() < 0.5 ? -1 : 1);
      const dob = e(0.04) ? null : rng.next() < 0.5 ? `${yy}-${String(mm).padStart(2, '0')}-${String(dd).padStart(2, '0')}` : `${String(dd).padStart(2, '0')}/${String(mm).padStart(2, '0')}/${yy}`;
      let pc: string | null = e(0.2) ? postcode() : home;
      if (pc && e(0.05)) pc = pc.slice(0, -2) + UNIT[rng.int(20)] + UNIT[rng.int(20)];
      if (e(0.06)) pc = null;
      let ph = mobile && e(0.3) ? null : mobile;
      if (ph && e(0.1)) ph = phone();
      if (ph && rng.next() < 0.3) ph = `+44 ${ph.slice(1, 5)} ${ph.slice(5)}`;
      ids.push(`r${ids.length}`);
      person[ids.length - 1] = p;
      cols.first_name.push(f && rng.next() < 0.1 ? f.toUpperCase() : f);
      cols.surname.push(s && rng.next() < 0.1 ? s.toUpperCase() : s);
      cols.dob.push(dob);
      cols.postcode.push(pc && rng.next() < 0.2 ? pc.replace(' ', '').toLowerCase() : pc);
      cols.phone.push(ph);
    }
    p++;
  }
  // Shuffle so that duplicates are not neighbours (order must not help).
  const order = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  const perm = <T>(a: T[]) => Array.from(order, (i) => a[i]);
  return {
    ids: Array.from(order, (i) => ids[i]),
    person: Int32Array.from(order, (i) => person[i]),
    columns: { first_name: perm(cols.first_name), surname: perm(cols.surname), dob: perm(cols.dob), postcode: perm(cols.postcode), phone: perm(cols.phone) },
  };
}
