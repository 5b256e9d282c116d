/**
 * The admin channel: how a `peel` command reaches a store that `peel serve` holds open. The server
 * listens on a Unix socket beside the store (`<store>.admin.sock`, mode 0600, removed on exit, a
 * stale one replaced); a command that finds it hands its work over and plays back the output and
 * exit code. This folder is the transport; which commands go over it, and how they run in the
 * server, is the CLI's (src/cli/channel-*.ts). Trust model: docs/security.md.
 */
export { openAdminChannel, type AdminChannel, type AdminChannelOptions, type ChannelTerminal, type RunCommand } from './server.ts';
export { forwardToServer, type ClientTerminal, type ForwardRequest } from './client.ts';
export { adminSocketPath, MAX_SOCKET_PATH_BYTES } from './socket-path.ts';
export { PROTOCOL_VERSION, type RunRequest } from './protocol.ts';
