/** `peel analyse did`: difference-in-differences on a user's panel CSV (unit, time, count). */
import { PeelError } from '../standard/index.ts';
import { differenceInDifferences, type DidResult } from './did.ts';
import { parsePanelCsv, parseTime } from './panel.ts';

export interface DidCsvOptions {
  readonly unitColumn: string;
  readonly timeColumn: string;
  readonly outcome: string;
  readonly treated: readonly string[];
  /** Comparison units (default: every other unit). */
  readonly comparison?: readonly string[];
  /** The first post-period time, as the file writes it (a number or YYYY-MM). */
  readonly postFrom: string;
}

/** Sums the treated and comparison units per time and runs the DiD model (src/tactics/did.ts). */
export function analyseDidCsv(text: string, file: string, o: DidCsvOptions): DidResult & { treated_units: number; comparison_units: number; periods: number } {
  const panel = parsePanelCsv(text, file, o.unitColumn, o.timeColumn);
  for (const u of [...o.treated, ...(o.comparison ?? [])]) {
    if (!panel.units.includes(u)) throw new PeelError('bad_input', `${file}: unit "${u}" is not in column ${o.unitColumn}`);
  }
  const comparison = o.comparison ?? panel.units.filter((u) => !o.treated.includes(u));
  if (!comparison.length) throw new PeelError('bad_input', `${file}: no comparison units (every unit is treated)`);
  const postFrom = parseTime(o.postFrom);
  if (!Number.isFinite(postFrom)) throw new PeelError('bad_input', `--post-from "${o.postFrom}" is not a time of ${file}`);
  const sum = (units: readonly string[], t: number) =>
    units.reduce((s, u) => {
      const v = panel.value(u, t, o.outcome);
      if (v === null) throw new PeelError('bad_input', `${file}: ${o.outcome} missing for ${u} at ${panel.label(t)}`);
      return s + v;
    }, 0);
  try {
    const r = differenceInDifferences({
      times: panel.times, postFrom,
      treated: panel.times.map((t) => sum(o.treated, t)),
      comparison: panel.times.map((t) => sum(comparison, t)),
    });
    return { ...r, treated_units: o.treated.length, comparison_units: comparison.length, periods: panel.times.length };
  } catch (e) {
    if (e instanceof PeelError) throw e;
    throw new PeelError('bad_input', `${file}: ${(e as Error).message}`);
  }
}
