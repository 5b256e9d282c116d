/**
 * The `peel` command line. Thin: each command parses its flags, calls a capability and renders
 * the result as text or, with `--json`, as one JSON document on stdout. Expected failures
 * (PeelError) print one clear line on stderr and exit non-zero; see `run` in ./context.ts.
 * Only the modules of the command being run are loaded (see commandsFor in ./commands/index.ts).
 * While `peel serve` holds the store, the commands listed in ./channel-commands.ts run in the
 * server through its admin channel (./channel-client.ts, ./channel-server.ts).
 */
import { Command } from 'commander';
import { commandsFor } from './commands/index.ts';
import { loadConfig, type PeelConfig } from '../config/index.ts';
import { reportFatal } from './context.ts';
import { ForwardedExit, forwardWhenServed } from './channel-client.ts';

export interface ProgramOptions {
  /** The command line after `peel`: hand a channel command to a `peel serve` holding its store. */
  readonly forward?: readonly string[];
  /** Throw instead of exiting on a usage error or `--help` (a program run inside the server). */
  readonly exitOverride?: boolean;
}

/**
 * The program with the commands `argv` needs (see commandsFor): `argv` as process.argv, so its
 * third element is the command's name; without it, every command.
 */
export async function buildProgram(argv: readonly string[] = [], config: PeelConfig = loadConfig(), opts: ProgramOptions = {}): Promise<Command> {
  const program = new Command('peel')
    .description('Peel: the national police data hub for England and Wales')
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)');
  // Before the commands are added: they inherit it.
  if (opts.exitOverride) program.exitOverride();
  if (opts.forward) forwardWhenServed(program, config, opts.forward);
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
    await (await buildProgram(argv, loadConfig(), { forward: argv.slice(2) })).parseAsync([...argv]);
  } catch (e) {
    if (e instanceof ForwardedExit) process.exit(e.code);
    reportFatal(e);
  }
}
