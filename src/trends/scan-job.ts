/**
 * One scan of a detection run as plain data, so that it can run in this thread or in a worker
 * (`scan-job-worker.mjs`) with the same result: the input, the options, and the rule for which
 * clusters could be raised (which decides when the replications may stop; see `stopRule` in
 * scan.ts) as numbers instead of a function.
 */
import { nearestLocations, spaceTimeScan, type ScanCluster, type ScanInput, type ScanOptions, type ScanResult } from './scan.ts';

export interface RaisableRule {
  /** Fewest cases a raised cluster may rest on. */
  readonly minCount: number;
  /** Smallest observed/expected a raised cluster must show. */
  readonly minRelativeRisk: number;
  /** Only clusters whose p can reach this are decided by the replications (the FDR level). */
  readonly fdr: number;
  /** The owner (a force) of each location, when a raised cluster must span two owners; null otherwise. */
  readonly owners: readonly number[] | null;
}

export interface ScanJob {
  readonly input: ScanInput;
  /** Scan options; the circles' size is `maxLocations` (at most half the locations scanned). */
  readonly options: Omit<ScanOptions, 'stopRule' | 'workers' | 'maxShare'>;
  readonly maxLocations: number;
  readonly rule: RaisableRule;
  /** Scan only the border zone of the owners (see borderZone); needs `rule.owners`. */
  readonly borderZone?: boolean;
}

/** Fewest locations and cases worth a scan. */
const MIN_LOCATIONS = 5;
const MIN_CASES = 20;

/**
 * The border zone of locations with two or more owners: every location within the `k` nearest of
 * a location whose `k` nearest hold another owner's. Only circles of up to k centred there can
 * straddle a border, so a cross-border scan runs on the zone alone, its study region: scanning
 * both forces whole cost a national run 35 s of its 40 s of cross-border scans on LSOAs.
 */
export function borderZone(locations: readonly { x: number; y: number }[], owners: readonly number[], k: number): Uint8Array {
  const zone = new Uint8Array(locations.length);
  const m = Math.min(k, locations.length);
  if (m < 2) return zone;
  const { ids } = nearestLocations(locations, m);
  for (let i = 0; i < locations.length; i++) {
    let mixed = false;
    for (let t = 1; t < m && !mixed; t++) mixed = owners[ids[i * m + t]] !== owners[i];
    if (mixed) for (let t = 0; t < m; t++) zone[ids[i * m + t]] = 1;
  }
  return zone;
}

/** Does the cluster hold locations of two owners, when the rule asks for that (always true otherwise)? `at`: location id → index. */
export function spansOwners(c: Pick<ScanCluster, 'locations'>, rule: RaisableRule, at: ReadonlyMap<string, number>): boolean {
  const owners = rule.owners;
  if (!owners) return true;
  const first = owners[at.get(c.locations[0])!];
  return c.locations.some((l) => owners[at.get(l)!] !== first);
}

/** Does the cluster meet the rule (an increase, enough cases, enough relative risk, spanning owners when asked)? */
export function raisable(c: Pick<ScanCluster, 'observed' | 'expected' | 'relativeRisk' | 'locations'>, rule: RaisableRule, at: ReadonlyMap<string, number>): boolean {
  return c.observed > c.expected && c.observed >= rule.minCount && c.relativeRisk >= rule.minRelativeRisk && spansOwners(c, rule, at);
}

/**
 * Runs the job in this thread. Replications only decide whether a raisable cluster reaches
 * p ≤ fdr (q ≥ p): once ⌊fdr·(R + 1)⌋ of them reach the strongest raisable cluster's ln GLR, none
 * can, so they stop there (and none run when no cluster could be raised). Decisions equal those
 * of all R replications.
 */
export async function runScanJob(job: ScanJob): Promise<ScanResult> {
  let { input, rule } = job;
  if (job.borderZone && rule.owners) {
    const keep = borderZone(input.locations, rule.owners, job.maxLocations);
    const T = input.periods;
    const locations: ScanInput['locations'][number][] = [];
    const owners: number[] = [];
    const counts: number[] = [];
    input.locations.forEach((l, z) => {
      if (!keep[z]) return;
      locations.push(l);
      owners.push(rule.owners![z]);
      for (let t = 0; t < T; t++) counts.push(input.counts[z * T + t]);
    });
    input = { locations, periods: T, counts };
    rule = { ...rule, owners };
  }
  let total = 0;
  for (let i = 0; i < input.counts.length; i++) total += input.counts[i];
  if (input.locations.length < MIN_LOCATIONS || total < MIN_CASES) return { clusters: [], replications: 0, totalCases: total };
  const at = new Map(input.locations.map((l, i) => [l.id, i]));
  const R = job.options.replications ?? 999;
  return spaceTimeScan(input, {
    ...job.options,
    maxShare: Math.min(0.5, job.maxLocations / input.locations.length),
    workers: 0,
    stopRule: (found) => {
      const llr = Math.max(-Infinity, ...found.filter((c) => raisable(c, rule, at)).map((c) => c.llr));
      return llr === -Infinity ? { llr: Infinity, exceedances: 0 } : { llr, exceedances: Math.floor(rule.fdr * (R + 1)) };
    },
  });
}
