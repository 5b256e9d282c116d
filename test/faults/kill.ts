/**
 * The write path under `kill -9`, two writers and readers (issue #15), shared by
 * `test/faults/kill.test.ts` (a few kills) and `bench/faults.ts` (20).
 *
 * The store starts with an earlier download of City of London street months (the `old` version,
 * `street_earlier_download/`); `peel ingest` loads the later download of the same months (`new`,
 * with revised outcomes) and the stop-and-search files of those months (absent before), so a run
 * commits at least two groups. After any kill, each force × kind × month must hold exactly its old
 * rows or exactly its new rows (content checksums, batch ids aside); a re-run must reach the new
 * version exactly; every committed load must have its audit event; the audit chain must verify.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openDb } from '../../src/store/duckdb/db.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { ingest } from '../../src/ingest/index.ts';
import { auditCollection, verifyAudit } from '../../src/access/index.ts';
import { PEEL, runPeel } from './run.ts';

const MONTHS = ['2018-01', '2018-02', '2018-03', '2018-04', '2018-05', '2018-06'];

export interface KillFiles {
  readonly old: string[];
  readonly street: string[];
  readonly stopSearch: string[];
}

export function killFiles(sharedData: string, months = MONTHS): KillFiles {
  const pu = join(sharedData, 'police_uk');
  return {
    old: months.map((m) => join(pu, 'street_earlier_download', 'city-of-london', `${m}-city-of-london-street.csv`)),
    street: months.map((m) => join(pu, 'street', 'city-of-london', `${m}-city-of-london-street.csv`)),
    stopSearch: months.map((m) => join(pu, 'stop_and_search', 'city-of-london', `${m}-city-of-london-stop-and-search.csv`)),
  };
}

/** count:checksum of each force × kind × month's content (not its batch id), keyed `kind|force|month`. */
export type Content = Map<string, string>;

const CONTENT: Record<'street' | 'stop_search', string> = {
  street: `hash(row_id, crime_id, lon, lat, location, lsoa_code, lsoa_name, category::VARCHAR, outcome::VARCHAR)`,
  stop_search: `hash(row_id, search_type, occurred_at, lon, lat, outcome, object_of_search, legislation)`,
};

export async function content(store: string): Promise<Content> {
  const db = await openDb(store);
  try {
    const out: Content = new Map();
    for (const [k, h] of Object.entries(CONTENT)) {
      for (const r of await db.all<{ f: string; m: string; n: number; h: string }>(
        `SELECT force_id::VARCHAR AS f, month AS m, count(*)::BIGINT AS n, sum(${h}::HUGEINT)::VARCHAR AS h FROM ${k} GROUP BY ALL`)) {
        out.set(`${k}|${r.f}|${r.m}`, `${r.n}:${r.h}`);
      }
    }
    return out;
  } finally {
    db.close();
  }
}

/** What must hold of any store at rest: force_months agrees with the tables, batches reconcile, every load audited, the chain verifies. */
export async function restingProblems(store: string): Promise<string[]> {
  const problems: string[] = [];
  const db = await openDb(store);
  try {
    for (const k of ['street', 'outcomes', 'stop_search']) {
      for (const b of await db.all<{ f: string; m: string; held: number; n: number }>(`
        SELECT fm.force_id AS f, fm.month AS m, fm.rows AS held,
               (SELECT count(*) FROM ${k} t WHERE t.force_id::VARCHAR = fm.force_id AND t.month = fm.month) AS n
        FROM force_months fm WHERE fm.kind = '${k}' AND held <> n`)) {
        problems.push(`${k} ${b.f} ${b.m}: force_months says ${b.held} rows, the table holds ${b.n}`);
      }
      const orphans = await db.one<{ n: number }>(`SELECT count(*) AS n FROM ${k} t WHERE NOT EXISTS (SELECT 1 FROM force_months fm WHERE fm.kind = '${k}' AND fm.force_id = t.force_id::VARCHAR AND fm.month = t.month AND fm.batch_id = t.batch_id)`);
      if (orphans?.n) problems.push(`${k}: ${orphans.n} rows belong to no current batch of their force-month`);
    }
    for (const b of await db.all<{ id: string; source: string; status: string; r: number; l: number; q: number }>(
      `SELECT batch_id AS id, source, status, rows_read AS r, rows_loaded AS l, rows_quarantined AS q FROM batches`)) {
      // An unchanged file is not read again: its row counts are the earlier batch's business (item 10 of the issue).
      if (b.status === 'unchanged') continue;
      if (b.r !== b.l + b.q) problems.push(`${b.source}: read ${b.r} ≠ loaded ${b.l} + quarantined ${b.q}`);
      // Superseded and refused files are recorded and write nothing: no load to audit.
      if (b.status === 'superseded' || b.status === 'refused') continue;
      const ev = await db.one<{ n: number }>(`SELECT count(*) AS n FROM audit_events WHERE object_ids LIKE ?`, [`%batch:${b.id}%`]);
      if (!ev?.n) problems.push(`${b.source}: committed (${b.status}, batch ${b.id}) with no audit event`);
    }
  } finally {
    db.close();
  }
  const s = await openStore({ store });
  try {
    const v = await verifyAudit(s);
    if (!v.ok) problems.push(`audit chain broken at event ${v.first_bad_event}: ${v.reason}`);
  } finally {
    s.close();
  }
  return problems;
}

export interface KillBase {
  readonly store: string;
  readonly old: Content;
  readonly new: Content;
  /** Seconds a whole `peel ingest` of the new files takes here, process start to exit. */
  readonly runSeconds: number;
}

async function ingestInline(store: string, paths: readonly string[]): Promise<void> {
  const s = await openStore({ store });
  try {
    const r = await ingest(s, paths);
    await auditCollection(s, r.batches, { actor: 'test:faults' });
  } finally {
    s.close();
  }
}

/** The old version in a store, and the content a full load of the new version gives (timed through the CLI). */
export async function killBase(dir: string, files: KillFiles): Promise<KillBase> {
  mkdirSync(dir, { recursive: true });
  const store = join(dir, 'old.duckdb');
  await ingestInline(store, files.old);
  const ref = join(dir, 'new.duckdb');
  copyFileSync(store, ref);
  const r = await runPeel(['ingest', ...files.street, ...files.stopSearch, '--store', ref, '--json'], { timeoutMs: 600_000 });
  if (r.code !== 0) throw new Error(`the reference load failed: ${r.stderr}`);
  const base = { store, old: await content(store), new: await content(ref), runSeconds: r.ms / 1000 };
  const differ = [...base.new.keys()].filter((k) => base.old.get(k) !== base.new.get(k));
  if (differ.length < MONTHS.length) throw new Error(`the new version should change every month; it changes ${differ.join(', ')}`);
  return base;
}

/** Each key holds exactly its old or exactly its new content. */
export function halfReplaced(state: Content, base: KillBase): string[] {
  const out: string[] = [];
  for (const k of new Set([...base.old.keys(), ...base.new.keys(), ...state.keys()])) {
    const v = state.get(k);
    if (v !== base.old.get(k) && v !== base.new.get(k)) out.push(`${k}: ${v ?? 'absent'} is neither the old ${base.old.get(k) ?? 'absent'} nor the new ${base.new.get(k) ?? 'absent'}`);
  }
  return out;
}

export interface KillResult {
  readonly delayMs: number;
  /** How many force-months held the new version when the kill landed (0 = killed before any commit). */
  readonly newAtKill: number;
  readonly finishedBeforeKill: boolean;
  readonly problems: string[];
}

/** One `peel ingest` killed with SIGKILL after `delayMs`, then re-run; see the module comment. */
export async function killAndRecover(base: KillBase, files: KillFiles, dir: string, delayMs: number): Promise<KillResult> {
  mkdirSync(dir, { recursive: true });
  const store = join(dir, 'peel.duckdb');
  copyFileSync(base.store, store);
  const args = ['ingest', ...files.street, ...files.stopSearch, '--store', store, '--json'];
  const child = spawn(process.execPath, [PEEL, ...args], { stdio: 'ignore' });
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  const timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
  const code = await exited;
  clearTimeout(timer);
  const problems: string[] = [];
  const mid = await content(store);
  problems.push(...halfReplaced(mid, base).map((p) => `after the kill: ${p}`));
  const newAtKill = [...mid.entries()].filter(([k, v]) => base.new.get(k) === v && base.old.get(k) !== v).length;
  const rerun = await runPeel(args, { timeoutMs: 600_000 });
  if (rerun.code !== 0) problems.push(`the re-run failed (exit ${rerun.code}): ${rerun.stderr.trim().slice(0, 300)}`);
  const final = await content(store);
  for (const k of new Set([...base.new.keys(), ...final.keys()])) {
    if (final.get(k) !== base.new.get(k)) problems.push(`after the re-run: ${k} holds ${final.get(k) ?? 'nothing'}, the files give ${base.new.get(k) ?? 'nothing'}`);
  }
  problems.push(...(await restingProblems(store)));
  return { delayMs, newAtKill, finishedBeforeKill: code === 0, problems };
}

export interface WritersResult {
  readonly exits: Array<{ code: number | null; stderr: string }>;
  readonly problems: string[];
}

/** Two `peel ingest` processes on one store at once (street, stop-and-search): each succeeds or fails in one clear line; the store stays whole. */
export async function twoWriters(base: KillBase, files: KillFiles, dir: string): Promise<WritersResult> {
  mkdirSync(dir, { recursive: true });
  const store = join(dir, 'peel.duckdb');
  copyFileSync(base.store, store);
  const sets = [files.street, files.stopSearch];
  const runs = await Promise.all(sets.map((s) => runPeel(['ingest', ...s, '--store', store, '--json'], { timeoutMs: 600_000 })));
  const problems: string[] = [];
  runs.forEach((r, i) => {
    const err = r.stderr.trim();
    if (r.timedOut) problems.push(`writer ${i + 1} hung`);
    else if (r.code !== 0 && (r.code === 1 || r.code === null || err.includes('\n') || !err.startsWith('peel: '))) {
      problems.push(`writer ${i + 1} failed without one clear line (exit ${r.code}): ${err.slice(0, 300)}`);
    }
  });
  if (!runs.some((r) => r.code === 0)) problems.push('neither writer loaded anything');
  const state = await content(store);
  problems.push(...halfReplaced(state, base));
  runs.forEach((r, i) => {
    if (r.code !== 0) return;
    const kind = i === 0 ? 'street' : 'stop_search';
    for (const [k, v] of base.new) if (k.startsWith(`${kind}|`) && state.get(k) !== v) problems.push(`writer ${i + 1} exited 0 but ${k} does not hold its files`);
  });
  problems.push(...(await restingProblems(store)));
  return { exits: runs.map((r) => ({ code: r.code, stderr: r.stderr.trim() })), problems };
}

export interface ReadsResult {
  readonly reads: number;
  readonly readsDuringLoad: number;
  readonly problems: string[];
}

/**
 * Reads through the same store object while it loads (as the API's readers do during an upload):
 * every read must see each month wholly old or wholly new, in the cube and in coverage alike.
 */
export async function readsDuringLoad(base: KillBase, files: KillFiles, dir: string): Promise<ReadsResult> {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'peel.duckdb');
  copyFileSync(base.store, path);
  const count = (c: Content, k: string) => Number(c.get(k)?.split(':')[0] ?? 0);
  const store: Store = await openStore({ store: path });
  const problems: string[] = [];
  let reads = 0;
  let during = 0;
  try {
    let done = false;
    const load = ingest(store, files.street).finally(() => { done = true; });
    load.catch(() => undefined);
    const check = (what: string, byMonth: Map<string, number>) => {
      for (const m of MONTHS) {
        const k = `street|city-of-london|${m}`;
        const ok = [count(base.old, k), count(base.new, k)];
        const seen = byMonth.get(m) ?? 0;
        if (!ok.includes(seen)) problems.push(`a read saw ${seen} rows in the ${what} for ${m}, neither old ${ok[0]} nor new ${ok[1]}`);
      }
    };
    // Several readers at once, as an API serves several requests: one of them lands between the
    // statements of the load's transaction if anything there is visible outside it.
    const reader = async (which: 'cube' | 'coverage') => {
      while (!done) {
        const byMonth = new Map<string, number>();
        if (which === 'cube') {
          for (const r of await store.cube({ forces: ['city-of-london'] })) byMonth.set(r.month, (byMonth.get(r.month) ?? 0) + Number(r.n));
        } else {
          for (const c of await store.coverage()) if (c.kind === 'street' && c.force_id === 'city-of-london') byMonth.set(c.month, c.rows);
        }
        reads++;
        if (!done) during++;
        check(which, byMonth);
        await new Promise((r) => setImmediate(r));
      }
    };
    await Promise.all([reader('cube'), reader('coverage'), reader('coverage'), reader('cube')]);
    await load;
  } catch (e) {
    problems.push(`the load or a read failed: ${(e as Error).message}`);
  } finally {
    store.close();
  }
  return { reads, readsDuringLoad: during, problems: [...new Set(problems)].slice(0, 20) };
}
