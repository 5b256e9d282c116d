/**
 * The emerging tactics stored by detection, read back for the "Tactics seen" page and the API:
 * each `emerging_tactic` alert with its evidence unfolded (phrases, method, spread) and all its
 * records. Scoping the records to what a caller may read is the caller's (see scope.ts).
 */
import { crimeCategoryName, getForce, isCrimeCategory } from '../../standard/index.ts';
import type { AlertRecord, Store } from '../../store/index.ts';
import { methodInWords } from './alert.ts';

export interface EmergingTacticView {
  readonly alert_id: string;
  readonly month: string;
  readonly status: string;
  readonly review: string;
  readonly priority: number;
  readonly category: string;
  readonly category_name: string;
  readonly explanation: string;
  readonly key_phrase: string;
  readonly phrases: ReadonlyArray<{ phrase: string; observed: number; expected: number; p: number; q: number }>;
  readonly method: Readonly<Record<string, readonly string[]>>;
  readonly method_in_words: string;
  readonly observed: number;
  readonly expected: number;
  readonly q: number | null;
  readonly first_seen: string;
  readonly first_force: string | null;
  readonly forces: ReadonlyArray<{ force_id: string; force_name: string; records: number }>;
  readonly series: ReadonlyArray<{ month: string; observed: number }>;
  readonly spread: ReadonlyArray<{ month: string; force_id: string; records: number }>;
  readonly h3_cells: readonly string[];
  readonly records: readonly AlertRecord[];
}

/**
 * Emerging tactics, newest month first then by priority. `visible`: only tactics with records in
 * one of these forces (undefined: all). Dismissed ones are left out.
 */
export async function listEmergingTactics(
  store: Store, q: { month?: string; visible?: readonly string[]; limit?: number; offset?: number } = {},
): Promise<{ items: EmergingTacticView[]; total: number; months: string[] }> {
  const page = await store.alerts.list({ kind: 'emerging_tactic', month: q.month, open: true, limit: 10_000 });
  const seen = page.items.filter((a) => !q.visible || a.force_ids.some((f) => q.visible!.includes(f)));
  const months = [...new Set(seen.map((a) => a.month))].sort().reverse();
  seen.sort((a, b) => (a.month < b.month ? 1 : a.month > b.month ? -1 : b.priority - a.priority || (a.alert_id < b.alert_id ? -1 : 1)));
  const offset = q.offset ?? 0, limit = q.limit ?? 100;
  const items: EmergingTacticView[] = [];
  for (const s of seen.slice(offset, offset + limit)) {
    const a = await store.alerts.getOrThrow(s.alert_id);
    const ev = a.evidence;
    const byForce = new Map<string, number>();
    for (const r of a.records) byForce.set(r.force_id, (byForce.get(r.force_id) ?? 0) + 1);
    const method = ev.method_features ?? {};
    items.push({
      alert_id: a.alert_id, month: a.month, status: a.status, review: a.review, priority: a.priority,
      category: a.category, category_name: isCrimeCategory(a.category) ? crimeCategoryName(a.category) : a.category,
      explanation: a.explanation, key_phrase: String(ev.notes.key_phrase ?? ev.phrases?.[0]?.phrase ?? ''),
      phrases: (ev.phrases ?? []).map((p) => ({ ...p })), method: Object.fromEntries(Object.entries(method).map(([k, v]) => [k, [...v]])),
      method_in_words: methodInWords(method), observed: a.observed, expected: a.expected, q: a.q,
      first_seen: a.period_start, first_force: typeof ev.notes.first_force === 'string' ? ev.notes.first_force : null,
      forces: a.force_ids.map((f) => ({ force_id: f, force_name: getForce(f)?.name ?? f, records: byForce.get(f) ?? 0 })).sort((x, y) => y.records - x.records),
      series: ev.series.map((p) => ({ month: p.month, observed: p.observed })),
      spread: (ev.spread ?? []).map((x) => ({ ...x })), h3_cells: [...a.h3_cells], records: a.records.map((r) => ({ ...r })),
    });
  }
  return { items, total: seen.length, months };
}
