import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CLASSIFICATIONS, CRIME_CATEGORY_IDS, ENTITY_TYPES, NARRATIVE_KINDS, UK_BOUNDS, forceNeighbours, monthRange, addMonths,
  type EntitySpan, type ForceId, type NarrativeLabels, type NarrativeRecord,
} from '../../src/standard/index.ts';
import { generateNarratives, type NarrativeSynthOptions } from '../../src/synth/narratives/index.ts';
import { describeShared, SHARED_DATA } from '../helpers/shared.ts';

const FORCES: ForceId[] = ['west-yorkshire', 'greater-manchester', 'lancashire', 'south-yorkshire', 'metropolitan', 'kent', 'essex', 'gwent', 'south-wales', 'north-wales'];
const BASE: NarrativeSynthOptions = { seed: 20240611, forces: FORCES, endMonth: '2024-12', months: 12, count: 2000 };

interface Item { record: NarrativeRecord; labels: NarrativeLabels }
const all = (opts: NarrativeSynthOptions): { items: Item[]; truth: ReturnType<typeof generateNarratives>['truth'] } => {
  const g = generateNarratives(opts);
  return { items: [...g.items], truth: g.truth };
};

const sample = all(BASE);
const byId = new Map(sample.items.map((x) => [x.record.record_id, x]));
const entities = (type: string): EntitySpan[] => sample.items.flatMap((x) => x.labels.entities.filter((e) => e.type === type));

/** Canonical digits of a UK phone number as written (+44 and (0) folded to a leading 0). */
function phoneDigits(s: string): string {
  let d = s.replace(/\(0\)/, '').replace(/\D/g, '');
  if (d.startsWith('44')) d = `0${d.slice(2)}`;
  return d;
}
const DRAMA_PHONE = /^(07700900\d{3}|01(1[3-8]|21|51|61)4960\d{3}|01914980\d{3}|02079460\d{3}|02920180\d{3}|01632960\d{3})$/;

function luhn(d: string): boolean {
  let sum = 0;
  for (let i = 0; i < d.length; i++) { let v = Number(d[d.length - 1 - i]); if (i % 2) { v *= 2; if (v > 9) v -= 9; } sum += v; }
  return sum % 10 === 0;
}
const TEST_PANS = ['4111111111111111', '5555555555554444', '4000056655665556', '5105105105105100', '4012888888881881', '378282246310005', '6011111111111117', '4242424242424242', '5200828282828210', '4000002500003155', '2223003122003222'];

/** The convention checks used below, so they can be held against the hand-labelled set too. */
const OFFICER_SHAPE = /^(PC|PCSO|DC|PS|Sgt|DS|SC|Insp|DI|DCI|CSI|Supt)\s?\S/i;
const POSTCODE_SHAPE = /^[A-Z]{1,2}\d{1,2}[A-Z]?\s*\d[A-Z]{2}$/i;

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
/** Parses a date of birth as logs write it; null when the format is not one of theirs. */
function parseDob(s: string): { y: number; m: number; d: number } | null {
  const t = s.toLowerCase().trim();
  const year = (y: string): number => (y.length === 4 ? Number(y) : Number(y) + (Number(y) > 30 ? 1900 : 2000));
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(t);
  if (m) return { d: Number(m[1]), m: Number(m[2]), y: year(m[3]) };
  m = /^(\d{1,2})(?:st|nd|rd|th)? ([a-z]+) (\d{2}|\d{4})$/.exec(t);
  if (m) { const mi = MONTHS.findIndex((x) => x.startsWith(m![2].slice(0, 3))); return mi < 0 ? null : { d: Number(m[1]), m: mi + 1, y: year(m[3]) }; }
  return null;
}

describe('generateNarratives: determinism and laziness', () => {
  it('gives identical records, labels and truth for the same options', () => {
    const a = all({ ...BASE, count: 400 }), b = all({ ...BASE, count: 400 });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });

  it('gives different records for a different seed', () => {
    const a = all({ ...BASE, count: 200 }), b = all({ ...BASE, count: 200, seed: BASE.seed + 1 });
    const same = a.items.filter((x, i) => x.record.narrative === b.items[i].record.narrative).length;
    expect(same).toBe(0);
  });

  it('streams: a million-record request yields its first records without writing the rest', () => {
    const g = generateNarratives({ ...BASE, count: 1_000_000 });
    const it = g.items[Symbol.iterator]();
    const first = it.next();
    expect(first.done).toBe(false);
    expect(first.value?.record.record_id).toMatch(/-0000000$/);
    expect(g.truth.emerging_mo.length).toBeGreaterThan(0);
  });

  it('can be iterated twice with the same result', () => {
    const g = generateNarratives({ ...BASE, count: 50 });
    expect(JSON.stringify([...g.items])).toBe(JSON.stringify([...g.items]));
  });

  it('rejects bad options naming the bad value', () => {
    expect(() => generateNarratives({ ...BASE, endMonth: '2024-13' })).toThrow(/2024-13/);
    expect(() => generateNarratives({ ...BASE, months: 0 })).toThrow(/months/);
    expect(() => generateNarratives({ ...BASE, forces: [] })).toThrow(/forces/);
  });
});

describe('generateNarratives: records follow the narrative standard', () => {
  it('writes the requested number of records with unique ids', () => {
    expect(sample.items).toHaveLength(BASE.count);
    expect(byId.size).toBe(BASE.count);
  });

  it('uses only known forces, kinds, categories, classifications, months and coordinates', () => {
    const months = new Set(monthRange('2024-01', '2024-12'));
    for (const { record: r } of sample.items) {
      expect(FORCES).toContain(r.force_id);
      expect(NARRATIVE_KINDS).toContain(r.kind);
      if (r.category !== null) expect(CRIME_CATEGORY_IDS).toContain(r.category);
      expect(CLASSIFICATIONS).toContain(r.classification);
      expect(r.occurred_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      expect(Number.isNaN(Date.parse(r.occurred_at))).toBe(false);
      expect(months.has(r.occurred_at.slice(0, 7))).toBe(true);
      expect(r.lon).toBeGreaterThan(UK_BOUNDS.minLon); expect(r.lon).toBeLessThan(UK_BOUNDS.maxLon);
      expect(r.lat).toBeGreaterThan(UK_BOUNDS.minLat); expect(r.lat).toBeLessThan(UK_BOUNDS.maxLat);
      expect(r.location_text.length).toBeGreaterThan(3);
      expect(r.narrative).toMatch(/^[\x20-\x7e£]+$/);
    }
  });

  it('mixes the four kinds, and marks a small share OFFICIAL-SENSITIVE', () => {
    const kinds = new Map<string, number>();
    for (const { record: r } of sample.items) kinds.set(r.kind, (kinds.get(r.kind) ?? 0) + 1);
    for (const k of NARRATIVE_KINDS) expect(kinds.get(k) ?? 0).toBeGreaterThan(BASE.count * 0.05);
    const sensitive = sample.items.filter((x) => x.record.classification === 'OFFICIAL-SENSITIVE').length;
    expect(sensitive).toBeGreaterThan(BASE.count * 0.02);
    expect(sensitive).toBeLessThan(BASE.count * 0.25);
  });

  it('writes narratives of log length (roughly 30 to 300 words)', () => {
    const words = sample.items.map((x) => x.record.narrative.split(/\s+/).length).sort((a, b) => a - b);
    expect(words[0]).toBeGreaterThanOrEqual(30);
    expect(words[words.length - 1]).toBeLessThanOrEqual(300);
    expect(words[Math.floor(words.length / 2)]).toBeGreaterThan(60);
  });
});

describe('generateNarratives: labels', () => {
  it('labels each record once, every slice equal to its text, sorted and never overlapping', () => {
    for (const { record, labels } of sample.items) {
      expect(labels.record_id).toBe(record.record_id);
      expect(labels.entities.length).toBeGreaterThan(0);
      let end = 0;
      for (const e of labels.entities) {
        expect(ENTITY_TYPES).toContain(e.type);
        expect(record.narrative.slice(e.start, e.end)).toBe(e.text);
        expect(e.start).toBeGreaterThanOrEqual(end);
        expect(e.text.trim()).toBe(e.text);
        end = e.end;
      }
    }
  });

  it('has every entity type in a sample of 2,000 records', () => {
    const seen = new Set(sample.items.flatMap((x) => x.labels.entities.map((e) => e.type)));
    for (const t of ENTITY_TYPES) expect(seen, t).toContain(t);
  });

  it('leaves no labelled value (other than officers) or name word unlabelled elsewhere in its record', () => {
    const leaks: string[] = [];
    for (const { record, labels } of sample.items) {
      const covered = (a: number, b: number): boolean => labels.entities.some((e) => e.start <= a && b <= e.end);
      for (const e of labels.entities) {
        if (e.type === 'OFFICER') continue;
        const needles = e.type === 'PERSON' ? [e.text, ...e.text.split(/[\s,']+/)] : [e.text];
        for (const n of needles) {
          if (n.length <= 3) continue;
          for (let i = record.narrative.indexOf(n); i >= 0; i = record.narrative.indexOf(n, i + 1)) {
            if (!covered(i, i + n.length)) leaks.push(`${record.record_id}: ${n}`);
          }
        }
      }
    }
    expect(leaks.slice(0, 5)).toEqual([]);
  });

  it('follows the labelling conventions: titles outside PERSON, rank inside OFFICER, postcode apart from ADDRESS', () => {
    for (const e of entities('PERSON')) expect(e.text).not.toMatch(/^(Mr|Mrs|Ms|Miss|Dr) /i);
    for (const e of entities('OFFICER')) expect(e.text).toMatch(OFFICER_SHAPE);
    for (const e of entities('ADDRESS')) expect(e.text).not.toMatch(/\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/i);
    for (const e of entities('DATE_OF_BIRTH')) expect(parseDob(e.text), e.text).not.toBeNull();
    for (const e of entities('POSTCODE')) expect(e.text).toMatch(POSTCODE_SHAPE);
  });

  it('writes values in the many spellings logs use', () => {
    const shape = (s: string): string => s.replace(/[A-Za-z]/g, (ch) => (ch === ch.toUpperCase() ? 'A' : 'a')).replace(/\d/g, '9');
    const phoneShapes = new Set(entities('PHONE').map((e) => shape(e.text)));
    expect(phoneShapes.size).toBeGreaterThanOrEqual(6);
    const regShapes = new Set(entities('VEHICLE_REG').map((e) => shape(e.text)));
    expect(regShapes.has('AA99 AAA')).toBe(true);
    expect(regShapes.has('AA99AAA')).toBe(true);
    expect(regShapes.has('aa99aaa')).toBe(true);
    expect(regShapes.size).toBeGreaterThanOrEqual(10);
    const dobShapes = new Set(entities('DATE_OF_BIRTH').map((e) => shape(e.text)));
    expect(dobShapes.size).toBeGreaterThanOrEqual(6);
    const ni = entities('NI_NUMBER').map((e) => e.text);
    expect(ni.some((t) => /\s/.test(t))).toBe(true);
    expect(ni.some((t) => !/\s/.test(t))).toBe(true);
    const emails = entities('EMAIL').map((e) => e.text);
    expect(emails.some((t) => t.includes('@'))).toBe(true);
    expect(emails.some((t) => !t.includes('@'))).toBe(true);
    const cards = entities('PAYMENT_CARD').map((e) => e.text.replace(/\D/g, ''));
    expect(cards.some((d) => d.length === 4)).toBe(true);
    expect(cards.some((d) => d.length >= 15)).toBe(true);
    expect(entities('IP_ADDRESS').some((e) => e.text.includes(':'))).toBe(true);
    expect(entities('IP_ADDRESS').some((e) => e.text.includes('.'))).toBe(true);
    expect(entities('PERSON').some((e) => /^[A-Z][A-Za-z'-]*[A-Z], [A-Z][a-z]+/.test(e.text))).toBe(true);
    expect(entities('PERSON').some((e) => /^[a-z]+ [a-z]+$/.test(e.text))).toBe(true);
    expect(sample.items.some((x) => x.record.narrative === x.record.narrative.toUpperCase())).toBe(true);
  });

  it('keeps every value in a range reserved for fiction', () => {
    for (const e of entities('PHONE')) expect(phoneDigits(e.text), e.text).toMatch(DRAMA_PHONE);
    for (const e of entities('EMAIL')) {
      const plain = e.text.toLowerCase().replace(/\s*[([]?\bat\b[)\]]?\s*/g, '@').replace(/\s*[([]?\bdot\b[)\]]?\s*/g, '.');
      expect(plain, e.text).toMatch(/^[a-z0-9._-]+@([a-z0-9-]+\.)*(example\.(com|org|net)|[a-z0-9-]+\.example)$/);
    }
    for (const e of entities('IP_ADDRESS')) {
      expect(e.text, e.text).toMatch(/^(192\.0\.2|198\.51\.100|203\.0\.113)\.\d{1,3}$|^2001:0?db8:/i);
    }
    for (const e of entities('PAYMENT_CARD')) {
      const d = e.text.replace(/[^\d]/g, '');
      if (/^\d[\d -]+\d$/.test(e.text) && d.length >= 13) { expect(luhn(d), e.text).toBe(true); expect(TEST_PANS).toContain(d); }
      else expect(TEST_PANS.some((p) => p.endsWith(d.slice(-4)))).toBe(true);
    }
    for (const e of entities('NI_NUMBER')) expect(e.text.toUpperCase(), e.text).toMatch(/^(QQ|BG|GB|NK|KN|TN|NT|ZZ)/);
    for (const e of entities('BANK_ACCOUNT')) {
      if (/^GB/i.test(e.text)) expect(['GB29NWBK60161331926819', 'GB82WEST12345698765432', 'GB33BUKB20201555555555']).toContain(e.text.replace(/\s/g, ''));
      else expect(e.text.replace(/\D/g, '')).toMatch(/^\d{6}$|^\d{8}$/);
    }
  });
});

describe('generateNarratives: planted truth', () => {
  const { truth } = sample;

  it('plants cross-force offenders whose appearances exist and name them as recorded', () => {
    expect(truth.cross_force_offenders.length).toBeGreaterThanOrEqual(1);
    const variants = new Set<string>();
    for (const off of truth.cross_force_offenders) {
      expect(new Set(off.appearances.map((a) => a.force_id)).size).toBeGreaterThanOrEqual(2);
      const [ty, tm, td] = off.date_of_birth.split('-').map(Number);
      for (const a of off.appearances) {
        variants.add(a.name_variant);
        const item = byId.get(a.record_id);
        expect(item, a.record_id).toBeDefined();
        if (!item) continue;
        expect(item.record.force_id).toBe(a.force_id);
        expect(item.record.occurred_at.slice(0, 7)).toBe(a.month);
        const spans = item.labels.entities;
        expect(spans.some((e) => e.type === 'PERSON' && e.text === a.name_as_written)).toBe(true);
        expect(spans.some((e) => e.type === 'DATE_OF_BIRTH' && e.text === a.dob_as_written)).toBe(true);
        expect(a.name_as_written.toLowerCase()).toContain(off.forename[0].toLowerCase());
        const dob = parseDob(a.dob_as_written);
        expect(dob, a.dob_as_written).not.toBeNull();
        if (!dob) continue;
        if (a.dob_variant === 'exact') expect([dob.y, dob.m, dob.d]).toEqual([ty, tm, td]);
        else if (a.dob_variant === 'day_month_swap') expect([dob.y, dob.m, dob.d]).toEqual([ty, td, tm]);
        else expect(Math.abs(dob.y - ty) + Math.abs(dob.m - tm) + Math.abs(dob.d - td)).toBe(1);
      }
    }
    expect(variants.size).toBeGreaterThanOrEqual(2);
  });

  it('plants duplicate incidents: same month, same or neighbouring force, nearly the same text', () => {
    expect(truth.duplicate_incidents.length).toBeGreaterThanOrEqual(2);
    for (const d of truth.duplicate_incidents) {
      const a = byId.get(d.original_record_id), b = byId.get(d.duplicate_record_id);
      expect(a && b).toBeTruthy();
      if (!a || !b) continue;
      expect(a.record.force_id).toBe(d.original_force_id);
      expect(b.record.force_id).toBe(d.duplicate_force_id);
      if (d.duplicate_force_id !== d.original_force_id) expect(forceNeighbours(d.original_force_id)).toContain(d.duplicate_force_id);
      expect(b.record.occurred_at.slice(0, 7)).toBe(a.record.occurred_at.slice(0, 7));
      expect(b.record.narrative).not.toBe(a.record.narrative);
      const words = (s: string): Set<string> => new Set(s.toLowerCase().split(/\W+/).filter(Boolean));
      const wa = words(a.record.narrative), wb = words(b.record.narrative);
      const shared = [...wa].filter((w) => wb.has(w)).length;
      expect(shared / Math.max(wa.size, wb.size)).toBeGreaterThan(0.85);
    }
  });

  it('makes every difference a duplicate is said to have', () => {
    const seen = new Set<string>();
    const sets = [sample, ...[1, 2, 3].map((k) => all({ ...BASE, seed: BASE.seed + k, count: 2500 }))];
    for (const d of sets.flatMap((x) => x.truth.duplicate_incidents.map((dup) => ({ ...dup, set: x })))) {
      const byId = new Map(d.set.items.map((x) => [x.record.record_id, x]));
      const a = byId.get(d.original_record_id), b = byId.get(d.duplicate_record_id);
      if (!a || !b) throw new Error(`missing ${d.original_record_id} or ${d.duplicate_record_id}`);
      const texts = (x: Item, t: string): string[] => x.labels.entities.filter((e) => e.type === t).map((e) => e.text);
      for (const diff of d.differences) {
        seen.add(diff);
        switch (diff) {
          case 'all_caps': expect(a.record.narrative === a.record.narrative.toUpperCase()).not.toBe(b.record.narrative === b.record.narrative.toUpperCase()); break;
          case 'time_shifted': expect(b.record.occurred_at).not.toBe(a.record.occurred_at); break;
          case 'phone_respaced': expect(texts(b, 'PHONE').map((t) => t.toUpperCase())).not.toEqual(texts(a, 'PHONE').map((t) => t.toUpperCase())); break;
          case 'reg_respaced': expect(texts(b, 'VEHICLE_REG')).not.toEqual(texts(a, 'VEHICLE_REG')); break;
          case 'update_appended': expect(b.record.narrative.length).toBeGreaterThan(a.record.narrative.length); break;
          case 'typo': expect(b.record.narrative.toUpperCase()).not.toBe(a.record.narrative.toUpperCase()); break;
        }
      }
      // Apart from the listed differences, the same people and values are recorded.
      expect(texts(b, 'PERSON').map((t) => t.toUpperCase())).toEqual(texts(a, 'PERSON').map((t) => t.toUpperCase()));
    }
    expect(seen.size).toBeGreaterThanOrEqual(4);
  });

  it('plants emerging tactics: one force first, neighbours later, 5 records nationally two months after the start, the first in the last month', () => {
    const tactics = sample.truth.emerging_tactics;
    expect(tactics.length).toBeGreaterThanOrEqual(3);
    expect(tactics[0].five_records_month).toBe(BASE.endMonth);
    for (const t of tactics) {
      // Counted from the records themselves, not from the truth's own tallies.
      const perMonth = new Map<string, { n: number; forces: Set<string> }>();
      for (const id of t.record_ids) {
        const r = byId.get(id)?.record;
        expect(r, id).toBeDefined();
        if (!r) continue;
        expect(r.category).toBe(t.category);
        for (const k of t.key_phrases) expect(r.narrative.toLowerCase()).toContain(k);
        const m = r.occurred_at.slice(0, 7);
        const cell = perMonth.get(m) ?? { n: 0, forces: new Set<string>() };
        cell.n++;
        cell.forces.add(r.force_id);
        perMonth.set(m, cell);
      }
      const months = [...perMonth.keys()].sort();
      expect(months[0]).toBe(t.first_month);
      expect([...perMonth.get(t.first_month)!.forces]).toEqual([t.origin_force]);
      const reached = months.find((m) => perMonth.get(m)!.n >= 5);
      expect(reached).toBe(t.five_records_month);
      expect(monthRange(t.first_month, reached!).length).toBe(3);
      expect(perMonth.get(reached!)!.forces.size).toBeGreaterThanOrEqual(2);
      for (const f of t.forces.slice(1)) expect(forceNeighbours(t.origin_force)).toContain(f);
      expect(t.monthly.map((x) => [x.month, x.records])).toEqual(months.map((m) => [m, perMonth.get(m)!.n]));
      // Quiet before: at least a few months of history with none of its records.
      expect(monthRange(addMonths(BASE.endMonth, -(BASE.months - 1)), t.first_month).length).toBeGreaterThanOrEqual(5);
    }
  });

  it('plants an emerging modus operandi that starts in one force and spreads to its neighbours later', () => {
    expect(truth.emerging_mo.length).toBeGreaterThanOrEqual(1);
    for (const mo of truth.emerging_mo) {
      expect(mo.record_ids.length).toBeGreaterThan(5);
      const firstSeen = new Map<string, string>();
      for (const id of mo.record_ids) {
        const item = byId.get(id);
        expect(item, id).toBeDefined();
        if (!item) continue;
        const r = item.record;
        expect(r.category).toBe(mo.category);
        for (const k of mo.key_phrases) expect(r.narrative.toLowerCase()).toContain(k.toLowerCase());
        const m = r.occurred_at.slice(0, 7);
        if (!firstSeen.has(r.force_id) || m < (firstSeen.get(r.force_id) ?? '')) firstSeen.set(r.force_id, m);
      }
      expect(firstSeen.get(mo.origin_force)).toBe(mo.start_month);
      // The per force-month counts add up to the records, and the national series grows from its first month.
      expect(mo.counts.reduce((t, c) => t + c.records, 0)).toBe(mo.record_ids.length);
      const national = new Map<string, number>();
      for (const c of mo.counts) national.set(c.month, (national.get(c.month) ?? 0) + c.records);
      const series = [...national.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([, n]) => n);
      expect(Math.max(...series)).toBeGreaterThan(series[0]);
      for (const s of mo.spread) {
        expect(forceNeighbours(mo.origin_force)).toContain(s.force_id);
        expect(s.first_month > mo.start_month).toBe(true);
        const seen = firstSeen.get(s.force_id);
        if (seen !== undefined) expect(seen >= s.first_month).toBe(true);
      }
      expect([...firstSeen.keys()].every((f) => f === mo.origin_force || mo.spread.some((s) => s.force_id === f))).toBe(true);
      for (const id of mo.background_record_ids) expect((byId.get(id)?.record.occurred_at ?? '') < mo.start_month).toBe(true);
      // The method is rare elsewhere: records mentioning it are almost all in the truth.
      const listed = new Set([...mo.record_ids, ...mo.background_record_ids]);
      const stray = sample.items.filter((x) => !listed.has(x.record.record_id) && mo.key_phrases.every((k) => x.record.narrative.toLowerCase().includes(k.toLowerCase())));
      expect(stray.length).toBeLessThanOrEqual(Math.ceil(mo.record_ids.length * 0.05));
    }
  });
});

describe('generateNarratives: places', () => {
  it('uses the given small areas for coordinates, LSOA and street', () => {
    const places = new Map([['kent', [
      { lsoa_code: 'E01024001', lsoa_name: 'Maidstone 001A', lon: 0.52, lat: 51.27, street: 'On or near Tonbridge Road' },
      { lsoa_code: 'E01024002', lsoa_name: 'Maidstone 002B', lon: 0.53, lat: 51.28, street: 'On or near Week Street' },
    ]]]);
    const { items } = all({ ...BASE, forces: ['kent'], count: 60, places });
    for (const { record } of items) {
      expect(['E01024001', 'E01024002']).toContain(record.lsoa_code);
      expect([0.52, 0.53]).toContain(record.lon);
    }
    expect(items.some((x) => /Tonbridge Road|Week Street/.test(x.record.location_text))).toBe(true);
    expect(items.some((x) => /Maidstone/.test(x.record.location_text))).toBe(true);
  });
});

describeShared('generateNarratives against the hand-labelled development set', () => {
  const devLabels = (): NarrativeLabels[] => readFileSync(resolve(SHARED_DATA, 'narratives/labelled/labels.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as NarrativeLabels);

  it('checks conventions the hand-labelled set itself satisfies (officer, postcode, date-of-birth shapes)', () => {
    const spans = devLabels().flatMap((l) => l.entities);
    for (const e of spans.filter((x) => x.type === 'OFFICER')) expect(e.text).toMatch(OFFICER_SHAPE);
    for (const e of spans.filter((x) => x.type === 'POSTCODE')) expect(e.text).toMatch(POSTCODE_SHAPE);
    for (const e of spans.filter((x) => x.type === 'DATE_OF_BIRTH')) expect(parseDob(e.text), e.text).not.toBeNull();
    for (const e of spans.filter((x) => x.type === 'PERSON')) expect(e.text).not.toMatch(/^(Mr|Mrs|Ms|Miss|Dr) /i);
  });

  it('produces every entity type the hand-labelled set uses, in proportions of the same order', () => {
    const labels = devLabels();
    const count = (ls: readonly NarrativeLabels[]): Map<string, number> => {
      const m = new Map<string, number>();
      for (const l of ls) for (const e of l.entities) m.set(e.type, (m.get(e.type) ?? 0) + 1);
      return m;
    };
    const dev = count(labels), syn = count(sample.items.map((x) => x.labels));
    const devTotal = [...dev.values()].reduce((a, b) => a + b, 0), synTotal = [...syn.values()].reduce((a, b) => a + b, 0);
    for (const [type, n] of dev) {
      const share = n / devTotal, ours = (syn.get(type) ?? 0) / synTotal;
      expect(ours, type).toBeGreaterThan(share / 5);
      expect(ours, type).toBeLessThan(share * 5);
    }
  });
});
