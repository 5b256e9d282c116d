/** `peel detect`, `peel alerts`, `peel alerts show ID`, `peel alerts ack|dismiss|action ID`: emerging-trend alerts. */
import type { Command } from 'commander';
import { userInfo } from 'node:os';
import { withStore, ALERT_KINDS, ALERT_STATUSES, type AlertKind, type AlertStatus, type StoredAlert } from '../../store/index.ts';
import { detectEmergingTrends, listAlerts, getAlert, setAlertStatus, parseScanLocations, DETECT_METHODS, type DetectMethod } from '../../trends/index.ts';
import { PeelError, isMonth } from '../../standard/index.ts';
import { withCommon, configFor, printJson, type Register, type CommonOptions } from '../context.ts';

function fmtNum(x: number | null): string {
  if (x === null) return '–';
  return Math.abs(x) >= 100 || Number.isInteger(x) ? Math.round(x).toLocaleString('en-GB') : x.toFixed(1);
}

function fmtQ(q: number | null): string {
  return q === null ? '–' : q < 0.001 ? '<0.001' : q.toFixed(3);
}

function wholeNumber(name: string, v: string | undefined, fallback: number): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new PeelError('bad_input', `${name} must be a whole number, not "${v}"`);
  return n;
}

function contractAlert(a: Pick<StoredAlert, 'alert_id' | 'kind' | 'force_ids' | 'category' | 'area_type' | 'area_ids' | 'period_start' | 'period_end' | 'observed' | 'expected' | 'p' | 'q' | 'priority' | 'explanation'>) {
  return {
    alert_id: a.alert_id, kind: a.kind, force_ids: a.force_ids, category: a.category, area_type: a.area_type, area_ids: a.area_ids,
    period_start: a.period_start, period_end: a.period_end, observed: a.observed, expected: a.expected, p: a.p, q: a.q,
    priority: a.priority, explanation: a.explanation,
  };
}

export const registerDetect: Register = (program, config) => {
  withCommon(
    program
      .command('detect')
      .description('find emerging crime trends for a month and store them as ranked alerts')
      .option('--month <YYYY-MM>', 'the month to test (default: the latest complete month, the latest that half the forces with data have published)')
      .option('--force <slugs...>', 'only these forces (default: every force with data)')
      .option('--fdr <q>', 'false discovery rate of each family of tests', '0.05')
      .option('--methods <list>', `comma-separated subset of ${DETECT_METHODS.join(',')}`)
      .option('--replications <n>', 'Monte Carlo replications of the space–time scan (stopped early when nothing can be raised)', '199')
      .option('--scan-locations <where>', "the space–time scan's locations: lsoa, or H3 cells at resolution 7, 8 or auto (8 where dense); H3 is faster, LSOAs find more in cities", 'lsoa'),
  ).action(async (opts: CommonOptions & { month?: string; force?: string[]; fdr: string; methods?: string; replications: string; scanLocations: string }) => {
    if (opts.month !== undefined && !isMonth(opts.month)) throw new PeelError('bad_input', `--month "${opts.month}" is not a month (YYYY-MM)`);
    const fdr = Number(opts.fdr);
    if (!(fdr > 0 && fdr < 1)) throw new PeelError('bad_input', `--fdr must be between 0 and 1, not "${opts.fdr}"`);
    const methods = opts.methods?.split(',').map((s) => s.trim()).filter(Boolean);
    for (const m of methods ?? []) if (!(DETECT_METHODS as readonly string[]).includes(m)) throw new PeelError('bad_input', `unknown method "${m}": choose from ${DETECT_METHODS.join(', ')}`);
    const scanResolution = parseScanLocations(opts.scanLocations);
    if (scanResolution === undefined) throw new PeelError('bad_input', `--scan-locations "${opts.scanLocations}": choose lsoa, 7, 8 or auto`);
    const run = await withStore(configFor(config, opts), (store) =>
      detectEmergingTrends(store, {
        month: opts.month, forces: opts.force, fdr, methods: methods as DetectMethod[] | undefined,
        scanReplications: wholeNumber('--replications', opts.replications, 199), scanResolution,
      }, opts.json || !process.stderr.isTTY ? undefined : (step) => process.stderr.write(`\rdetect: ${step} done   `)));
    if (!opts.json && process.stderr.isTTY) process.stderr.write('\n');
    if (opts.json) return printJson({ run_id: run.run_id, month: run.month, forces: run.forces, history: run.history, alerts: run.alerts.map(contractAlert) });
    const secs = Object.values(run.ms).reduce((a, v) => a + v, 0) / 1000;
    console.log(`${run.month}: ${run.alerts.length} alerts from ${run.detections} detections over ${run.forces.length} force(s) in ${secs.toFixed(1)} s (run ${run.run_id})`);
    const short = Object.entries(run.history).filter(([, n]) => n < 14);
    for (const [f, n] of short) {
      console.log(n === 0
        ? `  ${f}: no earlier month in the store, so nothing to compare ${run.month} with (load earlier months with \`peel ingest\`)`
        : `  ${f}: only ${n} earlier month${n === 1 ? '' : 's'} in the store; exceedances use the short-history test instead of Farrington`);
    }
    for (const a of run.alerts.slice(0, 20)) console.log(`  ${a.alert_id}  ${fmtNum(a.priority).padStart(8)}  ${a.explanation}`);
    if (run.alerts.length > 20) console.log(`  ... ${run.alerts.length - 20} more: \`peel alerts --month ${run.month}\``);
  });

  const alerts = withCommon(
    program
      .command('alerts')
      .description('list alerts, highest priority first (subcommands: show, ack, dismiss, action)')
      .option('--force <slug>', 'only alerts touching this force')
      .option('--status <status>', `one of ${ALERT_STATUSES.join(', ')}`)
      .option('--kind <kind>', `one of ${ALERT_KINDS.join(', ')}`)
      .option('--category <slug>', 'only this crime category')
      .option('--month <YYYY-MM>', 'only this month')
      .option('--limit <n>', 'rows per page', '50')
      .option('--offset <n>', 'skip rows', '0'),
  ).action(async (opts: CommonOptions & { force?: string; status?: string; kind?: string; category?: string; month?: string; limit?: string; offset?: string }) => {
    if (opts.status && !(ALERT_STATUSES as readonly string[]).includes(opts.status)) throw new PeelError('bad_input', `--status "${opts.status}": choose ${ALERT_STATUSES.join(', ')}`);
    if (opts.kind && !(ALERT_KINDS as readonly string[]).includes(opts.kind)) throw new PeelError('bad_input', `--kind "${opts.kind}": choose ${ALERT_KINDS.join(', ')}`);
    const page = await withStore(configFor(config, opts), (s) => listAlerts(s, {
      force: opts.force, status: opts.status as AlertStatus | undefined, kind: opts.kind as AlertKind | undefined, category: opts.category, month: opts.month,
      limit: wholeNumber('--limit', opts.limit, 50), offset: wholeNumber('--offset', opts.offset, 0),
    }));
    if (opts.json) return printJson(page);
    for (const a of page.items) {
      console.log(`${a.alert_id}  ${a.month}  ${a.status.padEnd(12)} ${a.kind.padEnd(18)} ${fmtNum(a.priority).padStart(8)}  q ${fmtQ(a.q).padEnd(6)} ${a.explanation}`);
    }
    console.log(`${page.items.length} of ${page.total} alerts`);
  });

  withCommon(alerts.command('show').description('one alert with its evidence').argument('<id>', 'alert id'))
    .action(async (id: string, _opts: CommonOptions, cmd: Command) => {
      // The parent `alerts` declares the same --store/--json, and commander gives them to it.
      const opts = cmd.optsWithGlobals<CommonOptions>();
      const a = await withStore(configFor(config, opts), (s) => getAlert(s, id));
      if (opts.json) return printJson(a);
      console.log(`${a.alert_id}  ${a.kind}  ${a.status}${a.status_reason ? ` (${a.status_reason})` : ''}`);
      console.log(a.explanation);
      console.log(`forces ${a.force_ids.join(', ')} | ${a.category} | ${a.area_type} ${a.area_ids.slice(0, 8).join(', ')}${a.area_ids.length > 8 ? ` … (${a.area_ids.length})` : ''}`);
      console.log(`period ${a.period_start}..${a.period_end} | observed ${fmtNum(a.observed)} expected ${fmtNum(a.expected)} threshold ${fmtNum(a.threshold)} | p ${fmtQ(a.p)} q ${fmtQ(a.q)} | priority ${fmtNum(a.priority)}`);
      console.log(`method ${a.method} ${JSON.stringify(a.params)}`);
      console.log(`H3 r8 cells: ${a.h3_cells.length}`);
      console.log('month      observed  expected  threshold');
      for (const p of a.evidence.series) console.log(`${p.month}  ${fmtNum(p.observed).padStart(8)}  ${fmtNum(p.expected).padStart(8)}  ${fmtNum(p.threshold).padStart(9)}`);
      if (a.evidence.members.length > 1) {
        console.log('grouped detections:');
        for (const m of a.evidence.members) console.log(`  ${m.method.padEnd(40)} ${m.area_type} ×${m.area_ids.length}  observed ${fmtNum(m.observed)} expected ${fmtNum(m.expected)} q ${fmtQ(m.q)}`);
      }
    });

  const statusCommand = (name: string, status: Exclude<AlertStatus, 'new'>, what: string) =>
    withCommon(alerts.command(name).description(what).argument('<id>', 'alert id').option('--reason <text>', status === 'dismissed' ? 'why (required)' : 'a note'))
      .action(async (id: string, _opts: CommonOptions & { reason?: string }, cmd: Command) => {
        const opts = cmd.optsWithGlobals<CommonOptions & { reason?: string }>();
        const a = await withStore(configFor(config, opts), (s) => setAlertStatus(s, id, { status, reason: opts.reason, actor: `cli:${userInfo().username}` }));
        if (opts.json) return printJson({ alert_id: a.alert_id, status: a.status, reason: a.status_reason, changed_at: a.status_changed_at });
        console.log(`${a.alert_id} is now ${a.status}${a.status_reason ? `: ${a.status_reason}` : ''}`);
      });
  statusCommand('ack', 'acknowledged', 'acknowledge an alert');
  statusCommand('dismiss', 'dismissed', 'dismiss an alert, with --reason');
  statusCommand('action', 'actioned', 'mark an alert as actioned');
};
