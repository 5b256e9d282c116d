/**
 * The API's contract, in zod: every request and response shape. The server (`src/api/`) validates
 * and documents with it (OpenAPI at `/docs/json`); the typed client (`src/client/`) takes its
 * types from it with type-only imports, so no zod and no server code reaches the browser.
 */
export * from './schemas.ts';
/** Alerts: list rows, the alert with evidence and triage history, the map layer, months per force, triage requests. */
export * from './alerts.ts';
/** Data quality: league rows, a force's scorecard (scores per dimension) and its findings. */
export * from './quality.ts';
/** Force boundaries (GeoJSON), and the GeoJSON pieces the map layers share. */
export * from './geography.ts';
export * as GeoJson from './geojson.ts';
/** The records assistant's routes: search, records, entity pages, summaries, redaction review. */
export * as RecordsContract from './records.ts';
/** Record linkage's routes: linked persons with why. */
export * as LinkageContract from './linkage.ts';
/** Accounts, grants, API tokens and the audit log (the admin and audit pages). */
export * as AccessContract from './access.ts';
/** The productivity standard's routes: report, trends, definitions, groups. */
export * as ProductivityContract from './productivity.ts';
/** What works: tactics, trials, synthetic control and WDD shapes. */
export * as TacticsContract from './tactics.ts';
/** What works over HTTP: the library, trial lists and details. */
export * as TacticsApiContract from './tactics-api.ts';
