/**
 * The client end of the admin channel: hands a command to the `peel serve` that holds the store,
 * plays its output back on this terminal, answers its requests for stdin or a hidden prompt, and
 * returns its exit code. When nothing answers on the socket, the caller runs the command itself.
 */
import { lstatSync } from 'node:fs';
import { createConnection, type Socket } from 'node:net';
import { PeelError } from '../standard/index.ts';
import { encodeFrame, frameReader, PROTOCOL_VERSION, ServerFrame, type ClientFrame, type RunRequest } from './protocol.ts';
import { adminSocketPath } from './socket-path.ts';

/** This process's terminal, as the channel needs it. */
export interface ClientTerminal {
  out(text: string): void;
  err(text: string): void;
  readStdin(): Promise<string>;
  prompt(question: string): Promise<string>;
}

export type ForwardRequest = Omit<RunRequest, 't' | 'v'>;

const STDIN_CHUNK = 64 * 1024;

function connect(path: string): Promise<Socket | null> {
  return new Promise((resolve, reject) => {
    const sock = createConnection(path);
    sock.once('connect', () => {
      sock.removeAllListeners('error');
      resolve(sock);
    });
    sock.once('error', (e: NodeJS.ErrnoException) => {
      // No socket, or one left by a killed server: nobody serves this store.
      if (e.code === 'ENOENT' || e.code === 'ECONNREFUSED') return resolve(null);
      if (e.code === 'EACCES' || e.code === 'EPERM') {
        return reject(new PeelError('store_busy', `the store is held by \`peel serve\`, and its admin channel ${path} is only for the user who runs it (permission denied)`, { channel: true }));
      }
      reject(new PeelError('store_busy', `the store is held by \`peel serve\`, and its admin channel ${path} cannot be reached: ${e.message}`, { channel: true }));
    });
  });
}

/**
 * Runs `request` on the server holding `storePath` and resolves its exit code, or null when no
 * server answers there (no socket, or a stale one).
 */
export async function forwardToServer(storePath: string, request: ForwardRequest, terminal: ClientTerminal): Promise<number | null> {
  const path = adminSocketPath(storePath);
  try {
    if (!lstatSync(path).isSocket()) return null;
  } catch {
    return null;
  }
  const sock = await connect(path);
  if (!sock) return null;
  const send = (f: ClientFrame) => sock.write(encodeFrame(f));
  return new Promise<number>((resolve, reject) => {
    let exit: number | null = null;
    const fail = (message: string) => {
      sock.destroy();
      reject(new PeelError('store_busy', message, { channel: true }));
    };
    const read = frameReader(ServerFrame, (f) => {
      switch (f.t) {
        case 'out': terminal.out(f.d); break;
        case 'err': terminal.err(f.d); break;
        case 'exit': exit = f.code; break;
        case 'stdin':
          terminal.readStdin().then((text) => {
            for (let i = 0; i < text.length; i += STDIN_CHUNK) send({ t: 'stdin', d: text.slice(i, i + STDIN_CHUNK) });
            send({ t: 'stdin-end' });
          }, (e: Error) => fail(`could not read stdin for the server: ${e.message}`));
          break;
        case 'prompt':
          terminal.prompt(f.q).then((d) => send({ t: 'answer', d }), (e: Error) => fail(`could not prompt: ${e.message}`));
          break;
        default: {
          const never: never = f;
          void never;
        }
      }
    }, (why) => fail(`the admin channel ${path} sent ${why}`));
    sock.on('data', read);
    sock.on('error', () => undefined); // the close below says what matters
    sock.on('close', () => {
      if (exit !== null) resolve(exit);
      else fail(`\`peel serve\` stopped before the command finished (its admin channel ${path} closed): check with \`peel status\` / \`peel batches\` what was committed`);
    });
    sock.write(encodeFrame({ t: 'run', v: PROTOCOL_VERSION, ...request }));
  });
}
