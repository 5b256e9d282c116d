/**
 * What works and person linkage on both backends, on the same synthetic set: a trial registered,
 * amended and evaluated gives the same registration, amendments and evaluation (its numbers
 * included); the library, the LSOA reads an evaluation needs, the person mentions, a linking run
 * and the linked persons found are the same.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { amendTrial, evaluateTrial, getTrial, listTrials, registerTrial } from '../../../src/tactics/index.ts';
import { linkPersons, linkedPersons } from '../../../src/linkage/index.ts';
import { describePostgres } from '../../helpers/postgres.ts';
import { releaseCluster, sharedCluster } from '../../helpers/backends.ts';
import { firstDifference, normal, synthPair, type Backend, type Pair } from './synth-pair.ts';

describePostgres('tactics and linkage on DuckDB and PostgreSQL', () => {
  let pair: Pair;
  beforeAll(async () => {
    await sharedCluster();
    pair = await synthPair({ narratives: 600 });
  }, 300_000);
  afterAll(async () => {
    for (const s of Object.values(pair?.stores ?? {})) s.close();
    await releaseCluster();
  });

  it('register, amend and evaluate a trial alike', async () => {
    const { duckdb: d, postgres: p } = pair.stores;
    const to = (await d.latestMonth())!;
    const q = { forces: ['kent'], categories: ['violent-crime'], from: '1900-01', to: '9999-12' };
    const held = await d.tactics.lsoaMonthly(q);
    expect(held.length).toBeGreaterThan(50);
    expect(await p.tactics.lsoaMonthly(q)).toEqual(held);
    const lsoas = [...new Set(held.map((r) => r.lsoa_code))].slice(0, 6);
    expect(firstDifference(await p.tactics.lsoaPoints(['kent']), await d.tactics.lsoaPoints(['kent']))).toBeNull();
    const start = `${to.slice(0, 4)}-${String(Number(to.slice(5)) > 3 ? Number(to.slice(5)) - 3 : 1).padStart(2, '0')}`;
    const now = new Date('2030-01-02T03:04:05.678Z');
    const out = {} as Record<Backend, unknown>;
    for (const [b, s] of Object.entries(pair.stores) as Array<[Backend, typeof d]>) {
      const t = await registerTrial(s, { tactic_id: 'hot-spots-policing', force_id: 'kent', treated_lsoas: lsoas, start, end: to, categories: ['violent-crime'], comparison_forces: ['kent', 'essex', 'surrey'] }, 'tester', now);
      await amendTrial(s, t.trial_id, { buffer_m: 800 }, 'wider buffer', 'tester', new Date('2030-01-03T00:00:00Z'));
      const e = await evaluateTrial(s, t.trial_id, new Date('2030-01-04T00:00:00Z'));
      const trial = await getTrial(s, t.trial_id);
      const strip = (x: unknown) => JSON.parse(JSON.stringify(x).replaceAll(t.trial_id, 'TRIAL'));
      out[b] = strip({ trial, e, list: await listTrials(s, ['kent']), evaluations: await s.tactics.evaluations(t.trial_id) });
    }
    expect(firstDifference(out.postgres, out.duckdb, 1e-7)).toBeNull();
    const dd = out.duckdb as { trial: { registered_at: string; amendments: unknown[] }; evaluations: unknown[] };
    expect(dd.trial.registered_at).toBe('2030-01-02T03:04:05.678Z');
    expect(dd.trial.amendments.length).toBe(1);
    expect(dd.evaluations.length).toBe(1);
    expect((await p.tactics.tactics()).map((t) => t.tactic_id)).toEqual((await d.tactics.tactics()).map((t) => t.tactic_id));
  });

  it('find the same person mentions, link them alike and answer the same persons', async () => {
    const { duckdb: d, postgres: p } = pair.stores;
    const mentions = await d.linkage.personMentions();
    expect(mentions.length).toBeGreaterThan(50);
    expect(mentions.some((m) => m.dob_value)).toBe(true);
    expect(await p.linkage.personMentions()).toEqual(mentions);
    const strip = ({ run_id: _r, seconds: _s, ...x }: Record<string, unknown>) => x;
    const ld = await linkPersons(d, { threshold: 0.9 });
    const lp = await linkPersons(p, { threshold: 0.9 });
    expect(normal(strip(lp as never))).toEqual(normal(strip(ld as never)));
    expect(ld.links).toBeGreaterThan(0);
    // Entity ids are the run's id and a number: compared without the run's id.
    const sortLinks = (x: Awaited<ReturnType<typeof linkedPersons>>, runId: string) => normal(JSON.parse(JSON.stringify(x).replaceAll(runId, 'RUN')));
    for (const name of [...new Set(mentions.map((m) => m.person_value))].slice(0, 25)) {
      for (const forces of ['all', ['kent']] as const) {
        const want = await linkedPersons(d, { value: name, forces });
        expect(sortLinks(await linkedPersons(p, { value: name, forces }), lp.run_id), name).toEqual(sortLinks(want, ld.run_id));
      }
    }
    const run = (r: object | undefined) => normal(strip({ ...r, finished_at: undefined } as Record<string, unknown>));
    expect(run(await p.linkage.lastPersonLinkRun())).toEqual(run(await d.linkage.lastPersonLinkRun()));
  });
});
