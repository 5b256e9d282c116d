/**
 * Runs one fault case against a copy of a preloaded store and checks what the issue asks of every
 * bad input: a clear one-line error naming the file (and value) or a quarantine with reasons; rows
 * read = loaded + quarantined for every batch; no force-month outside the case's own changed (count
 * and checksum of every force × kind × month); the store consistent and every committed load
 * audited; no NUL stored; temporary folders removed. Shared by the test suite and `bench/faults.ts`.
 *
 * Two ways to run a case: `inline` (ingest() in this process, as the CLI calls it — fast, for the
 * test suite) and `process` (`peel ingest --json` in a child with a timeout, killed on expiry —
 * what a user runs, and the only way to survive an input that hangs or exhausts memory).
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { openDb } from '../../src/store/duckdb/db.ts';
import { openStore } from '../../src/store/index.ts';
import { ingest } from '../../src/ingest/index.ts';
import { auditCollection } from '../../src/access/index.ts';
import { isPeelError } from '../../src/standard/index.ts';
import { REPO_ROOT } from '../helpers/shared.ts';
import { preloadFiles, type FaultCase, type RealSources } from './corpus.ts';

export const PEEL = join(REPO_ROOT, 'bin', 'peel.mjs');
const KINDS = ['street', 'outcomes', 'stop_search'] as const;

/** count:checksum of every force × kind × month, keyed `kind|force|month`. */
export type Snapshot = Map<string, string>;

export async function snapshot(store: string): Promise<Snapshot> {
  const db = await openDb(store);
  try {
    return await snapshotOf(db);
  } finally {
    db.close();
  }
}

async function snapshotOf(db: Awaited<ReturnType<typeof openDb>>): Promise<Snapshot> {
  {
    const out: Snapshot = new Map();
    for (const k of KINDS) {
      // sum rather than xor, so two identical rows do not cancel out.
      const rows = await db.all<{ f: string; m: string; n: number; h: string }>(
        `SELECT force_id::VARCHAR AS f, month AS m, count(*)::BIGINT AS n, sum(hash(t)::HUGEINT)::VARCHAR AS h FROM ${k} t GROUP BY ALL`);
      for (const r of rows) out.set(`${k}|${r.f}|${r.m}`, `${r.n}:${r.h}`);
    }
    return out;
  }
}

export interface Base {
  readonly store: string;
  readonly snap: Snapshot;
  readonly batchIds: ReadonlySet<string>;
}

/** Builds the preloaded store (a few real force-months of each kind) that every case starts from. */
export async function preload(dir: string, sharedData: string): Promise<Base> {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'base.duckdb');
  const store = await openStore({ store: path });
  try {
    const r = await ingest(store, preloadFiles(sharedData));
    await auditCollection(store, r.batches, { actor: 'test:faults' });
  } finally {
    store.close();
  }
  const db = await openDb(path);
  const ids = new Set((await db.all<{ b: string }>(`SELECT batch_id AS b FROM batches`)).map((r) => r.b));
  db.close();
  return { store: path, snap: await snapshot(path), batchIds: ids };
}

export type Outcome = 'loaded' | 'error' | 'hang' | 'crash';

interface ReportBatch {
  batch_id: string; source: string; kind: string; force_id: string; months: string[];
  rows_read: number; rows_loaded: number; rows_quarantined: number; status: string;
}

export interface CaseResult {
  readonly name: string;
  readonly group: string;
  readonly expect: FaultCase['expect'];
  readonly mode: 'inline' | 'process';
  readonly outcome: Outcome;
  /** The error line, or the first lines of an unexpected failure. */
  readonly message?: string;
  readonly ms: number;
  readonly batches: readonly ReportBatch[];
  /** Force-months outside the case's own that changed. */
  readonly changed: readonly string[];
  /** Data rows of the input not accounted for (read short of what the input holds). */
  readonly rowsLost: number;
  /** Everything that fell short of the issue's bar; empty when the case passed. */
  readonly problems: readonly string[];
}

export interface RunOptions {
  readonly base: Base;
  readonly src: RealSources;
  readonly work: string;
  readonly mode: 'inline' | 'process';
  readonly timeoutMs: number;
  /** Keep the case's folder (for debugging). */
  readonly keep?: boolean;
}

interface Raw {
  outcome: Outcome;
  message?: string;
  batches: ReportBatch[];
}

async function runInline(paths: string[], store: string): Promise<Raw> {
  try {
    const s = await openStore({ store });
    try {
      const r = await ingest(s, paths);
      await auditCollection(s, r.batches, { actor: 'test:faults' });
      return { outcome: 'loaded', batches: r.batches as unknown as ReportBatch[] };
    } finally {
      s.close();
    }
  } catch (e) {
    if (isPeelError(e)) return { outcome: 'error', message: `peel: ${e.message}`, batches: [] };
    const err = e as Error;
    return { outcome: 'crash', message: `${err?.message ?? String(e)}\n${err?.stack?.split('\n').slice(1, 4).join('\n') ?? ''}`, batches: [] };
  }
}

/** `peel ingest PATHS --store STORE --json` in a child, SIGKILLed after `timeoutMs`; TMPDIR is the case's own. */
export function runPeel(args: readonly string[], opts: { timeoutMs: number; tmp?: string; cwd?: string }): Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string; timedOut: boolean; ms: number }> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const env = { ...process.env, ...(opts.tmp ? { TMPDIR: opts.tmp } : {}) };
    const child = spawn(process.execPath, [PEEL, ...args], { env, cwd: opts.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    // Bounded: a runaway error message must not exhaust the runner.
    child.stdout.on('data', (d: Buffer) => { if (stdout.length < 8 << 20) stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { if (stderr.length < 64 << 10) stderr += d.toString(); });
    let timedOut = false;
    const timer = setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, opts.timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, timedOut, ms: performance.now() - t0 });
    });
  });
}

async function runProcess(paths: string[], store: string, tmp: string, timeoutMs: number): Promise<Raw> {
  const r = await runPeel(['ingest', ...paths, '--store', store, '--json'], { timeoutMs, tmp });
  if (r.timedOut) return { outcome: 'hang', message: `no answer after ${Math.round(timeoutMs / 1000)} s`, batches: [] };
  const err = r.stderr.trim();
  if (r.code === 0) {
    try {
      const j = JSON.parse(r.stdout) as { batches: ReportBatch[] };
      return { outcome: 'loaded', batches: j.batches };
    } catch {
      return { outcome: 'crash', message: `exit 0 without a JSON report: ${r.stdout.slice(0, 200)}`, batches: [] };
    }
  }
  // Exit 1 is reportFatal's "unexpected error" (a bug, with a stack); a signal is a crash too.
  if (r.code === null || r.code === 1) return { outcome: 'crash', message: err.split('\n').slice(0, 4).join('\n') || `killed by ${r.signal}`, batches: [] };
  return { outcome: 'error', message: err, batches: [] };
}

/** What a run left in its TMPDIR, but for tsx's own compile cache (`tsx-<uid>`), which is not Peel's. */
function leftIn(tmp: string): string[] {
  return readdirSync(tmp).filter((n) => !/^tsx-\d+$/.test(n));
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    out.push(e.name);
    if (e.isDirectory() && !e.isSymbolicLink()) out.push(...filesUnder(join(dir, e.name)));
  }
  return out;
}

export async function runCase(c: FaultCase, o: RunOptions): Promise<CaseResult> {
  const dir = join(o.work, c.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60) + '-' + Math.random().toString(36).slice(2, 8));
  const input = join(dir, 'input');
  const tmp = join(dir, 'tmp');
  mkdirSync(input, { recursive: true });
  mkdirSync(tmp, { recursive: true });
  const store = join(dir, 'peel.duckdb');
  copyFileSync(o.base.store, store);
  const paths = c.build(input, o.src);
  const names = [...filesUnder(input), basename(dir)];
  const t0 = performance.now();
  const raw = o.mode === 'inline' ? await runInline(paths, store) : await runProcess(paths, store, tmp, o.timeoutMs);
  const ms = performance.now() - t0;
  const problems: string[] = [];
  let changed: string[] = [];
  let rowsLost = 0;
  try {
    switch (raw.outcome) {
      case 'hang':
        problems.push(`hang: ${raw.message}`);
        break;
      case 'crash':
        problems.push(`crash: ${raw.message}`);
        break;
      case 'error': {
        const m = raw.message ?? '';
        if (m.includes('\n')) problems.push(`error is not one line: ${JSON.stringify(m.slice(0, 300))}`);
        if (m.length > 400) problems.push(`error is ${m.length} characters long`);
        if (!names.some((n) => m.includes(n))) problems.push(`error does not name the file: ${m.slice(0, 200)}`);
        if (c.mention && !m.includes(c.mention)) problems.push(`error does not mention "${c.mention}": ${m.slice(0, 200)}`);
        if (c.expect === 'load' || c.expect === 'quarantine') problems.push(`the whole input was refused (expected ${c.expect}): ${m.slice(0, 200)}`);
        break;
      }
      case 'loaded': {
        for (const b of raw.batches) {
          if (b.status !== 'unchanged' && b.rows_read !== b.rows_loaded + b.rows_quarantined) {
            problems.push(`${b.source}: read ${b.rows_read} ≠ loaded ${b.rows_loaded} + quarantined ${b.rows_quarantined}`);
          }
        }
        const read = raw.batches.reduce((a, b) => a + b.rows_read, 0);
        const quarantined = raw.batches.reduce((a, b) => a + b.rows_quarantined, 0);
        if (c.expect === 'error') problems.push(`loaded (read ${read}), expected a clear error`);
        if (c.expect === 'load' && quarantined) problems.push(`${quarantined} rows quarantined, expected a clean load`);
        if ((c.expect === 'quarantine' || c.expect === 'refuse') && !quarantined) problems.push(`nothing quarantined (read ${read} = loaded ${read - quarantined})`);
        if (c.rows !== undefined && read !== c.rows) {
          problems.push(`read ${read} rows of the ${c.rows} the input holds`);
          rowsLost = Math.max(0, c.rows - read);
        }
        break;
      }
      default: {
        const never: never = raw.outcome;
        throw new Error(`unknown outcome ${String(never)}`);
      }
    }
    const { problems: found, after } = await checkStore(store, c, o.base, raw);
    problems.push(...found);
    const own = new Set(c.own);
    for (const k of new Set([...o.base.snap.keys(), ...after.keys()])) {
      if (own.has(k)) continue;
      if (o.base.snap.get(k) !== after.get(k)) changed.push(`${k} ${o.base.snap.get(k) ?? 'absent'} → ${after.get(k) ?? 'absent'}`);
    }
    if (changed.length) problems.push(`force-months outside the file's own changed: ${changed.join('; ')}`);
    if (c.rerunNoop && raw.outcome === 'loaded') {
      const again = o.mode === 'inline' ? await runInline(paths, store) : await runProcess(paths, store, tmp, o.timeoutMs);
      const moved = await snapshot(store);
      const differs = [...new Set([...after.keys(), ...moved.keys()])].filter((k) => after.get(k) !== moved.get(k));
      if (again.outcome !== 'loaded') problems.push(`the second run ended in ${again.outcome}: ${again.message?.slice(0, 200)}`);
      // `superseded` is the documented no-op for the smaller of two versions of one month in one run.
      else if (again.batches.some((b) => b.status !== 'unchanged' && b.status !== 'superseded')) problems.push(`the second run was not a no-op: ${again.batches.map((b) => `${b.status} ${b.months.join(',')}`).join('; ')}`);
      if (differs.length) problems.push(`the second run changed ${differs.join(', ')}`);
    }
    if (o.mode === 'process' && raw.outcome !== 'hang' && existsSync(tmp) && leftIn(tmp).length) {
      problems.push(`temporary files left behind: ${leftIn(tmp).join(', ')}`);
    }
  } catch (e) {
    problems.push(`the store could not be checked afterwards: ${(e as Error).message}`);
    changed = changed.length ? changed : ['(store unreadable)'];
  } finally {
    if (!o.keep) rmSync(dir, { recursive: true, force: true });
  }
  return { name: c.name, group: c.group, expect: c.expect, mode: o.mode, outcome: raw.outcome, message: raw.message, ms, batches: raw.batches, changed, rowsLost, problems };
}

/** The store after the case: consistent, every committed load audited, quarantine with reasons, no NUL. */
async function checkStore(store: string, c: FaultCase, base: Base, raw: Raw): Promise<{ problems: string[]; after: Snapshot }> {
  const problems: string[] = [];
  const db = await openDb(store);
  try {
    for (const k of KINDS) {
      const bad = await db.all<{ f: string; m: string; held: number; n: number }>(`
        SELECT fm.force_id AS f, fm.month AS m, fm.rows AS held, (SELECT count(*) FROM ${k} t WHERE t.force_id::VARCHAR = fm.force_id AND t.month = fm.month) AS n
        FROM force_months fm WHERE fm.kind = '${k}' AND held <> n`);
      for (const b of bad) problems.push(`${k} ${b.f} ${b.m}: force_months says ${b.held} rows, the table holds ${b.n}`);
    }
    const fresh = (await db.all<{ id: string; status: string; q: number; source: string }>(
      `SELECT batch_id AS id, status, rows_quarantined AS q, source FROM batches`)).filter((b) => !base.batchIds.has(b.id));
    const reasons: string[] = [];
    const lines: number[] = [];
    for (const b of fresh) {
      if (b.status === 'refused' || b.status === 'superseded') {
        // Recorded, and nothing of them written.
        const q = await db.one<{ n: number }>(`SELECT count(*) AS n FROM quarantine WHERE batch_id = ?`, [b.id]);
        if (q?.n) problems.push(`${b.source}: ${b.status}, yet ${q.n} of its rows were quarantined`);
      }
      const qs = await db.all<{ line: number | null; reasons: string[]; detail: string | null }>(`SELECT line, reasons, detail FROM quarantine WHERE batch_id = ?`, [b.id]);
      // Unchanged, superseded and refused files are recorded but write no rows, quarantine or audit event.
      const wrote = !['unchanged', 'superseded', 'refused'].includes(b.status);
      if (wrote && qs.length !== b.q) problems.push(`${b.source}: batch says ${b.q} quarantined, quarantine holds ${qs.length}`);
      for (const q of qs) {
        if (!q.reasons?.length) problems.push(`${b.source}:${q.line}: quarantined without a reason`);
        reasons.push(...(q.reasons ?? []), q.detail ?? '');
        if (q.line !== null) lines.push(q.line);
      }
      if (wrote) {
        const ev = await db.one<{ n: number }>(`SELECT count(*) AS n FROM audit_events WHERE object_ids LIKE ?`, [`%batch:${b.id}%`]);
        if (!ev?.n) problems.push(`${b.source}: committed (batch ${b.id}, ${b.status}) with no audit event`);
      }
    }
    if (raw.outcome === 'loaded') {
      if (c.mention && !reasons.some((r) => r.includes(c.mention!))) problems.push(`no quarantine reason or detail mentions "${c.mention}" (got ${[...new Set(reasons)].slice(0, 6).join(', ') || 'none'})`);
      if (c.line !== undefined && !lines.includes(c.line)) problems.push(`the bad row is at line ${c.line}; quarantine names line(s) ${lines.slice(0, 8).join(', ') || 'none'}`);
    }
    const nul = await db.one<{ n: number }>(`SELECT count(*) AS n FROM street WHERE strpos(coalesce(location, '') || coalesce(lsoa_name, '') || coalesce(crime_id, ''), chr(0)) > 0`);
    if (nul?.n) problems.push(`${nul.n} street rows stored with a NUL byte`);
    return { problems, after: await snapshotOf(db) };
  } finally {
    db.close();
  }
}
