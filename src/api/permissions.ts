/**
 * The permissions routes declare. The access capability maps roles onto these; a route with no
 * permission is a bug (test/api checks every route declares one).
 */
export const PERMISSIONS = [
  'public',
  'aggregates:read',
  'batches:read',
  'quarantine:read',
  'data:upload',
  'data:export',
  'alerts:read',
  'alerts:triage',
  'quality:read',
  'geography:read',
  'records:read',
  'records:link',
] as const;
export type Permission = (typeof PERMISSIONS)[number];
