/**
 * Synthetic police narratives (incident logs, crime reports, intelligence and stop-and-search
 * records) in the national standard's NDJSON format, with every personal-data span labelled, and
 * the planted truth a detector can be scored against: cross-force offenders written under name
 * and date-of-birth variants, duplicated incidents, and an emerging modus operandi that spreads
 * from one force to its neighbours.
 *
 * Labels follow `../shared/data/narratives/labelled/README.md`: titles and possessive 's outside
 * PERSON spans, a nickname inside a full name is one span, OFFICER spans cover rank and number,
 * the postcode is its own POSTCODE entity after the ADDRESS, sort code and account number are two
 * BANK_ACCOUNT entities, "card ending 4444" labels the digits. Labels are recorded as the text is
 * written, never searched for afterwards; a record in which a labelled value also appears
 * unlabelled is written again.
 *
 * Deterministic: the same options give the same records and truth. Records are produced lazily,
 * one at a time, from their own random stream, so a million can be streamed in bounded memory.
 */
import {
  addMonths, CLASSIFICATIONS, forceNeighbours, monthRange, isMonth,
  type Classification, type ForceId, type NarrativeLabels, type NarrativeRecord,
} from '../../standard/index.ts';
import { TERRITORY } from '../territory.ts';
import { Ctx, upperSurname, type Person, type Place } from './ctx.ts';
import { hasUnlabelledMention, renderPieces, type Piece, type Rendered } from './doc.ts';
import { FEMALE_FORENAMES, FORCE_GEO, MALE_FORENAMES, NICKNAMES, NON_TERRITORIAL_CENTRES, STREET_BASES, STREET_SUFFIXES, SURNAMES } from './lexicon.ts';
import { MOS, type MoSpec } from './mo.ts';
import { planTactics, tacticCount, TACTIC_REACH } from './emerging.ts';
import { planSeries, type CrimeSeriesTruth, type SeriesCrime } from './series.ts';
import { cumulative, deriveSeed, Rng } from './rng.ts';
import { coda, detail, opener, SCENARIOS, type Scenario } from './scenarios.ts';
import { writeDob } from './values.ts';

export interface NarrativePlace { lsoa_code: string; lsoa_name: string; lon: number; lat: number; street: string }

export interface NarrativeSynthOptions {
  seed: number;
  forces: readonly ForceId[];
  /** Last month generated, `YYYY-MM`. */
  endMonth: string;
  /** Number of months, ending with `endMonth`. */
  months: number;
  /** Number of records. */
  count: number;
  /** Real small areas by force_id; when absent, streets, towns and coordinates are invented. */
  places?: ReadonlyMap<string, ReadonlyArray<NarrativePlace>>;
}

/** How an offender's name is written in one record. */
export type NameVariant = 'full' | 'surname_forename' | 'nickname' | 'misspelt' | 'initial' | 'lower_case';
/** How an offender's date of birth is written in one record. */
export type DobVariant = 'exact' | 'day_month_swap' | 'digit_off';

export interface OffenderAppearance {
  record_id: string;
  force_id: ForceId;
  month: string;
  /** The PERSON span of the first mention, exactly as written in the narrative. */
  name_as_written: string;
  name_variant: NameVariant;
  /** The DATE_OF_BIRTH span, exactly as written. */
  dob_as_written: string;
  dob_variant: DobVariant;
}

export interface CrossForceOffender {
  offender_id: string;
  forename: string;
  surname: string;
  nickname: string | null;
  /** True date of birth, `YYYY-MM-DD`. */
  date_of_birth: string;
  forces: ForceId[];
  appearances: OffenderAppearance[];
}

export interface DuplicateIncident {
  original_record_id: string;
  original_force_id: ForceId;
  duplicate_record_id: string;
  duplicate_force_id: ForceId;
  month: string;
  /** What differs between the two entries. */
  differences: DuplicateDifference[];
}

export const DUPLICATE_DIFFERENCES = ['all_caps', 'typo', 'phone_respaced', 'reg_respaced', 'update_appended', 'time_shifted'] as const;
export type DuplicateDifference = (typeof DUPLICATE_DIFFERENCES)[number];

export interface EmergingMo {
  mo_id: string;
  description: string;
  category: string;
  /** Phrases every record of this method contains (case-insensitive). */
  key_phrases: string[];
  origin_force: ForceId;
  start_month: string;
  /** Neighbouring forces it spreads to, with the first month it appears there. */
  spread: Array<{ force_id: ForceId; first_month: string }>;
  /** Records of the emerging series (origin and spread). */
  record_ids: string[];
  /** How many of them fall in each force and month, for scoring a detector's timing. */
  counts: Array<{ force_id: ForceId; month: string; records: number }>;
  /** Sporadic earlier records of the same method elsewhere, before the emergence (noise). */
  background_record_ids: string[];
}

/**
 * An emerging tactic as truth.json carries it: a method that starts in one force (`first_month`) and
 * spreads to its neighbours, first reaching 5 records a month nationally in `five_records_month` —
 * the month a detector should find it by.
 */
export interface EmergingTactic {
  tactic_id: string;
  description: string;
  category: string;
  first_month: string;
  five_records_month: string | null;
  origin_force: ForceId;
  /** Forces with its records, the origin first, then in the order it reached them. */
  forces: ForceId[];
  record_ids: string[];
  /** Phrases every record of it contains (case-insensitive). */
  key_phrases: string[];
  /** Records nationally per month, with the forces they are in. */
  monthly: Array<{ month: string; records: number; forces: ForceId[] }>;
}

export interface NarrativeSynthTruth {
  cross_force_offenders: CrossForceOffender[];
  duplicate_incidents: DuplicateIncident[];
  emerging_mo: EmergingMo[];
  /** The same planted methods as emerging tactics, as a tactic detector is scored against them. */
  emerging_tactics: EmergingTactic[];
  /** Crime series: one offender's crimes sharing a method, clustered in space and time (series.ts). */
  series: CrimeSeriesTruth[];
}

export interface NarrativeItem { record: NarrativeRecord; labels: NarrativeLabels }

interface Written { rendered: Rendered; pieces: Piece[]; caps: boolean; scenario: Scenario; occurred: string; place: Place; location: string }

type Special =
  | { readonly kind: 'offender'; readonly force: number; readonly month: number; readonly person: Person; readonly caps: boolean }
  | { readonly kind: 'mo'; readonly force: number; readonly month: number; readonly mo: MoSpec }
  | { readonly kind: 'duplicate'; readonly force: number; readonly month: number; readonly original: Written; readonly rendered: Rendered; readonly occurred: string }
  | { readonly kind: 'original' }
  | { readonly kind: 'series'; readonly force: number; readonly month: number; readonly crime: SeriesCrime };

/** Scenarios in which a planted offender is named in full with a date of birth. */
const OFFENDER_SCENARIOS: readonly Scenario[] = SCENARIOS.filter((s) => [
  'da-incident', 'disorder', 'road-rage', 'shoplifting', 'assault', 'ss-drugs', 'ss-weapons',
  'ss-equipped', 'intel-drugs', 'intel-mules', 'intel-vehicles', 'drugs-warrant', 'traffic-stop', 'intel-slavery',
].includes(s.id));

const SCENARIO_TABLE = cumulative(SCENARIOS.map((s) => s.weight));
/** Records by hour of day (UTC): fewest before dawn, most in the evening. */
const HOUR_TABLE = cumulative([3, 2, 2, 1, 1, 1, 1, 2, 3, 4, 4, 5, 5, 5, 5, 6, 6, 7, 7, 7, 7, 6, 5, 4]);
const MAX_ATTEMPTS = 12;

const ROADLIKE = /\b(Street|Road|Avenue|Lane|Close|Drive|Way|Crescent|Grove|Terrace|Gardens|Place|Walk|Rise|View|Mews|Hill|Row|Square|Court|Parade|Green|Park|Vale|Heol|Ffordd|Broadway|Gate)\b/;

/** A word long enough to take a typo. */
const TYPO_SITE = /[a-z]{6,}/;

const UPDATES = [
  ' Further call received from a neighbour reporting the same.', ' Caller rang back, no change.', ' Linked call from the same address.',
  ' UPDATE: no further info.', ' 2nd call re same.',
] as const;

/** The same phone number with its spacing changed (separators removed, or one space added). */
function respacePhone(t: string): string {
  if (/[\s()-]/.test(t)) return t.replace('(0)', '').replace(/[\s()-]/g, '');
  return t.startsWith('+44') ? `+44 ${t.slice(3)}` : `${t.slice(0, 5)} ${t.slice(5)}`;
}

/** The same registration with its spacing or case changed. */
function respaceReg(t: string): string {
  return /\s/.test(t) ? t.replace(/\s+/g, '') : t.toUpperCase() !== t ? t.toUpperCase() : t;
}

const TYPOS: ReadonlyArray<readonly [string, string]> = [
  ['received', 'recieved'], ['separate', 'seperate'], ['attended', 'attened'], ['Officers', 'Offcers'],
  ['occurred', 'occured'], ['arrived', 'arived'], ['believed', 'beleived'], ['address', 'adress'],
  ['approx', 'aprox'], ['vehicle', 'vehcile'], ['statement', 'statment'], ['enquiries', 'enquires'],
  ['stated', 'sated'], ['advice', 'advise'], ['their', 'thier'], ['which', 'whcih'],
];

function validate(opts: NarrativeSynthOptions): void {
  if (!Number.isInteger(opts.count) || opts.count < 0) throw new Error(`generateNarratives: count must be a whole number >= 0, got ${opts.count}`);
  if (!Number.isInteger(opts.months) || opts.months < 1) throw new Error(`generateNarratives: months must be a whole number >= 1, got ${opts.months}`);
  if (!isMonth(opts.endMonth)) throw new Error(`generateNarratives: endMonth must be YYYY-MM, got "${opts.endMonth}"`);
  if (opts.forces.length === 0) throw new Error('generateNarratives: forces is empty');
  for (const f of opts.forces) if (!(f in FORCE_GEO)) throw new Error(`generateNarratives: unknown force "${f}"`);
  if (!Number.isFinite(opts.seed)) throw new Error(`generateNarratives: seed must be a number, got ${opts.seed}`);
}

function pad2(n: number): string { return n < 10 ? `0${n}` : String(n); }

function daysIn(month: string): number {
  const y = Number(month.slice(0, 4)), m = Number(month.slice(5, 7));
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

const DISK_WEIGHTS = new Map<string, number[]>();

/** A point inside the force's territory (a disk wholly inside its boundary), or near its centre. */
function inventCoords(rng: Rng, force: ForceId): [number, number] {
  const t = TERRITORY[force];
  if (t && t.disks.length > 0) {
    let w = DISK_WEIGHTS.get(force);
    if (!w) { w = cumulative(t.disks.map((d) => d[2] * d[2])); DISK_WEIGHTS.set(force, w); }
    const [lon, lat, rkm] = t.disks[rng.fromTable(w)];
    const r = rkm * 0.95 * Math.sqrt(rng.next()), a = rng.next() * 2 * Math.PI;
    const dlat = (r * Math.sin(a)) / 111.32, dlon = (r * Math.cos(a)) / (111.32 * Math.cos((lat * Math.PI) / 180));
    return [Math.round((lon + dlon) * 1e6) / 1e6, Math.round((lat + dlat) * 1e6) / 1e6];
  }
  const c = NON_TERRITORIAL_CENTRES[force] ?? [-1.5, 52.6, 1];
  return [Math.round((c[0] + (rng.next() - 0.5) * c[2]) * 1e6) / 1e6, Math.round((c[1] + (rng.next() - 0.5) * c[2]) * 1e6) / 1e6];
}

function misspell(rng: Rng, s: string): string {
  const lower = s.toLowerCase();
  const options: string[] = [];
  const dbl = /([bcdfglmnprst])\1/.exec(lower);
  if (dbl) options.push(s.slice(0, dbl.index) + s.slice(dbl.index + 1));
  const single = /[aeiou]([lnrt])[aeiou]/.exec(lower);
  if (single) options.push(s.slice(0, single.index + 2) + s[single.index + 1] + s.slice(single.index + 2));
  if (/^Mac/.test(s)) options.push(`Mc${s.slice(3)}`);
  else if (/^Mc/.test(s)) options.push(`Mac${s.slice(2)}`);
  const v = /[aeiou]/g;
  const vowels: number[] = [];
  for (let m = v.exec(lower); m; m = v.exec(lower)) if (m.index > 0) vowels.push(m.index);
  if (vowels.length > 0) {
    const i = rng.pick(vowels);
    const sub: Record<string, string> = { a: 'e', e: 'a', i: 'y', o: 'a', u: 'o' };
    options.push(s.slice(0, i) + (sub[lower[i]] ?? 'e') + s.slice(i + 1));
  }
  if (s.length > 4) { const i = rng.range(1, s.length - 3); options.push(s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2)); }
  const out = options.filter((o) => o !== s && o.length > 2);
  return out.length > 0 ? rng.pick(out) : `${s}e`;
}

export function generateNarratives(opts: NarrativeSynthOptions): { items: Iterable<NarrativeItem>; truth: NarrativeSynthTruth } {
  validate(opts);
  const { seed, count } = opts;
  const forces = [...opts.forces];
  const months = monthRange(addMonths(opts.endMonth, -(opts.months - 1)), opts.endMonth);
  const forceWeights = forces.map((f) => FORCE_GEO[f].weight);
  const forceTable = cumulative(forceWeights);
  const places = opts.places;
  const monthDays = months.map(daysIn);

  const slot = (i: number): { force: number; month: number } => {
    // Two hashes of (seed, i) rather than a stream: every record needs this, so it must be cheap.
    const u = deriveSeed(seed, i, 1) / 4294967296, v = deriveSeed(seed, i, 5) / 4294967296;
    const r = u * forceTable[forceTable.length - 1];
    let lo = 0, hi = forceTable.length - 1;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (r < forceTable[mid]) hi = mid; else lo = mid + 1; }
    return { force: lo, month: Math.floor(v * months.length) };
  };
  const recordId = (i: number, force: number, month: number): string =>
    `${FORCE_GEO[forces[force]].code}-${months[month].replace('-', '')}-${String(i).padStart(7, '0')}`;

  // ---------------------------------------------------------------- plan the truth
  const plan = new Rng(deriveSeed(seed, 0, 7));
  const specials = new Map<number, Special>();
  const budget = Math.floor(count / 4);
  const freeIndex = (): number => {
    for (;;) { const i = plan.int(count); if (!specials.has(i)) return i; }
  };
  const forceIndex = new Map(forces.map((f, k) => [f, k]));
  const neighboursIn = (f: ForceId): ForceId[] => forceNeighbours(f).filter((n) => forceIndex.has(n));

  // Cross-force offenders.
  const offenders: CrossForceOffender[] = [];
  const nOffenders = forces.length < 2 || count < 40 ? 0 : Math.max(1, Math.min(8, Math.round(count / 2000)));
  for (let k = 0; k < nOffenders && specials.size + 6 < budget; k++) {
    const female = plan.chance(0.2);
    const forename = plan.pick(female ? FEMALE_FORENAMES : MALE_FORENAMES);
    const surname = plan.pick(SURNAMES);
    const nickname = plan.chance(0.6) ? plan.pick(NICKNAMES) : null;
    const year = Number(months[months.length - 1].slice(0, 4));
    const dob = { y: year - plan.range(18, 45), m: plan.range(1, 12), d: plan.range(1, 28) };
    const nForces = Math.min(forces.length, plan.range(2, 4));
    const home = plan.pick(forces);
    const fs: ForceId[] = [home];
    for (const n of plan.sample(neighboursIn(home), nForces - 1)) fs.push(n);
    while (fs.length < nForces) { const f = plan.pick(forces); if (!fs.includes(f)) fs.push(f); }
    const nApp = plan.range(Math.max(3, nForces), 6);
    const off: CrossForceOffender = {
      offender_id: `OFF-${String(k + 1).padStart(3, '0')}`, forename, surname, nickname,
      date_of_birth: `${dob.y}-${pad2(dob.m)}-${pad2(dob.d)}`, forces: fs, appearances: [],
    };
    for (let a = 0; a < nApp; a++) {
      const force = forceIndex.get(fs[a % fs.length]) ?? 0;
      const month = plan.int(months.length);
      const i = freeIndex();
      const caps = plan.chance(0.06);
      const variant: NameVariant = a === 0 ? 'full' : plan.pick(nickname ? ['full', 'surname_forename', 'nickname', 'misspelt', 'initial', 'lower_case'] as const : ['full', 'surname_forename', 'misspelt', 'initial', 'lower_case'] as const);
      const SN = upperSurname(surname, true);
      let sn: string = surname, name: string;
      switch (variant) {
        case 'full': name = `${forename} ${SN}`; break;
        case 'surname_forename': name = `${SN}, ${forename}`; break;
        case 'nickname': name = `${forename} '${nickname}' ${SN}`; break;
        case 'misspelt': sn = misspell(plan, surname); name = `${forename} ${upperSurname(sn, true)}`; break;
        case 'initial': name = `${forename[0]}${plan.chance(0.5) ? '.' : ''} ${SN}`; break;
        case 'lower_case': name = `${forename} ${surname}`.toLowerCase(); break;
      }
      let dv: DobVariant = plan.pick(['exact', 'exact', 'day_month_swap', 'digit_off'] as const);
      let vd = dob;
      if (dv === 'day_month_swap' && (dob.d > 12 || dob.d === dob.m)) dv = 'digit_off';
      if (dv === 'day_month_swap') vd = { y: dob.y, m: dob.d, d: dob.m };
      else if (dv === 'digit_off') {
        const which = plan.int(3);
        if (which === 0) vd = { ...dob, y: dob.y + (plan.chance(0.5) ? 1 : -1) };
        else if (which === 1) vd = { ...dob, d: dob.d === 28 ? 27 : dob.d + 1 };
        else vd = { ...dob, m: dob.m === 12 ? 11 : dob.m + 1 };
      }
      const dobText = writeDob(plan, vd.y, vd.m, vd.d);
      const person: Person = {
        forename: variant === 'lower_case' ? forename.toLowerCase() : forename, middle: null,
        surname: variant === 'lower_case' ? sn.toLowerCase() : sn,
        nickname: variant === 'nickname' ? nickname : null, female, dob: vd, fixedFirst: name, fixedDob: dobText, mentions: 0,
      };
      specials.set(i, { kind: 'offender', force, month, person, caps });
      off.appearances.push({
        record_id: recordId(i, force, month), force_id: forces[force], month: months[month],
        name_as_written: caps ? name.toUpperCase() : name, name_variant: variant,
        dob_as_written: caps ? dobText.toUpperCase() : dobText, dob_variant: dv,
      });
    }
    offenders.push(off);
  }

  // Emerging tactics (modus operandi): see emerging.ts for the plan.
  const emerging: EmergingMo[] = [];
  const tactics: EmergingTactic[] = [];
  const ranked = forces.slice().sort((a, b) => neighboursIn(b).length - neighboursIn(a).length || (a < b ? -1 : 1));
  const plans = planTactics(plan, tacticCount(count, months.length, MOS.length), months.length, count, ranked, neighboursIn);
  plans.forEach((p, k) => {
    const mo = MOS[k];
    const recordIds: string[] = [];
    const counts: EmergingMo['counts'] = [];
    const monthly = new Map<number, { records: number; forces: Set<ForceId> }>();
    for (const cell of p.cells) {
      const fi = forceIndex.get(cell.force) ?? 0;
      let made = 0;
      for (let c = 0; c < cell.records && specials.size < budget; c++, made++) {
        const i = freeIndex();
        specials.set(i, { kind: 'mo', force: fi, month: cell.month, mo });
        recordIds.push(recordId(i, fi, cell.month));
      }
      if (!made) continue;
      counts.push({ force_id: cell.force, month: months[cell.month], records: made });
      const mm = monthly.get(cell.month) ?? { records: 0, forces: new Set<ForceId>() };
      mm.records += made;
      mm.forces.add(cell.force);
      monthly.set(cell.month, mm);
    }
    counts.sort((x, y) => (x.force_id < y.force_id ? -1 : x.force_id > y.force_id ? 1 : x.month < y.month ? -1 : 1));
    // Sporadic earlier records of the same method elsewhere, well before it emerges (noise).
    const background: string[] = [];
    const quietUntil = p.start - 2;
    const nBg = quietUntil > 0 ? Math.max(1, Math.round(recordIds.length * 0.03)) : 0;
    for (let b = 0; b < nBg && specials.size < budget; b++) {
      const fi = plan.int(forces.length), m = plan.int(quietUntil);
      const i = freeIndex();
      specials.set(i, { kind: 'mo', force: fi, month: m, mo });
      background.push(recordId(i, fi, m));
    }
    const spread = p.spread.map((s) => ({ force_id: s.force, first_month: months[s.first] }));
    emerging.push({
      mo_id: mo.id, description: mo.description, category: mo.category, key_phrases: [...mo.keyPhrases],
      origin_force: p.origin, start_month: months[p.start], spread, record_ids: recordIds, counts, background_record_ids: background,
    });
    const byMonth = [...monthly.entries()].sort((x, y) => x[0] - y[0]);
    const reached = byMonth.find(([, v]) => v.records >= TACTIC_REACH);
    tactics.push({
      tactic_id: mo.id, description: mo.description, category: mo.category, first_month: months[p.start],
      five_records_month: reached ? months[reached[0]] : null, origin_force: p.origin,
      forces: [p.origin, ...spread.filter((s) => counts.some((c) => c.force_id === s.force_id)).map((s) => s.force_id)],
      record_ids: recordIds, key_phrases: [...mo.keyPhrases],
      monthly: byMonth.map(([m, v]) => ({ month: months[m], records: v.records, forces: [...v.forces].sort() })),
    });
  });

  // ---------------------------------------------------------------- write records

  const pickPlace = (rng: Rng, force: ForceId): Place => {
    const list = places?.get(force);
    const geo = FORCE_GEO[force];
    if (list && list.length > 0) {
      const p = list[rng.int(list.length)];
      let street = p.street.replace(/^On or near\s+/i, '').trim();
      if (!ROADLIKE.test(street)) street = `${rng.pick(STREET_BASES)} ${rng.pick(STREET_SUFFIXES)}`;
      const town = p.lsoa_name.replace(/\s+\d{3}[A-Z]$/, '').trim() || rng.pick(geo.towns);
      return { street, town, lon: p.lon, lat: p.lat, lsoa_code: p.lsoa_code };
    }
    const [lon, lat] = inventCoords(rng, force);
    return { street: `${rng.pick(STREET_BASES)} ${rng.pick(STREET_SUFFIXES)}`, town: rng.pick(geo.towns), lon, lat, lsoa_code: null };
  };

  const addTypos = (rng: Rng, pieces: Piece[], n: number): void => {
    for (let t = 0; t < n; t++) {
      const idx = rng.int(pieces.length);
      const p = pieces[idx];
      if (p.type !== null || p.text.length < 12) continue;
      const hit = TYPOS.find(([right]) => p.text.includes(right));
      if (hit && rng.chance(0.6)) { pieces[idx] = { text: p.text.replace(hit[0], hit[1]), type: null }; continue; }
      const words = [...p.text.matchAll(/[a-z]{6,}/g)];
      if (words.length === 0) continue;
      const w = rng.pick(words), at = (w.index ?? 0) + rng.range(1, w[0].length - 2);
      const s = p.text;
      const mutated = rng.chance(0.5) ? s.slice(0, at) + s[at + 1] + s[at] + s.slice(at + 2) : s.slice(0, at) + s.slice(at + 1);
      pieces[idx] = { text: mutated, type: null };
    }
  };

  const write = (i: number, force: number, month: number, sp: Special | undefined): Written => {
    const forceId = forces[force];
    const geo = FORCE_GEO[forceId];
    const m = months[month];
    const year = Number(m.slice(0, 4));
    let last: Written | null = null;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const rng = new Rng(deriveSeed(seed, i, 2, attempt));
      let day = rng.range(1, monthDays[month]);
      let hour = rng.fromTable(HOUR_TABLE);
      let minute = rng.int(60);
      let place = pickPlace(rng, forceId);
      if (sp?.kind === 'series') {
        const at = sp.crime.occurred;
        day = Number(at.slice(8, 10)); hour = Number(at.slice(11, 13)); minute = Number(at.slice(14, 16));
        place = sp.crime.place;
      }
      const occurred = `${m}-${pad2(day)}T${pad2(hour)}:${pad2(minute)}:00Z`;
      const scenario = sp?.kind === 'mo' ? sp.mo.scenario
        : sp?.kind === 'series' ? sp.crime.scenario
        : sp?.kind === 'offender' ? rng.pick(sp.person.female ? OFFENDER_SCENARIOS.filter((x) => !x.maleSuspect) : OFFENDER_SCENARIOS)
        : SCENARIOS[rng.fromTable(SCENARIO_TABLE)];
      const c = new Ctx(rng, forceId, geo, place, `${pad2(hour)}${pad2(minute)}`, `${pad2(day)}/${m.slice(5, 7)}`, year);
      if (sp?.kind === 'offender') {
        c.forced = { ...sp.person, mentions: 0 };
        // Later mentions follow the way the planner wrote the name.
        c.nameCase = sp.person.fixedFirst === sp.person.fixedFirst?.toLowerCase() ? 'lower' : 'upper';
      }
      opener(c);
      scenario.write(c);
      detail(c, scenario.kind);
      coda(c);
      const pieces = c.d.pieces;
      const typoRoll = rng.next();
      if (typoRoll < 0.3) addTypos(rng, pieces, typoRoll < 0.08 ? 2 : 1);
      const caps = sp?.kind === 'offender' ? sp.caps : rng.chance(0.04);
      const rendered = renderPieces(pieces, caps);
      last = { rendered, pieces, caps, scenario, occurred, place, location: scenario.location(c) };
      if (!hasUnlabelledMention(rendered)) return last;
    }
    if (last === null) throw new Error('unreachable');
    return last;
  };

  const classify = (i: number, s: Scenario): Classification => {
    const u = deriveSeed(seed, i, 4) / 4294967296;
    return CLASSIFICATIONS[u < (s.kind === 'intelligence' ? 0.55 : s.id === 'da-incident' ? 0.1 : 0.03) ? 1 : 0];
  };

  const toItem = (i: number, force: number, month: number, w: Written, narrative: string, entities: Rendered['entities'], occurred: string): NarrativeItem => {
    const record_id = recordId(i, force, month);
    const record: NarrativeRecord = {
      force_id: forces[force], record_id, kind: w.scenario.kind, occurred_at: occurred, category: w.scenario.category,
      location_text: w.location,
      lon: w.place.lon, lat: w.place.lat, ...(w.place.lsoa_code ? { lsoa_code: w.place.lsoa_code } : {}),
      classification: classify(i, w.scenario), narrative,
    };
    return { record, labels: { record_id, entities } };
  };

  /** Re-enters an original with the given differences; returns null when that would leave a name unlabelled. */
  const perturb = (w: Written, diffs: readonly DuplicateDifference[], rng: Rng): { rendered: Rendered; occurred: string } | null => {
    const pieces: Piece[] = w.pieces.slice();
    let caps = w.caps, occurred = w.occurred;
    for (const d of diffs) {
      switch (d) {
        case 'all_caps': caps = !caps; break;
        case 'typo': {
          const k = pieces.findIndex((p) => p.type === null && TYPO_SITE.test(p.text));
          const m = k >= 0 ? TYPO_SITE.exec(pieces[k].text) : null;
          if (m) { const p = pieces[k]; const at = m.index + 2; pieces[k] = { text: p.text.slice(0, at) + p.text.slice(at + 1), type: null }; }
          break;
        }
        case 'phone_respaced':
          for (let k = 0; k < pieces.length; k++) { const p = pieces[k]; if (p.type === 'PHONE') pieces[k] = { type: 'PHONE', text: respacePhone(p.text) }; }
          break;
        case 'reg_respaced':
          for (let k = 0; k < pieces.length; k++) { const p = pieces[k]; if (p.type === 'VEHICLE_REG') pieces[k] = { type: 'VEHICLE_REG', text: respaceReg(p.text) }; }
          break;
        case 'update_appended':
          pieces.push({ type: null, text: rng.pick(UPDATES) });
          break;
        case 'time_shifted':
          occurred = new Date(Date.parse(occurred) + rng.range(2, 25) * 60000).toISOString().slice(0, 16) + ':00Z';
          break;
      }
    }
    const rendered = renderPieces(pieces, caps);
    return hasUnlabelledMention(rendered) ? null : { rendered, occurred };
  };

  // Duplicated incidents: the original is written now, so the differences listed are the ones made.
  const duplicates: DuplicateIncident[] = [];
  const nDup = count >= 50 ? Math.max(1, Math.round(count * 0.002)) : 0;
  for (let k = 0; k < nDup && specials.size + 2 < budget; k++) {
    const j = freeIndex();
    specials.set(j, { kind: 'original' });
    const s = slot(j);
    const original = write(j, s.force, s.month, undefined);
    let force = s.force;
    const nb = neighboursIn(forces[s.force]);
    if (nb.length > 0 && plan.chance(0.3)) force = forceIndex.get(plan.pick(nb)) ?? s.force;
    const possible = DUPLICATE_DIFFERENCES.filter((d) =>
      (d !== 'phone_respaced' || original.pieces.some((p) => p.type === 'PHONE'))
      && (d !== 'reg_respaced' || original.pieces.some((p) => p.type === 'VEHICLE_REG' && p.text !== respaceReg(p.text)))
      && (d !== 'typo' || original.pieces.some((p) => p.type === null && TYPO_SITE.test(p.text)))
      && (d !== 'time_shifted' || Number(original.occurred.slice(8, 10)) < 28));
    let diffs = plan.sample(possible, plan.range(1, 3));
    if (!diffs.some((d) => d === 'typo' || d === 'update_appended' || d === 'all_caps' || d === 'phone_respaced')) diffs.push('update_appended');
    const i = freeIndex();
    let made = perturb(original, diffs, new Rng(deriveSeed(seed, i, 3)));
    if (made === null) {
      // Capitals or a typo made a name look like an ordinary word: keep the safe differences.
      diffs = diffs.filter((d) => d !== 'all_caps' && d !== 'typo');
      if (!diffs.some((d) => d === 'update_appended' || d === 'phone_respaced')) diffs.push('update_appended');
      made = perturb(original, diffs, new Rng(deriveSeed(seed, i, 3))) ?? { rendered: original.rendered, occurred: original.occurred };
    }
    specials.set(i, { kind: 'duplicate', force, month: s.month, original, rendered: made.rendered, occurred: made.occurred });
    duplicates.push({
      original_record_id: recordId(j, s.force, s.month), original_force_id: forces[s.force],
      duplicate_record_id: recordId(i, force, s.month), duplicate_force_id: forces[force], month: months[s.month], differences: diffs,
    });
  }

  // Crime series, from their own stream so the truth planned above is unchanged by them.
  const seriesRng = new Rng(deriveSeed(seed, 0, 11));
  const series: CrimeSeriesTruth[] = [];
  for (const planned of planSeries({
    rng: seriesRng, count, forces, months, monthDays, pickPlace, neighboursIn,
    pickForce: (r) => forces[r.fromTable(forceTable)],
  })) {
    if (specials.size + planned.crimes.length >= budget) break;
    const ids: string[] = [];
    for (const crime of planned.crimes) {
      let i = seriesRng.int(count);
      while (specials.has(i)) i = seriesRng.int(count);
      const force = forceIndex.get(crime.force) ?? 0;
      specials.set(i, { kind: 'series', force, month: crime.month, crime });
      ids.push(recordId(i, force, crime.month));
    }
    series.push({ ...planned.truth, forces: [...new Set(planned.crimes.map((c) => c.force))], record_ids: ids });
  }

  function* generate(): Generator<NarrativeItem> {
    for (let i = 0; i < count; i++) {
      const sp = specials.get(i);
      if (sp?.kind === 'duplicate') { yield toItem(i, sp.force, sp.month, sp.original, sp.rendered.narrative, sp.rendered.entities, sp.occurred); continue; }
      const s = sp && sp.kind !== 'original' ? { force: sp.force, month: sp.month } : slot(i);
      const w = write(i, s.force, s.month, sp);
      yield toItem(i, s.force, s.month, w, w.rendered.narrative, w.rendered.entities, w.occurred);
    }
  }

  return {
    items: { [Symbol.iterator]: generate },
    truth: { cross_force_offenders: offenders, duplicate_incidents: duplicates, emerging_mo: emerging, emerging_tactics: tactics, series },
  };
}
