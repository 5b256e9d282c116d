/**
 * The CLI's lazy command registry (src/cli/commands/index.ts): each module registers exactly the
 * top-level names listed for it, so `peel NAME` loads the right module and nothing else, and a
 * name no module claims (help, a typo) still sees every command.
 */
import { describe, expect, it } from 'vitest';
import { Command } from 'commander';
import { COMMANDS, commandsFor } from '../../src/cli/commands/index.ts';
import { loadConfig } from '../../src/config/index.ts';

describe('the CLI command registry', () => {
  it('lists, for each module, exactly the top-level commands it registers', { timeout: 60_000 }, async () => {
    const seen = new Set<string>();
    for (const c of COMMANDS) {
      const program = new Command('peel');
      (await c.load())(program, loadConfig());
      expect(program.commands.map((x) => x.name()).sort()).toEqual([...c.names].sort());
      for (const n of c.names) {
        expect(seen.has(n), `${n} is listed twice`).toBe(false);
        seen.add(n);
      }
    }
  });

  it('loads only the module that defines the command asked for', () => {
    expect(commandsFor('status').map((c) => c.names)).toEqual([['status', 'batches', 'quarantine']]);
    expect(commandsFor('alerts').map((c) => c.names)).toEqual([['detect', 'alerts']]);
  });

  it('loads every module for help, no command, or a name it does not know', () => {
    for (const name of ['--help', 'help', undefined, 'statsu']) expect(commandsFor(name)).toHaveLength(COMMANDS.length);
  });
});
