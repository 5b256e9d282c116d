/**
 * One permission vocabulary (src/access/permissions.ts): every route of the full server declares
 * one of its names, every permission a route needs is held by some role, the role table covers
 * every permission (bar the ones deliberately held by none, each with its reason), and a route
 * naming a permission outside the vocabulary does not compile.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildServer, routeRegistry } from '../../src/api/index.ts';
import { accessPluginFor } from '../../src/api/routes-access.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import {
  PERMISSION_NAMES, ROLES, ROLE_PERMISSIONS, ROUTE_PERMISSIONS, UNASSIGNED_PERMISSIONS, isPermission, type Permission,
} from '../../src/access/index.ts';
import { DEFAULT_CONFIG } from '../../src/config/index.ts';
import { tempDir } from '../helpers/police-uk.ts';

/** Never called: the type checker (`tsc -p .`) is what runs it. */
export function routesAreTypedByTheVocabulary(app: FastifyInstance): void {
  app.get('/fine', { config: { permission: 'alerts:read' } }, async () => null);
  // @ts-expect-error a permission the vocabulary does not have does not compile
  app.get('/typo', { config: { permission: 'alerts:write' } }, async () => null);
}

describe('the permission vocabulary', () => {
  let dir: string;
  let store: Store;
  let app: FastifyInstance;

  beforeAll(async () => {
    dir = tempDir('peel-vocabulary-');
    store = await openStore({ store: join(dir, 'peel.duckdb'), threads: 1 });
    // With the access plugin, as served: it refuses to start when an API route declares no permission.
    app = await buildServer({ store, logLevel: 'silent', webRoot: null, plugins: [accessPluginFor(store, { ...DEFAULT_CONFIG, cookieSecure: false })] });
  });

  afterAll(async () => {
    await app?.close();
    store?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('has every route declare a permission of the vocabulary, each held by some role', () => {
    const routes = routeRegistry(app).filter((r) => r.url.startsWith('/api'));
    expect(routes.length).toBeGreaterThan(50);
    const held = new Set(ROLES.flatMap((r) => ROLE_PERMISSIONS[r]));
    for (const r of routes) {
      expect(ROUTE_PERMISSIONS, `${r.method} ${r.url} declares ${String(r.permission)}`).toContain(r.permission);
      if (r.permission !== undefined && r.permission !== 'public' && r.permission !== 'authenticated') {
        expect(held.has(r.permission), `${r.method} ${r.url} needs ${r.permission}, which no role holds`).toBe(true);
      }
    }
  });

  it('has the role table cover every permission, except those held by none for a stated reason', () => {
    const held = new Set<Permission>(ROLES.flatMap((r) => ROLE_PERMISSIONS[r]));
    for (const role of ROLES) for (const p of ROLE_PERMISSIONS[role]) expect(isPermission(p), `${role} holds ${p}`).toBe(true);
    for (const p of PERMISSION_NAMES) {
      const why = UNASSIGNED_PERMISSIONS[p];
      if (why === undefined) expect(held.has(p), `no role holds ${p}`).toBe(true);
      else {
        expect(held.has(p), `${p} is listed as held by no role, but a role holds it`).toBe(false);
        expect(why.length).toBeGreaterThan(10);
      }
    }
  });
});
