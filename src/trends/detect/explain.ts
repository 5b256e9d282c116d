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

/**
 * The place in words, never a code: "Leicester 023A (Leicestershire Police)", "6 neighbouring areas
 * of Leicester around Leicester 023A (Leicestershire Police)", "3 neighbouring hexagons (about 2.2
 * km²) in Newport (Gwent Police)". LSOAs are named by their ONS names (district and a number),
 * districts by the ONS local authority names; an area with no name loaded is "one small area".
 */
export function placeInWords(d: Pick<Detection, 'force_ids' | 'area_type' | 'area_ids' | 'h3_cells' | 'districts' | 'areaNames'>): string {
  const forces = d.force_ids.map(forceName);
  const where = forces.length > 1 ? `${forces.slice(0, -1).join(', ')} and ${forces[forces.length - 1]}` : forces[0];
  switch (d.area_type) {
    case 'force':
      return `${where} as a whole`;
    case 'lsoa': {
      const of = d.districts?.length ? `${districtList(d.districts)} (${where})` : where;
      const first = d.areaNames?.[0];
      if (d.area_ids.length === 1) return first ? `${first} (${where})` : `one small area of ${of}`;
      return first ? `${d.area_ids.length} neighbouring areas of ${d.districts?.length ? districtList(d.districts) : where} around ${first} (${where})` : `${d.area_ids.length} neighbouring areas of ${of}`;
    }
    case 'h3': {
      const of = d.districts?.length ? `in ${districtList(d.districts)} (${where})` : `of ${where}`;
      return d.h3_cells.length === 1 ? `one hexagon (about 0.7 km²) ${of}` : `${d.h3_cells.length} neighbouring hexagons (about ${(d.h3_cells.length * 0.74).toFixed(1)} km²) ${of}`;
    }
    default: {
      const never: never = d.area_type;
      throw new Error(`unknown area type ${String(never)}`);
    }
  }
}

/**
 * A detection method in words, for explanations: "farrington-flexible/lsoa" → "the Farrington
 * baseline on small areas", "space-time-permutation-scan/pair" → "the space–time scan". Unknown
 * methods are returned as given.
 */
export function methodInWords(method: string): string {
  const [name, level] = method.split('/');
  const on = level === 'force' ? ' on the whole force' : level === 'lsoa' ? ' on small areas' : level === 'h3_r7' ? ' on 5 km² hexagons' : '';
  switch (name) {
    case 'farrington-flexible': return `the Farrington baseline${on}`;
    case 'short-history-nb': return `the short-history test${on}`;
    case 'gi-star': return 'the Gi* hot spot test';
    case 'emerging-hot-spot': return 'emerging hot spot analysis';
    case 'space-time-permutation-scan': return 'the space–time scan';
    default: return method;
  }
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Months as people say them: "July to September 2022", "November 2021 to January 2022". */
export function monthSpanInWords(from: string, to: string): string {
  const [fy, fm] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  if (!fy || !fm || !ty || !tm) return `${from} to ${to}`;
  return fy === ty ? `${MONTHS[fm - 1]} to ${MONTHS[tm - 1]} ${ty}` : `${MONTHS[fm - 1]} ${fy} to ${MONTHS[tm - 1]} ${ty}`;
}

/** One or two sentences: what rose, where, by how much against what, how sure, and by which method. */
export function explainDetection(d: Detection): string {
  const cat = isCrimeCategory(d.category) ? crimeCategoryName(d.category) : d.category;
  const ratio = d.expected > 0 ? ` (${(d.observed / d.expected).toFixed(1)} times)` : '';
  const bound = d.threshold !== null ? ` (upper bound ${num(d.threshold)})` : '';
  const first = d.significantLastMonth === null ? '' : d.significantLastMonth ? '; already above its bound last month' : '; first significant this month';
  const span = d.kind === 'space_time_cluster' && d.months > 1 ? `in ${monthSpanInWords(d.period_start, d.period_end)}` : 'this month';
  const head = `${cat} in ${placeInWords(d)}: ${num(d.observed)} ${span} against ${num(d.expected)} expected${bound}${ratio}${first}; ${qText(d.q)}.`;
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
