/**
 * People named in narratives, linked across forces in the hub: synthetic narratives whose
 * generator knows which records name the same offender (with misspellings, surname-first forms,
 * case changes), loaded into a real DuckDB store, linked, and read back by name within forces.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '../../src/store/index.ts';
import { loadNarratives } from '../../src/records/index.ts';
import { generateNarratives, type CrossForceOffender } from '../../src/synth/narratives/index.ts';
import { linkPersons, linkedPersons, splitName, type PersonLinkSummary } from '../../src/linkage/index.ts';

describe('splitting names as written', () => {
  it('reads forename and surname in the usual forms', () => {
    expect(splitName('Louie HARVEY')).toEqual({ forename: 'Louie', surname: 'HARVEY' });
    expect(splitName('HARVEY, Louie')).toEqual({ forename: 'Louie', surname: 'HARVEY' });
    expect(splitName("Wayne 'Deano' KERSHAW")).toEqual({ forename: 'Wayne', surname: 'KERSHAW' });
    expect(splitName('L. HARVEY')).toEqual({ forename: 'L', surname: 'HARVEY' });
    expect(splitName('HARVEY')).toEqual({ forename: null, surname: 'HARVEY' });
  });
});

describe('linking the persons of the narratives across forces', () => {
  let dir: string;
  let store: Store;
  let offenders: CrossForceOffender[];
  let run: PersonLinkSummary;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'peel-linkage-'));
    store = await openStore({ store: join(dir, 'peel.duckdb') });
    const g = generateNarratives({ seed: 11, forces: ['leicestershire', 'nottinghamshire', 'derbyshire', 'northamptonshire'], endMonth: '2024-12', months: 12, count: 8000 });
    const lines: string[] = [];
    for (const it of g.items) lines.push(JSON.stringify(it.record));
    offenders = g.truth.cross_force_offenders;
    const file = join(dir, 'narratives.ndjson');
    writeFileSync(file, `${lines.join('\n')}\n`);
    await loadNarratives(store, [file], { indexPath: join(dir, 'index') });
    run = await linkPersons(store);
  }, 180_000);
  afterAll(() => {
    store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('links, and saves the entities and links of the run', async () => {
    expect(offenders.length).toBeGreaterThanOrEqual(3);
    expect(run.persons).toBeGreaterThan(1000);
    expect(run.links).toBeGreaterThan(0);
    expect((await store.linkage.lastPersonLinkRun())?.run_id).toBe(run.run_id);
    expect(await store.migrations()).toContain('1101-linkage');
  });

  /** Appearances written with the full forename and the true date of birth. */
  const clean = (o: CrossForceOffender) => o.appearances.filter((a) => a.dob_variant === 'exact' && a.name_variant !== 'initial' && a.name_variant !== 'nickname');

  it("puts an offender's records under different spellings, across forces, in one entity", async () => {
    let pairs = 0;
    let together = 0;
    let spelled = 0;
    for (const o of offenders) {
      const apps = clean(o);
      const found = await linkedPersons(store, { value: `${o.forename} ${o.surname}`, forces: 'all' });
      const entityOf = new Map<string, string>();
      for (const e of found) for (const m of e.members) entityOf.set(m.record_id, e.entity_id);
      // Entities found by the true name, then each appearance's own spelling.
      for (const a of apps) {
        if (entityOf.has(a.record_id)) continue;
        for (const e of await linkedPersons(store, { value: a.name_as_written, forces: 'all' })) for (const m of e.members) if (!entityOf.has(m.record_id)) entityOf.set(m.record_id, e.entity_id);
      }
      for (let i = 0; i < apps.length; i++) {
        for (let j = i + 1; j < apps.length; j++) {
          pairs++;
          const same = entityOf.get(apps[i].record_id) !== undefined && entityOf.get(apps[i].record_id) === entityOf.get(apps[j].record_id);
          if (same) together++;
          if (same && apps[i].force_id !== apps[j].force_id && (apps[i].name_variant === 'misspelt' || apps[j].name_variant === 'misspelt')) spelled++;
        }
      }
    }
    expect(pairs).toBeGreaterThan(3);
    expect(together / pairs).toBeGreaterThanOrEqual(0.8);
    expect(spelled).toBeGreaterThanOrEqual(1);
  });

  it("never puts two offenders' records in one entity", async () => {
    const owner = new Map<string, string>();
    for (const o of offenders) for (const a of o.appearances) owner.set(a.record_id, o.offender_id);
    for (const o of offenders) {
      for (const e of await linkedPersons(store, { value: `${o.forename} ${o.surname}`, forces: 'all' })) {
        const owners = new Set(e.members.map((m) => owner.get(m.record_id)).filter(Boolean));
        expect(owners.size).toBeLessThanOrEqual(1);
      }
    }
  });

  it('explains each link field by field', async () => {
    const o = offenders.find((x) => clean(x).length >= 2)!;
    const e = (await linkedPersons(store, { value: `${o.forename} ${o.surname}`, forces: 'all' })).find((x) => x.links.length);
    expect(e).toBeDefined();
    const why = e!.links[0].why;
    expect(why[0]).toMatch(/^prior: /);
    expect(why.some((l) => /^first name /.test(l))).toBe(true);
    expect(why.some((l) => /^date of birth .+: [+−]\d/.test(l))).toBe(true);
    expect(why[why.length - 1]).toMatch(/^match weight .*: probability 0\.9/);
  });

  it("lists the vehicles, phones and addresses named in the person's records", async () => {
    let shown = 0;
    for (const o of offenders) {
      for (const e of await linkedPersons(store, { value: `${o.forename} ${o.surname}`, forces: 'all' })) {
        const recs = new Set(e.members.map((m) => `${m.force_id}/${m.record_id}`));
        for (const c of e.connections) {
          expect(['VEHICLE_REG', 'PHONE', 'ADDRESS', 'POSTCODE', 'EMAIL']).toContain(c.type);
          for (const r of c.records) expect(recs.has(r)).toBe(true);
          // The value is one the record's own mentions hold.
          const [force_id, record_id] = c.records[0].split('/');
          expect((await store.records.mentions([{ force_id, record_id }])).some((m) => m.type === c.type && m.value === c.value)).toBe(true);
          shown++;
        }
      }
    }
    expect(shown).toBeGreaterThan(0);
  });

  it('shows only the forces the caller may see', async () => {
    const o = offenders.find((x) => new Set(clean(x).map((a) => a.force_id)).size >= 2)!;
    const all = await linkedPersons(store, { value: `${o.forename} ${o.surname}`, forces: 'all' });
    const force = all.flatMap((e) => e.members)[0].force_id;
    const one = await linkedPersons(store, { value: `${o.forename} ${o.surname}`, forces: [force] });
    for (const e of one) {
      expect(e.members.every((m) => m.force_id === force)).toBe(true);
      expect(e.links.every((l) => l.force_id_a === force && l.force_id_b === force)).toBe(true);
    }
    expect(await linkedPersons(store, { value: `${o.forename} ${o.surname}`, forces: [] })).toEqual([]);
  });
});
