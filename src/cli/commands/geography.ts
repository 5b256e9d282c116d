/** `peel geography load PATHS...` and `peel geography status`: the ONS lookups and force boundaries. */
import { loadGeography, geographyStatus } from '../../geography/index.ts';
import { withStore } from '../../store/index.ts';
import { withCommon, configFor, printJson, type Register, type CommonOptions } from '../context.ts';

export const registerGeography: Register = (program, config) => {
  const geo = program.command('geography').description('ONS lookups (LSOA → local authority → police force area), LSOA points and force boundaries');
  withCommon(
    geo.command('load')
      .description('load the ONS lookup CSVs, lsoa_latlong.csv, la_all_codes.csv and Police_Force_Areas.geojson (files or folders)')
      .argument('<paths...>', 'files or folders (searched recursively)'),
  ).action(async (paths: string[], opts: CommonOptions) => {
    const r = await withStore(configFor(config, opts), (s) => loadGeography(s, paths));
    if (opts.json) return printJson(r);
    for (const l of r.loaded) console.log(`loaded ${l.kind.padEnd(12)} ${l.rows.toLocaleString('en-GB').padStart(7)} rows  ${l.source}`);
    for (const i of r.ignored) console.log(`ignored ${i.source}: ${i.why}`);
    const s = r.status;
    console.log(`${s.lsoas.toLocaleString('en-GB')} LSOAs, ${s.lsoas_with_force.toLocaleString('en-GB')} placed in a force, ` +
      `${s.lsoas_with_point.toLocaleString('en-GB')} with a point; ${s.boundaries} force boundaries. Run \`peel quality run\` to recheck consistency.`);
  });
  withCommon(geo.command('status').description('which geography files are loaded')).action(async (opts: CommonOptions) => {
    const s = await withStore(configFor(config, opts), (st) => geographyStatus(st));
    if (opts.json) return printJson(s);
    if (!s.sources.length) return console.log('no geography loaded: run `peel geography load ../shared/data/geography`');
    for (const x of s.sources) console.log(`${x.kind.padEnd(12)} ${x.rows.toLocaleString('en-GB').padStart(7)} rows  ${x.loaded_at}  ${x.source}`);
  });
};
