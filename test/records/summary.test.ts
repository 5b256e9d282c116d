/**
 * Extractive summaries, the redaction review's arithmetic (accepted / removed / added, reviewed
 * spans applied with consistent placeholders, bad spans named), and the summariser's switch in
 * the configuration (off by default).
 */
import { describe, expect, it } from 'vitest';
import { summariseRecords, summariserSettings, summariserOn, proposeRedaction, applyReviewedRedaction } from '../../src/records/index.ts';
import { loadConfig } from '../../src/config/index.ts';
import { NARRATIVES } from './fixtures.ts';

const recs = NARRATIVES.map((r) => ({ ...r, category: r.category ?? null }));

describe('summariseRecords', () => {
  const s = summariseRecords(recs);
  it('counts the most mentioned entities by records, then mentions', () => {
    expect(s.records).toBe(4);
    expect(s.entities.vehicles[0]).toEqual({ type: 'VEHICLE_REG', value: 'AB12 CDE', mentions: 4, records: 4 });
    expect(s.entities.phones.map((p) => p.value)).toEqual(['+447700900123', '+441206555123']);
    expect(s.entities.people.map((p) => p.value)).toContain('KYLE BRANNIGAN');
    expect(s.entities.other.some((e) => e.type === 'WEAPON' && e.value === 'screwdriver')).toBe(true);
  });
  it('gives a timeline in time order quoting each record\'s first sentence, and the categories, places and months', () => {
    expect(s.timeline.map((t) => t.record_id)).toEqual(['K-1', 'K-2', 'E-7', 'E-8']);
    expect(s.timeline[2].text).toBe('Catalytic converter stolen.');
    expect(s.period).toEqual({ from: '2024-05-01T10:00:00Z', to: '2024-05-07T09:00:00Z' });
    expect(s.categories).toEqual([{ category: 'burglary', n: 2 }, { category: 'vehicle-crime', n: 1 }]);
    expect(s.forces).toEqual({ essex: 2, kent: 2 });
    expect(s.months).toEqual({ '2024-05': 4 });
    expect(s.places[0].n).toBe(1);
  });
  it('uses stored mentions when given, instead of extracting again', () => {
    const m = summariseRecords(recs, [{ force_id: 'kent', record_id: 'K-1', type: 'PHONE', value: '+1' }]);
    expect(m.entities.phones).toEqual([{ type: 'PHONE', value: '+1', mentions: 1, records: 1 }]);
    expect(m.entities.vehicles).toEqual([]);
  });
});

describe('the redaction review', () => {
  const input = [{ force_id: 'kent', record_id: 'K-1', narrative: NARRATIVES[0].narrative }, { force_id: 'kent', record_id: 'K-2', narrative: NARRATIVES[1].narrative }];
  it('proposes spans with placeholders numbered across the set', () => {
    const p = proposeRedaction(input, 'public');
    expect(p[0].spans.find((s) => s.type === 'VEHICLE_REG')?.placeholder).toBe('[VEHICLE_REG 1]');
    expect(p[1].spans.find((s) => s.type === 'VEHICLE_REG')?.placeholder).toBe('[VEHICLE_REG 1]');
    expect(p[1].redacted).toContain('[PHONE 1]');
  });
  it('applies exactly the reviewed spans and counts what was accepted, removed, added or retyped', () => {
    const p = proposeRedaction(input, 'public');
    const k1 = p[0].spans;
    const person = k1.find((s) => s.type === 'PERSON')!;
    const reviewed = [
      ...k1.filter((s) => s.type !== 'PHONE' && s.type !== 'PERSON'),
      { start: person.start, end: person.end, type: 'OFFICER' }, // retyped: one removed, one added
    ];
    const { records, decision } = applyReviewedRedaction([{ ...input[0], spans: reviewed }, { ...input[1], spans: p[1].spans }], 'public');
    expect(records[0].text).toContain('07700 900123');
    expect(records[0].text).toContain('[OFFICER 1]');
    expect(records[0]).toMatchObject({ removed: 2, added: 1 });
    expect(decision.removedSpans).toEqual([`kent/K-1 PERSON ${person.start}-${person.end}`, expect.stringMatching(/^kent\/K-1 PHONE /)]);
    expect(decision.addedSpans).toEqual([`kent/K-1 OFFICER ${person.start}-${person.end}`]);
    expect(decision.accepted).toBe(reviewed.length - 1 + p[1].spans.length);
    expect(records[1].text).toContain('[VEHICLE_REG 1]');
  });
  it('under the disclosure policy, redacts in the export an officer the reviewer ticked, as the review showed it', () => {
    const rec = { force_id: 'kent', record_id: 'K-9', narrative: 'PC 1234 SMITH attended. Caller Jade HOLT on 07700 900123.' };
    const [p] = proposeRedaction([rec], 'disclosure');
    const officer = p.spans.find((s) => s.type === 'OFFICER')!;
    expect(officer.kept).toBe(true);
    expect(p.redacted).toContain('PC 1234 SMITH');
    // Every span ticked, the officer included: the export redacts every one of them.
    const all = applyReviewedRedaction([{ ...rec, spans: p.spans }], 'disclosure');
    expect(all.records[0].text).toBe('[OFFICER 1] attended. Caller [PERSON 1] on [PHONE 1].');
    expect(all.records[0].spans.every((s) => !s.kept)).toBe(true);
    expect(all.decision).toMatchObject({ accepted: 2, removed: 0, added: 1 });
    expect(all.decision.addedSpans).toEqual([`kent/K-9 OFFICER ${officer.start}-${officer.end}`]);
    // The officer left unticked stays named, and that is what the policy proposed: nothing removed.
    const asProposed = applyReviewedRedaction([{ ...rec, spans: p.spans.filter((s) => !s.kept) }], 'disclosure');
    expect(asProposed.records[0].text).toBe('PC 1234 SMITH attended. Caller [PERSON 1] on [PHONE 1].');
    expect(asProposed.decision).toMatchObject({ accepted: 2, removed: 0, added: 0 });
  });
  it('names a span that is outside the text, overlapping or of an unknown type', () => {
    const r = { ...input[0] };
    expect(() => applyReviewedRedaction([{ ...r, spans: [{ start: 0, end: 999, type: 'PERSON' }] }], 'public')).toThrow(/records\[0\]\.spans\[0\] of kent\/K-1: span 0-999 lies outside/);
    expect(() => applyReviewedRedaction([{ ...r, spans: [{ start: 0, end: 5, type: 'PERSON' }, { start: 3, end: 8, type: 'PERSON' }] }], 'public')).toThrow(/overlaps 0-5/);
    expect(() => applyReviewedRedaction([{ ...r, spans: [{ start: 0, end: 5, type: 'WEAPON' }] }], 'public')).toThrow(/unknown type "WEAPON"/);
  });
});

describe('the summariser switch', () => {
  it('is off by default, and a URL alone does not switch it on', () => {
    expect(summariserOn(summariserSettings(loadConfig({})))).toBe(false);
    expect(summariserOn(summariserSettings(loadConfig({ PEEL_SUMMARISER_URL: 'http://127.0.0.1:1/v1' })))).toBe(false);
    const on = summariserSettings(loadConfig({ PEEL_SUMMARISER_URL: 'http://127.0.0.1:1/v1', PEEL_SUMMARISER_ENABLED: 'true', PEEL_SUMMARISER_MODEL: 'm', PEEL_SUMMARISER_KEY: 'k' }));
    expect(summariserOn(on)).toBe(true);
    expect(on).toEqual({ enabled: true, url: 'http://127.0.0.1:1/v1', model: 'm', apiKey: 'k' });
    expect(() => loadConfig({ PEEL_SUMMARISER_ENABLED: 'maybe' })).toThrow('PEEL_SUMMARISER_ENABLED=maybe is not true or false');
  });
});
