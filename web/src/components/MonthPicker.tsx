/** The month a page shows: every month held, newest first, with the month's name beside its code. */
import type { Force } from '@peel/client';

const NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2022-09" → "September 2022". */
export function monthName(m: string): string {
  const mo = Number(m.slice(5, 7));
  return mo >= 1 && mo <= 12 ? `${NAMES[mo - 1]} ${m.slice(0, 4)}` : m;
}

function nextMonth(m: string): string {
  const y = Number(m.slice(0, 4));
  const mo = Number(m.slice(5, 7));
  return mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
}

/** Every month from the earliest any of these forces holds to the latest, in order. */
export function monthSpan(forces: readonly Pick<Force, 'first_month' | 'last_month'>[]): string[] {
  const firsts = forces.map((f) => f.first_month).filter((m): m is string => !!m).sort();
  const lasts = forces.map((f) => f.last_month).filter((m): m is string => !!m).sort();
  if (!firsts.length || !lasts.length) return [];
  const out: string[] = [];
  for (let m = firsts[0]; m <= lasts[lasts.length - 1] && out.length < 600; m = nextMonth(m)) out.push(m);
  return out;
}

export function MonthPicker({ months, value, onChange, anyLabel, id = 'month-pick', held }: {
  months: readonly string[];
  value: string;
  onChange: (month: string) => void;
  /** When given, an empty choice with this label (e.g. "Any month"). */
  anyLabel?: string;
  id?: string;
  /** Months with data; the others are marked "no data" (a gap in a force's coverage). */
  held?: ReadonlySet<string>;
}) {
  const list = [...months].sort().reverse();
  if (value && !list.includes(value)) list.unshift(value);
  return (
    <>
      <label htmlFor={id}>Month</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} data-testid="month-picker">
        {anyLabel !== undefined && <option value="">{anyLabel}</option>}
        {list.map((m) => <option key={m} value={m}>{monthName(m)}{held && !held.has(m) ? ' (no data)' : ''}</option>)}
      </select>
    </>
  );
}
