/**
 * Emerging-trend detection: the national run that turns the store's monthly cube into ranked,
 * explained alerts (see docs/detect.md), and the typed reads and status changes of those alerts
 * for the CLI, the API and the dashboard.
 */
import type { AlertQuery, AlertStatusChange, AlertSummary, Page, Store, StoredAlert } from '../../store/index.ts';

export { detectEmergingTrends, detectMonth, ownLatestMonths, latestCompleteMonth, type DetectRun } from './pipeline.ts';
export { reviewAlerts, recordingChangeOf, loadRecordingChanges, RECORDING_SHIFT_MONTHS, type RecordingChange } from './review.ts';
export { DEFAULT_HARM_WEIGHTS, DEFAULT_REVIEW_BUDGET, NOUFAILY_MONTHLY, DETECT_METHODS, parseScanLocations, resolveDetectOptions, type DetectOptions, type DetectMethod, type ResolvedDetectOptions } from './options.ts';
export { baselineTest, shortHistoryTest, type BaselineTest, type BaselineMethod } from './baseline.ts';
export { groupDetections, priorityOf, alertId } from './group.ts';
export { explainDetection, placeInWords } from './explain.ts';
export type { Detection } from './detection.ts';

/** Alerts with filters (force, status, kind, category, month), highest priority first, paged. */
export function listAlerts(store: Store, query: AlertQuery = {}): Promise<Page<AlertSummary>> {
  return store.alerts.list(query);
}

/** One alert with its evidence (series with expected and threshold, areas, H3 cells, grouped detections); throws not_found. */
export function getAlert(store: Store, alertId: string): Promise<StoredAlert> {
  return store.alerts.getOrThrow(alertId);
}

/** Acknowledge, dismiss (reason required) or mark actioned; dismissed and actioned are final. */
export function setAlertStatus(store: Store, alertId: string, change: AlertStatusChange): Promise<StoredAlert> {
  return store.alerts.setStatus(alertId, change);
}
