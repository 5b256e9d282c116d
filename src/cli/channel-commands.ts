/**
 * The commands that reach a store held by `peel serve` through its admin channel, by the names
 * that lead to them (`users add` is ['users', 'add']). `writes`: the command can change what the
 * API serves, so the server drops its cached answers afterwards. A command not listed fails, while
 * the server runs, with the store's `store_busy` error, which lists these.
 */
import type { Command } from 'commander';

export interface ChannelCommand {
  readonly path: string;
  readonly writes: boolean;
}

export const CHANNEL_COMMANDS: readonly ChannelCommand[] = [
  { path: 'status', writes: false },
  { path: 'batches', writes: false },
  { path: 'quarantine', writes: false },
  { path: 'ingest', writes: true },
  { path: 'detect', writes: true },
  { path: 'alerts', writes: false },
  { path: 'alerts show', writes: false },
  { path: 'alerts ack', writes: true },
  { path: 'alerts dismiss', writes: true },
  { path: 'alerts action', writes: true },
  { path: 'quality', writes: true },
  { path: 'quality run', writes: true },
  { path: 'quality report', writes: true },
  { path: 'quality league', writes: true },
  { path: 'quality trend', writes: true },
  { path: 'users add', writes: true },
  { path: 'users demo', writes: true },
  { path: 'users list', writes: false },
  { path: 'users set', writes: true },
  { path: 'users password', writes: true },
  { path: 'users unlock', writes: true },
  { path: 'users grant', writes: true },
  { path: 'users revoke-grant', writes: true },
  { path: 'tokens add', writes: true },
  { path: 'tokens list', writes: false },
  { path: 'tokens revoke', writes: true },
  { path: 'audit', writes: false },
  { path: 'audit verify', writes: false },
  { path: 'audit anchor', writes: false },
  { path: 'records ingest', writes: true },
];

/** The names from `peel` to this command, e.g. "users add". */
export function commandPath(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

export function channelCommand(path: string): ChannelCommand | undefined {
  return CHANNEL_COMMANDS.find((c) => c.path === path);
}

/** The commands, as a reader would list them: "status, batches, …, users (all), …, records ingest". */
export function channelCommandList(): string {
  const tops: string[] = [];
  for (const c of CHANNEL_COMMANDS) {
    const top = c.path.split(' ')[0];
    const all = CHANNEL_COMMANDS.filter((x) => x.path.split(' ')[0] === top);
    const name = all.length > 1 ? top : c.path;
    if (!tops.includes(name)) tops.push(name);
  }
  return tops.join(', ');
}
