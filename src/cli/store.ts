/**
 * How a command reaches the store: alone, it opens the store file for the command's length; over
 * the admin channel, it uses the store the server already holds open (and leaves it open).
 */
import { withStore as openForCommand, type Store } from '../store/index.ts';
import { remoteRun } from './terminal.ts';

export async function withStore<T>(config: Parameters<typeof openForCommand>[0], fn: (store: Store) => Promise<T>): Promise<T> {
  const r = remoteRun();
  return r ? fn(r.store) : openForCommand(config, fn);
}
