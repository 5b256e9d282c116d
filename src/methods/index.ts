/**
 * Methods (modus operandi): the method features of a narrative under the standard's vocabulary
 * (`extractMethod`), with the evidence behind each value and the free phrases the vocabulary does
 * not hold. See docs/methods.md.
 */
export { extractMethod, emptyFeatures, type ExtractedMethod, type MethodEvidence, type MethodFeatures } from './extract.ts';
