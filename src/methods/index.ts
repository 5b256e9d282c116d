/**
 * Methods (modus operandi): the method features of a narrative under the standard's vocabulary
 * (`extractMethod`), with the evidence behind each value and the free phrases the vocabulary does
 * not hold. See docs/methods.md.
 */
export { extractMethod, emptyFeatures, type ExtractedMethod, type MethodEvidence, type MethodFeatures } from './extract.ts';
export { encodeFeatures, decodeFeatures, jaccard, FEATURE_COUNT } from './encode.ts';
export { candidatePairs, encodeSet, kmBetween, BLOCKING_FEATURES, type MethodRecord, type LinkageWindow, type EncodedSet, type CandidatePairs } from './pairs.ts';
export { DEFAULT_LINKAGE_MODEL, MODEL_TERMS, TERM_COUNT, UNKNOWN_KM, fitLinkageModel, linearPredictor, pairTerms, probability, type LinkageModel } from './model.ts';
export { averageLinkage, LINKAGES, type ClusterOptions, type Linkage } from './cluster.ts';
export { findSeries, rescorePairs, scorePairs, seriesFromScored, type CrimeSeries, type ScoredPairs, type SeriesOptions } from './series.ts';
export { fillMethods, storedCrimes, METHOD_EXTRACTOR_VERSION, type FillResult, type CrimeWindow } from './stored.ts';
export { scoreMethods, type FeatureScore } from './score.ts';
