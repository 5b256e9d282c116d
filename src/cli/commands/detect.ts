/** `peel detect`, `peel alerts`, `peel alerts show ID`, `peel alerts ack|dismiss|action ID`: emerging-trend alerts. */
import type { Command } from 'commander';
import { userInfo } from 'node:os';
import { ALERT_KINDS, ALERT_STATUSES, ALERT_REVIEWS, type AlertKind, type AlertStatus, type AlertReview, type StoredAlert } from '../../store/index.ts';
import { detectEmergingTrends, detectEachForce, listAlerts, getAlert, setAlertStatus, parseScanLocations, DETECT_METHODS, type DetectMethod } from '../../trends/index.ts';
import { PeelError, isMonth, crimeCategoryName, isCrimeCategory, getForce } from '../../standard/index.ts';
import { audit } from '../../access/index.ts';
import { withCommon, configFor, printJson, type Register, type CommonOptions } from '../context.ts';
import { withStore } from '../store.ts';
import { stderrIsTTY } from '../terminal.ts';

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

function contractAlert(a: Pick<StoredAlert, 'alert_id' | 'kind' | 'force_ids' | 'category' | 'area_type' | 'area_ids' | 'period_start' | 'period_end' | 'observed' | 'expected' | 'p' | 'q' | 'priority' | 'explanation' | 'place' | 'review' | 'review_rank' | 'recording_change'>) {
  return {
    alert_id: a.alert_id, kind: a.kind, force_ids: a.force_ids, category: a.category, area_type: a.area_type, area_ids: a.area_ids,
    period_start: a.period_start, period_end: a.period_end, observed: a.observed, expected: a.expected, p: a.p, q: a.q,
    priority: a.priority, explanation: a.explanation, place: a.place, review: a.review, review_rank: a.review_rank, recording_change: a.recording_change,
  };
}

const forceLabel = (f: string): string => getForce(f)?.name ?? f;
const categoryName = (c: string): string => (isCrimeCategory(c) ? crimeCategoryName(c) : c);

const REVIEW_WORDS: Record<AlertReview, string> = { inbox: 'inbox', beyond_budget: 'beyond budget', recording_change: 'recording change' };

export const registerDetect: Register = (program, config) => {
  withCommon(
    program
      .command('detect')
      .description('find emerging crime trends, each force on its own latest month (or --month), and store them as ranked alerts')
      .option('--month <YYYY-MM>', 'the month to test, for every force that holds it (default: each force on its own latest month)')
      .option('--review-budget <n>', 'alerts per force-month in the inbox (the rest are ranked beyond the budget; default PEEL_REVIEW_BUDGET or 5)')
      .option('--force <slugs...>', 'only these forces (default: every force with data)')
      .option('--fdr <q>', 'false discovery rate of each family of tests', '0.05')
      .option('--methods <list>', `comma-separated subset of ${DETECT_METHODS.join(',')}`)
      .option('--replications <n>', 'Monte Carlo replications of the space–time scan (stopped early when nothing can be raised)', '199')
      .option('--scan-locations <where>', "the space–time scan's locations: lsoa, or H3 cells at resolution 7, 8 or auto (8 where dense); H3 is faster, LSOAs find more in cities", 'lsoa'),
  ).action(async (opts: CommonOptions & { month?: string; force?: string[]; fdr: string; methods?: string; replications: string; scanLocations: string; reviewBudget?: string }) => {
    if (opts.month !== undefined && !isMonth(opts.month)) throw new PeelError('bad_input', `--month "${opts.month}" is not a month (YYYY-MM)`);
    const fdr = Number(opts.fdr);
    if (!(fdr > 0 && fdr < 1)) throw new PeelError('bad_input', `--fdr must be between 0 and 1, not "${opts.fdr}"`);
    const methods = opts.methods?.split(',').map((s) => s.trim()).filter(Boolean);
    for (const m of methods ?? []) if (!(DETECT_METHODS as readonly string[]).includes(m)) throw new PeelError('bad_input', `unknown method "${m}": choose from ${DETECT_METHODS.join(', ')}`);
    const scanResolution = parseScanLocations(opts.scanLocations);
    if (scanResolution === undefined) throw new PeelError('bad_input', `--scan-locations "${opts.scanLocations}": choose lsoa, 7, 8 or auto`);
    const cfg = configFor(config, opts);
    const detectOpts = {
      forces: opts.force, fdr, methods: methods as DetectMethod[] | undefined,
      scanReplications: wholeNumber('--replications', opts.replications, 199), scanResolution,
      reviewBudget: wholeNumber('--review-budget', opts.reviewBudget, cfg.reviewBudget),
    };
    const progress = opts.json || !stderrIsTTY() ? undefined : (step: string) => process.stderr.write(`\rdetect: ${step} done   `);
    const runs = await withStore(cfg, (store) => opts.month
      ? detectEmergingTrends(store, { ...detectOpts, month: opts.month }, progress).then((r) => [r])
      : detectEachForce(store, detectOpts, progress));
    if (!opts.json && stderrIsTTY()) process.stderr.write('\n');
    if (opts.json) return printJson({ runs: runs.map((run) => ({ run_id: run.run_id, month: run.month, forces: run.forces, history: run.history, alerts: run.alerts.map(contractAlert) })) });
    for (const run of runs) {
      const secs = Object.values(run.ms).reduce((a, v) => a + v, 0) / 1000;
      const inbox = run.alerts.filter((a) => a.review === 'inbox');
      const marked = run.alerts.filter((a) => a.review === 'recording_change').length;
      console.log(`${run.month}: ${inbox.length} alerts to review from ${run.alerts.length} alerts (${run.detections} detections) over ${run.forces.map(forceLabel).join(', ')} in ${secs.toFixed(1)} s (run ${run.run_id})`);
      const short = Object.entries(run.history).filter(([, n]) => n < 14);
      for (const [f, n] of short) {
        console.log(n === 0
          ? `  ${forceLabel(f)}: no earlier month in the store, so nothing to compare ${run.month} with (load earlier months with \`peel ingest\`)`
          : `  ${forceLabel(f)}: only ${n} earlier month${n === 1 ? '' : 's'} in the store; exceedances use the short-history test instead of Farrington`);
      }
      for (const a of inbox) console.log(`  ${a.alert_id}  ${fmtNum(a.priority).padStart(6)}  ${a.explanation}`);
      const beyond = run.alerts.length - inbox.length - marked;
      if (beyond || marked) {
        console.log(`  ... ${beyond} more beyond the review budget of ${detectOpts.reviewBudget} per force${marked ? `, ${marked} in a force-month with a recording change` : ''}: \`peel alerts --month ${run.month} --all\``);
      }
    }
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
      .option('--review <part>', `only ${ALERT_REVIEWS.join(', ')} (default: inbox)`)
      .option('--all', 'every alert: the inbox, then those beyond the review budget, then those in recording-change months')
      .option('--limit <n>', 'rows per page', '50')
      .option('--offset <n>', 'skip rows', '0'),
  ).action(async (opts: CommonOptions & { force?: string; status?: string; kind?: string; category?: string; month?: string; review?: string; all?: boolean; limit?: string; offset?: string }) => {
    if (opts.status && !(ALERT_STATUSES as readonly string[]).includes(opts.status)) throw new PeelError('bad_input', `--status "${opts.status}": choose ${ALERT_STATUSES.join(', ')}`);
    if (opts.kind && !(ALERT_KINDS as readonly string[]).includes(opts.kind)) throw new PeelError('bad_input', `--kind "${opts.kind}": choose ${ALERT_KINDS.join(', ')}`);
    if (opts.review && !(ALERT_REVIEWS as readonly string[]).includes(opts.review)) throw new PeelError('bad_input', `--review "${opts.review}": choose ${ALERT_REVIEWS.join(', ')}`);
    if (opts.review && opts.all) throw new PeelError('bad_input', '--review and --all: choose one');
    const review = opts.all ? undefined : (opts.review as AlertReview | undefined) ?? 'inbox';
    const query = { force: opts.force, status: opts.status as AlertStatus | undefined, kind: opts.kind as AlertKind | undefined, category: opts.category, month: opts.month };
    const [page, every] = await withStore(configFor(config, opts), async (s) => [
      await listAlerts(s, { ...query, review, limit: wholeNumber('--limit', opts.limit, 50), offset: wholeNumber('--offset', opts.offset, 0) }),
      review ? (await listAlerts(s, { ...query, limit: 0 })).total : null,
    ] as const);
    if (opts.json) return printJson(page);
    for (const a of page.items) {
      const part = a.review === 'inbox' ? '' : ` [${REVIEW_WORDS[a.review]}]`;
      console.log(`${a.alert_id}  ${a.month}  ${a.status.padEnd(12)} ${categoryName(a.category).padEnd(28)} ${fmtNum(a.priority).padStart(6)}  q ${fmtQ(a.q).padEnd(6)} ${a.explanation}${part}`);
    }
    console.log(`${page.items.length} of ${page.total} alerts${review ? ` (${REVIEW_WORDS[review]})` : ''}`);
    if (every !== null && every > page.total) console.log(`${every - page.total} more outside the ${REVIEW_WORDS[review!]}: \`peel alerts --all\` (or --review ${ALERT_REVIEWS.filter((r) => r !== review).join('|')})`);
  });

  withCommon(alerts.command('show').description('one alert with its evidence').argument('<id>', 'alert id'))
    .action(async (id: string, _opts: CommonOptions, cmd: Command) => {
      // The parent `alerts` declares the same --store/--json, and commander gives them to it.
      const opts = cmd.optsWithGlobals<CommonOptions>();
      const a = await withStore(configFor(config, opts), (s) => getAlert(s, id));
      if (opts.json) return printJson(a);
      console.log(`${a.alert_id}  ${a.kind}  ${a.status}${a.status_reason ? ` (${a.status_reason})` : ''}`);
      console.log(a.explanation);
      console.log(`${a.force_ids.map(forceLabel).join(', ')} | ${categoryName(a.category)} | ${a.place}`);
      console.log(`review: ${REVIEW_WORDS[a.review]} (number ${a.review_rank} of its force-month)${a.recording_change ? ` — ${a.recording_change}` : ''}`);
      console.log(`areas (${a.area_type}): ${a.area_ids.slice(0, 8).join(', ')}${a.area_ids.length > 8 ? ` … (${a.area_ids.length})` : ''}`);
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
        const actor = `cli:${userInfo().username}`;
        const a = await withStore(configFor(config, opts), async (s) => {
          const before = await getAlert(s, id);
          const after = await setAlertStatus(s, id, { status, reason: opts.reason, actor });
          // DPA 2018 s.62: a status change is an alteration, audited as over HTTP (the note stays in the alert's history).
          await audit(s, {
            actor, action: 'alteration', outcome: 'success', objectIds: [`alert:${after.alert_id}`], forceId: after.force_ids[0] ?? null,
            detail: { command: `peel alerts ${name}`, change: 'alert status', from: before.status, to: after.status },
          });
          return after;
        });
        if (opts.json) return printJson({ alert_id: a.alert_id, status: a.status, reason: a.status_reason, changed_at: a.status_changed_at });
        console.log(`${a.alert_id} is now ${a.status}${a.status_reason ? `: ${a.status_reason}` : ''}`);
      });
  statusCommand('ack', 'acknowledged', 'acknowledge an alert');
  statusCommand('dismiss', 'dismissed', 'dismiss an alert, with --reason');
  statusCommand('action', 'actioned', 'mark an alert as actioned');
};
