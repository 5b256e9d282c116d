/**
 * Need-to-know: roles, permissions, force scope and the one decision function `can`.
 *
 * A permission is held either nationally (for every force) or for the principal's own forces.
 * Record-level permissions are always force-scoped; OFFICIAL-SENSITIVE records need, on top, an
 * explicit `sensitive` grant for that force, whatever the role. A national analyst reads
 * record-level data only through a `records` grant for a force.
 */
import { FORCES, type Classification, type ForceId } from '../standard/index.ts';
import type { AuditAction } from './actions.ts';

/**
 * Every permission a route or command can require. Each states the audit action its use writes
 * (null: not audited per request), whether the caller must give a justification (and a
 * recipient), and whether it is scoped by force.
 */
export const PERMISSIONS = {
  'aggregates:read': { audit: null, justification: false, recipient: false, forceScoped: true, about: 'counts, cube, map layers and trends (no record contents)' },
  'quality:read': { audit: null, justification: false, recipient: false, forceScoped: true, about: 'data-quality league and scorecards (sample rows need records:read)' },
  'geography:read': { audit: null, justification: false, recipient: false, forceScoped: false, about: 'force boundaries and areas' },
  'batches:read': { audit: null, justification: false, recipient: false, forceScoped: true, about: 'load provenance and row reconciliation (no record contents)' },
  'alerts:read': { audit: null, justification: false, recipient: false, forceScoped: true, about: 'alerts and their evidence (aggregate series, areas)' },
  'alerts:triage': { audit: 'alteration', justification: false, recipient: false, forceScoped: true, about: 'acknowledging, dismissing and actioning alerts (each change audited as an alteration)' },
  'records:read': { audit: 'consultation', justification: true, recipient: false, forceScoped: true, about: 'record-level rows and narratives, and searches over them' },
  'quarantine:read': { audit: 'consultation', justification: true, recipient: false, forceScoped: true, about: 'rejected rows with their raw text (record contents)' },
  'data:export': { audit: 'disclosure', justification: true, recipient: true, forceScoped: true, about: 'exports and redacted copies of record-level data' },
  'records:link': { audit: 'combination', justification: true, recipient: false, forceScoped: true, about: 'linking entities across records and forces' },
  'records:erase': { audit: 'erasure', justification: true, recipient: false, forceScoped: true, about: 'erasing records' },
  'data:upload': { audit: 'collection', justification: false, recipient: false, forceScoped: true, about: 'loading a force\'s files' },
  'audit:read': { audit: 'audit_consulted', justification: false, recipient: false, forceScoped: false, about: 'the audit log and its verification' },
  'users:manage': { audit: null, justification: false, recipient: false, forceScoped: false, about: 'accounts, roles, force scopes and grants' },
  'tokens:manage': { audit: null, justification: false, recipient: false, forceScoped: false, about: 'API tokens for systems' },
  'config:manage': { audit: null, justification: false, recipient: false, forceScoped: false, about: 'configuration and store operations' },
} as const satisfies Record<string, {
  readonly audit: AuditAction | null;
  readonly justification: boolean;
  readonly recipient: boolean;
  readonly forceScoped: boolean;
  readonly about: string;
}>;
export type Permission = keyof typeof PERMISSIONS;
export const PERMISSION_NAMES = Object.keys(PERMISSIONS) as Permission[];

/**
 * What a route declares in `config.permission`: a permission, or `public` (no identity needed:
 * sign-in, health) or `authenticated` (any signed-in principal: who am I, sign-out).
 */
export type RoutePermission = Permission | 'public' | 'authenticated';
export const ROUTE_PERMISSIONS: readonly RoutePermission[] = ['public', 'authenticated', ...PERMISSION_NAMES];

export function isRoutePermission(v: unknown): v is RoutePermission {
  return typeof v === 'string' && (ROUTE_PERMISSIONS as readonly string[]).includes(v);
}

export const ROLES = ['national_analyst', 'force_analyst', 'investigator', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Permissions each role holds at all (for its own forces unless also in ROLE_NATIONAL). */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  national_analyst: ['aggregates:read', 'quality:read', 'geography:read', 'batches:read', 'alerts:read', 'alerts:triage'],
  force_analyst: ['aggregates:read', 'quality:read', 'geography:read', 'batches:read', 'alerts:read', 'alerts:triage', 'records:read', 'quarantine:read', 'data:export'],
  investigator: ['geography:read', 'records:read', 'quarantine:read', 'data:export', 'records:link'],
  auditor: ['audit:read'],
  admin: ['users:manage', 'tokens:manage', 'config:manage', 'data:upload', 'batches:read', 'geography:read'],
};

/** Of those, the ones a role holds for every force, not only its own. */
export const ROLE_NATIONAL: Record<Role, readonly Permission[]> = {
  national_analyst: ['aggregates:read', 'quality:read', 'geography:read', 'batches:read', 'alerts:read', 'alerts:triage'],
  force_analyst: ['aggregates:read', 'quality:read', 'geography:read', 'batches:read'],
  investigator: ['geography:read'],
  auditor: ['audit:read'],
  admin: ['users:manage', 'tokens:manage', 'config:manage', 'data:upload', 'batches:read', 'geography:read'],
};

/**
 * Permissions deliberately held by no role, with why. Every other permission is held by at least
 * one role (test/access/permissions.test.ts checks both), so no route can be left unreachable.
 */
export const UNASSIGNED_PERMISSIONS: Readonly<Partial<Record<Permission, string>>> = {
  'records:erase': 'no erasure path exists yet; the permission and its audit action are reserved for it',
};

/** Whether a role needs a force to be useful (a force analyst or investigator without forces sees nothing). */
export const ROLE_NEEDS_FORCES: Record<Role, boolean> = {
  national_analyst: false,
  force_analyst: true,
  investigator: true,
  auditor: false,
  admin: false,
};

/**
 * Explicit grants: `records` lets a principal read record-level data of one force beyond its role
 * (the national analyst's route to narratives); `sensitive` opens OFFICIAL-SENSITIVE records of
 * one force to a principal that can already read that force's records.
 */
export const GRANT_KINDS = ['records', 'sensitive'] as const;
export type GrantKind = (typeof GRANT_KINDS)[number];

export interface Grant {
  readonly id: string;
  readonly kind: GrantKind;
  readonly forceId: ForceId;
  /** ISO 8601 UTC; null: until revoked. */
  readonly expiresAt: string | null;
}

/** Permissions a `records` grant adds for its force. */
const RECORDS_GRANT: readonly Permission[] = ['records:read', 'quarantine:read', 'data:export'];

export type Principal =
  | {
      readonly kind: 'user';
      readonly id: string;
      readonly name: string;
      readonly role: Role;
      readonly forces: readonly ForceId[];
      readonly grants: readonly Grant[];
    }
  | {
      readonly kind: 'token';
      readonly id: string;
      readonly name: string;
      readonly permissions: readonly Permission[];
      /** `all`: every force (a national system); otherwise the forces the token was issued for. */
      readonly forces: readonly ForceId[] | 'all';
    };

/** How a principal appears in the audit log: `user:NAME`, `token:NAME`. */
export function actorOf(p: Principal): string {
  switch (p.kind) {
    case 'user': return `user:${p.name}`;
    case 'token': return `token:${p.name}`;
    default: {
      const never: never = p;
      throw new Error(`unknown principal ${JSON.stringify(never)}`);
    }
  }
}

export interface AccessContext {
  /** The force whose data is touched; omitted for a route-level check (does it hold the permission anywhere?). */
  readonly forceId?: string;
  /** The record's marking; OFFICIAL when omitted. */
  readonly classification?: Classification;
  /** The time the decision is made, for grant expiry (defaults to now). */
  readonly at?: Date;
}

function liveGrants(p: Principal, at: Date): readonly Grant[] {
  if (p.kind !== 'user') return [];
  const now = at.toISOString();
  return p.grants.filter((g) => g.expiresAt === null || g.expiresAt > now);
}

const FORCE_IDS: ReadonlySet<string> = new Set(FORCES.map((f) => f.id));

/**
 * The forces for which a principal holds a permission: `all`, or a list (possibly empty).
 * OFFICIAL-SENSITIVE is not considered here; `can` with a classification is.
 */
export function forcesFor(p: Principal, permission: Permission, at: Date = new Date()): 'all' | readonly ForceId[] {
  if (p.kind === 'token') {
    if (!p.permissions.includes(permission)) return [];
    return PERMISSIONS[permission].forceScoped ? p.forces : 'all';
  }
  const held = ROLE_PERMISSIONS[p.role].includes(permission);
  if (held && (ROLE_NATIONAL[p.role].includes(permission) || !PERMISSIONS[permission].forceScoped)) return 'all';
  const out = new Set<ForceId>(held ? p.forces : []);
  if (RECORDS_GRANT.includes(permission)) for (const g of liveGrants(p, at)) if (g.kind === 'records') out.add(g.forceId);
  return [...out].sort();
}

/**
 * The access decision. Without a force: does the principal hold the permission for any force.
 * With a force: for that force. With classification OFFICIAL-SENSITIVE: additionally a live
 * `sensitive` grant for that force (users only; tokens never read sensitive records).
 */
export function can(p: Principal, permission: Permission, ctx: AccessContext = {}): boolean {
  const at = ctx.at ?? new Date();
  const forces = forcesFor(p, permission, at);
  if (ctx.forceId === undefined) {
    if (ctx.classification === 'OFFICIAL-SENSITIVE') return false;
    return forces === 'all' || forces.length > 0;
  }
  if (PERMISSIONS[permission].forceScoped && !FORCE_IDS.has(ctx.forceId)) return false;
  const inScope = forces === 'all' || (forces as readonly string[]).includes(ctx.forceId);
  if (!inScope) return false;
  if ((ctx.classification ?? 'OFFICIAL') === 'OFFICIAL') return true;
  return liveGrants(p, at).some((g) => g.kind === 'sensitive' && g.forceId === ctx.forceId);
}

export function isRole(v: string): v is Role {
  return (ROLES as readonly string[]).includes(v);
}

export function isPermission(v: string): v is Permission {
  return Object.prototype.hasOwnProperty.call(PERMISSIONS, v);
}
