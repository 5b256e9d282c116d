/**
 * What works: a tactic library, trials registered before their results, evaluated honestly on the
 * hub's data (synthetic control with placebos, difference-in-differences, displacement), and a
 * document to share them. The engines also run on any panel (`peel analyse synth|wdd|did`).
 * See docs/tactics.md.
 */
export { runSynthSpec, runWddFile } from './spec.ts';
export { fitSynth, placeboTest, mspe, predictorKeys, type SynthSetup, type SynthFit, type SynthOptions, type PlaceboResult, type PredictorSpec } from './synth.ts';
export { differenceInDifferences, type DidInput, type DidResult } from './did.ts';
export { parsePanelCsv, panelOf, monthLabel, parseTime, type Panel } from './panel.ts';
export { analyseDidCsv, type DidCsvOptions } from './did-csv.ts';
export {
  ensureLibrary, listTactics, getTactic, registerTrial, amendTrial, getTrial, listTrials, currentRegistration, evaluateTrial, latestEvaluation,
  trialPower, trialData, evaluationCard, PRE_MONTHS, type RegisterInput, type PowerResult,
} from './trials.ts';
export { estimateTrial, trialDataFrom, bufferAreas, metresBetween, type TrialData, type TrialDesign, type TrialEstimate } from './evaluate.ts';
export { exportTactic, importTactics, type ImportReport } from './share.ts';
export { BUILTIN_TACTICS } from './library.ts';
export { canonicalJson, sha256Of } from './canonical.ts';
