/**
 * Where the shared real data lives (`../shared` beside the repository), and a way for tests that
 * need it to skip with a message when it is absent, so `npm test` passes on a fresh machine.
 */
import { existsSync } from 'node:fs';
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe } from 'vitest';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const SHARED = resolve(REPO_ROOT, '../shared');
export const SHARED_DATA = resolve(SHARED, 'data');
export const SHARED_REFERENCE = resolve(SHARED, 'reference');
export const HAS_SHARED = existsSync(SHARED_DATA) && existsSync(SHARED_REFERENCE);

/** `describe` that runs only when ../shared is present, and otherwise is skipped with that reason. */
export function describeShared(name: string, fn: () => void): void {
  if (HAS_SHARED) describe(name, fn);
  else describe.skip(`${name} (skipped: ../shared not found beside the repository)`, fn);
}
