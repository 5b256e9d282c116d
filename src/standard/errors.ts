/**
 * Expected failures carry a stable code; the API maps codes to HTTP statuses and the CLI to exit
 * codes, each in one place. Programming and configuration mistakes throw a plain Error instead.
 */
export const ERROR_CODES = {
  bad_input: 400,
  unreadable_input: 400,
  not_found: 404,
  conflict: 409,
  /** A load would replace held data with far fewer rows; it needs confirming (the shrink guard). */
  shrink_refused: 409,
  unauthenticated: 401,
  forbidden: 403,
  locked: 423,
  too_many_requests: 429,
  store_busy: 503,
  no_data: 404,
  /** A capability the configured store cannot serve yet (e.g. a namespace not ported to PostgreSQL). */
  not_available: 501,
} as const;
export type ErrorCode = keyof typeof ERROR_CODES;

export class PeelError extends Error {
  override readonly name = 'PeelError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}

export function isPeelError(e: unknown): e is PeelError {
  return e instanceof PeelError;
}
