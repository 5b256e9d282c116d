/**
 * The server end of the admin channel: a Unix socket beside the store, mode 0600 from the moment it
 * exists, that runs one command at a time for a client of the server's own uid and streams its
 * output back. What a command is and how it runs is the caller's (`run`); this file is transport.
 */
import { chmodSync, lstatSync, unlinkSync, type Stats } from 'node:fs';
import { createConnection, createServer, type Socket } from 'node:net';
import { encodeFrame, frameReader, IncomingFrame, PROTOCOL_VERSION, type RunRequest, type ServerFrame } from './protocol.ts';
import { adminSocketPath, socketPathProblem } from './socket-path.ts';

/** The client's terminal as a command sees it through the channel. */
export interface ChannelTerminal {
  write(stream: 'out' | 'err', text: string): void;
  /** The client's whole stdin. */
  readStdin(): Promise<string>;
  /** Asks on the client's terminal, without echo. */
  prompt(question: string): Promise<string>;
}

/** Runs one request and resolves its exit code. */
export type RunCommand = (request: RunRequest, terminal: ChannelTerminal) => Promise<number>;

export interface AdminChannelOptions {
  /** The store the server holds open; the socket is `<store>.admin.sock`. */
  readonly storePath: string;
  readonly run: RunCommand;
  /** The uid served (default: this process's). */
  readonly uid?: number;
}

export interface AdminChannel {
  readonly path: string;
  /** Stops taking commands, removes the socket, and resolves once a command under way has finished. */
  close(): Promise<void>;
}

/** Exit status of a refused request: the store's own "busy" status, as when no channel answers. */
const REFUSED = 8;

/** Whether something accepts connections at `path`. */
function answers(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const c = createConnection(path);
    c.once('connect', () => (c.destroy(), resolve(true)));
    c.once('error', () => resolve(false));
  });
}

function sameFile(a: Stats | null, b: Stats | null): boolean {
  return a !== null && b !== null && a.dev === b.dev && a.ino === b.ino;
}

function statOrNull(path: string): Stats | null {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
}

/**
 * Opens the channel of a store this process holds open. A socket left by a server that was killed
 * (nothing answers on it) is replaced; a live one, or a file that is not a socket, is refused.
 */
export async function openAdminChannel(opts: AdminChannelOptions): Promise<AdminChannel> {
  const path = adminSocketPath(opts.storePath);
  const problem = socketPathProblem(path);
  if (problem) throw new Error(problem);
  const uid = opts.uid ?? process.getuid?.() ?? -1;

  const old = statOrNull(path);
  if (old) {
    if (!old.isSocket()) throw new Error(`${path} exists and is not a socket: it was left as it is (remove it to open the admin channel)`);
    if (await answers(path)) throw new Error(`another server's admin channel answers at ${path}`);
    unlinkSync(path); // stale: its server was killed without removing it
  }

  let queue: Promise<void> = Promise.resolve();
  let stopping = false;
  const server = createServer((sock) => {
    serveConnection(sock, uid, opts.run, (job) => (queue = queue.then(job, job)), () => stopping);
  });

  // The socket is created 0600 (umask 0177 while it is bound; bind is synchronous in listen), so
  // there is no moment when another user could connect; it is set again explicitly below.
  const umask = process.umask(0o177);
  try {
    server.listen(path);
  } finally {
    process.umask(umask);
  }
  await new Promise<void>((resolve, reject) => {
    if (server.listening) return resolve();
    server.once('listening', resolve);
    server.once('error', reject);
  });
  chmodSync(path, 0o600);
  const mine = statOrNull(path);

  const removeSocket = () => {
    // Only our own socket: a later server may have replaced it.
    if (sameFile(statOrNull(path), mine)) unlinkSync(path);
  };
  const onExit = () => {
    try {
      removeSocket();
    } catch {
      /* exiting anyway */
    }
  };
  process.once('exit', onExit);

  let closing: Promise<void> | null = null;
  return {
    path,
    close() {
      closing ??= (async () => {
        process.off('exit', onExit);
        stopping = true;
        server.close();
        removeSocket();
        // The command under way finishes; requests still waiting their turn are told the server stopped.
        await queue;
      })();
      return closing;
    },
  };
}

/** One client: its request, its turn in the queue, its frames both ways. */
function serveConnection(sock: Socket, uid: number, run: RunCommand, enqueue: (job: () => Promise<void>) => void, stopping: () => boolean): void {
  let request: RunRequest | null = null;
  let stdin: { chunks: string[]; resolve: (s: string) => void; reject: (e: Error) => void } | null = null;
  let answer: { resolve: (s: string) => void; reject: (e: Error) => void } | null = null;
  let gone = false;

  const send = (f: ServerFrame) => {
    if (!gone && !sock.destroyed) sock.write(encodeFrame(f));
  };
  const refuse = (message: string, code: number) => {
    send({ t: 'err', d: `peel: ${message}\n` });
    send({ t: 'exit', code });
    sock.end();
  };
  const lost = () => {
    if (gone) return;
    gone = true;
    const e = new Error('the client closed the admin channel');
    stdin?.reject(e);
    answer?.reject(e);
    stdin = answer = null;
  };
  sock.on('close', lost);
  sock.on('error', lost);

  const read = frameReader(IncomingFrame, (f) => {
    if (f.t === 'run') {
      if (request) return refuse('a second request on one connection', 2);
      request = f;
      if (f.v !== PROTOCOL_VERSION) return refuse(`this server speaks admin protocol ${PROTOCOL_VERSION}, not ${f.v}: run the same Peel version as \`peel serve\``, 2);
      if (f.uid !== uid) return refuse(`the admin channel serves only the user who runs \`peel serve\` (uid ${uid}); you are uid ${f.uid}`, REFUSED);
      const req = f;
      enqueue(async () => {
        if (gone) return;
        if (stopping()) return refuse('`peel serve` is stopping: run the command again once it has stopped (it then runs on its own)', REFUSED);
        const terminal: ChannelTerminal = {
          write: (stream, text) => send({ t: stream, d: text }),
          readStdin: () => new Promise<string>((resolve, reject) => {
            if (gone) return reject(new Error('the client closed the admin channel'));
            stdin = { chunks: [], resolve, reject };
            send({ t: 'stdin' });
          }),
          prompt: (question) => new Promise<string>((resolve, reject) => {
            if (gone) return reject(new Error('the client closed the admin channel'));
            answer = { resolve, reject };
            send({ t: 'prompt', q: question });
          }),
        };
        let code: number;
        try {
          code = await run(req, terminal);
        } catch (e) {
          send({ t: 'err', d: `peel: ${(e as Error)?.message ?? String(e)}\n` });
          code = 1;
        }
        send({ t: 'exit', code });
        sock.end();
      });
      return;
    }
    if (!request) return refuse('the first frame must be the request', 2);
    if (f.t === 'answer' && answer) {
      const a = answer;
      answer = null;
      a.resolve(f.d);
    } else if (f.t === 'stdin' && stdin) stdin.chunks.push(f.d);
    else if (f.t === 'stdin-end' && stdin) {
      const s = stdin;
      stdin = null;
      s.resolve(s.chunks.join(''));
    }
  }, (why) => refuse(`the admin channel received ${why}`, 2));
  sock.on('data', read);
}
