/**
 * The compact aggregates every measure is computed from: per force × crime month × category, the
 * crimes in each latest-outcome group, the located ones, and the histogram of months to first
 * outcome; per force × month the stop-and-search counts; the months held. One read of the store.
 */
import { PRODUCTIVITY_GROUPS, type ProductivityGroup } from '../standard/index.ts';
import type { Store, ProductivityScope } from '../store/index.ts';

/** Counts of one force × month × category. */
export interface CrimeCell {
  readonly force_id: string;
  readonly month: string;
  readonly category: string;
  crimes: number;
  located: number;
  readonly groups: Record<ProductivityGroup, number>;
  /** Crimes by months to their first outcomes-file row (only crimes that have one). */
  readonly lags: Map<number, number>;
}

export interface SearchCell {
  readonly force_id: string;
  readonly month: string;
  readonly searches: number;
  readonly arrests: number;
  readonly linked_recorded: number;
  readonly linked_true: number;
}

export interface Cells {
  readonly crime: readonly CrimeCell[];
  readonly search: readonly SearchCell[];
  /** `force|month` of every street force-month held. */
  readonly streetMonths: ReadonlySet<string>;
  readonly areas: ReadonlyMap<string, { crimes: number; lsoas: number }>;
}

const emptyGroups = (): Record<ProductivityGroup, number> =>
  Object.fromEntries(PRODUCTIVITY_GROUPS.map((g) => [g, 0])) as Record<ProductivityGroup, number>;

/** Reads the cells of every force for the scope (forces are never filtered here: national and group values need them all). */
export async function readCells(store: Store, scope: Pick<ProductivityScope, 'from' | 'to'>): Promise<Cells> {
  const s = { from: scope.from, to: scope.to };
  const [rows, search, months, areas] = await Promise.all([
    store.productivity.outcomeCells(s), store.productivity.stopSearchCells(s), store.productivity.streetMonths(s), store.productivity.forceAreas(s),
  ]);
  const byKey = new Map<string, CrimeCell>();
  for (const r of rows) {
    const key = `${r.force_id}|${r.month}|${r.category}`;
    let c = byKey.get(key);
    if (!c) {
      c = { force_id: r.force_id, month: r.month, category: r.category, crimes: 0, located: 0, groups: emptyGroups(), lags: new Map() };
      byKey.set(key, c);
    }
    const n = Number(r.crimes);
    c.crimes += n;
    c.located += Number(r.located);
    c.groups[r.group] += n;
    if (r.lag !== null) c.lags.set(Number(r.lag), (c.lags.get(Number(r.lag)) ?? 0) + n);
  }
  return {
    crime: [...byKey.values()],
    search: search.map((r) => ({ ...r, searches: Number(r.searches), arrests: Number(r.arrests), linked_recorded: Number(r.linked_recorded), linked_true: Number(r.linked_true) })),
    streetMonths: new Set(months.map((m) => `${m.force_id}|${m.month}`)),
    areas: new Map(areas.map((a) => [a.force_id, { crimes: Number(a.crimes), lsoas: Number(a.lsoas) }])),
  };
}
