/**
 * A buffered file writer for ASCII rows: parts are copied straight into a 4 MiB buffer and flushed
 * with one `writeSync` when it fills, so millions of rows cost no intermediate strings.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import type { Rng } from './random.ts';

const CAP = 1 << 22;

/** Node's Buffer has a direct latin1 writer (skipping `write`'s argument handling); fall back to `write`. */
interface FastLatin1 { latin1Write?: (text: string, offset: number) => number }
const hasFast = typeof (Buffer.prototype as FastLatin1).latin1Write === 'function';
const HEX_CODES = Uint8Array.from('0123456789abcdef', (c) => c.charCodeAt(0));

export interface Sink {
  /** Appends an ASCII string. */
  s(text: string): void;
  /** Appends any text as UTF-8. */
  u(text: string): void;
  /** Appends 64 random hex digits (a Crime ID) and returns them as a string. */
  hex64(rng: Rng): string;
  /** Flushes and closes; returns the bytes written. */
  close(): number;
}

/** One shared buffer for sinks used one at a time (a force-month's files in turn). */
const shared = Buffer.allocUnsafe(CAP);

/** Opens a sink; `own` gives it its own buffer, for sinks open at the same time as another. */
export function openSink(path: string, own = false): Sink {
  const fd = openSync(path, 'w');
  const buf = own ? Buffer.allocUnsafe(CAP) : shared;
  let off = 0, total = 0;
  const flush = (): void => {
    let w = 0;
    while (w < off) w += writeSync(fd, buf, w, off - w);
    total += off;
    off = 0;
  };
  return {
    s(text) {
      if (off + text.length > CAP) {
        flush();
        if (text.length > CAP) {
          total += writeSync(fd, text, null, 'latin1');
          return;
        }
      }
      off += hasFast ? (buf as unknown as Required<FastLatin1>).latin1Write(text, off) : buf.write(text, off, 'latin1');
    },
    u(text) {
      if (off + text.length * 3 > CAP) {
        flush();
        if (text.length * 3 > CAP) {
          total += writeSync(fd, text, null, 'utf8');
          return;
        }
      }
      off += buf.write(text, off, 'utf8');
    },
    hex64(rng) {
      if (off + 64 > CAP) flush();
      const start = off;
      for (let i = 0; i < 8; i++) {
        const x = Math.floor(rng.next() * 4294967296);
        for (let k = 28; k >= 0; k -= 4) buf[off++] = HEX_CODES[(x >>> k) & 15]!;
      }
      return buf.toString('latin1', start, off);
    },
    close() {
      flush();
      closeSync(fd);
      return total;
    },
  };
}
