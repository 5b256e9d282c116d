/**
 * The writing context of one record: its random stream, the document being written, its place and
 * time, the people in it and the house style (case of names, abbreviations). Scenario templates
 * call these helpers; every personal value is emitted as a labelled piece as it is written.
 */
import type { ForceId } from '../../standard/index.ts';
import { Doc } from './doc.ts';
import { cumulative, type Rng } from './rng.ts';
import {
  BUILDING_SUFFIXES, FEMALE_FORENAMES, HOUSE_NAMES, MALE_FORENAMES, NAME_GROUPS, NICKNAMES, STREET_BASES,
  STREET_SUFFIXES, SURNAMES, WELSH_STREETS, type ForceGeo,
} from './lexicon.ts';
import * as V from './values.ts';

export interface Dob { readonly y: number; readonly m: number; readonly d: number }

export interface Person {
  readonly forename: string;
  readonly middle: string | null;
  readonly surname: string;
  readonly nickname: string | null;
  readonly female: boolean;
  readonly dob: Dob;
  /** Exact first mention and DOB text, fixed by the planner (cross-force offenders). */
  readonly fixedFirst?: string;
  readonly fixedDob?: string;
  mentions: number;
}

export interface Officer {
  readonly rank: string;
  readonly number: string | null;
  readonly forename: string | null;
  readonly surname: string;
  mentions: number;
}

export interface Place {
  readonly street: string;
  readonly town: string;
  readonly lon: number;
  readonly lat: number;
  readonly lsoa_code: string | null;
}

/** How names are written in this record: `Forename SURNAME`, `Forename Surname` or all lower case. */
export type NameCase = 'upper' | 'mixed' | 'lower';

/** Writes a surname in capitals the way logs do (`McKENZIE` or `MCKENZIE`, `O'BRIEN`). */
export function upperSurname(s: string, keepMc: boolean): string {
  if (keepMc && s.charCodeAt(0) === 77 /* M */ && /^Ma?c[A-Z]/.test(s)) {
    const k = s.startsWith('Mac') ? 3 : 2;
    return s.slice(0, k) + s.slice(k).toUpperCase();
  }
  return s.toUpperCase();
}

const RANKS = [
  { rank: 'PC', w: 58, num: 'collar' }, { rank: 'PCSO', w: 8, num: 'collar' }, { rank: 'DC', w: 12, num: 'collar' },
  { rank: 'PS', w: 4, num: 'short' }, { rank: 'Sgt', w: 3, num: 'short' }, { rank: 'DS', w: 4, num: 'collar' },
  { rank: 'SC', w: 2, num: 'collar' }, { rank: 'Insp', w: 2, num: 'none' }, { rank: 'DI', w: 1, num: 'none' },
  { rank: 'CSI', w: 2, num: 'staff' }, { rank: 'Supt', w: 1, num: 'none' }, { rank: 'DCI', w: 1, num: 'none' },
] as const;
const RANK_TABLE = cumulative(RANKS.map((r) => r.w));
const NAME_GROUP_TABLE = cumulative(NAME_GROUPS.map((g) => g.w));

function rankSpec(rank: string): (typeof RANKS)[number] {
  for (const r of RANKS) if (r.rank === rank) return r;
  return RANKS[0];
}

/** The heritage pool a surname belongs to, so relatives get forenames that go with it. */
function groupOf(surname: string): (typeof NAME_GROUPS)[number] | undefined {
  for (const g of NAME_GROUPS) if ((g.surnames as readonly string[]).includes(surname)) return g;
  return undefined;
}

/** Splits a name into lower-case words (`O'Brien` -> `o`, `brien`). */
function nameParts(w: string): readonly string[] {
  let parts = NAME_PARTS.get(w);
  if (parts === undefined) {
    parts = w.toLowerCase().split(/[\s'-]+/).filter((x) => x.length > 0);
    // Names come from the word lists, so the memo stays small.
    if (NAME_PARTS.size < 5000) NAME_PARTS.set(w, parts);
  }
  return parts;
}
const NAME_PARTS = new Map<string, readonly string[]>();

export class Ctx {
  readonly d = new Doc();
  readonly people: Person[] = [];
  readonly officers: Officer[] = [];
  /** Every word of every name used in the record, so no two people share a word by accident. */
  private readonly nameWords = new Set<string>();
  /** Set by the constructor; the planner may fix it to match an offender's written name. */
  nameCase: NameCase;
  readonly keepMc: boolean;
  /** Terse records use more abbreviations (IP, INFT, w/s, NFA). */
  readonly terse: boolean;

  constructor(
    readonly rng: Rng,
    readonly forceId: ForceId,
    readonly geo: ForceGeo,
    readonly place: Place,
    /** The time the record happened, `HHMM`, and the date `DD/MM`. */
    readonly hhmm: string,
    readonly ddmm: string,
    readonly year: number,
  ) {
    const r = rng.next();
    this.nameCase = r < 0.72 ? 'upper' : r < 0.94 ? 'mixed' : 'lower';
    this.keepMc = rng.chance(0.6);
    this.terse = rng.chance(0.6);
  }

  // ------------------------------------------------------------ plain text

  t(s: string): this { this.d.t(s); return this; }

  /** Writes one of the alternatives. */
  one(...alts: string[]): this { this.d.t(this.rng.pick(alts)); return this; }

  /** Writes `s` with probability p. */
  maybe(p: number, s: string): this { if (this.rng.chance(p)) this.d.t(s); return this; }

  pick<T>(xs: readonly T[]): T { return this.rng.pick(xs); }

  /** Abbreviation or plain word, by the record's style. */
  ab(terse: string, plain: string): string { return this.terse ? terse : plain; }

  // ------------------------------------------------------------ people

  private reserve(...words: string[]): void {
    for (const w of words) for (const p of nameParts(w)) this.nameWords.add(p);
  }

  private free(w: string): boolean {
    for (const p of nameParts(w)) if (this.nameWords.has(p)) return false;
    return true;
  }

  /** A new member of the public. `surname` makes a relative; ages are in years at `year`. */
  person(o: { female?: boolean; minAge?: number; maxAge?: number; surname?: string; nickname?: boolean } = {}): Person {
    const female = o.female ?? this.rng.chance(0.45);
    let forename = '', surname = '';
    let given: readonly string[] = female ? FEMALE_FORENAMES : MALE_FORENAMES;
    for (let tries = 0; tries < 30; tries++) {
      if (this.rng.chance(0.85)) {
        const g = (o.surname !== undefined ? groupOf(o.surname) : undefined) ?? NAME_GROUPS[this.rng.fromTable(NAME_GROUP_TABLE)];
        given = female ? g.female : g.male;
        forename = this.rng.pick(female ? g.female : g.male);
        surname = o.surname ?? this.rng.pick(g.surnames);
      } else {
        forename = this.rng.pick(female ? FEMALE_FORENAMES : MALE_FORENAMES);
        surname = o.surname ?? this.rng.pick(SURNAMES);
      }
      if (this.free(forename) && (o.surname !== undefined || this.free(surname))) break;
    }
    let middle: string | null = null;
    if (this.rng.chance(0.12)) {
      const m = this.rng.pick(given);
      if (m !== forename && this.free(m)) middle = m;
    }
    let nickname: string | null = null;
    if (o.nickname) {
      for (let tries = 0; tries < 10 && nickname === null; tries++) {
        const n = this.rng.pick(NICKNAMES);
        if (this.free(n)) nickname = n;
      }
    }
    const age = this.rng.range(o.minAge ?? 16, o.maxAge ?? 75);
    const dob = { y: this.year - age, m: this.rng.range(1, 12), d: this.rng.range(1, 28) };
    const p: Person = { forename, middle, surname, nickname, female, dob, mentions: 0 };
    this.reserve(forename, surname, ...(middle ? [middle] : []), ...(nickname ? [nickname] : []));
    this.people.push(p);
    return p;
  }

  /** The planner's fixed suspect for this record (a cross-force offender), used once. */
  forced: Person | null = null;

  /** The record's main suspect: the planner's fixed person when there is one, else a new person. */
  suspect(o: { female?: boolean; minAge?: number; maxAge?: number; nickname?: boolean } = {}): Person {
    if (this.forced) { const p = this.adopt(this.forced); this.forced = null; return p; }
    return this.person(o);
  }

  /** Adds a person fixed by the planner (a cross-force offender's appearance). */
  adopt(p: Person): Person {
    this.reserve(p.forename, p.surname, ...(p.middle ? [p.middle] : []), ...(p.nickname ? [p.nickname] : []));
    this.people.push(p);
    return p;
  }

  /** Pronouns and relations by the person's sex: `he`/`she`, `his`/`her`, `him`/`her`. */
  he(p: Person): string { return p.female ? 'she' : 'he'; }
  his(p: Person): string { return p.female ? 'her' : 'his'; }
  him(p: Person): string { return p.female ? 'her' : 'him'; }
  /** What `p` is to someone: `son`/`daughter`, `mum`/`dad` ... */
  rel(p: Person, male: readonly string[], female: readonly string[]): string { return this.rng.pick(p.female ? female : male); }

  sn(p: Person): string {
    return this.nameCase === 'upper' ? upperSurname(p.surname, this.keepMc) : this.nameCase === 'lower' ? p.surname.toLowerCase() : p.surname;
  }

  fn(p: Person): string {
    return this.nameCase === 'lower' ? p.forename.toLowerCase() : p.forename;
  }

  private title(p: Person): string {
    return p.female ? this.rng.pick(['Mrs', 'Ms', 'Miss', 'Mrs']) : 'Mr';
  }

  /** First mention: full name (sometimes `SURNAME, Forename`, a middle name or a nickname inside). */
  full(p: Person): this {
    p.mentions++;
    if (p.fixedFirst !== undefined) { this.d.e('PERSON', p.fixedFirst); return this; }
    const mid = p.middle ? ` ${this.nameCase === 'lower' ? p.middle.toLowerCase() : p.middle}` : '';
    const r = this.rng.next();
    if (p.nickname && r < 0.4) this.d.e('PERSON', `${this.fn(p)} '${p.nickname}' ${this.sn(p)}`);
    else if (r < 0.12 && this.nameCase === 'upper') this.d.e('PERSON', `${this.sn(p)}, ${this.fn(p)}${mid}`);
    else this.d.e('PERSON', `${this.fn(p)}${mid} ${this.sn(p)}`);
    return this;
  }

  /** A later mention: surname, forename, title and surname, or nickname. */
  ref(p: Person): this {
    if (p.mentions === 0) return this.full(p);
    p.mentions++;
    const r = this.rng.next();
    if (p.nickname && r < 0.25) this.d.e('PERSON', p.nickname);
    else if (r < 0.55) this.d.e('PERSON', this.sn(p));
    else if (r < 0.75) this.d.e('PERSON', this.fn(p));
    else if (r < 0.9) { this.d.t(`${this.title(p)} `); this.d.e('PERSON', this.sn(p)); }
    else this.d.e('PERSON', `${this.fn(p)} ${this.sn(p)}`);
    return this;
  }

  /** Surname only (for "SURNAME stated ..."). */
  surname(p: Person): this {
    if (p.mentions === 0) return this.full(p);
    p.mentions++;
    this.d.e('PERSON', this.sn(p));
    return this;
  }

  /** Forename only. */
  forename(p: Person): this {
    p.mentions++;
    this.d.e('PERSON', this.fn(p));
    return this;
  }

  /** A name with initials only (`J R OKAFOR`). */
  initials(p: Person): this {
    p.mentions++;
    const mid = p.middle ? ` ${p.middle[0]}` : '';
    this.d.e('PERSON', `${p.forename[0]}${mid} ${this.sn(p)}`);
    return this;
  }

  /** ` DOB 12/03/1988` and its many spellings; the date alone is labelled. */
  dob(p: Person): this {
    const text = p.fixedDob ?? V.writeDob(this.rng, p.dob.y, p.dob.m, p.dob.d);
    const [pre, post] = this.rng.pick([
      [' DOB ', ''], [' DOB ', ''], [' (DOB ', ')'], [', DOB ', ''], [' d.o.b. ', ''], [', born ', ''], [' DOB: ', ''],
      [' dob ', ''], [' - DOB ', ''], [' (d.o.b ', ')'], [' born on ', ''],
    ] as const);
    this.d.t(pre).e('DATE_OF_BIRTH', text).t(post);
    return this;
  }

  /** ` (34)` or `, aged 34,`: ages are not personal-data labels. */
  age(p: Person): this {
    const a = this.year - p.dob.y;
    this.one(` (${a})`, ` (${a}yrs)`, `, aged ${a},`, ` (age ${a})`);
    return this;
  }

  // ------------------------------------------------------------ officers

  officer(o: { rank?: string } = {}): Officer {
    const spec = o.rank ? rankSpec(o.rank) : RANKS[this.rng.fromTable(RANK_TABLE)];
    let surname = '';
    for (let tries = 0; tries < 30; tries++) {
      surname = this.rng.pick(SURNAMES);
      if (this.free(surname)) break;
    }
    let number: string | null = null;
    if (spec.num === 'collar') {
      const digits = this.rng.pick([3, 4, 4, 4, 4, 5, 5]);
      number = String(this.rng.range(10 ** (digits - 1), 10 ** digits - 1));
      if (this.forceId === 'metropolitan' && this.rng.chance(0.4)) number = `${this.rng.range(100, 9999)}${this.rng.pick(['CW', 'NA', 'SE', 'AW', 'NE', 'EA', 'ZD'])}`;
    } else if (spec.num === 'short') number = String(this.rng.range(10, 2999));
    const forename = spec.num === 'staff' ? this.rng.pick(this.rng.chance(0.5) ? MALE_FORENAMES : FEMALE_FORENAMES) : null;
    this.reserve(surname, ...(forename ? [forename] : []));
    const off: Officer = { rank: spec.rank, number, forename, surname, mentions: 0 };
    this.officers.push(off);
    return off;
  }

  private osn(o: Officer): string {
    return this.nameCase === 'mixed' || this.rng.chance(0.25) ? o.surname : upperSurname(o.surname, this.keepMc);
  }

  /** `PC 1234 SMITH`, `DC Jones`, `CSI Lee MORRIS`; later mentions `PC SMITH`. */
  off(o: Officer): this {
    const first = o.mentions === 0;
    o.mentions++;
    const name = this.osn(o);
    let text: string;
    if (o.forename) text = first ? `${o.rank} ${o.forename} ${name}` : `${o.rank} ${name}`;
    else if (first && o.number) {
      const r = this.rng.next();
      text = r < 0.8 ? `${o.rank} ${o.number} ${name}` : r < 0.92 ? `${o.rank}${o.number} ${name}` : `${o.rank} ${name} ${o.number}`;
    } else text = `${o.rank} ${name}`;
    this.d.e('OFFICER', text);
    return this;
  }

  // ------------------------------------------------------------ contact details and identifiers

  phone(mobileShare = 0.75): this {
    this.d.e('PHONE', this.rng.chance(mobileShare) ? V.mobile(this.rng) : V.landline(this.rng, this.rng.chance(0.8) ? this.geo.dramaPhone : 'none'));
    return this;
  }

  email(p: Person): this {
    let e = V.email(this.rng, p.forename, p.surname, p.dob.y);
    // An e-mail is its own label, but the name inside it must not read as an unlabelled mention.
    if (this.nameCase === 'lower') e = e[0].toUpperCase() + e.slice(1);
    this.d.e('EMAIL', e);
    return this;
  }

  serviceEmail(): this { this.d.e('EMAIL', V.serviceEmail(this.rng)); return this; }

  /** A registration; returns it so the narrative can say "Polish plates" or "partial". */
  vrmValue(): V.Plate { return V.plate(this.rng); }

  vrm(p: V.Plate): this { this.d.e('VEHICLE_REG', p.text); return this; }

  /** A vehicle description with its registration: `silver Ford Focus AB12 CDE`. */
  vehicle(): this {
    let p = this.vrmValue();
    while (p.kind === 'partial') p = this.vrmValue();
    const desc = `${this.pick(['black', 'white', 'grey', 'silver', 'blue', 'red', 'dark blue'])} ${this.pick(['Ford Fiesta', 'Vauxhall Corsa', 'VW Golf', 'BMW 1 Series', 'Audi A3', 'Mercedes C-Class', 'Nissan Qashqai', 'Seat Leon', 'Ford Transit', 'Toyota Yaris', 'Kia Sportage', 'Peugeot 208', 'Skoda Octavia', 'Range Rover Evoque', 'Vauxhall Astra'])}`;
    if (p.kind === 'foreign') { this.t(`${desc} on ${p.country} plates `).vrm(p); return this; }
    switch (this.rng.int(4)) {
      case 0: this.t(`${desc} `).vrm(p); break;
      case 1: this.t(`${desc} (`).vrm(p).t(')'); break;
      case 2: this.t(`${desc}, VRM `).vrm(p); break;
      default: this.t(`${desc} reg `).vrm(p); break;
    }
    return this;
  }

  niNumber(): this { this.d.e('NI_NUMBER', V.niNumber(this.rng).text); return this; }
  card(): this { this.d.e('PAYMENT_CARD', V.cardNumber(this.rng)); return this; }
  cardEnding(): this { this.d.e('PAYMENT_CARD', V.cardLast4(this.rng)); return this; }
  ip(): this { this.d.e('IP_ADDRESS', V.ipAddress(this.rng)); return this; }
  iban(): this { this.d.e('BANK_ACCOUNT', V.iban(this.rng)); return this; }

  /** `s/c 30-94-57 acc 12874360`: sort code and account number are two labels. */
  bank(): this {
    const [a, b] = this.pick([['sort code ', ' account '], ['s/c ', ' acc '], ['s/c ', ', a/c '], ['sort code ', ', account number '], ['SC ', ' AC '], ['s/c: ', ' acc no ']] as const);
    this.t(a).d.e('BANK_ACCOUNT', V.sortCode(this.rng));
    this.t(b).d.e('BANK_ACCOUNT', V.accountNumber(this.rng));
    return this;
  }

  passport(): this {
    if (this.rng.chance(0.7)) this.t(this.pick(['passport no ', 'passport number ', 'UK passport ', 'passport '])).d.e('ID_DOCUMENT', V.ukPassport(this.rng));
    else { const f = V.foreignId(this.rng); this.t(`${f.what} `).d.e('ID_DOCUMENT', f.text); }
    return this;
  }

  licence(p: Person): this {
    this.t(this.pick(['driving licence ', 'DL no ', 'provisional driving licence ', 'licence number ']));
    this.d.e('ID_DOCUMENT', V.drivingLicence(this.rng, p.surname, p.forename, p.dob.y, p.dob.m, p.dob.d, p.female));
    return this;
  }

  pnc(): this {
    if (this.rng.chance(0.7)) this.t(this.pick(['PNC ID ', 'PNCID ', 'PNC id '])).d.e('ID_DOCUMENT', V.pncId(this.rng));
    else this.t('CRO ').d.e('ID_DOCUMENT', V.croNumber(this.rng));
    return this;
  }

  // ------------------------------------------------------------ places

  street(): string {
    if (this.geo.welsh && this.rng.chance(0.25)) return this.rng.pick(WELSH_STREETS);
    return `${this.rng.pick(STREET_BASES)} ${this.rng.pick(STREET_SUFFIXES)}`;
  }

  town(): string { return this.rng.chance(0.6) ? this.place.town : this.rng.pick(this.geo.towns); }

  /** An address (house or flat number and street, town often) and, often, its postcode. */
  address(o: { here?: boolean; business?: boolean; postcode?: number } = {}): this {
    const street = o.here ? this.place.street : this.street();
    const town = o.here ? this.place.town : this.town();
    const n = this.rng.range(1, 180);
    const withTown = this.rng.chance(0.75);
    let text: string;
    if (o.business) text = `Unit ${this.rng.range(1, 24)}, ${this.rng.chance(0.5) ? `${n} ${street}` : `${this.pick(STREET_BASES)} ${this.pick(['Business Park', 'Industrial Estate', 'Trading Estate', 'Mills'])}`}`;
    else {
      switch (this.rng.weighted([55, 14, 10, 6, 6, 5, 4])) {
        case 0: text = `${n} ${street}`; break;
        case 1: text = `Flat ${this.rng.range(1, 40)}, ${n} ${street}`; break;
        case 2: text = `Flat ${this.rng.range(1, 60)}, ${this.pick(STREET_BASES)} ${this.pick(BUILDING_SUFFIXES)}`; break;
        case 3: text = `${n}${this.pick(['a', 'b', 'A', 'B'])} ${street}`; break;
        case 4: text = `${this.pick(HOUSE_NAMES)}, ${street}`; break;
        case 5: text = `Apt ${this.rng.range(1, 120)}, ${this.pick(STREET_BASES)} ${this.pick(BUILDING_SUFFIXES)}, ${n} ${street}`; break;
        default: text = `${n} ${street}`; break;
      }
    }
    if (withTown) text += `, ${town}`;
    this.d.e('ADDRESS', text);
    if (this.rng.chance(o.postcode ?? (withTown ? 0.75 : 0.35))) {
      this.t(this.rng.chance(0.85) ? ' ' : ', ');
      this.d.e('POSTCODE', V.writePostcode(this.rng, V.postcodeCanonical(this.rng, this.rng.pick(this.geo.postcodeAreas))));
    }
    return this;
  }

  postcode(): this {
    this.d.e('POSTCODE', V.writePostcode(this.rng, V.postcodeCanonical(this.rng, this.rng.pick(this.geo.postcodeAreas))));
    return this;
  }

  /** A time near the record's time, `HHMM`. */
  later(minutes: number): string {
    const h = Number(this.hhmm.slice(0, 2)), m = Number(this.hhmm.slice(2));
    const t = (h * 60 + m + minutes) % 1440;
    return `${String(Math.floor(t / 60)).padStart(2, '0')}${String(t % 60).padStart(2, '0')}`;
  }

  money(lo: number, hi: number): string {
    const v = this.rng.range(lo, hi);
    return v >= 1000 && this.rng.chance(0.5) ? `£${Math.floor(v / 1000)},${String(v % 1000).padStart(3, '0')}` : `£${v}`;
  }

  logRef(): string {
    return this.pick([`CAD ${this.rng.range(1, 9999)}`, `log ${this.rng.range(100, 9999)}/${String(this.year % 100)}`, `crime ref ${this.geo.code}/${this.rng.range(10000, 99999)}/${String(this.year % 100)}`]);
  }
}

