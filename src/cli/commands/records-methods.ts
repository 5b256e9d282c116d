/**
 * `peel records methods` (read the method features of records that lack them: the backfill) and
 * `peel records series` (crime series linked by method, distance and time, across forces). Thin:
 * parses flags, calls src/methods, checks the output against the contract, renders. Reading
 * series reads record contents, so it needs `--why` and is audited as the other records commands.
 */
import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { PeelError, isMonth } from '../../standard/index.ts';
import { fillMethods, findSeries, storedCrimes } from '../../methods/index.ts';
import { MethodsContract } from '../../contract/index.ts';
import { withStore } from '../../store/index.ts';
import { audit } from '../../access/index.ts';
import { configFor, printJson, withCommon, type CommonOptions } from '../context.ts';
import type { PeelConfig } from '../../config/index.ts';

const operator = () => `cli:${userInfo().username}`;

function month(flag: string, v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  if (!isMonth(v)) throw new PeelError('bad_input', `${flag} takes a month as YYYY-MM, got "${v}"`);
  return v;
}

export function registerRecordsMethods(records: Command, config: PeelConfig): void {
  withCommon(records.command('methods'))
    .description('read the method (MO) features of every stored record that has none yet (ingest does this itself; run it after an upgrade of the vocabulary)')
    .action(async (flags: CommonOptions) => {
      const r = await withStore(configFor(config, flags), (store) => fillMethods(store, {
        onChunk: (n) => { if (!flags.json) process.stderr.write(`  ${n} records read\n`); },
      }));
      if (flags.json) return printJson(r);
      process.stdout.write(`read the methods of ${r.records} record${r.records === 1 ? '' : 's'} in ${r.seconds.toFixed(1)} s\n`);
    });

  withCommon(records.command('series'))
    .description('crime series: crimes linked by a shared method, distance and time, across force borders (comparative case analysis), each explained in words')
    .requiredOption('--why <text>', 'why you need it (kept in the audit log as the justification)')
    .option('--force <slugs>', 'only crimes of these forces (comma-separated); default every force')
    .option('--category <slug>', 'only this crime category, e.g. burglary')
    .option('--from <YYYY-MM>', 'first month of the window')
    .option('--to <YYYY-MM>', 'last month of the window')
    .option('--limit <n>', 'series to show (text output)', '20')
    .action(async (flags: CommonOptions & { why?: string; force?: string; category?: string; from?: string; to?: string; limit: string }) => {
      const why = (flags.why ?? '').trim();
      if (why.length < 5) throw new PeelError('bad_input', '--why is required: say why you need these records (5 characters or more, e.g. a case reference); it is kept in the audit log');
      const from = month('--from', flags.from), to = month('--to', flags.to);
      if (from && to && from > to) throw new PeelError('bad_input', `--from ${from} is after --to ${to}`);
      const forces = flags.force ? flags.force.split(',').map((f) => f.trim()).filter(Boolean) : 'all';
      const out = await withStore(configFor(config, flags), async (store) => {
        const crimes = await storedCrimes(store, { forces, category: flags.category, from, to });
        const series = findSeries(crimes);
        await audit(store, {
          actor: operator(), action: 'combination', outcome: 'success', justification: why,
          objectIds: series.flatMap((s) => s.record_ids.map((id) => `record:${id}`)).slice(0, 200),
          forceId: forces !== 'all' && forces.length === 1 ? forces[0] : null,
          detail: { command: 'peel records series', crimes: crimes.length, series: series.length, forces, category: flags.category ?? null, from: from ?? null, to: to ?? null },
        });
        return { crimes: crimes.length, body: MethodsContract.CrimeSeriesList.parse({ series }) };
      });
      if (flags.json) return printJson(out.body);
      const list = out.body.series;
      process.stdout.write(`${list.length} series among ${out.crimes} crimes${list.length > Number(flags.limit) ? ` (showing ${flags.limit})` : ''}\n`);
      for (const s of list.slice(0, Number(flags.limit) || 20)) {
        process.stdout.write(`\n${s.series_id}  score ${s.score.toFixed(2)}  ${s.forces.join(', ')}\n  ${s.explanation}\n  records: ${s.record_ids.join(', ')}\n`);
      }
    });
}
