/**
 * The `peel` command line. Thin: each command parses its flags, calls a capability and renders
 * the result as text or, with `--json`, as one JSON document on stdout. Expected failures
 * (PeelError) print one clear line on stderr and exit non-zero; see `run` in ./context.ts.
 */
import { Command } from 'commander';
import { commandsFor } from './commands/index.ts';
import { loadConfig } from '../config/index.ts';
import { reportFatal } from './context.ts';

/**
 * The program with the commands `argv` needs (see commandsFor): `argv` as process.argv, so its
 * third element is the command's name; without it, every command.
 */
export async function buildProgram(argv: readonly string[] = []): Promise<Command> {
  const program = new Command('peel')
    .description('Peel: the national police data hub for England and Wales')
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)');
  const config = loadConfig();
  const registers = await Promise.all(commandsFor(argv[2]).map((c) => c.load()));
  for (const register of registers) register(program, config);
  return program;
}

export async function main(argv: readonly string[]): Promise<void> {
  // `peel alerts | head` closes the pipe early: stop quietly, as other command-line tools do.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  try {
    await (await buildProgram(argv)).parseAsync([...argv]);
  } catch (e) {
    reportFatal(e);
  }
}
