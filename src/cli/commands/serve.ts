/** `peel serve`: one process serving the API, its docs and the dashboard, owning the store. */
import { PeelError } from '../../standard/index.ts';
import { withOverrides } from '../../config/index.ts';
// The API (fastify and its plugins) loads only when a server starts: other commands start faster.
import { createClient } from '../../client/index.ts';
import type { Register } from '../context.ts';

export const registerServe: Register = (program, config) => {
  program
    .command('serve')
    .description('serve the API (docs at /docs) and the dashboard; the server owns the store while it runs')
    .option('--port <n>', `port to listen on (default ${config.port}, or PEEL_PORT)`)
    .option('--host <address>', `address to bind (default ${config.host}, or PEEL_HOST)`)
    .option('--store <file>', 'the store file (default ./peel-data/peel.duckdb, or PEEL_STORE)')
    .option('--no-build', 'do not build the dashboard when web/dist is missing (serve the API only)')
    .action(async (opts: { port?: string; host?: string; store?: string; build: boolean }) => {
      let port: number | undefined;
      if (opts.port !== undefined) {
        port = Number(opts.port);
        if (!Number.isInteger(port) || port < 0 || port > 65535) throw new PeelError('bad_input', `--port must be a port number 0..65535, not "${opts.port}"`);
      }
      const cfg = withOverrides(config, { port, host: opts.host, store: opts.store ?? config.store });
      // Ask through the API's own client whether a Peel server already answers there.
      const here = `http://${cfg.host.includes(':') ? `[${cfg.host}]` : cfg.host}:${cfg.port}`;
      const running = cfg.port ? await createClient({ baseUrl: here }).health(AbortSignal.timeout(1500)).catch(() => null) : null;
      if (running) {
        throw new PeelError('conflict', `a Peel server is already running at ${here}/ (version ${running.version}); open it, or stop it first`);
      }
      const { startServer } = await import('../../api/index.ts');
      const server = await startServer(cfg, { buildWeb: opts.build, log: (m) => process.stderr.write(`peel: ${m}\n`) });
      // Other `peel` commands on this store run here, through the admin channel beside it.
      const { openServerChannel } = await import('../channel-server.ts');
      const channel = await openServerChannel(server, cfg.store, (m) => process.stderr.write(`peel: ${m}\n`));
      process.stderr.write(`peel: serving ${cfg.store}\npeel: dashboard ${server.url}  API docs ${server.url}docs\n`);
      if (channel) process.stderr.write(`peel: admin channel ${channel.path}: \`peel status\`, \`peel ingest\`, \`peel users\` ... run through it\n`);
      let closing = false;
      const stop = () => {
        if (closing) return;
        closing = true;
        (channel?.close() ?? Promise.resolve()).then(() => server.close()).then(() => process.exit(0), () => process.exit(1));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
};
