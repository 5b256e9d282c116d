/**
 * The shared statistics: distributions, models, intervals, tests and the seeded random generator.
 * The ground floor beside src/standard/: every analysis may import it; it imports nothing of
 * Peel's but src/standard/. Definitions and references are in each file's doc comments.
 */
export { pnorm, pnormBoth, qnorm, lgamma, pbetaBoth, pgammaBoth, ppois, pnbinom, qpois, qnbinom, pt } from './dist.ts';
export { fitQuasiPoisson, type GlmFit } from './glm.ts';
export { mannKendall, type MannKendallResult } from './mann-kendall.ts';
export { senSlope, type SenSlopeResult } from './sen-slope.ts';
export { benjaminiHochberg } from './benjamini-hochberg.ts';
export { holm } from './holm.ts';
export { seededRng, xoshiroState, type Rng } from './random.ts';
export { wilsonInterval, type Interval } from './wilson.ts';
export { funnelLimits, funnelPlace, funnelOverdispersion, FUNNEL_PLACES, type FunnelLimits, type FunnelPlace, type FunnelTarget } from './funnel.ts';
export { quantileDiscrete } from './quantile.ts';
export { jaroSimilarity, jaroWinklerSimilarity, withinOneEdit } from './jaro-winkler.ts';
export { simplexLeastSquares, type SimplexLsResult } from './simplex-ls.ts';
export { nelderMead, type NelderMeadOptions, type NelderMeadResult } from './nelder-mead.ts';
export { wdd, wddHarm, type WddCounts, type WddWeights, type WddResult, type WddPart, type BeforeAfter, type HarmWddType } from './wdd.ts';
export { fitLogistic, rocAuc, type LogisticFit } from './logistic.ts';
