/**
 * Tallies: the additive counts behind every measure, for one force (or a sum of forces) over a
 * window of months, for all categories or one. National and group values are sums of force
 * tallies, so they are Σ numerators ÷ Σ denominators, never a mean of rates.
 */
import {
  HARM_WEIGHTS, PRODUCTIVITY_GROUPS, PeelError, measureDefinition, isCrimeCategory,
  type ProductivityGroup, type ProductivityMeasureId,
} from '../standard/index.ts';
import { quantileDiscrete } from '../stats/index.ts';
import type { Cells } from './cells.ts';

export interface Tally {
  crimes: number;
  located: number;
  readonly groups: Record<ProductivityGroup, number>;
  readonly lags: Map<number, number>;
  harmAll: number;
  harmAllSq: number;
  harmCharged: number;
  searches: number;
  arrests: number;
  linkedRecorded: number;
  linkedTrue: number;
  monthsHeld: number;
  monthsInPeriod: number;
  /** Charged crimes of forces with officer numbers, and their officer-years. */
  chargedWithOfficers: number;
  officerYears: number;
}

export function emptyTally(): Tally {
  return {
    crimes: 0, located: 0, groups: Object.fromEntries(PRODUCTIVITY_GROUPS.map((g) => [g, 0])) as Record<ProductivityGroup, number>,
    lags: new Map(), harmAll: 0, harmAllSq: 0, harmCharged: 0, searches: 0, arrests: 0, linkedRecorded: 0, linkedTrue: 0,
    monthsHeld: 0, monthsInPeriod: 0, chargedWithOfficers: 0, officerYears: 0,
  };
}

export function addTally(into: Tally, t: Tally): Tally {
  into.crimes += t.crimes;
  into.located += t.located;
  for (const g of PRODUCTIVITY_GROUPS) into.groups[g] += t.groups[g];
  for (const [k, v] of t.lags) into.lags.set(k, (into.lags.get(k) ?? 0) + v);
  into.harmAll += t.harmAll;
  into.harmAllSq += t.harmAllSq;
  into.harmCharged += t.harmCharged;
  into.searches += t.searches;
  into.arrests += t.arrests;
  into.linkedRecorded += t.linkedRecorded;
  into.linkedTrue += t.linkedTrue;
  into.monthsHeld += t.monthsHeld;
  into.monthsInPeriod += t.monthsInPeriod;
  into.chargedWithOfficers += t.chargedWithOfficers;
  into.officerYears += t.officerYears;
  return into;
}

export type HarmWeights = Readonly<Record<string, number>>;

export interface TallyWindow {
  readonly months: readonly string[];
  /** Officer FTE per force for the window (absent: no workforce figure). */
  readonly officers: ReadonlyMap<string, number>;
  readonly harm: HarmWeights;
}

/**
 * Tallies by force and by force × category over the window's months. Key `force` is the
 * all-category tally; `force|category` the category's (crime counts only).
 */
export function tallyByForce(cells: Cells, w: TallyWindow): Map<string, Tally> {
  const months = new Set(w.months);
  const out = new Map<string, Tally>();
  const get = (k: string) => {
    let t = out.get(k);
    if (!t) out.set(k, (t = emptyTally()));
    return t;
  };
  const forces = new Set<string>();
  for (const c of cells.crime) {
    if (!months.has(c.month)) continue;
    forces.add(c.force_id);
    const wt = w.harm[c.category] ?? 0;
    for (const t of [get(c.force_id), get(`${c.force_id}|${c.category}`)]) {
      t.crimes += c.crimes;
      t.located += c.located;
      for (const g of PRODUCTIVITY_GROUPS) t.groups[g] += c.groups[g];
      for (const [k, v] of c.lags) t.lags.set(k, (t.lags.get(k) ?? 0) + v);
      t.harmAll += wt * c.crimes;
      t.harmAllSq += wt * wt * c.crimes;
      t.harmCharged += wt * c.groups.charged;
    }
  }
  for (const s of cells.search) {
    if (!months.has(s.month)) continue;
    forces.add(s.force_id);
    const t = get(s.force_id);
    t.searches += s.searches;
    t.arrests += s.arrests;
    t.linkedRecorded += s.linked_recorded;
    t.linkedTrue += s.linked_true;
  }
  for (const f of forces) {
    const t = get(f);
    t.monthsInPeriod = w.months.length;
    t.monthsHeld = w.months.filter((m) => cells.streetMonths.has(`${f}|${m}`)).length;
    const fte = w.officers.get(f);
    if (fte !== undefined) {
      t.officerYears = (fte * w.months.length) / 12;
      t.chargedWithOfficers = t.groups.charged;
    }
  }
  return out;
}

export interface MeasureValue {
  readonly numerator: number;
  readonly denominator: number;
  readonly value: number | null;
  /** The sample size an interval and funnel use (Kish's effective n for weighted measures). */
  readonly precision: number;
}

/** A measure's numerator, denominator and value from a tally (value null when the denominator is 0). */
export function measureValue(id: ProductivityMeasureId, t: Tally): MeasureValue {
  const ratio = (num: number, den: number, precision = den): MeasureValue => ({ numerator: num, denominator: den, value: den > 0 ? num / den : null, precision });
  const g = t.groups;
  switch (id) {
    case 'charge_rate': return ratio(g.charged, t.crimes);
    case 'positive_outcome_rate': return ratio(g.charged + g.out_of_court_formal + g.out_of_court_informal, t.crimes);
    case 'no_suspect_share': return ratio(g.no_suspect, t.crimes);
    case 'evidential_difficulty_share': return ratio(g.evidential_difficulties, t.crimes);
    case 'not_in_public_interest_share': return ratio(g.not_in_public_interest, t.crimes);
    case 'unresolved_share': return ratio(g.unresolved, t.crimes);
    case 'harm_weighted_charge_rate': return ratio(t.harmCharged, t.harmAll, t.harmAllSq > 0 ? (t.harmAll * t.harmAll) / t.harmAllSq : 0);
    case 'months_to_outcome_median':
    case 'months_to_outcome_p90': {
      let withOutcome = 0;
      for (const v of t.lags.values()) withOutcome += v;
      const q = quantileDiscrete(t.lags, id === 'months_to_outcome_median' ? 0.5 : 0.9);
      return { numerator: withOutcome, denominator: t.crimes, value: q, precision: withOutcome };
    }
    case 'stop_search_arrest_rate': return ratio(t.arrests, t.searches);
    case 'stop_search_find_rate': return ratio(t.linkedTrue, t.linkedRecorded);
    case 'publication_completeness': return ratio(t.monthsHeld, t.monthsInPeriod);
    case 'located_share': return ratio(t.located, t.crimes);
    case 'charges_per_officer': {
      const v = ratio(t.chargedWithOfficers, t.officerYears);
      return v;
    }
    default: {
      const never: never = id;
      throw new Error(`unknown measure ${String(never)}`);
    }
  }
}

/** Whether the measure can be given for one crime category. */
export function hasCategories(id: ProductivityMeasureId): boolean {
  return measureDefinition(id).byCategory;
}

/** Harm weights from a user's table, checked: every key a category, every weight finite and ≥ 0. */
export function parseHarmWeights(raw: unknown, source: string): HarmWeights {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new PeelError('bad_input', `${source}: harm weights must be a JSON object of category → weight`);
  const out: Record<string, number> = { ...HARM_WEIGHTS };
  for (const [k, v] of Object.entries(raw)) {
    if (!isCrimeCategory(k)) throw new PeelError('bad_input', `${source}: "${k}" is not a crime category of the standard`);
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new PeelError('bad_input', `${source}: weight of ${k} = ${JSON.stringify(v)} is not a number ≥ 0`);
    out[k] = v;
  }
  return out;
}
