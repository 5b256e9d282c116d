/**
 * Emerging tactics: methods that are new or rising steeply across forces, found in the words of the
 * narrative records and raised by `peel detect` as alerts of kind `emerging_tactic` (docs/detect.md#emerging-tactics).
 */
import type { CrimeCategory } from '../../standard/index.ts';
import type { NewAlert, Store } from '../../store/index.ts';
import { findEmergingTactics, type TacticScan } from './find.ts';
import { tacticAlert } from './alert.ts';

export { findEmergingTactics, TACTIC_BASELINE_MONTHS, TACTIC_GAP_MONTHS, type EmergingTacticOptions, type TacticFinding, type TacticRecord, type TacticScan } from './find.ts';
export { testPhrases, PSEUDO_COUNT, type PhraseTest, type PhraseCounts, type PhraseTestOptions } from './exceedance.ts';
export { recordPhrases } from './phrases.ts';
export { tacticAlert, tacticAlertId, explainTactic, sharedMethod, methodInWords } from './alert.ts';
export { scopeAlertRecords, type ScopedRecords } from './scope.ts';

/** The emerging-tactic alerts of `month` for the forces of a detection run, and the scan behind them. */
export async function detectEmergingTactics(
  store: Store, o: { month: string; alpha: number; runForces: readonly string[]; weights: Readonly<Record<CrimeCategory, number>>; minRecords?: number; minRatio?: number },
): Promise<{ alerts: NewAlert[]; scan: TacticScan }> {
  const scan = await findEmergingTactics(store, { month: o.month, alpha: o.alpha, minRecords: o.minRecords, minRatio: o.minRatio });
  const run = new Set(o.runForces);
  const alerts = scan.findings.map((f) => tacticAlert(f, run, o.weights, scan.tests, o.alpha)).filter((a): a is NewAlert => a !== null);
  return { alerts, scan };
}
export { listEmergingTactics, type EmergingTacticView } from './list.ts';
