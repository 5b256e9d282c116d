/**
 * The people named in the hub's narratives, linked across records and forces: each PERSON
 * mention (with the date of birth written after it) becomes a record with a forename, a surname
 * and a date of birth; `link` finds the same person under different spellings ("Jon SMYTH,
 * 12/03/1987" and "SMITH, Jonathan, 1987-03-12"), and the entities, the linked pairs and why
 * each pair was linked are saved in the store. `linkedPersons` reads them back for one name,
 * within the forces the caller may see.
 */
import { randomBytes } from 'node:crypto';
import { PeelError } from '../standard/index.ts';
import type { PersonEntityRow, PersonLinkRow, PersonMentionRow, Store } from '../store/index.ts';
import { explainPair } from './explain.ts';
import { link } from './linker.ts';

/** Forename and surname of a name as written: `John 'Nick' SMITH`, `SMITH, John`, `J. Smith`. */
export function splitName(text: string): { forename: string | null; surname: string | null } {
  const t = text.replace(/(['"‘’“”]).*?\1/g, ' ').replace(/\s+/g, ' ').trim();
  if (t.includes(',')) {
    const [sur, fore] = t.split(',', 2).map((s) => s.trim());
    return { forename: fore?.split(' ')[0] || null, surname: sur || null };
  }
  const w = t.split(' ').filter(Boolean);
  if (w.length === 1) return { forename: null, surname: w[0] };
  return { forename: w[0].replace(/\.$/, '') || null, surname: w[w.length - 1] };
}

export interface PersonLinkSummary {
  readonly run_id: string;
  readonly persons: number;
  readonly candidate_pairs: number;
  readonly links: number;
  /** Entities of two person-records or more. */
  readonly linked_entities: number;
  readonly entities: number;
  readonly lambda: number;
  readonly threshold: number;
  readonly seconds: number;
}

/** Links every person named in the store's narratives and saves the entities (replacing the last run). */
export async function linkPersons(store: Store, o: { threshold?: number } = {}): Promise<PersonLinkSummary> {
  const t0 = performance.now();
  const threshold = o.threshold ?? 0.9;
  const all = await store.linkage.personMentions();
  // "HARVEY" later in a record that names "Louie HARVEY" is the same mention, not another person.
  const rows = all.filter((x, i) => {
    if (/\s/.test(x.person_value)) return true;
    for (let j = i - 1; j >= 0 && all[j].record_id === x.record_id && all[j].force_id === x.force_id; j--) if (all[j].person_value.endsWith(` ${x.person_value}`)) return false;
    for (let j = i + 1; j < all.length && all[j].record_id === x.record_id && all[j].force_id === x.force_id; j++) if (all[j].person_value.endsWith(` ${x.person_value}`)) return false;
    return true;
  });
  if (rows.length < 2) throw new PeelError('no_data', `the store holds ${rows.length} named person${rows.length === 1 ? '' : 's'}: load narratives first (peel records ingest)`);
  const names = rows.map((r) => splitName(r.name_text));
  const r = link({
    ids: rows.map((x) => `${x.force_id}/${x.record_id}/${x.person_value}`),
    columns: { forename: names.map((n) => n.forename), surname: names.map((n) => n.surname), date_of_birth: rows.map((x) => x.dob_value) },
    display: { date_of_birth: rows.map((x) => x.dob_text) },
  }, {
    comparisons: { forename: 'name', surname: 'name', date_of_birth: 'date' },
    // Surname spellings vary, so also block on the date of birth, and on forename with the year.
    blocking: [['surname'], ['date_of_birth'], ['forename', 'date_of_birth:year']],
    threshold,
    randomPairs: 300_000,
  });
  const runId = `l${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const entities: PersonEntityRow[] = rows.map((x, i) => ({ ...x, entity_id: `${runId}-${r.clustering.clusterOf[i]}` }));
  const links: PersonLinkRow[] = [];
  for (let k = 0; k < r.pairs.length; k++) {
    if (r.pairs.probability[k] < threshold) continue;
    const a = r.pairs.a[k];
    const b = r.pairs.b[k];
    // Only pairs inside one entity (a chain cut by the clustering check is not a link).
    if (r.clustering.clusterOf[a] !== r.clustering.clusterOf[b]) continue;
    const e = explainPair(r, a, b);
    const [x, y] = [rows[a], rows[b]];
    links.push({
      force_id_a: x.force_id, record_id_a: x.record_id, person_a: x.person_value,
      force_id_b: y.force_id, record_id_b: y.record_id, person_b: y.person_value,
      probability: r.pairs.probability[k], weight: r.pairs.weight[k],
      why: e.lines.map((l) => l.replace(/^forename /, 'first name ')),
    });
  }
  const run = {
    run_id: runId, persons: rows.length, candidate_pairs: r.pairs.length, links: links.length,
    entities: r.clustering.clusters, lambda: r.model.lambda, threshold,
  };
  await store.linkage.savePersonLinks(run, entities, links);
  return { ...run, linked_entities: r.clustering.multi, seconds: (performance.now() - t0) / 1000 };
}

/** One person entity: how it is written, where, and the links that join it. */
export interface LinkedPerson {
  readonly entity_id: string;
  readonly spellings: readonly string[];
  readonly dates_of_birth: readonly string[];
  readonly forces: readonly string[];
  readonly members: ReadonlyArray<Pick<PersonMentionRow, 'force_id' | 'record_id' | 'person_value' | 'name_text' | 'dob_text'>>;
  readonly links: readonly PersonLinkRow[];
  /** Vehicles, phones, addresses and postcodes named in the person's records: the person's connections. */
  readonly connections: ReadonlyArray<{ readonly type: string; readonly value: string; readonly records: readonly string[] }>;
}

/** Entity types shown as a person's connections. */
export const CONNECTION_TYPES = ['VEHICLE_REG', 'PHONE', 'ADDRESS', 'POSTCODE', 'EMAIL'] as const;

/** The entities of the person named `value` (normalised as the extractor does: upper case) within `forces`. */
export async function linkedPersons(store: Store, q: { value: string; forces: 'all' | readonly string[] }): Promise<LinkedPerson[]> {
  const value = q.value.toUpperCase().replace(/['"‘’“”]/g, '').replace(/\s+/g, ' ').trim();
  // The same name written surname first ("HARVEY, LOUIE") is found too.
  const { forename, surname } = splitName(value);
  const values = forename && surname ? [value, `${surname}, ${forename}`, `${forename} ${surname}`] : [value];
  const { members, links } = await store.linkage.linkedPersons({ values: [...new Set(values)], forces: q.forces });
  const byEntity = new Map<string, PersonEntityRow[]>();
  for (const m of members) byEntity.set(m.entity_id, [...(byEntity.get(m.entity_id) ?? []), m]);
  const key = (f: string, r: string, p: string) => `${f}\u001f${r}\u001f${p}`;
  const entityOf = new Map(members.map((m) => [key(m.force_id, m.record_id, m.person_value), m.entity_id]));
  const keys = [...new Map(members.map((m) => [`${m.force_id}/${m.record_id}`, { force_id: m.force_id, record_id: m.record_id }])).values()];
  const mentions = keys.length ? await store.records.mentions(keys) : [];
  const connectionsOf = (ms: readonly PersonEntityRow[]) => {
    const recs = new Set(ms.map((m) => `${m.force_id}/${m.record_id}`));
    const out = new Map<string, { type: string; value: string; records: Set<string> }>();
    for (const x of mentions) {
      const rec = `${x.force_id}/${x.record_id}`;
      if (!recs.has(rec) || !(CONNECTION_TYPES as readonly string[]).includes(x.type)) continue;
      const k = `${x.type}\u001f${x.value}`;
      if (!out.has(k)) out.set(k, { type: x.type, value: x.value, records: new Set() });
      out.get(k)!.records.add(rec);
    }
    return [...out.values()].map((c) => ({ type: c.type, value: c.value, records: [...c.records] })).sort((a, b) => b.records.length - a.records.length || a.type.localeCompare(b.type));
  };
  return [...byEntity.entries()].map(([entity_id, ms]) => ({
    entity_id,
    spellings: [...new Set(ms.map((m) => m.name_text))],
    dates_of_birth: [...new Set(ms.map((m) => m.dob_text).filter((d): d is string => !!d))],
    forces: [...new Set(ms.map((m) => m.force_id))],
    members: ms.map(({ force_id, record_id, person_value, name_text, dob_text }) => ({ force_id, record_id, person_value, name_text, dob_text })),
    links: links.filter((l) => entityOf.get(key(l.force_id_a, l.record_id_a, l.person_a)) === entity_id),
    connections: connectionsOf(ms),
  }));
}

/** Linked persons as text lines for the terminal: the other spellings and records, and why each link was made. */
export function renderLinkedPersons(entities: readonly LinkedPerson[]): string[] {
  const out: string[] = [];
  for (const e of entities) {
    if (e.members.length < 2) continue;
    out.push('', `linked person (${e.entity_id}): written ${e.spellings.map((s) => `"${s}"`).join(', ')}${e.dates_of_birth.length ? `; born ${e.dates_of_birth.join(', ')}` : ''}; ${e.members.length} records in ${e.forces.join(', ')}`);
    for (const m of e.members) out.push(`  ${m.force_id}/${m.record_id}  as "${m.name_text}"${m.dob_text ? `, ${m.dob_text}` : ''}`);
    if (e.connections.length) out.push(`  connections: ${e.connections.map((c) => `${c.type} ${c.value} (${c.records.length} record${c.records.length === 1 ? '' : 's'})`).join('; ')}`);
    for (const l of e.links) {
      out.push(`  why ${l.force_id_a}/${l.record_id_a} ~ ${l.force_id_b}/${l.record_id_b} (probability ${l.probability.toFixed(3)}):`);
      for (const w of l.why) out.push(`    ${w}`);
    }
  }
  if (!entities.length) out.push('', 'no linked persons for this name (run `peel link-persons` after loading narratives)');
  return out;
}
