/**
 * Prints how fast the narrative generator writes records, and the truth it plants. Not a test:
 * run it by hand, `node bin/run-ts.mjs src/synth/narratives/measure-rate.ts [count] [seed]`.
 * Reports wall time and CPU time (the machine may be shared), both including JSON serialisation
 * of every record and its labels, as `peel synth` does.
 */
import { TERRITORIAL_FORCE_IDS } from '../../standard/index.ts';
import { generateNarratives } from './index.ts';

const count = Number(process.argv[2] ?? 100_000);
const seed = Number(process.argv[3] ?? 1);
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const { items, truth } = generateNarratives({ seed, forces: TERRITORIAL_FORCE_IDS, endMonth: '2025-06', months: 36, count });
let bytes = 0, entities = 0, peakHeap = 0, n = 0;
for (const it of items) {
  bytes += JSON.stringify(it.record).length + JSON.stringify(it.labels).length + 2;
  entities += it.labels.entities.length;
  if (++n % 50_000 === 0) peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
}
const wall = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
const cpuS = (cpu.user + cpu.system) / 1e6;
peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
console.log(`records        ${count}`);
console.log(`wall           ${wall.toFixed(1)} s   ${Math.round(count / wall)} records/s`);
console.log(`cpu            ${cpuS.toFixed(1)} s   ${Math.round(count / cpuS)} records/s`);
console.log(`entities       ${entities} (${(entities / Math.max(1, count)).toFixed(1)} per record)`);
console.log(`ndjson         ${(bytes / 1e6).toFixed(0)} MB, peak heap ${(peakHeap / 1e6).toFixed(0)} MB`);
console.log(`truth          ${truth.cross_force_offenders.length} cross-force offenders, ${truth.duplicate_incidents.length} duplicate incidents, ${truth.emerging_mo.length} emerging MO`);
for (const m of truth.emerging_mo) {
  console.log(`  ${m.mo_id}: ${m.origin_force} from ${m.start_month} -> ${m.spread.map((s) => `${s.force_id}@${s.first_month}`).join(', ')} (${m.record_ids.length} records)`);
}
