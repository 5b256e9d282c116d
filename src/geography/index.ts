/**
 * Geography: loading the ONS lookups (LSOA → local authority → police force area), the LSOA
 * points and the force boundaries that the quality checks and the map need.
 *
 * `loadGeography(store, paths)` takes files or folders (searched recursively), tells each file's
 * kind from its header (CSV) or extension (`.geojson`), and lets the store load it with DuckDB.
 * Files it does not recognise are reported, not guessed at: a CSV whose header matches no kind is
 * listed in `ignored` with the columns it has.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { PeelError } from '../standard/index.ts';
import { GEOGRAPHY_COLUMNS, type GeographyFileKind, type GeographyStatus, type BoundaryCollection } from '../store/index.ts';
import type { Store } from '../store/index.ts';

export type { GeographyFileKind, GeographyStatus, BoundaryCollection, BoundaryFeature } from '../store/index.ts';

export interface GeographyLoadItem {
  readonly kind: GeographyFileKind;
  readonly source: string;
  readonly rows: number;
}

export interface GeographyLoadReport {
  readonly loaded: GeographyLoadItem[];
  /** Files left alone, with why. */
  readonly ignored: Array<{ readonly source: string; readonly why: string }>;
  readonly status: GeographyStatus;
}

/** Order of loading: code bridges before the lookups that use them does not matter (the join is rebuilt each time), but a stable order keeps reports stable. */
const LOAD_ORDER: Record<GeographyFileKind, number> = { lad_codes: 0, lad_pfa: 1, lsoa_lad: 2, lsoa_points: 3, boundaries: 4 };

function listFiles(paths: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (p: string) => {
    const st = statSync(p);
    if (st.isDirectory()) for (const e of readdirSync(p).sort()) walk(join(p, e));
    else out.push(p);
  };
  for (const p of paths) {
    const abs = resolve(p);
    if (!existsSync(abs)) throw new PeelError('not_found', `no such file or folder: ${p}`);
    walk(abs);
  }
  return out;
}

/** Which kind of geography file a CSV header is, or undefined. */
export function geographyKindOf(columns: readonly string[]): Exclude<GeographyFileKind, 'boundaries'> | undefined {
  const have = new Set(columns.map((c) => c.trim().toLowerCase()));
  for (const [kind, need] of Object.entries(GEOGRAPHY_COLUMNS) as Array<[Exclude<GeographyFileKind, 'boundaries'>, readonly string[]]>) {
    if (need.every((c) => have.has(c.toLowerCase()))) return kind;
  }
  return undefined;
}

/** Loads every recognised geography file under `paths` into the store. */
export async function loadGeography(store: Store, paths: readonly string[]): Promise<GeographyLoadReport> {
  const files = listFiles(paths);
  const plan: Array<{ kind: GeographyFileKind; path: string }> = [];
  const ignored: Array<{ source: string; why: string }> = [];
  for (const path of files) {
    const ext = extname(path).toLowerCase();
    if (ext === '.geojson' || ext === '.json') {
      plan.push({ kind: 'boundaries', path });
      continue;
    }
    if (ext !== '.csv') {
      ignored.push({ source: path, why: `not a .csv or .geojson file` });
      continue;
    }
    let columns: string[];
    try {
      columns = await store.geography.csvColumns(path);
    } catch (e) {
      throw new PeelError('unreadable_input', `${path}: cannot read its header (${(e as Error).message.split('\n')[0]})`);
    }
    const kind = geographyKindOf(columns);
    if (kind) plan.push({ kind, path });
    else ignored.push({ source: path, why: `header is not a known ONS lookup (columns: ${columns.slice(0, 8).join(', ')})` });
  }
  const seen = new Map<GeographyFileKind, string>();
  for (const p of plan) {
    const prior = seen.get(p.kind);
    if (prior) throw new PeelError('bad_input', `two files of the same kind (${p.kind}): ${prior} and ${p.path}; load one of them`);
    seen.set(p.kind, p.path);
  }
  plan.sort((a, b) => LOAD_ORDER[a.kind] - LOAD_ORDER[b.kind]);
  const loaded: GeographyLoadItem[] = [];
  for (const p of plan) {
    let rows: number;
    try {
      rows = await store.geography.loadFile(p.kind, p.path, p.path);
    } catch (e) {
      if (e instanceof PeelError) throw e;
      throw new PeelError('unreadable_input', `${p.path}: cannot load it as ${p.kind} (${(e as Error).message.split('\n')[0]})`);
    }
    if (rows === 0) throw new PeelError('bad_input', `${p.path}: no usable rows for ${p.kind} (is it the right file?)`);
    loaded.push({ kind: p.kind, source: p.path, rows });
  }
  return { loaded, ignored, status: await store.geography.status() };
}

/** The 43 force boundaries as a GeoJSON FeatureCollection with `force_id` properties, or null when none is loaded. */
export async function forceBoundaries(store: Store): Promise<BoundaryCollection | null> {
  return store.geography.boundaries();
}

export async function geographyStatus(store: Store): Promise<GeographyStatus> {
  return store.geography.status();
}

export { forceDistricts, assignCells, DISTRICT_RESOLUTION, type DistrictCollection, type DistrictFeature, type DistrictLabel } from './districts.ts';
