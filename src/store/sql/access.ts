/**
 * The access capability's tables, the same SQL on both backends: accounts, sessions, API tokens, grants and the audit log.
 * Rows only; every rule (hashing, lockout, expiry, chaining) lives in `src/access/`.
 *
 * Times are ISO 8601 UTC strings with milliseconds (`2026-01-02T03:04:05.678Z`): they sort as
 * text, and the audit log hashes exactly the string it stores. Lists travel as JSON text.
 * The audit log is append-only by construction: this module offers no statement that updates or
 * deletes an event, and `src/access` chains each event to the previous one so that any change
 * made behind its back is found by `peel audit verify`.
 */
import type { Db, Migration, SqlValue } from './db.ts';
import type { AccessStore, AuditRow, GrantRow, SessionRow, TokenRow, UserRow } from '../types/access.ts';

export const ACCESS_MIGRATIONS: readonly Migration[] = [
  {
    id: '0401-access',
    statements: [
      `CREATE TABLE access_users (
        user_id VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, role VARCHAR NOT NULL, forces VARCHAR NOT NULL,
        password_hash VARCHAR NOT NULL, disabled BOOLEAN NOT NULL, failed_count INTEGER NOT NULL,
        locked_until VARCHAR, created_at VARCHAR NOT NULL, updated_at VARCHAR NOT NULL)`,
      `CREATE TABLE access_sessions (
        session_hash VARCHAR PRIMARY KEY, user_id VARCHAR NOT NULL, csrf_hash VARCHAR NOT NULL,
        created_at VARCHAR NOT NULL, last_seen_at VARCHAR NOT NULL, ended_at VARCHAR, end_reason VARCHAR, client VARCHAR)`,
      `CREATE TABLE access_tokens (
        token_id VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, secret_hash VARCHAR NOT NULL, permissions VARCHAR NOT NULL,
        forces VARCHAR NOT NULL, created_by VARCHAR NOT NULL, created_at VARCHAR NOT NULL, expires_at VARCHAR,
        revoked_at VARCHAR, last_used_at VARCHAR)`,
      `CREATE TABLE access_grants (
        grant_id VARCHAR PRIMARY KEY, user_id VARCHAR NOT NULL, kind VARCHAR NOT NULL, force_id VARCHAR NOT NULL,
        reason VARCHAR NOT NULL, granted_by VARCHAR NOT NULL, created_at VARCHAR NOT NULL, expires_at VARCHAR, revoked_at VARCHAR)`,
      // key (seq); each row carries the hash of the previous one (see src/access/audit.ts)
      `CREATE TABLE audit_events (
        seq BIGINT PRIMARY KEY, "at" VARCHAR NOT NULL, actor VARCHAR NOT NULL, action VARCHAR NOT NULL,
        object_ids VARCHAR NOT NULL, force_id VARCHAR, justification VARCHAR, recipient VARCHAR,
        outcome VARCHAR NOT NULL, client VARCHAR, detail VARCHAR NOT NULL, prev_hash VARCHAR NOT NULL, hash VARCHAR NOT NULL)`,
    ],
  },
];

const USER_PATCH_COLUMNS = ['role', 'forces', 'password_hash', 'disabled', 'failed_count', 'locked_until', 'updated_at'] as const;

export function accessStore(db: Db): AccessStore {
  return {
    insertUser: (r) =>
      db.run(`INSERT INTO access_users VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
        r.user_id, r.name, r.role, r.forces, r.password_hash, r.disabled, r.failed_count, r.locked_until, r.created_at, r.updated_at,
      ]),
    userByName: (name) => db.one<UserRow & Record<string, unknown>>(`SELECT * FROM access_users WHERE name = ?`, [name]),
    userById: (id) => db.one<UserRow & Record<string, unknown>>(`SELECT * FROM access_users WHERE user_id = ?`, [id]),
    listUsers: () => db.all<UserRow & Record<string, unknown>>(`SELECT * FROM access_users ORDER BY name`),
    updateUser: async (id, patch) => {
      const cols: string[] = [];
      const vals: SqlValue[] = [];
      for (const c of USER_PATCH_COLUMNS) {
        const v = patch[c];
        if (v === undefined) continue;
        cols.push(`${c} = ?`);
        vals.push(v);
      }
      await db.run(`UPDATE access_users SET ${cols.join(', ')} WHERE user_id = ?`, [...vals, id]);
    },

    countFailure: (id, at) =>
      db.transaction(async () => {
        await db.run(`UPDATE access_users SET
            failed_count = CASE WHEN locked_until IS NULL THEN failed_count + 1 WHEN locked_until <= ? THEN 1 ELSE failed_count END,
            locked_until = CASE WHEN locked_until IS NOT NULL AND locked_until <= ? THEN NULL ELSE locked_until END,
            updated_at = ?
          WHERE user_id = ?`, [at, at, at, id]);
        return (await db.one<UserRow & Record<string, unknown>>(`SELECT * FROM access_users WHERE user_id = ?`, [id]))!;
      }),
    insertSession: (r) =>
      db.run(`INSERT INTO access_sessions VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, [
        r.session_hash, r.user_id, r.csrf_hash, r.created_at, r.last_seen_at, r.ended_at, r.end_reason, r.client,
      ]),
    session: (hash) => db.one<SessionRow & Record<string, unknown>>(`SELECT * FROM access_sessions WHERE session_hash = ?`, [hash]),
    touchSession: (hash, at) => db.run(`UPDATE access_sessions SET last_seen_at = ? WHERE session_hash = ? AND ended_at IS NULL`, [at, hash]),
    endSession: (hash, at, reason) =>
      db.run(`UPDATE access_sessions SET ended_at = ?, end_reason = ? WHERE session_hash = ? AND ended_at IS NULL`, [at, reason, hash]),
    endUserSessions: async (userId, at, reason) => {
      const n = await db.one<{ n: number }>(`SELECT count(*) AS n FROM access_sessions WHERE user_id = ? AND ended_at IS NULL`, [userId]);
      await db.run(`UPDATE access_sessions SET ended_at = ?, end_reason = ? WHERE user_id = ? AND ended_at IS NULL`, [at, reason, userId]);
      return n?.n ?? 0;
    },

    insertToken: (r) =>
      db.run(`INSERT INTO access_tokens VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
        r.token_id, r.name, r.secret_hash, r.permissions, r.forces, r.created_by, r.created_at, r.expires_at, r.revoked_at, r.last_used_at,
      ]),
    token: (id) => db.one<TokenRow & Record<string, unknown>>(`SELECT * FROM access_tokens WHERE token_id = ?`, [id]),
    listTokens: () => db.all<TokenRow & Record<string, unknown>>(`SELECT * FROM access_tokens ORDER BY created_at, token_id`),
    revokeToken: async (id, at) => {
      const live = await db.one(`SELECT 1 AS x FROM access_tokens WHERE token_id = ? AND revoked_at IS NULL`, [id]);
      if (!live) return false;
      await db.run(`UPDATE access_tokens SET revoked_at = ? WHERE token_id = ?`, [at, id]);
      return true;
    },
    touchToken: (id, at) => db.run(`UPDATE access_tokens SET last_used_at = ? WHERE token_id = ?`, [at, id]),

    insertGrant: (r) =>
      db.run(`INSERT INTO access_grants VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
        r.grant_id, r.user_id, r.kind, r.force_id, r.reason, r.granted_by, r.created_at, r.expires_at, r.revoked_at,
      ]),
    grantsOf: (userId) => db.all<GrantRow & Record<string, unknown>>(`SELECT * FROM access_grants WHERE user_id = ? ORDER BY created_at, grant_id`, [userId]),
    grant: (id) => db.one<GrantRow & Record<string, unknown>>(`SELECT * FROM access_grants WHERE grant_id = ?`, [id]),
    revokeGrant: async (id, at) => {
      const live = await db.one(`SELECT 1 AS x FROM access_grants WHERE grant_id = ? AND revoked_at IS NULL`, [id]);
      if (!live) return false;
      await db.run(`UPDATE access_grants SET revoked_at = ? WHERE grant_id = ?`, [at, id]);
      return true;
    },

    appendAudit: (build) =>
      db.transaction(async () => {
        const last = await db.one<AuditRow & Record<string, unknown>>(`SELECT * FROM audit_events ORDER BY seq DESC LIMIT 1`);
        const r = build(last);
        await db.run(`INSERT INTO audit_events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
          r.seq, r.at, r.actor, r.action, r.object_ids, r.force_id, r.justification, r.recipient, r.outcome, r.client, r.detail, r.prev_hash, r.hash,
        ]);
        return r;
      }),
    appendAudits: (build) =>
      db.transaction(async () => {
        const last = await db.one<AuditRow & Record<string, unknown>>(`SELECT * FROM audit_events ORDER BY seq DESC LIMIT 1`);
        const rows = build(last);
        if (!rows.length) return rows;
        await db.run(`INSERT INTO audit_events VALUES ${rows.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`, rows.flatMap((r) => [
          r.seq, r.at, r.actor, r.action, r.object_ids, r.force_id, r.justification, r.recipient, r.outcome, r.client, r.detail, r.prev_hash, r.hash,
        ]));
        return rows;
      }),
    listAudit: async (f, limit, offset) => {
      const where: string[] = [];
      const vals: SqlValue[] = [];
      if (f.actor !== undefined) (where.push('actor = ?'), vals.push(f.actor));
      if (f.action !== undefined) (where.push('action = ?'), vals.push(f.action));
      if (f.since !== undefined) (where.push('"at" >= ?'), vals.push(f.since));
      if (f.until !== undefined) (where.push('"at" < ?'), vals.push(f.until));
      if (f.forceId !== undefined) (where.push('force_id = ?'), vals.push(f.forceId));
      const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
      const total = (await db.one<{ n: number }>(`SELECT count(*) AS n FROM audit_events ${w}`, vals))?.n ?? 0;
      const items = await db.all<AuditRow & Record<string, unknown>>(
        `SELECT * FROM audit_events ${w} ORDER BY seq DESC LIMIT ? OFFSET ?`, [...vals, limit, offset]);
      return { items, total, limit, offset };
    },
    scanAudit: (afterSeq, limit) =>
      db.all<AuditRow & Record<string, unknown>>(`SELECT * FROM audit_events WHERE seq > ? ORDER BY seq LIMIT ?`, [afterSeq, limit]),
  };
}
