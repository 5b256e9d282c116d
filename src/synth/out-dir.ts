/**
 * The output directory of a synthetic run: created, or checked to be empty, or (with `overwrite`)
 * cleared of the files an earlier synthetic set consists of, and nothing else.
 */
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { PeelError } from '../standard/index.ts';
import type { ResolvedSynthOptions } from './options.ts';

const MONTH_DIR = /^\d{4}-\d{2}$/;

/** Makes `o.out` ready for a new set, or throws a `conflict` PeelError saying why not. */
export function prepareOut(o: ResolvedSynthOptions): void {
  if (existsSync(o.out)) {
    const entries = readdirSync(o.out);
    if (entries.length) {
      if (!o.overwrite || !entries.includes('truth.json')) {
        throw new PeelError('conflict', `output directory "${o.out}" is not empty${o.overwrite ? ' and holds no earlier synthetic set (no truth.json)' : ' (use --overwrite to replace an earlier synthetic set)'}`);
      }
      for (const e of entries) if (MONTH_DIR.test(e) || e === 'geography' || e === 'narratives' || e === 'truth.json') rmSync(join(o.out, e), { recursive: true, force: true });
    }
  }
  mkdirSync(o.out, { recursive: true });
}
