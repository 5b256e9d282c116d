import type { ReactNode } from 'react';
import { ApiError } from '../api.ts';

/** Shows a failed call honestly: "not available yet" for a 501, the problem's detail otherwise. */
export function ProblemNotice({ error, what }: { error: unknown; what: string }) {
  if (error instanceof ApiError && error.notAvailable) {
    return (
      <div className="notice notice-info" role="status" data-testid="not-available">
        <strong>{what}: not available yet.</strong> <span>{error.problem.detail}</span>
      </div>
    );
  }
  const detail = error instanceof ApiError ? `${error.problem.title} (${error.status}): ${error.problem.detail}` : String((error as Error)?.message ?? error);
  return (
    <div className="notice notice-error" role="alert">
      <strong>{what} could not be loaded.</strong> <span>{detail}</span>
    </div>
  );
}

export function Loading({ what }: { what: string }) {
  return <p className="muted" role="status" aria-live="polite">Loading {what}…</p>;
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="notice notice-info" role="status">{children}</p>;
}
