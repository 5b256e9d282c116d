/** Every command of the `peel` CLI, one module each; add a new command here. */
import type { Register } from '../context.ts';

export const COMMANDS: readonly Register[] = [];
