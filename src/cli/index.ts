/**
 * The `peel` command line. Thin: each command parses its flags, calls a capability and renders
 * the result as text or, with `--json`, as one JSON document on stdout. Expected failures
 * (PeelError) print one clear line on stderr and exit non-zero; see `run` in ./context.ts.
 * While `peel serve` holds the store, the commands listed in ./channel-commands.ts run in the
 * server through its admin channel (./channel-client.ts, ./channel-server.ts).
 */
import { Command } from 'commander';
import { COMMANDS } from './commands/index.ts';
import { loadConfig, type PeelConfig } from '../config/index.ts';
import { reportFatal } from './context.ts';
import { ForwardedExit, forwardWhenServed } from './channel-client.ts';

export interface ProgramOptions {
  /** The command line after `peel`: hand a channel command to a `peel serve` holding its store. */
  readonly forward?: readonly string[];
  /** Throw instead of exiting on a usage error or `--help` (a program run inside the server). */
  readonly exitOverride?: boolean;
}

export function buildProgram(config: PeelConfig = loadConfig(), opts: ProgramOptions = {}): Command {
  const program = new Command('peel')
    .description('Peel: the national police data hub for England and Wales')
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)');
  // Before the commands are added: they inherit it.
  if (opts.exitOverride) program.exitOverride();
  if (opts.forward) forwardWhenServed(program, config, opts.forward);
  for (const register of COMMANDS) register(program, config);
  return program;
}

export async function main(argv: readonly string[]): Promise<void> {
  // `peel alerts | head` closes the pipe early: stop quietly, as other command-line tools do.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  try {
    await buildProgram(loadConfig(), { forward: argv.slice(2) }).parseAsync([...argv]);
  } catch (e) {
    if (e instanceof ForwardedExit) process.exit(e.code);
    reportFatal(e);
  }
}
