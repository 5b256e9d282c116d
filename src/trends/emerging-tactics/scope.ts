/**
 * Need-to-know on an emerging tactic's records: a principal sees the ids of the records in forces
 * where they may read records, and only a count for every other force. A national analyst (no
 * record access) sees counts only; a force analyst sees their own force's ids; a `records` grant
 * for another force adds that force's ids.
 */
import type { AlertRecord } from '../../store/index.ts';

export interface ScopedRecords {
  /** Ids of the records the principal may read (as in the narratives files). */
  readonly record_ids: string[];
  /** The same, with their forces. */
  readonly records: AlertRecord[];
  /** Records per force: every force, whether its ids are shown or not. */
  readonly records_by_force: Record<string, number>;
  /** Records whose ids are withheld (forces the principal may not read records of). */
  readonly records_withheld: number;
}

/** `readable`: the forces whose records the principal may read, or 'all'. */
export function scopeAlertRecords(records: readonly AlertRecord[], readable: 'all' | readonly string[]): ScopedRecords {
  const byForce: Record<string, number> = {};
  for (const r of records) byForce[r.force_id] = (byForce[r.force_id] ?? 0) + 1;
  const shown = readable === 'all' ? [...records] : records.filter((r) => readable.includes(r.force_id));
  return {
    record_ids: shown.map((r) => r.record_id), records: shown.map((r) => ({ ...r })),
    records_by_force: byForce, records_withheld: records.length - shown.length,
  };
}
