/**
 * `peel status`, `peel batches`, `peel quarantine`: what the store holds, how it got there and what
 * was refused. Kept apart from `peel ingest` so that these quick reads load only the store.
 */
import { withStore } from '../store.ts';
import { withCommon, configFor, printJson, type Register, type CommonOptions } from '../context.ts';
import { fmt, intOption } from '../numbers.ts';

export const registerStatus: Register = (program, config) => {
  withCommon(program.command('status').description('forces in the store, the months they hold and row counts')).action(async (opts: CommonOptions) => {
    const status = await withStore(configFor(config, opts), (s) => s.status());
    if (opts.json) return printJson(status);
    if (!status.forces.length) return console.log('the store is empty: load files with `peel ingest PATHS...`');
    for (const f of status.forces) {
      const span = f.months.length ? `${f.months[0]}..${f.months[f.months.length - 1]} (${f.months.length} months)` : 'no months';
      console.log(`${f.force_id.padEnd(20)} ${span.padEnd(30)} street ${fmt(f.rows.street).padStart(10)}  outcomes ${fmt(f.rows.outcomes).padStart(9)}  stop-search ${fmt(f.rows.stop_search).padStart(8)}`);
    }
  });

  withCommon(
    program.command('batches').description('every load with its provenance and row reconciliation')
      .option('--force <slug>', 'only this force').option('--limit <n>', 'rows per page', '50').option('--offset <n>', 'skip rows', '0'),
  ).action(async (opts: CommonOptions & { force?: string; limit?: string; offset?: string }) => {
    const page = await withStore(configFor(config, opts), (s) =>
      s.batches({ force: opts.force, limit: intOption('--limit', opts.limit, 50), offset: intOption('--offset', opts.offset, 0) }));
    if (opts.json) return printJson(page);
    for (const b of page.items) {
      console.log(`${b.batch_id}  ${b.finished_at}  ${b.status.padEnd(9)} ${b.kind.padEnd(11)} ${b.force_id.padEnd(18)} ${b.months.join(',').padEnd(8)} ` +
        `read ${fmt(b.rows_read)} = ${fmt(b.rows_loaded)} + ${fmt(b.rows_quarantined)}  ${b.source}`);
    }
    console.log(`${page.items.length} of ${page.total} batches`);
  });

  withCommon(
    program.command('quarantine').description('rows that failed the national standard, with file, line, raw text and reasons')
      .option('--batch <id>', 'only this batch').option('--force <slug>', 'only this force').option('--reason <code>', 'only this reason code')
      .option('--limit <n>', 'rows per page', '50').option('--offset <n>', 'skip rows', '0'),
  ).action(async (opts: CommonOptions & { batch?: string; force?: string; reason?: string; limit?: string; offset?: string }) => {
    const page = await withStore(configFor(config, opts), (s) =>
      s.quarantine({ batch: opts.batch, force: opts.force, reason: opts.reason, limit: intOption('--limit', opts.limit, 50), offset: intOption('--offset', opts.offset, 0) }));
    if (opts.json) return printJson(page);
    for (const q of page.items) console.log(`${q.source}:${q.line ?? '?'}  [${q.reasons.join(', ')}] ${q.detail ?? ''}\n    ${q.raw ?? ''}`);
    console.log(`${page.items.length} of ${page.total} quarantined rows`);
  });
};
