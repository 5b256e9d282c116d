/**
 * `peel redact --in FILE.ndjson [--out FILE.ndjson] [--spans-out FILE.ndjson] [--policy P] [--json]`:
 * replaces personal data in narrative records with consistent typed placeholders. Thin: parses
 * flags, calls `redactFile` from records/, renders the summary.
 */
import { Option, type Command } from 'commander';
import { PeelError } from '../../standard/index.ts';
import { REDACTION_POLICIES, REDACTION_POLICY_NAMES, isRedactionPolicy, redactFile } from '../../records/index.ts';
import { printJson, type Register } from '../context.ts';

interface RedactFlags {
  in: string;
  out?: string;
  spansOut?: string;
  policy: string;
  json?: boolean;
}

export const registerRedact: Register = (program: Command) => {
  program
    .command('redact')
    .description('replace personal data in narrative records (NDJSON) with consistent placeholders such as [PERSON 1]')
    .requiredOption('--in <file>', 'narrative records, one JSON object a line with record_id and narrative')
    .option('--out <file>', 'write the redacted records here')
    .option('--spans-out <file>', 'write the proposed spans here: {"record_id","entities":[{"start","end","type","text"}]} per line')
    .addOption(
      new Option('--policy <policy>', REDACTION_POLICY_NAMES.map((p) => `${p}: ${REDACTION_POLICIES[p].description}`).join('; '))
        .default('disclosure'),
    )
    .option('--json', 'print the summary as one JSON document')
    .action(async (flags: RedactFlags) => {
      if (!isRedactionPolicy(flags.policy)) {
        throw new PeelError('bad_input', `unknown policy "${flags.policy}" (expected ${REDACTION_POLICY_NAMES.join(' or ')})`);
      }
      const summary = await redactFile({ in: flags.in, out: flags.out, spansOut: flags.spansOut, policy: flags.policy });
      if (flags.json) {
        printJson({ in: flags.in, out: flags.out ?? null, spans_out: flags.spansOut ?? null, ...summary });
        return;
      }
      const found = Object.values(summary.found).reduce((a, b) => a + (b ?? 0), 0);
      const replaced = Object.values(summary.replaced).reduce((a, b) => a + (b ?? 0), 0);
      process.stdout.write(`redacted ${summary.records} records under the ${summary.policy} policy: ${found} spans found, ${replaced} replaced\n`);
      for (const [type, n] of Object.entries(summary.found)) {
        process.stdout.write(`  ${type.padEnd(14)} ${String(n).padStart(7)} found  ${String(summary.distinct[type as keyof typeof summary.distinct] ?? 0).padStart(6)} distinct\n`);
      }
    });
};
