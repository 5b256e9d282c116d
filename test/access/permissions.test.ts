import { describe, expect, it } from 'vitest';
import {
  can, forcesFor, ROLES, ROLE_PERMISSIONS, ROLE_NATIONAL, PERMISSIONS, PERMISSION_NAMES, AUDIT_ACTIONS,
  type Grant, type Principal, type Role,
} from '../../src/access/index.ts';
import type { ForceId } from '../../src/standard/index.ts';

const user = (role: Role, forces: readonly ForceId[] = ['kent'], grants: readonly Grant[] = []): Principal =>
  ({ kind: 'user', id: 'u1', name: 'x', role, forces, grants });

describe('need-to-know by role and force', () => {
  it('gives a force analyst national aggregates but record-level data only for their own forces', () => {
    const p = user('force_analyst', ['kent']);
    expect(can(p, 'aggregates:read', { forceId: 'essex' })).toBe(true);
    expect(can(p, 'records:read', { forceId: 'kent' })).toBe(true);
    expect(can(p, 'records:read', { forceId: 'essex' })).toBe(false);
    expect(can(p, 'alerts:read', { forceId: 'essex' })).toBe(false);
    expect(can(p, 'data:export', { forceId: 'essex' })).toBe(false);
    expect(forcesFor(p, 'records:read')).toEqual(['kent']);
  });

  it('keeps national analysts out of record-level narratives unless a records grant names the force', () => {
    const p = user('national_analyst', []);
    expect(can(p, 'alerts:read', { forceId: 'gwent' })).toBe(true);
    expect(can(p, 'records:read', { forceId: 'gwent' })).toBe(false);
    expect(can(p, 'records:read')).toBe(false);
    const g = user('national_analyst', [], [{ id: 'g1', kind: 'records', forceId: 'gwent', expiresAt: null }]);
    expect(can(g, 'records:read', { forceId: 'gwent' })).toBe(true);
    expect(can(g, 'records:read', { forceId: 'kent' })).toBe(false);
  });

  it('lets an expired grant lapse', () => {
    const g = user('national_analyst', [], [{ id: 'g1', kind: 'records', forceId: 'gwent', expiresAt: '2026-01-01T00:00:00.000Z' }]);
    expect(can(g, 'records:read', { forceId: 'gwent', at: new Date('2025-12-31T00:00:00Z') })).toBe(true);
    expect(can(g, 'records:read', { forceId: 'gwent', at: new Date('2026-01-02T00:00:00Z') })).toBe(false);
  });

  it('requires an explicit sensitive grant for OFFICIAL-SENSITIVE records, even in the own force', () => {
    const p = user('investigator', ['kent']);
    expect(can(p, 'records:read', { forceId: 'kent', classification: 'OFFICIAL' })).toBe(true);
    expect(can(p, 'records:read', { forceId: 'kent', classification: 'OFFICIAL-SENSITIVE' })).toBe(false);
    const g = user('investigator', ['kent'], [{ id: 'g', kind: 'sensitive', forceId: 'kent', expiresAt: null }]);
    expect(can(g, 'records:read', { forceId: 'kent', classification: 'OFFICIAL-SENSITIVE' })).toBe(true);
    // a sensitive grant does not widen the force scope
    const h = user('investigator', ['kent'], [{ id: 'g', kind: 'sensitive', forceId: 'essex', expiresAt: null }]);
    expect(can(h, 'records:read', { forceId: 'essex', classification: 'OFFICIAL-SENSITIVE' })).toBe(false);
  });

  it('gives auditors the audit log only and admins no record contents', () => {
    for (const perm of PERMISSION_NAMES) {
      expect(can(user('auditor', []), perm)).toBe(perm === 'audit:read');
    }
    const admin = user('admin', []);
    for (const perm of ['records:read', 'quarantine:read', 'data:export', 'records:link', 'alerts:read', 'aggregates:read'] as const) {
      expect(can(admin, perm, { forceId: 'kent' })).toBe(false);
    }
    expect(can(admin, 'users:manage')).toBe(true);
  });

  it('scopes API tokens to their permissions and forces and never opens sensitive records', () => {
    const t: Principal = { kind: 'token', id: 't', name: 'kent-ingest', permissions: ['data:upload'], forces: ['kent'] };
    expect(can(t, 'data:upload', { forceId: 'kent' })).toBe(true);
    expect(can(t, 'data:upload', { forceId: 'essex' })).toBe(false);
    expect(can(t, 'records:read', { forceId: 'kent' })).toBe(false);
    const n: Principal = { kind: 'token', id: 't', name: 'etl', permissions: ['records:read'], forces: 'all' };
    expect(can(n, 'records:read', { forceId: 'essex', classification: 'OFFICIAL-SENSITIVE' })).toBe(false);
  });

  it('refuses unknown force slugs rather than treating them as out of scope by accident', () => {
    expect(can(user('force_analyst', ['kent']), 'records:read', { forceId: 'KENT' })).toBe(false);
    expect(can(user('national_analyst', []), 'aggregates:read', { forceId: 'atlantis' })).toBe(false);
  });

  it('keeps the tables consistent: national permissions are held, audited permissions name a real action', () => {
    for (const role of ROLES) for (const p of ROLE_NATIONAL[role]) expect(ROLE_PERMISSIONS[role]).toContain(p);
    for (const p of PERMISSION_NAMES) {
      const a = PERMISSIONS[p].audit;
      if (a !== null) {
        expect(Object.keys(AUDIT_ACTIONS)).toContain(a);
        // what the permission demands of the caller is exactly what its audit event requires
        expect(PERMISSIONS[p].justification).toBe(AUDIT_ACTIONS[a].justification);
        expect(PERMISSIONS[p].recipient).toBe(AUDIT_ACTIONS[a].recipient);
      }
    }
  });
});
