/**
 * The access capability's shapes as the API serves them: accounts, grants, API tokens, who is
 * signed in, and the audit log with its verification. The admin and audit pages read these
 * through the typed client.
 */
import { z } from 'zod';
// The closed lists only (pure modules): the access front door also holds argon2 and the store, which
// the browser's type check of the client must not pull in.
// The vocabularies' own files, not access/index.ts: the dashboard type-checks the contract, and the
// front door would pull Node-only code (crypto, the store) into the browser's type graph.
import { GRANT_KINDS, PERMISSION_NAMES, ROLES } from '../access/permissions.ts';
import { AUDIT_ACTION_NAMES } from '../access/actions.ts';

export const ACCESS_ROLES = ROLES;
export const ACCESS_PERMISSIONS = PERMISSION_NAMES;
/** A permission of the one vocabulary (src/access/permissions.ts). */
export type Permission = (typeof PERMISSION_NAMES)[number];

export const AccessGrant = z.object({ id: z.string(), kind: z.enum(GRANT_KINDS), forceId: z.string(), expiresAt: z.string().nullable() });
export type AccessGrant = z.infer<typeof AccessGrant>;

export const AccessUser = z.object({
  id: z.string(), name: z.string(), role: z.enum(ROLES), forces: z.array(z.string()), disabled: z.boolean(),
  lockedUntil: z.string().nullable(), createdAt: z.string(), grants: z.array(AccessGrant),
});
export type AccessUser = z.infer<typeof AccessUser>;

export const AccessMe = z.object({
  kind: z.enum(['user', 'token']), name: z.string(), role: z.enum(ROLES).nullable(), forces: z.union([z.array(z.string()), z.literal('all')]),
  grants: z.array(AccessGrant),
  /** For each permission held: `all` or the forces it is held for. */
  permissions: z.record(z.string(), z.union([z.literal('all'), z.array(z.string())])),
});
export type AccessMe = z.infer<typeof AccessMe>;

export const AccessToken = z.object({
  id: z.string(), name: z.string(), permissions: z.array(z.string()), forces: z.union([z.array(z.string()), z.literal('all')]),
  createdBy: z.string(), createdAt: z.string(), expiresAt: z.string().nullable(), revokedAt: z.string().nullable(), lastUsedAt: z.string().nullable(),
});
export type AccessToken = z.infer<typeof AccessToken>;

/** A new token: `token` is the secret, shown this once and never stored in clear. */
export const CreatedToken = z.object({ token: z.string(), view: AccessToken });
export type CreatedToken = z.infer<typeof CreatedToken>;

export const AuditEventView = z.object({
  id: z.number(), at: z.string(), actor: z.string(), action: z.string(), objectIds: z.array(z.string()), forceId: z.string().nullable(),
  justification: z.string().nullable(), recipient: z.string().nullable(), outcome: z.string(), client: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()), prevHash: z.string(), hash: z.string(),
});
export type AuditEventView = z.infer<typeof AuditEventView>;

export const AuditPage = z.object({ items: z.array(AuditEventView), total: z.number(), limit: z.number(), offset: z.number() });
export type AuditPage = z.infer<typeof AuditPage>;

export const AuditVerify = z.object({ ok: z.boolean(), events: z.number(), first_bad_event: z.number().nullable(), reason: z.string().nullable(), head: z.string() });
export type AuditVerify = z.infer<typeof AuditVerify>;

export const AUDIT_ACTIONS_LIST = AUDIT_ACTION_NAMES;

/** The roles and permissions an administrator chooses from (GET /api/access/roles). */
export const RoleCatalogue = z.object({
  roles: z.array(z.object({
    role: z.enum(ROLES), permissions: z.array(z.string()), national: z.array(z.string()).describe('permissions held for every force, not only the account\'s own'),
    needs_forces: z.boolean().describe('accounts of this role must name their forces'),
  })),
  permissions: z.array(z.object({ name: z.string(), about: z.string() })),
  grant_kinds: z.array(z.enum(GRANT_KINDS)),
  forces: z.array(z.object({ id: z.string(), name: z.string() })).describe('every force of the standard, for choosing an account\'s forces'),
  audit_actions: z.array(z.string()),
});
export type RoleCatalogue = z.infer<typeof RoleCatalogue>;
