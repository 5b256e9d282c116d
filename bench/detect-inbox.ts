/**
 * Alerts per force-month on a store after `peel detect` (each force on its own latest month): all
 * alerts, the inbox (within the review budget), those beyond the budget and those in recording-change
 * months. Prints a markdown table; bench/results/detect-inbox.md holds the run on ../shared/data.
 *
 *   npx tsx bench/detect-inbox.ts STORE
 */
import { withStore } from '../src/store/index.ts';
import { ownLatestMonths } from '../src/trends/index.ts';
import { loadConfig, withOverrides } from '../src/config/index.ts';

const path = process.argv[2];
if (!path) throw new Error('usage: npx tsx bench/detect-inbox.ts STORE');
await withStore(withOverrides(loadConfig(), { store: path }), async (store) => {
  const own = ownLatestMonths(await store.alerts.forceMonths());
  console.log('| force | its latest month | alerts | inbox | beyond budget | recording change |\n|---|---|---:|---:|---:|---:|');
  for (const [f, m] of [...own].sort((a, b) => a[1].localeCompare(b[1]) || a[0].localeCompare(b[0]))) {
    const all = (await store.alerts.list({ force: f, month: m, limit: 10_000 })).items.filter((a) => a.force_ids[0] === f);
    const n = (r: string) => all.filter((a) => a.review === r).length;
    console.log(`| ${f} | ${m} | ${all.length} | ${n('inbox')} | ${n('beyond_budget')} | ${n('recording_change')} |`);
  }
});
