#!/usr/bin/env node
// The `peel` command. Runs the TypeScript sources through tsx's loader so that
// `npx peel ...` works straight after `npm ci`, with no build step.
import { register } from 'tsx/esm/api';
register();
const { main } = await import('../src/cli/index.ts');
await main(process.argv);
