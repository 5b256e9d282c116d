/**
 * Productivity: the national productivity standard (docs/productivity.md). A funnel plot per
 * measure (click a force), the force's scorecard against its comparison group and the nation, its
 * monthly trend, the category breakdown, and a printable one-page briefing. Every figure comes from
 * the API; every measure links to its definition in the standard's table at the foot of the page.
 */
import { useMemo, useState } from 'react';
import * as echarts from 'echarts/core';
import { ScatterChart, LineChart } from 'echarts/charts';
import type { ProductivityReport, ProductivityStandard } from '@peel/client';
import { api, fmt, useApi } from '../api.ts';
import { Chart, type ChartOption } from '../components/Chart.tsx';
import { ProblemNotice, Loading, Empty } from '../components/Notice.tsx';
import { href } from '../router.ts';
import { useForces, forceName, useCategoryNames } from '../shared.ts';

echarts.use([ScatterChart, LineChart]);

type Report = ProductivityReport;
type Row = Report['measures'][number];
type Def = ProductivityStandard['measures'][number];

const PLACE: Record<string, string> = {
  inside: 'within the 95 % limits', above_95: 'above the 95 % limit', above_998: 'above the 99.8 % limit',
  below_95: 'below the 95 % limit', below_998: 'below the 99.8 % limit',
};

function show(def: Def | undefined, v: number | null | undefined): string {
  if (v === null || v === undefined) return '—';
  if (!def || def.kind === 'proportion') return `${fmt(100 * v, 1)} %`;
  return fmt(v, def.kind === 'duration' ? 0 : 2);
}

function DefLink({ def }: { def: Def | undefined }) {
  if (!def) return null;
  return (
    <a href={`#/productivity`} title={def.definition} onClick={(e) => { e.preventDefault(); document.getElementById(`def-${def.id}`)?.scrollIntoView(); }}>
      {def.name}
    </a>
  );
}

function Funnel({ report, measure, def, force, names }: { report: Report; measure: string; def: Def | undefined; force: string | null; names: Parameters<typeof forceName>[0] }) {
  const curve = report.funnels.find((f) => f.measure === measure && f.category === null);
  const rows = report.measures.filter((r) => r.measure === measure && r.category === null && r.force_id !== null && r.value !== null);
  const option = useMemo<ChartOption>(() => {
    const line = (key: 'lower95' | 'upper95' | 'lower998' | 'upper998', dashed: boolean) => ({
      type: 'line', showSymbol: false, silent: true, name: key.includes('998') ? '99.8 % limits' : '95 % limits',
      lineStyle: { type: dashed ? 'dashed' : 'solid', width: 1, color: key.includes('998') ? '#a33' : '#c80' },
      data: curve?.points.map((p) => [p.n, p[key]]) ?? [],
    });
    return {
      grid: { left: 60, right: 20, top: 30, bottom: 45 },
      tooltip: { trigger: 'item', formatter: (p: { data: { name?: string; value: number[] } }) => (p.data?.name ? `${p.data.name}: ${show(def, p.data.value[1])} of ${fmt(p.data.value[0])}` : '') },
      xAxis: { type: 'log', name: def?.kind === 'rate' ? 'officer-years' : 'denominator (log scale)', nameLocation: 'middle', nameGap: 28 },
      yAxis: { type: 'value', scale: true, axisLabel: { formatter: (v: number) => show(def, v) } },
      series: [
        line('lower95', true), line('upper95', true), line('lower998', false), line('upper998', false),
        { type: 'line', name: 'national', showSymbol: false, silent: true, lineStyle: { color: '#333' }, data: curve ? [[curve.points[0].n, curve.national_value], [curve.points[curve.points.length - 1].n, curve.national_value]] : [] },
        {
          type: 'scatter', name: 'forces', symbolSize: 9,
          data: rows.map((r) => ({ name: forceName(names, r.force_id!), id: r.force_id, value: [def?.kind === 'rate' ? r.denominator : r.denominator, r.value], itemStyle: { color: r.force_id === force ? '#0b5' : r.funnel && r.funnel !== 'inside' ? '#a33' : '#36c' } })),
        },
      ],
    };
  }, [curve, rows, def, force, names]);
  if (!curve || !rows.length) return <Empty>No funnel for this measure: {def?.kind === 'duration' ? 'durations have no funnel' : 'no force has a value for the period'}.</Empty>;
  return (
    <div data-testid="funnel" onClickCapture={() => undefined}>
      <ChartWithClick option={option} label={`Funnel plot of ${def?.name ?? measure}: each force's value against its denominator, with 95 % and 99.8 % limits around the national value`}
        onPick={(id) => { location.hash = href('productivity', id); }} />
      <p className="muted">Limits widened for over-dispersion φ = {fmt(curve.phi, 2)} (Spiegelhalter 2005). Click a force to see its scorecard.</p>
      <ul className="visually-hidden">{rows.map((r) => <li key={r.force_id}><a href={href('productivity', r.force_id!)}>{forceName(names, r.force_id!)}: {show(def, r.value)}, {PLACE[r.funnel ?? 'inside']}</a></li>)}</ul>
    </div>
  );
}

/** The shared Chart, with a click on a scatter point passed on by the point's id. */
function ChartWithClick({ option, label, onPick }: { option: ChartOption; label: string; onPick: (id: string) => void }) {
  return (
    <div onClick={(e) => {
      const el = e.currentTarget.querySelector('.chart');
      const chart = el ? echarts.getInstanceByDom(el as HTMLElement) : undefined;
      if (!chart) return;
      const rect = (el as HTMLElement).getBoundingClientRect();
      const px = [e.clientX - rect.left, e.clientY - rect.top];
      const opt = chart.getOption() as { series: Array<{ type: string; data: Array<{ id?: string; value: number[] }> }> };
      const si = opt.series.findIndex((s) => s.type === 'scatter');
      let best: { id: string; d: number } | null = null;
      for (const p of opt.series[si]?.data ?? []) {
        const xy = chart.convertToPixel({ seriesIndex: si }, p.value) as number[];
        const d = Math.hypot(xy[0] - px[0], xy[1] - px[1]);
        if (p.id && d < 12 && (!best || d < best.d)) best = { id: p.id, d };
      }
      if (best) onPick(best.id);
    }}>
      <Chart option={option} label={label} height={320} />
    </div>
  );
}

function Scorecard({ report, defs, force, names }: { report: Report; defs: Map<string, Def>; force: string; names: Parameters<typeof forceName>[0] }) {
  const rows = report.measures.filter((r) => r.force_id === force && r.category === null);
  const group = report.groups.groups.find((g) => g.force_id === force);
  return (
    <section aria-labelledby="scorecard-h">
      <h2 id="scorecard-h">Scorecard: {forceName(names, force)}</h2>
      <p className="muted">Compared with {group ? <>its group ({group.members.map((m) => forceName(names, m)).join(', ')}; {group.source})</> : 'no group'} and the nation.</p>
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Force scorecard">
        <table data-testid="scorecard">
          <thead><tr><th scope="col">Measure</th><th scope="col" className="num">Force</th><th scope="col" className="num">95 % interval</th><th scope="col" className="num">Group</th><th scope="col" className="num">Nation</th><th scope="col">Funnel</th><th scope="col" className="num">Numerator / denominator</th></tr></thead>
          <tbody>{rows.map((r) => {
            const d = defs.get(r.measure);
            return (
              <tr key={r.measure}>
                <th scope="row"><DefLink def={d} /></th>
                <td className="num"><strong>{show(d, r.value)}</strong></td>
                <td className="num">{r.lower === null ? '—' : `${show(d, r.lower)} – ${show(d, r.upper)}`}</td>
                <td className="num">{show(d, r.group_value)}</td>
                <td className="num">{show(d, r.national_value)}</td>
                <td>{r.funnel ? PLACE[r.funnel] : '—'}</td>
                <td className="num">{fmt(r.numerator, Number.isInteger(r.numerator) ? 0 : 1)} / {fmt(r.denominator, Number.isInteger(r.denominator) ? 0 : 1)}</td>
              </tr>
            );
          })}</tbody>
        </table>
      </div>
    </section>
  );
}

function Categories({ report, defs, force, catNames }: { report: Report; defs: Map<string, Def>; force: string | null; catNames: Map<string, string> | undefined }) {
  const cols = ['charge_rate', 'positive_outcome_rate', 'no_suspect_share', 'unresolved_share'];
  const rows = report.measures.filter((r) => r.force_id === force && r.category !== null);
  const cats = [...new Set(rows.map((r) => r.category!))];
  const get = (c: string, m: string) => rows.find((r) => r.category === c && r.measure === m);
  return (
    <section aria-labelledby="cats-h">
      <h2 id="cats-h">By crime category{force ? '' : ' (national)'}</h2>
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Measures by crime category">
        <table data-testid="categories">
          <thead><tr><th scope="col">Category</th><th scope="col" className="num">Crimes</th>{cols.map((c) => <th key={c} scope="col" className="num"><DefLink def={defs.get(c)} /></th>)}</tr></thead>
          <tbody>{cats.map((c) => (
            <tr key={c}><th scope="row">{catNames?.get(c) ?? c}</th><td className="num">{fmt(get(c, 'charge_rate')?.denominator)}</td>
              {cols.map((m) => <td key={m} className="num">{show(defs.get(m), get(c, m)?.value)}</td>)}</tr>
          ))}</tbody>
        </table>
      </div>
    </section>
  );
}

function Trend({ force, measure, def, to }: { force: string | null; measure: string; def: Def | undefined; to: string }) {
  const t = useApi((signal) => api.productivityTrends({ to, force: force ?? undefined, measure }, signal), [force, measure, to]);
  if (t.error) return <ProblemNotice error={t.error} what="The trend" />;
  if (!t.data) return <Loading what="the trend" />;
  const nat = t.data.series.find((s) => s.force_id === null);
  const mine = force ? t.data.series.find((s) => s.force_id === force) : undefined;
  const option: ChartOption = {
    grid: { left: 60, right: 20, top: 30, bottom: 30 }, tooltip: { trigger: 'axis' }, legend: { top: 0 },
    xAxis: { type: 'category', data: nat?.points.map((p) => p.month) ?? [] },
    yAxis: { type: 'value', scale: true, axisLabel: { formatter: (v: number) => show(def, v) } },
    series: [
      { type: 'line', name: 'national', data: nat?.points.map((p) => p.value) ?? [], lineStyle: { color: '#333' }, itemStyle: { color: '#333' } },
      ...(mine ? [{ type: 'line', name: force, data: mine.points.map((p) => p.value), lineStyle: { color: '#0b5' }, itemStyle: { color: '#0b5' } }] : []),
    ],
  };
  const s = mine ?? nat;
  return (
    <section aria-labelledby="trend-h">
      <h2 id="trend-h">Monthly trend: <DefLink def={def} /></h2>
      <Chart option={option} label={`Monthly ${def?.name ?? measure}, ${force ?? 'national'} and national`} />
      {s && <p className="muted" data-testid="trend-test">Sen's slope {s.sen_slope === null ? '—' : show(def, s.sen_slope)} per month; Mann–Kendall p = {s.mann_kendall.p === null ? '—' : fmt(s.mann_kendall.p, 3)} over {s.mann_kendall.n} months. Recent months are still gaining outcomes.</p>}
    </section>
  );
}

function Briefing({ report, defs, force, names }: { report: Report; defs: Map<string, Def>; force: string; names: Parameters<typeof forceName>[0] }) {
  const rows = report.measures.filter((r) => r.force_id === force && r.category === null && r.value !== null);
  const outside = rows.filter((r) => r.funnel && r.funnel !== 'inside');
  const group = report.groups.groups.find((g) => g.force_id === force);
  return (
    <section className="briefing" aria-labelledby="briefing-h" data-testid="briefing">
      <h2 id="briefing-h">Force briefing: {forceName(names, force)}, crimes of {report.from} to {report.to}</h2>
      <p>Measured by the national productivity standard {report.standard_version}. Compared with {group ? `${group.members.length} similar forces (${group.source})` : 'no comparison group'} and the nation.</p>
      <ul>
        {rows.filter((r) => ['charge_rate', 'positive_outcome_rate', 'no_suspect_share', 'unresolved_share', 'months_to_outcome_median', 'stop_search_find_rate'].includes(r.measure)).map((r) => {
          const d = defs.get(r.measure);
          return <li key={r.measure}><strong>{d?.name}</strong>: {show(d, r.value)} (group {show(d, r.group_value)}, nation {show(d, r.national_value)}){r.funnel ? `, ${PLACE[r.funnel]}` : ''}.</li>;
        })}
      </ul>
      <p>{outside.length ? <>Outside the funnel limits: {outside.map((r) => `${defs.get(r.measure)?.name} (${PLACE[r.funnel!]})`).join('; ')}.</> : 'Every measure is within the funnel limits: no evidence this force differs from the nation beyond what chance and ordinary variation explain.'}</p>
      {report.notes.map((n) => <p key={n} className="muted">Note: {n}.</p>)}
      <button type="button" className="no-print" onClick={() => print()}>Print the briefing</button>
    </section>
  );
}

export function Productivity({ force }: { force: string | null }) {
  const [measure, setMeasure] = useState('charge_rate');
  const report = useApi((signal) => api.productivity({}, signal), []);
  const std = useApi((signal) => api.productivityStandard(signal), []);
  const forces = useForces();
  const catNames = useCategoryNames();
  const defs = useMemo(() => new Map((std.data?.measures ?? []).map((d) => [d.id, d])), [std.data]);
  const names = forces.data;
  const head = <h1 tabIndex={-1}>Productivity{force ? `: ${forceName(names, force)}` : ''}</h1>;
  if (report.error || std.error) return <div data-ready="true">{head}<ProblemNotice error={report.error ?? std.error} what="The productivity report" /></div>;
  if (!report.data || !std.data) return <div>{head}<Loading what="the productivity report" /></div>;
  const r = report.data;
  const def = defs.get(measure);
  return (
    <div className="productivity" data-ready="true">
      {head}
      <style>{`@media print { body * { visibility: hidden; } .briefing, .briefing * { visibility: visible; } .briefing { position: absolute; left: 0; top: 0; width: 100%; } .no-print { display: none; } }`}</style>
      <p className="muted">Crimes recorded {r.from} to {r.to}, national productivity standard {r.standard_version}; comparison groups: {r.groups.method === 'loaded' ? 'loaded (e.g. Home Office Most Similar Groups)' : `Peel's similar forces (${r.groups.method})`}. Not a league table: forces are compared with their limits, not ranked.</p>
      <label>Measure{' '}
        <select value={measure} onChange={(e) => setMeasure(e.target.value)} data-testid="measure">
          {std.data.measures.map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}
        </select>
      </label>{' '}
      {force && <a href={href('productivity')}>Back to all forces</a>}
      <h2>Funnel plot: <DefLink def={def} /></h2>
      <Funnel report={r} measure={measure} def={def} force={force} names={names} />
      {force ? <>
        <Briefing report={r} defs={defs} force={force} names={names} />
        <Scorecard report={r} defs={defs} force={force} names={names} />
      </> : <p>Choose a force on the funnel plot (or from the list: {r.groups.groups.map((g, i) => <span key={g.force_id}>{i ? ', ' : ''}<a href={href('productivity', g.force_id)}>{forceName(names, g.force_id)}</a></span>)}) for its scorecard and briefing.</p>}
      <Trend force={force} measure={def?.kind === 'rate' || measure === 'publication_completeness' ? 'charge_rate' : measure} def={def?.kind === 'rate' || measure === 'publication_completeness' ? defs.get('charge_rate') : def} to={r.to} />
      <Categories report={r} defs={defs} force={force} catNames={catNames.data} />
      <section aria-labelledby="std-h">
        <h2 id="std-h">The standard ({std.data.standard_version})</h2>
        <dl>{std.data.measures.map((m) => (
          <div key={m.id} id={`def-${m.id}`}><dt><strong>{m.name}</strong> <code>{m.id}</code></dt>
            <dd>{m.definition} Numerator: {m.numerator}. Denominator: {m.denominator}. Time basis: {m.timeBasis}.</dd></div>
        ))}</dl>
      </section>
    </div>
  );
}
