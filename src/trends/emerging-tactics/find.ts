/**
 * `findEmergingTactics`: the methods that are new or rising steeply across forces in one month,
 * found from the words of the narratives (see exceedance.ts for the statistics, phrases.ts for the words).
 *
 * 1. Window: the month tested t, the 2 months before it (the gap) and the 10 before those (the
 *    baseline). Only forces with narratives in t and in at least half the baseline months are
 *    read, so a force that starts sending narratives does not make its own words look new.
 * 2. Month t: every record's phrases; the phrases in at least `minRecords` records are candidates.
 * 3. The other months of the window: how many records hold each candidate, nationally and (while
 *    a candidate is still rare, up to 50 records) per force, for "first seen" and the spread.
 * 4. The test of each candidate, Holm's adjustment across all the month's phrases (exceedance.ts).
 * 5. Raised phrases, most significant first, make tactics: a phrase most of whose records are a
 *    tactic's already joins it; another starts a new tactic if it is still raised on the records no
 *    tactic holds yet. A tactic's numbers are its first (key) phrase's; its records are the key
 *    phrase's and those holding at least 30% of its phrases — also in forces left out of the tests
 *    for too little history (their records are evidence, never counted in a test).
 */
import { addMonths, monthRange, type CrimeCategory, isCrimeCategory } from '../../standard/index.ts';
import type { Store, TacticText } from '../../store/index.ts';
import { isContentPair, recordPhrases } from './phrases.ts';
import { ppois } from '../../stats/index.ts';
import { testPhrases, type PhraseTest } from './exceedance.ts';

export interface EmergingTacticOptions {
  /** The month tested, `YYYY-MM`. */
  readonly month: string;
  /** Family-wise error rate of the month's phrases (Holm); `peel detect` passes its --fdr. */
  readonly alpha: number;
  /** Records a phrase must be in this month to be raised. Default 5. */
  readonly minRecords?: number;
  /** How many times its expectation a phrase must reach. Default 4. */
  readonly minRatio?: number;
}

export const TACTIC_BASELINE_MONTHS = 10;
export const TACTIC_GAP_MONTHS = 2;
/** A candidate's per-force counts are kept while it has at most this many records in the window. */
const DETAIL_LIMIT = 50;
/** Two raised phrases are one tactic when they share at least this share of the smaller one's records. */
const OVERLAP = 0.5;
/** A record is a tactic's when it holds the key phrase or at least this share of the tactic's phrases. */
const HOLDS = 0.3;

export interface TacticRecord {
  readonly force_id: string;
  readonly record_id: string;
  readonly occurred_at: string;
  readonly category: string | null;
  readonly lon: number | null;
  readonly lat: number | null;
  readonly narrative: string;
}

export interface TacticFinding {
  readonly month: string;
  /** The phrase in most of its records, with its test. */
  readonly key: PhraseTest;
  /** Every raised phrase of the tactic, the key first, then by p. */
  readonly phrases: readonly PhraseTest[];
  /** Its records in the month tested (any of its phrases). */
  readonly records: readonly TacticRecord[];
  readonly category: CrimeCategory;
  /** Forces with its records this month, most records first. */
  readonly forces: readonly string[];
  /** The key phrase's records nationally in each month of the window (oldest first). */
  readonly series: ReadonlyArray<{ month: string; observed: number }>;
  /** The key phrase's records per month and force, while it was rare (see DETAIL_LIMIT); null when it was not. */
  readonly spread: ReadonlyArray<{ month: string; force_id: string; records: number }> | null;
  /** The first month of its current run of months with records, and the force with most records then. */
  readonly firstSeen: { month: string; force_id: string | null };
}

export interface TacticScan {
  readonly findings: TacticFinding[];
  /** Distinct phrases tested (the family of the month). */
  readonly tests: number;
  /** Records read in the month tested, and in the whole window. */
  readonly recordsNow: number;
  readonly recordsRead: number;
  /** Forces read (with history), and forces with narratives this month but too little history. */
  readonly forces: readonly string[];
  readonly skippedForces: readonly string[];
}

interface Candidate {
  readonly phrase: string;
  readonly records: number[];
  readonly monthly: Int32Array;
  detail: Array<Map<string, number>> | null;
  total: number;
}

export async function findEmergingTactics(store: Store, opts: EmergingTacticOptions): Promise<TacticScan> {
  const minRecords = opts.minRecords ?? 5;
  const minRatio = opts.minRatio ?? 4;
  const t = opts.month;
  const window = monthRange(addMonths(t, -(TACTIC_BASELINE_MONTHS + TACTIC_GAP_MONTHS)), t);
  const baseline = new Set(window.slice(0, TACTIC_BASELINE_MONTHS));
  const empty: TacticScan = { findings: [], tests: 0, recordsNow: 0, recordsRead: 0, forces: [], skippedForces: [] };

  const counts = await store.alerts.narrativeCounts(window[0], t);
  const monthsWith = new Map<string, Set<string>>();
  for (const c of counts) if (c.records > 0) (monthsWith.get(c.force_id) ?? monthsWith.set(c.force_id, new Set()).get(c.force_id)!).add(c.month);
  const now = [...monthsWith].filter(([, ms]) => ms.has(t)).map(([f]) => f).sort();
  const eligible = new Set(now.filter((f) => [...monthsWith.get(f)!].filter((m) => baseline.has(m)).length >= Math.ceil(TACTIC_BASELINE_MONTHS / 2)));
  const skipped = now.filter((f) => !eligible.has(f));
  if (!eligible.size) return { ...empty, skippedForces: skipped };
  let recordsBaseline = 0;
  for (const c of counts) if (eligible.has(c.force_id) && baseline.has(c.month)) recordsBaseline += c.records;
  if (recordsBaseline === 0) return { ...empty, skippedForces: skipped };

  // Month t: every phrase, with the records holding it.
  const records: TacticRecord[] = [];
  const byPhrase = new Map<string, number[]>();
  // Where a phrase first comes in its records, on average (its rank among the record's phrases):
  // among equally significant phrases, the one told first names the method ("water board" before "kitchen taps").
  const rankSum = new Map<string, number>();
  // Records of forces with too little history: not counted in the tests, but a tactic's records all the same.
  const others: Array<{ record: TacticRecord; phrases: Set<string> }> = [];
  await store.alerts.monthNarratives([t], (_m, rows) => {
    for (const r of rows) {
      if (!eligible.has(r.force_id)) {
        if (now.includes(r.force_id)) others.push({ record: toRecord(r), phrases: new Set(recordPhrases(r.narrative, r.spans)) });
        continue;
      }
      const i = records.push(toRecord(r)) - 1;
      const phrases = recordPhrases(r.narrative, r.spans);
      for (let k = 0; k < phrases.length; k++) {
        const p = phrases[k];
        rankSum.set(p, (rankSum.get(p) ?? 0) + k);
        const list = byPhrase.get(p);
        if (list) list.push(i);
        else byPhrase.set(p, [i]);
      }
    }
  });
  const family = byPhrase.size;
  const tIndex = window.length - 1;
  const candidates = new Map<string, Candidate>();
  for (const [phrase, list] of byPhrase) {
    if (list.length < minRecords) continue;
    const monthly = new Int32Array(window.length);
    monthly[tIndex] = list.length;
    const detail = window.map(() => new Map<string, number>());
    for (const i of list) detail[tIndex].set(records[i].force_id, (detail[tIndex].get(records[i].force_id) ?? 0) + 1);
    candidates.set(phrase, { phrase, records: list, monthly, detail, total: 0 });
  }
  byPhrase.clear();
  for (const p of [...rankSum.keys()]) if (!candidates.has(p)) rankSum.delete(p);
  if (!candidates.size) return { ...empty, tests: family, recordsNow: records.length, recordsRead: records.length, forces: [...eligible], skippedForces: skipped };

  // The rest of the window: candidates only.
  const index = new Map(window.map((m, i) => [m, i]));
  const read = await store.alerts.monthNarratives(window.slice(0, -1), (m, rows) => {
    const k = index.get(m)!;
    for (const r of rows) {
      if (!eligible.has(r.force_id)) continue;
      for (const p of recordPhrases(r.narrative, r.spans)) {
        const c = candidates.get(p);
        if (!c) continue;
        c.monthly[k]++;
        c.total++;
        if (c.detail) {
          if (c.total > DETAIL_LIMIT) c.detail = null;
          else c.detail[k].set(r.force_id, (c.detail[k].get(r.force_id) ?? 0) + 1);
        }
      }
    }
  });

  const list = [...candidates.values()];
  const tested = testPhrases(list.map((c) => ({
    phrase: c.phrase, observed: c.monthly[tIndex],
    baseline: window.reduce((s, m, i) => s + (baseline.has(m) ? c.monthly[i] : 0), 0),
  })), { recordsNow: records.length, recordsBaseline, family, alpha: opts.alpha, minRecords, minRatio });

  // Group the raised phrases, most significant first: a phrase most of whose records (OVERLAP) are
  // already a tactic's joins it; any other starts a tactic of its own if it is still raised on the
  // records no earlier tactic claimed (a common phrase that many of a tactic's records also hold
  // must not become a second tactic on the strength of the first).
  const rank = (c: Candidate) => (rankSum.get(c.phrase) ?? 0) / c.records.length;
  const pair = (c: Candidate) => (isContentPair(c.phrase) ? 0 : 1);
  const raised = list.map((c, i) => ({ c, test: tested[i] })).filter((x) => x.test.raised)
    .sort((x, y) => x.test.p - y.test.p || y.test.observed - x.test.observed || pair(x.c) - pair(y.c) || rank(x.c) - rank(y.c) || (x.c.phrase < y.c.phrase ? -1 : 1));
  const claimed = new Set<number>();
  const tactics: Array<{ members: typeof raised; records: Set<number> }> = [];
  for (const x of raised) {
    const home = tactics.find((g) => x.c.records.filter((r) => g.records.has(r)).length >= OVERLAP * x.c.records.length);
    if (home) {
      home.members.push(x);
      continue;
    }
    const free = x.c.records.filter((r) => !claimed.has(r)).length;
    if (free < x.c.records.length) {
      // Re-test on the unclaimed records, with the phrase's own Holm factor (q/p).
      const pFree = free > 0 ? ppois(free - 1, x.test.expected, false) : 1;
      const qFree = Math.min(1, pFree * (x.test.p > 0 ? x.test.q / x.test.p : 1));
      if (!(qFree <= opts.alpha && free >= minRecords && free >= minRatio * x.test.expected)) continue;
    }
    const g = { members: [x], records: new Set(x.c.records) };
    for (const r of x.c.records) claimed.add(r);
    tactics.push(g);
  }

  const findings: TacticFinding[] = [];
  for (const g of tactics) {
    const key = g.members[0];
    const rest = g.members.slice(1);
    // Its records: the key phrase's, and any other record holding a good share of its phrases (the
    // same method written in other words); a record sharing one common phrase with it is not enough.
    const tally = new Map<number, number>();
    for (const x of g.members) for (const r of x.c.records) tally.set(r, (tally.get(r) ?? 0) + 1);
    const enough = Math.max(2, Math.ceil(HOLDS * g.members.length));
    const ids = [...tally].filter(([r, n]) => g.records.has(r) || n >= enough).map(([r]) => r).sort((a, b) => a - b);
    const recs = ids.map((i) => records[i]);
    for (const o of others) {
      const held = g.members.filter((x) => o.phrases.has(x.c.phrase)).length;
      if (o.phrases.has(key.c.phrase) || held >= enough) recs.push(o.record);
    }
    const byForce = new Map<string, number>();
    for (const r of recs) byForce.set(r.force_id, (byForce.get(r.force_id) ?? 0) + 1);
    const cats = new Map<string, number>();
    for (const r of recs) if (r.category && isCrimeCategory(r.category)) cats.set(r.category, (cats.get(r.category) ?? 0) + 1);
    const category = ([...cats].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? 'other-crime') as CrimeCategory;
    let first = tIndex;
    while (first > 0 && key.c.monthly[first - 1] > 0) first--;
    const spread = key.c.detail
      ? key.c.detail.flatMap((m, i) => [...m].map(([force_id, n]) => ({ month: window[i], force_id, records: n }))).sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : b.records - a.records || (a.force_id < b.force_id ? -1 : 1)))
      : null;
    const firstForce = spread?.find((s) => s.month === window[first])?.force_id ?? null;
    findings.push({
      month: t, key: key.test, phrases: [key.test, ...rest.map((x) => x.test)], records: recs, category,
      forces: [...byForce].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([f]) => f),
      series: window.map((m, i) => ({ month: m, observed: key.c.monthly[i] })),
      spread, firstSeen: { month: window[first], force_id: firstForce },
    });
  }
  findings.sort((a, b) => a.key.p - b.key.p || b.records.length - a.records.length);
  return { findings, tests: family, recordsNow: records.length, recordsRead: records.length + read, forces: [...eligible], skippedForces: skipped };
}

function toRecord(r: TacticText): TacticRecord {
  return { force_id: r.force_id, record_id: r.record_id, occurred_at: r.occurred_at, category: r.category, lon: r.lon, lat: r.lat, narrative: r.narrative };
}
