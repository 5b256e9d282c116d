#!/usr/bin/env node
// The `peel` command. `--version` answers at once. Otherwise it runs dist/peel.mjs, the bundle that
// `npm ci` builds (bin/build-cli.mjs), while that is newer than every source file; else, and for
// the commands whose worker threads load TypeScript (detect, analyse, demo, serve), it runs the
// sources through tsx's loader — so `npx peel ...` works straight after `npm ci`, with no build step.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);

if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  process.stdout.write(`${JSON.parse(readFileSync(`${root}package.json`, 'utf8')).version}\n`);
  process.exit(0);
}

const TYPESCRIPT_WORKERS = new Set(['detect', 'analyse', 'demo', 'serve']);

/** The bundle's mtime is later than every file under src/ and package.json. */
function bundleIsFresh() {
  let built;
  try {
    built = statSync(`${root}dist/peel.mjs`).mtimeMs;
  } catch {
    return false;
  }
  if (statSync(`${root}package.json`).mtimeMs > built) return false;
  const newer = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = `${dir}/${e.name}`;
      if (e.isDirectory() ? newer(p) : statSync(p).mtimeMs > built) return true;
    }
    return statSync(dir).mtimeMs > built;
  };
  return !newer(`${root}src`);
}

let main;
if (!TYPESCRIPT_WORKERS.has(args[0]) && bundleIsFresh()) {
  ({ main } = await import('../dist/peel.mjs'));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/index.ts'));
}
await main(process.argv);
