import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb } from '../../src/store/duckdb/db.ts';
import { openStore } from '../../src/store/index.ts';
import { audit, auditMany, auditCollection, verifyAudit, listAudit, canonicalJson, GENESIS_HASH } from '../../src/access/index.ts';
import { tempStore, type TempStore } from './helpers.ts';

let t: TempStore;
beforeEach(async () => { t = await tempStore(); });
afterEach(() => t.cleanup());

async function seed(n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    await audit(t.store, {
      actor: `user:analyst${i % 3}`, action: 'consultation', outcome: 'success', objectIds: [`kent/street/${i}`],
      forceId: 'kent', justification: `case 24/${1000 + i}`, client: '127.0.0.1', detail: { route: 'GET /api/records/:id', status: 200 },
    }, new Date(Date.UTC(2026, 2, 1, 9, i)));
  }
}

/** Tampers with the store file the way an attacker with file access would: plain SQL, behind Peel's back. */
async function tamper(sql: string): Promise<void> {
  t.store.close();
  const db = await openDb(t.path, { threads: 1 });
  await db.run(sql);
  db.close();
  (t as { store: unknown }).store = await openStore({ store: t.path, threads: 1 });
}

describe('hash-chained audit log', () => {
  it('chains each event to the previous one and verifies a clean log', async () => {
    await seed(5);
    const page = await listAudit(t.store, { limit: 10 });
    expect(page.total).toBe(5);
    const asc = [...page.items].reverse();
    expect(asc[0].prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < asc.length; i++) expect(asc[i].prevHash).toBe(asc[i - 1].hash);
    expect(asc.map((e) => e.id)).toEqual([1, 2, 3, 4, 5]);
    const v = await verifyAudit(t.store);
    expect(v).toMatchObject({ ok: true, events: 5, first_bad_event: null, head: asc[4].hash });
  });

  it('stores object ids and the justification, never contents', async () => {
    await seed(1);
    const [e] = (await listAudit(t.store)).items;
    expect(e).toMatchObject({ actor: 'user:analyst0', action: 'consultation', objectIds: ['kent/street/0'], justification: 'case 24/1000', forceId: 'kent', client: '127.0.0.1', outcome: 'success' });
    expect(e.at).toBe('2026-03-01T09:00:00.000Z');
  });

  it('names the changed event when a field of one event is altered', async () => {
    await seed(6);
    await tamper(`UPDATE audit_events SET justification = 'nothing to see' WHERE seq = 3`);
    expect(await verifyAudit(t.store)).toMatchObject({ ok: false, events: 6, first_bad_event: 3 });
  });

  it('names the next event when an altered event has its own hash recomputed', async () => {
    await seed(6);
    // the attacker fixes the row's own hash (it is just sha256 of the canonical row) but cannot fix the chain after it
    const rows = await t.store.access.scanAudit(0, 10);
    const r = { ...rows[2], actor: 'user:someone-else' };
    const { hashRow } = await import('../../src/access/index.ts');
    const h = hashRow(r);
    await tamper(`UPDATE audit_events SET actor = 'user:someone-else', hash = '${h}' WHERE seq = 3`);
    expect(await verifyAudit(t.store)).toMatchObject({ ok: false, first_bad_event: 4 });
  });

  it('names the event after a deleted one', async () => {
    await seed(6);
    await tamper(`DELETE FROM audit_events WHERE seq = 2`);
    expect(await verifyAudit(t.store)).toMatchObject({ ok: false, events: 5, first_bad_event: 3 });
  });

  it('detects a deletion even when the later events are renumbered', async () => {
    await seed(5);
    await tamper(`DELETE FROM audit_events WHERE seq = 2; UPDATE audit_events SET seq = seq - 1 WHERE seq > 2`);
    expect(await verifyAudit(t.store)).toMatchObject({ ok: false, first_bad_event: 2 });
  });

  it('refuses a consultation or export without a justification and a disclosure without a recipient, writing nothing', async () => {
    await expect(audit(t.store, { actor: 'user:a', action: 'consultation', outcome: 'success', objectIds: ['x'] })).rejects.toMatchObject({ code: 'bad_input' });
    await expect(audit(t.store, { actor: 'user:a', action: 'disclosure', outcome: 'success', justification: '   ', recipient: 'CPS' })).rejects.toMatchObject({ code: 'bad_input' });
    await expect(audit(t.store, { actor: 'user:a', action: 'disclosure', outcome: 'success', justification: 'court bundle' })).rejects.toMatchObject({ code: 'bad_input' });
    expect((await verifyAudit(t.store)).events).toBe(0);
    await audit(t.store, { actor: 'user:a', action: 'disclosure', outcome: 'success', justification: 'court bundle', recipient: 'CPS Wessex' });
    expect((await verifyAudit(t.store)).events).toBe(1);
  });

  it('keeps time monotonic along the chain even when a clock steps back', async () => {
    await audit(t.store, { actor: 'cli:x', action: 'collection', outcome: 'success' }, new Date('2026-03-01T10:00:00Z'));
    const e = await audit(t.store, { actor: 'cli:x', action: 'collection', outcome: 'success' }, new Date('2026-03-01T09:00:00Z'));
    expect(e.at).toBe('2026-03-01T10:00:00.000Z');
  });

  it('filters by actor, action and time', async () => {
    await seed(6);
    await audit(t.store, { actor: 'user:admin', action: 'user_added', outcome: 'success' }, new Date('2026-03-02T00:00:00Z'));
    expect((await listAudit(t.store, { actor: 'user:analyst1' })).total).toBe(2);
    expect((await listAudit(t.store, { action: 'user_added' })).items.map((e) => e.actor)).toEqual(['user:admin']);
    expect((await listAudit(t.store, { since: '2026-03-01T09:04:00.000Z' })).total).toBe(3);
  });

  it('logs a load as one collection event per batch, with ids and counts only', async () => {
    await auditCollection(t.store, [
      { batch_id: 'b1', force_id: 'kent', kind: 'street', status: 'loaded', months: ['2024-03'], rows_loaded: 10, rows_quarantined: 1 },
      { batch_id: 'b2', force_id: 'essex', kind: 'street', status: 'failed', months: ['2024-03'], rows_loaded: 0, rows_quarantined: 0 },
    ], { actor: 'cli:ana' });
    const events = (await listAudit(t.store, { action: 'collection' })).items.reverse();
    expect(events.map((e) => [e.forceId, e.objectIds[0], e.outcome])).toEqual([['kent', 'batch:b1', 'success'], ['essex', 'batch:b2', 'failure']]);
    expect(events[0].detail).toMatchObject({ rows_loaded: 10, rows_quarantined: 1 });
  });

  it('writes many events at once chained after the log, in order, and writes none when one is incomplete', async () => {
    await seed(2);
    const batch = [1, 2, 3].map((i) => ({ actor: 'cli:ana', action: 'collection' as const, outcome: 'success' as const, objectIds: [`batch:b${i}`], forceId: 'kent' }));
    const written = await auditMany(t.store, batch, new Date('2026-03-02T00:00:00Z'));
    expect(written.map((e) => [e.id, e.objectIds[0]])).toEqual([[3, 'batch:b1'], [4, 'batch:b2'], [5, 'batch:b3']]);
    const asc = (await listAudit(t.store, { limit: 10 })).items.reverse();
    for (let i = 1; i < asc.length; i++) expect(asc[i].prevHash).toBe(asc[i - 1].hash);
    expect(await verifyAudit(t.store)).toMatchObject({ ok: true, events: 5, first_bad_event: null });
    // A disclosure without a recipient is refused; the valid event before it is not written either.
    await expect(auditMany(t.store, [batch[0], { actor: 'cli:ana', action: 'disclosure', outcome: 'success', justification: 'x' }])).rejects.toThrow(/recipient/);
    expect((await listAudit(t.store, { limit: 10 })).total).toBe(5);
    // A single event after the batch chains on as before.
    await audit(t.store, { actor: 'cli:ana', action: 'collection', outcome: 'success' });
    expect(await verifyAudit(t.store)).toMatchObject({ ok: true, events: 6 });
  });

  it('hashes a canonical form that does not depend on key order', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: null }] })).toBe('{"a":[{"c":null,"d":2}],"b":1}');
    expect(canonicalJson({ a: 'é"\n' })).toBe('{"a":"é\\"\\n"}');
  });
});
