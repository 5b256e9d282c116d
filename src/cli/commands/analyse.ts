/**
 * `peel analyse <statistic> --in FILE`: the analyst's toolbox. Runs Peel's statistics on a user's
 * own CSV; no store involved. Thin: read the file, parse flags, call src/trends, render.
 * See docs/toolbox.md for the file formats and examples.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { PeelError, isMonth } from '../../standard/index.ts';
import {
  analyseBenjaminiHochberg,
  analyseEmergingHotSpots,
  analyseFarrington,
  analyseGiStar,
  analyseMannKendall,
  analyseScan,
  parseCubeCsv,
  parseFarringtonControl,
  parseMonthlySeriesCsv,
  parsePointsCsv,
  parsePValuesCsv,
  parseScanCsv,
  parseTimeSeriesCsv,
  WEIGHT_STYLES,
  type NeighbourSpec,
  type WeightStyle,
} from '../../trends/index.ts';
import { analyseDidCsv, runSynthSpec, runWddFile } from '../../tactics/index.ts';
import { printJson, withCommon, type CommonOptions, type Register } from '../context.ts';

function readInput(file: string | undefined): { text: string; file: string } {
  if (!file) throw new PeelError('bad_input', '--in FILE is required');
  try {
    return { text: readFileSync(file, 'utf8'), file };
  } catch (e) {
    throw new PeelError('unreadable_input', `cannot read ${file}: ${(e as Error).message}`);
  }
}

function numberOption(name: string, v: string | undefined, check: (n: number) => boolean, what: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v.trim() === '' || !check(n)) throw new PeelError('bad_input', `${name} must be ${what}, not "${v}"`);
  return n;
}
const isCount = (n: number): boolean => Number.isInteger(n) && n >= 0;
const isPositive = (n: number): boolean => Number.isFinite(n) && n > 0;

/** JSON with --json, else one tab-separated line per row under a header. */
function render(rows: readonly object[], json: boolean | undefined): void {
  if (json) return printJson(rows);
  if (rows.length === 0) return void process.stdout.write('(no rows)\n');
  const cols = Object.keys(rows[0]);
  const cell = (v: unknown): string =>
    v === null || v === undefined ? 'NA' : typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toPrecision(6)) : Array.isArray(v) ? v.join(' ') : String(v);
  const lines = rows.map((r) => {
    const rec = new Map(Object.entries(r));
    return cols.map((c) => cell(rec.get(c))).join('\t');
  });
  process.stdout.write(cols.join('\t') + '\n' + lines.join('\n') + '\n');
}

function sub(parent: Command, name: string, description: string): Command {
  return withCommon(parent.command(name).description(description).option('--in <file>', 'the input CSV file'));
}

export const register: Register = (program) => {
  const analyse = program.command('analyse').description("run Peel's statistics on your own CSV file (see docs/toolbox.md)");

  sub(analyse, 'farrington', 'Farrington flexible outbreak detection on series_id,month,count')
    .option('--control <json>', 'surveillance control values, e.g. {"b":2,"w":2,"thresholdMethod":"nbPlugin"}')
    .option('--from <month>', 'first month to monitor (YYYY-MM); default every month with enough history')
    .action((opts: CommonOptions & { in?: string; control?: string; from?: string }) => {
      const { text, file } = readInput(opts.in);
      if (opts.from !== undefined && !isMonth(opts.from)) throw new PeelError('bad_input', `--from must be YYYY-MM, not "${opts.from}"`);
      const control = parseFarringtonControl(opts.control);
      render(analyseFarrington(parseMonthlySeriesCsv(text, file), control, opts.from), opts.json);
    });

  sub(analyse, 'gistar', 'Getis-Ord Gi* (or Gi with --no-self) z-scores on id,x,y,value')
    .option('--band <d>', 'distance band: neighbours within d (same units as x, y)')
    .option('--knn <k>', 'the k nearest neighbours')
    .option('--style <B|W>', 'binary (B) or row-standardised (W) weights', 'B')
    .option('--no-self', 'Gi instead of Gi* (leave the point out of its own neighbourhood)')
    .option('--permutations <R>', 'conditional permutations for pseudo p-values')
    .option('--seed <S>', 'seed of the permutations', '1')
    .action((opts: CommonOptions & { in?: string; band?: string; knn?: string; style: string; self: boolean; permutations?: string; seed: string }) => {
      const { text, file } = readInput(opts.in);
      if ((opts.band === undefined) === (opts.knn === undefined)) throw new PeelError('bad_input', 'give exactly one of --band D or --knn K');
      const spec: NeighbourSpec =
        opts.band !== undefined
          ? { kind: 'band', d: numberOption('--band', opts.band, isPositive, 'a positive distance') as number }
          : { kind: 'knn', k: numberOption('--knn', opts.knn, (n) => Number.isInteger(n) && n > 0, 'a positive whole number') as number };
      if (!(WEIGHT_STYLES as readonly string[]).includes(opts.style)) throw new PeelError('bad_input', `--style must be B or W, not "${opts.style}"`);
      const permutations = numberOption('--permutations', opts.permutations, isCount, 'a whole number');
      const seed = numberOption('--seed', opts.seed, Number.isInteger, 'a whole number') as number;
      render(analyseGiStar(parsePointsCsv(text, file), spec, { style: opts.style as WeightStyle, star: opts.self, permutations, seed }), opts.json);
    });

  sub(analyse, 'mann-kendall', 'Mann-Kendall trend test per series on series_id,time,value').action((opts: CommonOptions & { in?: string }) => {
    const { text, file } = readInput(opts.in);
    render(analyseMannKendall(parseTimeSeriesCsv(text, file)), opts.json);
  });

  sub(analyse, 'bh', 'Benjamini-Hochberg adjusted p-values on id,p').action((opts: CommonOptions & { in?: string }) => {
    const { text, file } = readInput(opts.in);
    render(analyseBenjaminiHochberg(parsePValuesCsv(text, file)), opts.json);
  });

  sub(analyse, 'ehsa', 'emerging hot spot analysis on cell,period,count (H3 cells)')
    .option('--k <k>', 'k-ring size of the spatial neighbourhood', '1')
    .option('--time-lag <n>', 'earlier periods in the neighbourhood', '1')
    .option('--alpha <a>', 'significance level (FDR-corrected bins, trend test)', '0.05')
    .action((opts: CommonOptions & { in?: string; k: string; timeLag: string; alpha: string }) => {
      const { text, file } = readInput(opts.in);
      const k = numberOption('--k', opts.k, isCount, 'a whole number') as number;
      const timeLag = numberOption('--time-lag', opts.timeLag, isCount, 'a whole number') as number;
      const alpha = numberOption('--alpha', opts.alpha, (n) => n > 0 && n < 1, 'in (0, 1)') as number;
      render(analyseEmergingHotSpots(parseCubeCsv(text, file), { k, timeLag, alpha }), opts.json);
    });

  sub(analyse, 'scan', 'prospective space-time permutation scan on id,x,y,period,count')
    .option('--max-share <s>', 'largest share of locations in a circle', '0.5')
    .option('--max-duration <n>', 'longest window in periods, ending at the latest (default half the periods)')
    .option('--replications <R>', 'Monte Carlo replications', '999')
    .option('--seed <S>', 'seed of the replications', '1')
    .option('--workers <n>', 'worker threads for the replications', '2')
    .action(async (opts: CommonOptions & { in?: string; maxShare: string; maxDuration?: string; replications: string; seed: string; workers: string }) => {
      const { text, file } = readInput(opts.in);
      const input = parseScanCsv(text, file);
      const rows = await analyseScan(input, {
        maxShare: numberOption('--max-share', opts.maxShare, (n) => n > 0 && n <= 1, 'in (0, 1]'),
        maxDuration: numberOption('--max-duration', opts.maxDuration, (n) => Number.isInteger(n) && n > 0, 'a positive whole number'),
        replications: numberOption('--replications', opts.replications, isCount, 'a whole number'),
        seed: numberOption('--seed', opts.seed, Number.isInteger, 'a whole number'),
        workers: numberOption('--workers', opts.workers, isCount, 'a whole number'),
      });
      render(rows, opts.json);
    });

  withCommon(analyse.command('synth').description('synthetic control with placebos-in-space from a spec (see docs/tactics.md)'))
    .requiredOption('--spec <file>', 'the spec JSON (shape of ../shared/reference/tactics/basque.json)')
    .option('--seed <S>', 'seed of the random starting points for V', '1')
    .action((opts: CommonOptions & { spec: string; seed: string }) => {
      const seed = numberOption('--seed', opts.seed, Number.isInteger, 'a whole number') as number;
      const out = runSynthSpec(opts.spec, { seed });
      if (opts.json) return printJson(out);
      const w = Object.entries(out.weights).filter(([, v]) => v >= 0.001).sort((a, b) => b[1] - a[1]);
      process.stdout.write(`donor weights: ${w.map(([u, v]) => `${u} ${v.toFixed(3)}`).join(', ')}\n`);
      process.stdout.write(`pre-period RMSPE ${out.pre_rmspe.toPrecision(4)}, post-period RMSPE ${out.post_rmspe.toPrecision(4)}\n`);
      process.stdout.write(`average gap from ${out.att.from}: ${out.att.estimate.toPrecision(4)} (SE ${out.att.standard_error.toPrecision(3)})\n`);
      if (out.placebo) process.stdout.write(`placebos in space: post/pre ratio ranks ${out.placebo.ratio_rank} of ${out.placebo.placebos + 1}, p = ${out.placebo.p.toFixed(3)}\n`);
    });

  withCommon(analyse.command('wdd').description('weighted displacement difference test (Wheeler & Ratcliffe, 2018)'))
    .requiredOption('--counts <file>', 'the counts JSON (shape of ../shared/reference/tactics/wdd.json)')
    .action((opts: CommonOptions & { counts: string }) => {
      const r = runWddFile(opts.counts);
      if (opts.json) return printJson(r);
      process.stdout.write(`WDD ${r.estimate.toFixed(2)} (SE ${r.standard_error.toFixed(2)}, z ${r.z.toFixed(2)}, p ${r.p_value.toFixed(4)}), 95% interval ${r.ci95.lower.toFixed(1)} to ${r.ci95.upper.toFixed(1)}\n`);
      process.stdout.write(`local ${r.local.estimate.toFixed(2)} (SE ${r.local.standard_error.toFixed(2)}), displacement ${r.displacement.estimate.toFixed(2)} (SE ${r.displacement.standard_error.toFixed(2)})${r.wdq === null ? '' : `, WDQ ${r.wdq.toFixed(2)}`}\n`);
    });

  sub(analyse, 'did', 'difference-in-differences (quasi-Poisson) on unit,time,count')
    .option('--unit-column <c>', 'the unit column', 'unit')
    .option('--time-column <c>', 'the time column (numbers or YYYY-MM)', 'time')
    .option('--outcome <c>', 'the count column', 'count')
    .requiredOption('--treated <units>', 'treated units, comma-separated')
    .option('--comparison <units>', 'comparison units, comma-separated (default: every other unit)')
    .requiredOption('--post-from <t>', 'the first post-period time')
    .action((opts: CommonOptions & { in?: string; unitColumn: string; timeColumn: string; outcome: string; treated: string; comparison?: string; postFrom: string }) => {
      const { text, file } = readInput(opts.in);
      const list = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean);
      const r = analyseDidCsv(text, file, {
        unitColumn: opts.unitColumn, timeColumn: opts.timeColumn, outcome: opts.outcome,
        treated: list(opts.treated), comparison: opts.comparison === undefined ? undefined : list(opts.comparison), postFrom: opts.postFrom,
      });
      if (opts.json) return printJson(r);
      process.stdout.write(`rate ratio ${r.rate_ratio.toFixed(3)} (95% CI ${r.ci95.lower.toFixed(3)} to ${r.ci95.upper.toFixed(3)}, p ${r.p_value.toFixed(4)}); dispersion ${r.dispersion.toFixed(2)} on ${r.df} df\n`);
      if (r.pre_trend) process.stdout.write(`pre-period trend difference ${(100 * r.pre_trend.per_month).toFixed(2)}% a month (p ${r.pre_trend.p_value.toFixed(3)})\n`);
    });
};
