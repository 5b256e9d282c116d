/**
 * Crime categories of the national standard, version 1: the 14 current data.police.uk categories
 * (slugs as in the data.police.uk API), plus the historical names mapped onto them.
 *
 * `Violent crime` (files before May 2013) maps onto `violent-crime` (today "Violence and sexual
 * offences"). `Public disorder and weapons` (2011–2013) cannot be split into public order and
 * possession of weapons, so it keeps its own code and is reported as such; it is not current.
 */
export const CRIME_CATEGORIES = [
  { id: 'anti-social-behaviour', name: 'Anti-social behaviour', current: true },
  { id: 'bicycle-theft', name: 'Bicycle theft', current: true },
  { id: 'burglary', name: 'Burglary', current: true },
  { id: 'criminal-damage-arson', name: 'Criminal damage and arson', current: true },
  { id: 'drugs', name: 'Drugs', current: true },
  { id: 'other-theft', name: 'Other theft', current: true },
  { id: 'possession-of-weapons', name: 'Possession of weapons', current: true },
  { id: 'public-order', name: 'Public order', current: true },
  { id: 'robbery', name: 'Robbery', current: true },
  { id: 'shoplifting', name: 'Shoplifting', current: true },
  { id: 'theft-from-the-person', name: 'Theft from the person', current: true },
  { id: 'vehicle-crime', name: 'Vehicle crime', current: true },
  { id: 'violent-crime', name: 'Violence and sexual offences', current: true },
  { id: 'other-crime', name: 'Other crime', current: true },
  { id: 'public-disorder-weapons', name: 'Public disorder and weapons', current: false },
] as const;

export type CrimeCategory = (typeof CRIME_CATEGORIES)[number]['id'];
export const CRIME_CATEGORY_IDS: readonly CrimeCategory[] = CRIME_CATEGORIES.map((c) => c.id);
export const CURRENT_CRIME_CATEGORY_IDS: readonly CrimeCategory[] = CRIME_CATEGORIES.filter((c) => c.current).map((c) => c.id);

/** Historical and alternative wordings, mapped onto the standard's codes. */
const HISTORICAL_NAMES: Readonly<Record<string, CrimeCategory>> = {
  'violent crime': 'violent-crime',
  'violence and sexual offences': 'violent-crime',
  'violence against the person': 'violent-crime',
  'public disorder and weapons': 'public-disorder-weapons',
  'criminal damage & arson': 'criminal-damage-arson',
  'anti social behaviour': 'anti-social-behaviour',
  'antisocial behaviour': 'anti-social-behaviour',
};

const byName = new Map<string, CrimeCategory>();
for (const c of CRIME_CATEGORIES) {
  byName.set(c.name.toLowerCase(), c.id);
  byName.set(c.id, c.id);
}
for (const [k, v] of Object.entries(HISTORICAL_NAMES)) byName.set(k, v);

/** The category code for a file's `Crime type` value (any case); undefined when unknown. */
export function resolveCrimeCategory(name: string): CrimeCategory | undefined {
  return byName.get(name.trim().toLowerCase().replace(/\s+/g, ' '));
}

export function crimeCategoryName(id: CrimeCategory): string {
  return CRIME_CATEGORIES.find((c) => c.id === id)!.name;
}

export function isCrimeCategory(s: string): s is CrimeCategory {
  return CRIME_CATEGORIES.some((c) => c.id === s);
}

/** The name-to-code table, for SQL joins in the store (lower-cased names). */
export function crimeCategoryNameTable(): ReadonlyArray<readonly [string, CrimeCategory]> {
  return [...byName.entries()];
}
