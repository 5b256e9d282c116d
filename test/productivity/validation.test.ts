/**
 * The productivity standard's numerators and denominators, recomputed from the raw data.police.uk
 * CSV files by a separate route — plain CSV parsing here, the outcome groups written out again from
 * the wording — and compared exactly with `productivityReport` on a store loaded from the
 * same files: two real forces (City of London, Gwent), two periods each, every category.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { join } from 'node:path';
import { readFileSync, readdirSync } from 'node:fs';
import { openStore, type Store } from '../../src/store/index.ts';
import { ingest } from '../../src/ingest/index.ts';
import { productivityReport, type ProductivityReport } from '../../src/productivity/index.ts';
import { describeShared, SHARED_DATA } from '../helpers/shared.ts';
import { tempDir } from '../helpers/police-uk.ts';

const P = join(SHARED_DATA, 'police_uk');

/** RFC 4180 rows of a CSV text (quotes, CRLF/LF); header first. */
function csv(path: string): Record<string, string>[] {
  const text = readFileSync(path, 'utf8');
  const rows: string[][] = [];
  let row: string[] = [];
  let f = '';
  let q = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (q) {
      if (c === '"' && text[i + 1] === '"') (f += '"', i++);
      else if (c === '"') q = false;
      else f += c;
    } else if (c === '"') q = true;
    else if (c === ',') (row.push(f), (f = ''));
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(f), rows.push(row), (row = []), (f = '');
    } else f += c;
  }
  if (f || row.length) row.push(f), rows.push(row);
  const [h, ...data] = rows.filter((r) => r.length > 1);
  return data.map((r) => Object.fromEntries(h.map((k, i) => [k, r[i] ?? ''])));
}

// The outcome groups, by label, typed out independently of src/standard.
const GROUP_LABELS: Record<string, string[]> = {
  charged: ['Awaiting court outcome', 'Court result unavailable', 'Court case unable to proceed', 'Defendant found not guilty', 'Defendant sent to Crown Court',
    'Offender sent to prison', 'Offender given suspended prison sentence', 'Offender given community sentence', 'Offender fined', 'Offender given conditional discharge',
    'Offender given absolute discharge', 'Offender ordered to pay compensation', 'Offender otherwise dealt with', 'Offender deprived of property',
    'Suspect charged as part of another case', 'Suspect charged'],
  out_of_court_formal: ['Offender given a caution', 'Offender given penalty notice', 'Offender given a drugs possession warning'],
  out_of_court_informal: ['Local resolution'],
  no_suspect: ['Investigation complete; no suspect identified'],
  evidential_difficulties: ['Unable to prosecute suspect'],
  not_in_public_interest: ['Formal action is not in the public interest', 'Further action is not in the public interest', 'Further investigation is not in the public interest'],
  other_body: ['Action to be taken by another organisation'],
  unresolved: ['Under investigation', 'Status update unavailable', ''],
};
const FINALITY = ['charged', 'out_of_court_formal', 'out_of_court_informal', 'other_body', 'not_in_public_interest', 'evidential_difficulties', 'no_suspect', 'unresolved'];
const groupOf = (label: string): string => {
  for (const [g, ls] of Object.entries(GROUP_LABELS)) if (ls.includes(label)) return g;
  throw new Error(`label not in the issue's groups: "${label}"`);
};
const CATEGORY_SLUG: Record<string, string> = {
  'Bicycle theft': 'bicycle-theft', Burglary: 'burglary', 'Criminal damage and arson': 'criminal-damage-arson', Drugs: 'drugs', 'Other theft': 'other-theft',
  'Possession of weapons': 'possession-of-weapons', 'Public order': 'public-order', Robbery: 'robbery', Shoplifting: 'shoplifting',
  'Theft from the person': 'theft-from-the-person', 'Vehicle crime': 'vehicle-crime', 'Violence and sexual offences': 'violent-crime', 'Other crime': 'other-crime',
};

interface Expected { [key: string]: [number, number] }

/** measure|category → [numerator, denominator] for one force and period, from the raw files. */
function recompute(force: string, months: string[]): Expected {
  const street = months.flatMap((m) => {
    const f = join(P, 'street', force, `${m}-${force}-street.csv`);
    return csv(f);
  }).filter((r) => r['Crime type'] !== 'Anti-social behaviour');
  const outcomeDir = join(P, 'outcomes', force);
  const outcomes = new Map<string, { month: string; label: string }[]>();
  let outcomeFiles: string[] = [];
  try { outcomeFiles = readdirSync(outcomeDir).filter((f) => f.endsWith('-outcomes.csv')); } catch { /* none */ }
  for (const f of outcomeFiles) for (const r of csv(join(outcomeDir, f))) {
    if (!r['Crime ID']) continue;
    outcomes.set(r['Crime ID'], [...(outcomes.get(r['Crime ID']) ?? []), { month: r.Month, label: r['Outcome type'] }]);
  }
  const e: Expected = {};
  const add = (k: string, num: number, den: number) => {
    const v = e[k] ?? [0, 0];
    e[k] = [v[0] + num, v[1] + den];
  };
  const lagsAll: number[] = [];
  for (const r of street) {
    const cands = [{ month: r.Month, g: groupOf(r['Last outcome category']) }, ...(r['Crime ID'] ? outcomes.get(r['Crime ID']) ?? [] : []).map((o) => ({ month: o.month, g: groupOf(o.label) }))];
    cands.sort((a, b) => (a.month !== b.month ? (a.month < b.month ? 1 : -1) : FINALITY.indexOf(a.g) - FINALITY.indexOf(b.g)));
    const g = cands[0].g;
    const first = (r['Crime ID'] ? outcomes.get(r['Crime ID']) ?? [] : []).map((o) => o.month).sort()[0];
    for (const cat of ['all', CATEGORY_SLUG[r['Crime type']]]) {
      add(`charge_rate|${cat}`, g === 'charged' ? 1 : 0, 1);
      add(`positive_outcome_rate|${cat}`, ['charged', 'out_of_court_formal', 'out_of_court_informal'].includes(g) ? 1 : 0, 1);
      add(`no_suspect_share|${cat}`, g === 'no_suspect' ? 1 : 0, 1);
      add(`evidential_difficulty_share|${cat}`, g === 'evidential_difficulties' ? 1 : 0, 1);
      add(`not_in_public_interest_share|${cat}`, g === 'not_in_public_interest' ? 1 : 0, 1);
      add(`unresolved_share|${cat}`, g === 'unresolved' ? 1 : 0, 1);
      add(`located_share|${cat}`, r.Longitude !== '' ? 1 : 0, 1);
      add(`months_to_outcome_median|${cat}`, first ? 1 : 0, 1);
    }
    if (first) lagsAll.push((Number(first.slice(0, 4)) - Number(r.Month.slice(0, 4))) * 12 + Number(first.slice(5, 7)) - Number(r.Month.slice(5, 7)));
  }
  const searches = months.flatMap((m) => {
    try { return csv(join(P, 'stop_and_search', force, `${m}-${force}-stop-and-search.csv`)); } catch { return []; }
  });
  e['stop_search_arrest_rate|all'] = [searches.filter((s) => s.Outcome === 'Arrest' || s.Outcome === 'Suspect arrested').length, searches.length];
  const recorded = searches.filter((s) => s['Outcome linked to object of search'] !== '');
  e['stop_search_find_rate|all'] = [recorded.filter((s) => s['Outcome linked to object of search'] === 'True').length, recorded.length];
  e['publication_completeness|all'] = [months.length, months.length];
  lagsAll.sort((a, b) => a - b);
  e['median'] = [lagsAll.length ? lagsAll[Math.ceil(0.5 * lagsAll.length) - 1] : NaN, 0];
  return e;
}

describeShared('productivity numerators and denominators equal a recomputation from the raw CSV files', () => {
  let store: Store;
  const cases = [
    { force: 'city-of-london', months: ['2023-01'] },
    { force: 'city-of-london', months: ['2018-01', '2018-02'] },
    { force: 'gwent', months: ['2020-01'] },
    { force: 'gwent', months: ['2020-01', '2020-02'] },
  ];

  beforeAll(async () => {
    store = await openStore({ store: join(tempDir(), 'p.duckdb') });
    const files = [
      ...['2018-01', '2018-02', '2023-01'].map((m) => join(P, 'street', 'city-of-london', `${m}-city-of-london-street.csv`)),
      join(P, 'outcomes', 'city-of-london', '2023-01-city-of-london-outcomes.csv'),
      ...['2018-01', '2018-02', '2023-01'].map((m) => join(P, 'stop_and_search', 'city-of-london', `${m}-city-of-london-stop-and-search.csv`)),
      ...['2020-01', '2020-02'].map((m) => join(P, 'street', 'gwent', `${m}-gwent-street.csv`)),
    ];
    const r = await ingest(store, files);
    for (const b of r.batches) expect(b.rows_quarantined, b.source).toBe(0);
  }, 120_000);
  afterAll(() => store?.close());

  for (const c of cases) {
    it(`${c.force}, ${c.months[0]} to ${c.months.at(-1)}`, async () => {
      const expected = recompute(c.force, c.months);
      const report: ProductivityReport = await productivityReport(store, { from: c.months[0], to: c.months.at(-1), forces: [c.force] });
      const got = new Map(report.measures.filter((r) => r.force_id === c.force).map((r) => [`${r.measure}|${r.category ?? 'all'}`, r]));
      let compared = 0;
      for (const [k, [num, den]] of Object.entries(expected)) {
        if (k === 'median') continue;
        const row = got.get(k);
        if (den === 0 && !row) continue;
        expect(row, k).toBeDefined();
        expect([row!.numerator, row!.denominator], k).toEqual([num, den]);
        compared++;
      }
      expect(compared).toBeGreaterThan(40);
      const median = got.get('months_to_outcome_median|all')!;
      if (Number.isNaN(expected.median[0])) expect(median.value).toBeNull();
      else expect(median.value).toBe(expected.median[0]);
      // charge and positive outcome rates really have something to count in these files
      expect(got.get('charge_rate|all')!.numerator).toBeGreaterThan(0);
    });
  }

  it('gives the nation as the sum of the forces held, and a funnel place to each force', async () => {
    const r = await productivityReport(store, { from: '2018-01', to: '2023-01' });
    const nat = r.measures.find((m) => m.measure === 'charge_rate' && m.force_id === null && m.category === null)!;
    const forces = r.measures.filter((m) => m.measure === 'charge_rate' && m.force_id !== null && m.category === null);
    expect(forces.map((f) => f.force_id).sort()).toEqual(['city-of-london', 'gwent']);
    expect(nat.numerator).toBe(forces.reduce((s, f) => s + f.numerator, 0));
    expect(nat.denominator).toBe(forces.reduce((s, f) => s + f.denominator, 0));
    for (const f of forces) expect(f.funnel).toMatch(/^(inside|above_95|above_998|below_95|below_998)$/);
  });
});
