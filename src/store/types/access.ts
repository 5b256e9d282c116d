/**
 * Access (`src/access`): accounts, sessions, API tokens, grants and the audit log. Rows only;
 * every rule (hashing, lockout, expiry, chaining) lives in `src/access/`.
 *
 * Times are ISO 8601 UTC strings with milliseconds (`2026-01-02T03:04:05.678Z`): they sort as
 * text, and the audit log hashes exactly the string it stores. Lists travel as JSON text.
 * The audit log is append-only: `AccessStore` offers no method that updates or deletes an event.
 * Types only; one implementation for both backends is `src/store/sql/access.ts`.
 */
import type { Page } from './core.ts';

export interface UserRow {
  readonly user_id: string;
  readonly name: string;
  readonly role: string;
  /** JSON array of force slugs. */
  readonly forces: string;
  readonly password_hash: string;
  readonly disabled: boolean;
  readonly failed_count: number;
  readonly locked_until: string | null;
  readonly created_at: string;
  readonly updated_at: string;
}

export type UserPatch = Partial<Pick<UserRow, 'role' | 'forces' | 'password_hash' | 'disabled' | 'failed_count' | 'locked_until'>> & { readonly updated_at: string };

export interface SessionRow {
  readonly session_hash: string;
  readonly user_id: string;
  readonly csrf_hash: string;
  readonly created_at: string;
  readonly last_seen_at: string;
  readonly ended_at: string | null;
  readonly end_reason: string | null;
  readonly client: string | null;
}

export interface TokenRow {
  readonly token_id: string;
  readonly name: string;
  readonly secret_hash: string;
  /** JSON array of permissions. */
  readonly permissions: string;
  /** JSON array of force slugs, or the JSON string "all". */
  readonly forces: string;
  readonly created_by: string;
  readonly created_at: string;
  readonly expires_at: string | null;
  readonly revoked_at: string | null;
  readonly last_used_at: string | null;
}

export interface GrantRow {
  readonly grant_id: string;
  readonly user_id: string;
  readonly kind: string;
  readonly force_id: string;
  readonly reason: string;
  readonly granted_by: string;
  readonly created_at: string;
  readonly expires_at: string | null;
  readonly revoked_at: string | null;
}

export interface AuditRow {
  readonly seq: number;
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  /** JSON array of object ids (never contents). */
  readonly object_ids: string;
  readonly force_id: string | null;
  readonly justification: string | null;
  readonly recipient: string | null;
  readonly outcome: string;
  readonly client: string | null;
  /** JSON object of non-personal detail (route, status, counts). */
  readonly detail: string;
  readonly prev_hash: string;
  readonly hash: string;
}

export interface AuditFilter {
  readonly actor?: string;
  readonly action?: string;
  /** Inclusive lower bound on `at` (ISO 8601). */
  readonly since?: string;
  /** Exclusive upper bound on `at` (ISO 8601). */
  readonly until?: string;
  readonly forceId?: string;
}

export interface AccessStore {
  /** Inserts an account; throws (the backend's constraint error) when its user_id is taken. Name uniqueness is src/access's rule. */
  insertUser(row: UserRow): Promise<void>;
  /** The account with this name, or undefined. */
  userByName(name: string): Promise<UserRow | undefined>;
  /** The account with this id, or undefined. */
  userById(id: string): Promise<UserRow | undefined>;
  /** Every account, by name. */
  listUsers(): Promise<UserRow[]>;
  /** Sets the patch's given fields (and `updated_at`) on one account; an unknown id changes nothing. */
  updateUser(id: string, patch: UserPatch): Promise<void>;
  /**
   * Counts one failed sign-in atomically (parallel attempts cannot undercount): a lock that ran
   * out before `at` starts a fresh count; a lock still running is left alone. Returns the row after.
   */
  countFailure(id: string, at: string): Promise<UserRow>;

  /** Inserts a session (keyed by the hash of its secret; the secret itself is never stored). */
  insertSession(row: SessionRow): Promise<void>;
  /** The session with this hash (ended or not), or undefined. */
  session(hash: string): Promise<SessionRow | undefined>;
  /** Records activity on a live session (an ended one is left alone). */
  touchSession(hash: string, at: string): Promise<void>;
  /** Ends a live session with a reason (an ended one keeps its first end). */
  endSession(hash: string, at: string, reason: string): Promise<void>;
  /** Ends every live session of an account; returns how many were live. */
  endUserSessions(userId: string, at: string, reason: string): Promise<number>;

  /** Inserts an API token (keyed by id; only the hash of its secret is stored). */
  insertToken(row: TokenRow): Promise<void>;
  /** The token with this id (revoked or not), or undefined. */
  token(id: string): Promise<TokenRow | undefined>;
  /** Every token, oldest first (then id). */
  listTokens(): Promise<TokenRow[]>;
  /** Revokes a live token; false when it is unknown or already revoked (nothing changes). */
  revokeToken(id: string, at: string): Promise<boolean>;
  /** Records the token's last use. */
  touchToken(id: string, at: string): Promise<void>;

  /** Inserts a grant (extra access of one account to one force, with its reason). */
  insertGrant(row: GrantRow): Promise<void>;
  /** Every grant of an account (revoked and expired included), oldest first (then id). */
  grantsOf(userId: string): Promise<GrantRow[]>;
  /** The grant with this id, or undefined. */
  grant(id: string): Promise<GrantRow | undefined>;
  /** Revokes a live grant; false when it is unknown or already revoked (nothing changes). */
  revokeGrant(id: string, at: string): Promise<boolean>;

  /**
   * Appends one audit event atomically: `build` receives the last event (or undefined for the
   * first) and returns the new row, which is inserted in the same transaction (two appends never
   * chain to the same last event). Returns the row inserted.
   */
  appendAudit(build: (last: AuditRow | undefined) => AuditRow): Promise<AuditRow>;
  /**
   * Appends several events atomically, in order: `build` receives the last event and returns
   * the new rows, already chained to it and to each other, which are inserted in one statement
   * (a load of hundreds of files logs its events at the cost of one).
   */
  appendAudits(build: (last: AuditRow | undefined) => readonly AuditRow[]): Promise<readonly AuditRow[]>;
  /** Events matching the filter (`since` inclusive, `until` exclusive), newest first (by seq), paged; `total` counts every match. */
  listAudit(filter: AuditFilter, limit: number, offset: number): Promise<Page<AuditRow>>;
  /** Events with seq > afterSeq in seq order, at most `limit` (for verification in pages). */
  scanAudit(afterSeq: number, limit: number): Promise<AuditRow[]>;
}
