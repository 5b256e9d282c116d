/**
 * Synthetic England-and-Wales police data with known truth: the public surface of `synth/`.
 *
 * `synthesize(opts, onProgress)` writes, per force and month, data.police.uk-format street,
 * outcomes and stop-and-search files in `YYYY-MM/` folders, the synthetic geography in the ONS
 * lookup formats under `geography/`, narratives under `narratives/` and `truth.json` (the
 * injected emerging clusters, missing months, recording shifts and the narrative generator's
 * truth). See docs/synth.md.
 */
export { synthesize, resolveSynthOptions, annualVolumes, SYNTH_DEFAULTS } from './generate.ts';
export type { SynthOptions, SynthProgress, SynthSummary, ResolvedSynthOptions } from './generate.ts';
export type { SynthTruth, EmergingCluster, MissingMonths, RecordingShift, QuirkRates, SynthCounts } from './truth.ts';
export { CLUSTER_MIN_BASELINE, CLUSTER_MAX_LSOAS } from './truth.ts';
export { SYNTH_CATEGORIES, type SynthCategory } from './calibration.ts';
export { LSOA_LAD_LOOKUP_FILE, LAD_PFA_LOOKUP_FILE, LSOA_POINTS_FILE } from './geography-files.ts';
export type { TacticTrialTruth } from './tactic-trial.ts';
export type { EmergingTactic } from './narratives/index.ts';
