/**
 * Emerging tactics on the real API (buildServer with the access plugin, a real DuckDB store): a
 * stored emerging_tactic alert whose records lie in Kent, Essex and Surrey is listed to each
 * principal whose forces it touches, with record ids only for the forces whose records that
 * principal may read and a count for every force; the alert list never carries the ids.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/api/index.ts';
import { accessPlugin } from '../../src/api/routes-access.ts';
import { CSRF_HEADER } from '../../src/api/auth.ts';
import { createAccess } from '../../src/access/index.ts';
import type { NewAlert } from '../../src/store/index.ts';
import { tempStore, manualClock, SETTINGS, OPERATOR, PW, type TempStore } from '../access/helpers.ts';
import { signIn, type Session } from '../access/server.ts';
import type { EmergingTacticPage } from '../../src/client/index.ts';

const RECORDS = [
  { force_id: 'kent', record_id: 'KNT-202412-0000001' }, { force_id: 'kent', record_id: 'KNT-202412-0000002' },
  { force_id: 'essex', record_id: 'ESX-202412-0000003' }, { force_id: 'surrey', record_id: 'SRY-202412-0000004' },
  { force_id: 'kent', record_id: 'KNT-202412-0000005' },
];

const TACTIC: NewAlert = {
  alert_id: 'a0123456789ab', kind: 'emerging_tactic', force_ids: ['kent', 'essex', 'surrey'], category: 'burglary',
  area_type: 'force', area_ids: ['kent', 'essex', 'surrey'], h3_cells: ['881f1d4815fffff'], period_start: '2024-10', period_end: '2024-12',
  observed: 5, expected: 0.05, threshold: null, p: 2e-9, q: 1e-5, priority: 60, method: 'emerging-tactic/phrases',
  params: { baseline_months: 10, gap_months: 2 },
  evidence: {
    series: [{ month: '2024-10', observed: 2, expected: null, threshold: null }, { month: '2024-11', observed: 3, expected: null, threshold: null }, { month: '2024-12', observed: 5, expected: 0.05, threshold: null }],
    members: [], significant_last_month: null, notes: { key_phrase: 'water board', first_force: 'kent' },
    phrases: [{ phrase: 'water board', observed: 5, expected: 0.05, p: 2e-9, q: 1e-5 }],
    method_features: { approach: ['posing_as_official'] },
    spread: [{ month: '2024-10', force_id: 'kent', records: 2 }, { month: '2024-11', force_id: 'kent', records: 2 }, { month: '2024-11', force_id: 'essex', records: 1 }],
  },
  explanation: 'Emerging tactic in burglary (…): 5 records in 3 forces in 2024-12 against 0.05 expected; first seen 2024-10 in Kent Police.',
  place: 'Kent, Essex and Surrey', review: 'inbox', review_rank: 1, recording_change: null, records: RECORDS,
};

describe('GET /api/emerging-tactics: records by need-to-know', () => {
  let t: TempStore;
  let app: FastifyInstance;
  const who: Record<string, Session> = {};
  const get = (name: string, url: string) => app.inject({ method: 'GET', url, cookies: who[name].cookie, headers: { [CSRF_HEADER]: who[name].csrf } });

  beforeAll(async () => {
    t = await tempStore();
    await t.store.alerts.saveRun({
      run_id: 'r-test', month: '2024-12', forces: ['kent'], started_at: '2025-01-05T10:00:00Z', finished_at: '2025-01-05T10:00:01Z',
      ms_total: 1000, alerts: 1, tests: 4000, options: {},
    }, [TACTIC]);
    const access = createAccess(t.store, SETTINGS, manualClock());
    app = await buildServer({
      store: t.store, logLevel: 'silent', webRoot: null, version: '0.0.0-test',
      plugins: [accessPlugin({ access, store: t.store, cookieSecure: true, bodyLimit: 1024 * 1024, signInLimit: { max: 1000, timeWindow: '1 minute' }, expensiveLimit: { max: 1000, timeWindow: '1 minute' } })],
    });
    await app.ready();
    const users = [
      { name: 'fa-kent', role: 'force_analyst' as const, forces: ['kent'] },
      { name: 'fa-devon', role: 'force_analyst' as const, forces: ['devon-and-cornwall'] },
      { name: 'nat', role: 'national_analyst' as const, forces: [] },
      { name: 'nat-essex', role: 'national_analyst' as const, forces: [] },
    ];
    for (const u of users) await access.addUser({ ...u, password: PW }, OPERATOR);
    await access.addGrant({ user: 'nat-essex', kind: 'records', forceId: 'essex', reason: 'national review of the tactic' }, OPERATOR);
    for (const u of users) who[u.name] = await signIn(app, u.name, PW);
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    t?.cleanup();
  });

  const page = async (name: string, url = '/api/emerging-tactics') => {
    const r = await get(name, url);
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as EmergingTacticPage;
  };

  it("gives a force analyst their own force's record ids and only counts for the others", async () => {
    const p = await page('fa-kent');
    expect(p.total).toBe(1);
    const item = p.items[0];
    expect(item.record_ids.sort()).toEqual(['KNT-202412-0000001', 'KNT-202412-0000002', 'KNT-202412-0000005']);
    expect(item.records.every((r) => r.force_id === 'kent')).toBe(true);
    expect(item.records_by_force).toEqual({ kent: 3, essex: 1, surrey: 1 });
    expect(item.records_withheld).toBe(2);
    expect(item.key_phrase).toBe('water board');
    expect(item.forces.map((f) => f.force_id)).toEqual(['kent', 'essex', 'surrey']);
    expect(item.series.map((s) => s.observed)).toEqual([2, 3, 5]);
    expect(JSON.stringify(p)).not.toContain('ESX-202412');
    expect(JSON.stringify(p)).not.toContain('SRY-202412');
  });

  it('gives a national analyst counts only, and a records grant adds that force\'s ids', async () => {
    const nat = (await page('nat')).items[0];
    expect(nat.record_ids).toEqual([]);
    expect(nat.records_withheld).toBe(5);
    expect(nat.records_by_force).toEqual({ kent: 3, essex: 1, surrey: 1 });
    const granted = (await page('nat-essex')).items[0];
    expect(granted.record_ids).toEqual(['ESX-202412-0000003']);
    expect(granted.records_withheld).toBe(4);
  });

  it('does not list the tactic to a force analyst of a force it has not reached', async () => {
    const p = await page('fa-devon');
    expect(p.total).toBe(0);
    expect(p.items).toEqual([]);
  });

  it('keeps record ids out of the alert list, which carries counts per force', async () => {
    const r = await get('fa-kent', '/api/alerts?kind=emerging_tactic');
    expect(r.statusCode, r.body).toBe(200);
    const body = r.body;
    expect(body).not.toContain('KNT-202412');
    const item = (r.json() as { items: Array<{ records_by_force?: Record<string, number> }> }).items[0];
    expect(item.records_by_force).toEqual({ kent: 3, essex: 1, surrey: 1 });
  });
});
