/** `peel ingest`: load data.police.uk files (the store's other spine commands are in ./status.ts and ./export.ts). */
import cliProgress from 'cli-progress';
import { userInfo } from 'node:os';
import { ingest, limitsFrom } from '../../ingest/index.ts';
import { runQuality, type RunSummary } from '../../quality/index.ts';
import type { BatchResult } from '../../store/index.ts';
import { isPeelError } from '../../standard/index.ts';
import { auditCollection } from '../../access/index.ts';
import { withCommon, configFor, printJson, type Register, type CommonOptions } from '../context.ts';
import { fmt } from '../numbers.ts';
import { withStore } from '../store.ts';
import { argPath, stderrIsTTY } from '../terminal.ts';


/** One batch's line: status, what it is, the reconciliation, and for a replacement the rows before and after. */
function batchLine(b: BatchResult): string {
  const counts = b.status === 'superseded'
    ? `not read`
    : `read ${fmt(b.rows_read)} = loaded ${fmt(b.rows_loaded)} + quarantined ${fmt(b.rows_quarantined)}`;
  const change = b.status === 'replaced' ? `  rows before ${fmt(b.rows_before)}, after ${fmt(b.rows_loaded)}`
    : b.status === 'refused' ? `  rows held ${fmt(b.rows_before)}, offered ${fmt(b.rows_loaded)}: nothing written` : '';
  return `${b.status.padEnd(10)} ${b.kind.padEnd(11)} ${b.force_id.padEnd(20)} ${b.months.join(',').padEnd(8)} ${counts}${change}  ${b.source}` +
    (b.detail && b.status !== 'unchanged' ? `\n           ${b.detail}` : '');
}

/**
 * The run's totals, kept apart by what happened: rows read and loaded count only files that were
 * loaded or replaced (unchanged files are not read again; superseded and refused ones wrote nothing).
 */
export function ingestTotals(batches: readonly BatchResult[], elapsedMs: number): string {
  const n = (s: BatchResult['status']) => batches.filter((b) => b.status === s);
  const written = batches.filter((b) => b.status === 'loaded' || b.status === 'replaced');
  const sum = (bs: readonly BatchResult[], k: 'rows_read' | 'rows_loaded' | 'rows_quarantined' | 'rows_before') => bs.reduce((a, b) => a + b[k], 0);
  const files = (['loaded', 'replaced', 'unchanged', 'superseded', 'refused'] as const).map((s) => [s, n(s).length] as const).filter(([, k]) => k > 0);
  const secs = elapsedMs / 1000;
  const read = sum(written, 'rows_read');
  const lines = [
    `${batches.length} files: ${files.map(([s, k]) => `${k} ${s}`).join(', ') || 'none'}`,
    `rows of loaded and replaced files: read ${fmt(read)} = loaded ${fmt(sum(written, 'rows_loaded'))} + quarantined ${fmt(sum(written, 'rows_quarantined'))} ` +
      `in ${secs.toFixed(1)} s (${fmt(Math.round(read / Math.max(secs, 1e-3)))} rows/s)`,
  ];
  if (n('replaced').length) lines.push(`replaced force-months held ${fmt(sum(n('replaced'), 'rows_before'))} rows before, ${fmt(sum(n('replaced'), 'rows_loaded'))} after`);
  if (n('unchanged').length) lines.push(`unchanged files: ${fmt(sum(n('unchanged'), 'rows_loaded'))} rows already held, not read again`);
  return lines.join('\n');
}

export const registerIngest: Register = (program, config) => {
  withCommon(
    program
      .command('ingest')
      .description('load data.police.uk street, outcomes and stop-and-search files, folders or monthly archive zips')
      .argument('<paths...>', 'files, folders (searched recursively) or .zip archives')
      .option('--force <slug>', 'the force of files whose name does not say (e.g. renamed stop-and-search files); must agree with any data.police.uk name')
      .option('--allow-shrink', `replace held force-months even with far fewer rows (under ${config.shrinkRatio * 100}% of them, PEEL_SHRINK_RATIO), which is otherwise refused`),
  ).action(async (paths: string[], opts: CommonOptions & { force?: string; allowShrink?: boolean }) => {
    const cfg = configFor(config, opts);
    const showBar = !opts.json && stderrIsTTY();
    const bar = showBar
      ? new cliProgress.SingleBar({ format: 'ingest |{bar}| {value}/{total} files | {rows} rows | {rate} rows/s', hideCursor: true, stream: process.stderr }, cliProgress.Presets.shades_classic)
      : null;
    let started = false;
    let quality: RunSummary | undefined;
    // Each group is printed as it commits (after the run when a bar is showing), so an error
    // part-way still shows what was committed before it.
    const reported: BatchResult[] = [];
    const toJson = (b: BatchResult) => ({
      batch_id: b.batch_id, source: b.source, kind: b.kind, force_id: b.force_id, months: b.months,
      rows_read: b.rows_read, rows_loaded: b.rows_loaded, rows_quarantined: b.rows_quarantined, rows_before: b.rows_before, status: b.status, detail: b.detail ?? null,
    });
    let report;
    try {
      report = await withStore(cfg, async (store) => {
        return ingest(store, paths.map(argPath), {
          force: opts.force,
          ...limitsFrom(cfg),
          allowShrink: opts.allowShrink ?? false,
          shrinkRatio: cfg.shrinkRatio,
          // DPA 2018 s.62: every load is a collection (a replaced month an alteration), logged with
          // ids and counts only, in the load's own transaction.
          audit: async (batches) => void (await auditCollection(store, batches, { actor: `cli:${userInfo().username}` })),
          onCommitted: (batches) => {
            reported.push(...batches);
            if (!bar && !opts.json) for (const b of batches) console.log(batchLine(b));
          },
          onProgress: (p) => {
            if (!bar) return;
            const payload = { rows: fmt(p.rows), rate: fmt(Math.round(p.rows / Math.max(p.elapsedMs / 1000, 1e-3))) };
            if (!started) (bar.start(p.filesTotal, p.filesDone, payload), (started = true));
            else bar.update(p.filesDone, payload);
          },
        });
      }).finally(() => bar?.stop());
    } catch (e) {
      // The error's own list is the whole run's (the shrink guard adds the refused files).
      const all = isPeelError(e) && Array.isArray(e.details.batches) ? (e.details.batches as BatchResult[]) : reported;
      if (opts.json) printJson({ batches: all.map(toJson), error: (e as Error).message });
      else if (bar) for (const b of all) console.log(batchLine(b));
      else for (const b of all.filter((x) => !reported.includes(x))) console.log(batchLine(b));
      throw e;
    }
    if (opts.json) {
      printJson({ batches: report.batches.map(toJson), ignored: report.ignored, skipped: report.skipped, quality: quality ?? null });
      return;
    }
    if (bar) for (const b of report.batches) console.log(batchLine(b));
    console.log(ingestTotals(report.batches, report.elapsed_ms));
    for (const k of report.skipped) console.log(`skipped   ${k.source}: ${k.reason}`);
    if (report.ignored.length) console.log(`ignored ${report.ignored.length} files that are not data.police.uk CSV files (e.g. ${report.ignored[0]})`);
    if (quality) console.log(`quality: ${quality.force_months} force-months rechecked, ${fmt(quality.findings)} findings stored (see \`peel quality\`)`);
  });
};
