/** What `peel link` prints and writes: the summary (JSON), the pairs and the clusters (CSV). */
import type { LinkResult, LinkStage } from './linker.ts';

export interface LinkSummary {
  readonly records: number;
  readonly candidate_pairs: number;
  readonly pairs_above_threshold: number;
  /** Clusters (entities), singletons included: every record has a cluster. */
  readonly clusters: number;
  readonly lambda: number;
  readonly m: Readonly<Record<string, Readonly<Record<string, number>>>>;
  readonly u: Readonly<Record<string, Readonly<Record<string, number>>>>;
  readonly seconds: number;
}

/** The summary of a run; `seconds` is the time of the whole run (reading included when given). */
export function linkSummary(r: LinkResult, seconds?: number): LinkSummary {
  const per = (which: 'm' | 'u') => Object.fromEntries(r.model.fields.map((f) => [f.name, Object.fromEntries(f.levels.map((l, i) => [l, f[which][i]]))]));
  const total = Object.values(r.seconds as Record<LinkStage, number>).reduce((a, b) => a + b, 0);
  return {
    records: r.records, candidate_pairs: r.pairs.length, pairs_above_threshold: r.pairsAboveThreshold, clusters: r.clustering.clusters,
    lambda: r.model.lambda, m: per('m'), u: per('u'), seconds: seconds ?? total,
  };
}

const cell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** `id_a,id_b,match_probability,match_weight`: every pair at or above the threshold, most probable first. */
export function* pairsCsv(r: LinkResult): Generator<string> {
  yield 'id_a,id_b,match_probability,match_weight\n';
  const idx: number[] = [];
  for (let k = 0; k < r.pairs.length; k++) if (r.pairs.probability[k] >= r.threshold) idx.push(k);
  idx.sort((x, y) => r.pairs.weight[y] - r.pairs.weight[x]);
  const ids = r.input.ids;
  let buf = '';
  for (const k of idx) {
    buf += `${cell(ids[r.pairs.a[k]])},${cell(ids[r.pairs.b[k]])},${r.pairs.probability[k].toFixed(6)},${r.pairs.weight[k].toFixed(4)}\n`;
    if (buf.length > 1 << 16) {
      yield buf;
      buf = '';
    }
  }
  if (buf) yield buf;
}

/** `id,cluster_id`: every record with its cluster (singletons included). */
export function* clustersCsv(r: LinkResult): Generator<string> {
  yield 'id,cluster_id\n';
  let buf = '';
  for (let i = 0; i < r.records; i++) {
    buf += `${cell(r.input.ids[i])},${r.clustering.clusterOf[i]}\n`;
    if (buf.length > 1 << 16) {
      yield buf;
      buf = '';
    }
  }
  if (buf) yield buf;
}
