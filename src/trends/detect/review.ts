/**
 * The review of a force-month (docs/detect.md#review): which alerts an analyst reads first.
 *
 * - Alerts raised in a force-month whose data show a recording change are marked `recording_change`
 *   and never count as emergencies: a quality finding `accuracy.recording_shift` of the alert's
 *   category in the twelve months up to the month (the category's share jumped and stayed, so its
 *   baseline no longer describes the data), or `accuracy.volume_shift` in the month itself, of all
 *   the force's rows or of the alert's category (a replacement file of many times the rows).
 * - The other alerts of each force-month are ranked by priority; the first `budget` of them are the
 *   `inbox`, the rest `beyond_budget` (still stored and listed on asking: `peel alerts --all`,
 *   `review=beyond_budget` on the API). Marked alerts come after both.
 *
 * An alert belongs to the force-month of its lead force (`force_ids[0]`) and the run's month.
 */
import { addMonths } from '../../standard/index.ts';
import type { NewAlert, Store } from '../../store/index.ts';

/** One quality finding that marks a force's months as a recording change. */
export interface RecordingChange {
  readonly force_id: string;
  readonly check: 'accuracy.recording_shift' | 'accuracy.volume_shift';
  /** The month of the jump. */
  readonly month: string;
  /** The crime category concerned; null for all of the force's rows. */
  readonly category: string | null;
  /** The finding's message, in words. */
  readonly message: string;
}

/** How far back a recording-practice shift of a category still marks its alerts (its baseline holds the old practice). */
export const RECORDING_SHIFT_MONTHS = 12;

/** The recording changes that bear on `month` for these forces, read from the stored quality findings. */
export async function loadRecordingChanges(store: Store, forces: readonly string[], month: string): Promise<RecordingChange[]> {
  const out: RecordingChange[] = [];
  const from = addMonths(month, -(RECORDING_SHIFT_MONTHS - 1));
  for (const check of ['accuracy.recording_shift', 'accuracy.volume_shift'] as const) {
    for (const force of forces) {
      const page = await store.quality.findings({ force, check, limit: 10_000 });
      for (const f of page.items) {
        if (!f.month) continue;
        if (check === 'accuracy.volume_shift' ? f.month !== month : f.month < from || f.month > month) continue;
        out.push({ force_id: force, check, month: f.month, category: f.subject || null, message: f.message });
      }
    }
  }
  return out;
}

/** The recording change that marks this alert, in words; null when none does. */
export function recordingChangeOf(a: Pick<NewAlert, 'force_ids' | 'category'>, changes: readonly RecordingChange[]): string | null {
  const force = a.force_ids[0];
  const hit = changes.find((c) => c.force_id === force && (c.category === null || c.category === a.category));
  if (!hit) return null;
  const what = hit.check === 'accuracy.volume_shift' ? 'a volume shift' : 'a recording-practice shift';
  return `Data quality shows ${what} in this force's data (${hit.month}): ${hit.message}`;
}

/**
 * Marks recording changes and splits each force-month's alerts into the inbox (the `budget`
 * highest priorities), beyond the budget, and recording changes; ranks them 1… in that order.
 * Returns the alerts in that order, force by force.
 */
export function reviewAlerts(alerts: readonly NewAlert[], budget: number, changes: readonly RecordingChange[]): NewAlert[] {
  const byForce = new Map<string, NewAlert[]>();
  for (const a of alerts) {
    const f = a.force_ids[0];
    (byForce.get(f) ?? byForce.set(f, []).get(f)!).push(a);
  }
  const out: NewAlert[] = [];
  for (const force of [...byForce.keys()].sort()) {
    const marked: NewAlert[] = [];
    const ranked: NewAlert[] = [];
    for (const a of byForce.get(force)!) {
      const change = recordingChangeOf(a, changes);
      if (change) marked.push({ ...a, recording_change: change, explanation: `${a.explanation} Read with care: ${change}` });
      else ranked.push({ ...a, recording_change: null });
    }
    const order = (x: NewAlert, y: NewAlert) => y.priority - x.priority || x.alert_id.localeCompare(y.alert_id);
    ranked.sort(order);
    marked.sort(order);
    let rank = 0;
    for (const [i, a] of ranked.entries()) out.push({ ...a, review: i < budget ? 'inbox' : 'beyond_budget', review_rank: ++rank });
    for (const a of marked) out.push({ ...a, review: 'recording_change', review_rank: ++rank });
  }
  return out;
}
