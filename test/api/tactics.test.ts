/**
 * The What works routes on the real API (buildServer with the access plugin, a real DuckDB store)
 * over a small synthetic set with a planted tactic trial (truth.json's tactic_trials): the
 * library, trials with their latest evaluation, one trial with its series, and the sharing
 * document — a national analyst sees every trial, a force analyst only its own force's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/api/index.ts';
import { accessPlugin } from '../../src/api/routes-access.ts';
import { createAccess } from '../../src/access/index.ts';
import { synthesize, type TacticTrialTruth } from '../../src/synth/index.ts';
import { ingest } from '../../src/ingest/index.ts';
import { evaluateTrial, registerTrial, sha256Of, BUILTIN_TACTICS } from '../../src/tactics/index.ts';
import { TacticsContract as C, TacticsApiContract as A } from '../../src/contract/index.ts';
import { tempStore, manualClock, SETTINGS, OPERATOR, PW, type TempStore } from '../access/helpers.ts';
import { signIn, type Session } from '../access/server.ts';

// Three forces: one gets missing months and one an emerging cluster, which the planted trial avoids.
const FORCES = ['leicestershire', 'northamptonshire', 'derbyshire'] as const;

describe('the What works API', () => {
  let other: string;
  let t: TempStore;
  let app: FastifyInstance;
  let planted: TacticTrialTruth;
  let trialId: string;
  const who: Record<string, Session> = {};
  const tokens: Record<string, string> = {};
  /** As a signed-in user, or as a system token scoped to some forces (`tok-*`). */
  const get = (name: string, url: string) => name.startsWith('tok-')
    ? app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${tokens[name]}` } })
    : app.inject({ method: 'GET', url, cookies: who[name].cookie });

  beforeAll(async () => {
    t = await tempStore();
    const out = join(t.dir, 'synth');
    await synthesize({ out, months: 36, scale: 0.04, narratives: 0, forces: FORCES, overwrite: true });
    planted = (JSON.parse(readFileSync(join(out, 'truth.json'), 'utf8')) as { tactic_trials: TacticTrialTruth[] }).tactic_trials[0];
    other = FORCES.find((f) => f !== planted.force)!;
    await ingest(t.store, [out]);
    const trial = await registerTrial(t.store, {
      tactic_id: 'hot-spots-policing', force_id: planted.force, treated_lsoas: planted.lsoas, start: planted.start, end: planted.end, categories: [planted.category],
    }, 'cli:test');
    trialId = trial.trial_id;
    await evaluateTrial(t.store, trialId);
    const access = createAccess(t.store, SETTINGS, manualClock());
    app = await buildServer({
      store: t.store, logLevel: 'silent', webRoot: null, version: '0.0.0-test',
      plugins: [accessPlugin({ access, store: t.store, cookieSecure: true, bodyLimit: 1024 * 1024, signInLimit: { max: 1000, timeWindow: '1 minute' }, expensiveLimit: { max: 1000, timeWindow: '1 minute' } })],
    });
    await app.ready();
    const users = [
      { name: 'nat', role: 'national_analyst' as const, forces: [] },
      { name: 'fa-own', role: 'force_analyst' as const, forces: [planted.force] },
    ];
    for (const u of users) await access.addUser({ ...u, password: PW }, OPERATOR);
    for (const u of users) who[u.name] = await signIn(app, u.name, PW);
    // Aggregates are national for analysts' roles; a token is how a principal gets them for some forces only.
    for (const [name, forces] of [['tok-own', [planted.force]], ['tok-other', [other]], ['tok-two', [planted.force, other]]] as const) {
      tokens[name] = (await access.createToken({ name, permissions: ['aggregates:read'], forces: [...forces] }, OPERATOR)).token;
    }
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    t?.cleanup();
  });

  it('plants the trial in a force of the set, away from the other injections', () => {
    expect(FORCES).toContain(planted.force);
    expect(planted.factor).toBe(0.6);
    expect(planted.removed).toBeGreaterThan(0);
  });

  it('lists the library as EMMIE cards, each with evidence quality, Maryland level and references', async () => {
    const r = await get('nat', '/api/tactics');
    expect(r.statusCode, r.body).toBe(200);
    const list = A.TacticList.parse(r.json());
    expect(list.items.map((x) => x.tactic_id).sort()).toEqual(BUILTIN_TACTICS.map((x) => x.tactic_id).sort());
    for (const x of list.items) {
      expect(x.origin).toBe('builtin');
      expect(x.references.length).toBeGreaterThan(0);
      for (const k of ['effect', 'mechanism', 'moderators', 'implementation', 'economic_cost'] as const) expect(x.emmie[k].summary).toBeTruthy();
    }
    const one = await get('nat', '/api/tactics/hot-spots-policing');
    expect(C.Tactic.parse(one.json()).name).toBe(list.items.find((x) => x.tactic_id === 'hot-spots-policing')!.name);
    const missing = await get('nat', '/api/tactics/no-such-tactic');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    expect(missing.body).toContain('no-such-tactic');
  });

  it('lists trials with their latest evaluation, whose interval covers the planted effect', async () => {
    const r = await get('nat', '/api/trials');
    expect(r.statusCode, r.body).toBe(200);
    const list = A.TrialList.parse(r.json());
    expect(list.total).toBe(1);
    const [s] = list.items;
    expect(s.trial.trial_id).toBe(trialId);
    expect(s.current_hash).toBe(s.trial.registration_hash);
    expect(s.evaluation).not.toBeNull();
    expect(s.evaluation!.ci95.lower).toBeLessThanOrEqual(planted.factor);
    expect(s.evaluation!.ci95.upper).toBeGreaterThanOrEqual(planted.factor);
    expect(s.evaluation!.rate_ratio).toBeLessThan(1);
    expect(A.TrialList.parse((await get('nat', '/api/trials?tactic=cctv')).json()).total).toBe(0);
    const bad = await get('nat', '/api/trials?force=kentt');
    // The access plugin checks a named force before the route: an unknown one is refused, named.
    expect([400, 403]).toContain(bad.statusCode);
    expect(bad.body).toContain('kentt');
  });

  it('shows one trial with its registration, hash and the series of its evaluation', async () => {
    const r = await get('nat', `/api/trials/${trialId}`);
    expect(r.statusCode, r.body).toBe(200);
    const d = A.TrialDetail.parse(r.json());
    expect(d.trial.registration.treated_lsoas).toEqual([...planted.lsoas].sort());
    expect(d.trial.registration_hash).toBe(sha256Of(d.trial.registration));
    expect(d.tactic?.tactic_id).toBe('hot-spots-policing');
    const e = d.evaluation!;
    expect(e.registration_hash).toBe(d.current_hash);
    expect(e.months).toContain(planted.start);
    expect(e.treated_series).toHaveLength(e.months.length);
    expect(e.synthetic_series).toHaveLength(e.months.length);
    expect(e.comparison_series).toHaveLength(e.months.length);
    expect((await get('nat', '/api/trials/nope')).statusCode).toBe(404);
  });

  it('scopes trials by force: a principal holding aggregates for some forces sees those forces\' trials only', async () => {
    // A force analyst's role reads aggregates nationally, trials included.
    const fa = await get('fa-own', '/api/trials');
    expect(fa.statusCode, fa.body).toBe(200);
    expect(A.TrialList.parse(fa.json()).total).toBe(1);
    const own = await get('tok-own', '/api/trials');
    expect(own.statusCode, own.body).toBe(200);
    expect(A.TrialList.parse(own.json()).total).toBe(1);
    expect((await get('tok-own', `/api/trials/${trialId}`)).statusCode).toBe(200);
    const none = await get('tok-other', '/api/trials');
    expect(none.statusCode, none.body).toBe(200);
    expect(A.TrialList.parse(none.json()).total).toBe(0);
    expect((await get('tok-other', `/api/trials/${trialId}`)).statusCode).toBe(403);
    expect((await get('tok-other', `/api/trials?force=${planted.force}`)).statusCode).toBe(403);
    // The library itself is national.
    const lib = await get('tok-other', '/api/tactics');
    expect(lib.statusCode, lib.body).toBe(200);
    expect(A.TacticList.parse(lib.json()).total).toBe(BUILTIN_TACTICS.length);
  });

  it('exports a tactic as the sharing document with its content hash, scoped to the caller\'s forces', async () => {
    const r = await get('nat', '/api/tactics/hot-spots-policing/export');
    expect(r.statusCode, r.body).toBe(200);
    expect(String(r.headers['content-disposition'])).toContain('hot-spots-policing.peel-tactics.json');
    const doc = C.TacticsDocument.parse(r.json());
    expect(doc.trials.map((x) => x.trial_id)).toEqual([trialId]);
    expect(doc.evaluations).toHaveLength(1);
    expect(doc.content_hash).toBe(sha256Of({ tactic: doc.tactic, trials: doc.trials, evaluations: doc.evaluations }));
    const doc2 = C.TacticsDocument.parse((await get('tok-other', '/api/tactics/hot-spots-policing/export')).json());
    expect(doc2.exported_by_force).toBe(other);
    expect(doc2.trials).toHaveLength(0);
    // Holding two forces, the caller names one.
    const two = await get('tok-two', '/api/tactics/hot-spots-policing/export');
    expect(two.statusCode).toBe(400);
    expect(C.TacticsDocument.parse((await get('tok-two', `/api/tactics/hot-spots-policing/export?force=${planted.force}`)).json()).trials).toHaveLength(1);
  });
});
