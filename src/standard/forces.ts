/**
 * The force registry of the national standard, version 1.
 *
 * Forces are identified by their data.police.uk slug. Each entry carries the display name used in
 * data.police.uk files ("Reported by" / "Falls within"), the ONS Police Force Area code where the
 * force has a territory (PFA23CD, December 2023), and every name variant seen in files and ONS
 * tables, so that any of them resolves to the slug (see `resolveForce`).
 *
 * Sources: data.police.uk `/api/forces`; ONS PFA (December 2023) names and codes; ONS PFA crime
 * tables; the names measured in `../shared/data` (its README lists the mismatches).
 */
export const FORCES = [
  { id: 'avon-and-somerset', name: 'Avon and Somerset Constabulary', pfa: 'E23000036', country: 'England', region: 'South West', territorial: true, variants: ['Avon and Somerset', 'Avon & Somerset', 'Avon and Somerset Police'] },
  { id: 'bedfordshire', name: 'Bedfordshire Police', pfa: 'E23000026', country: 'England', region: 'East', territorial: true, variants: ['Bedfordshire'] },
  { id: 'cambridgeshire', name: 'Cambridgeshire Constabulary', pfa: 'E23000023', country: 'England', region: 'East', territorial: true, variants: ['Cambridgeshire'] },
  { id: 'cheshire', name: 'Cheshire Constabulary', pfa: 'E23000006', country: 'England', region: 'North West', territorial: true, variants: ['Cheshire'] },
  { id: 'city-of-london', name: 'City of London Police', pfa: 'E23000034', country: 'England', region: 'London', territorial: true, variants: ['City of London', 'London, City of', 'City of London Police Service'] },
  { id: 'cleveland', name: 'Cleveland Police', pfa: 'E23000013', country: 'England', region: 'North East', territorial: true, variants: ['Cleveland'] },
  { id: 'cumbria', name: 'Cumbria Constabulary', pfa: 'E23000002', country: 'England', region: 'North West', territorial: true, variants: ['Cumbria'] },
  { id: 'derbyshire', name: 'Derbyshire Constabulary', pfa: 'E23000018', country: 'England', region: 'East Midlands', territorial: true, variants: ['Derbyshire'] },
  { id: 'devon-and-cornwall', name: 'Devon & Cornwall Police', pfa: 'E23000035', country: 'England', region: 'South West', territorial: true, variants: ['Devon & Cornwall', 'Devon and Cornwall', 'Devon and Cornwall Police'] },
  { id: 'dorset', name: 'Dorset Police', pfa: 'E23000039', country: 'England', region: 'South West', territorial: true, variants: ['Dorset'] },
  { id: 'durham', name: 'Durham Constabulary', pfa: 'E23000008', country: 'England', region: 'North East', territorial: true, variants: ['Durham'] },
  { id: 'dyfed-powys', name: 'Dyfed-Powys Police', pfa: 'W15000004', country: 'Wales', region: 'Wales', territorial: true, variants: ['Dyfed-Powys', 'Dyfed Powys', 'Dyfed Powys Police'] },
  { id: 'essex', name: 'Essex Police', pfa: 'E23000028', country: 'England', region: 'East', territorial: true, variants: ['Essex'] },
  { id: 'gloucestershire', name: 'Gloucestershire Constabulary', pfa: 'E23000037', country: 'England', region: 'South West', territorial: true, variants: ['Gloucestershire'] },
  { id: 'greater-manchester', name: 'Greater Manchester Police', pfa: 'E23000005', country: 'England', region: 'North West', territorial: true, variants: ['Greater Manchester'] },
  { id: 'gwent', name: 'Gwent Police', pfa: 'W15000002', country: 'Wales', region: 'Wales', territorial: true, variants: ['Gwent'] },
  { id: 'hampshire', name: 'Hampshire Constabulary', pfa: 'E23000030', country: 'England', region: 'South East', territorial: true, variants: ['Hampshire', 'Hampshire and Isle of Wight Constabulary', 'Hampshire and Isle of Wight', 'Hampshire & Isle of Wight'] },
  { id: 'hertfordshire', name: 'Hertfordshire Constabulary', pfa: 'E23000027', country: 'England', region: 'East', territorial: true, variants: ['Hertfordshire'] },
  { id: 'humberside', name: 'Humberside Police', pfa: 'E23000012', country: 'England', region: 'Yorkshire and The Humber', territorial: true, variants: ['Humberside'] },
  { id: 'kent', name: 'Kent Police', pfa: 'E23000032', country: 'England', region: 'South East', territorial: true, variants: ['Kent'] },
  { id: 'lancashire', name: 'Lancashire Constabulary', pfa: 'E23000003', country: 'England', region: 'North West', territorial: true, variants: ['Lancashire', 'Lancashire Police'] },
  { id: 'leicestershire', name: 'Leicestershire Police', pfa: 'E23000021', country: 'England', region: 'East Midlands', territorial: true, variants: ['Leicestershire'] },
  { id: 'lincolnshire', name: 'Lincolnshire Police', pfa: 'E23000020', country: 'England', region: 'East Midlands', territorial: true, variants: ['Lincolnshire'] },
  { id: 'merseyside', name: 'Merseyside Police', pfa: 'E23000004', country: 'England', region: 'North West', territorial: true, variants: ['Merseyside'] },
  { id: 'metropolitan', name: 'Metropolitan Police Service', pfa: 'E23000001', country: 'England', region: 'London', territorial: true, variants: ['Metropolitan Police', 'Metropolitan', 'Metropolitan Police Force', 'The Met'] },
  { id: 'norfolk', name: 'Norfolk Constabulary', pfa: 'E23000024', country: 'England', region: 'East', territorial: true, variants: ['Norfolk'] },
  { id: 'north-wales', name: 'North Wales Police', pfa: 'W15000001', country: 'Wales', region: 'Wales', territorial: true, variants: ['North Wales'] },
  { id: 'north-yorkshire', name: 'North Yorkshire Police', pfa: 'E23000009', country: 'England', region: 'Yorkshire and The Humber', territorial: true, variants: ['North Yorkshire'] },
  { id: 'northamptonshire', name: 'Northamptonshire Police', pfa: 'E23000022', country: 'England', region: 'East Midlands', territorial: true, variants: ['Northamptonshire'] },
  { id: 'northumbria', name: 'Northumbria Police', pfa: 'E23000007', country: 'England', region: 'North East', territorial: true, variants: ['Northumbria'] },
  { id: 'nottinghamshire', name: 'Nottinghamshire Police', pfa: 'E23000019', country: 'England', region: 'East Midlands', territorial: true, variants: ['Nottinghamshire'] },
  { id: 'south-wales', name: 'South Wales Police', pfa: 'W15000003', country: 'Wales', region: 'Wales', territorial: true, variants: ['South Wales'] },
  { id: 'south-yorkshire', name: 'South Yorkshire Police', pfa: 'E23000011', country: 'England', region: 'Yorkshire and The Humber', territorial: true, variants: ['South Yorkshire'] },
  { id: 'staffordshire', name: 'Staffordshire Police', pfa: 'E23000015', country: 'England', region: 'West Midlands', territorial: true, variants: ['Staffordshire'] },
  { id: 'suffolk', name: 'Suffolk Constabulary', pfa: 'E23000025', country: 'England', region: 'East', territorial: true, variants: ['Suffolk'] },
  { id: 'surrey', name: 'Surrey Police', pfa: 'E23000031', country: 'England', region: 'South East', territorial: true, variants: ['Surrey'] },
  { id: 'sussex', name: 'Sussex Police', pfa: 'E23000033', country: 'England', region: 'South East', territorial: true, variants: ['Sussex'] },
  { id: 'thames-valley', name: 'Thames Valley Police', pfa: 'E23000029', country: 'England', region: 'South East', territorial: true, variants: ['Thames Valley'] },
  { id: 'warwickshire', name: 'Warwickshire Police', pfa: 'E23000017', country: 'England', region: 'West Midlands', territorial: true, variants: ['Warwickshire'] },
  { id: 'west-mercia', name: 'West Mercia Police', pfa: 'E23000016', country: 'England', region: 'West Midlands', territorial: true, variants: ['West Mercia'] },
  { id: 'west-midlands', name: 'West Midlands Police', pfa: 'E23000014', country: 'England', region: 'West Midlands', territorial: true, variants: ['West Midlands'] },
  { id: 'west-yorkshire', name: 'West Yorkshire Police', pfa: 'E23000010', country: 'England', region: 'Yorkshire and The Humber', territorial: true, variants: ['West Yorkshire'] },
  { id: 'wiltshire', name: 'Wiltshire Police', pfa: 'E23000038', country: 'England', region: 'South West', territorial: true, variants: ['Wiltshire'] },
  { id: 'btp', name: 'British Transport Police', pfa: null, country: 'Great Britain', region: null, territorial: false, variants: ['British Transport', 'BTP'] },
  { id: 'northern-ireland', name: 'Police Service of Northern Ireland', pfa: null, country: 'Northern Ireland', region: null, territorial: false, variants: ['Northern Ireland', 'PSNI', 'Police Service of NI'] },
] as const;

export type ForceId = (typeof FORCES)[number]['id'];
export type Force = (typeof FORCES)[number];

export const FORCE_IDS: readonly ForceId[] = FORCES.map((f) => f.id);

/** The 43 territorial forces of England and Wales (those with a Police Force Area). */
export const TERRITORIAL_FORCE_IDS: readonly ForceId[] = FORCES.filter((f) => f.territorial).map((f) => f.id);

const byId = new Map<string, Force>(FORCES.map((f) => [f.id, f]));

/** Normalises a force name for lookup: case, '&' vs 'and', punctuation and spacing do not matter. */
function nameKey(s: string): string {
  return s
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .replace(/\s+/g, ' ');
}

const byName = new Map<string, ForceId>();
for (const f of FORCES) {
  for (const n of [f.id, f.name, ...f.variants, ...(f.pfa ? [f.pfa] : [])]) byName.set(nameKey(n), f.id);
}

export function isForceId(s: string): s is ForceId {
  return byId.has(s);
}

/** The force with this slug; undefined when there is none. */
export function getForce(id: string): Force | undefined {
  return byId.get(id);
}

/**
 * Resolves any known spelling of a force — slug, display name, ONS name or PFA code —
 * to its slug. Returns undefined for a name the standard does not know.
 */
export function resolveForce(name: string): ForceId | undefined {
  return byName.get(nameKey(name));
}
