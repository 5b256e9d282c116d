/**
 * Administration: accounts (add, change role and forces, disable, unlock), record-level grants,
 * and API tokens (create with permissions and forces — the secret is shown once — and revoke).
 * Every change goes through the access routes, which audit it.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import type { AccessUser, Role, RoleCatalogue } from '@peel/client';
import { api, useApi } from '../api.ts';
import { ProblemNotice, Loading, Empty } from '../components/Notice.tsx';
import { href } from '../router.ts';
import { useCan } from '../shared.ts';

const roleName = (r: string) => r.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());

function forceNames(cat: RoleCatalogue | undefined, ids: readonly string[] | 'all'): string {
  if (ids === 'all') return 'All forces';
  if (!ids.length) return 'No force scope (national role)';
  return ids.map((id) => cat?.forces.find((f) => f.id === id)?.name ?? id).join(', ');
}

/** A form action: runs `fn`, shows its problem or a message, and calls `done` after success. */
function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState<ReactNode>('');
  const run = async (fn: () => Promise<ReactNode>) => {
    setBusy(true);
    setError(null);
    setMessage('');
    try {
      setMessage(await fn());
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const status = (
    <>
      {error !== null && <ProblemNotice error={error} what="The change" />}
      <p role="status" aria-live="polite">{message}</p>
    </>
  );
  return { busy, run, status };
}

function ForcePicker({ id, cat, value, onChange, label }: { id: string; cat: RoleCatalogue; value: string[]; onChange: (v: string[]) => void; label: string }) {
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <select id={id} multiple size={5} value={value} onChange={(e) => onChange([...e.target.selectedOptions].map((o) => o.value))}>
        {cat.forces.map((f) => <option key={f.id} value={f.id}>{f.name}</option>)}
      </select>
      <span className="small muted">Hold Ctrl (or ⌘) to choose several.</span>
    </>
  );
}

/** A strong random password an admin hands over once (the owner changes it). */
function randomPassword(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(15));
  return btoa(String.fromCharCode(...bytes)).replace(/[+/=]/g, '').slice(0, 18);
}

function AddUser({ cat, onDone }: { cat: RoleCatalogue; onDone: () => void }) {
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('force_analyst');
  const [forces, setForces] = useState<string[]>([]);
  const [password, setPassword] = useState('');
  const a = useAction();
  const needsForces = cat.roles.find((r) => r.role === role)?.needs_forces ?? false;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void a.run(async () => {
      const u = await api.addUser({ name, role, forces: needsForces ? forces : [], password });
      onDone();
      setName('');
      setPassword('');
      return <>Account <strong>{u.name}</strong> created as {roleName(u.role)}. Give them the password privately; they change it at first sign-in.</>;
    });
  };
  return (
    <form onSubmit={submit} className="stack card" aria-labelledby="add-user-h">
      <h3 id="add-user-h">Add a user</h3>
      <label htmlFor="nu-name">Account name</label>
      <input id="nu-name" value={name} onChange={(e) => setName(e.target.value)} required pattern="[A-Za-z0-9][A-Za-z0-9._\-]{1,63}" aria-describedby="nu-name-help" />
      <span id="nu-name-help" className="small muted">Letters, digits, dots, dashes or underscores; 2 to 64 long.</span>
      <label htmlFor="nu-role">Role</label>
      <select id="nu-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
        {cat.roles.map((r) => <option key={r.role} value={r.role}>{roleName(r.role)}</option>)}
      </select>
      {needsForces && <ForcePicker id="nu-forces" cat={cat} value={forces} onChange={setForces} label="Forces" />}
      <label htmlFor="nu-password">First password (at least 12 characters)</label>
      <span className="row">
        <input id="nu-password" value={password} onChange={(e) => setPassword(e.target.value)} required minLength={12} maxLength={256} autoComplete="new-password" />
        <button type="button" className="secondary" onClick={() => setPassword(randomPassword())}>Generate</button>
      </span>
      <button type="submit" disabled={a.busy || (needsForces && !forces.length)}>Add user</button>
      {a.status}
    </form>
  );
}

function UserRow({ u, cat, onDone }: { u: AccessUser; cat: RoleCatalogue; onDone: () => void }) {
  const a = useAction();
  const locked = u.lockedUntil !== null && Date.parse(u.lockedUntil) > Date.now();
  const change = (body: Parameters<typeof api.changeUser>[1], what: string) =>
    void a.run(async () => (await api.changeUser(u.name, body), onDone(), `${u.name}: ${what}.`));
  return (
    <tr>
      <th scope="row">{u.name}</th>
      <td>
        <label className="visually-hidden" htmlFor={`role-${u.name}`}>Role of {u.name}</label>
        <select id={`role-${u.name}`} value={u.role} disabled={a.busy} onChange={(e) => change({ role: e.target.value as Role }, `role changed to ${roleName(e.target.value)}`)}>
          {cat.roles.map((r) => <option key={r.role} value={r.role}>{roleName(r.role)}</option>)}
        </select>
      </td>
      <td>{forceNames(cat, u.forces)}</td>
      <td>{u.grants.length ? u.grants.map((g) => (
        <span key={g.id} className="chip">{g.kind} · {forceNames(cat, [g.forceId])}{g.expiresAt ? ` until ${g.expiresAt.slice(0, 10)}` : ''}{' '}
          <button type="button" className="link-button" onClick={() => void a.run(async () => (await api.revokeGrant(g.id), onDone(), 'Grant revoked.'))}>revoke</button></span>
      )) : '—'}</td>
      <td>{u.disabled ? 'Disabled' : locked ? 'Locked' : 'Active'}</td>
      <td>
        <button type="button" className="secondary" disabled={a.busy} onClick={() => change({ disabled: !u.disabled }, u.disabled ? 'enabled' : 'disabled (their sessions are ended)')}>{u.disabled ? 'Enable' : 'Disable'}</button>
        {locked && <button type="button" className="secondary" onClick={() => void a.run(async () => (await api.unlockUser(u.name), onDone(), `${u.name} unlocked.`))}>Unlock</button>}
        {a.status}
      </td>
    </tr>
  );
}

function AddGrant({ cat, users, onDone }: { cat: RoleCatalogue; users: AccessUser[]; onDone: () => void }) {
  const [user, setUser] = useState('');
  const [kind, setKind] = useState<RoleCatalogue['grant_kinds'][number]>('records');
  const [force, setForce] = useState('');
  const [reason, setReason] = useState('');
  const a = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void a.run(async () => {
      await api.addGrant(user, { kind, force, reason });
      onDone();
      setReason('');
      return `Granted ${kind} access to ${forceNames(cat, [force])} for ${user}.`;
    });
  };
  return (
    <form onSubmit={submit} className="stack card" aria-labelledby="grant-h">
      <h3 id="grant-h">Grant record-level access</h3>
      <p className="small muted">A grant lets an account read another force's records (records) or OFFICIAL-SENSITIVE records (sensitive); the reason is audited.</p>
      <label htmlFor="g-user">User</label>
      <select id="g-user" value={user} onChange={(e) => setUser(e.target.value)} required>
        <option value="">Choose a user</option>
        {users.filter((u) => !u.disabled).map((u) => <option key={u.name} value={u.name}>{u.name} ({roleName(u.role)})</option>)}
      </select>
      <label htmlFor="g-kind">Kind</label>
      <select id="g-kind" value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
        {cat.grant_kinds.map((k) => <option key={k} value={k}>{k}</option>)}
      </select>
      <label htmlFor="g-force">Force</label>
      <select id="g-force" value={force} onChange={(e) => setForce(e.target.value)} required>
        <option value="">Choose a force</option>
        {cat.forces.map((f) => <option key={f.id} value={f.id}>{f.name}</option>)}
      </select>
      <label htmlFor="g-reason">Reason</label>
      <input id="g-reason" value={reason} onChange={(e) => setReason(e.target.value)} required minLength={5} maxLength={1000} />
      <button type="submit" disabled={a.busy}>Grant</button>
      {a.status}
    </form>
  );
}

function Users({ cat }: { cat: RoleCatalogue }) {
  const users = useApi(() => api.users(), []);
  if (users.error) return <ProblemNotice error={users.error} what="Users" />;
  if (!users.data) return <Loading what="users" />;
  const items = [...users.data.items].sort((a, b) => a.name.localeCompare(b.name));
  return (
    <>
      <section aria-labelledby="users-h">
        <h2 id="users-h">Users</h2>
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="users-h">
          <table data-testid="users-table">
            <caption className="visually-hidden">Accounts with their role, forces, grants and state</caption>
            <thead><tr><th scope="col">User</th><th scope="col">Role</th><th scope="col">Forces</th><th scope="col">Grants</th><th scope="col">State</th><th scope="col">Actions</th></tr></thead>
            <tbody>{items.map((u) => <UserRow key={u.name} u={u} cat={cat} onDone={users.reload} />)}</tbody>
          </table>
        </div>
      </section>
      <div className="grid-2">
        <AddUser cat={cat} onDone={users.reload} />
        <AddGrant cat={cat} users={items} onDone={users.reload} />
      </div>
      <RoleTable cat={cat} />
    </>
  );
}

function RoleTable({ cat }: { cat: RoleCatalogue }) {
  return (
    <details className="card">
      <summary>What each role may do</summary>
      <table>
        <thead><tr><th scope="col">Role</th><th scope="col">Permissions (★ for every force, else the account's own forces)</th></tr></thead>
        <tbody>{cat.roles.map((r) => (
          <tr key={r.role}><th scope="row">{roleName(r.role)}</th><td>{r.permissions.map((p) => `${p}${r.national.includes(p) ? ' ★' : ''}`).join(', ')}</td></tr>
        ))}</tbody>
      </table>
    </details>
  );
}

function CreateToken({ cat, onDone }: { cat: RoleCatalogue; onDone: () => void }) {
  const [name, setName] = useState('');
  const [perms, setPerms] = useState<string[]>([]);
  const [all, setAll] = useState(false);
  const [forces, setForces] = useState<string[]>([]);
  const [expires, setExpires] = useState('');
  const [secret, setSecret] = useState<{ name: string; token: string } | null>(null);
  const a = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void a.run(async () => {
      const t = await api.createToken({ name, permissions: perms, forces: all ? 'all' : forces, expiresAt: expires ? new Date(`${expires}T23:59:59Z`).toISOString() : undefined });
      setSecret({ name: t.view.name, token: t.token });
      setName('');
      onDone();
      return '';
    });
  };
  return (
    <form onSubmit={submit} className="stack card" aria-labelledby="tok-h">
      <h3 id="tok-h">Create an API token</h3>
      {secret && (
        <div className="notice notice-info" role="status" data-testid="token-secret">
          <strong>Token {secret.name} created. Copy it now: it is shown this once and never again.</strong>
          <p><code className="secret">{secret.token}</code></p>
          <button type="button" className="secondary" onClick={() => setSecret(null)}>I have copied it</button>
        </div>
      )}
      <label htmlFor="t-name">Name (the system that uses it)</label>
      <input id="t-name" value={name} onChange={(e) => setName(e.target.value)} required pattern="[A-Za-z0-9][A-Za-z0-9._\-]{1,63}" />
      <fieldset>
        <legend>Permissions</legend>
        {cat.permissions.map((p) => (
          <label key={p.name} className="check">
            <input type="checkbox" checked={perms.includes(p.name)} onChange={(e) => setPerms(e.target.checked ? [...perms, p.name] : perms.filter((x) => x !== p.name))} />
            {' '}<code>{p.name}</code> <span className="small muted">{p.about}</span>
          </label>
        ))}
      </fieldset>
      <label className="check"><input type="checkbox" checked={all} onChange={(e) => setAll(e.target.checked)} /> Every force</label>
      {!all && <ForcePicker id="t-forces" cat={cat} value={forces} onChange={setForces} label="Forces" />}
      <label htmlFor="t-expires">Expires (optional)</label>
      <input id="t-expires" type="date" value={expires} onChange={(e) => setExpires(e.target.value)} />
      <button type="submit" disabled={a.busy || !perms.length || (!all && !forces.length)}>Create token</button>
      {a.status}
    </form>
  );
}

function Tokens({ cat }: { cat: RoleCatalogue }) {
  const tokens = useApi(() => api.tokens(), []);
  const a = useAction();
  if (tokens.error) return <ProblemNotice error={tokens.error} what="API tokens" />;
  if (!tokens.data) return <Loading what="API tokens" />;
  return (
    <>
      <section aria-labelledby="tokens-h">
        <h2 id="tokens-h">API tokens</h2>
        {tokens.data.items.length === 0 ? <Empty>No API tokens yet.</Empty> : (
          <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="tokens-h">
            <table data-testid="tokens-table">
              <caption className="visually-hidden">API tokens, their permissions, forces and state (never their secrets)</caption>
              <thead><tr><th scope="col">Token</th><th scope="col">Permissions</th><th scope="col">Forces</th><th scope="col">Created</th><th scope="col">Last used</th><th scope="col">State</th><th scope="col">Actions</th></tr></thead>
              <tbody>{tokens.data.items.map((t) => (
                <tr key={t.id}>
                  <th scope="row">{t.name}</th>
                  <td>{t.permissions.join(', ')}</td>
                  <td>{forceNames(cat, t.forces)}</td>
                  <td>{t.createdAt.slice(0, 10)} by {t.createdBy.replace(/^user:/, '')}</td>
                  <td>{t.lastUsedAt ? t.lastUsedAt.slice(0, 16).replace('T', ' ') : 'Never'}</td>
                  <td>{t.revokedAt ? `Revoked ${t.revokedAt.slice(0, 10)}` : t.expiresAt && Date.parse(t.expiresAt) < Date.now() ? 'Expired' : 'Active'}</td>
                  <td>{!t.revokedAt && <button type="button" className="secondary" disabled={a.busy}
                    onClick={() => void a.run(async () => (await api.revokeToken(t.id), tokens.reload(), `Token ${t.name} revoked.`))}>Revoke</button>}</td>
                </tr>
              ))}</tbody>
            </table>
          </div>
        )}
        {a.status}
      </section>
      <CreateToken cat={cat} onDone={tokens.reload} />
    </>
  );
}

export function Admin({ tab }: { tab: 'users' | 'tokens' }) {
  const cat = useApi(() => api.roles(), []);
  const users = useCan('users:manage');
  const tokens = useCan('tokens:manage');
  const shown = tab === 'tokens' && tokens ? 'tokens' : users ? 'users' : 'tokens';
  return (
    <div data-ready={cat.data || cat.error ? 'true' : undefined}>
      <h1 tabIndex={-1}>Administration</h1>
      <nav aria-label="Administration" className="tabs">
        {users && <a href={href('admin', 'users')} aria-current={shown === 'users' ? 'page' : undefined}>Users and grants</a>}
        {tokens && <a href={href('admin', 'tokens')} aria-current={shown === 'tokens' ? 'page' : undefined}>API tokens</a>}
      </nav>
      {cat.error ? <ProblemNotice error={cat.error} what="Roles and permissions" /> : !cat.data ? <Loading what="roles" /> : shown === 'users' ? <Users cat={cat.data} /> : <Tokens cat={cat.data} />}
    </div>
  );
}
