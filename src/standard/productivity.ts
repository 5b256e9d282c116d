/**
 * The national productivity standard, version 1 (issue #17; docs/productivity.md): how a force's
 * recorded crime turns into outcomes, measured the same way for every force from what the hub holds.
 * Everything here is data a reader can audit — the outcome groups, the measures' definitions and
 * the default harm weights — and `PRODUCTIVITY_STANDARD_VERSION` changes with any of them.
 */
import type { OutcomeCategory } from './outcomes.ts';
import type { CrimeCategory } from './categories.ts';

export const PRODUCTIVITY_STANDARD_VERSION = 'productivity-v1';

/**
 * The outcome groups of the productivity standard (not the coarser `OUTCOME_GROUPS` of the data
 * standard). `unresolved` also takes a street row with no outcome at all.
 */
export const PRODUCTIVITY_GROUPS = [
  'charged', 'out_of_court_formal', 'out_of_court_informal', 'no_suspect', 'evidential_difficulties',
  'not_in_public_interest', 'other_body', 'unresolved',
] as const;
export type ProductivityGroup = (typeof PRODUCTIVITY_GROUPS)[number];

/**
 * Every outcome code of the data standard in its productivity group (exhaustive: a new outcome
 * code does not compile until it is placed). `offender-given-warning` (an older "Offender given a
 * warning" wording) is not in the list; it is a formal out-of-court disposal like the
 * drugs possession warning, so it sits with them.
 */
export const OUTCOME_PRODUCTIVITY_GROUP: Readonly<Record<OutcomeCategory, ProductivityGroup>> = {
  'awaiting-court-result': 'charged',
  'court-result-unavailable': 'charged',
  'court-case-unable-to-proceed': 'charged',
  'defendant-found-not-guilty': 'charged',
  'defendant-sent-to-crown-court': 'charged',
  'offender-sent-to-prison': 'charged',
  'offender-given-suspended-prison-sentence': 'charged',
  'offender-given-community-sentence': 'charged',
  'offender-fined': 'charged',
  'offender-given-conditional-discharge': 'charged',
  'offender-given-absolute-discharge': 'charged',
  'offender-ordered-to-pay-compensation': 'charged',
  'offender-otherwise-dealt-with': 'charged',
  'offender-deprived-of-property': 'charged',
  'suspect-charged-part-of-another-case': 'charged',
  'suspect-charged': 'charged',
  'offender-given-caution': 'out_of_court_formal',
  'offender-given-penalty-notice': 'out_of_court_formal',
  'offender-given-drugs-possession-warning': 'out_of_court_formal',
  'offender-given-warning': 'out_of_court_formal',
  'local-resolution': 'out_of_court_informal',
  'no-further-action': 'no_suspect',
  'unable-to-prosecute': 'evidential_difficulties',
  'formal-action-not-in-public-interest': 'not_in_public_interest',
  'further-action-not-in-public-interest': 'not_in_public_interest',
  'further-investigation-not-in-public-interest': 'not_in_public_interest',
  'action-taken-by-another-organisation': 'other_body',
  'under-investigation': 'unresolved',
  'status-update-unavailable': 'unresolved',
};

/**
 * When two outcomes for one crime carry the same month, the one earlier in this list is its
 * latest: the more final disposal wins over the interim state.
 */
export const PRODUCTIVITY_GROUP_PRECEDENCE: readonly ProductivityGroup[] = [
  'charged', 'out_of_court_formal', 'out_of_court_informal', 'other_body', 'not_in_public_interest',
  'evidential_difficulties', 'no_suspect', 'unresolved',
];

export const PRODUCTIVITY_MEASURE_IDS = [
  'charge_rate', 'positive_outcome_rate', 'no_suspect_share', 'evidential_difficulty_share', 'not_in_public_interest_share',
  'unresolved_share', 'harm_weighted_charge_rate', 'months_to_outcome_median', 'months_to_outcome_p90', 'stop_search_arrest_rate',
  'stop_search_find_rate', 'publication_completeness', 'located_share', 'charges_per_officer',
] as const;
export type ProductivityMeasureId = (typeof PRODUCTIVITY_MEASURE_IDS)[number];

/**
 * How a measure is compared: `proportion` (Wilson interval, binomial funnel), `rate` (a count per
 * unit of exposure: Poisson funnel), `duration` (a quantile: no interval or funnel).
 */
export type MeasureKind = 'proportion' | 'rate' | 'duration';

export interface MeasureDefinition {
  readonly id: ProductivityMeasureId;
  readonly name: string;
  readonly kind: MeasureKind;
  /** Whether a higher value is the better one (for the briefing's wording only; null when neither). */
  readonly higherIsBetter: boolean | null;
  /** Whether the measure is broken down by crime category (the others are force-wide). */
  readonly byCategory: boolean;
  readonly numerator: string;
  readonly denominator: string;
  readonly timeBasis: string;
  readonly definition: string;
}

const COHORT = "street-level crimes (every category but anti-social behaviour) whose month is in the period";
const CRIME_MONTH = 'the month of the crime (the street file\'s Month); the outcome may come later';

/** The measures of the standard, as one table. Every figure Peel publishes names one of these ids. */
export const PRODUCTIVITY_MEASURES: readonly MeasureDefinition[] = [
  { id: 'charge_rate', name: 'Charge / summons rate', kind: 'proportion', higherIsBetter: true, byCategory: true,
    numerator: 'crimes whose latest outcome is in the group charged', denominator: COHORT, timeBasis: CRIME_MONTH,
    definition: 'Share of recorded crimes whose latest outcome is a charge or summons (or a court result that follows one). Home Office outcome types 1 and 1A.' },
  { id: 'positive_outcome_rate', name: 'Positive outcome rate', kind: 'proportion', higherIsBetter: true, byCategory: true,
    numerator: 'crimes whose latest outcome is charged, out_of_court_formal or out_of_court_informal', denominator: COHORT, timeBasis: CRIME_MONTH,
    definition: 'Share of recorded crimes resolved with a sanction: charge or summons, caution, penalty notice, drugs warning or community (local) resolution.' },
  { id: 'no_suspect_share', name: '"No suspect identified" share', kind: 'proportion', higherIsBetter: false, byCategory: true,
    numerator: 'crimes whose latest outcome is "Investigation complete; no suspect identified"', denominator: COHORT, timeBasis: CRIME_MONTH,
    definition: 'Share of recorded crimes closed with no suspect identified (Home Office outcome type 18).' },
  { id: 'evidential_difficulty_share', name: 'Evidential difficulties share', kind: 'proportion', higherIsBetter: null, byCategory: true,
    numerator: 'crimes whose latest outcome is "Unable to prosecute suspect"', denominator: COHORT, timeBasis: CRIME_MONTH,
    definition: 'Share of recorded crimes where a suspect was identified but evidential difficulties (including the victim not supporting action) prevented further action (outcome types 14–16).' },
  { id: 'not_in_public_interest_share', name: 'Not in the public interest share', kind: 'proportion', higherIsBetter: null, byCategory: true,
    numerator: 'crimes whose latest outcome is one of the three "... not in the public interest" outcomes', denominator: COHORT, timeBasis: CRIME_MONTH,
    definition: 'Share of recorded crimes where formal action, further action or further investigation was judged not in the public interest.' },
  { id: 'unresolved_share', name: 'Unresolved share', kind: 'proportion', higherIsBetter: false, byCategory: true,
    numerator: 'crimes whose latest outcome is "Under investigation", "Status update unavailable", or none', denominator: COHORT, timeBasis: CRIME_MONTH,
    definition: 'Share of recorded crimes with no outcome yet. High for recent months by construction: outcomes take months to arrive.' },
  { id: 'harm_weighted_charge_rate', name: 'Harm-weighted charge rate', kind: 'proportion', higherIsBetter: true, byCategory: false,
    numerator: 'Σ over charged crimes of the harm weight of their category', denominator: `Σ over ${COHORT} of the harm weight of their category`, timeBasis: CRIME_MONTH,
    definition: 'The charge rate with each crime counted by the harm weight of its category (HARM_WEIGHTS, configurable), so charging serious crime counts for more. Its interval and funnel use Kish\'s effective sample size (Σw)²/Σw².' },
  { id: 'months_to_outcome_median', name: 'Months to first outcome (median)', kind: 'duration', higherIsBetter: false, byCategory: true,
    numerator: 'crimes in the cohort with at least one outcomes-file row', denominator: COHORT, timeBasis: CRIME_MONTH,
    definition: 'Median (R quantile type 1) of the months from the crime\'s month to the month of its first outcomes-file row, over crimes that have one. Only when outcomes files are loaded; crimes still awaiting an outcome are not in it, so it understates the wait for recent months.' },
  { id: 'months_to_outcome_p90', name: 'Months to first outcome (90th percentile)', kind: 'duration', higherIsBetter: false, byCategory: true,
    numerator: 'crimes in the cohort with at least one outcomes-file row', denominator: COHORT, timeBasis: CRIME_MONTH,
    definition: 'As months_to_outcome_median, the 90th percentile (R quantile type 1).' },
  { id: 'stop_search_arrest_rate', name: 'Stop and search arrest rate', kind: 'proportion', higherIsBetter: null, byCategory: false,
    numerator: 'searches whose outcome is "Arrest"', denominator: 'stop-and-search records whose month is in the period', timeBasis: 'the month of the search',
    definition: 'Share of stop and searches that ended in arrest.' },
  { id: 'stop_search_find_rate', name: 'Stop and search find rate', kind: 'proportion', higherIsBetter: true, byCategory: false,
    numerator: 'searches with "Outcome linked to object of search" true', denominator: 'searches whose month is in the period and where that field is recorded (true or false)', timeBasis: 'the month of the search',
    definition: 'Share of searches whose outcome was linked to what the officer searched for: how often the grounds were borne out.' },
  { id: 'publication_completeness', name: 'Publication completeness', kind: 'proportion', higherIsBetter: true, byCategory: false,
    numerator: 'months of the period for which the hub holds the force\'s street file', denominator: 'months in the period', timeBasis: 'calendar months of the period',
    definition: 'Share of the period\'s months the force has published street data for. Low completeness makes every other measure less comparable.' },
  { id: 'located_share', name: 'Located share', kind: 'proportion', higherIsBetter: true, byCategory: true,
    numerator: 'crimes in the cohort with coordinates', denominator: COHORT, timeBasis: CRIME_MONTH,
    definition: 'Share of recorded crimes published with a map location (not "No Location").' },
  { id: 'charges_per_officer', name: 'Charges per officer (FTE)', kind: 'rate', higherIsBetter: true, byCategory: false,
    numerator: 'crimes in the cohort whose latest outcome is charged', denominator: 'officer FTE (the workforce figure dated latest on or before the end of the period) × months in the period ÷ 12', timeBasis: CRIME_MONTH,
    definition: 'Charges per full-time-equivalent officer per year. Only when officer numbers are loaded (`peel productivity workforce load`).' },
];

export function measureDefinition(id: ProductivityMeasureId): MeasureDefinition {
  const m = PRODUCTIVITY_MEASURES.find((d) => d.id === id);
  if (!m) throw new Error(`unknown productivity measure "${id}"`);
  return m;
}

/**
 * Default harm weights per crime category for `harm_weighted_charge_rate`: indicative relative
 * severities in "days of custody"-like units, ordered as the ONS Crime Severity Score orders the
 * offences that make up each data.police.uk category (robbery and burglary high, shoplifting and
 * bicycle theft low). They are NOT published ONS or Cambridge Crime Harm Index values — those are
 * per Home Office offence code, which data.police.uk does not publish — and a user with better
 * weights passes their own (`peel productivity --harm-weights FILE.json`). Anti-social behaviour
 * is outside the cohort, so weighs 0.
 */
export const HARM_WEIGHTS: Readonly<Record<CrimeCategory, number>> = {
  'anti-social-behaviour': 0,
  'bicycle-theft': 15,
  'burglary': 350,
  'criminal-damage-arson': 40,
  'drugs': 60,
  'other-theft': 20,
  'possession-of-weapons': 200,
  'public-order': 30,
  'robbery': 500,
  'shoplifting': 10,
  'theft-from-the-person': 70,
  'vehicle-crime': 50,
  'violent-crime': 150,
  'other-crime': 60,
  'public-disorder-weapons': 60,
};
