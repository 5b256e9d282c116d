/**
 * Exports of the quality results: one self-contained HTML report (league table, a page per force
 * with its score trend and findings; ECharts inlined, so it reads offline) and findings as CSV.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { getForce } from '../standard/index.ts';
import type { LeagueRow, ScoreRow } from '../store/index.ts';
import { CHECKS, CHECK_IDS, DIMENSIONS } from './checks.ts';
import type { Finding } from './index.ts';

export interface ReportData {
  readonly generated: string;
  readonly league: { readonly from: string; readonly to: string; readonly rows: readonly LeagueRow[] };
  readonly scores: readonly ScoreRow[];
  readonly findings: readonly Finding[];
  /** Findings in the store, when `findings` is a subset. */
  readonly findingsTotal: number;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const fmt = (x: number | null) => (x === null || Number.isNaN(x) ? '–' : x.toFixed(0));
const forceName = (id: string) => getForce(id)?.name ?? id;

function echartsSource(): string {
  const require = createRequire(import.meta.url);
  return readFileSync(require.resolve('echarts/dist/echarts.min.js'), 'utf8');
}

const CSV_COLUMNS = ['severity', 'check', 'dimension', 'force_id', 'month', 'dataset', 'subject', 'value', 'threshold', 'message', 'sample_ids', 'finding_id'] as const;

function csvField(v: unknown): string {
  const s = v === null || v === undefined ? '' : Array.isArray(v) ? v.join(' ') : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Findings as CSV (one row each, sample ids separated by spaces). */
export function findingsCsv(findings: readonly Finding[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const f of findings) lines.push(CSV_COLUMNS.map((c) => csvField(f[c])).join(','));
  return lines.join('\n') + '\n';
}

/** One HTML file: league table, a section per force (trend chart + findings), check definitions. */
export function renderReportHtml(d: ReportData): string {
  const forces = [...new Set([...d.league.rows.map((r) => r.force_id), ...d.findings.map((f) => f.force_id)])].sort();
  const trend: Record<string, Record<string, Array<[string, number]>>> = {};
  for (const s of d.scores) ((trend[s.force_id] ??= {})[s.dimension] ??= []).push([s.month, Math.round(s.score * 10) / 10]);
  const byForce = new Map<string, Finding[]>();
  for (const f of d.findings) (byForce.get(f.force_id) ?? byForce.set(f.force_id, []).get(f.force_id)!).push(f);

  const league = d.league.rows.map((r) => `<tr><td>${r.rank}</td><td><a href="#f-${esc(r.force_id)}">${esc(forceName(r.force_id))}</a></td>
    <td class="n"><b>${fmt(r.overall)}</b></td>${DIMENSIONS.map((k) => `<td class="n">${fmt(r.dimensions[k] ?? null)}</td>`).join('')}
    <td class="n">${r.months}</td><td class="n sev-high">${r.findings.high}</td><td class="n sev-medium">${r.findings.medium}</td><td class="n">${r.findings.low}</td></tr>`).join('\n');

  const sections = forces.map((f) => {
    const fs = byForce.get(f) ?? [];
    const rows = fs.map((x) => `<tr class="sev-${x.severity}"><td>${x.severity}</td><td>${esc(x.check)}</td><td>${esc(x.dataset)}</td>
      <td>${esc(x.month ?? '')}</td><td>${esc(x.message)}</td><td class="ids">${esc(x.sample_ids.slice(0, 3).join(' '))}</td></tr>`).join('\n');
    return `<section id="f-${esc(f)}"><h2>${esc(forceName(f))} <small>${esc(f)}</small></h2>
      <div class="chart" data-force="${esc(f)}"></div>
      <table><thead><tr><th>severity</th><th>check</th><th>dataset</th><th>month</th><th>what was found</th><th>sample ids</th></tr></thead>
      <tbody>${rows || '<tr><td colspan="6">no findings</td></tr>'}</tbody></table><p><a href="#top">back to the league table</a></p></section>`;
  }).join('\n');

  const defs = CHECK_IDS.map((id) => `<tr><td>${esc(id)}</td><td>${CHECKS[id].dimension}</td><td>${esc(CHECKS[id].definition)}</td>
    <td>${Object.entries(CHECKS[id].thresholds).map(([ds, t]) => `${ds}: &gt; ${t.threshold === Infinity ? '∞' : +t.threshold.toFixed(4)}`).join('<br>')}</td></tr>`).join('\n');

  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Peel data quality report</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:2rem;color:#1b1b1b;max-width:1200px}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}th,td{border-bottom:1px solid #ddd;padding:.25rem .4rem;text-align:left;vertical-align:top}
th{background:#f3f3f3}.n{text-align:right}.ids{font:11px monospace;color:#555;word-break:break-all}
.sev-high td:first-child,.sev-high{color:#b00020;font-weight:600}.sev-medium td:first-child,.sev-medium{color:#a05a00}
.chart{height:260px;margin:.5rem 0}small{color:#666;font-weight:normal}section{border-top:2px solid #333;margin-top:2rem}
</style></head><body id="top">
<h1>Data quality against the national standard</h1>
<p>Generated ${esc(d.generated)}. Scores are 0–100 per dimension of the UK Government Data Quality Framework, averaged over
${esc(d.league.from)} to ${esc(d.league.to)}; a check's score is 100 × (1 − value ÷ its zero point), a dimension's the mean of its checks,
the overall score the mean of the dimensions. Findings: ${d.findings.length} shown of ${d.findingsTotal}.</p>
<h2>League table</h2>
<table><thead><tr><th>rank</th><th>force</th><th>overall</th>${DIMENSIONS.map((k) => `<th>${k}</th>`).join('')}<th>months</th><th>high</th><th>medium</th><th>low</th></tr></thead>
<tbody>${league}</tbody></table>
${sections}
<section><h2>Checks</h2><table><thead><tr><th>check</th><th>dimension</th><th>definition</th><th>finding when</th></tr></thead><tbody>${defs}</tbody></table></section>
<script>${echartsSource()}</script>
<script>
const TREND = ${JSON.stringify(trend).replace(/</g, '\\u003c')};
const DIMS = ${JSON.stringify(['overall', ...DIMENSIONS])};
for (const el of document.querySelectorAll('.chart')) {
  const t = TREND[el.dataset.force] || {};
  const chart = echarts.init(el, null, { renderer: 'svg' });
  chart.setOption({
    animation: false, tooltip: { trigger: 'axis' }, legend: { top: 0 },
    grid: { left: 40, right: 10, top: 30, bottom: 25 },
    xAxis: { type: 'category', data: [...new Set(Object.values(t).flat().map((p) => p[0]))].sort() },
    yAxis: { type: 'value', min: 0, max: 100 },
    series: DIMS.filter((k) => t[k]).map((k) => ({ name: k, type: 'line', showSymbol: false, data: t[k], lineStyle: { width: k === 'overall' ? 3 : 1 } })),
  });
}
</script></body></html>
`;
}
