/**
 * Narrative search: the plain-English query reader, BM25 ranking with filters, facets, phrases,
 * prefixes, typos, snippets and "records like this one", the persisted index file, and sensible
 * top results on the real Dallas modus operandi text.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSearchIndex, loadSearchIndex, parseQuery, readCsv, writeIndexFile, type SearchDoc } from '../../src/records/index.ts';
import { describeShared, SHARED_DATA } from '../helpers/shared.ts';

const NOW = new Date('2024-06-15T12:00:00Z');

describe('parseQuery', () => {
  it('reads category, force by town, relative month and leaves the free words', () => {
    const q = parseQuery('burglaries in Leicester last month where a screwdriver was used', NOW);
    expect(q.filters).toEqual({ categories: ['burglary'], forces: ['leicestershire'], from: '2024-05-01', to: '2024-06-01' });
    expect(q.words.map((w) => w.word)).toContain('screwdriver');
    expect(q.words.map((w) => w.word)).not.toContain('leicester');
  });
  it('reads years, named months, kinds, forces by name, phrases and prefixes', () => {
    const q = parseQuery('intelligence from West Yorkshire Police in March 2023 about "county line" phon*', NOW);
    expect(q.filters).toMatchObject({ kinds: ['intelligence'], forces: ['west-yorkshire'], from: '2023-03-01', to: '2023-04-01' });
    expect(q.phrases).toEqual(['county line']);
    expect(q.words).toContainEqual({ word: 'phon', prefix: true });
    expect(parseQuery('robbery in 2023', NOW).filters).toMatchObject({ categories: ['robbery'], from: '2023-01-01', to: '2024-01-01' });
    expect(parseQuery('assaults in March', NOW).filters).toMatchObject({ from: '2024-03-01', to: '2024-04-01' });
    expect(parseQuery('assaults in September', NOW).filters).toMatchObject({ from: '2023-09-01', to: '2023-10-01' });
  });
  it('takes an unknown capitalised place after "on" or "near" as an area', () => {
    expect(parseQuery('fights near Cowper Street', NOW).filters.area).toBe('Cowper Street');
  });
});

const doc = (i: number, narrative: string, over: Partial<SearchDoc> = {}): SearchDoc => ({
  force_id: 'leicestershire', record_id: `r${i}`, kind: 'crime', occurred_at: '2024-05-10T10:00:00Z', category: 'burglary',
  location_text: 'On or near Hazel Street, Leicester', narrative, ...over,
});
const DOCS: SearchDoc[] = [
  doc(1, 'Rear door forced with a screwdriver, jewellery taken from the bedroom.'),
  doc(2, 'Front door forced, screwdriver marks on the frame, laptop taken.', { occurred_at: '2024-04-02T10:00:00Z' }),
  doc(3, 'Shed broken into, tools taken. No marks.', { force_id: 'gwent', location_text: 'On or near Caerleon Road, Newport' }),
  doc(4, 'Male threatened staff with a knife and took cash from the till.', { category: 'robbery' }),
  doc(5, 'Catalytic converter cut from a Toyota Prius overnight.', { category: 'vehicle-crime', kind: 'incident' }),
  doc(6, 'Catalytic converter stolen from a Honda Jazz on the driveway.', { category: 'vehicle-crime' }),
  doc(7, 'Youths kicking a football against the front window, rear patio door damaged.', { category: 'anti-social-behaviour', kind: 'incident' }),
];

describe('search', () => {
  const index = buildSearchIndex(DOCS);

  it('ranks by BM25 and applies the filters read from the query', () => {
    const r = index.search('burglaries in Leicester last month where a screwdriver was used', { now: NOW });
    expect(r.hits.map((h) => h.record_id)).toEqual(['r1']); // r2 is April, r3 is Gwent and has no screwdriver
    expect(r.hits[0].score).toBeGreaterThan(0);
    const all = index.search('screwdriver');
    expect(all.hits.map((h) => h.record_id).sort()).toEqual(['r1', 'r2']);
  });

  it('counts facets over the matches', () => {
    const r = index.search('taken');
    expect(r.total).toBe(3);
    expect(r.facets.force).toEqual({ leicestershire: 2, gwent: 1 });
    expect(r.facets.month).toEqual({ '2024-05': 2, '2024-04': 1 });
  });

  it('leaves hidden records out of the hits, the total and the facets, with words or without', () => {
    const hidden = [{ force_id: 'gwent', record_id: 'r3' }, { force_id: 'leicestershire', record_id: 'r404' }];
    const r = index.search('taken', { hidden });
    expect(r.hits.map((h) => h.record_id).sort()).toEqual(['r1', 'r2']);
    expect(r.total).toBe(2);
    expect(r.facets.force).toEqual({ leicestershire: 2 });
    const filtersOnly = index.search('in Newport', { hidden });
    expect(filtersOnly.hits.some((h) => h.record_id === 'r3')).toBe(false);
    expect(index.search('"tools taken"', { hidden }).total).toBe(0);
    expect(index.search('"tools taken"').total).toBe(1);
  });

  it('matches phrases exactly, prefixes, and words with a typo', () => {
    expect(index.search('"rear door"').hits.map((h) => h.record_id)).toEqual(['r1']);
    expect(index.search('catalyt*').hits.map((h) => h.record_id).sort()).toEqual(['r5', 'r6']);
    const typo = index.search('screwdirver');
    expect(typo.corrections).toEqual({ screwdirver: ['screwdriver'] });
    expect(typo.hits.map((h) => h.record_id).sort()).toEqual(['r1', 'r2']);
  });

  it('returns snippets with highlight offsets on the matched words', () => {
    const h = index.search('knife').hits[0];
    const [s, e] = h.highlights[0];
    expect(h.snippet.slice(s, e)).toBe('knife');
  });

  it('finds records like this one, not itself', () => {
    const r = index.moreLikeThis('leicestershire', 'r5');
    expect(r.hits[0].record_id).toBe('r6');
    expect(r.hits.map((h) => h.record_id)).not.toContain('r5');
  });

  it('survives being written to a file and opened again, with the same answers', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'peel-search-')), 'index');
    writeIndexFile(index, file);
    const again = loadSearchIndex(file);
    expect(again.size).toBe(DOCS.length);
    for (const q of ['screwdriver', 'catalytic converter', '"front door"', 'knife in Leicester']) {
      expect(again.search(q, { now: NOW }).hits.map((h) => [h.record_id, h.score])).toEqual(index.search(q, { now: NOW }).hits.map((h) => [h.record_id, h.score]));
    }
    expect(again.doc(3)).toEqual(DOCS[3]);
  });
});

describe('what the search says about the query', () => {
  const index = buildSearchIndex(DOCS);

  it('reads "last month" against the data\'s latest month when no date is given, not the clock', () => {
    // The latest record is 2024-05-10, so "last month" is May 2024 whatever today is.
    const r = index.search('burglaries in Leicester last month screwdriver');
    expect(r.anchor).toBe('2024-06-01');
    expect(r.query.filters).toMatchObject({ from: '2024-05-01', to: '2024-06-01' });
    expect(r.hits.map((h) => h.record_id)).toEqual(['r1']);
    // A date given by the caller still wins.
    expect(index.search('burglaries last month screwdriver', { now: new Date('2024-05-15T00:00:00Z') }).hits.map((h) => h.record_id)).toEqual(['r2']);
  });

  it('names the words no record holds, and returns nothing when no word matched', () => {
    const noCats = buildSearchIndex(DOCS.filter((d) => !/catalytic/i.test(d.narrative)));
    const some = noCats.search('catalytic converter taken');
    expect(some.unmatched_terms).toEqual(['catalytic', 'converter']);
    expect(some.hits.length).toBeGreaterThan(0); // they match "taken" only, and the result says so
    const none = noCats.search('catalytic converter thefts in Manchester');
    expect(none.unmatched_terms).toEqual(['catalytic', 'converter', 'thefts']);
    expect(none.total).toBe(0);
    expect(none.hits).toEqual([]);
    expect(index.search('catalytic converter').unmatched_terms).toEqual([]);
    expect(noCats.search('"catalytic converter"').unmatched_terms).toEqual(['"catalytic converter"']);
  });

  it('ranks records holding every asked attribute first: "grey Ford Focus" puts grey Ford Focuses above white ones', () => {
    const cars = buildSearchIndex([
      doc(1, 'White Ford Focus seen. The Ford Focus drove off; the Ford Focus was later found burnt out.'),
      doc(2, 'Suspects left in a white Ford Focus, a Ford Focus estate.'),
      doc(3, 'A grey Ford Focus was parked outside the address for an hour before the burglary, and was later seen heading north on the bypass towards the motorway junction by a passing patrol.'),
      doc(4, 'Grey Vauxhall Corsa seen nearby.'),
      // "grey" is common (hoodies, hair), so it weighs little in BM25 against the repeated "Ford Focus".
      ...Array.from({ length: 8 }, (_, i) => doc(10 + i, `Male in a grey hoodie seen on the estate, report ${i}.`)),
    ]);
    const r = cars.search('grey Ford Focus');
    expect(r.hits[0].record_id).toBe('r3');
    expect(r.hits.map((h) => h.record_id).slice(1, 3).sort()).toEqual(['r1', 'r2']);
    expect(r.hits.slice(3).map((h) => h.record_id)).toContain('r4');
  });
});

describe('the index file', () => {
  const docs: SearchDoc[] = [
    ...DOCS,
    doc(8, 'Zoë ÖZTÜRK reported her café window smashed; the suspect’s bike was left behind.', { force_id: 'kent', record_id: 'r1' }),
    doc(9, 'Naïve caller reported a catalytic converter stolen again from the same Prius.', { category: 'vehicle-crime' }),
    doc(10, 'Updated: rear door forced with a screwdriver, jewellery and a watch taken.', { record_id: 'r1' }), // r1 reloaded
  ];
  const built = buildSearchIndex(docs);
  const file = join(mkdtempSync(join(tmpdir(), 'peel-search-')), 'index');
  writeIndexFile(built, file);
  const opened = loadSearchIndex(file);
  const same = (q: string) => {
    const a = opened.search(q, { now: NOW });
    const b = built.search(q, { now: NOW });
    expect(a.hits.map((h) => [h.record_id, h.score, h.snippet])).toEqual(b.hits.map((h) => [h.record_id, h.score, h.snippet]));
    expect([a.total, a.facets, a.corrections]).toEqual([b.total, b.facets, b.corrections]);
    return a;
  };

  it('answers prefixes, typos, phrases, filters and no-word queries as the built index does', () => {
    expect(same('catalyt*').total).toBe(3);
    expect(same('screwdirver').corrections).toEqual({ screwdirver: ['screwdriver'] });
    expect(same('"catalytic converter" prius').hits.slice(0, 2).map((h) => h.record_id).sort()).toEqual(['r5', 'r9']);
    expect(same('burglaries in Leicester last month').hits.length).toBeGreaterThan(0);
    expect(same('vehicle crime').total).toBe(3);
  });

  it('keeps words outside ASCII, folds their case and drops possessives', () => {
    expect(same('öztürk').hits.map((h) => [h.force_id, h.record_id])).toEqual([['kent', 'r1']]);
    expect(same('CAFÉ').total).toBe(1);
    expect(same('suspect').hits.map((h) => h.force_id)).toEqual(['kent']);
    expect(same('naive').corrections).toEqual({ naive: ['naïve'] }); // no accent folding, but one edit away
  });

  it('finds a record by force and id for "records like this one"; a reloaded record is its latest version', () => {
    expect(opened.find('kent', 'r1')).toBe(7);
    expect(opened.find('leicestershire', 'r1')).toBe(9);
    expect(opened.find('leicestershire', 'nope')).toBe(-1);
    expect(opened.moreLikeThis('leicestershire', 'r5').hits.map((h) => h.record_id)).toEqual(built.moreLikeThis('leicestershire', 'r5').hits.map((h) => h.record_id));
    expect(opened.moreLikeThis('leicestershire', 'r5').hits[0].record_id).toMatch(/^r[69]$/);
  });

  it('reports the latest date, and can be saved again from an opened file', () => {
    expect(opened.latestDate()).toBe('2024-05-10');
    const again = join(mkdtempSync(join(tmpdir(), 'peel-search-')), 'index');
    writeIndexFile(opened, again);
    expect(readFileSync(again)).toEqual(readFileSync(file));
  });

  it('closes its file on request', () => {
    const other = loadSearchIndex(file);
    expect(other.search('knife').hits).toHaveLength(1);
    other.close();
    expect(() => other.search('knife')).toThrow(/is closed/);
    other.close(); // twice is fine
  });

  it('refuses a file that is not an index, and names an index in the old format', () => {
    const dir = mkdtempSync(join(tmpdir(), 'peel-search-'));
    writeFileSync(join(dir, 'junk'), 'not an index at all');
    expect(() => loadSearchIndex(join(dir, 'junk'))).toThrow(/bad magic/);
    writeFileSync(join(dir, 'old'), Buffer.concat([Buffer.from('PEELIDX1'), Buffer.alloc(8)]));
    expect(() => loadSearchIndex(join(dir, 'old'))).toThrow(/old format; rebuild/);
  });
});

describeShared('search over the real Dallas modus operandi text', () => {
  const rows = readCsv(readFileSync(join(SHARED_DATA, 'narratives/dallas/dallas_incidents_mo.csv'), 'utf8'));
  const head = rows[0];
  const mo = head.indexOf('Modus Operandi (MO)');
  const date = head.indexOf('Date1 of Occurrence');
  const docs = rows.slice(1).filter((r) => r.length === head.length).map((r, i): SearchDoc => ({
    force_id: 'dallas', record_id: String(i + 1), kind: 'crime', occurred_at: new Date(`${r[date]} UTC`).toISOString(),
    category: null, location_text: r[head.indexOf('Type of Location')], narrative: r[mo],
  }));
  const index = buildSearchIndex(docs);
  const top = (q: string, n = 5) => index.search(q).hits.slice(0, n).map((h) => docs[Number(h.record_id) - 1].narrative.toUpperCase());

  it('indexes all 599 incidents', () => expect(index.size).toBe(599));
  it('"broke window took property": top results describe exactly that', () => {
    for (const t of top('broke window took property')) expect(t).toMatch(/BROKE.*WINDOW.*TOOK.*PROP/);
  });
  it('"stolen vehicle": top results are about stolen vehicles', () => {
    for (const t of top('stolen vehicle')) expect(t).toMatch(/STOLEN.*VEHICLE|VEHICLE.*STOLEN/);
  });
  it('"knife": every top result mentions a knife', () => {
    for (const t of top('knife')) expect(t).toContain('KNIFE');
  });
  it('"punched face": the best result has both', () => {
    expect(top('punched face', 1)[0]).toMatch(/PUNCH.*FACE/);
  });
  it('a misspelt "vehcle" still finds vehicles', () => {
    expect(top('vehcle', 3).every((t) => t.includes('VEHICLE'))).toBe(true);
  });
});
