/**
 * `peel records index|search|like`: builds the narrative search index from NDJSON narrative
 * records and queries it. Thin: parses flags, calls src/records, renders. The index file defaults
 * to `<store>.records-index` beside the store.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { PeelError } from '../../standard/index.ts';
import { createIndexBuilder, loadSearchIndex, writeIndexFile, type SearchResult } from '../../records/index.ts';
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
      let line = 0;
      const t0 = performance.now();
      for await (const raw of createInterface({ input: createReadStream(flags.in, { encoding: 'utf8' }), crlfDelay: Infinity })) {
        line++;
        if (!raw.trim()) continue;
        let r: Record<string, unknown>;
        try {
          r = JSON.parse(raw) as Record<string, unknown>;
        } catch {
          throw new PeelError('bad_input', `line ${line} of ${flags.in}: not JSON: "${raw.slice(0, 60)}"`);
        }
        for (const f of ['force_id', 'record_id', 'kind', 'occurred_at', 'narrative'] as const) {
          if (typeof r[f] !== 'string' || !r[f]) throw new PeelError('bad_input', `line ${line} of ${flags.in}: ${f} missing or not a string: ${JSON.stringify(r[f] ?? null)}`);
        }
        if (Number.isNaN(Date.parse(String(r.occurred_at)))) throw new PeelError('bad_input', `line ${line} of ${flags.in}: occurred_at "${String(r.occurred_at)}" is not a date`);
        builder.add({
          force_id: String(r.force_id), record_id: String(r.record_id), kind: String(r.kind), occurred_at: String(r.occurred_at),
          category: typeof r.category === 'string' ? r.category : null, location_text: typeof r.location_text === 'string' ? r.location_text : '',
          narrative: String(r.narrative),
        });
      }
      const index = builder.finish();
      const path = indexPath(cfg, flags.index);
      writeIndexFile(index, path);
      const seconds = (performance.now() - t0) / 1000;
      if (flags.json) printJson({ index: path, records: index.size, terms: index.terms, seconds });
      else process.stdout.write(`indexed ${index.size} records (${index.terms} terms) in ${seconds.toFixed(1)} s into ${path}\n`);
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
