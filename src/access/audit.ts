/**
 * The audit log: one event per collection, alteration, consultation, disclosure, combination and
 * erasure (DPA 2018 s.62), and per sign-in, lockout, denial and permission change.
 *
 * An event records who (actor), when (UTC, milliseconds), what (action, object ids — never the
 * contents), why (justification, required for consultation, disclosure, combination and
 * erasure), to whom (recipient, required for disclosure), with what outcome, and from where
 * (client address).
 *
 * Tamper evidence: event n carries `prev_hash` = hash of event n-1 (64 zeros for the first) and
 * `hash` = sha256 (hex) of the canonical JSON of its fields including `seq` and `prev_hash`
 * (keys sorted, no whitespace, see `canonicalJson`). Changing any field of an event breaks its
 * own hash; deleting or inserting one breaks the next event's `prev_hash` and the run of `seq`.
 * Truncating the newest events leaves a valid shorter chain: record the head (`peel audit anchor
 * --out FILE`) somewhere the store's operator cannot write, and check it later with
 * `peel audit verify --head FILE`, which names the missing events (see docs/security.md).
 */
import { createHash, createHmac } from 'node:crypto';
import { PeelError } from '../standard/index.ts';
import type { AccessStore, AuditFilter, AuditRow, Page } from '../store/index.ts';
import { AUDIT_ACTIONS, isAuditAction, type AuditAction, type AuditOutcome } from './actions.ts';

export const GENESIS_HASH = '0'.repeat(64);
const MAX_TEXT = 1000;

/** What a caller states about one event; the log adds seq, time and the chain. */
export interface AuditInput {
  readonly actor: string;
  readonly action: AuditAction;
  readonly outcome: AuditOutcome;
  readonly objectIds?: readonly string[];
  readonly forceId?: string | null;
  readonly justification?: string | null;
  readonly recipient?: string | null;
  readonly client?: string | null;
  /** Non-personal facts only (route, HTTP status, row counts, role names). */
  readonly detail?: Readonly<Record<string, string | number | boolean | null | readonly string[]>>;
}

export interface AuditEvent {
  readonly id: number;
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly objectIds: readonly string[];
  readonly forceId: string | null;
  readonly justification: string | null;
  readonly recipient: string | null;
  readonly outcome: string;
  readonly client: string | null;
  readonly detail: Readonly<Record<string, unknown>>;
  readonly prevHash: string;
  readonly hash: string;
}

export interface VerifyResult {
  readonly ok: boolean;
  readonly events: number;
  /** Id (seq) of the first event whose hash, link or sequence is wrong; null when the chain holds. */
  readonly first_bad_event: number | null;
  /** Why that event is bad. */
  readonly reason: string | null;
  /** Hash of the last event: record it elsewhere to detect truncation later. */
  readonly head: string;
}

/** JSON with object keys sorted at every level and no whitespace: the bytes that are hashed. */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') {
    if (typeof v === 'number' && !Number.isFinite(v)) throw new Error(`cannot hash non-finite number ${v}`);
    return JSON.stringify(v);
  }
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',')}}`;
}

/** The hash of a stored row: sha256 over the canonical JSON of every column but `hash`. */
export function hashRow(r: Omit<AuditRow, 'hash'>): string {
  const body = {
    seq: r.seq, at: r.at, actor: r.actor, action: r.action, object_ids: r.object_ids, force_id: r.force_id,
    justification: r.justification, recipient: r.recipient, outcome: r.outcome, client: r.client,
    detail: r.detail, prev_hash: r.prev_hash,
  };
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}

function clean(v: string | null | undefined, what: string): string | null {
  if (v === undefined || v === null) return null;
  const t = v.trim();
  if (!t) return null;
  if (t.length > MAX_TEXT) throw new PeelError('bad_input', `${what} is longer than ${MAX_TEXT} characters`);
  return t;
}

/**
 * Checks an event against its action's requirements: a consultation, disclosure, combination or
 * erasure without a justification, or a disclosure without a recipient, is refused (bad_input).
 */
export function checkAuditInput(e: AuditInput): void {
  if (!isAuditAction(e.action)) throw new Error(`unknown audit action "${String(e.action)}"`);
  if (!e.actor.trim()) throw new Error('an audit event needs an actor');
  const rule = AUDIT_ACTIONS[e.action];
  if (rule.justification && !clean(e.justification, 'justification')) {
    throw new PeelError('bad_input', `a ${e.action} needs a justification (why this access is necessary)`);
  }
  if (rule.recipient && !clean(e.recipient, 'recipient')) {
    throw new PeelError('bad_input', `a ${e.action} needs a recipient (who receives the data)`);
  }
}

export function toAuditEvent(r: AuditRow): AuditEvent {
  return {
    id: r.seq, at: r.at, actor: r.actor, action: r.action, objectIds: JSON.parse(r.object_ids) as string[],
    forceId: r.force_id, justification: r.justification, recipient: r.recipient, outcome: r.outcome,
    client: r.client, detail: JSON.parse(r.detail) as Record<string, unknown>, prevHash: r.prev_hash, hash: r.hash,
  };
}

/**
 * Writes one event to the log, chained to the last one, and returns it. Throws (and writes
 * nothing) when the event lacks what its action requires. The edges — API, CLI, ingest — call
 * this; an access that cannot be logged must not happen, so callers log before releasing data.
 */
export async function audit(store: { readonly access: AccessStore }, e: AuditInput, now: Date = new Date()): Promise<AuditEvent> {
  checkAuditInput(e);
  const row = await store.access.appendAudit((last) => chainRow(last, e, now.toISOString()));
  return toAuditEvent(row);
}

/**
 * Writes several events to the log in order, chained, in one transaction and one statement; all
 * are checked first, so an event lacking what its action requires writes none of them.
 */
export async function auditMany(store: { readonly access: AccessStore }, es: readonly AuditInput[], now: Date = new Date()): Promise<AuditEvent[]> {
  for (const e of es) checkAuditInput(e);
  if (!es.length) return [];
  const at = now.toISOString();
  const rows = await store.access.appendAudits((last) => {
    const out: AuditRow[] = [];
    for (const e of es) out.push(chainRow(out.at(-1) ?? last, e, at));
    return out;
  });
  return rows.map(toAuditEvent);
}

/** The row of event `e` chained after `last` (the genesis when there is none). */
function chainRow(last: AuditRow | undefined, e: AuditInput, at: string): AuditRow {
  const base = {
    seq: last ? last.seq + 1 : 1,
    at: last && last.at > at ? last.at : at, // keep time monotonic along the chain
    actor: e.actor.trim(),
    action: e.action,
    object_ids: JSON.stringify([...(e.objectIds ?? [])]),
    force_id: e.forceId ?? null,
    justification: clean(e.justification, 'justification'),
    recipient: clean(e.recipient, 'recipient'),
    outcome: e.outcome,
    client: e.client ?? null,
    detail: canonicalJson(e.detail ?? {}),
    prev_hash: last ? last.hash : GENESIS_HASH,
  };
  return { ...base, hash: hashRow(base) };
}

/** The part of a load's result that the audit log records (ids and counts, never rows). */
export interface CollectedBatch {
  readonly batch_id: string;
  readonly force_id: string;
  readonly kind: string;
  readonly status: string;
  readonly months: readonly string[];
  readonly rows_loaded: number;
  readonly rows_quarantined: number;
}

/**
 * Logs a load as one `collection` event per batch (each batch is one force's file), e.g. after
 * `ingest(store, paths)`: `await auditCollection(store, report.batches, { actor: 'cli:ana' })`.
 */
export async function auditCollection(
  store: { readonly access: AccessStore }, batches: readonly CollectedBatch[], by: { readonly actor: string; readonly client?: string | null },
  now: () => Date = () => new Date(),
): Promise<AuditEvent[]> {
  // Same bytes again changed nothing; a replaced month is an alteration of what was held. One
  // statement for all of a group's events: a national load commits hundreds of files at once.
  return auditMany(store, batches.filter((b) => b.status !== 'unchanged').map((b) => ({
    actor: by.actor, client: by.client ?? null, action: b.status === 'replaced' ? 'alteration' : 'collection',
    outcome: b.status === 'failed' ? 'failure' : 'success',
    objectIds: [`batch:${b.batch_id}`], forceId: b.force_id,
    detail: { kind: b.kind, status: b.status, months: [...b.months], rows_loaded: b.rows_loaded, rows_quarantined: b.rows_quarantined },
  })), now());
}

/** How a record search's text goes into the audit log (config `auditSearchText`, docs/security.md). */
export type SearchTextPolicy = { readonly mode: 'text' } | { readonly mode: 'hash'; readonly key: string };

export function searchTextPolicy(cfg: { readonly auditSearchText: 'text' | 'hash'; readonly auditSearchKey: string | null }): SearchTextPolicy {
  if (cfg.auditSearchText === 'text') return { mode: 'text' };
  if (!cfg.auditSearchKey) throw new Error('auditSearchText=hash needs auditSearchKey (PEEL_AUDIT_SEARCH_KEY)');
  return { mode: 'hash', key: cfg.auditSearchKey };
}

/**
 * The audit detail of a search's text: the text itself (trimmed, at most 1,000 characters) or,
 * under the `hash` policy, `search_text_hmac` = HMAC-SHA256(key, text) in hex, which matches
 * the same words searched again but cannot be read back without the key.
 */
export function searchTextFacts(text: string, policy: SearchTextPolicy): { search_text: string } | { search_text_hmac: string } {
  const t = text.trim().slice(0, MAX_TEXT);
  return policy.mode === 'text' ? { search_text: t } : { search_text_hmac: createHmac('sha256', policy.key).update(t).digest('hex') };
}

/**
 * The object ids an export records (never its contents): the table, the format, each force whose
 * rows were written and the months they span, e.g. `export:street`, `format:csv`, `force:kent`,
 * `months:2024-01..2024-12`.
 */
export function exportObjectIds(table: string, format: string, written: { readonly forces: readonly string[]; readonly months: { readonly from: string; readonly to: string } | null }): string[] {
  return [
    `export:${table}`, `format:${format}`,
    ...(written.forces.length ? written.forces.map((f) => `force:${f}`) : ['force:none']),
    ...(written.months ? [`months:${written.months.from}..${written.months.to}`] : []),
  ];
}

/**
 * The object ids a read of quarantined rows records: one per force, kind and batch returned,
 * e.g. `quarantine:kent/street/batch:b1x2`, so the log says whose rejected rows were seen.
 */
export function quarantineObjectIds(rows: ReadonlyArray<{ readonly force_id: string; readonly kind: string; readonly batch_id: string }>): string[] {
  return [...new Set(rows.map((r) => `quarantine:${r.force_id}/${r.kind}/batch:${r.batch_id}`))].sort();
}

/** A head recorded earlier (`peel audit anchor`): the hash of the then-newest event and its seq when known. */
export interface AuditAnchor {
  readonly hash: string;
  readonly seq?: number;
  readonly at?: string;
}

/** What a chain says about an anchor taken earlier. */
export interface AnchorCheck {
  /** True when the anchored event is still in the chain, unchanged, at its seq. */
  readonly ok: boolean;
  readonly anchor: AuditAnchor;
  /** Events since the anchor (0 when none was written after it). */
  readonly newer: number;
  /** Newest events missing since the anchor was taken: their seqs (when the anchor gives its seq). */
  readonly missing: { readonly from: number; readonly to: number; readonly count: number } | null;
  readonly reason: string | null;
}

export interface VerifyOptions {
  /** Check that this earlier head is still in the chain (detects deleted newest events). */
  readonly anchor?: AuditAnchor;
  readonly pageSize?: number;
}

/**
 * Walks the whole chain in seq order, recomputing every hash and link; with an anchor, also
 * checks that the anchored event is still there, which a chain cut short at its end (newest
 * events deleted, the rest intact) cannot show by itself.
 */
export async function verifyAudit(store: { readonly access: AccessStore }, opts: VerifyOptions | number = {}): Promise<VerifyResult & { readonly anchor?: AnchorCheck }> {
  const { anchor, pageSize = 10_000 } = typeof opts === 'number' ? { pageSize: opts } : opts;
  let prevHash = GENESIS_HASH;
  let prevSeq = 0;
  let events = 0;
  let bad: { id: number; reason: string } | null = null;
  let foundSeq: number | null = null;
  let hashAtAnchorSeq: string | null = null;
  for (;;) {
    const page = await store.access.scanAudit(prevSeq, pageSize);
    if (!page.length) break;
    for (const r of page) {
      events++;
      if (anchor && r.hash === anchor.hash) foundSeq = r.seq;
      if (anchor?.seq === r.seq) hashAtAnchorSeq = r.hash;
      if (bad) continue;
      if (r.seq !== prevSeq + 1) bad = { id: r.seq, reason: `sequence jumps from ${prevSeq} to ${r.seq} (events deleted)` };
      else if (r.prev_hash !== prevHash) bad = { id: r.seq, reason: 'prev_hash does not match the previous event (an event before it was changed, deleted or inserted)' };
      else if (hashRow(r) !== r.hash) bad = { id: r.seq, reason: 'hash does not match the event\'s contents (the event was changed)' };
      prevHash = r.hash;
      prevSeq = r.seq;
    }
    prevSeq = page[page.length - 1].seq;
  }
  const result = { ok: bad === null, events, first_bad_event: bad?.id ?? null, reason: bad?.reason ?? null, head: prevHash };
  if (!anchor) return result;
  const last = prevSeq;
  let check: AnchorCheck;
  if (foundSeq !== null && (anchor.seq === undefined || anchor.seq === foundSeq)) {
    check = { ok: true, anchor, newer: last - foundSeq, missing: null, reason: null };
  } else if (anchor.seq !== undefined && last < anchor.seq) {
    const count = anchor.seq - last;
    check = { ok: false, anchor, newer: 0, missing: { from: last + 1, to: anchor.seq, count },
      reason: `the newest ${count} event${count === 1 ? '' : 's'} (seq ${last + 1}${count > 1 ? ` to ${anchor.seq}` : ''}) recorded by the anchor ${anchor.at ? `of ${anchor.at} ` : ''}are missing: the log now ends at seq ${last}` };
  } else if (anchor.seq !== undefined) {
    check = { ok: false, anchor, newer: 0, missing: null,
      reason: `event ${anchor.seq} is not the one anchored (hash ${hashAtAnchorSeq?.slice(0, 12) ?? 'none'}… instead of ${anchor.hash.slice(0, 12)}…): the log was cut back and rewritten from there or earlier` };
  } else {
    check = { ok: false, anchor, newer: 0, missing: null,
      reason: `no event has the anchored hash ${anchor.hash.slice(0, 12)}…: events were deleted from the end of the log (or changed); it now ends at seq ${last}. Anchor with \`peel audit anchor --out FILE\` to learn how many next time` };
  }
  return { ...result, ok: result.ok && check.ok, anchor: check };
}

/** Parses an anchor given as a 64-hex hash or as the JSON that `peel audit anchor` writes. */
export function parseAuditAnchor(text: string, source: string): AuditAnchor {
  const t = text.trim();
  if (/^[0-9a-f]{64}$/i.test(t)) return { hash: t.toLowerCase() };
  let v: unknown;
  try {
    v = JSON.parse(t);
  } catch {
    throw new PeelError('bad_input', `${source}: not an audit head (a 64-character hex hash, or the JSON that \`peel audit anchor\` writes)`);
  }
  const o = v as { head?: unknown; seq?: unknown; at?: unknown };
  if (typeof o?.head !== 'string' || !/^[0-9a-f]{64}$/i.test(o.head)) throw new PeelError('bad_input', `${source}: "head" must be a 64-character hex hash`);
  if (o.seq !== undefined && (typeof o.seq !== 'number' || !Number.isInteger(o.seq) || o.seq < 1)) throw new PeelError('bad_input', `${source}: "seq" must be a positive whole number, not ${JSON.stringify(o.seq)}`);
  return { hash: o.head.toLowerCase(), ...(o.seq !== undefined ? { seq: o.seq as number } : {}), ...(typeof o.at === 'string' ? { at: o.at } : {}) };
}

export interface AuditQuery extends AuditFilter {
  readonly limit?: number;
  readonly offset?: number;
}

/** Events matching a filter, newest first (reading the log is itself logged by the edges). */
export async function listAudit(store: { readonly access: AccessStore }, q: AuditQuery = {}): Promise<Page<AuditEvent>> {
  const limit = Math.min(Math.max(q.limit ?? 100, 1), 10_000);
  const offset = Math.max(q.offset ?? 0, 0);
  const page = await store.access.listAudit(q, limit, offset);
  return { ...page, items: page.items.map(toAuditEvent) };
}
