/** Where a store's admin channel listens: a Unix socket beside the store file. */
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * The longest socket path Linux accepts (`sun_path` is 108 bytes with its terminating NUL); a
 * longer one cannot be bound or reached.
 */
export const MAX_SOCKET_PATH_BYTES = 107;

/**
 * `<store>.admin.sock`, from the store file's real path (so `./peel-data/peel.duckdb`, an absolute
 * path and a symlink to it all name the same socket); from the path as given, made absolute, when
 * the store file does not exist.
 */
export function adminSocketPath(storePath: string): string {
  let real: string;
  try {
    real = realpathSync(storePath);
  } catch {
    real = resolve(storePath);
  }
  return `${real}.admin.sock`;
}

/** Why this socket path cannot be used, or null when it can. */
export function socketPathProblem(path: string): string | null {
  const n = Buffer.byteLength(path);
  return n > MAX_SOCKET_PATH_BYTES ? `its path ${path} is ${n} bytes, longer than the ${MAX_SOCKET_PATH_BYTES} a Unix socket allows (use a shorter store path)` : null;
}
