/** Canonical JSON (keys sorted at every level, no spaces) and its sha256: what registrations and shared documents are hashed as. */
import { createHash } from 'node:crypto';

export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',')}}`;
}

export function sha256Of(v: unknown): string {
  return createHash('sha256').update(canonicalJson(v)).digest('hex');
}
