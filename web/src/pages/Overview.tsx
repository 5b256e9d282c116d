/**
 * National overview: this month's hot spot layer (and alerts, once detection is wired) on a map of
 * England and Wales, and every force with its data, alert count and quality score.
 */
import { useMemo, useState } from 'react';
import { MonthPicker, monthName, monthSpan } from '../components/MonthPicker.tsx';
import { api, fmt, useApi, ApiError } from '../api.ts';
import { MapView, DensityLegend, type MapLayer } from '../components/MapView.tsx';
import { ProblemNotice, Loading, Empty } from '../components/Notice.tsx';
import { href } from '../router.ts';
import { useForces, useCategoryNames, gated, hubHealth, forceName } from '../shared.ts';

function optional<T>(p: Promise<T>): Promise<T | ApiError> {
  return p.catch((e: unknown) => {
    if (e instanceof ApiError) return e;
    throw e;
  });
}

export function Overview() {
  const health = useApi(() => hubHealth(), []);
  // "This month" is the month detection last ran on, when it has; else the latest month held.
  const alertMonth = health.data?.capabilities.alerts?.available ? health.data.store.detection_month : null;
  const [picked, setPicked] = useState('');
  const month = picked || alertMonth || health.data?.store.latest_month || null;
  const alertLayer = useApi(() => (month ? optional(gated('alerts', () => api.alertLayer({ month }))) : Promise.resolve(null)), [month]);
  const forces = useForces();
  const names = useCategoryNames();
  const layer = useApi((s) => (month ? api.h3Layer({ from: month, to: month, limit: 4000 }, s) : Promise.resolve(null)), [month]);
  const monthCube = useApi((s) => (month ? api.cube({ from: month, to: month, limit: 5000 }, s) : Promise.resolve(null)), [month]);
  const alerts = useApi(() => optional(gated('alerts', () => api.alerts({ month: month ?? undefined, limit: 1000, sort: 'priority' }))), [month]);
  const league = useApi(() => optional(gated('quality', () => api.qualityLeague({ limit: 100 }))), []);
  const boundaries = useApi(() => optional(gated('geography', () => api.boundaries())), []);

  const loaded = useMemo(() => (forces.data ?? []).filter((f) => f.months > 0), [forces.data]);
  const perForce = useMemo(() => {
    const m = new Map<string, number>();
    for (const r of monthCube.data?.items ?? []) m.set(r.force_id, (m.get(r.force_id) ?? 0) + r.n);
    return m;
  }, [monthCube.data]);
  const alertCounts = useMemo(() => {
    const m = new Map<string, number>();
    const a = alerts.data;
    // Open alerts only: a dismissed alert is no longer anyone's work.
    if (a && !(a instanceof ApiError)) {
      for (const it of a.items) {
        if (it.status === 'dismissed') continue;
        for (const id of it.force_ids) m.set(id, (m.get(id) ?? 0) + 1);
      }
    }
    return m;
  }, [alerts.data]);
  const scores = useMemo(() => {
    const m = new Map<string, number>();
    const l = league.data;
    if (l && !(l instanceof ApiError)) for (const r of l.items) m.set(r.force_id, r.overall);
    return m;
  }, [league.data]);

  const layers = useMemo<MapLayer[]>(() => {
    const out: MapLayer[] = [];
    const b = boundaries.data;
    const place = (p: Record<string, unknown>) => forceName(forces.data, String(p.force_id ?? '')) || null;
    if (b && !(b instanceof ApiError)) out.push({ id: 'boundaries', kind: 'boundary', data: b, describe: place });
    if (layer.data) out.push({ id: 'density', kind: 'density', data: layer.data, max: layer.data.max_n,
      describe: (p) => `${fmt(Number(p.n))} crimes · ${place(p) ?? ''}` });
    const al = alertLayer.data;
    if (al && !(al instanceof ApiError)) out.push({ id: 'alerts', kind: 'outline', data: al,
      describe: (p) => `Alert: ${names.data?.get(String(p.category)) ?? String(p.category ?? '')} · ${place(p) ?? ''}` });
    return out;
  }, [layer.data, alertLayer.data, boundaries.data, forces.data, names.data]);

  if (health.error) return <ProblemNotice error={health.error} what="The hub's status" />;
  const ready = !!(health.data && forces.data && layer.data !== undefined && monthCube.data !== undefined);
  const totalThisMonth = [...perForce.values()].reduce((a, b) => a + b, 0);
  const openAlerts = alerts.data && !(alerts.data instanceof ApiError) ? alerts.data.items.filter((a) => a.status !== 'dismissed').length : null;
  const months = monthSpan(loaded);

  return (
    <div data-ready={ready ? 'true' : undefined}>
      <h1 tabIndex={-1}>National overview</h1>
      {!health.data ? <Loading what="the hub's status" /> : !month ? (
        <Empty>The store holds no street data yet. Load files on the <a href={href('data', 'upload')}>Data</a> page or with <code>peel ingest</code>.</Empty>
      ) : (
        <>
          <form className="toolbar" onSubmit={(e) => e.preventDefault()} aria-label="Choose the month">
            <MonthPicker months={months} value={month} onChange={setPicked} />
          </form>
          <p className="lede">Showing <strong>{monthName(month)}</strong>{picked ? '' : alertMonth ? ', the month detection last ran on' : ', the latest month held'}{health.data.store.latest_month && health.data.store.latest_month !== month ? ` (the latest month any force has sent is ${monthName(health.data.store.latest_month)})` : ''}.</p>
          <dl className="stats">
            <div><dt>Forces with data</dt><dd>{fmt(loaded.length)}</dd></div>
            <div><dt>Crimes recorded in {monthName(month)}</dt><dd>{fmt(totalThisMonth)}</dd></div>
            <div><dt>Open alerts for {monthName(month)}</dt><dd>{openAlerts === null ? 'n/a' : fmt(openAlerts)}</dd></div>
            <div><dt>Busiest H3 cells mapped</dt><dd>{layer.data ? `${fmt(layer.data.features.length)} of ${fmt(layer.data.total)}` : '…'}</dd></div>
          </dl>
        </>
      )}

      <div className="grid-2">
        <section aria-labelledby="map-h">
          <h2 id="map-h">Hot spots in {month ? monthName(month) : '—'}</h2>
          <p className="muted small">Street-level crimes per H3 cell (resolution 8, about 0.7 km²), busiest first; a density map, not a significance test.
            {alertLayer.data instanceof ApiError ? ' Alert areas will be outlined in red once detection is available.' : ' Alert areas are outlined in red.'}
            {boundaries.data instanceof ApiError ? ' Force boundaries appear after `peel geography load`.' : ''}</p>
          <MapView layers={layers} label={`Map of England and Wales: crime density by H3 cell for ${month ?? 'no month'}`} fitTo={layers.some((l) => l.id === 'boundaries') ? 'boundaries' : 'density'} />
          {layer.data && <DensityLegend max={layer.data.max_n} caption="Crimes per cell" />}
          {layer.error && <ProblemNotice error={layer.error} what="The hot spot layer" />}
          {alerts.data instanceof ApiError && <ProblemNotice error={alerts.data} what="Alerts" />}
        </section>

        <section aria-labelledby="busiest-h">
          <h2 id="busiest-h">Busiest cells</h2>
          {layer.data && layer.data.features.length ? (
            <table>
              <caption className="visually-hidden">The ten H3 cells with the most crimes in {month}</caption>
              <thead><tr><th scope="col">Rank</th><th scope="col">Force</th><th scope="col" className="num">Crimes</th></tr></thead>
              <tbody>
                {layer.data.features.slice(0, 10).map((f) => (
                  <tr key={f.id}><td>{f.properties.rank}</td>
                    <td><a href={href('forces', f.properties.force_id)}>{forceName(forces.data, f.properties.force_id)}</a></td><td className="num">{fmt(f.properties.n)}</td></tr>
                ))}
              </tbody>
            </table>
          ) : layer.data ? <Empty>No located crimes in {month}.</Empty> : <Loading what="cells" />}
        </section>
      </div>

      <section aria-labelledby="forces-h">
        <h2 id="forces-h">Forces</h2>
        {forces.error ? <ProblemNotice error={forces.error} what="Forces" /> : !forces.data ? <Loading what="forces" /> : (
          <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="forces-h">
            <table data-testid="forces-table">
              <caption className="visually-hidden">Forces with data, their months, this month's crimes, alerts and quality score</caption>
              <thead><tr>
                <th scope="col">Force</th><th scope="col">Region</th><th scope="col" className="num">Months held</th><th scope="col">Latest month</th>
                <th scope="col" className="num">Crimes in {month ? monthName(month) : '—'}</th><th scope="col" className="num">Open alerts</th><th scope="col" className="num">Quality score</th>
              </tr></thead>
              <tbody>
                {loaded.map((f) => (
                  <tr key={f.id}>
                    <th scope="row"><a href={href('forces', f.id)}>{f.name}</a></th>
                    <td>{f.region ?? '—'}</td><td className="num">{fmt(f.months)}</td><td>{f.last_month ? monthName(f.last_month) : '—'}</td>
                    <td className="num">{fmt(perForce.get(f.id) ?? 0)}</td>
                    <td className="num">{alerts.data instanceof ApiError ? <span title="alerts not available yet">n/a</span> : fmt(alertCounts.get(f.id) ?? 0)}</td>
                    <td className="num">{league.data instanceof ApiError ? <span title="quality not available yet">n/a</span> : fmt(scores.get(f.id), 1)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {league.data instanceof ApiError && <ProblemNotice error={league.data} what="Quality scores" />}
        {forces.data && <p className="muted small">{fmt((forces.data ?? []).length - loaded.length)} forces of the standard have no data in the hub yet (see the <a href={href('data')}>coverage grid</a>).</p>}
      </section>
    </div>
  );
}
