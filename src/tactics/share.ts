/**
 * Sharing what works: a versioned JSON document holding a tactic, its trials' registrations (with
 * amendments) and evaluations, and a content hash, so another force or the Centre can load it and
 * see exactly what was done. Import checks the schema and the hash before anything is stored, and
 * refuses a trial id already held with a different registration (a registration is never written over).
 */
import { readFileSync } from 'node:fs';
import { PeelError } from '../standard/index.ts';
import { TacticsContract as C } from '../contract/index.ts';
import type { Store } from '../store/index.ts';
import { sha256Of } from './canonical.ts';
import { getTactic, latestEvaluation, listTrials } from './trials.ts';

export async function exportTactic(store: Store, tacticId: string, force: string | null, now = new Date()): Promise<C.TacticsDocument> {
  const tactic = await getTactic(store, tacticId);
  const trials = (await listTrials(store)).filter((t) => t.registration.tactic_id === tacticId && (force === null || t.registration.force_id === force));
  const evaluations: C.Evaluation[] = [];
  for (const t of trials) {
    const e = await latestEvaluation(store, t.trial_id);
    if (e) evaluations.push(e);
  }
  const body = { tactic, trials, evaluations };
  return { format: 'peel-tactics', version: C.TACTICS_DOCUMENT_VERSION, exported_at: now.toISOString(), exported_by_force: force, ...body, content_hash: sha256Of(body) };
}

export interface ImportReport {
  readonly tactic_id: string;
  readonly trials_added: string[];
  readonly trials_already_held: string[];
  readonly evaluations_added: number;
}

export async function importTactics(store: Store, file: string): Promise<ImportReport> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new PeelError('bad_input', `${file}: not a readable JSON document (${(e as Error).message})`);
  }
  const r = C.TacticsDocument.safeParse(raw);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new PeelError('bad_input', `${file}: not a Peel tactics document: ${i.path.join('.') || '(top)'}: ${i.message}`);
  }
  const doc = r.data;
  const hash = sha256Of({ tactic: doc.tactic, trials: doc.trials, evaluations: doc.evaluations });
  if (hash !== doc.content_hash) throw new PeelError('bad_input', `${file}: content hash ${doc.content_hash.slice(0, 12)}… does not match the content (${hash.slice(0, 12)}…): the document was changed after export`);
  for (const t of doc.trials) {
    if (sha256Of(t.registration) !== t.registration_hash) throw new PeelError('bad_input', `${file}: trial ${t.trial_id}'s registration does not match its registration hash`);
  }
  const added: string[] = [];
  const held: string[] = [];
  const existing = await store.tactics.tactics();
  if (!existing.some((t) => t.tactic_id === doc.tactic.tactic_id && t.origin !== 'imported')) {
    await store.tactics.saveTactic(doc.tactic.tactic_id, JSON.stringify(doc.tactic), 'imported');
  }
  let evals = 0;
  for (const t of doc.trials) {
    const mine = await store.tactics.trial(t.trial_id);
    if (mine) {
      if (mine.trial.registration_hash !== t.registration_hash) throw new PeelError('conflict', `${file}: trial ${t.trial_id} is already held with a different registration; nothing imported for it`);
      held.push(t.trial_id);
      continue;
    }
    await store.tactics.registerTrial({
      force_id: t.registration.force_id, trial_id: t.trial_id, tactic_id: t.registration.tactic_id, registration: JSON.stringify(t.registration),
      registration_hash: t.registration_hash, registered_at: t.registered_at, registered_by: t.registered_by,
    });
    for (const a of t.amendments) {
      await store.tactics.amendTrial(t.registration.force_id, t.trial_id, { at: a.at, by: a.by, reason: a.reason, registration: JSON.stringify(a.registration), hash: a.hash });
    }
    for (const e of doc.evaluations.filter((x) => x.trial_id === t.trial_id)) {
      await store.tactics.saveEvaluation(t.registration.force_id, t.trial_id, e.evaluated_at, JSON.stringify(e));
      evals++;
    }
    added.push(t.trial_id);
  }
  return { tactic_id: doc.tactic.tactic_id, trials_added: added, trials_already_held: held, evaluations_added: evals };
}
