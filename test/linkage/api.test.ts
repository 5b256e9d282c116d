/**
 * `GET /api/persons/{name}/linked`: the same person under other spellings, scoped to the forces
 * the caller may link and read, refused without records:link, and audited with the records shown.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/api/index.ts';
import { accessPlugin } from '../../src/api/routes-access.ts';
import { CSRF_HEADER, JUSTIFICATION_HEADER } from '../../src/api/auth.ts';
import { createAccess, listAudit } from '../../src/access/index.ts';
import { loadNarratives } from '../../src/records/index.ts';
import { generateNarratives, type CrossForceOffender } from '../../src/synth/narratives/index.ts';
import { linkPersons } from '../../src/linkage/index.ts';
import { tempStore, manualClock, SETTINGS, OPERATOR, PW, type TempStore } from '../access/helpers.ts';
import { signIn, type Session } from '../access/server.ts';

const WHY = 'case 24/1234 linked persons';

describe('the linked persons route', () => {
  let t: TempStore;
  let app: FastifyInstance;
  let offender: CrossForceOffender;
  const who: Record<string, Session> = {};
  const get = (name: string, url: string) => app.inject({ method: 'GET', url, cookies: who[name].cookie, headers: { [CSRF_HEADER]: who[name].csrf, [JUSTIFICATION_HEADER]: WHY } });

  beforeAll(async () => {
    t = await tempStore();
    const g = generateNarratives({ seed: 5, forces: ['kent', 'essex'], endMonth: '2024-12', months: 12, count: 6000 });
    const file = join(t.dir, 'n.ndjson');
    writeFileSync(file, [...g.items].map((x) => JSON.stringify(x.record)).join('\n') + '\n');
    await loadNarratives(t.store, [file], { indexPath: join(t.dir, 'index') });
    await linkPersons(t.store);
    // An offender seen in both forces, under the full name in at least two records.
    offender = g.truth.cross_force_offenders.find((o) => new Set(o.appearances.map((a) => a.force_id)).size === 2)!;
    const access = createAccess(t.store, SETTINGS, manualClock());
    app = await buildServer({
      store: t.store, logLevel: 'silent', webRoot: null, version: '0.0.0-test',
      plugins: [accessPlugin({ access, store: t.store, cookieSecure: true, bodyLimit: 1024 * 1024, signInLimit: { max: 1000, timeWindow: '1 minute' }, expensiveLimit: { max: 1000, timeWindow: '1 minute' } })],
    });
    await app.ready();
    const users = [
      { name: 'inv-kent', role: 'investigator' as const, forces: ['kent'] },
      { name: 'inv-both', role: 'investigator' as const, forces: ['kent', 'essex'] },
      { name: 'fa-essex', role: 'force_analyst' as const, forces: ['essex'] },
    ];
    for (const u of users) await access.addUser({ ...u, password: PW }, OPERATOR);
    for (const u of users) who[u.name] = await signIn(app, u.name, PW);
  }, 240_000);

  afterAll(async () => {
    await app?.close();
    t?.cleanup();
  });

  it('finds the person across both forces for an investigator of both, with why', async () => {
    expect(offender).toBeDefined();
    const name = encodeURIComponent(`${offender.forename} ${offender.surname}`);
    const r = await get('inv-both', `/api/persons/${name}/linked`);
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.run).not.toBeNull();
    const members = body.persons.flatMap((p: { members: Array<{ record_id: string }> }) => p.members.map((m) => m.record_id));
    const truth = offender.appearances.map((a) => a.record_id);
    expect(members.some((id: string) => truth.includes(id))).toBe(true);
    const linked = body.persons.find((p: { links: unknown[] }) => p.links.length);
    expect(linked).toBeDefined();
    expect(linked.links[0].why[0]).toMatch(/^prior: /);
    // Audited as a combination, with the justification and every record shown.
    const last = (await listAudit(t.store, { limit: 1 })).items[0];
    expect(last).toMatchObject({ actor: 'user:inv-both', action: 'combination', justification: WHY, outcome: 'success' });
    for (const id of members) expect(last.objectIds.some((o) => o.endsWith(`/${id}`))).toBe(true);
  });

  it('shows an investigator of one force only that force', async () => {
    const name = encodeURIComponent(`${offender.forename} ${offender.surname}`);
    const body = (await get('inv-kent', `/api/persons/${name}/linked`)).json();
    for (const p of body.persons) {
      expect(p.forces).toEqual(['kent']);
      for (const l of p.links) expect([l.force_id_a, l.force_id_b]).toEqual(['kent', 'kent']);
    }
  });

  it('refuses a caller without records:link', async () => {
    expect((await get('fa-essex', '/api/persons/Kyle%20Brannigan/linked')).statusCode).toBe(403);
  });
});
