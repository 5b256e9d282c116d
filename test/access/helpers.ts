/** A fresh store in a temp folder, and a clock the test moves by hand. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '../../src/store/index.ts';
import { DEFAULT_CONFIG } from '../../src/config/index.ts';
import type { AccessSettings } from '../../src/access/index.ts';

export interface TempStore {
  readonly store: Store;
  readonly dir: string;
  readonly path: string;
  cleanup(): void;
}

export async function tempStore(): Promise<TempStore> {
  const dir = mkdtempSync(join(tmpdir(), 'peel-access-'));
  const path = join(dir, 'peel.duckdb');
  const store = await openStore({ store: path, threads: 1, memoryLimit: '256MB' });
  return {
    store, dir, path,
    cleanup() {
      try { store.close(); } catch { /* already closed */ }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface ManualClock {
  (): Date;
  advance(minutes: number): void;
}

export function manualClock(start = '2026-03-01T09:00:00.000Z'): ManualClock {
  let t = Date.parse(start);
  const c = (() => new Date(t)) as ManualClock;
  c.advance = (minutes) => { t += minutes * 60_000; };
  return c;
}

export const SETTINGS: AccessSettings = {
  sessionIdleMinutes: DEFAULT_CONFIG.sessionIdleMinutes,
  sessionMaxHours: DEFAULT_CONFIG.sessionMaxHours,
  lockoutThreshold: DEFAULT_CONFIG.lockoutThreshold,
  lockoutMinutes: DEFAULT_CONFIG.lockoutMinutes,
};

export const OPERATOR = { actor: 'cli:test', client: null } as const;
export const PW = 'correct horse battery staple';
