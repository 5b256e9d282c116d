/**
 * Replacement rules of a load: which held force-months a group's files replace, and the shrink
 * guard — a file that would replace a held force-month with far fewer rows (under `ratio` of
 * them) is refused until the user confirms, since a truncated or mis-named file must not wipe out
 * a month by surprise.
 */
import type { DatasetKind } from '../../standard/index.ts';

/** A force-month a group's file would replace, with the rows held and the rows the file brings. */
export interface HeldForceMonth {
  readonly force_id: string;
  readonly month: string;
  /** The new batch (file) that would replace it. */
  readonly batch_id: string;
  readonly rows_before: number;
  readonly rows_after: number;
}

export interface ReplacementVerdict {
  /** Rows held before, over all the force-months the file replaces. */
  readonly rowsBefore: number;
  /** Force-months the shrink guard refuses (empty: the replacement goes ahead). */
  readonly refused: readonly HeldForceMonth[];
  /** One line for the report, e.g. `replaces 4,581 rows of 2020-01 with 1`. */
  readonly detail: string;
}

const fmt = (n: number) => n.toLocaleString('en-GB');

/**
 * Per replacing file (batch id): what it replaces and whether the shrink guard refuses it. With
 * `ratio` 0 nothing is refused.
 */
export function judgeReplacements(kind: DatasetKind, held: readonly HeldForceMonth[], ratio: number): Map<string, ReplacementVerdict> {
  const byBatch = new Map<string, HeldForceMonth[]>();
  for (const h of held) (byBatch.get(h.batch_id) ?? byBatch.set(h.batch_id, []).get(h.batch_id)!).push(h);
  const out = new Map<string, ReplacementVerdict>();
  for (const [batch, hs] of byBatch) {
    const refused = ratio > 0 ? hs.filter((h) => h.rows_after < ratio * h.rows_before) : [];
    const rowsBefore = hs.reduce((a, h) => a + Number(h.rows_before), 0);
    const detail = refused.length
      ? `would replace ${refused.map((h) => `${kind} ${h.force_id} ${h.month} (${fmt(Number(h.rows_before))} rows held) with ${fmt(Number(h.rows_after))} rows`).join('; ')}` +
        ` — under ${Math.round(ratio * 100)}% of what is held; nothing written until confirmed`
      : `replaced ${hs.map((h) => `${h.force_id} ${h.month}: ${fmt(Number(h.rows_before))} rows before, ${fmt(Number(h.rows_after))} after`).join('; ')}`;
    out.set(batch, { rowsBefore, refused, detail });
  }
  return out;
}
