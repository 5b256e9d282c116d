/**
 * Narrative ingest parsing: valid records load typed, bad ones are quarantined with every reason,
 * CSV goes through a column mapping, and a record id seen again replaces the earlier record.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { latestByRecordId, parseNarrativeCsv, parseNarrativeLine, type ParsedNarrative } from '../../src/records/index.ts';
import type { NarrativeRecord } from '../../src/standard/index.ts';
import { describeShared, SHARED_DATA } from '../helpers/shared.ts';

const good = { force_id: 'kent', record_id: 'k1', kind: 'crime', occurred_at: '2024-05-01T10:00:00Z', category: 'burglary', location_text: 'On or near High Street', narrative: 'Door forced.' };
const codes = (p: ParsedNarrative) => (p.kind === 'quarantined' ? p.reasons.map((r) => r.code) : []);

describe('parseNarrativeLine', () => {
  it('loads a valid record, defaulting classification and resolving force and category names', () => {
    const p = parseNarrativeLine(JSON.stringify({ ...good, force_id: 'Kent Police', category: 'Violent crime' }), 3);
    expect(p).toMatchObject({ kind: 'loaded', line: 3, record: { force_id: 'kent', category: 'violent-crime', classification: 'OFFICIAL' } });
  });
  it('quarantines with every reason, the line number and the raw text', () => {
    const raw = JSON.stringify({ ...good, force_id: 'atlantis', kind: 'gossip', occurred_at: 'last Tuesday', category: 'Burgalry', lon: 40, lat: 10, classification: 'SECRET', narrative: '' });
    const p = parseNarrativeLine(raw, 7);
    expect(p.kind).toBe('quarantined');
    expect(codes(p).sort()).toEqual(['category.unknown', 'classification.unknown', 'coords.out_of_range', 'field.missing', 'force.unknown', 'kind.unknown', 'occurred_at.unparseable']);
    expect(p).toMatchObject({ line: 7, raw });
    expect(codes(parseNarrativeLine('{not json', 1))).toEqual(['json.unparseable']);
    expect(codes(parseNarrativeLine('[1,2]', 2))).toEqual(['json.unparseable']);
  });
});

describe('parseNarrativeCsv', () => {
  it('maps columns onto the standard and fills defaults', () => {
    const csv = 'Ref,When,Text,Where\nA1,2024-03-02,"Male ""Bob"" shouted, then left",Market Square\nA2,not a date,x,y\n';
    const rows = parseNarrativeCsv(csv, { record_id: 'Ref', occurred_at: 'When', narrative: 'Text', location_text: 'Where' }, { force_id: 'gwent', kind: 'incident' });
    expect(rows[0]).toMatchObject({ kind: 'loaded', record: { record_id: 'A1', narrative: 'Male "Bob" shouted, then left', occurred_at: '2024-03-02T00:00:00Z', force_id: 'gwent' } });
    expect(codes(rows[1])).toEqual(['occurred_at.unparseable']);
    expect(() => parseNarrativeCsv(csv, { narrative: 'Story' })).toThrow(/column "Story"/);
  });
});

describe('reloading', () => {
  it('a record id seen again replaces the earlier record, per force', () => {
    const a = { ...good, narrative: 'first' } as NarrativeRecord;
    const b = { ...good, narrative: 'corrected' } as NarrativeRecord;
    const c = { ...good, force_id: 'gwent', narrative: 'other force' } as NarrativeRecord;
    expect(latestByRecordId([a, c, b]).map((r) => r.narrative)).toEqual(['other force', 'corrected']);
  });
});

describeShared('the labelled narratives', () => {
  it('all 40 load without quarantine', () => {
    const lines = readFileSync(join(SHARED_DATA, 'narratives/labelled/records.ndjson'), 'utf8').trim().split('\n');
    const parsed = lines.map((l, i) => parseNarrativeLine(l, i + 1));
    expect(parsed.filter((p) => p.kind === 'quarantined')).toEqual([]);
    expect(parsed).toHaveLength(40);
  });
});
