/**
 * The Dallas Police incidents file (`../shared/data/narratives/dallas/dallas_incidents_mo.csv`) as
 * method records: the MO text, the offence as category, the date and time of occurrence. Repeated
 * rows (one per offence or complainant of an incident) are kept once. No coordinates are given.
 */
import { readCsv } from '../src/records/index.ts';

export interface DallasRow {
  record_id: string;
  force_id: string;
  category: string;
  occurred_at: string;
  lon: null;
  lat: null;
  text: string;
}

export function readDallas(csv: string): DallasRow[] {
  const rows = readCsv(csv);
  const head = rows[0];
  const col = (name: string): number => {
    const i = head.indexOf(name);
    if (i < 0) throw new Error(`dallas_incidents_mo.csv: no column "${name}" (have ${head.join(', ')})`);
    return i;
  };
  const mo = col('Modus Operandi (MO)'), date = col('Date1 of Occurrence'), time = col('Time1 of Occurrence'), ucr = col('UCR Offense Name'), beat = col('Beat');
  const seen = new Set<string>();
  const out: DallasRow[] = [];
  for (let i = 1; i < rows.length; i++) {
    const r = rows[i];
    if (r.length < head.length) continue;
    const [m, d, y] = r[date].split(' ')[0].split('/').map(Number);
    const [hh, mm] = r[time].split(':').map(Number);
    if (!m || !d || y === undefined) throw new Error(`dallas_incidents_mo.csv line ${i + 1}: date "${r[date]}" is not M/D/YY`);
    const occurred = new Date(Date.UTC(2000 + y, m - 1, d, hh || 0, mm || 0)).toISOString();
    const key = `${r[mo]}|${occurred}|${r[beat]}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ record_id: `DAL-${String(i).padStart(4, '0')}-B${r[beat]}`, force_id: 'dallas', category: r[ucr], occurred_at: occurred, lon: null, lat: null, text: r[mo] });
  }
  return out;
}
