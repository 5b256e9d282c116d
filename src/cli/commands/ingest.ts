/** `peel ingest`, `peel status`, `peel batches`, `peel quarantine`, `peel export`: the spine's commands. */
import cliProgress from 'cli-progress';
import { ingest, limitsFrom } from '../../ingest/index.ts';
import { runQuality, type RunSummary } from '../../quality/index.ts';
import { EXPORTABLE_TABLES, EXPORT_FORMATS, type BatchResult, type ExportableTable, type ExportFormat } from '../../store/index.ts';
import { PeelError, isForceId, isPeelError } from '../../standard/index.ts';
import { audit, auditCollection, exportObjectIds } from '../../access/index.ts';
import { userInfo } from 'node:os';
import { withCommon, configFor, printJson, type Register, type CommonOptions } from '../context.ts';
import { withStore } from '../store.ts';
import { argPath, stderrIsTTY } from '../terminal.ts';

function fmt(n: number): string {
  return n.toLocaleString('en-GB');
}

function intOption(name: string, v: string | undefined, fallback: number): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new PeelError('bad_input', `${name} must be a whole number, not "${v}"`);
  return n;
}

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

  withCommon(program.command('status').description('forces in the store, the months they hold and row counts')).action(async (opts: CommonOptions) => {
    const status = await withStore(configFor(config, opts), (s) => s.status());
    if (opts.json) return printJson(status);
    if (!status.forces.length) return console.log('the store is empty: load files with `peel ingest PATHS...`');
    for (const f of status.forces) {
      const span = f.months.length ? `${f.months[0]}..${f.months[f.months.length - 1]} (${f.months.length} months)` : 'no months';
      console.log(`${f.force_id.padEnd(20)} ${span.padEnd(30)} street ${fmt(f.rows.street).padStart(10)}  outcomes ${fmt(f.rows.outcomes).padStart(9)}  stop-search ${fmt(f.rows.stop_search).padStart(8)}`);
    }
  });

  withCommon(
    program.command('batches').description('every load with its provenance and row reconciliation')
      .option('--force <slug>', 'only this force').option('--limit <n>', 'rows per page', '50').option('--offset <n>', 'skip rows', '0'),
  ).action(async (opts: CommonOptions & { force?: string; limit?: string; offset?: string }) => {
    const page = await withStore(configFor(config, opts), (s) =>
      s.batches({ force: opts.force, limit: intOption('--limit', opts.limit, 50), offset: intOption('--offset', opts.offset, 0) }));
    if (opts.json) return printJson(page);
    for (const b of page.items) {
      console.log(`${b.batch_id}  ${b.finished_at}  ${b.status.padEnd(9)} ${b.kind.padEnd(11)} ${b.force_id.padEnd(18)} ${b.months.join(',').padEnd(8)} ` +
        `read ${fmt(b.rows_read)} = ${fmt(b.rows_loaded)} + ${fmt(b.rows_quarantined)}  ${b.source}`);
    }
    console.log(`${page.items.length} of ${page.total} batches`);
  });

  withCommon(
    program.command('quarantine').description('rows that failed the national standard, with file, line, raw text and reasons')
      .option('--batch <id>', 'only this batch').option('--force <slug>', 'only this force').option('--reason <code>', 'only this reason code')
      .option('--limit <n>', 'rows per page', '50').option('--offset <n>', 'skip rows', '0'),
  ).action(async (opts: CommonOptions & { batch?: string; force?: string; reason?: string; limit?: string; offset?: string }) => {
    const page = await withStore(configFor(config, opts), (s) =>
      s.quarantine({ batch: opts.batch, force: opts.force, reason: opts.reason, limit: intOption('--limit', opts.limit, 50), offset: intOption('--offset', opts.offset, 0) }));
    if (opts.json) return printJson(page);
    for (const q of page.items) console.log(`${q.source}:${q.line ?? '?'}  [${q.reasons.join(', ')}] ${q.detail ?? ''}\n    ${q.raw ?? ''}`);
    console.log(`${page.items.length} of ${page.total} quarantined rows`);
  });

  withCommon(
    program.command('export').description('write a table out as CSV (formula cells neutralised), Parquet (partitioned by force and month) or GeoJSON; audited as a disclosure')
      .argument('<table>', `one of ${EXPORTABLE_TABLES.join(', ')}`)
      .requiredOption('--format <format>', `${EXPORT_FORMATS.join(', ')}`)
      .requiredOption('--out <path>', 'file (csv, geojson, parquet of batches or quarantine) or a new or empty folder (parquet)')
      .option('--force <list>', 'only these forces (slugs separated by commas)')
      .option('--raw', 'CSV: write text cells as stored, without neutralising formula cells (for machines, never for spreadsheets)')
      .option('--why <text>', 'why the data leaves the store (kept in the audit log)')
      .option('--to <recipient>', 'who receives it (kept in the audit log; default: the file named by --out)'),
  ).action(async (table: string, opts: CommonOptions & { format: string; out: string; force?: string; raw?: boolean; why?: string; to?: string }) => {
    if (!(EXPORTABLE_TABLES as readonly string[]).includes(table)) throw new PeelError('bad_input', `cannot export "${table}": choose one of ${EXPORTABLE_TABLES.join(', ')}`);
    if (!(EXPORT_FORMATS as readonly string[]).includes(opts.format)) throw new PeelError('bad_input', `unknown --format "${opts.format}": choose ${EXPORT_FORMATS.join(', ')}`);
    if (opts.raw && opts.format !== 'csv') throw new PeelError('bad_input', `--raw applies to CSV only, not --format ${opts.format}`);
    const forces = opts.force?.split(',').map((f) => f.trim()).filter(Boolean);
    for (const f of forces ?? []) if (!isForceId(f)) throw new PeelError('bad_input', `unknown force "${f}" in --force: use data.police.uk slugs such as avon-and-somerset`);
    const r = await withStore(configFor(config, opts), async (s) => {
      const done = await s.exportTable(table as ExportableTable, opts.format as ExportFormat, opts.out, { forces, raw: opts.raw });
      await audit(s, {
        actor: `cli:${userInfo().username}`, action: 'disclosure', outcome: 'success',
        justification: opts.why ?? 'command-line export by the store operator (no --why given)', recipient: opts.to ?? `file ${done.path}`,
        objectIds: exportObjectIds(table, opts.format, done), forceId: done.forces.length === 1 ? done.forces[0] : null,
        detail: { command: 'peel export', table, format: opts.format, rows: done.rows, raw: opts.raw === true },
      });
      return done;
    });
    if (opts.json) return printJson({ table, format: opts.format, ...r });
    console.log(`wrote ${fmt(r.rows)} rows of ${table} (${r.forces.length} ${r.forces.length === 1 ? 'force' : 'forces'}${r.months ? `, ${r.months.from} to ${r.months.to}` : ''}) to ${r.path}`);
  });
};
