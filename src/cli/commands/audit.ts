/**
 * `peel audit` (read the log, newest first; the reading is itself logged) and `peel audit verify`
 * (recompute the hash chain; prints `{"ok", "events", "first_bad_event"}` and exits 1 when the
 * chain is broken).
 */
import { PeelError } from '../../standard/index.ts';
import { withStore } from '../../store/index.ts';
import { AUDIT_ACTION_NAMES, audit, isAuditAction, listAudit, verifyAudit, type AuditEvent } from '../../access/index.ts';
import { withCommon, configFor, printJson, type Register, type CommonOptions } from '../context.ts';
import { operator } from './users.ts';

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

  withCommon(cmd.command('verify').description('recompute every event\'s hash and link; exit 1 and name the first bad event when the chain is broken'))
    .action(async (opts: CommonOptions, sub: { parent?: { opts(): CommonOptions } }) => {
      const merged = { ...sub.parent?.opts(), ...opts };
      const result = await withStore(configFor(config, merged), async (store) => {
        const r = await verifyAudit(store);
        // Logged after the check, so the result describes the chain as it was found.
        await audit(store, { ...operator(), action: 'audit_consulted', outcome: r.ok ? 'success' : 'failure', detail: { command: 'peel audit verify', ok: r.ok, events: r.events, first_bad_event: r.first_bad_event } });
        return r;
      });
      if (merged.json) printJson({ ok: result.ok, events: result.events, first_bad_event: result.first_bad_event, reason: result.reason, head: result.head });
      else if (result.ok) console.log(`audit log intact: ${result.events} events, head ${result.head}`);
      else console.log(`audit log BROKEN at event ${result.first_bad_event}: ${result.reason} (${result.events} events)`);
      if (!result.ok) process.exitCode = 1;
    });
};
