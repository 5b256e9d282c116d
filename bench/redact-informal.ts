/**
 * Recall and precision of extraction on informal, lower-case incident logs: the fictional labelled
 * records in test/records/fixtures/informal-logs.ndjson (victims' full names in lower case,
 * relatives by first name only, landlines written "(0113) 496 0662", addresses without postcodes,
 * rural and Welsh addresses). A found span counts when it overlaps a labelled span of the same type
 * (src/records/score.ts). Prints a table and writes bench/results/redact-informal.md.
 *
 *   npx tsx bench/redact-informal.ts [label]
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractEntities, isPersonalDataType, scoreExtraction } from '../src/records/index.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const label = process.argv[2] ?? 'now';
const recs = readFileSync(join(ROOT, 'test/records/fixtures/informal-logs.ndjson'), 'utf8').trim().split('\n')
  .map((l) => JSON.parse(l) as { record_id: string; narrative: string; entities: Array<{ start: number; end: number; type: string; text: string }> });
const score = scoreExtraction(recs.map((r) => ({
  record_id: r.record_id, labelled: r.entities,
  found: extractEntities(r.narrative, { lexicon: true }).filter((e) => isPersonalDataType(e.type)),
})));
const lines = [`## ${label} (${new Date().toISOString().slice(0, 10)}): ${recs.length} records`, '', '| type | labelled | found | recall | precision |', '|---|---|---|---|---|'];
let L = 0, H = 0, F = 0, C = 0;
for (const [t, s] of Object.entries(score.perType).sort()) {
  lines.push(`| ${t} | ${s.labelled} | ${s.found} | ${s.labelled ? (s.hit / s.labelled).toFixed(3) : '-'} | ${s.found ? (s.correct / s.found).toFixed(3) : '-'} |`);
  L += s.labelled; H += s.hit; F += s.found; C += s.correct;
}
lines.push(`| all | ${L} | ${F} | ${(H / L).toFixed(3)} | ${F ? (C / F).toFixed(3) : '-'} |`, '');
lines.push('Missed: ' + (score.misses.filter((m) => m.kind === 'missed').map((m) => `${m.type} "${m.text}"`).join('; ') || 'none'), '');
lines.push('False: ' + (score.misses.filter((m) => m.kind === 'false').map((m) => `${m.type} "${m.text}"`).join('; ') || 'none'), '');
console.log(lines.join('\n'));
mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
const file = join(ROOT, 'bench/results/redact-informal.md');
let before = '';
try { before = readFileSync(file, 'utf8'); } catch { before = '# Extraction on informal lower-case incident logs (bench/redact-informal.ts)\n\n'; }
writeFileSync(file, before + lines.join('\n') + '\n');
