/**
 * The records assistant: finds personal data and objects of interest in police narratives
 * (`extractEntities`), redacts them with consistent placeholders under a policy
 * (`createRedactor`, `redactFile`), and scores extraction against labelled spans
 * (`scoreExtraction`); loads narratives into the store (`loadNarratives`), lists the records
 * mentioning an entity (`entityRecords`), summarises sets of records (`summariseRecords`), and
 * proposes and applies reviewed redactions (`proposeRedaction`, `applyReviewedRedaction`).
 * See docs/records.md.
 */
export { extractEntities, isCapsText, isPersonalDataType, type ExtractOptions } from './extract.ts';
export { ENTITY_CLASS, ENTITY_CLASSES, type EntityClass, type ExtractedEntity, type ExtractedType } from './entity.ts';
export { LEXICON_TYPES, type LexiconType } from './lexicon.ts';
export {
  REDACTION_POLICIES, REDACTION_POLICY_NAMES, createRedactor, isRedactionPolicy,
  type RedactedText, type RedactionPolicy, type RedactionSpan, type Redactor,
} from './redact.ts';
export { redactFile, type RedactFileOptions, type RedactFileSummary } from './redact-file.ts';
export { scoreExtraction, type TypeScore, type ExtractionScore } from './score.ts';
export {
  buildSearchIndex, createIndexBuilder, loadSearchIndex, makeSnippet, writeIndexFile,
  type IndexBuilder, type SearchDoc, type SearchHit, type SearchIndex, type SearchOptions, type SearchResult,
} from './search/engine.ts';
export { parseQuery, dataAnchor, type ParsedQuery, type SearchFilters } from './search/query.ts';
export { analyse, stem } from './search/text.ts';
export {
  latestByRecordId, parseNarrativeCsv, parseNarrativeLine, parseNarrativeObject,
  type NarrativeColumnMapping, type ParsedNarrative, readCsv,
} from './ingest.ts';
export {
  loadNarratives, loadNarrativeFile, rebuildSearchIndex, searchIndexPath,
  type LoadNarrativesOptions, type LoadNarrativesResult, type NarrativeFileResult,
} from './load.ts';
export {
  summariseRecords, advisorySummary, summariserOn, summariserSettings, ADVISORY_LABEL,
  type RecordsSummary, type SummaryRecord, type SummaryMention, type TopEntity, type SummaryOptions, type SummariserSettings, type AdvisorySummary,
} from './summary.ts';
export { entityRecords, normaliseEntityValue, isEntityType, ENTITY_PAGE_TYPES, type EntityPage } from './entities.ts';
export {
  proposeRedaction, applyReviewedRedaction,
  type ReviewRecord, type ProposedSpan, type ProposedRecord, type ReviewedSpan, type AppliedRecord, type ReviewDecision,
} from './review.ts';
