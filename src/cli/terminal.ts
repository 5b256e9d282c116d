/**
 * The terminal a command talks to. Run alone, that is this process's stdin, stdout and stderr. Run
 * for a client over the admin channel (inside `peel serve`), it is the client's: output written
 * while the command runs goes back over the socket, stdin and password prompts are asked of the
 * client, relative paths are the client's, and there is no progress bar (plain lines instead).
 * Commands use these functions rather than `process.stdin`, `isTTY` or `process.exitCode`.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import type { Store } from '../store/index.ts';

/** A command running in the server for a client of the admin channel. */
export interface RemoteRun {
  /** The client's working folder. */
  readonly cwd: string;
  readonly stdinIsTTY: boolean;
  /** The store the server holds open: the command uses it instead of opening the file. */
  readonly store: Store;
  write(stream: 'out' | 'err', text: string): void;
  readStdin(): Promise<string>;
  prompt(question: string): Promise<string>;
  /** Set by `setExitCode`: the status the command ends with when it does not fail. */
  exitCode: number | undefined;
}

const remote = new AsyncLocalStorage<RemoteRun>();

/** The channel run this code is part of, if any. */
export function remoteRun(): RemoteRun | undefined {
  return remote.getStore();
}

/** Runs `fn` (a whole command) as `run`: its output, input and store are the client's and the server's. */
export function runRemote<T>(run: RemoteRun, fn: () => Promise<T>): Promise<T> {
  return remote.run(run, fn);
}

export function stdinIsTTY(): boolean {
  const r = remote.getStore();
  return r ? r.stdinIsTTY : process.stdin.isTTY === true;
}

/** Whether progress may be drawn in place on stderr: never over the channel (plain lines instead). */
export function stderrIsTTY(): boolean {
  return remote.getStore() ? false : process.stderr.isTTY === true;
}

/** The exit status of a command that completes but reports a problem (e.g. a broken audit chain). */
export function setExitCode(code: number): void {
  const r = remote.getStore();
  if (r) r.exitCode = code;
  else process.exitCode = code;
}

/** A file named on the command line: as given when run alone, from the client's folder over the channel. */
export function argPath(p: string): string {
  const r = remote.getStore();
  return r ? resolve(r.cwd, p) : p;
}

export async function readStdin(): Promise<string> {
  const r = remote.getStore();
  return r ? r.readStdin() : localReadStdin();
}

/** Asks on the terminal without echoing the answer. */
export async function promptHidden(question: string): Promise<string> {
  const r = remote.getStore();
  return r ? r.prompt(question) : localPromptHidden(question);
}

export async function localReadStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function localPromptHidden(question: string): Promise<string> {
  let muted = false;
  const out = new Writable({
    write(chunk: Buffer, _enc, cb) {
      if (!muted) process.stderr.write(chunk);
      cb();
    },
  });
  const rl = createInterface({ input: process.stdin, output: out, terminal: true });
  return new Promise((resolve) => {
    rl.question(question, (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolve(answer);
    });
    muted = true;
  });
}

let capturing = false;

/**
 * From now on, what is written to process.stdout or process.stderr from inside a channel run goes
 * to that run's client (console.log writes through them too); everything else, such as the
 * server's own log, goes where it went. Installed once, by the server.
 */
export function captureProcessOutput(): void {
  if (capturing) return;
  capturing = true;
  for (const [stream, name] of [[process.stdout, 'out'], [process.stderr, 'err']] as const) {
    const original = stream.write.bind(stream) as (...a: unknown[]) => boolean;
    stream.write = ((chunk: string | Uint8Array, enc?: unknown, cb?: unknown): boolean => {
      const r = remote.getStore();
      if (!r) return original(chunk, enc, cb);
      r.write(name, typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      const done = typeof enc === 'function' ? enc : cb;
      if (typeof done === 'function') queueMicrotask(() => (done as () => void)());
      return true;
    }) as typeof stream.write;
  }
}
