/**
 * Alert explanations in words, generated only from the alert's own numbers.
 */
import { crimeCategoryName, getForce, isCrimeCategory } from '../../standard/index.ts';
import type { Detection } from './detection.ts';

function forceName(id: string): string {
  return getForce(id)?.name ?? id;
}

function num(x: number): string {
  if (Math.abs(x) >= 100 || Number.isInteger(x)) return Math.round(x).toLocaleString('en-GB');
  return x.toFixed(1);
}

function qText(q: number): string {
  if (q < 0.001) return 'q < 0.001';
  return `q = ${q.toFixed(3)}`;
}

/** "Leicester", "Leicester and Oadby and Wigston", "Leicester, Blaby and 2 other districts". */
function districtList(names: readonly string[]): string {
  if (names.length <= 2) return names.join(' and ');
  return `${names.slice(0, 2).join(', ')} and ${names.length - 2} other district${names.length === 3 ? '' : 's'}`;
}

function place(d: Detection): string {
  const forces = d.force_ids.map(forceName);
  const where = forces.length > 1 ? `${forces.slice(0, -1).join(', ')} and ${forces[forces.length - 1]}` : forces[0];
  switch (d.area_type) {
    case 'force':
      return `${where} as a whole`;
    case 'lsoa': {
      const of = d.districts?.length ? `${districtList(d.districts)} (${where})` : where;
      return d.area_ids.length === 1 ? `area ${d.area_ids[0]} of ${of}` : `${d.area_ids.length} neighbouring areas of ${of}`;
    }
    case 'h3':
      return d.h3_cells.length === 1 ? `one hexagon (about 0.7 km²) of ${where}` : `${d.h3_cells.length} neighbouring hexagons (about ${(d.h3_cells.length * 0.74).toFixed(1)} km²) of ${where}`;
    default: {
      const never: never = d.area_type;
      throw new Error(`unknown area type ${String(never)}`);
    }
  }
}

/** One or two sentences: what rose, where, by how much against what, how sure, and by which method. */
export function explainDetection(d: Detection): string {
  const cat = isCrimeCategory(d.category) ? crimeCategoryName(d.category) : d.category;
  const ratio = d.expected > 0 ? ` (${(d.observed / d.expected).toFixed(1)} times)` : '';
  const bound = d.threshold !== null ? ` (upper bound ${num(d.threshold)})` : '';
  const first = d.significantLastMonth === null ? '' : d.significantLastMonth ? '; already above its bound last month' : '; first significant this month';
  const span = d.kind === 'space_time_cluster' && d.months > 1 ? `in ${d.period_start}..${d.period_end}` : 'this month';
  const head = `${cat} in ${place(d)}: ${num(d.observed)} ${span} against ${num(d.expected)} expected${bound}${ratio}${first}; ${qText(d.q)}.`;
  switch (d.kind) {
    case 'exceedance':
      return d.baseline === 'farrington'
        ? `${head} Baseline: Farrington flexible (Noufaily settings) on ${d.history} past year${d.history === 1 ? '' : 's'} of the same series.`
        : `${head} Short history: expected is the mean of the ${d.history} earlier month${d.history === 1 ? '' : 's'} available, tested with a negative binomial; too little history for Farrington.`;
    case 'hot_spot':
      return `${head} Getis–Ord Gi* hot spot of this month's excess over each hexagon's own past (z = ${d.z.toFixed(1)}).`;
    case 'emerging_hot_spot':
      return `${head} Emerging hot spot analysis: ${/^[aeiou]/.test(d.ehsaClass) ? 'an' : 'a'} ${d.ehsaClass} over the last ${d.series.length} months (Gi* z = ${d.z.toFixed(1)} this month).`;
    case 'space_time_cluster':
      return `${head} Space–time permutation scan: a cluster over the last ${d.months} month${d.months === 1 ? '' : 's'}, relative risk ${d.relativeRisk.toFixed(1)}.`;
    default: {
      const never: never = d;
      throw new Error(`unknown detection ${JSON.stringify(never)}`);
    }
  }
}
