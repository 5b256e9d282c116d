/**
 * The national data standard, version 1: forces, crime categories, outcomes, stop-and-search
 * vocabularies, validation reason codes, the narrative record format, months and errors.
 * Depends on nothing but the language; every other folder may import it.
 */
export const STANDARD_VERSION = 1;
export * from './forces.ts';
export * from './categories.ts';
export * from './outcomes.ts';
export * from './stop-search.ts';
export * from './reasons.ts';
export * from './limits.ts';
export * from './narratives.ts';
export * from './month.ts';
export * from './errors.ts';
export * from './police-uk.ts';
export * from './force-neighbours.ts';
export * from './productivity.ts';
export * from './methods.ts';
