/**
 * Record linkage: the same person across records and forces, by Fellegi–Sunter with parameters
 * estimated by EM (`link`), with every pair's weight explained field by field (`explainPair`).
 * Reads CSV inputs (`readLinkCsv`) and writes the pairs and clusters (`pairsCsv`, `clustersCsv`).
 * See docs/linkage.md.
 */
export {
  COMPARISON_KINDS, LEVELS, LEVEL_WORDS, detectComparison, prepareField, normaliseName, normalisePostcode, normalisePhone,
  normaliseVehicle, parseDateParts, type ComparisonKind, type PreparedField,
} from './comparisons.ts';
export { candidatePairs, defaultRules, ruleKeys, termCodes, countRulePairs, BLOCKING_PARTS, type BlockingRule, type BlockingPart, type CandidatePairs } from './blocking.ts';
export { fitEm, startingM, levelWeights, type PatternTable, type FsParameters, type EmOptions, type EmResult } from './em.ts';
export { clusterPairs, type Clustering, type ClusterOptions } from './cluster.ts';
export {
  link, prepareFields, estimateU, tfAdjustments,
  type LinkInput, type LinkOptions, type LinkResult, type LinkModel, type FieldModel, type LinkStage,
} from './linker.ts';
export { explainPair, type Explanation, type Contribution } from './explain.ts';
export { readLinkCsv, linkInputOf, type LinkTable } from './csv.ts';
export { linkSummary, pairsCsv, clustersCsv, type LinkSummary } from './output.ts';
export { linkPersons, linkedPersons, renderLinkedPersons, splitName, CONNECTION_TYPES, type PersonLinkSummary, type LinkedPerson } from './persons.ts';
