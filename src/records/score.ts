/**
 * Scores found spans against labelled spans, per type. A found span is a true positive when it
 * overlaps a labelled span of the same type (the definition: boundaries may differ).
 * precision = found spans overlapping a same-type label / found spans;
 * recall = labelled spans overlapped by a same-type found span / labelled spans;
 * F1 = their harmonic mean. A type with nothing found has precision 1 by convention.
 */
import type { EntitySpan } from '../standard/index.ts';

export interface TypeScore {
  readonly labelled: number;
  readonly found: number;
  /** Labelled spans that were found. */
  readonly hit: number;
  /** Found spans that match a label. */
  readonly correct: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

export interface ExtractionScore {
  readonly perType: Readonly<Record<string, TypeScore>>;
  /** Every miss and false find, for reading. */
  readonly misses: readonly { readonly record_id: string; readonly kind: 'missed' | 'false'; readonly type: string; readonly text: string }[];
}

type Span = Pick<EntitySpan, 'start' | 'end' | 'text'> & { readonly type: string };

export function scoreExtraction(
  pairs: Iterable<{ readonly record_id: string; readonly labelled: readonly Span[]; readonly found: readonly Span[] }>,
): ExtractionScore {
  const acc = new Map<string, { labelled: number; found: number; hit: number; correct: number }>();
  const get = (t: string) => {
    let a = acc.get(t);
    if (!a) acc.set(t, (a = { labelled: 0, found: 0, hit: 0, correct: 0 }));
    return a;
  };
  const misses: { record_id: string; kind: 'missed' | 'false'; type: string; text: string }[] = [];
  const overlaps = (a: Span, b: Span) => a.type === b.type && a.start < b.end && b.start < a.end;
  for (const { record_id, labelled, found } of pairs) {
    for (const g of labelled) {
      const a = get(g.type);
      a.labelled++;
      if (found.some((f) => overlaps(f, g))) a.hit++;
      else misses.push({ record_id, kind: 'missed', type: g.type, text: g.text });
    }
    for (const f of found) {
      const a = get(f.type);
      a.found++;
      if (labelled.some((g) => overlaps(f, g))) a.correct++;
      else misses.push({ record_id, kind: 'false', type: f.type, text: f.text });
    }
  }
  const perType: Record<string, TypeScore> = {};
  for (const [t, a] of [...acc].sort()) {
    const precision = a.found ? a.correct / a.found : 1;
    const recall = a.labelled ? a.hit / a.labelled : 1;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    perType[t] = { ...a, precision, recall, f1 };
  }
  return { perType, misses };
}
