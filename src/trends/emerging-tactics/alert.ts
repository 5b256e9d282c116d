/**
 * An emerging tactic as an alert (kind `emerging_tactic`): its records as evidence, its method in
 * the standard's vocabulary (the values most of its records share, read by src/methods), and an
 * explanation in words:
 *
 *   "Emerging tactic in burglary — posing as a utility, council, police or health official; one
 *    offender distracts while another steals ("water board", "posing as" and 4 more phrases): 6
 *    records in 3 forces in 2024-12 against 0.05 expected; first seen 2024-10 in Cambridgeshire."
 *
 * Priority is the detection pipeline's (harm × √excess × log2 ratio × confidence) on the key
 * phrase's numbers, so a tactic competes for the review budget on the same footing as a rise in
 * counts. The alert belongs to the force with most of its records among the forces of the run.
 */
import { createHash } from 'node:crypto';
import { latLngToCell } from 'h3-js';
import { crimeCategoryName, getForce, METHOD_FEATURES, METHOD_VOCABULARY, type CrimeCategory, type MethodFeature } from '../../standard/index.ts';
import type { NewAlert } from '../../store/index.ts';
import { extractMethod } from '../../methods/index.ts';
import { priorityOf } from '../detect/group.ts';
import { TACTIC_BASELINE_MONTHS, TACTIC_GAP_MONTHS, type TacticFinding } from './find.ts';
import { PSEUDO_COUNT } from './exceedance.ts';

/** A feature value is part of a tactic's method when at least this share of its records carry it. */
const SHARED = 0.6;
/** Features that describe how, not when: time of day and day of week vary within one tactic. */
const HOW: readonly MethodFeature[] = METHOD_FEATURES.filter((f) => f !== 'time_of_day' && f !== 'day_of_week');

const round2 = (x: number): number => Math.round(x * 100) / 100;
const forceName = (f: string): string => getForce(f)?.name ?? f;

/** The values most of the records share, by feature (features with none left out). */
export function sharedMethod(narratives: readonly string[]): Record<string, string[]> {
  const tally = new Map<string, number>();
  for (const text of narratives) {
    const m = extractMethod(text);
    for (const f of HOW) for (const v of m.features[f]) tally.set(`${f}\u0000${v}`, (tally.get(`${f}\u0000${v}`) ?? 0) + 1);
  }
  const out: Record<string, string[]> = {};
  for (const [k, n] of [...tally].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))) {
    if (n < SHARED * narratives.length) continue;
    const [f, v] = k.split('\u0000');
    (out[f] ??= []).push(v);
  }
  return out;
}

/** The method in words: the vocabulary's descriptions of the shared values, most telling features first. */
export function methodInWords(method: Readonly<Record<string, readonly string[]>>): string {
  const order: MethodFeature[] = ['approach', 'tools_weapons', 'entry_method', 'entry_point', 'target', 'property', 'vehicle', 'victim'];
  const parts: string[] = [];
  for (const f of order) {
    for (const v of method[f] ?? []) {
      const spec = METHOD_VOCABULARY[f].find((s) => s.value === v);
      if (spec) parts.push(spec.description);
    }
  }
  return parts.slice(0, 3).join('; ');
}

function list(xs: readonly string[]): string {
  return xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}`;
}

export function explainTactic(f: TacticFinding, method: Readonly<Record<string, readonly string[]>>): string {
  const words = methodInWords(method);
  const quoted = f.phrases.slice(0, 2).map((p) => `"${p.phrase}"`);
  const more = f.phrases.length - quoted.length;
  const phrases = more > 0 ? `${quoted.join(', ')} and ${more} more phrase${more === 1 ? '' : 's'}` : list(quoted);
  const n = f.records.length;
  const first = f.firstSeen.month === f.month
    ? 'new this month'
    : `first seen ${f.firstSeen.month}${f.firstSeen.force_id ? ` in ${forceName(f.firstSeen.force_id)}` : ''}`;
  return `Emerging tactic in ${crimeCategoryName(f.category).toLowerCase()}${words ? ` — ${words}` : ''} (${phrases}): `
    + `${n} record${n === 1 ? '' : 's'} in ${f.forces.length} force${f.forces.length === 1 ? '' : 's'} in ${f.month} `
    + `against ${round2(f.key.expected)} expected; ${first}.`;
}

/** A stable id: the same tactic (key phrase) in the same month keeps its id and status on a re-run. */
export function tacticAlertId(month: string, keyPhrase: string): string {
  return `a${createHash('sha256').update(`${month}|emerging_tactic|${keyPhrase}`).digest('hex').slice(0, 12)}`;
}

/**
 * The alert of a finding, led by the force with most of its records among `runForces`; null when
 * none of its forces is in the run (another run, on that force's own month, owns it).
 */
export function tacticAlert(f: TacticFinding, runForces: ReadonlySet<string>, weights: Readonly<Record<CrimeCategory, number>>, family: number, alpha: number): NewAlert | null {
  const lead = f.forces.find((x) => runForces.has(x));
  if (!lead) return null;
  const forceIds = [lead, ...f.forces.filter((x) => x !== lead)];
  const method = sharedMethod(f.records.map((r) => r.narrative));
  const cells = [...new Set(f.records.filter((r) => r.lat !== null && r.lon !== null).map((r) => latLngToCell(r.lat!, r.lon!, 8)))].sort();
  const key = f.key;
  return {
    alert_id: tacticAlertId(f.month, key.phrase),
    kind: 'emerging_tactic',
    force_ids: forceIds,
    category: f.category,
    area_type: 'force',
    area_ids: forceIds,
    h3_cells: cells,
    period_start: f.firstSeen.month,
    period_end: f.month,
    observed: key.observed,
    expected: round2(key.expected),
    threshold: null,
    p: key.p,
    q: key.q,
    priority: priorityOf({ observed: key.observed, expected: key.expected, q: key.q, category: f.category }, weights),
    method: 'emerging-tactic/phrases',
    params: { baseline_months: TACTIC_BASELINE_MONTHS, gap_months: TACTIC_GAP_MONTHS, pseudo_count: PSEUDO_COUNT, phrases_tested: family, alpha, adjustment: 'holm' },
    evidence: {
      series: f.series.map((s) => ({ month: s.month, observed: s.observed, expected: s.month === f.month ? round2(key.expected) : null, threshold: null })),
      members: [],
      significant_last_month: null,
      notes: { key_phrase: key.phrase, phrases: f.phrases.length, records: f.records.length, forces: f.forces.length, first_seen: f.firstSeen.month, first_force: f.firstSeen.force_id },
      phrases: f.phrases.map((p) => ({ phrase: p.phrase, observed: p.observed, expected: round2(p.expected), p: p.p, q: p.q })),
      method_features: method,
      spread: f.spread ?? [],
    },
    explanation: explainTactic(f, method),
    place: list(forceIds.map(forceName)),
    review: 'inbox',
    review_rank: 0,
    recording_change: null,
    records: f.records.map((r) => ({ force_id: r.force_id, record_id: r.record_id })),
  };
}
