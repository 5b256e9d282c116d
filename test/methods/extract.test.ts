import { describe, expect, it } from 'vitest';
import { extractMethod } from '../../src/methods/index.ts';
import { METHOD_FEATURES, METHOD_VOCABULARY } from '../../src/standard/index.ts';

describe('extractMethod', () => {
  it('finds entry, tools, property and time in a burglary, with evidence spans that point at the text', () => {
    const text = 'Res burglary. IP returned home to find the rear door lock snapped, euro cylinder on the floor. Gold jewellery and cash taken. Silver van seen nearby.';
    const m = extractMethod(text, '2024-03-09T02:15:00Z');
    expect(m.features.entry_point).toEqual(['rear_door']);
    expect(m.features.entry_method).toContain('lock_snapped');
    expect(m.features.property).toEqual(['cash', 'jewellery']);
    expect(m.features.vehicle).toEqual(['silver', 'van']);
    expect(m.features.time_of_day).toEqual(['night']);
    expect(m.features.day_of_week).toEqual(['saturday']);
    expect(m.features.target).toContain('dwelling');
    for (const e of m.evidence) expect(text.slice(e.start, e.end)).toBe(e.text);
  });

  it('every feature is present, possibly empty, and only holds controlled values', () => {
    const m = extractMethod('IP (84) had a call from a male claiming to be from the water board. Nothing taken.');
    expect(Object.keys(m.features).sort()).toEqual([...METHOD_FEATURES].sort());
    for (const f of METHOD_FEATURES) {
      const allowed = new Set(METHOD_VOCABULARY[f].map((s) => s.value));
      for (const v of m.features[f]) expect(allowed.has(v)).toBe(true);
    }
    expect(m.features.approach).toContain('posing_as_official');
    expect(m.features.victim).toContain('elderly');
    expect(m.features.property).toEqual(['none']);
    expect(m.features.time_of_day).toEqual([]);
  });

  it('ignores a negated mention', () => {
    const m = extractMethod('No weapons seen, no knife. Suspect used a screwdriver on the back door.');
    expect(m.features.tools_weapons).toEqual(['pry_tool']);
  });

  it('reads lower case, capitals and log abbreviations', () => {
    const a = extractMethod('UNK SUSP BROKE COMPS VEH WINDOW AND TOOK PROPERTY WITHOUT CONSENT');
    expect(a.features.target).toContain('vehicle');
    expect(a.features.entry_method).toContain('glass_broken');
    const b = extractMethod('tfmv overnight - cat converter sawn off, trolley jack marks. 2 males in a white transit');
    expect(b.features.property).toContain('catalytic_converter');
    expect(b.features.tools_weapons).toEqual(expect.arrayContaining(['angle_grinder', 'trolley_jack']));
    expect(b.features.vehicle).toEqual(['van', 'white']);
    expect(b.features.time_of_day).toEqual(['night']);
  });

  it('keeps a method the vocabulary does not hold as a free phrase', () => {
    const m = extractMethod('Two males posing as tree surgeons knocked at the door, one armed with a lump hammer.');
    const free = m.evidence.filter((e) => e.value === null).map((e) => e.text);
    expect(free.some((t) => /posing as tree surgeons/.test(t))).toBe(true);
    expect(free.some((t) => /armed with a lump hammer/.test(t))).toBe(true);
  });
});
