/**
 * Options of a detection run, their documented defaults, and the harm weights that rank alerts.
 */
import { PeelError, type CrimeCategory } from '../../standard/index.ts';
import { farringtonControl, type FarringtonControl } from '../farrington.ts';

/**
 * Default harm weight of each crime category, on a 1–10 scale: an ordinal reading of the ONS Crime
 * Severity Score (the mean sentencing-days weight of the offences in each category, 2019 edition),
 * compressed so that a large rise in a low-harm category can still outrank a small rise in a
 * high-harm one. Violence and sexual offences 10, robbery 9, possession of weapons 8, burglary 7,
 * public disorder and weapons (historical) 6, drugs 5, criminal damage and arson, vehicle crime and
 * theft from the person 4, public order and other crime 3, shoplifting, other theft and bicycle
 * theft 2, anti-social behaviour (not a crime) 1. Override per category with `harmWeights`.
 */
export const DEFAULT_HARM_WEIGHTS: Readonly<Record<CrimeCategory, number>> = {
  'violent-crime': 10,
  'robbery': 9,
  'possession-of-weapons': 8,
  'burglary': 7,
  'public-disorder-weapons': 6,
  'drugs': 5,
  'criminal-damage-arson': 4,
  'vehicle-crime': 4,
  'theft-from-the-person': 4,
  'public-order': 3,
  'other-crime': 3,
  'shoplifting': 2,
  'other-theft': 2,
  'bicycle-theft': 2,
  'anti-social-behaviour': 1,
};

/**
 * Farrington flexible with Noufaily et al. (2013)'s settings, adapted from weeks to months: the
 * negative-binomial threshold taken at the upper 1 − α quantile of the fitted mean (`muan`, which
 * carries the uncertainty of a baseline fitted on one or two years of history; the plain plug-in
 * `nbPlugin` raised three times as many small-area alerts on the real Leicestershire and Gwent
 * series), no power transformation, Anscombe-residual
 * reweighting at 2.58, the trend always kept when fitted (`pThresholdTrend = 1`, fitted only with
 * b ≥ 3 years, as in surveillance), every month of the past years used through seasonal blocks
 * (`noPeriods = 4` with windows of ±2 months), and the last 3 months left out of the fit so that a
 * trend that started recently does not hide itself. `b` is the number of whole past years
 * available, at most 5, chosen per month by the pipeline.
 */
export const NOUFAILY_MONTHLY: Omit<FarringtonControl, 'b'> = {
  w: 2,
  reweight: true,
  weightsThreshold: 2.58,
  alpha: 0.05,
  trend: true,
  pThresholdTrend: 1,
  limit54: [5, 4],
  powertrans: 'none',
  populationOffset: false,
  noPeriods: 4,
  pastWeeksNotIncluded: 3,
  thresholdMethod: 'muan',
};

/** Alerts an analyst is asked to review per force-month by default (a handful; `PEEL_REVIEW_BUDGET`). */
export const DEFAULT_REVIEW_BUDGET = 5;

export interface DetectOptions {
  /** The month to test, `YYYY-MM`, over the forces that hold it; default each force on its own latest month (`detectEmergingTrends`). */
  readonly month?: string;
  /** Forces to run; default every force with street data. */
  readonly forces?: readonly string[];
  /** Farrington control values (minus `b`, chosen from the history available). Default `NOUFAILY_MONTHLY`. */
  readonly farrington?: Partial<Omit<FarringtonControl, 'b'>>;
  /** Most past years Farrington may use. Default 5. */
  readonly maxYears?: number;
  /** False discovery rate q of every family of tests. Default 0.05. */
  readonly fdr?: number;
  /** Harm weights per category (missing ones keep their default). */
  readonly harmWeights?: Partial<Record<CrimeCategory, number>>;
  /** Months of past data the hot spot, emerging hot spot and scan methods look at. Default 12. */
  readonly spatialWindow?: number;
  /** Small-area screening: test a series when its count this month is ≥ this... Default 3. */
  readonly screenMinCount?: number;
  /** ...and ≥ its past mean + this many √mean. Default 1.5. */
  readonly screenSd?: number;
  /** Fewest crimes a small-area, hot spot or cluster alert may rest on (fewer is not actionable). Default 5. */
  readonly minAlertCount?: number;
  /** Smallest observed/expected a hot spot, emerging hot spot or scan cluster must show. Default 1.5. */
  readonly minRelativeRisk?: number;
  /** Which methods run. Default all. */
  readonly methods?: readonly DetectMethod[];
  /** Monte Carlo replications of the space–time scan (p ≥ 1/(R+1); stopped early once no raisable cluster can reach p ≤ fdr). Default 199: with 49, the smallest p (0.02) times 3 clusters in a BH family exceeds 0.05, so a lone cluster could never be raised. */
  readonly scanReplications?: number;
  /**
   * The scan's locations: 'lsoa' (LSOAs, circles of up to 20), or H3 cells (circles of up to 10)
   * at resolution 7 (about 5 km² a cell), 8 (about 0.7 km²), or 'auto' (8 for a force × category
   * with ≥ 10 crimes a month per r7 cell, 7 otherwise). Default 'lsoa': on 86 one-force synthetic
   * sets the scan alone found 60/66 RR ≥ 2 clusters in their first month against 55/66 with 'auto',
   * for about 20 s more CPU a national run (bench/results/detect-seeds-lsoa.md, -h3auto.md).
   */
  readonly scanResolution?: 'lsoa' | 7 | 8 | 'auto';
  /** Worker threads that run scans besides this thread (runs with few scans use none). Default 1; results do not depend on it. */
  readonly scanWorkers?: number;
  /** Seed of every random choice (scan replications). Default 1. */
  readonly seed?: number;
  /** Alerts of a force-month in its inbox, the highest priorities (the rest are ranked beyond the budget). Default 5 (`reviewBudget` in the config). */
  readonly reviewBudget?: number;
}

/** The scan's locations from their command-line spelling (`lsoa`, `7`, `8`, `auto`); undefined for anything else. */
export function parseScanLocations(text: string): 'lsoa' | 7 | 8 | 'auto' | undefined {
  return ({ lsoa: 'lsoa', '7': 7, '8': 8, auto: 'auto' } as const)[text as 'lsoa'];
}

export const DETECT_METHODS = ['force', 'lsoa', 'h3_r7', 'hot_spot', 'emerging_hot_spot', 'scan', 'tactics'] as const;
export type DetectMethod = (typeof DETECT_METHODS)[number];

export interface ResolvedDetectOptions {
  readonly farrington: Omit<FarringtonControl, 'b'>;
  readonly maxYears: number;
  readonly fdr: number;
  readonly harmWeights: Readonly<Record<CrimeCategory, number>>;
  readonly spatialWindow: number;
  readonly screenMinCount: number;
  readonly screenSd: number;
  readonly minAlertCount: number;
  readonly minRelativeRisk: number;
  readonly methods: ReadonlySet<DetectMethod>;
  readonly scanReplications: number;
  readonly scanResolution: 'lsoa' | 7 | 8 | 'auto';
  readonly scanWorkers: number;
  readonly seed: number;
  readonly reviewBudget: number;
}

/** Fills defaults and checks every value, naming the bad one. */
export function resolveDetectOptions(o: DetectOptions): ResolvedDetectOptions {
  const bad = (name: string, v: unknown, why: string): never => {
    throw new PeelError('bad_input', `detect option ${name}=${JSON.stringify(v)}: ${why}`);
  };
  const fc = farringtonControl({ ...NOUFAILY_MONTHLY, ...o.farrington, b: 1 });
  const { b: _b, ...farrington } = fc;
  const fdr = o.fdr ?? 0.05;
  if (!(fdr > 0 && fdr < 1)) bad('fdr', fdr, 'must be in (0, 1)');
  const maxYears = o.maxYears ?? 5;
  if (!Number.isInteger(maxYears) || maxYears < 1) bad('maxYears', maxYears, 'must be a whole number ≥ 1');
  const harmWeights = { ...DEFAULT_HARM_WEIGHTS };
  for (const [k, v] of Object.entries(o.harmWeights ?? {})) {
    if (!(k in DEFAULT_HARM_WEIGHTS)) bad(`harmWeights.${k}`, v, 'is not a crime category');
    if (typeof v !== 'number' || !(v >= 0)) bad(`harmWeights.${k}`, v, 'must be a number ≥ 0');
    harmWeights[k as CrimeCategory] = v as number;
  }
  const spatialWindow = o.spatialWindow ?? 12;
  if (!Number.isInteger(spatialWindow) || spatialWindow < 2) bad('spatialWindow', spatialWindow, 'must be a whole number ≥ 2');
  const methods = new Set(o.methods ?? DETECT_METHODS);
  for (const m of methods) if (!(DETECT_METHODS as readonly string[]).includes(m)) bad('methods', m, `must be among ${DETECT_METHODS.join(', ')}`);
  return {
    farrington,
    maxYears,
    fdr,
    harmWeights,
    spatialWindow,
    screenMinCount: o.screenMinCount ?? 3,
    screenSd: o.screenSd ?? 1.5,
    minAlertCount: o.minAlertCount ?? 5,
    minRelativeRisk: o.minRelativeRisk ?? 1.5,
    methods,
    scanReplications: o.scanReplications ?? 199,
    scanResolution: o.scanResolution === undefined || o.scanResolution === 'lsoa' || o.scanResolution === 7 || o.scanResolution === 8 || o.scanResolution === 'auto' ? o.scanResolution ?? 'lsoa' : bad('scanResolution', o.scanResolution, "must be 'lsoa', 7, 8 or 'auto'"),
    scanWorkers: o.scanWorkers === undefined ? 1 : Number.isInteger(o.scanWorkers) && o.scanWorkers >= 0 ? o.scanWorkers : bad('scanWorkers', o.scanWorkers, 'must be a whole number ≥ 0'),
    seed: o.seed ?? 1,
    reviewBudget: o.reviewBudget === undefined ? DEFAULT_REVIEW_BUDGET : Number.isInteger(o.reviewBudget) && o.reviewBudget >= 0 ? o.reviewBudget : bad('reviewBudget', o.reviewBudget, 'must be a whole number ≥ 0'),
  };
}
