/**
 * The national productivity standard (issue #17; docs/productivity.md): the same measures for every
 * force, from what the hub holds, compared fairly with its comparison group and the nation, with
 * monthly trends. Reads the store only through `store.productivity`; the definitions are data in
 * src/standard/productivity.ts and the statistics come from src/stats/.
 */
export { productivityReport, buildReport, resolvePeriod, officersFor, type ProductivityQuery, type ProductivityReport, type MeasureRow, type FunnelCurve } from './report.ts';
export { productivityTrends, buildTrends, TREND_MEASURES, TREND_MONTHS, type TrendReport, type TrendSeries } from './trend.ts';
export { readCells, type Cells } from './cells.ts';
export { comparisonGroups, similarForceGroups, parseWorkforceCsv, parseGroupsCsv, GROUP_SIZE, PEEL_GROUP_METHOD, type ComparisonGroups, type ForceGroup, type GroupInputs } from './groups.ts';
export { parseHarmWeights, measureValue, type HarmWeights } from './tally.ts';
export { PRODUCTIVITY_MEASURES, PRODUCTIVITY_MEASURE_IDS, PRODUCTIVITY_STANDARD_VERSION, PRODUCTIVITY_GROUPS, OUTCOME_PRODUCTIVITY_GROUP, HARM_WEIGHTS, type ProductivityMeasureId, type MeasureDefinition } from '../standard/index.ts';

import { parseWorkforceCsv, parseGroupsCsv } from './groups.ts';
import type { Store } from '../store/index.ts';

/** `peel productivity workforce load CSV`: checks the whole file, then saves it in one transaction. */
export async function loadWorkforce(store: Store, path: string): Promise<{ rows: number; forces: number }> {
  const rows = parseWorkforceCsv(path);
  await store.productivity.saveWorkforce(rows);
  return { rows: rows.length, forces: new Set(rows.map((r) => r.force_id)).size };
}

/** `peel productivity groups load CSV`: checks the whole file, then replaces each listed force's group in one transaction. */
export async function loadGroups(store: Store, path: string): Promise<{ forces: number; members: number }> {
  const rows = parseGroupsCsv(path);
  await store.productivity.saveGroups(rows);
  return { forces: new Set(rows.map((r) => r.force_id)).size, members: rows.length };
}
