/**
 * `peel records index|search|like`: builds the narrative search index from NDJSON narrative
 * records and queries it. Thin: parses flags, calls src/records, renders. The index file defaults
 * to `<store>.records-index` beside the store.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { PeelError, type NarrativeRecord } from '../../standard/index.ts';
import { createIndexBuilder, latestByRecordId, loadSearchIndex, parseNarrativeLine, writeIndexFile, type ParsedNarrative, type SearchResult } from '../../records/index.ts';
import { configFor, printJson, withCommon, type CommonOptions, type Register } from '../context.ts';
import type { PeelConfig } from '../../config/index.ts';

const indexPath = (config: PeelConfig, flag?: string) => flag ?? `${config.store}.records-index`;

function render(r: SearchResult): void {
  if (r.query.understood.length) process.stdout.write(`understood: ${r.query.understood.join('; ')}\n`);
  for (const [w, alts] of Object.entries(r.corrections)) process.stdout.write(`"${w}" not found; searched ${alts.join(', ')}\n`);
  process.stdout.write(`${r.total} matching records\n`);
  for (const h of r.hits) {
    process.stdout.write(`\n${h.force_id}/${h.record_id}  ${h.occurred_at.slice(0, 10)}  ${h.kind}  ${h.category ?? ''}  score ${h.score}\n  ${h.snippet}\n`);
  }
}

export const registerRecords: Register = (program: Command, config: PeelConfig) => {
  const records = program.command('records').description('the records assistant: search narrative records');

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
    .option('--now <date>', 'date that "last month" and the like are relative to (default: today)')
    .action((words: string[], flags: CommonOptions & { index?: string; limit: string; now?: string }) => {
      const limit = Number(flags.limit);
      if (!Number.isInteger(limit) || limit <= 0) throw new PeelError('bad_input', `--limit must be a positive integer, got "${flags.limit}"`);
      const now = flags.now ? new Date(flags.now) : new Date();
      if (Number.isNaN(now.getTime())) throw new PeelError('bad_input', `--now "${flags.now}" is not a date`);
      const index = loadSearchIndex(indexPath(configFor(config, flags), flags.index));
      const r = index.search(words.join(' '), { limit, now });
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
