/**
 * Which month a detection run tests: the latest complete month across forces, or each force's own
 * latest month.
 */

/**
 * The latest complete month: the latest month that at least half of the forces with street data
 * (⌈n/2⌉ of n) have published, that is whose own latest month is that month or later. One force
 * publishing ahead (Lincolnshire alone holds 2024-03 in ../shared/data) or a few lagging behind do
 * not move it. It is the ⌈n/2⌉-th latest of the forces' latest months, so some force holds it.
 * `held`: each force's months of street data; null when no force has any.
 */
export function latestCompleteMonth(held: ReadonlyMap<string, readonly string[]>): string | null {
  const latest = [...held.values()].filter((ms) => ms.length).map((ms) => ms.reduce((a, m) => (m > a ? m : a))).sort().reverse();
  return latest.length ? latest[Math.ceil(latest.length / 2) - 1] : null;
}

/**
 * Each force's own latest month of street data. data.police.uk publishes a force-month whole (a
 * force's file for a month is its complete record of that month), so a force's latest held month is
 * its latest complete month; forces publish different ranges (in ../shared/data Dorset holds only
 * 2021-02, Leicestershire and Gwent run to 2022-09, Lincolnshire holds 2024-03), so one national
 * month would test most forces on a month they do not hold.
 */
export function ownLatestMonths(held: ReadonlyMap<string, readonly string[]>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [f, ms] of held) if (ms.length) out.set(f, ms.reduce((a, m) => (m > a ? m : a)));
  return out;
}
