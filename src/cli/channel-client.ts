/**
 * The client side of commands alongside the server: before a command that can run over the admin
 * channel does anything, it looks for a `peel serve` holding its store and, when one answers, hands
 * the command line to it and ends with the server's exit code. Otherwise the command runs here.
 */
import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { forwardToServer } from '../admin/index.ts';
import { peelEnvironment, type PeelConfig } from '../config/index.ts';
import { channelCommand, commandPath } from './channel-commands.ts';
import { configFor, type CommonOptions } from './context.ts';
import { localPromptHidden, localReadStdin } from './terminal.ts';

/** Thrown once a command has run in the server: the process ends with `code`. */
export class ForwardedExit extends Error {
  constructor(readonly code: number) {
    super(`ran in \`peel serve\` (exit ${code})`);
  }
}

function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

/** Adds the hook to the program (run with `args`, the command line after `peel`): it runs before any command's own action. */
export function forwardWhenServed(program: Command, config: PeelConfig, args: readonly string[]): void {
  program.hook('preAction', async (_root, action) => {
    if (!channelCommand(commandPath(action))) return;
    const store = configFor(config, action.optsWithGlobals<CommonOptions>()).store;
    const code = await forwardToServer(store, {
      argv: [...args], cwd: process.cwd(), env: peelEnvironment(), uid: process.getuid?.() ?? -1, user: osUser(),
      stdinTTY: process.stdin.isTTY === true,
    }, {
      out: (t) => void process.stdout.write(t),
      err: (t) => void process.stderr.write(t),
      readStdin: localReadStdin,
      prompt: localPromptHidden,
    });
    if (code !== null) throw new ForwardedExit(code);
  });
}
