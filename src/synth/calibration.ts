/**
 * The measured facts the generator is calibrated to, each with its source. The generator carries
 * these numbers; it never reads `../shared` at run time.
 */
import type { CrimeCategory, ForceId, OutcomeCategory, SearchOutcome } from '../standard/index.ts';

/** The 14 categories a synthetic street file uses (the current data.police.uk ones). */
export const SYNTH_CATEGORIES = [
  'anti-social-behaviour', 'bicycle-theft', 'burglary', 'criminal-damage-arson', 'drugs', 'other-theft',
  'possession-of-weapons', 'public-order', 'robbery', 'shoplifting', 'theft-from-the-person', 'vehicle-crime',
  'violent-crime', 'other-crime',
] as const satisfies readonly CrimeCategory[];
export type SynthCategory = (typeof SYNTH_CATEGORIES)[number];

/**
 * Police recorded crime per force, year ending December 2024, by ONS offence group:
 * [total, violence against the person, sexual offences, robbery, theft offences, criminal damage
 * and arson, drug offences, possession of weapons, public order, miscellaneous crimes against
 * society]. Source: ONS, `lineChart2024.csv` in `../shared/data/reference/pfa_offence_group_totals_by_year/`
 * (copied once; national sum 5,282,498).
 */
export const FORCE_CRIME_2024: Readonly<Partial<Record<ForceId, readonly [number, number, number, number, number, number, number, number, number, number]>>> = {
  'cleveland': [74419, 27383, 2560, 830, 22363, 9240, 2759, 737, 6474, 2073],
  'durham': [60910, 22987, 2251, 242, 17870, 8985, 1356, 486, 4812, 1921],
  'northumbria': [140710, 50402, 5391, 1249, 45449, 16479, 3738, 1599, 12694, 3709],
  'cheshire': [79508, 35803, 4033, 422, 18367, 6175, 3286, 726, 8605, 2091],
  'cumbria': [36116, 15907, 1724, 168, 7608, 3972, 1914, 526, 3253, 1044],
  'greater-manchester': [329257, 127489, 11958, 4585, 91189, 28054, 15027, 4648, 37336, 8971],
  'lancashire': [132337, 55406, 5432, 1372, 39334, 13951, 3580, 1741, 8120, 3401],
  'merseyside': [137843, 56484, 4369, 1007, 30929, 12697, 11912, 1065, 16099, 3281],
  'humberside': [96647, 40609, 3343, 942, 26986, 9645, 1693, 830, 9996, 2603],
  'north-yorkshire': [46484, 18547, 2001, 196, 14885, 4878, 1439, 460, 3094, 984],
  'south-yorkshire': [151836, 53285, 4994, 1934, 49865, 15401, 5128, 2122, 13905, 5202],
  'west-yorkshire': [278521, 114874, 10187, 3233, 81414, 23451, 9125, 2224, 27128, 6885],
  'derbyshire': [85967, 36164, 3421, 575, 22220, 7799, 2722, 995, 10211, 1860],
  'leicestershire': [96411, 35574, 3780, 893, 30139, 9672, 2864, 846, 10379, 2264],
  'lincolnshire': [55127, 23139, 2667, 410, 15603, 5555, 1358, 514, 4257, 1624],
  'northamptonshire': [59774, 24086, 3005, 784, 17864, 5126, 2810, 928, 3735, 1436],
  'nottinghamshire': [97491, 32890, 3872, 1108, 33865, 10176, 3783, 1603, 7408, 2786],
  'staffordshire': [86929, 36983, 3780, 776, 24534, 7795, 2157, 1106, 8016, 1782],
  'warwickshire': [40212, 14825, 1787, 416, 13821, 3224, 1109, 610, 3325, 1095],
  'west-mercia': [82184, 32888, 3616, 582, 25537, 7575, 2239, 1076, 6786, 1885],
  'west-midlands': [321005, 127056, 11261, 7929, 108063, 26236, 7477, 6294, 20764, 5925],
  'bedfordshire': [51762, 18726, 1995, 595, 18289, 4332, 1630, 556, 4505, 1134],
  'cambridgeshire': [68544, 24876, 2665, 639, 23349, 6625, 1876, 901, 5699, 1914],
  'essex': [149862, 58976, 5578, 1419, 48142, 13160, 5524, 1725, 12063, 3275],
  'hertfordshire': [77608, 28026, 2725, 1125, 30106, 6862, 2066, 653, 4441, 1604],
  'norfolk': [59236, 25070, 3154, 356, 14599, 6509, 1968, 858, 4893, 1829],
  'suffolk': [45571, 18929, 2549, 202, 11953, 4962, 1355, 608, 3821, 1192],
  'city-of-london': [7834, 1363, 187, 168, 4225, 412, 564, 80, 664, 171],
  'metropolitan': [944530, 242674, 25022, 35375, 472795, 58318, 36113, 5167, 58677, 10389],
  'hampshire': [158210, 64385, 6980, 1143, 45648, 13461, 6063, 2232, 15515, 2783],
  'kent': [163168, 69119, 6364, 1080, 46514, 18173, 5364, 1743, 9342, 5469],
  'surrey': [74395, 27802, 2785, 522, 23279, 6820, 2462, 702, 8142, 1881],
  'sussex': [135164, 48537, 5789, 1318, 43692, 13207, 4204, 2588, 12602, 3227],
  'thames-valley': [173523, 63192, 6479, 1659, 61254, 14649, 6255, 1567, 15063, 3405],
  'avon-and-somerset': [163882, 65907, 7233, 2461, 49907, 13414, 2613, 1131, 18389, 2827],
  'devon-and-cornwall': [118665, 52112, 6215, 644, 28375, 13720, 4494, 1669, 8337, 3099],
  'dorset': [51354, 19905, 2213, 361, 17512, 5276, 1223, 460, 3786, 618],
  'gloucestershire': [48456, 20264, 2034, 390, 14022, 3941, 1036, 425, 4865, 1479],
  'wiltshire': [39715, 16220, 1999, 221, 11145, 4330, 1054, 374, 3491, 881],
  'dyfed-powys': [36752, 17544, 1550, 100, 6947, 3900, 1609, 369, 3872, 861],
  'gwent': [58154, 23647, 1823, 328, 14385, 7051, 1587, 423, 7264, 1646],
  'north-wales': [53871, 25586, 2366, 161, 12019, 5991, 1343, 453, 4601, 1351],
  'south-wales': [112554, 42691, 4143, 503, 34500, 10171, 2744, 934, 14439, 2429],
};

/**
 * How ONS "Theft offences" split into the six data.police.uk theft categories. Source: shares of
 * those categories among all theft rows in the Leicestershire and Gwent street files of 2021 in
 * `../shared/data/police_uk/street/` (31,653 rows), rounded.
 */
export const THEFT_SHARES = {
  'other-theft': 0.337,
  'vehicle-crime': 0.237,
  burglary: 0.175,
  shoplifting: 0.166,
  'bicycle-theft': 0.061,
  'theft-from-the-person': 0.024,
} as const satisfies Partial<Record<SynthCategory, number>>;

/**
 * Anti-social behaviour incidents on data.police.uk per year, England and Wales (ASB is not in
 * police recorded crime). About one million a year in 2023–24 (data.police.uk archive totals);
 * shared among forces in proportion to their recorded crime.
 */
export const ASB_ANNUAL_NATIONAL = 1_050_000;

/**
 * Seasonality: a one-harmonic shape, `1 + amplitude · cos(2π (month − peak) / 12)`, then the
 * days-in-month effect (days / 30.44). Amplitudes and peak months were set, rounded, from the
 * month-of-year profile of the Leicestershire and Gwent street files 2021-03..2022-09 in
 * `../shared` (ASB and public order peak in early summer; burglary and vehicle crime in the dark
 * months; bicycle theft in summer-autumn; the rest nearly flat).
 */
export const SEASONALITY: Readonly<Record<SynthCategory, { amplitude: number; peak: number }>> = {
  'anti-social-behaviour': { amplitude: 0.2, peak: 6 },
  'bicycle-theft': { amplitude: 0.2, peak: 8 },
  burglary: { amplitude: 0.05, peak: 12 },
  'criminal-damage-arson': { amplitude: 0.04, peak: 6 },
  drugs: { amplitude: 0.12, peak: 5 },
  'other-theft': { amplitude: 0.03, peak: 11 },
  'possession-of-weapons': { amplitude: 0.05, peak: 4 },
  'public-order': { amplitude: 0.1, peak: 7 },
  robbery: { amplitude: 0.06, peak: 9 },
  shoplifting: { amplitude: 0.05, peak: 8 },
  'theft-from-the-person': { amplitude: 0.12, peak: 7 },
  'vehicle-crime': { amplitude: 0.07, peak: 12 },
  'violent-crime': { amplitude: 0.04, peak: 7 },
  'other-crime': { amplitude: 0.04, peak: 6 },
};

/**
 * National slow trend per category, as yearly growth relative to 2024 (the calibration year);
 * each force-category series adds its own small drift (normal, sd 2 % a year). Direction from the
 * ONS PFA tables 2020–2024 (`lineChart2020..2024.csv`: shoplifting rising steeply, ASB falling,
 * the rest near flat), rounded.
 */
export const NATIONAL_TREND: Readonly<Record<SynthCategory, number>> = {
  'anti-social-behaviour': -0.06,
  'bicycle-theft': -0.02,
  burglary: -0.02,
  'criminal-damage-arson': -0.02,
  drugs: 0.02,
  'other-theft': 0,
  'possession-of-weapons': 0.01,
  'public-order': -0.02,
  robbery: 0.04,
  shoplifting: 0.15,
  'theft-from-the-person': 0.05,
  'vehicle-crime': -0.01,
  'violent-crime': 0,
  'other-crime': 0.01,
};

/**
 * Final outcome mix per category (shares of crimes, the remainder after rounding goes to the
 * first entry). Source: `Last outcome category` of the Leicestershire and Gwent street files of
 * 2021 in `../shared` (the eight commonest outcomes per category), rounded; "Suspect charged" and
 * court results are drawn as a separate charged branch (`CHARGE_RATE`).
 */
export const OUTCOME_MIX: Readonly<Record<Exclude<SynthCategory, 'anti-social-behaviour'>, ReadonlyArray<readonly [OutcomeCategory, number]>>> = {
  'bicycle-theft': [['no-further-action', 0.852], ['unable-to-prosecute', 0.081], ['status-update-unavailable', 0.022], ['local-resolution', 0.007], ['offender-given-caution', 0.002]],
  burglary: [['no-further-action', 0.714], ['unable-to-prosecute', 0.153], ['status-update-unavailable', 0.063], ['local-resolution', 0.004], ['formal-action-not-in-public-interest', 0.002]],
  'criminal-damage-arson': [['no-further-action', 0.576], ['unable-to-prosecute', 0.261], ['local-resolution', 0.052], ['status-update-unavailable', 0.018], ['offender-given-caution', 0.01], ['formal-action-not-in-public-interest', 0.009]],
  drugs: [['local-resolution', 0.311], ['unable-to-prosecute', 0.145], ['status-update-unavailable', 0.097], ['no-further-action', 0.058], ['offender-given-drugs-possession-warning', 0.058], ['formal-action-not-in-public-interest', 0.056], ['offender-given-caution', 0.054]],
  'other-theft': [['no-further-action', 0.676], ['unable-to-prosecute', 0.206], ['status-update-unavailable', 0.073], ['local-resolution', 0.014], ['formal-action-not-in-public-interest', 0.007], ['action-taken-by-another-organisation', 0.003]],
  'possession-of-weapons': [['unable-to-prosecute', 0.314], ['status-update-unavailable', 0.09], ['no-further-action', 0.082], ['local-resolution', 0.078], ['offender-given-caution', 0.059], ['formal-action-not-in-public-interest', 0.031]],
  'public-order': [['unable-to-prosecute', 0.484], ['no-further-action', 0.271], ['status-update-unavailable', 0.085], ['local-resolution', 0.052], ['formal-action-not-in-public-interest', 0.021], ['further-investigation-not-in-public-interest', 0.01]],
  robbery: [['unable-to-prosecute', 0.427], ['no-further-action', 0.36], ['status-update-unavailable', 0.086], ['local-resolution', 0.012], ['offender-given-caution', 0.007]],
  shoplifting: [['no-further-action', 0.598], ['unable-to-prosecute', 0.126], ['status-update-unavailable', 0.039], ['local-resolution', 0.036], ['formal-action-not-in-public-interest', 0.013], ['offender-given-penalty-notice', 0.006], ['offender-given-caution', 0.005]],
  'theft-from-the-person': [['no-further-action', 0.637], ['unable-to-prosecute', 0.258], ['status-update-unavailable', 0.063], ['local-resolution', 0.013], ['further-investigation-not-in-public-interest', 0.004]],
  'vehicle-crime': [['no-further-action', 0.831], ['unable-to-prosecute', 0.095], ['status-update-unavailable', 0.037], ['local-resolution', 0.004], ['formal-action-not-in-public-interest', 0.003], ['action-taken-by-another-organisation', 0.003]],
  'violent-crime': [['unable-to-prosecute', 0.582], ['no-further-action', 0.139], ['status-update-unavailable', 0.126], ['local-resolution', 0.043], ['action-taken-by-another-organisation', 0.018], ['formal-action-not-in-public-interest', 0.013], ['further-action-not-in-public-interest', 0.009]],
  'other-crime': [['unable-to-prosecute', 0.459], ['no-further-action', 0.202], ['status-update-unavailable', 0.136], ['formal-action-not-in-public-interest', 0.032], ['local-resolution', 0.023], ['action-taken-by-another-organisation', 0.021], ['further-action-not-in-public-interest', 0.021]],
};

/**
 * Share of crimes per category that are charged (a "Suspect charged" event, then a court result
 * some months later; "Court result unavailable" where the court result is never linked). Source:
 * the `Court result unavailable` + `Awaiting court outcome` shares of the same 2021 files, rounded.
 */
export const CHARGE_RATE: Readonly<Record<Exclude<SynthCategory, 'anti-social-behaviour'>, number>> = {
  'bicycle-theft': 0.035, burglary: 0.06, 'criminal-damage-arson': 0.06, drugs: 0.17, 'other-theft': 0.015,
  'possession-of-weapons': 0.31, 'public-order': 0.05, robbery: 0.1, shoplifting: 0.17, 'theft-from-the-person': 0.02,
  'vehicle-crime': 0.025, 'violent-crime': 0.05, 'other-crime': 0.085,
};

/** Court results after a charge, with their shares (national court statistics, rounded). */
export const COURT_RESULTS: ReadonlyArray<readonly [OutcomeCategory, number]> = [
  ['court-result-unavailable', 0.45], ['offender-fined', 0.12], ['offender-given-community-sentence', 0.1],
  ['offender-sent-to-prison', 0.09], ['offender-given-suspended-prison-sentence', 0.07], ['offender-given-conditional-discharge', 0.05],
  ['defendant-found-not-guilty', 0.05], ['court-case-unable-to-proceed', 0.04], ['offender-otherwise-dealt-with', 0.02],
  ['offender-ordered-to-pay-compensation', 0.01],
];

/**
 * Months from the crime to its (first) outcome: probabilities for lags 0, 1, 2, ..., by speed
 * class. The standard shape follows the outcomes file of City of London 2023-01 in `../shared`
 * (outcomes dated in the file's month for crimes of the previous 1–12 months); the fast and slow
 * classes are a modelling assumption, not a measurement: volume crimes without a suspect close
 * within weeks, violence, robbery and "other crime" wait on victims and suspects for months.
 */
export const OUTCOME_LAGS = {
  fast: [0.55, 0.3, 0.08, 0.04, 0.02, 0.01],
  standard: [0.38, 0.27, 0.12, 0.07, 0.05, 0.04, 0.03, 0.02, 0.01, 0.01],
  slow: [0.2, 0.22, 0.15, 0.11, 0.08, 0.07, 0.05, 0.04, 0.03, 0.03, 0.02],
} as const;
export const OUTCOME_LAG_CLASS: Readonly<Record<Exclude<SynthCategory, 'anti-social-behaviour'>, keyof typeof OUTCOME_LAGS>> = {
  'bicycle-theft': 'fast', burglary: 'fast', 'criminal-damage-arson': 'standard', drugs: 'standard', 'other-theft': 'fast',
  'possession-of-weapons': 'standard', 'public-order': 'standard', robbery: 'slow', shoplifting: 'fast', 'theft-from-the-person': 'fast',
  'vehicle-crime': 'fast', 'violent-crime': 'slow', 'other-crime': 'slow',
};
export const COURT_LAG = [0, 0.05, 0.1, 0.15, 0.15, 0.12, 0.1, 0.09, 0.08, 0.06, 0.05, 0.05] as const;

/**
 * Quirk rates measured on the 757,701 rows of the 172 street files in `../shared` (its README):
 * `No Location` rows 19,275 (2.5 %); duplicate Crime IDs 869 extra occurrences (0.11 %); crimes
 * outside the force's own area 5.9 % for City of London, ~1 % for Gwent, 0.1–0.5 % elsewhere.
 */
export const QUIRKS = {
  noLocation: { default: 0.02, 'other-crime': 0.09, 'violent-crime': 0.035, 'anti-social-behaviour': 0.004 },
  duplicateId: 0.0011,
  crossBorder: { default: 0.003, 'city-of-london': 0.059, gwent: 0.01 } as Readonly<Partial<Record<ForceId, number>> & { default: number }>,
} as const;

/**
 * Stop and search: about 530,000 searches a year in England and Wales (Home Office, year ending
 * March 2024), a third of them by the Metropolitan Police; other forces in proportion to recorded
 * crime. Outcome shares measured on the City of London and Metropolitan files in `../shared`
 * (32,000 searches): no further action 69 %, arrest 18 %, cannabis warning 7.5 %, penalty notice
 * 1.8 %, community resolution 1.2 %, summons 1 %; coordinates missing for ~30 %.
 */
export const STOP_SEARCH = {
  annualNational: 530_000,
  metropolitanShare: 0.35,
  noCoordinates: 0.3,
  outcomes: [['nfa', 0.69], ['arrest', 0.18], ['drugs-warning', 0.075], ['community-resolution', 0.025], ['penalty-notice', 0.018], ['summons', 0.01], ['caution', 0.002]] as ReadonlyArray<readonly [SearchOutcome, number]>,
} as const;

/**
 * PFA names as the ONS LAD→CSP→PFA lookup (January 2017) spells them (`PFA17NM`), for the
 * synthetic geography files. Source: that lookup in `../shared/data/geography/`.
 */
export const PFA17_NAMES: Readonly<Partial<Record<ForceId, string>>> = {
  'city-of-london': 'London, City of', metropolitan: 'Metropolitan Police', 'devon-and-cornwall': 'Devon & Cornwall',
};
