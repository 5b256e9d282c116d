/**
 * `peel quality`: data quality against the national standard. Brings the stored results up to
 * date (incrementally), then prints findings and scores; `run`, `report`, `league` and `trend`
 * are its subcommands.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import type { Command } from 'commander';
import { dirname } from 'node:path';
import { PeelError, getForce } from '../../standard/index.ts';
import type { Store } from '../../store/index.ts';
import {
  runQuality, readFindings, CHECKS, readScores, leagueTable, scoreTrend, renderReportHtml, findingsCsv, DIMENSIONS,
  type Finding, type FindingFilter,
} from '../../quality/index.ts';
import { withCommon, configFor, printJson, type Register, type CommonOptions } from '../context.ts';
import { withStore } from '../store.ts';
import { argPath } from '../terminal.ts';

interface QualityFlags extends CommonOptions {
  force?: string;
  month?: string;
  severity?: string;
  check?: string;
  limit?: string;
}

async function allFindings(store: Store, f: FindingFilter): Promise<Finding[]> {
  const out: Finding[] = [];
  for (let offset = 0; ; offset += 10_000) {
    const page = await readFindings(store, { ...f, limit: 10_000, offset });
    out.push(...page.items);
    if (out.length >= page.total || !page.items.length) return out;
  }
}

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

export const registerQuality: Register = (program, config) => {
  const q = withCommon(
    program.command('quality')
      .description('data-quality findings and scores against the national standard (brings them up to date first)')
      .option('--force <slug>', 'only this force')
      .option('--month <YYYY-MM>', 'only this month (findings about a whole series, with no month, are kept)')
      .option('--severity <level>', 'only high, medium or low')
      .option('--check <id>', 'only this check, e.g. uniqueness.duplicate_crime_id')
      .option('--limit <n>', 'findings to print as text (default 100; --json prints all)'),
  ).action(async (opts: QualityFlags) => {
    const filter: FindingFilter = { force: opts.force, severity: opts.severity, check: opts.check };
    const out = await withStore(configFor(config, opts), async (store) => {
      await runQuality(store);
      let findings = await allFindings(store, filter);
      if (opts.month) findings = findings.filter((f) => f.month === null || f.month === opts.month);
      const scores = await readScores(store, { force: opts.force, month: opts.month });
      const noLocation = await store.quality.measures({ force: opts.force, check: 'completeness.no_location', dataset: 'street', month: opts.month });
      return { findings, scores, noLocation };
    });
    if (opts.json) {
      return printJson({
        findings: out.findings.map((f) => ({
          check: f.check, dimension: f.dimension, severity: f.severity, force_id: f.force_id, month: f.month, dataset: f.dataset,
          value: f.value, threshold: f.threshold, message: f.message, sample_ids: f.sample_ids, subject: f.subject || null,
          finding_id: f.finding_id, detail: f.detail,
        })),
        scores: out.scores.map((s) => ({ force_id: s.force_id, month: s.month, dimension: s.dimension, score: Math.round(s.score * 100) / 100 })),
      });
    }
    const limit = opts.limit === undefined ? 100 : Number(opts.limit);
    if (!Number.isInteger(limit) || limit < 0) throw new PeelError('bad_input', `--limit must be a whole number, not "${opts.limit}"`);
    const counts = { high: 0, medium: 0, low: 0 };
    for (const f of out.findings) counts[f.severity]++;
    for (const f of out.findings.slice(0, limit)) {
      console.log(`${f.severity.padEnd(6)} ${CHECKS[f.check].title.padEnd(34)} ${(getForce(f.force_id)?.name ?? f.force_id).slice(0, 30).padEnd(30)} ${(f.month ?? '-').padEnd(7)} ${f.dataset.replace('_', ' ').padEnd(11)} ${f.message}`);
    }
    if (out.findings.length > limit) console.log(`... ${out.findings.length - limit} more (use --limit, --severity, --force or --json)`);
    // Per force: the No Location share of street rows.
    const byForce = new Map<string, { rows: number; noLoc: number; months: number }>();
    for (const m of out.noLocation) {
      const e = byForce.get(m.force_id) ?? byForce.set(m.force_id, { rows: 0, noLoc: 0, months: 0 }).get(m.force_id)!;
      e.rows += m.denominator ?? 0;
      e.noLoc += m.numerator ?? 0;
      e.months++;
    }
    // Mean overall score over the months the force holds street data for (missing months score 0 and are counted by their own findings).
    const held = new Set(out.noLocation.map((m) => `${m.force_id}|${m.month}`));
    const mean = new Map<string, { sum: number; n: number }>();
    for (const s of out.scores) {
      if (s.dimension !== 'overall' || !held.has(`${s.force_id}|${s.month}`)) continue;
      const e = mean.get(s.force_id) ?? mean.set(s.force_id, { sum: 0, n: 0 }).get(s.force_id)!;
      e.sum += s.score;
      e.n++;
    }
    if (byForce.size) {
      console.log(`\nforce                          street months   street rows   No Location   mean overall score of those months`);
      for (const [f, e] of [...byForce].sort()) {
        const m = mean.get(f);
        console.log(`${(getForce(f)?.name ?? f).slice(0, 30).padEnd(30)} ${String(e.months).padStart(13)} ${e.rows.toLocaleString('en-GB').padStart(13)} ${pct(e.noLoc / Math.max(e.rows, 1)).padStart(13)}   ${m ? (m.sum / m.n).toFixed(1) : '-'}`);
      }
    }
    console.log(`\n${out.findings.length} findings: ${counts.high} high, ${counts.medium} medium, ${counts.low} low`);
  });

  q.command('run').description('run the checks now (only what changed, unless --full)').option('--full', 'recheck every force-month')
    .action(async (_o: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<CommonOptions & { full?: boolean }>();
      const r = await withStore(configFor(config, opts), (s) => runQuality(s, { full: opts.full ?? false }));
      if (opts.json) return printJson(r);
      console.log(`${r.mode} quality run ${r.run_id}: ${r.force_months} force-months recounted, series checks for ${r.forces} forces, ` +
        `${r.findings} findings stored, in ${(r.ms / 1000).toFixed(1)} s${r.geography ? '' : ' (no geography loaded: consistency checks skipped; run `peel geography load`)'}`);
    });

  q.command('report').description('write the quality report: one self-contained HTML file (default) or findings as CSV')
    .requiredOption('--out <file>', 'the file to write')
    .option('--format <format>', 'html or csv', 'html')
    .option('--months <n>', 'league-table window in months', '12')
    .action(async (_o: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<CommonOptions & { out: string; format: string; months: string }>();
    if (opts.format !== 'html' && opts.format !== 'csv') throw new PeelError('bad_input', `unknown --format "${opts.format}": choose html or csv`);
    const months = Number(opts.months);
    if (!Number.isInteger(months) || months < 1) throw new PeelError('bad_input', `--months must be a whole number ≥ 1, not "${opts.months}"`);
    const text = await withStore(configFor(config, opts), async (store) => {
      await runQuality(store);
      const findings = await allFindings(store, {});
      if (opts.format === 'csv') return findingsCsv(findings);
      return renderReportHtml({
        generated: new Date().toISOString(), league: await leagueTable(store, { months }), scores: await readScores(store),
        findings, findingsTotal: findings.length,
      });
    });
    mkdirSync(dirname(argPath(opts.out)), { recursive: true });
    writeFileSync(argPath(opts.out), text);
    if (opts.json) return printJson({ out: opts.out, format: opts.format, bytes: Buffer.byteLength(text) });
    console.log(`wrote ${opts.out} (${(Buffer.byteLength(text) / 1e6).toFixed(1)} MB, ${opts.format})`);
  });

  q.command('league').description('the national league table of quality scores').option('--to <YYYY-MM>', 'last month of the window').option('--months <n>', 'window in months', '12')
    .action(async (_o: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<CommonOptions & { to?: string; months: string }>();
      const months = Number(opts.months);
      if (!Number.isInteger(months) || months < 1) throw new PeelError('bad_input', `--months must be a whole number ≥ 1, not "${opts.months}"`);
      const t = await withStore(configFor(config, opts), async (s) => (await runQuality(s), leagueTable(s, { to: opts.to, months })));
      if (opts.json) return printJson(t);
      console.log(`Overall: ${t.basis}; ${t.forces.length} forces.`);
      console.log(`rank force                          overall ${DIMENSIONS.map((d) => d.slice(0, 11).padStart(12)).join('')}  months held  window            findings: high medium low`);
      for (const r of t.rows) {
        const name = getForce(r.force_id)?.name ?? r.force_id;
        console.log(`${String(r.rank).padStart(4)} ${name.slice(0, 30).padEnd(30)} ${r.overall.toFixed(1).padStart(7)} ${DIMENSIONS.map((d) => (r.dimensions[d] === null ? '-' : r.dimensions[d]!.toFixed(1)).padStart(12)).join('')}  ${String(r.months).padStart(11)}  ${r.from === r.to ? r.to.padEnd(16) : `${r.from}..${r.to}`}  ${String(r.findings.high).padStart(14)} ${String(r.findings.medium).padStart(6)} ${String(r.findings.low).padStart(3)}`);
      }
    });

  q.command('trend').description("a force's quality scores month by month (--force SLUG)")
    .action(async (_o: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<CommonOptions & { force?: string }>();
      if (!opts.force) throw new PeelError('bad_input', 'peel quality trend needs --force SLUG');
      const force = opts.force;
      const t = await withStore(configFor(config, opts), async (s) => (await runQuality(s), scoreTrend(s, force)));
      if (opts.json) return printJson({ force_id: force, months: t });
      console.log(`month    overall ${DIMENSIONS.map((d) => d.slice(0, 11).padStart(12)).join('')}`);
      for (const r of t) console.log(`${r.month}  ${(r.overall === null ? '-' : r.overall.toFixed(1)).padStart(6)} ${DIMENSIONS.map((d) => (r[d] === undefined ? '-' : r[d]!.toFixed(1)).padStart(12)).join('')}`);
    });
};
