import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAccess, listAudit, verifyAudit, can, createDemoAccount, type Access } from '../../src/access/index.ts';
import { tempStore, manualClock, SETTINGS, OPERATOR, PW, type TempStore, type ManualClock } from './helpers.ts';

let t: TempStore;
let clock: ManualClock;
let access: Access;
beforeEach(async () => {
  t = await tempStore();
  clock = manualClock();
  access = createAccess(t.store, SETTINGS, clock);
});
afterEach(() => t.cleanup());

const actions = async () => (await listAudit(t.store, { limit: 1000 })).items.map((e) => e.action).reverse();

describe('accounts', () => {
  it('stores an argon2id hash, never the password', async () => {
    await access.addUser({ name: 'ana', role: 'force_analyst', forces: ['kent'], password: PW }, OPERATOR);
    const row = await t.store.access.userByName('ana');
    expect(row?.password_hash).toMatch(/^\$argon2id\$v=19\$/);
    expect(row?.password_hash).not.toContain(PW);
  });

  it('refuses short passwords, unknown roles and forces, duplicates, and force roles without a force', async () => {
    await expect(access.addUser({ name: 'ana', role: 'force_analyst', forces: ['kent'], password: 'short' }, OPERATOR)).rejects.toMatchObject({ code: 'bad_input' });
    await expect(access.addUser({ name: 'ana', role: 'force_analyst', forces: ['atlantis'], password: PW }, OPERATOR)).rejects.toThrow(/atlantis/);
    await expect(access.addUser({ name: 'ana', role: 'force_analyst', forces: [], password: PW }, OPERATOR)).rejects.toThrow(/at least one force/);
    await access.addUser({ name: 'ana', role: 'auditor', password: PW }, OPERATOR);
    await expect(access.addUser({ name: 'ana', role: 'auditor', password: PW }, OPERATOR)).rejects.toMatchObject({ code: 'conflict' });
  });

  it('makes demo accounts with a random password that signs in', async () => {
    const a = await createDemoAccount(access, { name: 'demo', role: 'national_analyst' }, OPERATOR);
    const b = await createDemoAccount(access, { name: 'demo2', role: 'national_analyst' }, OPERATOR);
    expect(a.password).not.toBe(b.password);
    expect(a.password.length).toBeGreaterThanOrEqual(20);
    await expect(access.signIn('demo', a.password)).resolves.toMatchObject({ principal: { name: 'demo' } });
  });
});

describe('sign-in and lockout', () => {
  beforeEach(async () => { await access.addUser({ name: 'ana', role: 'force_analyst', forces: ['kent'], password: PW }, OPERATOR); });

  it('gives the same answer for an unknown account and a wrong password', async () => {
    const a = await access.signIn('nobody', PW).catch((e: Error) => e);
    const b = await access.signIn('ana', 'wrong password!!').catch((e: Error) => e);
    expect(a).toMatchObject({ code: 'unauthenticated' });
    expect(b).toMatchObject({ code: 'unauthenticated', message: (a as Error).message });
  });

  it('locks the account for 10 minutes after 5 failed sign-ins, refusing even the right password', async () => {
    for (let i = 0; i < 4; i++) await expect(access.signIn('ana', `wrong-${i}-password`)).rejects.toMatchObject({ code: 'unauthenticated' });
    await expect(access.signIn('ana', 'wrong-5-password')).rejects.toMatchObject({ code: 'locked' });
    await expect(access.signIn('ana', PW)).rejects.toMatchObject({ code: 'locked' });
    clock.advance(9);
    await expect(access.signIn('ana', PW)).rejects.toMatchObject({ code: 'locked' });
    clock.advance(1.01);
    await expect(access.signIn('ana', PW)).resolves.toMatchObject({ principal: { name: 'ana', role: 'force_analyst' } });
    const a = await actions();
    expect(a.filter((x) => x === 'sign_in_failed')).toHaveLength(7);
    expect(a).toContain('locked_out');
    expect(a[a.length - 1]).toBe('sign_in');
  });

  it('locks the account under a burst of parallel wrong passwords (no lost counts)', async () => {
    const results = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => access.signIn('ana', `parallel-wrong-${i}`)));
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    await expect(access.signIn('ana', PW)).rejects.toMatchObject({ code: 'locked' });
  });

  it('counts consecutive failures only: a success resets the count', async () => {
    for (let i = 0; i < 4; i++) await access.signIn('ana', `wrong-${i}-password`).catch(() => undefined);
    await access.signIn('ana', PW);
    for (let i = 0; i < 4; i++) await expect(access.signIn('ana', `wrong-${i}-password`)).rejects.toMatchObject({ code: 'unauthenticated' });
  });

  it('refuses a disabled account', async () => {
    await access.changeUser('ana', { disabled: true }, OPERATOR);
    await expect(access.signIn('ana', PW)).rejects.toMatchObject({ code: 'unauthenticated' });
  });
});

describe('sessions', () => {
  beforeEach(async () => { await access.addUser({ name: 'ana', role: 'force_analyst', forces: ['kent'], password: PW }, OPERATOR); });

  it('ends a session left idle for 30 minutes, and keeps one in use alive', async () => {
    const s = await access.signIn('ana', PW);
    clock.advance(29);
    await expect(access.authenticateSession(s.sessionToken)).resolves.toMatchObject({ principal: { name: 'ana' } });
    clock.advance(29); // 58 minutes after sign-in, 29 after last use
    await expect(access.authenticateSession(s.sessionToken)).resolves.toBeTruthy();
    clock.advance(30.5);
    await expect(access.authenticateSession(s.sessionToken)).rejects.toMatchObject({ code: 'unauthenticated', message: expect.stringMatching(/30 minutes/) });
    clock.advance(-30); // ended stays ended
    await expect(access.authenticateSession(s.sessionToken)).rejects.toMatchObject({ code: 'unauthenticated' });
    expect(await actions()).toContain('session_expired');
  });

  it('ends sessions after the maximum lifetime even when in use', async () => {
    const s = await access.signIn('ana', PW);
    for (let i = 0; i < 12 * 3; i++) { clock.advance(20); await access.authenticateSession(s.sessionToken); }
    clock.advance(20);
    await expect(access.authenticateSession(s.sessionToken)).rejects.toMatchObject({ code: 'unauthenticated' });
  });

  it('binds a CSRF token to the session', async () => {
    const s = await access.signIn('ana', PW);
    const other = await access.signIn('ana', PW);
    const auth = await access.authenticateSession(s.sessionToken);
    expect(auth.csrfMatches(s.csrfToken)).toBe(true);
    expect(auth.csrfMatches(other.csrfToken)).toBe(false);
    expect(auth.csrfMatches(undefined)).toBe(false);
    expect(auth.csrfMatches('')).toBe(false);
  });

  it('ends every session of an account whose role or forces change, so the change bites at once', async () => {
    const s = await access.signIn('ana', PW);
    await access.changeUser('ana', { forces: ['essex'] }, OPERATOR);
    await expect(access.authenticateSession(s.sessionToken)).rejects.toMatchObject({ code: 'unauthenticated' });
    const s2 = await access.signIn('ana', PW);
    const p = (await access.authenticateSession(s2.sessionToken)).principal;
    expect(can(p, 'records:read', { forceId: 'kent' })).toBe(false);
    expect(can(p, 'records:read', { forceId: 'essex' })).toBe(true);
  });

  it('signs out', async () => {
    const s = await access.signIn('ana', PW);
    const auth = await access.authenticateSession(s.sessionToken);
    await access.signOut(auth.sessionKey, { actor: 'user:ana' });
    await expect(access.authenticateSession(s.sessionToken)).rejects.toMatchObject({ code: 'unauthenticated' });
  });

  it('reads the store once per session, not on every request, while every change still bites at once', async () => {
    const reads = { session: 0, user: 0, grants: 0 };
    const inner = t.store.access;
    const counted = createAccess({ access: { ...inner,
      session: (h: string) => { reads.session++; return inner.session(h); },
      userById: (id: string) => { reads.user++; return inner.userById(id); },
      grantsOf: (id: string) => { reads.grants++; return inner.grantsOf(id); },
    } }, SETTINGS, clock);
    await counted.addUser({ name: 'ivy', role: 'investigator', forces: ['kent'], password: PW }, OPERATOR);
    const s = await counted.signIn('ivy', PW);
    Object.assign(reads, { session: 0, user: 0, grants: 0 });
    for (let i = 0; i < 20; i++) await counted.authenticateSession(s.sessionToken);
    expect(reads).toEqual({ session: 1, user: 1, grants: 1 });

    // A grant added or revoked changes the principal of a session already verified.
    const g = await counted.addGrant({ user: 'ivy', kind: 'sensitive', forceId: 'kent', reason: 'Op Lantern disclosure review' }, OPERATOR);
    const sensitive = { forceId: 'kent', classification: 'OFFICIAL-SENSITIVE' } as const;
    expect(can((await counted.authenticateSession(s.sessionToken)).principal, 'records:read', sensitive)).toBe(true);
    await counted.revokeGrant(g.id, OPERATOR);
    expect(can((await counted.authenticateSession(s.sessionToken)).principal, 'records:read', sensitive)).toBe(false);

    // Disabling the account ends the verified session on its next request.
    await counted.changeUser('ivy', { disabled: true }, OPERATOR);
    await expect(counted.authenticateSession(s.sessionToken)).rejects.toMatchObject({ code: 'unauthenticated' });
  });

  it('ends a verified session idle for 30 minutes even though it is not read again', async () => {
    const s = await access.signIn('ana', PW);
    await access.authenticateSession(s.sessionToken);
    clock.advance(0.4);
    await access.authenticateSession(s.sessionToken);
    clock.advance(30.2);
    await expect(access.authenticateSession(s.sessionToken)).rejects.toMatchObject({ message: expect.stringMatching(/30 minutes/) });
  });

  it('keeps only hashes of session ids in the store', async () => {
    const s = await access.signIn('ana', PW);
    expect(await t.store.access.session(s.sessionToken)).toBeUndefined();
  });
});

describe('API tokens', () => {
  it('authenticates a scoped token until it is revoked, and stores only its hash', async () => {
    const { token, view } = await access.createToken({ name: 'kent-ingest', permissions: ['data:upload'], forces: ['kent'] }, OPERATOR);
    expect(token).toMatch(/^peel_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    const row = await t.store.access.token(view.id);
    expect(JSON.stringify(row)).not.toContain(token.split('_').pop()!);
    const p = await access.authenticateToken(token);
    expect(can(p, 'data:upload', { forceId: 'kent' })).toBe(true);
    expect(can(p, 'data:upload', { forceId: 'essex' })).toBe(false);
    await access.revokeToken(view.id, OPERATOR);
    await expect(access.authenticateToken(token)).rejects.toMatchObject({ code: 'unauthenticated', message: expect.stringMatching(/revoked/) });
    const a = await actions();
    expect(a).toEqual(['token_created', 'token_revoked']);
  });

  it('refuses a token with a tampered secret, and an expired token', async () => {
    const { token } = await access.createToken({ name: 'etl', permissions: ['aggregates:read'], forces: 'all', expiresAt: '2026-03-01T10:00:00Z' }, OPERATOR);
    const last = token.slice(-1) === 'A' ? 'B' : 'A';
    await expect(access.authenticateToken(token.slice(0, -1) + last)).rejects.toMatchObject({ code: 'unauthenticated' });
    await expect(access.authenticateToken(token)).resolves.toMatchObject({ name: 'etl' });
    clock.advance(61);
    await expect(access.authenticateToken(token)).rejects.toMatchObject({ message: expect.stringMatching(/expired/) });
  });

  it('refuses unknown permissions', async () => {
    await expect(access.createToken({ name: 'x1', permissions: ['everything'], forces: 'all' }, OPERATOR)).rejects.toMatchObject({ code: 'bad_input' });
  });
});

describe('grants and permission changes', () => {
  it('opens OFFICIAL-SENSITIVE records of one force by grant, logs who granted it and why, and closes them on revocation', async () => {
    await access.addUser({ name: 'ivy', role: 'investigator', forces: ['kent'], password: PW }, OPERATOR);
    const g = await access.addGrant({ user: 'ivy', kind: 'sensitive', forceId: 'kent', reason: 'Op Lantern disclosure review' }, { actor: 'user:boss' });
    let p = (await access.authenticateSession((await access.signIn('ivy', PW)).sessionToken)).principal;
    expect(can(p, 'records:read', { forceId: 'kent', classification: 'OFFICIAL-SENSITIVE' })).toBe(true);
    await access.revokeGrant(g.id, { actor: 'user:boss' });
    p = (await access.authenticateSession((await access.signIn('ivy', PW)).sessionToken)).principal;
    expect(can(p, 'records:read', { forceId: 'kent', classification: 'OFFICIAL-SENSITIVE' })).toBe(false);
    const events = (await listAudit(t.store, { actor: 'user:boss' })).items.reverse();
    expect(events.map((e) => e.action)).toEqual(['grant_added', 'grant_revoked']);
    expect(events[0]).toMatchObject({ justification: 'Op Lantern disclosure review', forceId: 'kent' });
    expect((await verifyAudit(t.store)).ok).toBe(true);
  });
});
