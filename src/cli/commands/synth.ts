/** `peel synth`: writes a synthetic England-and-Wales data set with known truth (see docs/synth.md). */
import cliProgress from 'cli-progress';
import { PeelError } from '../../standard/index.ts';
import { synthesize, SYNTH_DEFAULTS, type SynthOptions } from '../../synth/index.ts';
import { printJson, type Register } from '../context.ts';

function num(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n)) throw new PeelError('bad_input', `${name} must be a number, not "${v}"`);
  return n;
}

interface SynthFlags {
  out: string;
  seed?: string;
  end?: string;
  months?: string;
  forces?: string;
  scale?: string;
  narratives?: string;
  overwrite?: boolean;
  json?: boolean;
}

export const registerSynth: Register = (program) => {
  program
    .command('synth')
    .description('write a synthetic data.police.uk-format data set for England and Wales, with its injected truth in truth.json')
    .requiredOption('--out <dir>', 'output directory (must be empty, or hold an earlier synthetic set with --overwrite)')
    .option('--seed <n>', `random seed (default ${SYNTH_DEFAULTS.seed})`)
    .option('--end <YYYY-MM>', `last month (default ${SYNTH_DEFAULTS.endMonth})`)
    .option('--months <m>', `number of months (default ${SYNTH_DEFAULTS.months})`)
    .option('--forces <list>', 'all, or force slugs separated by commas (default all)')
    .option('--scale <s>', 'volume multiplier; 1.0 = real national volumes (default 1)')
    .option('--narratives <n>', `narrative records to write, 0 for none (default ${SYNTH_DEFAULTS.narratives})`)
    .option('--overwrite', 'replace an earlier synthetic set in --out')
    .option('--json', 'print one JSON document instead of text')
    .action(async (flags: SynthFlags) => {
      const forcesFlag = flags.forces?.trim();
      const opts: SynthOptions = {
        out: flags.out,
        seed: num('--seed', flags.seed),
        endMonth: flags.end,
        months: num('--months', flags.months),
        forces: forcesFlag === undefined || forcesFlag === 'all' ? 'all' : (forcesFlag.split(',').map((s) => s.trim()).filter(Boolean) as SynthOptions['forces']),
        scale: num('--scale', flags.scale),
        narratives: num('--narratives', flags.narratives),
        overwrite: flags.overwrite ?? false,
      };
      const bar = !flags.json && process.stderr.isTTY
        ? new cliProgress.SingleBar({ format: 'synth |{bar}| {value}/{total} force-months | {rows} street rows', hideCursor: true, stream: process.stderr }, cliProgress.Presets.shades_classic)
        : null;
      let started = false;
      const summary = await synthesize(opts, (p) => {
        if (!bar || p.phase !== 'records') return;
        if (!started) (bar.start(p.total, p.done, { rows: p.rows }), (started = true));
        else bar.update(p.done, { rows: p.rows.toLocaleString('en-GB') });
      }).finally(() => bar?.stop());
      if (flags.json) return printJson(summary);
      const f = (n: number) => n.toLocaleString('en-GB');
      console.log(`wrote ${f(summary.files)} files (${(summary.bytes / 1e6).toFixed(1)} MB) to ${summary.out}: ${summary.forces.length} forces, ${summary.start_month}..${summary.end_month}, seed ${summary.seed}`);
      console.log(`street ${f(summary.street_rows)} rows (ASB ${f(summary.asb_rows)}, No Location ${f(summary.no_location_rows)}, duplicate IDs ${f(summary.duplicate_id_rows)}, in a neighbour's area ${f(summary.cross_border_rows)}); outcomes ${f(summary.outcome_rows)}; stop and search ${f(summary.stop_search_rows)}; narratives ${f(summary.narrative_records)}`);
      console.log(`truth: ${summary.truth}`);
    });
};
