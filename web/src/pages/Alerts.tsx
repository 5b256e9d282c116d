/**
 * The alert inbox: filter and sort, an evidence panel (series with threshold, map of the areas,
 * method and parameters, explanation), and acknowledge or dismiss with a reason.
 */
import { useMemo, useState, type FormEvent } from 'react';
import { api, fmt, useApi, ApiError } from '../api.ts';
import { Chart, type ChartOption } from '../components/Chart.tsx';
import { MapView } from '../components/MapView.tsx';
import { ProblemNotice, Loading, Empty } from '../components/Notice.tsx';
import { Pager } from '../components/Pager.tsx';
import { href } from '../router.ts';
import { useCategoryNames, useForces, forceName, gated, useCan } from '../shared.ts';
import type { AlertKind } from '@peel/client';
import { toAlertView, KIND_LABELS, STATUS_LABELS, actorName, fmtP, type AlertView } from '../alerts.ts';
import { MonthPicker, monthName, monthSpan } from '../components/MonthPicker.tsx';

const STATUSES = ['new', 'acknowledged', 'dismissed', 'actioned'] as const;
type Status = (typeof STATUSES)[number];
/** Priority floors offered by the inbox filter. */
const PRIORITY_FLOORS = [1, 2, 5, 10, 20, 50, 100, 500, 1000];

function evidenceOption(a: AlertView): ChartOption {
  const months = a.series.map((p) => p.month);
  return {
    grid: { left: 48, right: 16, top: 36, bottom: 32 },
    legend: { top: 0, textStyle: { color: '#1b1f24' } },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: months, axisLabel: { color: '#3c4650' } },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { color: '#3c4650' } },
    series: [
      { name: 'Observed', type: 'line', data: a.series.map((p) => p.observed), lineStyle: { width: 2, color: '#1d4ed8' }, itemStyle: { color: '#1d4ed8' },
        markArea: a.periodStart ? { silent: true, itemStyle: { color: 'rgba(176,0,32,0.08)' }, data: [[{ xAxis: a.periodStart }, { xAxis: a.periodEnd || a.month }]] } : undefined },
      { name: 'Expected', type: 'line', data: a.series.map((p) => p.expected), lineStyle: { type: 'dotted', color: '#4b5563' }, itemStyle: { color: '#4b5563' }, showSymbol: false },
      { name: 'Threshold', type: 'line', data: a.series.map((p) => p.threshold), lineStyle: { color: '#b00020' }, itemStyle: { color: '#b00020' }, showSymbol: false },
    ],
  };
}

/** A method parameter's name for people: `relative_risk` → "Relative risk". */
function paramName(k: string): string {
  const t = k.replace(/_/g, ' ');
  return t.charAt(0).toUpperCase() + t.slice(1);
}

/** A parameter's value for people: p and q values as such, other numbers to two decimals at most. */
function paramValue(k: string, v: unknown): string {
  if (typeof v === 'number') return /(^|_)(p|q|alpha|p_value)$/.test(k) ? fmtP(v) : Number.isInteger(v) ? fmt(v) : fmt(v, Math.abs(v) >= 10 ? 1 : 2);
  if (v === null || v === undefined) return '—';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

function History({ events }: { events: AlertView['history'] }) {
  if (!events.length) return <p className="muted small">No one has triaged this alert yet.</p>;
  return (
    <ol className="history" data-testid="triage-history">
      {events.map((e, i) => (
        <li key={i}>
          <strong>{STATUS_LABELS[e.status]}</strong> by {actorName(e.actor)} on <time dateTime={e.changed_at}>{fmtWhen(e.changed_at)}</time>
          {e.reason ? <>: <q>{e.reason}</q></> : null}
        </li>
      ))}
    </ol>
  );
}

/** "7 December 2026, 21:04 UTC". */
function fmtWhen(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${d.toLocaleString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' })} UTC`;
}

function Triage({ alert, onDone }: { alert: AlertView; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [done, setDone] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState('');
  const final = alert.status === 'dismissed' || alert.status === 'actioned';
  const mayTriage = useCan('alerts:triage');
  const act = async (e: FormEvent, what: 'ack' | 'dismiss' | 'action') => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (what === 'ack') await api.acknowledgeAlert(alert.id, note || undefined);
      else if (what === 'action') await api.actionAlert(alert.id, done || undefined);
      else await api.dismissAlert(alert.id, reason);
      setMessage(what === 'ack' ? 'Alert acknowledged.' : what === 'action' ? 'Alert marked actioned.' : 'Alert dismissed.');
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  if (final) return <p className="notice notice-info">This alert is {alert.status}{alert.statusReason ? `: “${alert.statusReason}”` : ''}.</p>;
  if (!mayTriage) return <p className="muted">Your role may read alerts but not triage them (<code>alerts:triage</code>).</p>;
  return (
    <div className="triage">
      <p role="status" aria-live="polite">{message}</p>
      {error !== null && <ProblemNotice error={error} what="The change" />}
      {alert.status === 'new' && (
        <form onSubmit={(e) => act(e, 'ack')} className="stack">
          <label htmlFor="ack-note">Note (optional)</label>
          <input id="ack-note" value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} />
          <button type="submit" disabled={busy}>Acknowledge</button>
        </form>
      )}
      <form onSubmit={(e) => act(e, 'action')} className="stack">
        <label htmlFor="action-note">What was done (optional)</label>
        <input id="action-note" value={done} onChange={(e) => setDone(e.target.value)} maxLength={2000} />
        <button type="submit" disabled={busy}>Mark actioned</button>
      </form>
      <form onSubmit={(e) => act(e, 'dismiss')} className="stack">
        <label htmlFor="dismiss-reason">Reason for dismissing (required)</label>
        <textarea id="dismiss-reason" value={reason} onChange={(e) => setReason(e.target.value)} required minLength={3} maxLength={2000} rows={3} aria-describedby="dismiss-help" />
        <span id="dismiss-help" className="small muted">Say why this is not actionable, e.g. “known recording change”.</span>
        <button type="submit" className="secondary" disabled={busy || reason.trim().length < 3}>Dismiss</button>
      </form>
    </div>
  );
}

function Evidence({ id, onChanged }: { id: string; onChanged: () => void }) {
  const a = useApi(() => gated('alerts', () => api.alert(id)), [id]);
  const names = useCategoryNames();
  const forces = useForces();
  const view = useMemo(() => (a.data ? toAlertView(a.data) : null), [a.data]);
  // Force boundaries under the alert's area, when the hub has them (none is not an error here).
  const boundaries = useApi(() => gated('geography', () => api.boundaries()).catch(() => null), []);
  if (a.error) return <ProblemNotice error={a.error} what="This alert" />;
  if (!view) return <Loading what="the alert" />;
  const cat = names.data?.get(view.category) ?? view.category;
  return (
    <article className="evidence" aria-labelledby="ev-h" data-testid="evidence">
      <h2 id="ev-h">{KIND_LABELS[view.kind]}: {cat} in {view.forces.map((f) => forceName(forces.data, f)).join(', ')}</h2>
      <p className="lede">{view.explanation || 'No explanation was recorded.'}</p>
      <dl className="kv">
        <div><dt>Status</dt><dd>{STATUS_LABELS[view.status]}</dd></div>
        <div><dt>Month</dt><dd>{monthName(view.month)}</dd></div>
        <div><dt>Observed</dt><dd>{fmt(view.observed)}</dd></div>
        <div><dt>Expected</dt><dd>{fmt(view.expected, 1)}</dd></div>
        <div><dt>Threshold</dt><dd>{fmt(view.threshold, 1)}</dd></div>
        <div><dt>p / q</dt><dd>{fmtP(view.p)} / {fmtP(view.q)}</dd></div>
        <div><dt>Priority</dt><dd>{fmt(view.priority, 1)}</dd></div>
      </dl>
      {view.series.length > 0 && <Chart option={evidenceOption(view)} label={`Series of ${cat}: observed counts against expected and threshold, ${view.series[0].month} to ${view.series[view.series.length - 1].month}`} height={240} />}
      {view.areas && view.areas.features.length > 0 ? (
        <MapView layers={[
          ...(boundaries.data ? [{ id: 'boundaries', kind: 'boundary' as const, data: boundaries.data, describe: (p: Record<string, unknown>) => forceName(forces.data, String(p.force_id ?? '')) }] : []),
          { id: 'areas', kind: 'area', data: view.areas, describe: () => `${cat}: the alert's area` },
        ]} fitTo="areas" label={`Map of the alert's area: ${view.areaIds.length} ${view.areaType === 'lsoa' ? 'neighbourhoods (LSOAs)' : 'places'} in ${view.forces.map((f) => forceName(forces.data, f)).join(', ')}`} height={260} />
      ) : <p className="muted small">The whole force area.</p>}
      <h3>Method</h3>
      <p><code>{view.method || '—'}</code></p>
      <table>
        <caption className="visually-hidden">Parameters of the method</caption>
        <thead><tr><th scope="col">Parameter</th><th scope="col">Value</th></tr></thead>
        <tbody>{Object.entries({ ...view.params, ...view.notes }).map(([k, v]) => <tr key={k}><td>{paramName(k)}</td><td>{paramValue(k, v)}</td></tr>)}</tbody>
      </table>
      <h3>Triage</h3>
      <History events={view.history} />
      <Triage alert={view} onDone={() => (a.reload(), onChanged())} />
    </article>
  );
}

export function Alerts({ alert }: { alert: string | null }) {
  const forces = useForces();
  const names = useCategoryNames();
  const [force, setForce] = useState('');
  const [status, setStatus] = useState<Status | ''>('new');
  const [category, setCategory] = useState('');
  const [kind, setKind] = useState<AlertKind | ''>('');
  const [month, setMonth] = useState('');
  const [minPriority, setMinPriority] = useState('');
  const sort = 'priority' as const;
  const [offset, setOffset] = useState(0);
  const filters = { force: force || undefined, status: status || undefined, category: category || undefined, kind: kind || undefined, month: month || undefined, min_priority: minPriority ? Number(minPriority) : undefined };
  const list = useApi(() => gated('alerts', () => api.alerts({ ...filters, sort, limit: 25, offset })), [force, status, category, kind, month, minPriority, sort, offset]);
  const rows = useMemo(() => (list.data?.items ?? []).map((x) => toAlertView(x)), [list.data]);
  const loaded = (forces.data ?? []).filter((f) => f.months > 0);
  const months = useMemo(() => monthSpan(force ? loaded.filter((f) => f.id === force) : loaded), [loaded, force]);
  const unavailable = list.error instanceof ApiError && list.error.notAvailable;
  const pick = <T,>(set: (v: T) => void) => (v: T) => (set(v), setOffset(0));

  return (
    <div data-ready={list.data || list.error ? 'true' : undefined}>
      <h1 tabIndex={-1}>Alert inbox</h1>
      <form className="toolbar" onSubmit={(e) => e.preventDefault()} aria-label="Filter alerts">
        <label htmlFor="f-force">Force</label>
        <select id="f-force" value={force} onChange={(e) => pick(setForce)(e.target.value)}>
          <option value="">All forces</option>
          {loaded.map((f) => <option key={f.id} value={f.id}>{f.name}</option>)}
        </select>
        <MonthPicker months={months} value={month} onChange={pick(setMonth)} anyLabel="Any month" id="f-month" />
        <label htmlFor="f-category">Category</label>
        <select id="f-category" value={category} onChange={(e) => pick(setCategory)(e.target.value)}>
          <option value="">Any category</option>
          {[...(names.data ?? new Map<string, string>()).entries()].sort((a, b) => a[1].localeCompare(b[1])).map(([id, name]) => <option key={id} value={id}>{name}</option>)}
        </select>
        <label htmlFor="f-kind">Kind</label>
        <select id="f-kind" value={kind} onChange={(e) => pick(setKind)(e.target.value as AlertKind | '')}>
          <option value="">Any kind</option>
          {Object.entries(KIND_LABELS).map(([id, label]) => <option key={id} value={id}>{label}</option>)}
        </select>
        <label htmlFor="f-priority">Priority</label>
        <select id="f-priority" value={minPriority} onChange={(e) => pick(setMinPriority)(e.target.value)}>
          <option value="">Any priority</option>
          {PRIORITY_FLOORS.map((p) => <option key={p} value={String(p)}>at least {p}</option>)}
        </select>
        <label htmlFor="f-status">Status</label>
        <select id="f-status" value={status} onChange={(e) => pick(setStatus)(e.target.value as Status | '')}>
          <option value="">Any</option>
          {STATUSES.map((s) => <option key={s} value={s}>{STATUS_LABELS[s]}</option>)}
        </select>
        <span className="small muted">Sorted by priority, highest first.</span>
      </form>
      {list.error ? <ProblemNotice error={list.error} what="Alerts" /> : !list.data ? <Loading what="alerts" /> : (
        <div className={alert ? 'grid-2' : ''}>
          <section aria-labelledby="inbox-h">
            <h2 id="inbox-h" className="visually-hidden">Alerts</h2>
            {rows.length === 0 ? <Empty>No alerts match these filters.</Empty> : (
              <table data-testid="alerts-table">
                <caption className="visually-hidden">Alerts, highest priority first</caption>
                <thead><tr><th scope="col">Alert</th><th scope="col">Force</th><th scope="col">Month</th><th scope="col" className="num">Observed / expected</th><th scope="col" className="num">Priority</th><th scope="col">Status</th></tr></thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.id} aria-current={r.id === alert ? 'true' : undefined}>
                      <th scope="row"><a href={href('alerts', r.id)}>{KIND_LABELS[r.kind]}: {names.data?.get(r.category) ?? r.category}</a></th>
                      <td>{r.forces.map((f) => forceName(forces.data, f)).join(', ')}</td>
                      <td>{monthName(r.month)}</td>
                      <td className="num">{fmt(r.observed)} / {fmt(r.expected, 1)}</td>
                      <td className="num">{fmt(r.priority, 1)}</td>
                      <td><span className={`status status-${r.status}`}>{STATUS_LABELS[r.status]}</span></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <Pager total={list.data.total} limit={25} offset={offset} onChange={setOffset} label="Alerts" />
          </section>
          {alert && <Evidence id={alert} onChanged={list.reload} />}
        </div>
      )}
      {unavailable && alert && <p className="muted">Alert {alert} cannot be shown until detection is available.</p>}
    </div>
  );
}
