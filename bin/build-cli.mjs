#!/usr/bin/env node
// Builds dist/peel.mjs: the `peel` command's TypeScript bundled into one JavaScript file (packages
// stay external), so `peel` starts without tsx's loader. Run by `npm ci` (the `prepare` script) and
// by `npm run build:cli`. bin/peel.mjs uses the bundle only while it is newer than every file
// under src/ and falls back to tsx otherwise, so a stale or missing bundle is never run; a failed
// build therefore only costs speed, and does not fail the install.
import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist');
const out = join(outdir, 'peel.mjs');

// Code that finds files beside itself (worker scripts, the web app) must keep pointing into src/:
// each `import.meta.url` becomes the URL of the source file it was written in.
const keepSourceUrls = {
  name: 'keep-source-urls',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/].*\.(ts|mts|mjs)$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      const rel = relative(outdir, args.path).split('\\').join('/');
      return {
        contents: text.replaceAll('import.meta.url', `new URL(${JSON.stringify(rel)}, import.meta.url).href`),
        loader: args.path.endsWith('.mjs') ? 'js' : 'ts',
      };
    });
  },
};

// Built into a fresh folder and swapped in whole: a `peel` starting meanwhile sees the old bundle
// or the new one, never half of one. Code behind a dynamic import (the API server) is its own chunk,
// so commands that do not start a server never load fastify.
const tmp = join(root, `dist.${process.pid}.tmp`);
try {
  const { build } = await import('esbuild');
  rmSync(tmp, { recursive: true, force: true });
  await build({
    entryPoints: { peel: join(root, 'src', 'cli', 'index.ts') },
    bundle: true,
    splitting: true,
    outdir: tmp,
    // Chunks beside the entry: the rewritten import.meta.url paths are relative to dist/ itself.
    chunkNames: '[name]-[hash]',
    outExtension: { '.js': '.mjs' },
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    plugins: [keepSourceUrls],
    logLevel: 'warning',
    banner: { js: '// Built by bin/build-cli.mjs from src/ — do not edit; bin/peel.mjs ignores it once src/ is newer.' },
  });
  const old = join(root, `dist.${process.pid}.old`);
  if (existsSync(outdir)) renameSync(outdir, old);
  renameSync(tmp, outdir);
  rmSync(old, { recursive: true, force: true });
  console.log(`built ${relative(root, out)}`);
} catch (e) {
  rmSync(tmp, { recursive: true, force: true });
  console.warn(`peel: could not build ${relative(root, out)} (${e?.message ?? e}); \`peel\` will run the TypeScript sources through tsx`);
}
