/**
 * Query values checked against the national standard, failing with a problem that names the
 * field (`query.force`) and the bad value.
 */
import { PeelError, isCrimeCategory, isForceId } from '../standard/index.ts';

export function bad(field: string, message: string): PeelError {
  return new PeelError('bad_input', `${field}: ${message}`, { field });
}

/** A comma-separated list of force slugs, each checked against the standard. */
export function parseForceList(v: string | undefined, field = 'query.force'): string[] | undefined {
  if (v === undefined || v.trim() === '') return undefined;
  const ids = v.split(',').map((s) => s.trim()).filter(Boolean);
  for (const id of ids) if (!isForceId(id)) throw bad(field, `unknown force "${id}": use a data.police.uk slug such as gwent`);
  return ids;
}

export function parseCategoryList(v: string | undefined, field = 'query.category'): string[] | undefined {
  if (v === undefined || v.trim() === '') return undefined;
  const ids = v.split(',').map((s) => s.trim()).filter(Boolean);
  for (const id of ids) if (!isCrimeCategory(id)) throw bad(field, `unknown crime category "${id}": use a code such as burglary`);
  return ids;
}

