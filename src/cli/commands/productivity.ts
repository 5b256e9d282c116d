/**
 * `peel productivity`: the national productivity standard (docs/productivity.md) — every measure
 * for a period, each force against its comparison group and the nation; `trend`, `standard`,
 * `groups` and `workforce` are its subcommands. Parses, calls src/productivity, renders.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { PeelError } from '../../standard/index.ts';
import { withStore } from '../../store/index.ts';
import {
  productivityReport, productivityTrends, comparisonGroups, readCells, resolvePeriod, loadGroups, loadWorkforce, parseHarmWeights,
  PRODUCTIVITY_MEASURES, PRODUCTIVITY_STANDARD_VERSION, OUTCOME_PRODUCTIVITY_GROUP, HARM_WEIGHTS,
  type ProductivityMeasureId, type HarmWeights,
} from '../../productivity/index.ts';
import { withCommon, configFor, printJson, type Register, type CommonOptions } from '../context.ts';

interface Flags extends CommonOptions {
  from?: string;
  to?: string;
  force?: string[];
  category?: string[];
  measure?: string[];
  harmWeights?: string;
  all?: boolean;
}

function harmWeights(path: string | undefined): HarmWeights | undefined {
  if (!path) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new PeelError('unreadable_input', `--harm-weights ${path}: ${(e as Error).message}`);
  }
  return parseHarmWeights(raw, path);
}

const fmt = (m: ProductivityMeasureId, v: number | null) => {
  if (v === null) return '-';
  const def = PRODUCTIVITY_MEASURES.find((d) => d.id === m)!;
  return def.kind === 'proportion' ? `${(100 * v).toFixed(1)}%` : v.toFixed(def.kind === 'duration' ? 0 : 2);
};

export const registerProductivity: Register = (program, config) => {
  const p = withCommon(
    program.command('productivity')
      .description('the national productivity standard: every measure per force, against its comparison group and the nation (docs/productivity.md)')
      .option('--from <YYYY-MM>', 'first crime month of the period (default: 12 months ending at --to)')
      .option('--to <YYYY-MM>', 'last crime month of the period (default: the latest street month held)')
      .option('--force <slug...>', 'only these forces\' rows (national and group values still use every force)')
      .option('--category <slug...>', 'only these categories\' rows (all-category rows are always given)')
      .option('--measure <id...>', 'only these measures (see `peel productivity standard`)')
      .option('--harm-weights <file.json>', 'harm weights per category for harm_weighted_charge_rate, as {"burglary": 350, ...}')
      .option('--all', 'print every category row as text too (--json always has them)'),
  ).action(async (opts: Flags) => {
    const report = await withStore(configFor(config, opts), (store) => productivityReport(store, {
      from: opts.from, to: opts.to, forces: opts.force, categories: opts.category, measures: opts.measure as ProductivityMeasureId[] | undefined, harmWeights: harmWeights(opts.harmWeights),
    }));
    if (opts.json) return printJson({ standard_version: report.standard_version, from: report.from, to: report.to, measures: report.measures });
    console.log(`productivity standard ${report.standard_version}, crimes of ${report.from} to ${report.to}; groups: ${report.groups.method}`);
    console.log(`${'measure'.padEnd(30)} ${'force'.padEnd(22)} ${'category'.padEnd(22)} ${'value'.padStart(7)} ${'95% interval'.padStart(15)} ${'group'.padStart(7)} ${'nation'.padStart(7)}  funnel`);
    for (const r of report.measures) {
      if (r.category !== null && !opts.all && !opts.category) continue;
      const iv = r.lower === null ? '' : `${fmt(r.measure, r.lower)}–${fmt(r.measure, r.upper)}`;
      console.log(`${r.measure.padEnd(30)} ${(r.force_id ?? 'NATIONAL').padEnd(22)} ${(r.category ?? 'all').padEnd(22)} ${fmt(r.measure, r.value).padStart(7)} ${iv.padStart(15)} ${fmt(r.measure, r.group_value).padStart(7)} ${fmt(r.measure, r.national_value).padStart(7)}  ${r.funnel ?? ''}`);
    }
    for (const n of report.notes) console.log(`note: ${n}`);
    for (const u of report.unknown_outcome_rows) console.log(`note: ${u.force_id}: ${u.rows} rows quarantined for an unknown outcome label (peel quarantine --force ${u.force_id})`);
  });

  withCommon(p.command('trend').description('each measure month by month over up to 36 months, with Mann-Kendall and Sen\'s slope')
    .option('--from <YYYY-MM>', 'first month (at most 36 months before --to)')
    .option('--to <YYYY-MM>', 'last month (default: the latest street month held)')
    .option('--force <slug...>', 'only these forces (the national series is always given)')
    .option('--measure <id...>', 'only these measures'))
    .action(async (_o: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<Flags>();
      const t = await withStore(configFor(config, opts), (store) => productivityTrends(store, { from: opts.from, to: opts.to, forces: opts.force, measures: opts.measure as ProductivityMeasureId[] | undefined }));
      if (opts.json) return printJson(t);
      console.log(`trends ${t.from} to ${t.to} (Sen's slope per month; Mann-Kendall two-sided p)`);
      for (const s of t.series) {
        const last = [...s.points].reverse().find((x) => x.value !== null);
        console.log(`${s.measure.padEnd(30)} ${(s.force_id ?? 'NATIONAL').padEnd(22)} latest ${fmt(s.measure, last?.value ?? null).padStart(7)}  slope ${s.sen_slope === null ? '-' : s.sen_slope.toExponential(2)}  p ${s.mann_kendall.p === null ? '-' : s.mann_kendall.p.toFixed(3)}`);
      }
    });

  withCommon(p.command('standard').description('the standard\'s definitions: measures, outcome groups and harm weights (one versioned table)'))
    .action((_o: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<Flags>();
      const std = { standard_version: PRODUCTIVITY_STANDARD_VERSION, measures: PRODUCTIVITY_MEASURES, outcome_groups: OUTCOME_PRODUCTIVITY_GROUP, harm_weights: HARM_WEIGHTS };
      if (opts.json) return printJson(std);
      console.log(`productivity standard ${PRODUCTIVITY_STANDARD_VERSION}`);
      for (const m of PRODUCTIVITY_MEASURES) console.log(`\n${m.id} — ${m.name} (${m.kind})\n  numerator:   ${m.numerator}\n  denominator: ${m.denominator}\n  time basis:  ${m.timeBasis}\n  ${m.definition}`);
    });

  const g = withCommon(p.command('groups').description('the comparison groups in use (loaded, or Peel\'s own with their method and inputs)')
    .option('--from <YYYY-MM>', 'first month of the period the groups are computed on')
    .option('--to <YYYY-MM>', 'last month (default: the latest street month held)'))
    .action(async (_o: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<Flags>();
      const groups = await withStore(configFor(config, opts), async (store) => {
        const period = await resolvePeriod(store, opts);
        const cells = await readCells(store, period);
        const months: string[] = [];
        for (const c of cells.crime) if (!months.includes(c.month)) months.push(c.month);
        return comparisonGroups(store, cells, months.sort());
      });
      if (opts.json) return printJson(groups);
      console.log(`method: ${groups.method}`);
      for (const x of groups.groups) console.log(`${x.force_id.padEnd(22)} ${x.members.join(', ')}${x.distances ? `  (distances ${x.distances.join(', ')})` : `  [${x.source}]`}`);
    });
  withCommon(g.command('load').argument('<csv>', 'force,members,source,date — members separated by ";"').description('load comparison groups (e.g. the Home Office Most Similar Groups); each force listed gets exactly the group given'))
    .action(async (csv: string, _o: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<CommonOptions>();
      const r = await withStore(configFor(config, opts), (store) => loadGroups(store, csv));
      if (opts.json) return printJson(r);
      console.log(`loaded ${r.forces} groups (${r.members} members) from ${csv}`);
    });

  const w = withCommon(p.command('workforce').description('officer numbers held (for charges_per_officer)'))
    .action(async (_o: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<CommonOptions>();
      const rows = await withStore(configFor(config, opts), (store) => store.productivity.workforce());
      if (opts.json) return printJson(rows);
      for (const r of rows) console.log(`${r.force_id.padEnd(22)} ${r.as_of.padEnd(10)} ${String(r.officers_fte).padStart(9)} FTE  ${r.source}`);
      if (!rows.length) console.log('no officer numbers loaded: peel productivity workforce load CSV');
    });
  withCommon(w.command('load').argument('<csv>', 'force,date,officer_fte').description('load officer numbers (full-time equivalent) by force and date'))
    .action(async (csv: string, _o: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<CommonOptions>();
      const r = await withStore(configFor(config, opts), (store) => loadWorkforce(store, csv));
      if (opts.json) return printJson(r);
      console.log(`loaded ${r.rows} workforce rows for ${r.forces} forces from ${csv}`);
    });
};

