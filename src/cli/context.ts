/**
 * What every command shares: the common `--store` and `--json` flags, rendering, and the one
 * place where errors become exit codes.
 */
import type { Command } from 'commander';
import { isPeelError, type ErrorCode } from '../standard/index.ts';
import { withOverrides, type PeelConfig } from '../config/index.ts';
import { channelCommandList } from './channel-commands.ts';

export type Register = (program: Command, config: PeelConfig) => void;

export interface CommonOptions {
  store?: string;
  json?: boolean;
}

/** Adds `--store FILE` and `--json` to a command. */
export function withCommon(cmd: Command): Command {
  return cmd
    .option('--store <file>', 'the store file (default ./peel-data/peel.duckdb, or PEEL_STORE)')
    .option('--json', 'print one JSON document instead of text');
}

export function configFor(config: PeelConfig, opts: CommonOptions): PeelConfig {
  return withOverrides(config, { store: opts.store ?? config.store });
}

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? Number(v) : v)) + '\n');
}

const EXIT_CODES: Record<ErrorCode, number> = {
  bad_input: 2,
  unreadable_input: 3,
  not_found: 4,
  no_data: 4,
  conflict: 5,
  shrink_refused: 5,
  unauthenticated: 6,
  forbidden: 6,
  locked: 6,
  too_many_requests: 7,
  store_busy: 8,
  not_available: 9,
};

/** What a failed command prints on stderr and the status it exits with. */
export function describeFatal(e: unknown): { text: string; code: number } {
  if (isPeelError(e)) {
    // The store is held by another process: say which commands can still reach it.
    const hint = e.code === 'store_busy' && !e.details.channel
      ? `; while \`peel serve\` holds a store, these commands run through it: ${channelCommandList()}`
      : '';
    return { text: `peel: ${e.message}${hint}\n`, code: EXIT_CODES[e.code] };
  }
  const err = e as Error;
  // An unexpected error is a bug: keep the stack so it can be reported.
  return { text: `peel: ${err?.message ?? String(e)}\n${err?.stack?.split('\n').slice(1, 6).join('\n') ?? ''}\n`, code: 1 };
}

/** Prints an error as one line and exits: a PeelError with its code's exit status, else 1. */
export function reportFatal(e: unknown): never {
  const { text, code } = describeFatal(e);
  process.stderr.write(text);
  process.exit(code);
}
