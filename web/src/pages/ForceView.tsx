/**
 * One force: each category's monthly series (with the expected band and alerts where detection
 * has produced them), the force's hot spots this month, and its quality scorecard.
 */
import { useMemo, useState } from 'react';
import { MonthPicker, monthName, monthSpan } from '../components/MonthPicker.tsx';
import { api, fmt, useApi, ApiError } from '../api.ts';
import { Chart, type ChartOption } from '../components/Chart.tsx';
import { MapView, DensityLegend } from '../components/MapView.tsx';
import { ProblemNotice, Loading, Empty } from '../components/Notice.tsx';
import { Scorecard } from './Quality.tsx';
import { href } from '../router.ts';
import { useCategoryNames, useForces, gated } from '../shared.ts';
import { toAlertView, type AlertView } from '../alerts.ts';

function catch501<T>(p: Promise<T>): Promise<T | ApiError> {
  return p.catch((e: unknown) => (e instanceof ApiError ? e : Promise.reject(e)));
}

function nextMonth(m: string): string {
  const y = Number(m.slice(0, 4));
  const mo = Number(m.slice(5, 7));
  return mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
}

function seriesOption(months: string[], counts: Array<number | null>, alerts: AlertView[], name: string): ChartOption {
  const withBand = alerts.find((a) => a.series.some((p) => p.expected !== null));
  const byMonth = new Map(withBand?.series.map((p) => [p.month, p]) ?? []);
  const expected = months.map((m) => byMonth.get(m)?.expected ?? null);
  const threshold = months.map((m) => byMonth.get(m)?.threshold ?? null);
  return {
    grid: { left: 44, right: 12, top: 28, bottom: 28 },
    title: { text: name, left: 0, top: 0, textStyle: { fontSize: 13, fontWeight: 600, color: '#1b1f24' } },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: months, axisLabel: { color: '#3c4650' } },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { color: '#3c4650' } },
    series: [
      { name: 'Recorded', type: 'line', data: counts, showSymbol: counts.length <= 2, connectNulls: false, lineStyle: { width: 2, color: '#1d4ed8' }, itemStyle: { color: '#1d4ed8' },
        markPoint: undefined,
        markLine: alerts.length ? { symbol: 'none', silent: true, lineStyle: { color: '#b00020', type: 'dashed' }, label: { formatter: 'alert', color: '#b00020' },
          data: alerts.map((a) => ({ xAxis: a.month })) } : undefined },
      ...(withBand ? [
        { name: 'Expected', type: 'line', data: expected, showSymbol: false, connectNulls: false, lineStyle: { color: '#4b5563', type: 'dotted' }, itemStyle: { color: '#4b5563' } },
        { name: 'Threshold', type: 'line', data: threshold, showSymbol: false, lineStyle: { color: '#b00020', width: 1 }, itemStyle: { color: '#b00020' } },
      ] : []),
    ],
  };
}

export function ForceView({ force }: { force: string | null }) {
  const forces = useForces();
  const loaded = useMemo(() => (forces.data ?? []).filter((f) => f.months > 0), [forces.data]);
  const id = force ?? loaded[0]?.id ?? null;
  const detail = useApi((s) => (id ? api.force(id) : Promise.resolve(null)).then((d) => { void s; return d; }), [id]);
  // Everything else waits for the force itself: an unknown or unheld force is said once, plainly.
  const known = !!detail.data;
  const cube = useApi((s) => (id && known ? api.cube({ force: id, area: 'force', limit: 5000 }, s) : Promise.resolve(null)), [id, known]);
  // The month shown: the force's own latest month unless the analyst picks another.
  const [picked, setPicked] = useState('');
  const month = picked || detail.data?.last_month || null;
  const layer = useApi((s) => (id && month ? api.h3Layer({ force: id, from: month, to: month, limit: 2000 }, s) : Promise.resolve(null)), [id, month]);
  const boundaries = useApi(() => gated('geography', () => api.boundaries()).catch(() => null), []);
  const alerts = useApi(() => (id && known ? catch501(gated('alerts', () => api.alerts({ force: id, limit: 200 }))) : Promise.resolve(null)), [id, known]);
  const names = useCategoryNames();

  const alertDetails = useApi(async () => {
    const a = alerts.data;
    if (!a || a instanceof ApiError) return [] as AlertView[];
    // The list omits evidence; the series needs each alert's own.
    const full = await Promise.all(a.items.slice(0, 30).map((it) => api.alert(it.alert_id).catch(() => it)));
    return full.map(toAlertView);
  }, [alerts.data]);

  const series = useMemo(() => {
    const rows = cube.data?.items ?? [];
    const held = new Set(detail.data?.month_list ?? []);
    // The whole span, so a missing month shows as a gap in the line rather than vanishing.
    const months: string[] = [];
    const first = detail.data?.first_month;
    const last = detail.data?.last_month;
    if (first && last) for (let m = first; m <= last; m = nextMonth(m)) months.push(m);
    const byCat = new Map<string, Map<string, number>>();
    for (const r of rows) {
      const m = byCat.get(r.category) ?? new Map<string, number>();
      m.set(r.month, r.n);
      byCat.set(r.category, m);
    }
    return [...byCat.entries()]
      .map(([cat, m]) => ({ cat, months, counts: months.map((mo) => (held.has(mo) ? m.get(mo) ?? 0 : null)), total: [...m.values()].reduce((a, b) => a + b, 0) }))
      .sort((a, b) => b.total - a.total);
  }, [cube.data, detail.data]);

  if (forces.error) return <ProblemNotice error={forces.error} what="Forces" />;
  if (!forces.data) return <Loading what="forces" />;
  const name = forces.data.find((f) => f.id === id)?.name ?? id ?? '';
  const ready = !!(detail.data && cube.data && layer.data !== undefined);
  if (detail.error instanceof ApiError && (detail.error.status === 404 || detail.error.status === 403)) {
    const missing = detail.error.status === 404;
    return (
      <div data-ready="true">
        <h1 tabIndex={-1}>{missing ? 'No such force' : 'Not one of your forces'}</h1>
        <p data-testid="force-missing">{missing
          ? <>There is no force “{id}”. Forces are named by their data.police.uk slug, such as <a href={href("forces", "gwent")}>gwent</a>.</>
          : <>Your account does not hold {name}. Ask an administrator if your work needs it.</>}</p>
        <p>See <a href={href('forces')}>the forces</a>{missing ? '' : ' you hold'}.</p>
      </div>
    );
  }

  return (
    <div data-ready={ready ? 'true' : undefined}>
      <h1 tabIndex={-1}>{id ? name : 'Force view'}</h1>
      <form className="toolbar" onSubmit={(e) => e.preventDefault()}>
        <label htmlFor="force-pick">Force</label>
        <select id="force-pick" value={id ?? ''} onChange={(e) => (location.hash = href('forces', e.target.value))}>
          {!id && <option value="">Choose a force</option>}
          {forces.data.map((f) => <option key={f.id} value={f.id}>{f.name}{f.months ? '' : ' (no data)'}</option>)}
        </select>
        {detail.data && detail.data.months > 0 && (
          <MonthPicker months={monthSpan([detail.data])} value={month ?? ''} onChange={setPicked} held={new Set(detail.data.month_list)} />
        )}
      </form>
      {!id ? <Empty>No force has data yet.</Empty> : detail.error ? <ProblemNotice error={detail.error} what="This force" /> : !detail.data ? <Loading what="the force" /> : detail.data.months === 0 ? (
        <Empty>The hub holds no data for {name} yet.</Empty>
      ) : (
        <>
          <p className="lede">{fmt(detail.data.months)} {detail.data.months === 1 ? 'month' : 'months'} held, {detail.data.first_month} to {detail.data.last_month}; {fmt(detail.data.rows.street)} street records{detail.data.rows.outcomes ? `, ${fmt(detail.data.rows.outcomes)} outcomes` : ''}{detail.data.rows.stop_search ? `, ${fmt(detail.data.rows.stop_search)} stop and searches` : ''}.</p>

          <section aria-labelledby="series-h">
            <h2 id="series-h">Monthly series by category</h2>
            {alerts.data instanceof ApiError
              ? <ProblemNotice error={alerts.data} what="Expected bands and alerts" />
              : <p className="muted small">Dashed red lines mark months with an alert; expected and threshold lines come from the alert's detection evidence.</p>}
            {cube.error ? <ProblemNotice error={cube.error} what="The series" /> : !cube.data ? <Loading what="series" /> : (
              <div className="small-multiples">
                {series.map((s) => {
                  const label = names.data?.get(s.cat) ?? s.cat;
                  const own = (alertDetails.data ?? []).filter((a) => a.category === s.cat);
                  return (
                    <figure key={s.cat} className="card">
                      <Chart option={seriesOption(s.months, s.counts, own, label)} label={`${label}: monthly crimes in ${name}, ${s.months[0]} to ${s.months[s.months.length - 1]}, ${fmt(s.total)} in all${own.length ? `, ${own.length} alerts` : ''}`} height={180} />
                      <figcaption className="small muted">{label}: {fmt(s.total)} in all; latest {fmt(s.counts[s.counts.length - 1])}{s.counts.includes(null) ? ` · ${s.counts.filter((c) => c === null).length} months missing` : ''}{own.length ? ` · ${own.length} alert${own.length > 1 ? 's' : ''}` : ''}</figcaption>
                    </figure>
                  );
                })}
              </div>
            )}
          </section>

          <div className="grid-2">
            <section aria-labelledby="hot-h">
              <h2 id="hot-h">Hot spots in {month ? monthName(month) : '—'}</h2>
              {layer.error ? <ProblemNotice error={layer.error} what="Hot spots" /> : (
                <>
                  <MapView layers={layer.data ? [
                    ...(boundaries.data ? [{ id: 'boundaries', kind: 'boundary' as const, data: boundaries.data, describe: (p: Record<string, unknown>) => forces.data?.find((f) => f.id === p.force_id)?.name ?? null }] : []),
                    { id: 'density', kind: 'density', data: layer.data, max: layer.data.max_n, describe: (p) => `${fmt(Number(p.n))} crimes in ${month ? monthName(month) : ''}` },
                  ] : []} fitTo="density"
                    label={`Map of ${name}: crimes per H3 cell in ${month}`} height={360} />
                  {layer.data && <DensityLegend max={layer.data.max_n} caption="Crimes per cell" />}
                  {layer.data && (
                    <table>
                      <caption className="visually-hidden">Busiest H3 cells in {name} in {month}</caption>
                      <thead><tr><th scope="col">Busiest cells</th><th scope="col" className="num">Crimes</th></tr></thead>
                      <tbody>{layer.data.features.slice(0, 5).map((f) => <tr key={f.id}><td>Cell {f.properties.rank} of {fmt(layer.data?.total)}</td><td className="num">{fmt(f.properties.n)}</td></tr>)}</tbody>
                    </table>
                  )}
                </>
              )}
            </section>
            <section aria-labelledby="qual-h">
              <h2 id="qual-h">Quality scorecard</h2>
              <Scorecard force={id} month={month ?? undefined} />
              <p><a href={href('quality', id)}>All quality findings for {name}</a></p>
            </section>
          </div>
        </>
      )}
    </div>
  );
}
