/**
 * Every command of the `peel` CLI, one module each; add a new command here with the top-level
 * names it registers. Modules load lazily: `peel status` loads only the module that defines
 * `status` (and what it imports), never detection, redaction or the server. A name not listed
 * here (`--help`, a typo) loads them all, so help and commander's suggestions stay complete;
 * test/cli/commands.test.ts checks each module registers exactly the names listed for it.
 */
import type { Register } from '../context.ts';

export interface CommandModule {
  /** The top-level command names the module registers. */
  readonly names: readonly string[];
  readonly load: () => Promise<Register>;
}

export const COMMANDS: readonly CommandModule[] = [
  { names: ['ingest'], load: async () => (await import('./ingest.ts')).registerIngest },
  { names: ['status', 'batches', 'quarantine'], load: async () => (await import('./status.ts')).registerStatus },
  { names: ['export'], load: async () => (await import('./export.ts')).registerExport },
  { names: ['synth'], load: async () => (await import('./synth.ts')).registerSynth },
  { names: ['users', 'tokens'], load: async () => (await import('./users.ts')).registerUsers },
  { names: ['audit'], load: async () => (await import('./audit.ts')).registerAudit },
  { names: ['geography'], load: async () => (await import('./geography.ts')).registerGeography },
  { names: ['quality'], load: async () => (await import('./quality.ts')).registerQuality },
  { names: ['redact'], load: async () => (await import('./redact.ts')).registerRedact },
  { names: ['records'], load: async () => (await import('./records.ts')).registerRecords },
  { names: ['serve'], load: async () => (await import('./serve.ts')).registerServe },
  { names: ['detect', 'alerts'], load: async () => (await import('./detect.ts')).registerDetect },
  { names: ['analyse'], load: async () => (await import('./analyse.ts')).register },
  { names: ['demo'], load: async () => (await import('./demo.ts')).registerDemo },
  { names: ['link-persons', 'link'], load: async () => (await import('./link.ts')).registerLink },
  { names: ['productivity'], load: async () => (await import('./productivity.ts')).registerProductivity },
  { names: ['tactics', 'trials'], load: async () => (await import('./tactics.ts')).registerTactics },
];

/** The modules a run needs: the one defining `name`, or every module when no module defines it. */
export function commandsFor(name: string | undefined): readonly CommandModule[] {
  const one = COMMANDS.filter((c) => name !== undefined && c.names.includes(name));
  return one.length ? one : COMMANDS;
}
