/** Every command of the `peel` CLI, one module each; add a new command here. */
import type { Register } from '../context.ts';
import { registerIngest } from './ingest.ts';
import { registerSynth } from './synth.ts';
import { registerUsers } from './users.ts';
import { registerAudit } from './audit.ts';
import { registerGeography } from './geography.ts';
import { registerQuality } from './quality.ts';
import { registerRedact } from './redact.ts';
import { registerRecords } from './records.ts';
import { registerServe } from './serve.ts';
import { registerDetect } from './detect.ts';
import { register as registerAnalyse } from './analyse.ts';
import { registerDemo } from './demo.ts';
import { registerLink } from './link.ts';
import { registerProductivity } from './productivity.ts';
import { registerTactics } from './tactics.ts';

export const COMMANDS: readonly Register[] = [
  registerIngest,
  registerSynth,
  registerUsers,
  registerAudit,
  registerGeography,
  registerQuality,
  registerRedact,
  registerRecords,
  registerServe,
  registerDetect,
  registerAnalyse,
  registerDemo,
  registerLink,
  registerProductivity,
  registerTactics,
];
