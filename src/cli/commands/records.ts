/**
 * `peel records ingest|entity|summary|index|search|like`: loads narrative records into the store
 * (and rebuilds the search index from it), shows every record mentioning an entity, summarises a
 * set of records, and builds or queries the search index. Thin: parses flags, calls src/records,
 * renders. The index file defaults to `<store>.records-index` beside the store. Reads of record
 * contents from the store are audited (as the operator, `cli:<os user>`) with the `--why` given.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { PeelError, type NarrativeRecord } from '../../standard/index.ts';
import { userInfo } from 'node:os';
import { readFileSync } from 'node:fs';
import {
  createIndexBuilder, latestByRecordId, loadSearchIndex, parseNarrativeLine, writeIndexFile, loadNarratives, entityRecords,
  summariseRecords, advisorySummary, searchIndexPath, summariserSettings, summariserOn, ADVISORY_LABEL,
  type ParsedNarrative, type SearchResult, type NarrativeColumnMapping, type RecordsSummary, type SummaryRecord,
} from '../../records/index.ts';
import { withStore } from '../store.ts';
import { argPath } from '../terminal.ts';
import { linkedPersons, renderLinkedPersons } from '../../linkage/index.ts';
import { audit, searchTextFacts, searchTextPolicy } from '../../access/index.ts';
import { configFor, printJson, withCommon, type CommonOptions, type Register } from '../context.ts';
import type { PeelConfig } from '../../config/index.ts';
import { registerRecordsMethods } from './records-methods.ts';

/** The search index: `--index`, else the store's own (beside a DuckDB file; in `indexDir` for a server store). */
const indexPath = (config: PeelConfig, flag?: string) => (flag !== undefined ? argPath(flag) : searchIndexPath(config.store, config.indexDir));

function render(r: SearchResult): void {
  if (r.query.understood.length) process.stdout.write(`understood: ${r.query.understood.join('; ')}\n`);
  for (const [w, alts] of Object.entries(r.corrections)) process.stdout.write(`"${w}" not found; searched ${alts.join(', ')}\n`);
  if (r.anchor && r.query.understood.some((u) => u.startsWith('date:'))) process.stdout.write(`relative dates read against ${r.anchor}\n`);
  if (r.unmatched_terms.length) {
    process.stdout.write(`no record mentions ${r.unmatched_terms.map((t) => `"${t}"`).join(', ')}${r.total ? ': the records below match the other words only' : ''}\n`);
  }
  process.stdout.write(`${r.total} matching records\n`);
  for (const h of r.hits) {
    process.stdout.write(`\n${h.force_id}/${h.record_id}  ${h.occurred_at.slice(0, 10)}  ${h.kind}  ${h.category ?? ''}  score ${h.score}\n  ${h.snippet}\n`);
  }
}

const operator = () => `cli:${userInfo().username}`;

/** `field=value` pairs of a repeatable option. */
function pairs(list: readonly string[] | undefined, flag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of list ?? []) {
    const i = p.indexOf('=');
    if (i <= 0) throw new PeelError('bad_input', `${flag} takes field=value, got "${p}"`);
    out[p.slice(0, i).trim()] = p.slice(i + 1).trim().replace(/^"(.*)"$/, '$1');
  }
  return out;
}

const collect = (v: string, prev: string[] = []) => [...prev, v];

function checkWhy(why: string | undefined): string {
  const w = (why ?? '').trim();
  if (w.length < 5) throw new PeelError('bad_input', '--why is required: say why you need these records (5 characters or more, e.g. a case reference); it is kept in the audit log');
  return w;
}

function renderSummary(s: RecordsSummary): void {
  const out = (l: string) => process.stdout.write(`${l}\n`);
  out(`${s.records} records, ${s.period.from?.slice(0, 10) ?? '-'} to ${s.period.to?.slice(0, 10) ?? '-'}; forces: ${Object.entries(s.forces).map(([f, n]) => `${f} ${n}`).join(', ')}`);
  out(`categories: ${s.categories.map((c) => `${c.category} ${c.n}`).join(', ') || '-'}`);
  out(`places: ${s.places.map((p) => `${p.place} (${p.n})`).join('; ') || '-'}`);
  for (const [g, list] of Object.entries(s.entities)) {
    if (list.length) out(`${g}: ${list.map((e) => `${e.value} [${e.type}] in ${e.records} record${e.records === 1 ? '' : 's'}`).join('; ')}`);
  }
  out('timeline:');
  for (const t of s.timeline) out(`  ${t.occurred_at.slice(0, 16).replace('T', ' ')}  ${t.force_id}/${t.record_id}  ${t.text}`);
}

export const registerRecords: Register = (program: Command, config: PeelConfig) => {
  const records = program.command('records').description('the records assistant: load, search, link and summarise narrative records');
  registerRecordsMethods(records, config);

  withCommon(records.command('ingest'))
    .description('load narrative records (NDJSON, or CSV with --map) into the store, one transaction per file; rebuilds the search index')
    .argument('<files...>', 'narrative files: .ndjson (the standard format) or .csv with a column mapping')
    .option('--map <field=column>', 'CSV: the column holding a standard field (repeat), e.g. narrative="Modus Operandi (MO)"', collect)
    .option('--default <field=value>', 'CSV: a value for a field no column holds (repeat), e.g. force_id=kent', collect)
    .option('--index <file>', 'search index to rebuild (default: <store>.records-index)')
    .action(async (files: string[], flags: CommonOptions & { map?: string[]; default?: string[]; index?: string }) => {
      const cfg = configFor(config, flags);
      const map = pairs(flags.map, '--map');
      const mapping = Object.keys(map).length ? (map as NarrativeColumnMapping) : undefined;
      if (mapping && !mapping.narrative) throw new PeelError('bad_input', '--map must name the narrative column, e.g. --map narrative="Modus Operandi (MO)"');
      const result = await withStore(cfg, async (store) => {
        const r = await loadNarratives(store, files.map(argPath), {
          mapping, defaults: pairs(flags.default, '--default'), indexPath: indexPath(cfg, flags.index),
          onFile: (f) => {
            if (flags.json) return;
            process.stdout.write(`${f.path}: read ${f.rows_read} = loaded ${f.rows_loaded} + quarantined ${f.rows_quarantined}` +
              `${f.records_replaced ? ` (${f.records_replaced} replaced records already held)` : ''}; ${f.mentions} entity mentions; batch ${f.batch_id}\n`);
            for (const q of f.firstQuarantined) process.stdout.write(`  line ${q.line} of ${f.source}: ${q.reasons}: ${q.value}\n`);
            if (f.rows_quarantined > f.firstQuarantined.length) process.stdout.write(`  ... ${f.rows_quarantined - f.firstQuarantined.length} more (all are in the store's narrative quarantine)\n`);
          },
        });
        // DPA 2018 s.62: every load is a collection, logged with ids and counts only.
        for (const f of r.files) {
          await audit(store, {
            actor: operator(), action: f.records_replaced ? 'alteration' : 'collection', outcome: 'success', objectIds: [`batch:${f.batch_id}`],
            forceId: f.forces.length === 1 ? f.forces[0] : null,
            detail: { command: 'peel records ingest', source: f.source, rows_read: f.rows_read, rows_loaded: f.rows_loaded, rows_quarantined: f.rows_quarantined, forces: f.forces },
          });
        }
        return r;
      });
      if (flags.json) printJson({ ...result, files: result.files.map(({ firstQuarantined: q, ...f }) => ({ ...f, quarantined: q })) });
      else if (result.index) process.stdout.write(`store holds ${result.records} narrative records; search index rebuilt (${result.index.records} records, ${result.index.terms} terms) in ${result.index.seconds.toFixed(1)} s: ${result.index.path}\n`);
      if (!flags.json && result.methods) process.stdout.write(`method features read for ${result.methods.records} records in ${result.methods.seconds.toFixed(1)} s\n`);
    });

  withCommon(records.command('quarantine'))
    .description('narrative records that failed the standard on load: file, line, reasons and the raw line (record contents: give --why)')
    .requiredOption('--why <text>', 'why you need to read them (kept in the audit log)')
    .option('--force <slug>', 'only this force (unknown: records whose force could not be read)')
    .option('--batch <id>', 'only this load')
    .option('--limit <n>', 'rows to show', '50')
    .action(async (flags: CommonOptions & { why?: string; force?: string; batch?: string; limit: string }) => {
      const why = checkWhy(flags.why);
      const page = await withStore(configFor(config, flags), async (store) => {
        const p = await store.records.quarantine({ force: flags.force, batch: flags.batch, limit: Number(flags.limit) || 50 });
        await audit(store, {
          actor: operator(), action: 'consultation', outcome: 'success', justification: why, objectIds: [...new Set(p.items.map((q) => `batch:${q.batch_id}`))],
          forceId: flags.force ?? null, detail: { command: 'peel records quarantine', returned: p.items.length, total: p.total },
        });
        return p;
      });
      if (flags.json) return printJson(page);
      process.stdout.write(`${page.total} quarantined narrative record${page.total === 1 ? '' : 's'}\n`);
      for (const q of page.items) process.stdout.write(`  line ${q.line} of ${q.source} (${q.force_id}, batch ${q.batch_id}): ${q.reasons.join(', ')}: ${q.detail}\n    ${q.raw.length > 160 ? `${q.raw.slice(0, 157)}...` : q.raw}\n`);
    });

  withCommon(records.command('entity'))
    .description('every record mentioning an entity, across forces, e.g. `peel records entity VEHICLE_REG "ab12 cde" --why "case 123"`')
    .argument('<type>', 'entity type: PERSON, VEHICLE_REG, PHONE, EMAIL, POSTCODE, ADDRESS, ...')
    .argument('<value>', 'the value, in any spacing or case (normalised as the extractor normalises it)')
    .requiredOption('--why <text>', 'why you need it (kept in the audit log as the justification)')
    .option('--force <slugs>', 'only these forces (comma-separated)')
    .option('--limit <n>', 'records to show', '100')
    .action(async (type: string, value: string, flags: CommonOptions & { why?: string; force?: string; limit: string }) => {
      const why = checkWhy(flags.why);
      const forces = flags.force ? flags.force.split(',').map((f) => f.trim()).filter(Boolean) : 'all';
      const page = await withStore(configFor(config, flags), async (store) => {
        const p = await entityRecords(store, { type, value, forces, limit: Number(flags.limit) || 100 });
        // A person: also the same person under other spellings, linked by `peel link-persons` (src/linkage).
        const linked = p.type === 'PERSON' ? await linkedPersons(store, { value: p.value, forces }) : [];
        const linkedIds = linked.flatMap((e) => e.members.map((m) => `record:${m.force_id}/${m.record_id}`));
        await audit(store, {
          actor: operator(), action: 'combination', outcome: 'success', justification: why,
          objectIds: [...new Set([`entity:${p.type}`, ...p.items.map((r) => `record:${r.force_id}/${r.record_id}`), ...linkedIds])].slice(0, 200),
          forceId: Object.keys(p.byForce).length === 1 ? Object.keys(p.byForce)[0] : null,
          detail: { command: 'peel records entity', type: p.type, records: p.total, forces: Object.keys(p.byForce), linked_records: linkedIds.length },
        });
        return { ...p, linked };
      });
      if (flags.json) return printJson(page);
      process.stdout.write(`${page.type} ${page.value}: ${page.total} record${page.total === 1 ? '' : 's'}${page.total ? ` (${Object.entries(page.byForce).map(([f, n]) => `${f} ${n}`).join(', ')})` : ''}\n`);
      for (const r of page.items) {
        process.stdout.write(`  ${r.occurred_at.slice(0, 10)}  ${r.force_id}/${r.record_id}  ${r.kind}  ${r.category ?? ''}  ${r.location_text}  as ${r.texts.map((t) => `"${t}"`).join(', ')}${r.mentions > 1 ? ` (${r.mentions} mentions)` : ''}\n`);
      }
      for (const line of renderLinkedPersons(page.linked)) process.stdout.write(`${line}\n`);
    });

  withCommon(records.command('summary'))
    .description('summarise a set of records: most mentioned people, vehicles, phones and places, timeline, categories (extractive)')
    .argument('[query...]', 'a search over the store\'s records (plain English, as `peel records search`)')
    .option('--in <file>', 'summarise the records of this NDJSON file instead of a search')
    .option('--why <text>', 'why you need the records (required for a search over the store; kept in the audit log)')
    .option('--limit <n>', 'records of the search to summarise (best first)', '200')
    .option('--now <date>', 'date that "last month" and the like are relative to (default: the month after the latest record, so "last month" is the data\'s latest month)')
    .option('--advisory', 'also ask the configured OpenAI-compatible summariser (sends the records to it; needs PEEL_SUMMARISER_URL and PEEL_SUMMARISER_ENABLED=true)')
    .action(async (words: string[], flags: CommonOptions & { in?: string; why?: string; limit: string; now?: string; advisory?: boolean }) => {
      const cfg = configFor(config, flags);
      const settings = summariserSettings(cfg);
      if (flags.advisory && !summariserOn(settings)) {
        throw new PeelError('bad_input', '--advisory: the optional summariser is off; set PEEL_SUMMARISER_URL and PEEL_SUMMARISER_ENABLED=true to send records to it');
      }
      let recs: SummaryRecord[];
      let summary: RecordsSummary;
      if (flags.in) {
        if (words.length) throw new PeelError('bad_input', 'give either a query or --in FILE, not both');
        const text = readFileSync(flags.in, 'utf8');
        const ok: NarrativeRecord[] = [];
        text.split(/\r?\n/).forEach((l, i) => {
          if (!l.trim()) return;
          const p = parseNarrativeLine(l, i + 1);
          if (p.kind === 'loaded') ok.push(p.record);
          else process.stderr.write(`line ${p.line} of ${flags.in}: skipped: ${p.reasons.map((r) => r.detail).join('; ')}\n`);
        });
        recs = latestByRecordId(ok);
        summary = summariseRecords(recs);
      } else {
        if (!words.length) throw new PeelError('bad_input', 'give a query (e.g. "burglary screwdriver") or --in FILE');
        const why = checkWhy(flags.why);
        const now = flags.now ? new Date(flags.now) : undefined;
        if (now && Number.isNaN(now.getTime())) throw new PeelError('bad_input', `--now "${flags.now}" is not a date`);
        const index = loadSearchIndex(indexPath(cfg));
        const hits = index.search(words.join(' '), { limit: Number(flags.limit) || 200, now }).hits;
        ({ recs, summary } = await withStore(cfg, async (store) => {
          const keys = hits.map((h) => ({ force_id: h.force_id, record_id: h.record_id }));
          const rows = await store.records.records(keys);
          const s = summariseRecords(rows, await store.records.mentions(keys));
          await audit(store, {
            actor: operator(), action: 'consultation', outcome: 'success', justification: why,
            objectIds: rows.map((r) => `record:${r.force_id}/${r.record_id}`).slice(0, 200),
            detail: { command: 'peel records summary', ...searchTextFacts(words.join(' '), searchTextPolicy(cfg)), records: rows.length, advisory: !!flags.advisory },
          });
          return { recs: rows as SummaryRecord[], summary: s };
        }));
      }
      const advisory = flags.advisory ? await advisorySummary(settings, recs) : null;
      if (flags.json) return printJson({ summary, advisory });
      renderSummary(summary);
      if (advisory) process.stdout.write(`\n${ADVISORY_LABEL}\n(${advisory.model} at ${advisory.endpoint})\n${advisory.text}\n`);
    });

  withCommon(records.command('index'))
    .description('build the search index from narrative records (NDJSON, the standard narrative format)')
    .requiredOption('--in <file>', 'narrative records, one JSON object a line')
    .option('--index <file>', 'index file to write (default: <store>.records-index)')
    .action(async (flags: CommonOptions & { in: string; index?: string }) => {
      const cfg = configFor(config, flags);
      const builder = createIndexBuilder();
      const t0 = performance.now();
      const loaded: NarrativeRecord[] = [];
      const quarantined: ParsedNarrative[] = [];
      let line = 0;
      for await (const raw of createInterface({ input: createReadStream(flags.in, { encoding: 'utf8' }), crlfDelay: Infinity })) {
        line++;
        if (!raw.trim()) continue;
        const p = parseNarrativeLine(raw, line);
        if (p.kind === 'loaded') loaded.push(p.record);
        else quarantined.push(p);
      }
      // A record id seen again replaces the earlier one.
      for (const r of latestByRecordId(loaded)) builder.add({ ...r, category: r.category ?? null });
      const index = builder.finish();
      const path = indexPath(cfg, flags.index);
      writeIndexFile(index, path);
      const seconds = (performance.now() - t0) / 1000;
      const q = quarantined.map((p) => (p.kind === 'quarantined' ? { line: p.line, reasons: p.reasons, raw: p.raw.slice(0, 200) } : null));
      if (flags.json) printJson({ index: path, read: loaded.length + quarantined.length, records: index.size, quarantined: q, terms: index.terms, seconds });
      else {
        process.stdout.write(`indexed ${index.size} records (${index.terms} terms) in ${seconds.toFixed(1)} s into ${path}; ${quarantined.length} quarantined\n`);
        for (const x of q.slice(0, 20)) if (x) process.stdout.write(`  line ${x.line} of ${flags.in}: ${x.reasons.map((r) => r.detail).join('; ')}\n`);
      }
    });

  withCommon(records.command('search'))
    .description('search narratives in plain English, e.g. "burglaries in Leicester last month where a screwdriver was used"')
    .argument('<query...>', 'the query')
    .option('--index <file>', 'index file (default: <store>.records-index)')
    .option('--limit <n>', 'results to show', '10')
    .option('--now <date>', 'date that "last month" and the like are relative to (default: the month after the latest record, so "last month" is the data\'s latest month)')
    .option('--why <text>', 'why you are searching (kept in the audit log with the search text)')
    .action(async (words: string[], flags: CommonOptions & { index?: string; limit: string; now?: string; why?: string }) => {
      const limit = Number(flags.limit);
      if (!Number.isInteger(limit) || limit <= 0) throw new PeelError('bad_input', `--limit must be a positive integer, got "${flags.limit}"`);
      const now = flags.now ? new Date(flags.now) : undefined;
      if (now && Number.isNaN(now.getTime())) throw new PeelError('bad_input', `--now "${flags.now}" is not a date`);
      const cfg = configFor(config, flags);
      const index = loadSearchIndex(indexPath(cfg, flags.index));
      const text = words.join(' ');
      const r = index.search(text, { limit, now });
      // A search shows record contents: it is a consultation, logged with its text (or the text's
      // keyed hash, as the search-text policy says) before anything is printed.
      await withStore(cfg, (store) => audit(store, {
        actor: operator(), action: 'consultation', outcome: 'success',
        justification: flags.why?.trim() || 'command-line search by the store operator (no --why given)',
        objectIds: r.hits.map((h) => `record:${h.force_id}/${h.record_id}`).slice(0, 200),
        detail: { command: 'peel records search', ...searchTextFacts(text, searchTextPolicy(cfg)), hits: r.hits.length, total: r.total },
      }));
      if (flags.json) printJson(r);
      else render(r);
    });

  withCommon(records.command('like'))
    .description('records like this one')
    .requiredOption('--force <force_id>', 'force of the record')
    .requiredOption('--record <record_id>', 'record id')
    .option('--index <file>', 'index file (default: <store>.records-index)')
    .option('--limit <n>', 'results to show', '10')
    .action((flags: CommonOptions & { force: string; record: string; index?: string; limit: string }) => {
      const index = loadSearchIndex(indexPath(configFor(config, flags), flags.index));
      if (index.find(flags.force, flags.record) < 0) throw new PeelError('not_found', `record ${flags.force}/${flags.record} is not in the index`);
      const r = index.moreLikeThis(flags.force, flags.record, { limit: Number(flags.limit) || 10 });
      if (flags.json) printJson(r);
      else render(r);
    });
};
