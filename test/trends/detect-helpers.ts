/** Generated street files for detection tests: a force of small areas with Poisson counts, optionally a planted rise. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { addMonths } from '../../src/standard/index.ts';
import { seededRng, type Rng } from '../../src/trends/index.ts';
import { STREET_HEADER, crimeId } from '../helpers/police-uk.ts';

export function poisson(rng: Rng, mean: number): number {
  // Knuth for small means, normal approximation beyond.
  if (mean > 40) return Math.max(0, Math.round(mean + Math.sqrt(mean) * gauss(rng)));
  const l = Math.exp(-mean);
  let k = 0;
  let p = 1;
  do {
    k++;
    p *= rng.next();
  } while (p > l);
  return k - 1;
}

function gauss(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
}

export interface PlantedRise {
  readonly category: string;
  readonly areas: readonly number[];
  readonly fromMonth: string;
  readonly extraPerArea: number;
}

/**
 * Writes `months` monthly Leicestershire street files from `start`: `areas` LSOAs on a grid of
 * points ~1 km apart (`spacing` times that), each with Poisson counts of mean `rates[category]` per
 * month (times `busy[area]` where given), plus the rises. `force` writes another force's files
 * (its slug and name, and its own LSOA codes and points) instead. Returns the file paths and the LSOA codes.
 */
export function writeForce(dir: string, opts: {
  start: string; months: number; areas: number; rates: Record<string, number>; seed: number; rises?: readonly PlantedRise[];
  spacing?: number; busy?: Readonly<Record<number, number>>; force?: { slug: string; name: string; district: string; lsoaBase: number; lat: number; lon: number };
}): { files: string[]; lsoas: string[] } {
  const rng = seededRng(opts.seed);
  const force = opts.force ?? { slug: 'leicestershire', name: 'Leicestershire Police', district: 'Leicester', lsoaBase: 1013000, lat: 52.6, lon: -1.2 };
  const lsoas = Array.from({ length: opts.areas }, (_, i) => `E0${String(force.lsoaBase + i).padStart(7, '0')}`);
  const side = Math.ceil(Math.sqrt(opts.areas));
  const files: string[] = [];
  for (let t = 0; t < opts.months; t++) {
    const month = addMonths(opts.start, t);
    const lines = [STREET_HEADER];
    let id = 0;
    for (let a = 0; a < opts.areas; a++) {
      const lon = (force.lon + (a % side) * 0.015 * (opts.spacing ?? 1)).toFixed(5);
      const lat = (force.lat + Math.floor(a / side) * 0.009 * (opts.spacing ?? 1)).toFixed(5);
      for (const [category, rate] of Object.entries(opts.rates)) {
        let n = poisson(rng, rate * (opts.busy?.[a] ?? 1));
        for (const r of opts.rises ?? []) if (r.category === category && r.areas.includes(a) && month >= r.fromMonth) n += r.extraPerArea;
        for (let k = 0; k < n; k++) {
          const asb = category === 'Anti-social behaviour';
          lines.push(`${asb ? '' : crimeId(`${opts.seed}-${month}-${id}`)},${month},${force.name},${force.name},${lon},${lat},On or near Street ${a},${lsoas[a]},${force.district} ${String(a).padStart(3, '0')}A,${category},${asb ? '' : 'Under investigation'},`);
          id++;
        }
      }
    }
    const path = join(dir, `${month}-${force.slug}-street.csv`);
    writeFileSync(path, lines.join('\r\n') + '\r\n');
    files.push(path);
  }
  return { files, lsoas };
}
