/** Reference data the pages share (categories, loaded forces), fetched once per page load. */
import { createContext, useContext } from 'react';
import type { Category, Force, Health, Me, Permission } from '@peel/client';
import { api, useApi, ApiError } from './api.ts';

let categories: Promise<Map<string, string>> | null = null;
let forces: Promise<Force[]> | null = null;

export function categoryNames(): Promise<Map<string, string>> {
  categories ??= api.categories({ limit: 100 }).then((p) => new Map(p.items.map((c: Category) => [c.id, c.name])));
  return categories;
}

/** Every force of the standard (43 territorial + BTP + PSNI), with what the hub holds. */
export function allForces(): Promise<Force[]> {
  forces ??= api.forces({ limit: 100 }).then((p) => p.items);
  return forces;
}

/** Forget cached reference data (after an upload adds forces). */
export function invalidateShared(): void {
  forces = null;
}

export function useCategoryNames() {
  return useApi(() => categoryNames(), []);
}

export function useForces() {
  return useApi(() => allForces(), []);
}

export function forceName(list: readonly Force[] | undefined, id: string): string {
  return list?.find((f) => f.id === id)?.name ?? id;
}

let health: Promise<Health> | null = null;

/** The hub's health, fetched once per page load (it says which capabilities are wired). */
export function hubHealth(): Promise<Health> {
  health ??= api.health();
  return health;
}

export function resetHealth(): void {
  health = null;
}

export type Capability = 'alerts' | 'quality' | 'geography';

/**
 * Calls `fn` only when the server has the capability wired; otherwise resolves to the same
 * "not available yet" problem the route would answer, without a failing request in the console.
 */
export async function gated<T>(cap: Capability, fn: () => Promise<T>): Promise<T> {
  const h = await hubHealth();
  const c = h.capabilities[cap];
  if (c && !c.available) {
    throw new ApiError({ type: 'urn:peel:problem:not_available', title: 'Not available yet', status: 501, detail: c.detail ?? `${cap} is not available yet`, code: 'not_available' });
  }
  return fn();
}

/** Who is signed in (set by the App once known). */
export const MeContext = createContext<Me | null>(null);

/** Whether `me` holds a permission (always, on a server without sign-in). */
export function holds(me: Me | null, permission: Permission): boolean {
  if (!me) return false;
  return me.name === 'development' && me.role === null ? true : me.permissions[permission] !== undefined;
}

/** Whether the signed-in principal holds a permission (always, on a server without sign-in). */
export function useCan(permission: Permission): boolean {
  return holds(useContext(MeContext), permission);
}
