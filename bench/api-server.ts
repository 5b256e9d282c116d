/**
 * The server process bench:api measures: `startServer` as `peel serve` runs it (access plugin on),
 * or with `--no-access` the bare API (to tell the API's own cost from the access plugin's).
 * Prints "listening URL" on stderr when ready.
 */
import { startServer } from '../src/api/index.ts';
import { DEFAULT_CONFIG } from '../src/config/index.ts';

const [store, port, mode] = process.argv.slice(2);
const cfg = { ...DEFAULT_CONFIG, store, port: Number(port), host: '127.0.0.1', logLevel: 'warn', cookieSecure: false };
const server = await startServer(cfg, { buildWeb: false, ...(mode === '--no-access' ? { withoutAccess: true } : {}) });
process.stderr.write(`listening ${server.url}\n`);
process.once('SIGTERM', () => void server.close().then(() => process.exit(0)));
