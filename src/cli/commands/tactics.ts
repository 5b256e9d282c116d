/**
 * `peel tactics` (the library and sharing) and `peel trials` (register, amend, list, show, power,
 * evaluate). Thin: parse flags, call src/tactics, render. See docs/tactics.md.
 */
import { writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { PeelError, isMonth } from '../../standard/index.ts';
import { withStore } from '../../store/index.ts';
import {
  amendTrial, currentRegistration, evaluateTrial, exportTactic, getTactic, getTrial, importTactics, latestEvaluation, listTactics, listTrials,
  registerTrial, trialPower, type RegisterInput,
} from '../../tactics/index.ts';
import { configFor, printJson, withCommon, type CommonOptions, type Register } from '../context.ts';

const list = (s: string | undefined) => (s === undefined ? undefined : s.split(',').map((x) => x.trim()).filter(Boolean));

interface TrialFlags extends CommonOptions {
  tactic?: string;
  force?: string;
  title?: string;
  lsoas?: string;
  start?: string;
  end?: string;
  categories?: string;
  buffer?: string;
  comparisonForces?: string;
  randomised?: boolean;
  by?: string;
}

function trialOptions(cmd: Command): Command {
  return cmd
    .option('--title <text>', 'a title for the trial')
    .option('--lsoas <codes>', 'treated LSOAs, comma-separated (E01…/W01…)')
    .option('--start <YYYY-MM>', 'first month of the tactic')
    .option('--end <YYYY-MM>', 'last month of the tactic')
    .option('--categories <ids>', 'outcome crime categories, comma-separated (e.g. burglary)')
    .option('--buffer <metres>', 'displacement buffer around the treated areas (default 500)')
    .option('--comparison-forces <slugs>', 'forces whose untreated areas may be comparisons (default: the force and its neighbours)')
    .option('--randomised', 'the treated areas were chosen at random from eligible ones (Maryland level 5)')
    .option('--by <name>', 'who registers (default: the operating-system user)');
}

function inputOf(o: TrialFlags): Partial<RegisterInput> {
  for (const [flag, v] of [['--start', o.start], ['--end', o.end]] as const) {
    if (v !== undefined && !isMonth(v)) throw new PeelError('bad_input', `${flag} must be a month as YYYY-MM, not "${v}"`);
  }
  const buffer = o.buffer === undefined ? undefined : Number(o.buffer);
  if (buffer !== undefined && !(buffer > 0)) throw new PeelError('bad_input', `--buffer must be a positive number of metres, not "${o.buffer}"`);
  return {
    tactic_id: o.tactic, force_id: o.force, title: o.title, treated_lsoas: list(o.lsoas), start: o.start, end: o.end, categories: list(o.categories),
    buffer_m: buffer, comparison_forces: list(o.comparisonForces), allocation: o.randomised ? 'randomised' : undefined,
  };
}

const who = (o: { by?: string }) => o.by ?? userInfo().username;

export const registerTactics: Register = (program, config) => {
  const tactics = program.command('tactics').description('the tactic library (EMMIE evidence cards) and sharing it between forces');
  withCommon(tactics.command('list').description('tactics in the library')).action(async (o: CommonOptions) => {
    const all = await withStore(configFor(config, o), (s) => listTactics(s));
    if (o.json) return printJson({ tactics: all });
    for (const t of all) process.stdout.write(`${t.tactic_id.padEnd(28)} ${t.name} (Maryland ${t.maryland_level}, effect evidence ${t.emmie.effect.evidence_quality}; ${t.origin})\n`);
  });
  withCommon(tactics.command('show <id>').description('a tactic\'s EMMIE card')).action(async (id: string, o: CommonOptions) => {
    const t = await withStore(configFor(config, o), (s) => getTactic(s, id));
    if (o.json) return printJson(t);
    process.stdout.write(`${t.name}\n\nProblem: ${t.problem}\nMechanism: ${t.mechanism}\n\n`);
    for (const [k, v] of Object.entries(t.emmie)) process.stdout.write(`${k.replace('_', ' ')} (${v.evidence_quality}): ${v.summary}\n`);
    process.stdout.write(`\nMaryland level of the best evidence: ${t.maryland_level}\nCost: ${t.cost}\nReferences:\n${t.references.map((r) => `  - ${r}`).join('\n')}\n`);
  });
  withCommon(tactics.command('export <id>').description('a versioned document of the tactic, its trials and evaluations, with a content hash'))
    .option('--force <slug>', 'only this force\'s trials')
    .option('--out <file>', 'write it here (default: standard output)')
    .action(async (id: string, o: CommonOptions & { force?: string; out?: string }) => {
      const doc = await withStore(configFor(config, o), (s) => exportTactic(s, id, o.force ?? null));
      const text = JSON.stringify(doc, null, 2) + '\n';
      if (!o.out) return void process.stdout.write(text);
      writeFileSync(o.out, text);
      process.stdout.write(`wrote ${o.out}: ${doc.tactic.name}, ${doc.trials.length} trial(s), ${doc.evaluations.length} evaluation(s); content hash ${doc.content_hash}\n`);
    });
  withCommon(tactics.command('import <file>').description('load a document another force exported (checked against its hashes first)')).action(async (file: string, o: CommonOptions) => {
    const r = await withStore(configFor(config, o), (s) => importTactics(s, file));
    if (o.json) return printJson(r);
    process.stdout.write(`imported ${r.tactic_id}: ${r.trials_added.length} trial(s) added${r.trials_already_held.length ? `, ${r.trials_already_held.length} already held` : ''}, ${r.evaluations_added} evaluation(s)\n`);
  });

  const trials = program.command('trials').description('register a tactic\'s trial before its results, estimate its power, evaluate it honestly');
  trialOptions(withCommon(trials.command('register').description('register a trial (hashed and time-stamped; amendments are logged, never overwritten)')))
    .requiredOption('--tactic <id>', 'the tactic (see `peel tactics list`)')
    .requiredOption('--force <slug>', 'the force running it')
    .action(async (o: TrialFlags) => {
      const input = inputOf(o) as RegisterInput;
      for (const [k, flag] of [['treated_lsoas', '--lsoas'], ['start', '--start'], ['end', '--end'], ['categories', '--categories']] as const) {
        if (!input[k]?.length) throw new PeelError('bad_input', `${flag} is required to register a trial`);
      }
      const t = await withStore(configFor(config, o), (s) => registerTrial(s, input, who(o)));
      if (o.json) return printJson(t);
      process.stdout.write(`registered ${t.trial_id}: ${t.registration.title}\n  ${t.registration.treated_lsoas.length} treated area(s), ${t.registration.start} to ${t.registration.end}, ${t.registration.categories.join(', ')}\n  registration sha256 ${t.registration_hash} at ${t.registered_at}\n`);
    });
  trialOptions(withCommon(trials.command('amend <id>').description('amend a registration, with a reason (appended to its log)')))
    .requiredOption('--reason <text>', 'why the registration changes')
    .action(async (id: string, o: TrialFlags & { reason: string }) => {
      const t = await withStore(configFor(config, o), (s) => amendTrial(s, id, inputOf(o), o.reason, who(o)));
      if (o.json) return printJson(t);
      const cur = currentRegistration(t);
      process.stdout.write(`amended ${t.trial_id} (amendment ${t.amendments.length}): sha256 ${cur.hash}\n`);
    });
  withCommon(trials.command('list').description('registered trials')).option('--force <slug>', 'only this force').action(async (o: CommonOptions & { force?: string }) => {
    const all = await withStore(configFor(config, o), (s) => listTrials(s, o.force ? [o.force] : undefined));
    if (o.json) return printJson({ trials: all });
    if (!all.length) return void process.stdout.write('no trials registered (peel trials register …)\n');
    for (const t of all) process.stdout.write(`${t.trial_id}  ${t.registration.title}${t.amendments.length ? ` (${t.amendments.length} amendment(s))` : ''}\n`);
  });
  withCommon(trials.command('show <id>').description('a trial\'s registration, amendments and latest evaluation')).action(async (id: string, o: CommonOptions) => {
    const out = await withStore(configFor(config, o), async (s) => ({ trial: await getTrial(s, id), evaluation: await latestEvaluation(s, id) }));
    if (o.json) return printJson(out);
    const t = out.trial;
    process.stdout.write(`${t.trial_id}: ${t.registration.title}\nregistered ${t.registered_at} by ${t.registered_by}, sha256 ${t.registration_hash}\n`);
    for (const a of t.amendments) process.stdout.write(`amended ${a.at} by ${a.by}: ${a.reason} (sha256 ${a.hash})\n`);
    process.stdout.write(out.evaluation ? `\n${out.evaluation.card.in_words}\n(evaluated ${out.evaluation.evaluated_at}; Maryland level ${out.evaluation.card.maryland_level})\n` : '\nnot evaluated yet (peel trials evaluate ID)\n');
  });
  withCommon(trials.command('power <id>').description('minimum detectable effect, by simulation on the areas\' own history'))
    .option('--simulations <n>', 'simulated trials per effect size', '200')
    .action(async (id: string, o: CommonOptions & { simulations: string }) => {
      const n = Number(o.simulations);
      if (!Number.isInteger(n) || n < 10) throw new PeelError('bad_input', `--simulations must be a whole number of at least 10, not "${o.simulations}"`);
      const r = await withStore(configFor(config, o), (s) => trialPower(s, id, { simulations: n }));
      if (o.json) return printJson(r);
      process.stdout.write(`power over ${r.post_months} month(s), ${r.simulations} simulations per size:\n`);
      for (const p of r.power) process.stdout.write(`  ${String(Math.round(100 * p.reduction)).padStart(3)}% reduction: ${(100 * p.power).toFixed(0)}% detected\n`);
      process.stdout.write(r.minimum_detectable_reduction === null ? 'minimum detectable reduction: more than 50% (add areas or months)\n' : `minimum detectable reduction (80% power, 5% level): ${Math.round(100 * r.minimum_detectable_reduction)}%\n`);
    });
  withCommon(trials.command('evaluate <id>').description('synthetic control, difference-in-differences and displacement on the hub\'s data')).action(async (id: string, o: CommonOptions) => {
    const e = await withStore(configFor(config, o), (s) => evaluateTrial(s, id));
    if (o.json) return printJson(e);
    process.stdout.write(`${e.card.in_words}\n\n${e.card.effect}\nMaryland level ${e.card.maryland_level}.\n`);
  });
};
