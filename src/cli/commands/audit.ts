/**
 * `peel audit` (read the log, newest first; the reading is itself logged), `peel audit verify`
 * (recompute the hash chain, logging the check before printing the head; with `--head`, check an
 * anchor taken earlier; exits 1 when anything is wrong) and `peel audit anchor` (record the head).
 */
import { PeelError } from '../../standard/index.ts';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { AUDIT_ACTION_NAMES, audit, isAuditAction, listAudit, parseAuditAnchor, verifyAudit, type AuditAnchor, type AuditEvent } from '../../access/index.ts';
import { withCommon, configFor, printJson, type Register, type CommonOptions } from '../context.ts';
import { operator } from './users.ts';
import { withStore } from '../store.ts';
import { argPath, setExitCode } from '../terminal.ts';

function isoOrThrow(flag: string, v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  const t = Date.parse(v);
  if (Number.isNaN(t)) throw new PeelError('bad_input', `${flag} must be an ISO 8601 date or date-time, not "${v}"`);
  return new Date(t).toISOString();
}

function line(e: AuditEvent): string {
  const parts = [
    String(e.id).padStart(6), e.at, e.actor.padEnd(22), e.action.padEnd(16), e.outcome.padEnd(7),
    e.forceId ?? '-', e.objectIds.join(',') || '-',
  ];
  if (e.justification) parts.push(`why: ${e.justification}`);
  if (e.recipient) parts.push(`to: ${e.recipient}`);
  if (e.client) parts.push(`from ${e.client}`);
  return parts.join('  ');
}

/** `--head`: a 64-hex hash, or a file holding one or the JSON `peel audit anchor` writes. */
function readAnchor(v: string): AuditAnchor {
  if (/^[0-9a-f]{64}$/i.test(v.trim())) return parseAuditAnchor(v, '--head');
  if (!existsSync(argPath(v))) throw new PeelError('bad_input', `--head "${v}" is neither a 64-character hex hash nor a file`);
  return parseAuditAnchor(readFileSync(argPath(v), 'utf8'), v);
}

export const registerAudit: Register = (program, config) => {
  const cmd = withCommon(
    program.command('audit').description('the audit log, newest first (DPA 2018 s.62); `peel audit verify` checks its hash chain')
      .option('--actor <actor>', 'only this actor, e.g. user:ana, token:kent-loader, cli:root')
      .option('--action <action>', `only this action: ${AUDIT_ACTION_NAMES.join(', ')}`)
      .option('--since <iso>', 'events at or after this time (UTC)')
      .option('--until <iso>', 'events before this time (UTC)')
      .option('--force <slug>', 'only events about this force')
      .option('--limit <n>', 'at most this many events', '100')
      .option('--offset <n>', 'skip this many', '0'),
  ).action(async (opts: CommonOptions & { actor?: string; action?: string; since?: string; until?: string; force?: string; limit: string; offset: string }) => {
    if (opts.action !== undefined && !isAuditAction(opts.action)) throw new PeelError('bad_input', `unknown action "${opts.action}": one of ${AUDIT_ACTION_NAMES.join(', ')}`);
    const limit = Number(opts.limit);
    const offset = Number(opts.offset);
    if (!Number.isInteger(limit) || limit < 1) throw new PeelError('bad_input', `--limit must be a positive whole number, not "${opts.limit}"`);
    if (!Number.isInteger(offset) || offset < 0) throw new PeelError('bad_input', `--offset must be a whole number, not "${opts.offset}"`);
    const q = { actor: opts.actor, action: opts.action, since: isoOrThrow('--since', opts.since), until: isoOrThrow('--until', opts.until), forceId: opts.force, limit, offset };
    const page = await withStore(configFor(config, opts), async (store) => {
      const p = await listAudit(store, q);
      await audit(store, { ...operator(), action: 'audit_consulted', outcome: 'success', detail: { command: 'peel audit', returned: p.items.length } });
      return p;
    });
    if (opts.json) return printJson(page);
    if (!page.items.length) return console.log('no audit events match');
    for (const e of page.items) console.log(line(e));
    if (page.total > page.offset + page.items.length) console.log(`(${page.total} events match; showing ${page.offset + 1}-${page.offset + page.items.length}: use --offset)`);
  });

  withCommon(cmd.command('verify')
    .description('recompute every event\'s hash and link; with --head, check that an anchored head is still there; exit 1 and say what is wrong')
    .option('--head <hash|file>', 'a head recorded earlier (the hash, or the file `peel audit anchor --out` wrote): detects deleted newest events'))
    .action(async (opts: CommonOptions & { head?: string }, sub: { parent?: { opts(): CommonOptions } }) => {
      const merged = { ...sub.parent?.opts(), ...opts };
      const anchor = opts.head === undefined ? undefined : readAnchor(opts.head);
      const { result, event } = await withStore(configFor(config, merged), async (store) => {
        const r = await verifyAudit(store, { anchor });
        // The check is logged before anything is printed, so the head printed includes it (and
        // an anchor taken from this output covers the verification too).
        const e = await audit(store, { ...operator(), action: 'audit_consulted', outcome: r.ok ? 'success' : 'failure', detail: {
          command: 'peel audit verify', ok: r.ok, events: r.events, first_bad_event: r.first_bad_event,
          ...(r.anchor ? { anchor_ok: r.anchor.ok, anchor_seq: r.anchor.anchor.seq ?? null, missing_events: r.anchor.missing?.count ?? null } : {}) } });
        return { result: r, event: e };
      });
      const head = event.hash;
      const events = result.events + 1;
      if (merged.json) {
        printJson({ ok: result.ok, events, first_bad_event: result.first_bad_event, reason: result.reason, head, seq: event.id,
          ...(result.anchor ? { anchor: result.anchor } : {}) });
      } else {
        if (result.first_bad_event === null) console.log(`audit log chain intact: ${events} events (this check is event ${event.id}), head ${head}`);
        else console.log(`audit log BROKEN at event ${result.first_bad_event}: ${result.reason} (${events} events, this check is event ${event.id})`);
        if (result.anchor?.ok) console.log(`anchored head found at event ${result.anchor.anchor.seq ?? event.id - 1 - result.anchor.newer}; ${result.anchor.newer} events written since`);
        else if (result.anchor) console.log(`anchored head NOT found: ${result.anchor.reason}`);
      }
      if (!result.ok) setExitCode(1);
    });

  withCommon(cmd.command('anchor')
    .description('record the audit log\'s head (the hash of its newest event, and its seq) to check later with `peel audit verify --head`; keep it where the store\'s operator cannot write')
    .option('--out <file>', 'write the anchor to this file (JSON) instead of printing it'))
    .action(async (opts: CommonOptions & { out?: string }, sub: { parent?: { opts(): CommonOptions } }) => {
      const merged = { ...sub.parent?.opts(), ...opts };
      const event = await withStore(configFor(config, merged), (store) =>
        audit(store, { ...operator(), action: 'audit_consulted', outcome: 'success', detail: { command: 'peel audit anchor', out: opts.out ?? null } }));
      // The anchor is the event that records the anchoring: it covers every event before it.
      const anchor = { head: event.hash, seq: event.id, at: event.at };
      if (opts.out) {
        writeFileSync(argPath(opts.out), `${JSON.stringify(anchor, null, 2)}\n`, { flag: 'wx' });
        if (merged.json) printJson({ ...anchor, out: opts.out });
        else console.log(`audit head ${anchor.head} (event ${anchor.seq}, ${anchor.at}) written to ${opts.out}`);
      } else if (merged.json) printJson(anchor);
      else console.log(`${anchor.head} ${anchor.seq} ${anchor.at}`);
    });
};
