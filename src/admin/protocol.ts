/**
 * The admin channel's wire format: newline-delimited JSON frames over the Unix socket. The client
 * opens with one `run` request; the server answers with `out`/`err` chunks (the command's stdout
 * and stderr as written), may ask for the client's stdin or a hidden prompt, and ends with `exit`.
 * Every frame is parsed here, at the boundary, and a frame that is not one of these is refused.
 */
import { StringDecoder } from 'node:string_decoder';
import { z } from 'zod';

/** Version of the frames below; a server refuses a request of another version. */
export const PROTOCOL_VERSION = 1;

/** Longest frame accepted, in bytes: a frame is a chunk of text, never a whole file. */
export const MAX_FRAME_BYTES = 8 * 1024 * 1024;

export const RunRequest = z.object({
  t: z.literal('run'),
  v: z.number().int(),
  /** The command line after `peel`, as typed (its file arguments are resolved against `cwd`). */
  argv: z.array(z.string()).max(10_000),
  /** The client's working folder: relative file arguments are read from here. */
  cwd: z.string().min(1),
  /** The client's `PEEL_*` environment, so the command runs with the settings it would have alone. */
  env: z.record(z.string(), z.string()),
  /** The client's uid and OS user name; the server serves only its own uid (see docs/security.md). */
  uid: z.number().int(),
  user: z.string(),
  /** Whether the client's stdin is a terminal (a password is then prompted for, hidden). */
  stdinTTY: z.boolean(),
});
export type RunRequest = z.infer<typeof RunRequest>;

export const ServerFrame = z.discriminatedUnion('t', [
  z.object({ t: z.literal('out'), d: z.string() }),
  z.object({ t: z.literal('err'), d: z.string() }),
  /** Send your whole stdin (`stdin` chunks, then `stdin-end`). */
  z.object({ t: z.literal('stdin') }),
  /** Ask this on your terminal without echo and send the `answer`. */
  z.object({ t: z.literal('prompt'), q: z.string() }),
  z.object({ t: z.literal('exit'), code: z.number().int() }),
]);
export type ServerFrame = z.infer<typeof ServerFrame>;

const StdinChunk = z.object({ t: z.literal('stdin'), d: z.string() });
const StdinEnd = z.object({ t: z.literal('stdin-end') });
const Answer = z.object({ t: z.literal('answer'), d: z.string() });

export const ClientFrame = z.discriminatedUnion('t', [StdinChunk, StdinEnd, Answer]);
export type ClientFrame = z.infer<typeof ClientFrame>;

/** What a server reads: the request first, then the client's answers. */
export const IncomingFrame = z.discriminatedUnion('t', [RunRequest, StdinChunk, StdinEnd, Answer]);
export type IncomingFrame = z.infer<typeof IncomingFrame>;

export function encodeFrame(frame: RunRequest | ServerFrame | ClientFrame): string {
  return `${JSON.stringify(frame)}\n`;
}

/**
 * Splits a byte stream into lines and hands each, parsed with `schema`, to `onFrame`; a line that
 * is not JSON or not a valid frame calls `onBad` with why (and the stream should then be closed).
 */
export function frameReader<T>(schema: z.ZodType<T>, onFrame: (f: T) => void, onBad: (why: string) => void): (chunk: Buffer) => void {
  // A character's bytes may be split between two chunks: the decoder keeps the partial one.
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let failed = false;
  return (chunk) => {
    if (failed) return;
    pending += decoder.write(chunk);
    if (Buffer.byteLength(pending) > MAX_FRAME_BYTES && !pending.includes('\n')) {
      failed = true;
      onBad(`a frame longer than ${MAX_FRAME_BYTES} bytes`);
      return;
    }
    let nl: number;
    while (!failed && (nl = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, nl);
      pending = pending.slice(nl + 1);
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        failed = true;
        onBad(`a frame that is not JSON: ${JSON.stringify(line.slice(0, 80))}`);
        return;
      }
      const parsed = schema.safeParse(value);
      if (!parsed.success) {
        failed = true;
        onBad(`an unexpected frame ${JSON.stringify(line.slice(0, 80))}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
        return;
      }
      onFrame(parsed.data);
    }
  };
}
