/**
 * The narrative files of a synthetic set: places drawn from the set's own geography, handed to the
 * narrative generator (src/synth/narratives), its records and labels streamed to NDJSON.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ForceId } from '../standard/index.ts';
import { pickCumulative, createRng } from './random.ts';
import { pointInLsoa, pointStreet, type ForceGeography } from './places.ts';
import { openSink } from './sink.ts';
import type { SynthTruth } from './truth.ts';
import type { ResolvedSynthOptions, SynthProgress } from './options.ts';
import { generateNarratives, type NarrativePlace } from './narratives/index.ts';

/** Snap points offered to the narrative generator per force (the hottest points of each LSOA first). */
const NARRATIVE_PLACES_PER_FORCE = 400;

/**
 * Writes `narratives/records.ndjson` and `narratives/labels.ndjson` from the narrative generator
 * (src/synth/narratives), streaming, with places drawn from the set's own geography so narrative
 * locations match the street files. Returns the generator's truth for truth.json.
 */
export async function writeNarratives(
  o: ResolvedSynthOptions, months: readonly string[], geo: (f: ForceId) => ForceGeography, counts: { narrative_records: number; files: number },
  onProgress?: (p: SynthProgress) => void,
): Promise<SynthTruth['narratives']> {
  const places = new Map<string, NarrativePlace[]>();
  for (const f of o.forces) {
    const g = geo(f);
    const rng = createRng(o.seed, `narrative-places:${f}`);
    const list: NarrativePlace[] = [];
    for (let k = 0; k < NARRATIVE_PLACES_PER_FORCE; k++) {
      const i = pickCumulative(g.weights['violent-crime'], rng.next());
      const p = pointInLsoa(rng, g, i);
      const l = g.lsoas[i]!;
      list.push({ lsoa_code: l.code, lsoa_name: l.name, lon: Math.round(g.pointLon[p]! * 1e6) / 1e6, lat: Math.round(g.pointLat[p]! * 1e6) / 1e6, street: pointStreet(g, p) });
    }
    places.set(f, list);
  }
  const { items, truth } = generateNarratives({ seed: o.seed, forces: o.forces, endMonth: months[months.length - 1]!, months: months.length, count: o.narratives, places });
  const dir = join(o.out, 'narratives');
  mkdirSync(dir, { recursive: true });
  const records = openSink(join(dir, 'records.ndjson'), true);
  const labels = openSink(join(dir, 'labels.ndjson'), true);
  let n = 0;
  for (const it of items) {
    records.u(JSON.stringify(it.record) + '\n');
    labels.u(JSON.stringify(it.labels) + '\n');
    n++;
    if (n % 5000 === 0) onProgress?.({ phase: 'narratives', done: n, total: o.narratives, rows: n });
  }
  records.close();
  labels.close();
  counts.narrative_records = n;
  counts.files += 2;
  return truth;
}
