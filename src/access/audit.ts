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
 * Truncating the newest events leaves a valid shorter chain: record the `head` that `verify`
 * reports somewhere the store's operator cannot write (see docs/security.md).
 */
import { createHash } from 'node:crypto';
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
  const at = now.toISOString();
  const row = await store.access.appendAudit((last) => {
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
  });
  return toAuditEvent(row);
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
  const out: AuditEvent[] = [];
  for (const b of batches) {
    // Same bytes again changed nothing; a replaced month is an alteration of what was held.
    if (b.status === 'unchanged') continue;
    out.push(await audit(store, {
      actor: by.actor, client: by.client ?? null, action: b.status === 'replaced' ? 'alteration' : 'collection',
      outcome: b.status === 'failed' ? 'failure' : 'success',
      objectIds: [`batch:${b.batch_id}`], forceId: b.force_id,
      detail: { kind: b.kind, status: b.status, months: [...b.months], rows_loaded: b.rows_loaded, rows_quarantined: b.rows_quarantined },
    }, now()));
  }
  return out;
}

/** Walks the whole chain in seq order, recomputing every hash and link. */
export async function verifyAudit(store: { readonly access: AccessStore }, pageSize = 10_000): Promise<VerifyResult> {
  let prevHash = GENESIS_HASH;
  let prevSeq = 0;
  let events = 0;
  let bad: { id: number; reason: string } | null = null;
  for (;;) {
    const page = await store.access.scanAudit(prevSeq, pageSize);
    if (!page.length) break;
    for (const r of page) {
      events++;
      if (bad) continue;
      if (r.seq !== prevSeq + 1) bad = { id: r.seq, reason: `sequence jumps from ${prevSeq} to ${r.seq} (events deleted)` };
      else if (r.prev_hash !== prevHash) bad = { id: r.seq, reason: 'prev_hash does not match the previous event (an event before it was changed, deleted or inserted)' };
      else if (hashRow(r) !== r.hash) bad = { id: r.seq, reason: 'hash does not match the event\'s contents (the event was changed)' };
      prevHash = r.hash;
      prevSeq = r.seq;
    }
    prevSeq = page[page.length - 1].seq;
  }
  return { ok: bad === null, events, first_bad_event: bad?.id ?? null, reason: bad?.reason ?? null, head: prevHash };
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
