/**
 * Tactics seen: the methods detection found new or rising across forces (alerts of kind
 * emerging_tactic), newest month first. One tactic at a time: what it is in words and in the
 * standard's method vocabulary, the phrases its records share (each with its count against its
 * expectation), its spread on a time line (records per month, by force) and on the map (the cells
 * of its records over the force boundaries), and its records — ids only for the forces whose records
 * you may read, a count for every force. All numbers come from /api/emerging-tactics.
 */
import { useMemo, useState } from 'react';
import type { EmergingTacticItem } from '@peel/client';
import { api, useApi, fmt } from '../api.ts';
import { gated, useForces, forceName } from '../shared.ts';
import { ProblemNotice, Loading, Empty } from '../components/Notice.tsx';
import { Chart, type ChartOption } from '../components/Chart.tsx';
import { MapView } from '../components/MapView.tsx';
import { fmtP } from '../alerts.ts';
import { href } from '../router.ts';

const PALETTE = ['#1d4ed8', '#b45309', '#047857', '#7c3aed', '#b00020', '#0e7490', '#4b5563'];

/** Records per month, one bar series per force (stacked), over the months of the key phrase's series. */
function timelineOption(t: EmergingTacticItem, name: (f: string) => string): ChartOption {
  const months = t.series.map((s) => s.month);
  const forces = [...new Set(t.spread.map((s) => s.force_id))];
  const bars = forces.map((f, i) => ({
    name: name(f), type: 'bar', stack: 'records', itemStyle: { color: PALETTE[i % PALETTE.length] },
    data: months.map((m) => t.spread.filter((s) => s.month === m && s.force_id === f).reduce((a, s) => a + s.records, 0)),
  }));
  return {
    grid: { left: 40, right: 16, top: 40, bottom: 32 },
    legend: { top: 0, textStyle: { color: '#1b1f24' } },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: months, axisLabel: { color: '#3c4650' } },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { color: '#3c4650' } },
    series: [
      ...bars,
      { name: `“${t.key_phrase}”, all forces`, type: 'line', data: t.series.map((s) => s.observed), lineStyle: { width: 2, color: '#1b1f24' }, itemStyle: { color: '#1b1f24' },
        markLine: { silent: true, symbol: 'none', lineStyle: { color: '#b00020', type: 'dashed' }, data: [{ yAxis: t.expected, name: 'expected' }] } },
    ],
  };
}

function TacticDetail({ t }: { t: EmergingTacticItem }) {
  const forces = useForces();
  const name = (f: string) => forceName(forces.data, f);
  const boundaries = useApi(() => gated('geography', () => api.boundaries()).then((b) => b as unknown as GeoJSON.FeatureCollection, () => null), []);
  const method = Object.entries(t.method);
  return (
    <article className="evidence" aria-labelledby="tactic-h" data-testid="tactic-detail">
      <h2 id="tactic-h">“{t.key_phrase}”: {t.category_name} in {t.forces.map((f) => f.force_name).join(', ')}</h2>
      <p className="lede">{t.explanation}</p>
      <dl className="kv">
        <div><dt>Month</dt><dd>{t.month}</dd></div>
        <div><dt>First seen</dt><dd>{t.first_seen}{t.first_force ? ` in ${name(t.first_force)}` : ''}</dd></div>
        <div><dt>Records</dt><dd>{fmt(Object.values(t.records_by_force).reduce((a, n) => a + n, 0))}</dd></div>
        <div><dt>Expected</dt><dd>{fmt(t.expected, 2)}</dd></div>
        <div><dt>q (Holm)</dt><dd>{fmtP(t.q)}</dd></div>
        <div><dt>Status</dt><dd>{t.status} · <a href={href('alerts', t.alert_id)}>open the alert</a></dd></div>
      </dl>
      <h3>What links its crimes</h3>
      {method.length > 0 ? (
        <dl className="kv" data-testid="tactic-method">
          {method.map(([f, vs]) => <div key={f}><dt>{f.replace(/_/g, ' ')}</dt><dd>{vs.map((v) => v.replace(/_/g, ' ')).join(', ')}</dd></div>)}
        </dl>
      ) : <p className="muted small">Its records share no value of the method vocabulary: the phrases below are what they have in common.</p>}
      <table data-testid="tactic-phrases">
        <caption>Phrases its records share, each against its own history</caption>
        <thead><tr><th scope="col">Phrase</th><th scope="col" className="num">Records</th><th scope="col" className="num">Expected</th><th scope="col" className="num">q</th></tr></thead>
        <tbody>
          {t.phrases.slice(0, 12).map((p) => (
            <tr key={p.phrase}><th scope="row">“{p.phrase}”</th><td className="num">{fmt(p.observed)}</td><td className="num">{fmt(p.expected, 2)}</td><td className="num">{fmtP(p.q)}</td></tr>
          ))}
        </tbody>
      </table>
      <h3>Time line</h3>
      <Chart option={timelineOption(t, name)} label={`Records of this tactic per month and force, ${t.series[0]?.month ?? ''} to ${t.month}`} height={260} />
      <h3>Where</h3>
      {t.h3_cells.length > 0 ? (
        <MapView fitTo="tactic" label={`Map: the areas of this tactic's records in ${t.month}`} layers={[
          ...(boundaries.data ? [{ id: 'boundaries', kind: 'boundary' as const, data: boundaries.data, describe: (p: Record<string, unknown>) => name(String(p.force_id ?? '')) }] : []),
          { id: 'tactic', kind: 'outline' as const, data: t.areas_geojson as unknown as GeoJSON.FeatureCollection },
        ]} />
      ) : <p className="muted small">Its records have no coordinates.</p>}
      <h3>Records</h3>
      <table data-testid="tactic-forces">
        <caption>Its records in {t.month}, by force</caption>
        <thead><tr><th scope="col">Force</th><th scope="col" className="num">Records</th><th scope="col">Ids</th></tr></thead>
        <tbody>
          {Object.entries(t.records_by_force).sort((a, b) => b[1] - a[1]).map(([f, n]) => {
            const mine = t.records.filter((r) => r.force_id === f);
            return (
              <tr key={f}>
                <th scope="row">{name(f)}</th>
                <td className="num">{fmt(n)}</td>
                <td>{mine.length ? mine.map((r, i) => <span key={r.record_id}>{i > 0 ? ', ' : ''}<a href={href('records', r.force_id, r.record_id)}>{r.record_id}</a></span>) : <span className="muted">count only: you may not read this force's records</span>}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {t.records_withheld > 0 && <p className="small muted" data-testid="withheld">{t.records_withheld} record id{t.records_withheld === 1 ? ' is' : 's are'} withheld: ask for a records grant for those forces to read them.</p>}
    </article>
  );
}

export function TacticsSeen() {
  const [month, setMonth] = useState('');
  const page = useApi(() => gated('alerts', () => api.emergingTactics({ month: month || undefined, limit: 200 })), [month]);
  const [chosen, setChosen] = useState<string | null>(null);
  const items = page.data?.items ?? [];
  const selected = useMemo(() => items.find((t) => t.alert_id === chosen) ?? items[0] ?? null, [items, chosen]);
  return (
    <div data-ready={page.data || page.error ? 'true' : undefined}>
      <h1 tabIndex={-1}>Tactics seen</h1>
      <p className="lede">Methods that are new or rising steeply across forces, found in the words of the narrative records and tested against each phrase's own history.</p>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <label htmlFor="tactic-month">Month</label>
        <select id="tactic-month" value={month} onChange={(e) => { setMonth(e.target.value); setChosen(null); }}>
          <option value="">Every month</option>
          {(page.data?.months ?? []).map((m) => <option key={m} value={m}>{m}</option>)}
        </select>
      </form>
      {page.error ? <ProblemNotice error={page.error} what="Emerging tactics" /> : !page.data ? <Loading what="emerging tactics" /> : items.length === 0 ? (
        <Empty>No emerging tactic has been found{month ? ` in ${month}` : ''}. Detection looks for them when narratives are loaded (`peel records ingest`, then `peel detect`).</Empty>
      ) : (
        <div className="split">
          <ul className="cards" aria-label="Emerging tactics" data-testid="tactic-list">
            {items.map((t) => (
              <li key={t.alert_id}>
                <button type="button" className={`card-button${selected?.alert_id === t.alert_id ? ' selected' : ''}`} aria-pressed={selected?.alert_id === t.alert_id} onClick={() => setChosen(t.alert_id)}>
                  <strong>“{t.key_phrase}”</strong> · {t.category_name} · {t.month}
                  <br /><span className="small">{fmt(Object.values(t.records_by_force).reduce((a, n) => a + n, 0))} records in {t.forces.length} forces; first seen {t.first_seen}</span>
                  {t.method_in_words && <><br /><span className="small muted">{t.method_in_words}</span></>}
                </button>
              </li>
            ))}
          </ul>
          {selected && <TacticDetail key={selected.alert_id} t={selected} />}
        </div>
      )}
    </div>
  );
}
