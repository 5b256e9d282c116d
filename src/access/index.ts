/**
 * Access: who may see what, and the audit log of everything seen and done.
 *
 * Pure and HTTP-free: roles → permissions with force scope and grants (`can`), argon2id
 * accounts with lockout, sessions with idle expiry, hashed API tokens (`createAccess`), and the
 * hash-chained, append-only audit log (`audit`, `verifyAudit`, `listAudit`). The API plugin
 * (src/api/auth.ts) and the CLI (`peel users`, `peel audit`) are thin adapters over this.
 */
export {
  PERMISSIONS, PERMISSION_NAMES, ROLES, ROLE_PERMISSIONS, ROLE_NATIONAL, ROLE_NEEDS_FORCES, GRANT_KINDS, UNASSIGNED_PERMISSIONS,
  ROUTE_PERMISSIONS, can, forcesFor, actorOf, isRole, isPermission, isRoutePermission,
  type Permission, type RoutePermission, type Role, type Grant, type GrantKind, type Principal, type AccessContext,
} from './permissions.ts';
export { AUDIT_ACTIONS, AUDIT_ACTION_NAMES, AUDIT_OUTCOMES, isAuditAction, type AuditAction, type AuditOutcome } from './actions.ts';
export {
  audit, auditCollection, exportObjectIds, quarantineObjectIds, searchTextFacts, searchTextPolicy, verifyAudit, parseAuditAnchor, listAudit, canonicalJson, hashRow, checkAuditInput, GENESIS_HASH,
  type AuditInput, type AuditEvent, type CollectedBatch, type VerifyResult, type AuditQuery, type SearchTextPolicy, type AuditAnchor, type AnchorCheck, type VerifyOptions,
} from './audit.ts';
export {
  createAccess, createDemoAccount,
  type Access, type AccessSettings, type Clock, type Actor, type UserView, type TokenView, type SignedIn, type SessionAuth,
} from './identities.ts';
export { PASSWORD_MIN, PASSWORD_MAX, checkPasswordPolicy, hashPassword, verifyPassword, randomPassword } from './secrets.ts';
