/** Numbers on the command line: counts printed for people, and whole-number flags read strictly. */
import { PeelError } from '../standard/index.ts';

/** A count as people read it: 1,234,567. */
export function fmt(n: number): string {
  return n.toLocaleString('en-GB');
}

/** A whole-number flag such as `--limit 50`; absent gives the fallback, anything else is bad input naming the flag. */
export function intOption(name: string, v: string | undefined, fallback: number): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new PeelError('bad_input', `${name} must be a whole number, not "${v}"`);
  return n;
}
