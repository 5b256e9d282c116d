/**
 * The server side of commands alongside the server: `peel serve` opens the admin channel of its
 * store, and each command a client hands over runs here, in-process, through the same commander
 * program as on its own, against the store the server holds open, with the client's `PEEL_*`
 * settings, folder and terminal (./terminal.ts). Its exit code is the one it would have had alone.
 */
import { CommanderError } from 'commander';
import { openAdminChannel, type AdminChannel, type RunCommand } from '../admin/index.ts';
import { loadConfig, withOverrides, type PeelConfig } from '../config/index.ts';
import { PeelError } from '../standard/index.ts';
import { isServerStore, type Store } from '../store/index.ts';
import type { RunningServer } from '../api/index.ts';
import { channelCommand, channelCommandList, commandPath } from './channel-commands.ts';
import { describeFatal } from './context.ts';
import { buildProgram } from './index.ts';
import { captureProcessOutput, runRemote, type RemoteRun } from './terminal.ts';

export interface CommandChannelHooks {
  /** After a command that can change what the API serves (e.g. drop cached answers). */
  readonly afterWrite: () => void;
  readonly log: (message: string) => void;
}

/** Runs one client's command line against `store`; resolves its exit code. */
export function channelRunner(store: Store, serverConfig: Pick<PeelConfig, 'store'>, hooks: CommandChannelHooks): RunCommand {
  captureProcessOutput();
  return async (request, terminal) => {
    const run: RemoteRun = {
      cwd: request.cwd, stdinIsTTY: request.stdinTTY, store, exitCode: undefined,
      write: terminal.write, readStdin: terminal.readStdin, prompt: terminal.prompt,
    };
    let writes = false;
    let name = request.argv[0] ?? '';
    const code = await runRemote(run, async () => {
      try {
        // The client's settings, but the store is the one this server holds.
        const config = withOverrides(loadConfig(request.env), { store: serverConfig.store });
        // process.argv's shape: the command's name third, so only its module is loaded.
        const program = await buildProgram(['node', 'peel', ...request.argv], config, { exitOverride: true });
        program.hook('preAction', (_root, action) => {
          name = commandPath(action);
          const c = channelCommand(name);
          if (!c) throw new PeelError('bad_input', `\`peel ${name}\` does not run through the admin channel; these do: ${channelCommandList()}`);
          writes = c.writes;
        });
        await program.parseAsync([...request.argv], { from: 'user' });
        return run.exitCode ?? 0;
      } catch (e) {
        // Commander has printed a usage error or the help already.
        if (e instanceof CommanderError) return e.exitCode;
        const { text, code } = describeFatal(e);
        process.stderr.write(text);
        return code;
      }
    });
    if (writes) hooks.afterWrite();
    hooks.log(`admin channel: \`peel ${name}\` for ${request.user} exited ${code}`);
    return code;
  };
}

/**
 * Opens the admin channel of the store a server holds. Failing to open it does not stop the
 * server: it is logged, and other commands then find the store busy as before.
 */
export async function openCommandChannel(store: Store, serverConfig: Pick<PeelConfig, 'store'>, hooks: CommandChannelHooks): Promise<AdminChannel | null> {
  // A server store (postgres://) is opened by every process itself: no channel, and no socket
  // beside a "path" that is a URL.
  if (isServerStore(serverConfig.store)) return null;
  try {
    return await openAdminChannel({ storePath: serverConfig.store, run: channelRunner(store, serverConfig, hooks) });
  } catch (e) {
    hooks.log(`admin channel not opened: ${(e as Error).message}; other \`peel\` commands cannot reach this store while it serves`);
    return null;
  }
}

/**
 * The admin channel of a running API server (`peel serve`, `peel demo`): commands run against its
 * store, and one that writes moves its data version so that no cached answer outlives it.
 */
export function openServerChannel(server: RunningServer, storePath: string, log: (message: string) => void): Promise<AdminChannel | null> {
  return openCommandChannel(server.app.peel.store, { store: storePath }, { afterWrite: () => server.app.peel.cache.bump(), log });
}
