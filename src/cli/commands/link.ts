/**
 * `peel link --in A.csv [--in B.csv] --id-column COL [--fields a,b] [--threshold P]
 * [--pairs-out F.csv] [--clusters-out F.csv] [--explain [N]] [--json]`: probabilistic record
 * linkage (Fellegi–Sunter, EM) of one CSV file (deduplicate) or two (link across). Thin: parses
 * flags, calls src/linkage, renders and writes the files.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Command } from 'commander';
import { PeelError } from '../../standard/index.ts';
import {
  COMPARISON_KINDS, clustersCsv, explainPair, link, linkInputOf, linkSummary, pairsCsv, readLinkCsv,
  type ComparisonKind, type Explanation, type LinkResult,
} from '../../linkage/index.ts';
import { userInfo } from 'node:os';
import { linkPersons } from '../../linkage/index.ts';
import { withStore } from '../../store/index.ts';
import { audit } from '../../access/index.ts';
import { configFor, printJson, withCommon, type CommonOptions, type Register } from '../context.ts';
import type { PeelConfig } from '../../config/index.ts';

interface LinkFlags {
  in: string[];
  idColumn: string;
  fields?: string;
  compare?: string[];
  block?: string;
  threshold: string;
  pairsOut?: string;
  clustersOut?: string;
  explain?: string | boolean;
  explainIds?: string;
  seed: string;
  json?: boolean;
}

const collect = (v: string, prev: string[] = []) => [...prev, v];

async function writeLines(path: string, chunks: Iterable<string>): Promise<void> {
  const out = createWriteStream(path);
  const failed = once(out, 'error').then(([e]) => {
    throw new PeelError('unreadable_input', `cannot write ${path}: ${(e as Error).message}`);
  });
  for (const c of chunks) if (!out.write(c)) await Promise.race([once(out, 'drain'), failed]);
  out.end();
  await Promise.race([once(out, 'finish'), failed]);
}

/** The pairs to explain: the N most probable above the threshold and the N closest to it on either side. */
function pairsToExplain(r: LinkResult, n: number): number[] {
  const idx = Array.from({ length: r.pairs.length }, (_, k) => k);
  const top = idx.filter((k) => r.pairs.probability[k] >= r.threshold).sort((x, y) => r.pairs.weight[y] - r.pairs.weight[x]).slice(0, n);
  const t = Math.log2(r.threshold / (1 - r.threshold));
  const near = idx.filter((k) => !top.includes(k)).sort((x, y) => Math.abs(r.pairs.weight[x] - t) - Math.abs(r.pairs.weight[y] - t)).slice(0, n);
  return [...top, ...near];
}

export const registerLink: Register = (program: Command, config: PeelConfig) => {
  withCommon(program.command('link-persons'))
    .description('link the people named in the store\'s narratives across records and forces (same person, other spellings); `peel records entity PERSON NAME` then shows them with why')
    .requiredOption('--why <text>', 'why you link them (kept in the audit log; linking combines records of every force)')
    .option('--threshold <p>', 'match probability at or above which two mentions are the same person', '0.9')
    .action(async (flags: CommonOptions & { why?: string; threshold: string }) => {
      const why = (flags.why ?? '').trim();
      if (why.length < 5) throw new PeelError('bad_input', '--why is required: say why (5 characters or more, e.g. a case reference); it is kept in the audit log');
      const threshold = Number(flags.threshold);
      if (!(threshold > 0 && threshold < 1)) throw new PeelError('bad_input', `--threshold must be a probability strictly between 0 and 1, got "${flags.threshold}"`);
      const s = await withStore(configFor(config, flags), async (store) => {
        const r = await linkPersons(store, { threshold });
        // DPA 2018 s.62: linking people across records and forces is a combination.
        await audit(store, {
          actor: `cli:${userInfo().username}`, action: 'combination', outcome: 'success', justification: why,
          objectIds: [`person-link-run:${r.run_id}`], forceId: null,
          detail: { command: 'peel link-persons', persons: r.persons, links: r.links, entities: r.entities },
        });
        return r;
      });
      if (flags.json) return printJson(s);
      process.stdout.write(`${s.persons} named persons, ${s.candidate_pairs} candidate pairs: ${s.links} links at or above ${s.threshold}, ${s.linked_entities} persons seen in two records or more (${s.entities} entities); run ${s.run_id} in ${s.seconds.toFixed(1)} s\n`);
    });

  program
    .command('link')
    .description('find the same person across records: deduplicate one CSV file, or link two, by Fellegi–Sunter with EM; every pair explained')
    .requiredOption('--in <file>', 'a CSV file with a header row (give twice to link two files)', collect)
    .requiredOption('--id-column <col>', 'the column holding each record\'s id (unique within its file)')
    .option('--fields <a,b,...>', 'columns to compare (default: every column but the id, present in every input)')
    .option('--compare <field=kind>', `how to compare a column, when its content does not say (repeat): ${COMPARISON_KINDS.join(', ')}`, collect)
    .option('--block <rules>', 'blocking rules: comma-separated, terms of one rule joined by +; a term is a field or a part of one (dob:year, postcode:district, postcode:sector, surname:initial), e.g. surname+dob,first_name+dob:year,phone; default: chosen from the data')
    .option('--threshold <p>', 'match probability at or above which a pair is a match and joins a cluster', '0.9')
    .option('--pairs-out <file>', 'write the pairs at or above the threshold: id_a,id_b,match_probability,match_weight')
    .option('--clusters-out <file>', 'write every record\'s cluster: id,cluster_id')
    .option('--explain [n]', 'explain the n most probable pairs and the n nearest the threshold, field by field (default 3)')
    .option('--explain-ids <a,b>', 'explain the pair of these two ids (compared or not)')
    .option('--seed <n>', 'seed of the random pairs that estimate u', '20')
    .option('--json', 'print one JSON document: records, candidate_pairs, pairs_above_threshold, clusters, lambda, m, u, seconds')
    .action(async (flags: LinkFlags) => {
      const t0 = performance.now();
      if (flags.in.length > 2) throw new PeelError('bad_input', `--in: give one file (deduplicate) or two (link), got ${flags.in.length}`);
      const threshold = Number(flags.threshold);
      if (!(threshold > 0 && threshold < 1)) throw new PeelError('bad_input', `--threshold must be a probability strictly between 0 and 1, got "${flags.threshold}"`);
      const seed = Number(flags.seed);
      if (!Number.isInteger(seed)) throw new PeelError('bad_input', `--seed must be an integer, got "${flags.seed}"`);
      const explainN = flags.explain === undefined ? 0 : flags.explain === true ? 3 : Number(flags.explain);
      if (!Number.isInteger(explainN) || explainN < 0) throw new PeelError('bad_input', `--explain takes a number of pairs, got "${String(flags.explain)}"`);
      const comparisons: Record<string, ComparisonKind> = {};
      for (const c of flags.compare ?? []) {
        const [field, kind] = c.split('=').map((s) => s.trim());
        if (!field || !(COMPARISON_KINDS as readonly string[]).includes(kind)) {
          throw new PeelError('bad_input', `--compare takes field=kind with kind one of ${COMPARISON_KINDS.join(', ')}, got "${c}"`);
        }
        comparisons[field] = kind as ComparisonKind;
      }
      const fields = flags.fields?.split(',').map((f) => f.trim()).filter(Boolean);
      const blocking = flags.block?.split(',').map((r) => r.split('+').map((f) => f.trim()).filter(Boolean)).filter((r) => r.length);
      const tables = flags.in.map((p) => readLinkCsv(p, flags.idColumn));
      const { input, fields: compared } = linkInputOf(tables, flags.idColumn, fields);
      for (const f of Object.keys(comparisons)) if (!compared.includes(f)) throw new PeelError('bad_input', `--compare ${f}=${comparisons[f]}: "${f}" is not a compared field (${compared.join(', ')})`);
      const r = link(input, {
        fields, comparisons, blocking, threshold, seed,
        onProgress: flags.json ? undefined : (stage, detail) => process.stderr.write(`${stage}: ${detail}\n`),
      });
      if (flags.pairsOut) await writeLines(flags.pairsOut, pairsCsv(r));
      if (flags.clustersOut) await writeLines(flags.clustersOut, clustersCsv(r));
      const explanations: Explanation[] = pairsToExplain(r, explainN).map((k) => explainPair(r, r.pairs.a[k], r.pairs.b[k]));
      if (flags.explainIds) {
        const ids = flags.explainIds.split(',').map((s) => s.trim());
        const at = ids.map((id) => input.ids.indexOf(id));
        if (ids.length !== 2 || at.some((i) => i < 0)) throw new PeelError('bad_input', `--explain-ids takes two ids of the inputs, got "${flags.explainIds}"${at.some((i) => i < 0) ? ` (not found: ${ids.filter((_, x) => at[x] < 0).join(', ')})` : ''}`);
        explanations.push(explainPair(r, at[0], at[1]));
      }
      const summary = linkSummary(r, (performance.now() - t0) / 1000);
      if (flags.json) return printJson(explanations.length ? { ...summary, explanations } : summary);
      const out = (l: string) => process.stdout.write(`${l}\n`);
      out(`${r.records} records${input.source ? ` (${tables[0].lines.length} in ${tables[0].path}, ${tables[1].lines.length} in ${tables[1].path})` : ''}; ${r.pairs.length} candidate pairs from blocking on ${r.model.blocking.map((b) => b.join('+')).join(', ')}`);
      out(`${r.pairsAboveThreshold} pairs at or above ${threshold}; ${r.clustering.clusters} clusters (${r.clustering.multi} of two records or more)${r.clustering.chainedSplit ? `; ${r.clustering.chainedSplit} chained cluster(s) cut` : ''}`);
      out(`prior: two records match with probability ${r.model.lambda.toPrecision(3)}`);
      out('field              comparison  level                    m         u          weight');
      for (const f of r.model.fields) {
        f.levels.forEach((l, i) => out(`${(i === 0 ? f.name : '').padEnd(18)} ${(i === 0 ? `${f.kind}${f.chosen === 'detected' ? '*' : ''}` : '').padEnd(11)} ${l.padEnd(22)} ${f.m[i].toFixed(4).padStart(8)}  ${f.u[i].toExponential(2).padStart(9)}  ${f.weights[i] >= 0 ? '+' : ''}${f.weights[i].toFixed(2)}`));
      }
      out('(* chosen from the column\'s content)');
      for (const w of r.warnings) out(`warning: ${w}`);
      for (const e of explanations) {
        out(`\n${e.id_a} ~ ${e.id_b}`);
        for (const l of e.lines) out(`  ${l}`);
      }
      if (flags.pairsOut) out(`pairs written to ${flags.pairsOut}`);
      if (flags.clustersOut) out(`clusters written to ${flags.clustersOut}`);
      out(`${summary.seconds.toFixed(1)} s`);
    });
};
