/** `peel export`: a table written out as CSV, Parquet or GeoJSON, audited as a disclosure. */
import { userInfo } from 'node:os';
import { EXPORTABLE_TABLES, EXPORT_FORMATS, type ExportableTable, type ExportFormat } from '../../store/index.ts';
import { withStore } from '../store.ts';
import { PeelError, isForceId } from '../../standard/index.ts';
import { audit, exportObjectIds } from '../../access/index.ts';
import { withCommon, configFor, printJson, type Register, type CommonOptions } from '../context.ts';
import { fmt } from '../numbers.ts';

export const registerExport: Register = (program, config) => {
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
