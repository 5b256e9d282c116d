/**
 * Redaction: consistent typed placeholders across a set, the policies, the `peel redact` file
 * contract (redacted records and the spans file in the labelled set's shape), bad input, and the
 * labelled set end to end (no labelled value left in the text).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENTITY_TYPES, type NarrativeLabels, type NarrativeRecord } from '../../src/standard/index.ts';
import { createRedactor, redactFile, REDACTION_POLICIES } from '../../src/records/index.ts';
import { describeShared, REPO_ROOT, SHARED_DATA } from '../helpers/shared.ts';

describe('placeholders', () => {
  it('number each type separately and give the same entity the same placeholder across records', () => {
    const r = createRedactor('public');
    const a = r.redact('IP Kyle BRANNIGAN, tel 07700 900417, drove MA19 XKP. Later BRANNIGAN rang from 07700900417.');
    const b = r.redact('Vehicle MA19XKP seen again; Tina BRANNIGAN and Kyle BRANNIGAN spoken to; new phone 07700 900999.');
    expect(a.text).toBe('IP [PERSON 1], tel [PHONE 1], drove [VEHICLE_REG 1]. Later [PERSON 1] rang from [PHONE 1].');
    expect(b.text).toBe('Vehicle [VEHICLE_REG 1] seen again; [PERSON 2] and [PERSON 1] spoken to; new phone [PHONE 2].');
    expect(r.counts()).toMatchObject({ PERSON: 2, PHONE: 2, VEHICLE_REG: 1 });
  });

  it('join a lone surname or forename to the full name it belongs to in the same record', () => {
    const r = createRedactor('public');
    const out = r.redact('Witness Kyle BRANNIGAN and his mum Tina BRANNIGAN. Kyle was upset; Tina called back.');
    expect(out.text).toBe('Witness [PERSON 1] and his mum [PERSON 2]. [PERSON 1] was upset; [PERSON 2] called back.');
  });

  it('accept reviewed spans in place of the extractor\'s', () => {
    const r = createRedactor('public');
    const text = 'Seen by the man from the shop.';
    const start = text.indexOf('the man');
    const end = start + 'the man'.length;
    const out = r.redact(text, [{ start, end, type: 'PERSON', text: text.slice(start, end), value: 'THE MAN' }]);
    expect(out.text).toBe('Seen by [PERSON 1] from the shop.');
  });
});

describe('policies', () => {
  const text = 'Arrested by PC 2250 COLLINS; suspect Dean ASHBY DOB 21/06/1988 of 41 Grange Road, Ramsgate.';
  it('disclosure keeps officers named and replaces everything else', () => {
    const out = createRedactor('disclosure').redact(text);
    expect(out.text).toBe('Arrested by PC 2250 COLLINS; suspect [PERSON 1] DOB [DATE_OF_BIRTH 1] of [ADDRESS 1].');
    expect(out.spans.find((s) => s.type === 'OFFICER')?.kept).toBe(true);
  });
  it('public replaces officers too', () => {
    expect(createRedactor('public').redact(text).text).toBe('Arrested by [OFFICER 1]; suspect [PERSON 1] DOB [DATE_OF_BIRTH 1] of [ADDRESS 1].');
  });
  it('each policy keeps only known types', () => {
    for (const p of Object.values(REDACTION_POLICIES)) for (const t of p.keep) expect(ENTITY_TYPES).toContain(t);
  });
});

describe('redactFile and peel redact', () => {
  const dir = mkdtempSync(join(tmpdir(), 'peel-redact-'));
  const input = join(dir, 'in.ndjson');
  const recs = [
    { force_id: 'kent', record_id: 'r1', kind: 'crime', narrative: 'IP Joy ADEBAYO tel 0113 496 0715 reports theft.' },
    { force_id: 'kent', record_id: 'r2', kind: 'crime', narrative: 'ADEBAYO called back from 0113 496 0715; OIC PC 6190 KERSHAW.' },
  ];
  writeFileSync(input, recs.map((r) => JSON.stringify(r)).join('\n') + '\n');

  it('writes redacted records with every other field untouched, and spans in the labelled set\'s shape', async () => {
    const out = join(dir, 'out.ndjson');
    const spans = join(dir, 'spans.ndjson');
    const summary = await redactFile({ in: input, out, spansOut: spans, policy: 'disclosure' });
    expect(summary.records).toBe(2);
    const red = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(red[0]).toEqual({ ...recs[0], narrative: 'IP [PERSON 1] tel [PHONE 1] reports theft.' });
    expect(red[1].narrative).toBe('[PERSON 1] called back from [PHONE 1]; OIC PC 6190 KERSHAW.');
    const lines = readFileSync(spans, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as NarrativeLabels);
    expect(lines.map((l) => l.record_id)).toEqual(['r1', 'r2']);
    for (const [i, l] of lines.entries()) {
      for (const e of l.entities) {
        expect(Object.keys(e).sort()).toEqual(['end', 'start', 'text', 'type']);
        expect(recs[i].narrative.slice(e.start, e.end)).toBe(e.text);
      }
    }
    expect(lines[1].entities.map((e) => e.type)).toEqual(['PERSON', 'PHONE', 'OFFICER']);
  });

  it('the CLI prints a JSON summary and needs no --out when --spans-out is given', () => {
    const spans = join(dir, 'cli-spans.ndjson');
    const stdout = execFileSync('node', ['bin/peel.mjs', 'redact', '--in', input, '--spans-out', spans, '--json'], { cwd: REPO_ROOT, encoding: 'utf8' });
    const summary = JSON.parse(stdout);
    expect(summary).toMatchObject({ records: 2, policy: 'disclosure', found: { PERSON: 2, PHONE: 2, OFFICER: 1 } });
    expect(readFileSync(spans, 'utf8').trim().split('\n')).toHaveLength(2);
  });

  it('stops on a bad line naming the file, the line and the value', async () => {
    const bad = join(dir, 'bad.ndjson');
    writeFileSync(bad, JSON.stringify(recs[0]) + '\n{"record_id": "r9", "narrative": 42}\n');
    await expect(redactFile({ in: bad, spansOut: join(dir, 'x.ndjson') })).rejects.toThrow(/line 2 of .*bad\.ndjson: narrative .*"r9": 42/);
    const r = spawnSync('node', ['bin/peel.mjs', 'redact', '--in', bad, '--out', join(dir, 'y.ndjson'), '--policy', 'everything'], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown policy "everything"/);
  });
});

describeShared('the hand-written labelled set', () => {
  it('public redaction leaves no labelled value of more than 3 characters in any narrative', () => {
    const dir = join(SHARED_DATA, 'narratives/labelled');
    const recs = readFileSync(join(dir, 'records.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as NarrativeRecord);
    const labs = readFileSync(join(dir, 'labels.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as NarrativeLabels);
    const r = createRedactor('public');
    const leaks: string[] = [];
    recs.forEach((rec, i) => {
      const text = r.redact(rec.narrative).text;
      for (const e of labs[i].entities) if (e.text.length > 3 && text.includes(e.text)) leaks.push(`${rec.record_id} ${e.type} ${e.text}`);
    });
    expect(leaks).toEqual([]);
  });
});
