/**
 * `peel users ...` and `peel tokens ...`: accounts, grants and API tokens, run by the local
 * operator (audited as `cli:<os user>`). There are no default passwords: `users add` prompts for
 * one (twice, hidden) on a terminal, or reads it from the first line of stdin; `users demo` makes
 * an account with a random password and prints it once.
 */
import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { PeelError } from '../../standard/index.ts';
import { withStore } from '../store.ts';
import { promptHidden, readStdin, stdinIsTTY } from '../terminal.ts';
import {
  GRANT_KINDS, PERMISSION_NAMES, ROLES, createAccess, createDemoAccount, isRole,
  type Access, type Actor, type GrantKind, type Role, type UserView,
} from '../../access/index.ts';
import type { PeelConfig } from '../../config/index.ts';
import { withCommon, configFor, printJson, type Register, type CommonOptions } from '../context.ts';

/** The local operator, as the audit log names them. */
export function operator(): Actor {
  let name = 'unknown';
  try {
    name = userInfo().username;
  } catch {
    /* no passwd entry (containers): keep "unknown" */
  }
  return { actor: `cli:${name}`, client: 'local' };
}

function accessFor(cfg: PeelConfig, store: Parameters<typeof createAccess>[0]): Access {
  return createAccess(store, cfg);
}

/** A password from a terminal prompt (asked twice) or the first line of stdin. */
export async function readPassword(forWhom: string): Promise<string> {
  if (stdinIsTTY()) {
    const a = await promptHidden(`password for ${forWhom}: `);
    const b = await promptHidden('again: ');
    if (a !== b) throw new PeelError('bad_input', 'the two passwords differ');
    return a;
  }
  const first = (await readStdin()).split(/\r?\n/)[0] ?? '';
  if (!first) throw new PeelError('bad_input', 'no password on stdin (pipe one line, or run in a terminal to be prompted)');
  return first;
}

function roleOrThrow(v: string): Role {
  if (!isRole(v)) throw new PeelError('bad_input', `unknown role "${v}": one of ${ROLES.join(', ')}`);
  return v;
}

function userLine(u: UserView): string {
  const state = u.disabled ? 'disabled' : u.lockedUntil ? `locked until ${u.lockedUntil}` : 'active';
  const grants = u.grants.map((g) => `${g.kind}:${g.forceId}${g.expiresAt ? ` until ${g.expiresAt}` : ''} (${g.id})`).join(', ');
  return `${u.name.padEnd(20)} ${u.role.padEnd(17)} ${(u.forces.join(',') || '-').padEnd(24)} ${state}${grants ? `  grants: ${grants}` : ''}`;
}

const collect = (v: string, prev: string[] = []) => [...prev, ...v.split(',').map((s) => s.trim()).filter(Boolean)];

export const registerUsers: Register = (program, config) => {
  const users = program.command('users').description('local accounts: add, list, change, unlock, grant (each change is audited)');

  withCommon(
    users.command('add').description('add an account; the password is prompted for, or read from the first line of stdin')
      .argument('<name>', 'account name')
      .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
      .option('--force <slug...>', 'the forces the account works for (repeat or comma-separate)', collect),
  ).action(async (name: string, opts: CommonOptions & { role: string; force?: string[] }) => {
    const cfg = configFor(config, opts);
    const role = roleOrThrow(opts.role);
    const password = await readPassword(name);
    const u = await withStore(cfg, (store) => accessFor(cfg, store).addUser({ name, role, forces: opts.force ?? [], password }, operator()));
    if (opts.json) return printJson(u);
    console.log(`added ${userLine(u)}`);
  });

  withCommon(
    users.command('demo').description('add a demo account with a random password, printed once')
      .option('--name <name>', 'account name', 'demo')
      .option('--role <role>', 'role', 'national_analyst')
      .option('--force <slug...>', 'forces', collect),
  ).action(async (opts: CommonOptions & { name: string; role: string; force?: string[] }) => {
    const cfg = configFor(config, opts);
    const role = roleOrThrow(opts.role);
    const r = await withStore(cfg, (store) => createDemoAccount(accessFor(cfg, store), { name: opts.name, role, forces: opts.force ?? [] }, operator()));
    if (opts.json) return printJson(r);
    console.log(`demo account: ${r.name}\npassword:     ${r.password}\n(shown once; set another with \`peel users password ${r.name}\`)`);
  });

  withCommon(users.command('list').description('every account with role, forces, state and grants')).action(async (opts: CommonOptions) => {
    const cfg = configFor(config, opts);
    const list = await withStore(cfg, (store) => accessFor(cfg, store).listUsers());
    if (opts.json) return printJson({ items: list });
    if (!list.length) return console.log('no accounts: add one with `peel users add NAME --role ROLE`');
    for (const u of list) console.log(userLine(u));
  });

  withCommon(
    users.command('set').description("change an account's role, forces or state (ends its sessions)")
      .argument('<name>')
      .option('--role <role>', 'new role')
      .option('--force <slug...>', 'new forces (replace the old ones)', collect)
      .option('--disable', 'disable the account')
      .option('--enable', 'enable the account'),
  ).action(async (name: string, opts: CommonOptions & { role?: string; force?: string[]; disable?: boolean; enable?: boolean }) => {
    if (opts.disable && opts.enable) throw new PeelError('bad_input', '--disable and --enable together');
    const cfg = configFor(config, opts);
    const change = {
      role: opts.role === undefined ? undefined : roleOrThrow(opts.role),
      forces: opts.force,
      disabled: opts.disable ? true : opts.enable ? false : undefined,
    };
    const u = await withStore(cfg, (store) => accessFor(cfg, store).changeUser(name, change, operator()));
    if (opts.json) return printJson(u);
    console.log(userLine(u));
  });

  withCommon(users.command('password').description('set an account\'s password (prompted, or first line of stdin)').argument('<name>'))
    .action(async (name: string, opts: CommonOptions) => {
      const cfg = configFor(config, opts);
      const password = await readPassword(name);
      await withStore(cfg, (store) => accessFor(cfg, store).setPassword(name, password, operator()));
      if (opts.json) return printJson({ ok: true });
      console.log(`password set for ${name}; its sessions have ended`);
    });

  withCommon(users.command('unlock').description('clear a lockout').argument('<name>')).action(async (name: string, opts: CommonOptions) => {
    const cfg = configFor(config, opts);
    await withStore(cfg, (store) => accessFor(cfg, store).unlock(name, operator()));
    if (opts.json) return printJson({ ok: true });
    console.log(`${name} unlocked`);
  });

  withCommon(
    users.command('grant').description('grant record-level access to a force (records) or OFFICIAL-SENSITIVE records (sensitive)')
      .argument('<name>')
      .requiredOption('--kind <kind>', GRANT_KINDS.join(' | '))
      .requiredOption('--force <slug>', 'the force')
      .requiredOption('--reason <text>', 'why this person needs it (kept in the audit log)')
      .option('--expires <iso>', 'end of the grant (ISO 8601)'),
  ).action(async (name: string, opts: CommonOptions & { kind: string; force: string; reason: string; expires?: string }) => {
    if (!(GRANT_KINDS as readonly string[]).includes(opts.kind)) throw new PeelError('bad_input', `--kind must be one of ${GRANT_KINDS.join(', ')}`);
    const cfg = configFor(config, opts);
    const g = await withStore(cfg, (store) => accessFor(cfg, store).addGrant({ user: name, kind: opts.kind as GrantKind, forceId: opts.force, reason: opts.reason, expiresAt: opts.expires ?? null }, operator()));
    if (opts.json) return printJson(g);
    console.log(`granted ${g.kind} on ${g.forceId} to ${name} (${g.id})`);
  });

  withCommon(users.command('revoke-grant').description('revoke a grant by id').argument('<grant>')).action(async (id: string, opts: CommonOptions) => {
    const cfg = configFor(config, opts);
    await withStore(cfg, (store) => accessFor(cfg, store).revokeGrant(id, operator()));
    if (opts.json) return printJson({ ok: true });
    console.log(`revoked ${id}`);
  });

  registerTokens(program, config);
};

function registerTokens(program: Command, config: PeelConfig): void {
  const tokens = program.command('tokens').description('API tokens for systems: scoped to permissions and forces, stored hashed, revocable');

  withCommon(
    tokens.command('add').description('issue a token; its secret is printed once')
      .argument('<name>')
      .requiredOption('--permission <p...>', `one or more of ${PERMISSION_NAMES.join(', ')}`, collect)
      .option('--force <slug...>', 'forces the token may act for', collect)
      .option('--all-forces', 'every force (a national system)')
      .option('--expires <iso>', 'expiry (ISO 8601)'),
  ).action(async (name: string, opts: CommonOptions & { permission: string[]; force?: string[]; allForces?: boolean; expires?: string }) => {
    if (!opts.allForces && !opts.force?.length) throw new PeelError('bad_input', 'give --force SLUG (repeatable) or --all-forces');
    if (opts.allForces && opts.force?.length) throw new PeelError('bad_input', '--force and --all-forces together');
    const cfg = configFor(config, opts);
    const r = await withStore(cfg, (store) => accessFor(cfg, store).createToken({ name, permissions: opts.permission, forces: opts.allForces ? 'all' : opts.force ?? [], expiresAt: opts.expires ?? null }, operator()));
    if (opts.json) return printJson(r);
    console.log(`token ${r.view.id} (${name}): ${r.token}\n(shown once; send it as "Authorization: Bearer <token>")`);
  });

  withCommon(tokens.command('list').description('tokens, never their secrets')).action(async (opts: CommonOptions) => {
    const cfg = configFor(config, opts);
    const list = await withStore(cfg, (store) => accessFor(cfg, store).listTokens());
    if (opts.json) return printJson({ items: list });
    for (const t of list) {
      console.log(`${t.id} ${t.name.padEnd(20)} ${t.permissions.join(',').padEnd(30)} ${t.forces === 'all' ? 'all forces' : t.forces.join(',')}  ${t.revokedAt ? `revoked ${t.revokedAt}` : t.expiresAt ? `expires ${t.expiresAt}` : 'active'}`);
    }
  });

  withCommon(tokens.command('revoke').description('revoke a token at once').argument('<id>')).action(async (id: string, opts: CommonOptions) => {
    const cfg = configFor(config, opts);
    await withStore(cfg, (store) => accessFor(cfg, store).revokeToken(id, operator()));
    if (opts.json) return printJson({ ok: true });
    console.log(`revoked ${id}`);
  });
}
