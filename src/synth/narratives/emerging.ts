/**
 * The plan of the emerging tactics the narrative generator plants (methods in `mo.ts`): each starts
 * in one force and spreads to a neighbour a month over the following months, on a fixed national
 * ramp — 2 or 3 records in its first month, 3 or 4 in its second, 5 or more from its third — so the
 * month a tactic first reaches 5 records nationally (`reach`) is known. The first tactic reaches 5 in
 * the last month generated, the others `spacing` months apart before it, each with at least
 * `MIN_START` months of quiet history before it starts (a detector needs a baseline). After the ramp
 * a tactic grows by about a third a month up to `cap` records a month nationally, and its records after
 * the month following `reach` are thinned so no tactic holds more than `maxShare` of all records.
 *
 * Pure: the same random stream gives the same plan. Record indices are chosen by the caller.
 */
import type { ForceId } from '../../standard/index.ts';
import type { Rng } from './rng.ts';

/** Months of history before a tactic starts, at least (fewer when fewer months are generated). */
export const MIN_START = 6;
/** Records a month a tactic must reach to count as "emerging" in the truth (and in bench:mo). */
export const TACTIC_REACH = 5;
/** Neighbouring forces a tactic spreads to, at most. */
const MAX_SPREAD = 4;

export interface TacticCell { readonly force: ForceId; readonly month: number; readonly records: number }

export interface TacticPlan {
  readonly origin: ForceId;
  /** Month index of the first record. */
  readonly start: number;
  /** Month index of the first month with ≥ TACTIC_REACH records nationally (start + 2). */
  readonly reach: number;
  /** The neighbours it spreads to, with the month each first sees it. */
  readonly spread: ReadonlyArray<{ force: ForceId; first: number }>;
  /** Records per force and month, origin and spread. */
  readonly cells: readonly TacticCell[];
}

/** How many tactics a set of `count` records over `months` months carries. */
export function tacticCount(count: number, months: number, available: number): number {
  if (months < 4) return 0;
  const n = count >= 1500 ? 4 : count >= 800 ? 3 : count >= 200 ? 1 : 0;
  return Math.min(n, available);
}

/** National records of a tactic in its k-th month (k = 0 at the start). */
function rampAt(rng: Rng, k: number, cap: number): number {
  if (k === 0) return rng.range(2, 3);
  if (k === 1) return rng.range(3, 4);
  return Math.min(cap, Math.round(TACTIC_REACH * Math.pow(1.3, k - 2)) + rng.range(0, 1));
}

/**
 * Plans `n` tactics. `origins` are candidate origin forces (best first: well connected), `neighbours`
 * gives a force's neighbours among the generated forces.
 */
export function planTactics(
  rng: Rng, n: number, months: number, count: number,
  origins: readonly ForceId[], neighbours: (f: ForceId) => readonly ForceId[], maxShare = 0.04,
): TacticPlan[] {
  const perMonth = count / months;
  const maxRecords = Math.max(3 * TACTIC_REACH, Math.floor(count * maxShare));
  const minStart = Math.min(MIN_START, Math.floor(months / 3));
  const last = months - 1;
  const spacing = n > 1 ? Math.max(2, Math.floor((last - 2 - minStart) / (n - 1))) : 0;
  const cap = Math.max(TACTIC_REACH + 1, Math.min(30, Math.round(perMonth * 0.002)));
  const used = new Set<ForceId>();
  const out: TacticPlan[] = [];
  for (let j = 0; j < n; j++) {
    const reach = last - j * spacing;
    const start = reach - 2;
    if (start < minStart) break;
    const free = origins.filter((f) => !used.has(f));
    const connected = free.filter((f) => neighbours(f).length >= 2);
    const pool = connected.length ? connected.slice(0, 8) : free.slice(0, 1);
    if (!pool.length) break;
    const origin = rng.pick(pool);
    used.add(origin);
    const nbs = rng.sample(neighbours(origin), MAX_SPREAD);
    const spread = nbs.map((force, i) => ({ force, first: start + 1 + i })).filter((s) => s.first <= last);
    const cells = new Map<string, { force: ForceId; month: number; records: number }>();
    const add = (force: ForceId, month: number) => {
      const key = `${force}/${month}`;
      const c = cells.get(key) ?? { force, month, records: 0 };
      c.records++;
      cells.set(key, c);
    };
    for (let m = start; m <= last; m++) {
      const active: ForceId[] = [origin, ...spread.filter((s) => s.first <= m).map((s) => s.force)];
      let total = rampAt(rng, m - start, cap);
      // A force's first month has at least one record, so its first month is the planned one.
      for (const s of spread) if (s.first === m && total > 0) (add(s.force, m), total--);
      if (m === start) (add(origin, m), total--);
      const weights = active.map((f) => (f === origin ? 2 : 1));
      for (; total > 0; total--) add(active[rng.weighted(weights)], m);
    }
    const list = [...cells.values()];
    let total = list.reduce((t, c) => t + c.records, 0);
    const thinnable = list.filter((c) => c.month > reach + 1);
    while (total > maxRecords) {
      const open = thinnable.filter((c) => c.records > 0);
      if (!open.length) break;
      rng.pick(open).records--;
      total--;
    }
    out.push({ origin, start, reach, spread, cells: list.filter((c) => c.records > 0) });
  }
  return out;
}
