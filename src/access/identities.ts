/**
 * Identities: local accounts, sign-in with lockout, sessions with idle expiry, API tokens and
 * grants — with no HTTP in sight. `createAccess(store, settings, clock)` returns the service the
 * API adapter and the CLI call; the clock is injectable so expiry and lockout are testable.
 *
 * Rules:
 * - Sign-in: a wrong password counts a failure; `lockoutThreshold` consecutive failures lock the
 *   account for `lockoutMinutes` (while locked even the right password is refused). An unknown
 *   name costs the same argon2 time as a known one and gets the same answer.
 * - Sessions: a 256-bit id in an httpOnly cookie, stored as its sha256; a CSRF token bound to the
 *   session (stored hashed) must come back in a header on every state-changing request. A session
 *   unused for `sessionIdleMinutes`, or older than `sessionMaxHours`, ends; so do all sessions of
 *   an account that is disabled, re-roled or re-scoped.
 * - Tokens: `peel_<id>_<secret>`, shown once, stored as sha256(secret), scoped to permissions and
 *   forces, revocable; a revoked or expired token authenticates nothing.
 * Every sign-in, failure, lockout, expiry and permission change is written to the audit log.
 */
import { randomBytes } from 'node:crypto';
import { PeelError, isForceId, type ForceId } from '../standard/index.ts';
import type { PeelConfig } from '../config/index.ts';
import type { AccessStore, GrantRow, TokenRow, UserRow } from '../store/index.ts';
import { audit } from './audit.ts';
import {
  GRANT_KINDS, ROLE_NEEDS_FORCES, isPermission, isRole,
  type Grant, type GrantKind, type Permission, type Principal, type Role,
} from './permissions.ts';
import {
  checkPasswordPolicy, hashPassword, randomPassword, randomSecret, sameDigest, sha256Hex, verifyAgainstNothing, verifyPassword,
} from './secrets.ts';

export type AccessSettings = Pick<PeelConfig, 'sessionIdleMinutes' | 'sessionMaxHours' | 'lockoutThreshold' | 'lockoutMinutes'>;
export type Clock = () => Date;

interface StoreLike { readonly access: AccessStore }

export interface UserView {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  readonly forces: readonly ForceId[];
  readonly disabled: boolean;
  readonly lockedUntil: string | null;
  readonly createdAt: string;
  readonly grants: readonly Grant[];
}

export interface TokenView {
  readonly id: string;
  readonly name: string;
  readonly permissions: readonly Permission[];
  readonly forces: readonly ForceId[] | 'all';
  readonly createdBy: string;
  readonly createdAt: string;
  readonly expiresAt: string | null;
  readonly revokedAt: string | null;
  readonly lastUsedAt: string | null;
}

export interface SignedIn {
  /** The session cookie's value (shown to the client once, stored hashed). */
  readonly sessionToken: string;
  /** The CSRF token the client echoes in `x-peel-csrf` on state-changing requests. */
  readonly csrfToken: string;
  readonly principal: Principal & { kind: 'user' };
}

export interface SessionAuth {
  readonly principal: Principal & { kind: 'user' };
  /** sha256 of the session id (the key to end it). */
  readonly sessionKey: string;
  /** Whether `csrf` matches the session's CSRF token. */
  csrfMatches(csrf: string | undefined): boolean;
}

/** Who acts, and from where: written to the audit log of every change. */
export interface Actor {
  readonly actor: string;
  readonly client?: string | null;
}

export interface Access {
  readonly settings: AccessSettings;
  readonly now: Clock;
  addUser(input: { name: string; role: Role; forces?: readonly string[]; password: string }, by: Actor): Promise<UserView>;
  listUsers(): Promise<UserView[]>;
  user(name: string): Promise<UserView | undefined>;
  /** Changes role, forces or disabled; ends the account's sessions so the change takes effect at once. */
  changeUser(name: string, change: { role?: Role; forces?: readonly string[]; disabled?: boolean }, by: Actor): Promise<UserView>;
  setPassword(name: string, password: string, by: Actor): Promise<void>;
  /** The owner changes their own password, proving the current one (wrong guesses count towards lockout). */
  changeOwnPassword(name: string, current: string, next: string, client?: string | null): Promise<void>;
  unlock(name: string, by: Actor): Promise<void>;

  signIn(name: string, password: string, client?: string | null): Promise<SignedIn>;
  /** The session's principal, or a PeelError `unauthenticated` (unknown, ended, idle or too old). */
  authenticateSession(sessionToken: string, client?: string | null): Promise<SessionAuth>;
  signOut(sessionKey: string, by: Actor): Promise<void>;

  createToken(input: { name: string; permissions: readonly string[]; forces: readonly string[] | 'all'; expiresAt?: string | null }, by: Actor): Promise<{ token: string; view: TokenView }>;
  listTokens(): Promise<TokenView[]>;
  revokeToken(id: string, by: Actor): Promise<void>;
  /** The token's principal, or a PeelError `unauthenticated` (malformed, unknown, revoked, expired). */
  authenticateToken(bearer: string): Promise<Principal & { kind: 'token' }>;

  addGrant(input: { user: string; kind: GrantKind; forceId: string; reason: string; expiresAt?: string | null }, by: Actor): Promise<Grant>;
  revokeGrant(id: string, by: Actor): Promise<void>;
}

const NAME_RE = /^[a-z0-9][a-z0-9._-]{1,63}$/i;
const TOKEN_RE = /^peel_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

function newId(prefix: string): string {
  return `${prefix}${randomBytes(8).toString('hex')}`;
}

function parseForces(forces: readonly string[] | undefined, field: string): ForceId[] {
  const out = new Set<ForceId>();
  for (const f of forces ?? []) {
    if (!isForceId(f)) throw new PeelError('bad_input', `${field}: unknown force "${f}": use a data.police.uk slug such as gwent`, { field });
    out.add(f);
  }
  return [...out].sort();
}

function checkName(name: string): void {
  if (!NAME_RE.test(name)) throw new PeelError('bad_input', `account name "${name}" must be 2-64 letters, digits, dots, dashes or underscores`);
}

function checkRoleForces(role: Role, forces: readonly ForceId[]): void {
  if (ROLE_NEEDS_FORCES[role] && !forces.length) throw new PeelError('bad_input', `a ${role} needs at least one force (--force SLUG)`);
}

function toGrant(g: GrantRow): Grant {
  return { id: g.grant_id, kind: g.kind as GrantKind, forceId: g.force_id as ForceId, expiresAt: g.expires_at };
}

function toToken(t: TokenRow): TokenView {
  const forces = JSON.parse(t.forces) as ForceId[] | 'all';
  return {
    id: t.token_id, name: t.name, permissions: JSON.parse(t.permissions) as Permission[], forces,
    createdBy: t.created_by, createdAt: t.created_at, expiresAt: t.expires_at, revokedAt: t.revoked_at, lastUsedAt: t.last_used_at,
  };
}

/**
 * How long a verified session or token is trusted without reading the store again. Every
 * request is authenticated; reading the session, account and grants each time put three store
 * queries on the single connection in front of every answer (p99 0.3–2 s under 50 clients). The
 * rows that decide who a credential is change only through an Access over the open store (the
 * store file is held by one process), and each such write makes every Access over that store
 * forget what it verified, so the bound is a backstop.
 */
export const CREDENTIAL_CACHE_MS = 30_000;

/**
 * Every Access over one open store forgets together. `peel serve` holds one; each command that a
 * terminal runs through its admin channel (src/cli/channel-server.ts) makes its own over the same
 * store, and a token it revokes or an account it disables must stop working in the server at once.
 * Keyed by the store's access namespace; an Access no longer used is let go (weak references).
 */
const forgetters = new WeakMap<object, Set<WeakRef<() => void>>>();

function forgetEverywhere(key: object): void {
  const all = forgetters.get(key);
  if (!all) return;
  for (const ref of all) {
    const forget = ref.deref();
    if (forget) forget();
    else all.delete(ref);
  }
}

/** The store writes that can change who a session or token is, or whether it still holds. */
const CREDENTIAL_WRITES = ['updateUser', 'endUserSessions', 'endSession', 'revokeToken', 'insertGrant', 'revokeGrant'] as const;

interface VerifiedSession {
  readonly principal: Principal & { kind: 'user' };
  readonly userName: string;
  readonly createdAt: number;
  readonly csrfHash: string;
  lastSeenAt: number;
  readonly verifiedAt: number;
}

interface VerifiedToken {
  row: TokenRow;
  readonly verifiedAt: number;
}

export function createAccess(store: StoreLike, settings: AccessSettings, now: Clock = () => new Date()): Access {
  const sessions = new Map<string, VerifiedSession>();
  const tokens = new Map<string, VerifiedToken>();
  const forget = () => {
    sessions.clear();
    tokens.clear();
  };
  const key = store.access as object;
  if (!forgetters.has(key)) forgetters.set(key, new Set());
  forgetters.get(key)!.add(new WeakRef(forget));
  // `forget` is called here as well, which also keeps it alive as long as this Access is.
  const forgetAll = () => (forget(), forgetEverywhere(key));
  const db: StoreLike['access'] = Object.create(store.access) as StoreLike['access'];
  for (const name of CREDENTIAL_WRITES) {
    const write = store.access[name].bind(store.access) as (...a: unknown[]) => Promise<unknown>;
    (db as unknown as Record<string, unknown>)[name] = async (...a: unknown[]) => {
      forgetAll();
      try {
        return await write(...a);
      } finally {
        forgetAll(); // an authentication that read the old rows while this wrote must not be kept
      }
    };
  }
  const iso = () => now().toISOString();

  const liveGrants = async (userId: string): Promise<Grant[]> => {
    const at = iso();
    return (await db.grantsOf(userId)).filter((g) => g.revoked_at === null && (g.expires_at === null || g.expires_at > at)).map(toGrant);
  };

  const view = async (u: UserRow): Promise<UserView> => ({
    id: u.user_id, name: u.name, role: u.role as Role, forces: JSON.parse(u.forces) as ForceId[], disabled: u.disabled,
    lockedUntil: u.locked_until && u.locked_until > iso() ? u.locked_until : null, createdAt: u.created_at,
    grants: await liveGrants(u.user_id),
  });

  const principalOf = async (u: UserRow): Promise<Principal & { kind: 'user' }> => ({
    kind: 'user', id: u.user_id, name: u.name, role: u.role as Role, forces: JSON.parse(u.forces) as ForceId[], grants: await liveGrants(u.user_id),
  });

  const userOrThrow = async (name: string): Promise<UserRow> => {
    const u = await db.userByName(name);
    if (!u) throw new PeelError('not_found', `no account "${name}"`);
    return u;
  };

  const refuse = (message = 'wrong account name or password'): PeelError => new PeelError('unauthenticated', message);

  const access: Access = {
    settings,
    now,

    async addUser(input, by) {
      checkName(input.name);
      if (!isRole(input.role)) throw new PeelError('bad_input', `unknown role "${String(input.role)}"`);
      const forces = parseForces(input.forces, 'forces');
      checkRoleForces(input.role, forces);
      checkPasswordPolicy(input.password, input.name);
      if (await db.userByName(input.name)) throw new PeelError('conflict', `the account "${input.name}" already exists`);
      const at = iso();
      const row: UserRow = {
        user_id: newId('u'), name: input.name, role: input.role, forces: JSON.stringify(forces),
        password_hash: await hashPassword(input.password), disabled: false, failed_count: 0, locked_until: null, created_at: at, updated_at: at,
      };
      await db.insertUser(row);
      await audit(store, { actor: by.actor, client: by.client, action: 'user_added', outcome: 'success', objectIds: [`user:${row.name}`], detail: { role: input.role, forces } }, now());
      return view(row);
    },

    async listUsers() {
      return Promise.all((await db.listUsers()).map(view));
    },

    async user(name) {
      const u = await db.userByName(name);
      return u ? view(u) : undefined;
    },

    async changeUser(name, change, by) {
      const u = await userOrThrow(name);
      const role = change.role ?? (u.role as Role);
      if (!isRole(role)) throw new PeelError('bad_input', `unknown role "${String(role)}"`);
      const forces = change.forces ? parseForces(change.forces, 'forces') : (JSON.parse(u.forces) as ForceId[]);
      checkRoleForces(role, forces);
      const at = iso();
      await db.updateUser(u.user_id, {
        role, forces: JSON.stringify(forces), disabled: change.disabled ?? u.disabled, updated_at: at,
      });
      const ended = await db.endUserSessions(u.user_id, at, 'account changed');
      await audit(store, {
        actor: by.actor, client: by.client, action: 'user_changed', outcome: 'success', objectIds: [`user:${u.name}`],
        detail: { from_role: u.role, role, from_forces: JSON.parse(u.forces) as string[], forces, disabled: change.disabled ?? u.disabled, sessions_ended: ended },
      }, now());
      return view((await db.userById(u.user_id))!);
    },

    async setPassword(name, password, by) {
      const u = await userOrThrow(name);
      checkPasswordPolicy(password, u.name);
      const at = iso();
      await db.updateUser(u.user_id, { password_hash: await hashPassword(password), failed_count: 0, locked_until: null, updated_at: at });
      const ended = await db.endUserSessions(u.user_id, at, 'password changed');
      await audit(store, { actor: by.actor, client: by.client, action: 'password_changed', outcome: 'success', objectIds: [`user:${u.name}`], detail: { sessions_ended: ended } }, now());
    },

    async changeOwnPassword(name, current, next, client = null) {
      const u = await userOrThrow(name);
      const at = iso();
      const actor = `user:${u.name}`;
      if (u.locked_until && u.locked_until > at) throw new PeelError('locked', `the account is locked until ${u.locked_until}`);
      if (!(await verifyPassword(u.password_hash, current))) {
        const after = await db.countFailure(u.user_id, at);
        if (after.failed_count >= settings.lockoutThreshold) {
          const until = new Date(now().getTime() + settings.lockoutMinutes * 60_000).toISOString();
          await db.updateUser(u.user_id, { failed_count: 0, locked_until: until, updated_at: at });
          await db.endUserSessions(u.user_id, at, 'locked');
          await audit(store, { actor, client, action: 'locked_out', outcome: 'success', objectIds: [`user:${u.name}`], detail: { until, failures: after.failed_count } }, now());
        }
        await audit(store, { actor, client, action: 'sign_in_failed', outcome: 'failure', detail: { reason: 'wrong current password on password change' } }, now());
        throw new PeelError('forbidden', 'the current password is wrong');
      }
      await access.setPassword(name, next, { actor, client });
    },

    async unlock(name, by) {
      const u = await userOrThrow(name);
      await db.updateUser(u.user_id, { failed_count: 0, locked_until: null, updated_at: iso() });
      await audit(store, { actor: by.actor, client: by.client, action: 'user_changed', outcome: 'success', objectIds: [`user:${u.name}`], detail: { unlocked: true } }, now());
    },

    async signIn(name, password, client = null) {
      const actor = `user:${name.slice(0, 64)}`;
      const u = await db.userByName(name);
      const at = iso();
      if (!u) {
        await verifyAgainstNothing(password);
        await audit(store, { actor, client, action: 'sign_in_failed', outcome: 'failure', detail: { reason: 'unknown account' } }, now());
        throw refuse();
      }
      if (u.locked_until && u.locked_until > at) {
        await audit(store, { actor, client, action: 'sign_in_failed', outcome: 'denied', detail: { reason: 'locked' } }, now());
        throw new PeelError('locked', `the account is locked until ${u.locked_until} after ${settings.lockoutThreshold} failed sign-ins`, { locked_until: u.locked_until });
      }
      const ok = await verifyPassword(u.password_hash, password);
      if (!ok) {
        const after = await db.countFailure(u.user_id, at);
        if (after.locked_until && after.locked_until > at) {
          // a parallel attempt locked it meanwhile
          await audit(store, { actor, client, action: 'sign_in_failed', outcome: 'denied', detail: { reason: 'locked' } }, now());
          throw new PeelError('locked', `the account is locked until ${after.locked_until} after ${settings.lockoutThreshold} failed sign-ins`, { locked_until: after.locked_until });
        }
        const failed = after.failed_count;
        if (failed >= settings.lockoutThreshold) {
          const until = new Date(now().getTime() + settings.lockoutMinutes * 60_000).toISOString();
          await db.updateUser(u.user_id, { failed_count: 0, locked_until: until, updated_at: at });
          await audit(store, { actor, client, action: 'sign_in_failed', outcome: 'failure', detail: { reason: 'wrong password', failures: failed } }, now());
          await audit(store, { actor, client, action: 'locked_out', outcome: 'success', objectIds: [`user:${u.name}`], detail: { until, failures: failed } }, now());
          throw new PeelError('locked', `the account is locked until ${until} after ${failed} failed sign-ins`, { locked_until: until });
        }
        await audit(store, { actor, client, action: 'sign_in_failed', outcome: 'failure', detail: { reason: 'wrong password', failures: failed } }, now());
        throw refuse();
      }
      if (u.disabled) {
        await audit(store, { actor, client, action: 'sign_in_failed', outcome: 'denied', detail: { reason: 'disabled' } }, now());
        throw refuse();
      }
      if (u.failed_count !== 0 || u.locked_until !== null) await db.updateUser(u.user_id, { failed_count: 0, locked_until: null, updated_at: at });
      const sessionToken = randomSecret();
      const csrfToken = randomSecret();
      await db.insertSession({
        session_hash: sha256Hex(sessionToken), user_id: u.user_id, csrf_hash: sha256Hex(csrfToken),
        created_at: at, last_seen_at: at, ended_at: null, end_reason: null, client,
      });
      await audit(store, { actor, client, action: 'sign_in', outcome: 'success', detail: { role: u.role } }, now());
      return { sessionToken, csrfToken, principal: await principalOf(u) };
    },

    async authenticateSession(sessionToken, client = null) {
      const key = sha256Hex(sessionToken);
      const t = now().getTime();
      let v = sessions.get(key);
      if (!v || t - v.verifiedAt > CREDENTIAL_CACHE_MS || t < v.verifiedAt) {
        sessions.delete(key);
        const s = await db.session(key);
        if (!s || s.ended_at !== null) throw refuse('not signed in, or the session has ended');
        const u = await db.userById(s.user_id);
        if (!u || u.disabled) {
          await db.endSession(key, iso(), 'account disabled');
          await audit(store, { actor: `user:${u?.name ?? s.user_id}`, client, action: 'session_expired', outcome: 'success', detail: { reason: 'account disabled' } }, now());
          throw refuse('the session has ended: sign in again');
        }
        v = { principal: await principalOf(u), userName: u.name, createdAt: Date.parse(s.created_at), csrfHash: s.csrf_hash, lastSeenAt: Date.parse(s.last_seen_at), verifiedAt: t };
        if (sessions.size >= 10_000) sessions.clear();
        sessions.set(key, v);
      }
      const idle = t - v.lastSeenAt > settings.sessionIdleMinutes * 60_000;
      const old = t - v.createdAt > settings.sessionMaxHours * 3_600_000;
      if (idle || old) {
        const reason = idle ? 'idle' : 'too old';
        await db.endSession(key, iso(), reason);
        await audit(store, { actor: `user:${v.userName}`, client, action: 'session_expired', outcome: 'success', detail: { reason } }, now());
        throw refuse(idle ? `the session ended after ${settings.sessionIdleMinutes} minutes without use: sign in again` : 'the session has ended: sign in again');
      }
      // Idle time is kept to the minute: skipping the write on most requests halves their store work.
      if (t - v.lastSeenAt >= 60_000) {
        v.lastSeenAt = t;
        await db.touchSession(key, iso());
      }
      const csrfHash = v.csrfHash;
      return {
        principal: v.principal,
        sessionKey: key,
        csrfMatches: (csrf) => typeof csrf === 'string' && csrf.length > 0 && sameDigest(sha256Hex(csrf), csrfHash),
      };
    },

    async signOut(sessionKey, by) {
      await db.endSession(sessionKey, iso(), 'signed out');
      await audit(store, { actor: by.actor, client: by.client, action: 'sign_out', outcome: 'success' }, now());
    },

    async createToken(input, by) {
      checkName(input.name);
      const permissions = [...new Set(input.permissions)];
      if (!permissions.length) throw new PeelError('bad_input', 'a token needs at least one permission');
      for (const p of permissions) if (!isPermission(p)) throw new PeelError('bad_input', `unknown permission "${p}"`, { field: 'permissions' });
      const forces = input.forces === 'all' ? 'all' : parseForces(input.forces, 'forces');
      if (forces !== 'all' && !forces.length) throw new PeelError('bad_input', 'a token needs at least one force, or all');
      if (input.expiresAt != null && Number.isNaN(Date.parse(input.expiresAt))) throw new PeelError('bad_input', `expiry "${input.expiresAt}" is not a date`);
      const id = randomBytes(8).toString('hex');
      const secret = randomSecret();
      const row: TokenRow = {
        token_id: id, name: input.name, secret_hash: sha256Hex(secret), permissions: JSON.stringify(permissions), forces: JSON.stringify(forces),
        created_by: by.actor, created_at: iso(), expires_at: input.expiresAt ? new Date(input.expiresAt).toISOString() : null, revoked_at: null, last_used_at: null,
      };
      await db.insertToken(row);
      await audit(store, {
        actor: by.actor, client: by.client, action: 'token_created', outcome: 'success', objectIds: [`token:${id}`],
        detail: { name: input.name, permissions, forces: forces === 'all' ? 'all' : forces },
      }, now());
      return { token: `peel_${id}_${secret}`, view: toToken(row) };
    },

    async listTokens() {
      return (await db.listTokens()).map(toToken);
    },

    async revokeToken(id, by) {
      const t = await db.token(id);
      if (!t) throw new PeelError('not_found', `no token "${id}"`);
      const done = await db.revokeToken(id, iso());
      await audit(store, { actor: by.actor, client: by.client, action: 'token_revoked', outcome: done ? 'success' : 'failure', objectIds: [`token:${id}`], detail: { name: t.name, already_revoked: !done } }, now());
    },

    async authenticateToken(bearer) {
      const m = TOKEN_RE.exec(bearer);
      if (!m) throw refuse('malformed API token');
      const at = iso();
      const ms = Date.parse(at);
      let v = tokens.get(m[1]);
      if (!v || ms - v.verifiedAt > CREDENTIAL_CACHE_MS || ms < v.verifiedAt) {
        tokens.delete(m[1]);
        const row = await db.token(m[1]);
        if (!row) throw refuse('unknown API token');
        v = { row, verifiedAt: ms };
        if (tokens.size >= 10_000) tokens.clear();
        tokens.set(m[1], v);
      }
      const t = v.row;
      if (!sameDigest(sha256Hex(m[2]), t.secret_hash)) throw refuse('unknown API token');
      if (t.revoked_at !== null) throw refuse('the API token has been revoked');
      if (t.expires_at !== null && t.expires_at <= at) throw refuse('the API token has expired');
      if (t.last_used_at === null || ms - Date.parse(t.last_used_at) >= 60_000) {
        v.row = { ...t, last_used_at: at };
        await db.touchToken(t.token_id, at);
      }
      const tv = toToken(t);
      return { kind: 'token', id: tv.id, name: tv.name, permissions: tv.permissions, forces: tv.forces };
    },

    async addGrant(input, by) {
      const u = await userOrThrow(input.user);
      if (!(GRANT_KINDS as readonly string[]).includes(input.kind)) throw new PeelError('bad_input', `unknown grant kind "${input.kind}"`);
      const [forceId] = parseForces([input.forceId], 'force');
      const reason = input.reason.trim();
      if (reason.length < 5) throw new PeelError('bad_input', 'a grant needs a reason (why this person needs it)');
      if (input.expiresAt != null && Number.isNaN(Date.parse(input.expiresAt))) throw new PeelError('bad_input', `expiry "${input.expiresAt}" is not a date`);
      const row: GrantRow = {
        grant_id: newId('g'), user_id: u.user_id, kind: input.kind, force_id: forceId, reason, granted_by: by.actor,
        created_at: iso(), expires_at: input.expiresAt ? new Date(input.expiresAt).toISOString() : null, revoked_at: null,
      };
      await db.insertGrant(row);
      await audit(store, {
        actor: by.actor, client: by.client, action: 'grant_added', outcome: 'success', objectIds: [`user:${u.name}`, `grant:${row.grant_id}`],
        forceId, justification: reason, detail: { kind: input.kind, expires_at: row.expires_at },
      }, now());
      return toGrant(row);
    },

    async revokeGrant(id, by) {
      const g = await db.grant(id);
      if (!g) throw new PeelError('not_found', `no grant "${id}"`);
      const done = await db.revokeGrant(id, iso());
      const u = await db.userById(g.user_id);
      await audit(store, {
        actor: by.actor, client: by.client, action: 'grant_revoked', outcome: done ? 'success' : 'failure',
        objectIds: [`user:${u?.name ?? g.user_id}`, `grant:${id}`], forceId: g.force_id, detail: { kind: g.kind },
      }, now());
    },
  };
  return access;
}

/** A demo account with a random password (never a default one): returns the password to print once. */
export async function createDemoAccount(access: Access, input: { name: string; role: Role; forces?: readonly string[] }, by: Actor): Promise<{ name: string; password: string }> {
  const password = randomPassword();
  await access.addUser({ ...input, password }, by);
  return { name: input.name, password };
}
