/**
 * `peel demo`: the README's one command. On a fresh machine, offline, it generates a demo-sized
 * synthetic national set (all 43 forces, 36 months), loads it through the same ingest path as
 * real files, runs every analysis, creates demo accounts with random passwords, starts the
 * server and prints the URL and how to sign in. Run again, it reuses the store. With
 * `--data DIR` it does the same on real data.police.uk files (and ONS geography if DIR holds it).
 *
 * Thin: each step is a call to a capability's front door.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { userInfo } from 'node:os';
import { synthesize } from '../../synth/index.ts';
import { ingest } from '../../ingest/index.ts';
import { loadGeography } from '../../geography/index.ts';
import { runQuality } from '../../quality/index.ts';
import { detectEachForce } from '../../trends/index.ts';
import { loadNarratives } from '../../records/index.ts';
import { audit, auditCollection, createAccess, createDemoAccount, randomPassword } from '../../access/index.ts';
import { linkPersons } from '../../linkage/index.ts';
import { evaluateTrial, listTrials, registerTrial } from '../../tactics/index.ts';
import type { TacticTrialTruth } from '../../synth/index.ts';
import { withStore } from '../../store/index.ts';
import { PeelError } from '../../standard/index.ts';
import { withOverrides } from '../../config/index.ts';
import type { Register } from '../context.ts';

/** Demo volume: a tenth of real national volumes, so generation plus load take about a minute on two cores. */
export const DEMO_SCALE = 0.04;
export const DEMO_MONTHS = 36;
export const DEMO_NARRATIVES = 2000;
/**
 * Demo accounts: a national analyst (alerts, quality, the map), an admin (uploads, users) and,
 * when narratives are loaded, an investigator for the forces they cover (records, entities,
 * redaction review).
 */
export const DEMO_ACCOUNTS = [
  { name: 'demo', role: 'national_analyst', what: 'a national analyst: alerts, quality, the map' },
  { name: 'demo-admin', role: 'admin', what: 'an admin: uploads, batches, users' },
] as const;
export const DEMO_INVESTIGATOR = { name: 'demo-investigator', role: 'investigator', what: 'an investigator for the forces with narratives: records, entities, redaction review' } as const;

/** Every `records.ndjson` in `dir` or its subfolders (the labelled set's `labels.ndjson` holds spans, not records). */
function narrativeFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name === 'records.ndjson')
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/** The library tactic the demo's planted trial is registered under. */
export const DEMO_TRIAL_TACTIC = 'hot-spots-policing';

function step(msg: string): () => void {
  const t = performance.now();
  process.stderr.write(`peel demo: ${msg} ...`);
  return () => process.stderr.write(` done in ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
}

export const registerDemo: Register = (program, config) => {
  program
    .command('demo')
    .description('generate (or use --data) a national set, load it, analyse it and serve the dashboard; re-runs reuse the store')
    .option('--data <dir>', 'use real data.police.uk files (and ONS geography files) from this folder instead of synthetic data')
    .option('--store <file>', 'the store file (default ./peel-data/peel.duckdb, or PEEL_STORE)')
    .option('--port <n>', `port to listen on (default ${config.port})`)
    .option('--host <address>', `address to bind (default ${config.host})`)
    .option('--no-serve', 'prepare the store and the demo accounts, then exit without serving')
    .action(async (opts: { data?: string; store?: string; port?: string; host?: string; serve: boolean }) => {
      const port = opts.port === undefined ? undefined : Number(opts.port);
      if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
        throw new PeelError('bad_input', `--port must be a port number 0..65535, not "${opts.port}"`);
      }
      if (opts.data !== undefined && !existsSync(opts.data)) throw new PeelError('unreadable_input', `--data ${opts.data}: no such folder`);
      const cfg = withOverrides(config, { store: opts.store ?? config.store, port, host: opts.host });
      const actor = { actor: `cli:${userInfo().username}` };

      const accounts = await withStore(cfg, async (store) => {
        const status = await store.status();
        if (status.forces.some((f) => f.rows.street > 0)) {
          process.stderr.write(`peel demo: reusing ${cfg.store} (${status.forces.length} forces); delete it to start afresh\n`);
        } else {
          let source = opts.data ? resolve(opts.data) : '';
          if (!opts.data) {
            source = resolve(cfg.dataDir, 'synth');
            const done = step(`generating a synthetic national set (43 forces, ${DEMO_MONTHS} months, scale ${DEMO_SCALE}) in ${source}`);
            await synthesize({ out: source, months: DEMO_MONTHS, scale: DEMO_SCALE, narratives: DEMO_NARRATIVES, forces: 'all', overwrite: true });
            done();
          }
          let done = step(`loading ${source}`);
          const geographyDir = join(source, 'geography');
          // Audited as `peel ingest` is: each load's collection event commits with it.
          const report = await ingest(store, existsSync(join(source, 'police_uk')) ? [join(source, 'police_uk')] : [source], {
            shrinkRatio: cfg.shrinkRatio,
            audit: async (batches) => void (await auditCollection(store, batches, actor)),
          });
          done();
          const rows = report.batches.reduce((a, b) => a + b.rows_loaded, 0);
          process.stderr.write(`peel demo: ${report.batches.length} files, ${rows.toLocaleString('en-GB')} rows loaded\n`);
          if (existsSync(geographyDir)) {
            done = step('loading the geography lookups');
            await loadGeography(store, [geographyDir]);
            done();
          }
        }
        // Narrative records: the synthetic set's narratives/records.ndjson, or every records.ndjson
        // under DIR/narratives (../shared/data/narratives/labelled); also when the store is reused.
        const source = opts.data ? resolve(opts.data) : resolve(cfg.dataDir, 'synth');
        const narratives = narrativeFiles(join(source, 'narratives'));
        if (narratives.length && (await store.records.count()) === 0) {
          const done = step(`loading narrative records (${narratives.map((f) => relative(source, f)).join(', ')}) and finding their entities`);
          const r = await loadNarratives(store, narratives);
          done();
          process.stderr.write(`peel demo: ${r.records.toLocaleString('en-GB')} narrative records loaded and indexed\n`);
          // The same person under other spellings across forces, so an investigator's person search
          // shows them with why (linking combines records of every force: audited as a combination).
          const linking = step('linking the people named in the narratives across records and forces');
          try {
            const l = await linkPersons(store, { threshold: 0.9 });
            await audit(store, {
              actor: actor.actor, action: 'combination', outcome: 'success', justification: 'peel demo: linking the demonstration narratives',
              objectIds: [`person-link-run:${l.run_id}`], forceId: null,
              detail: { command: 'peel demo', persons: l.persons, links: l.links, entities: l.entities },
            });
            linking();
            process.stderr.write(`peel demo: ${l.links.toLocaleString('en-GB')} links between ${l.persons.toLocaleString('en-GB')} named persons\n`);
          } catch (e) {
            // Too few named persons to learn from (a handful of labelled records): nothing to link.
            if (!(e instanceof PeelError)) throw e;
            linking();
            process.stderr.write(`peel demo: persons not linked: ${e.message}\n`);
          }
        }
        let done = step('checking data quality');
        await runQuality(store);
        done();
        done = step("detecting emerging trends, each force on its own latest month");
        const runs = await detectEachForce(store, { reviewBudget: cfg.reviewBudget });
        done();
        const inbox = runs.reduce((a, r) => a + r.alerts.filter((x) => x.review === 'inbox').length, 0);
        const all = runs.reduce((a, r) => a + r.alerts.length, 0);
        process.stderr.write(`peel demo: ${inbox} alerts to review (${all} in all) over ${runs.length} month(s): ${runs.map((r) => `${r.month} ${r.forces.length} force(s)`).join(', ')}\n`);
        const truthFile = resolve(cfg.dataDir, 'synth', 'truth.json');
        if (!opts.data && existsSync(truthFile) && (await listTrials(store)).length === 0) {
          const planted = (JSON.parse(readFileSync(truthFile, 'utf8')) as { tactic_trials?: TacticTrialTruth[] }).tactic_trials ?? [];
          for (const p of planted) {
            done = step(`registering and evaluating the planted hot-spot patrol trial in ${p.force} (${p.category} kept at ${p.factor} from ${p.start})`);
            const trial = await registerTrial(store, {
              tactic_id: DEMO_TRIAL_TACTIC, force_id: p.force, treated_lsoas: p.lsoas, start: p.start, end: p.end, categories: [p.category], allocation: 'comparison',
              title: `Hot-spot patrols against ${p.category} in ${p.lsoas.length} areas of ${p.force} (demo, planted effect ${p.factor})`,
            }, actor.actor);
            const e = await evaluateTrial(store, trial.trial_id);
            done();
            process.stderr.write(`peel demo: trial ${trial.trial_id}: rate ratio ${e.did.rate_ratio.toFixed(2)} (95% ${e.did.ci95.lower.toFixed(2)}–${e.did.ci95.upper.toFixed(2)}), planted ${p.factor}; see What works\n`);
          }
        }
        const access = createAccess(store, cfg);
        const accounts: Array<{ name: string; password: string; what: string }> = [];
        for (const a of DEMO_ACCOUNTS) {
          // No default passwords: a fresh random one each run, for an existing account too.
          if (await access.user(a.name)) {
            const password = randomPassword();
            await access.setPassword(a.name, password, actor);
            accounts.push({ name: a.name, password, what: a.what });
          } else {
            accounts.push({ ...(await createDemoAccount(access, { name: a.name, role: a.role }, actor)), what: a.what });
          }
        }
        const narrativeForces = [...new Set((await store.records.batches({ limit: 1000 })).items.flatMap((b) => b.forces))].filter((f) => f !== 'unknown').sort();
        if (narrativeForces.length) {
          const a = DEMO_INVESTIGATOR;
          const existing = await access.user(a.name);
          if (existing) {
            const password = randomPassword();
            await access.setPassword(a.name, password, actor);
            accounts.push({ name: a.name, password, what: a.what });
          } else {
            accounts.push({ ...(await createDemoAccount(access, { name: a.name, role: a.role, forces: narrativeForces }, actor)), what: a.what });
          }
        }
        return accounts;
      });

      const signIn = accounts.map((a) => `  sign in as "${a.name}" with password ${a.password}  (${a.what})\n`).join('');
      if (!opts.serve) {
        process.stdout.write(`store ready: ${cfg.store}\n${signIn}`);
        return;
      }
      const { startServer } = await import('../../api/index.ts');
      const server = await startServer(cfg, { log: (m) => process.stderr.write(`peel: ${m}\n`) });
      process.stdout.write(
        `\nPeel is running: ${server.url}\n${signIn}` +
        `  (new passwords each run)\n` +
        `  API docs: ${server.url}docs   ·   stop with Ctrl+C\n`,
      );
      // As with `peel serve`: other `peel` commands on this store run through its admin channel.
      const { openServerChannel } = await import('../channel-server.ts');
      const channel = await openServerChannel(server, cfg.store, (m) => process.stderr.write(`peel: ${m}\n`));
      const stop = () => (channel?.close() ?? Promise.resolve()).then(() => server.close()).then(() => process.exit(0), () => process.exit(1));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
};
