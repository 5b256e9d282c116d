/**
 * The API's contract, in zod: every request and response shape. The server (`src/api/`) validates
 * and documents with it (OpenAPI at `/docs/json`); the typed client (`src/client/`) takes its
 * types from it with type-only imports, so no zod and no server code reaches the browser.
 */
export * from './schemas.ts';
/** The records assistant's routes: search, records, entity pages, summaries, redaction review. */
export * as RecordsContract from './records.ts';
/** What works: tactics, trials, synthetic control and WDD shapes. */
export * as TacticsContract from './tactics.ts';
/** What works over HTTP: the library, trial lists and details. */
export * as TacticsApiContract from './tactics-api.ts';
