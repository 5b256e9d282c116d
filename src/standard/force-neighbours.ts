/**
 * Adjacency of the 43 Police Force Areas of England and Wales: two forces are neighbours when their
 * boundaries lie within 1 km of each other (so a river or an estuary between them still counts).
 * Derived once by `src/synth/scripts/derive-geography.ts --neighbours` from the ONS Police Force
 * Areas (December 2023) boundaries (Police_Force_Areas.geojson; OGL v3.0, contains OS data ©
 * Crown copyright). Symmetric; forces without a territory (btp, northern-ireland) have none.
 * Used by the synthetic generator (cross-border crimes, spreading modus operandi) and by
 * detection (cross-force alerts).
 */
import type { ForceId } from './forces.ts';

export const FORCE_NEIGHBOURS = {
  'avon-and-somerset': ['devon-and-cornwall', 'dorset', 'gloucestershire', 'wiltshire'],
  'bedfordshire': ['cambridgeshire', 'hertfordshire', 'northamptonshire', 'thames-valley'],
  'cambridgeshire': ['bedfordshire', 'essex', 'hertfordshire', 'leicestershire', 'lincolnshire', 'norfolk', 'northamptonshire', 'suffolk'],
  'cheshire': ['derbyshire', 'greater-manchester', 'merseyside', 'north-wales', 'staffordshire', 'west-mercia'],
  'city-of-london': ['metropolitan'],
  'cleveland': ['durham', 'north-yorkshire'],
  'cumbria': ['durham', 'lancashire', 'north-yorkshire', 'northumbria'],
  'derbyshire': ['cheshire', 'greater-manchester', 'leicestershire', 'nottinghamshire', 'south-yorkshire', 'staffordshire', 'west-yorkshire'],
  'devon-and-cornwall': ['avon-and-somerset', 'dorset'],
  'dorset': ['avon-and-somerset', 'devon-and-cornwall', 'hampshire', 'wiltshire'],
  'durham': ['cleveland', 'cumbria', 'north-yorkshire', 'northumbria'],
  'dyfed-powys': ['gwent', 'north-wales', 'south-wales', 'west-mercia'],
  'essex': ['cambridgeshire', 'hertfordshire', 'kent', 'metropolitan', 'suffolk'],
  'gloucestershire': ['avon-and-somerset', 'gwent', 'thames-valley', 'warwickshire', 'west-mercia', 'wiltshire'],
  'greater-manchester': ['cheshire', 'derbyshire', 'lancashire', 'merseyside', 'west-yorkshire'],
  'gwent': ['dyfed-powys', 'gloucestershire', 'south-wales', 'west-mercia'],
  'hampshire': ['dorset', 'surrey', 'sussex', 'thames-valley', 'wiltshire'],
  'hertfordshire': ['bedfordshire', 'cambridgeshire', 'essex', 'metropolitan', 'thames-valley'],
  'humberside': ['lincolnshire', 'north-yorkshire', 'nottinghamshire', 'south-yorkshire'],
  'kent': ['essex', 'metropolitan', 'surrey', 'sussex'],
  'lancashire': ['cumbria', 'greater-manchester', 'merseyside', 'north-yorkshire', 'west-yorkshire'],
  'leicestershire': ['cambridgeshire', 'derbyshire', 'lincolnshire', 'northamptonshire', 'nottinghamshire', 'staffordshire', 'warwickshire'],
  'lincolnshire': ['cambridgeshire', 'humberside', 'leicestershire', 'norfolk', 'northamptonshire', 'nottinghamshire'],
  'merseyside': ['cheshire', 'greater-manchester', 'lancashire'],
  'metropolitan': ['city-of-london', 'essex', 'hertfordshire', 'kent', 'surrey', 'thames-valley'],
  'norfolk': ['cambridgeshire', 'lincolnshire', 'suffolk'],
  'north-wales': ['cheshire', 'dyfed-powys', 'west-mercia'],
  'north-yorkshire': ['cleveland', 'cumbria', 'durham', 'humberside', 'lancashire', 'south-yorkshire', 'west-yorkshire'],
  'northamptonshire': ['bedfordshire', 'cambridgeshire', 'leicestershire', 'lincolnshire', 'thames-valley', 'warwickshire'],
  'northumbria': ['cumbria', 'durham'],
  'nottinghamshire': ['derbyshire', 'humberside', 'leicestershire', 'lincolnshire', 'south-yorkshire'],
  'south-wales': ['dyfed-powys', 'gwent'],
  'south-yorkshire': ['derbyshire', 'humberside', 'north-yorkshire', 'nottinghamshire', 'west-yorkshire'],
  'staffordshire': ['cheshire', 'derbyshire', 'leicestershire', 'warwickshire', 'west-mercia', 'west-midlands'],
  'suffolk': ['cambridgeshire', 'essex', 'norfolk'],
  'surrey': ['hampshire', 'kent', 'metropolitan', 'sussex', 'thames-valley'],
  'sussex': ['hampshire', 'kent', 'surrey'],
  'thames-valley': ['bedfordshire', 'gloucestershire', 'hampshire', 'hertfordshire', 'metropolitan', 'northamptonshire', 'surrey', 'warwickshire', 'wiltshire'],
  'warwickshire': ['gloucestershire', 'leicestershire', 'northamptonshire', 'staffordshire', 'thames-valley', 'west-mercia', 'west-midlands'],
  'west-mercia': ['cheshire', 'dyfed-powys', 'gloucestershire', 'gwent', 'north-wales', 'staffordshire', 'warwickshire', 'west-midlands'],
  'west-midlands': ['staffordshire', 'warwickshire', 'west-mercia'],
  'west-yorkshire': ['derbyshire', 'greater-manchester', 'lancashire', 'north-yorkshire', 'south-yorkshire'],
  'wiltshire': ['avon-and-somerset', 'dorset', 'gloucestershire', 'hampshire', 'thames-valley'],
  'btp': [],
  'northern-ireland': [],
} as const satisfies Record<ForceId, readonly ForceId[]>;

/** The neighbours of a force (an empty list for a force without a territory). */
export function forceNeighbours(id: ForceId): readonly ForceId[] {
  return FORCE_NEIGHBOURS[id];
}
