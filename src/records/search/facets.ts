/**
 * Facets of a search: the filtered matches counted by force, kind, category and month. Each
 * document's month is derived once at open, through a table of the days in range.
 */
import { countFacets } from './candidates.ts';
import type { Parts } from './parts.ts';
import type { SearchResult } from './types.ts';

/** Month number (year·12 + month − 1) of a day since 1970, without a Date (Hinnant's civil_from_days). */
function monthOfDay(z: number): number {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return y * 12 + m - 1;
}

/** Each document's month as an offset from the index's first month (`minMonth`), and the number of months spanned. */
export interface DocMonths {
  readonly month: Uint16Array;
  readonly minMonth: number;
  readonly months: number;
}

export function docMonths(p: Parts): DocMonths {
  const N = p.force.length;
  const month = new Uint16Array(N);
  let minDay = Infinity;
  let maxDay = -Infinity;
  for (let d = 0; d < N; d++) {
    if (p.day[d] < minDay) minDay = p.day[d];
    if (p.day[d] > maxDay) maxDay = p.day[d];
  }
  // Months through a table of the days in range (a few hundred), not a calendar sum per record.
  const minMonth = N ? monthOfDay(minDay) : 0;
  const months = N ? monthOfDay(maxDay) - minMonth + 1 : 0;
  const monthByDay = new Uint16Array(N ? maxDay - minDay + 1 : 0);
  for (let k = 0; k < monthByDay.length; k++) monthByDay[k] = monthOfDay(minDay + k) - minMonth;
  for (let d = 0; d < N; d++) month[d] = monthByDay[p.day[d] - minDay];
  return { month, minMonth, months };
}

/** The facets of the candidates: counts by force, kind, category (blank named "(none)") and month, newest month first. */
export function facetsOf(cands: Int32Array, p: Parts, dm: DocMonths): SearchResult['facets'] {
  const { month, minMonth, months } = dm;
  const fc = new Uint32Array(256);
  const kc = new Uint32Array(256);
  const cc = new Uint32Array(256);
  const mc = new Uint32Array(months);
  countFacets(cands, p.force, p.kind, p.category, month, fc, kc, cc, mc);
  const named = (counts: Uint32Array, names: string[], blank = '') => {
    const o: Record<string, number> = {};
    names.forEach((nm, i) => {
      if (counts[i]) o[nm || blank] = counts[i];
    });
    return o;
  };
  const monthFacet: Record<string, number> = {};
  for (let m = months - 1; m >= 0; m--) {
    if (!mc[m]) continue;
    const abs = m + minMonth;
    monthFacet[`${Math.floor(abs / 12)}-${String((abs % 12) + 1).padStart(2, '0')}`] = mc[m];
  }
  return { force: named(fc, p.forces), kind: named(kc, p.kinds), category: named(cc, p.categories, '(none)'), month: monthFacet };
}
