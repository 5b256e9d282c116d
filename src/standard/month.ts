/** Months are `YYYY-MM` strings throughout Peel. */
export type Month = string;

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonth(s: string): s is Month {
  return MONTH_RE.test(s);
}

/** Parses a month, accepting `YYYY-MM` and `YYYY-MM-DD...`; undefined when not a month. */
export function parseMonth(s: string): Month | undefined {
  const t = s.trim().slice(0, 7);
  return MONTH_RE.test(t) ? t : undefined;
}

/** Months between two months, both inclusive. */
export function monthRange(from: Month, to: Month): Month[] {
  const out: Month[] = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) out.push(m);
  return out;
}

export function addMonths(m: Month, n: number): Month {
  const y = Number(m.slice(0, 4));
  const mo = Number(m.slice(5, 7)) - 1 + n;
  const yy = y + Math.floor(mo / 12);
  const mm = ((mo % 12) + 12) % 12;
  return `${String(yy).padStart(4, '0')}-${String(mm + 1).padStart(2, '0')}`;
}

/** Whole months from a to b (b − a). */
export function monthDiff(a: Month, b: Month): number {
  return (Number(b.slice(0, 4)) - Number(a.slice(0, 4))) * 12 + (Number(b.slice(5, 7)) - Number(a.slice(5, 7)));
}
