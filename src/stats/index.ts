/** Shared statistics (see DESIGN.md): one statistic, one place. Plain re-exports only. */
export { jaroSimilarity, jaroWinklerSimilarity, withinOneEdit } from './jaro-winkler.ts';
