/** Data: the coverage grid (force × month), batches, the quarantine browser and upload. */
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type { DatasetKind, UploadJob } from '@peel/client';
import { api, fmt, useApi } from '../api.ts';
import { ProblemNotice, Loading, Empty } from '../components/Notice.tsx';
import { Pager } from '../components/Pager.tsx';
import { href } from '../router.ts';
import { useForces, forceName, invalidateShared, useCan } from '../shared.ts';
import { monthName } from '../components/MonthPicker.tsx';

/** Batch statuses of files recorded without writing anything (their counts are what they offered). */
const WROTE_NOTHING = new Set(['superseded', 'refused']);

/** What a page shows instead of calling a route the signed-in role may not use. */
function NotPermitted({ permission, what }: { permission: string; what: string }) {
  return <p className="notice notice-info" role="status" data-testid="not-permitted">{what} needs the <code>{permission}</code> permission, which your role does not include: ask an administrator for a grant.</p>;
}

const TABS = [
  { id: 'coverage', label: 'Coverage' },
  { id: 'batches', label: 'Batches' },
  { id: 'quarantine', label: 'Quarantine' },
  { id: 'upload', label: 'Upload' },
] as const;

const KINDS: Array<{ id: DatasetKind; label: string }> = [
  { id: 'street', label: 'Street crimes' },
  { id: 'outcomes', label: 'Outcomes' },
  { id: 'stop_search', label: 'Stop and search' },
];

/** A dataset kind as people read it ("Stop and search", not stop_search). */
const kindLabel = (k: string): string => KINDS.find((x) => x.id === k)?.label ?? k;

/** A batch's months as people read them: "September 2022", or a span "January 2020 to March 2020". */
const monthsLabel = (ms: readonly string[]): string =>
  ms.length === 0 ? '—' : ms.length === 1 ? monthName(ms[0]) : `${monthName(ms[0])} to ${monthName(ms[ms.length - 1])} (${ms.length} months)`;

/** A time stamp as people read it, in the dashboard's locale: 7 Dec 2026, 23:54. */
const when = (iso: string): string => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
};

function Coverage() {
  const [kind, setKind] = useState<DatasetKind>('street');
  const cov = useApi(() => api.coverage({ kind, limit: 5000 }), [kind]);
  const forces = useForces();
  const grid = useMemo(() => {
    const byForce = new Map<string, Map<string, number>>();
    for (const c of cov.data?.items ?? []) {
      const m = byForce.get(c.force_id) ?? new Map<string, number>();
      m.set(c.month, c.rows);
      byForce.set(c.force_id, m);
    }
    const max = Math.max(1, ...[...byForce.values()].flatMap((m) => [...m.values()]));
    return { byForce, max };
  }, [cov.data]);
  const months = cov.data?.months ?? [];
  return (
    <section aria-labelledby="cov-h">
      <h2 id="cov-h">Coverage</h2>
      <form className="toolbar" onSubmit={(e) => e.preventDefault()}>
        <label htmlFor="cov-kind">Dataset</label>
        <select id="cov-kind" value={kind} onChange={(e) => setKind(e.target.value as DatasetKind)}>
          {KINDS.map((k) => <option key={k.id} value={k.id}>{k.label}</option>)}
        </select>
      </form>
      {cov.error ? <ProblemNotice error={cov.error} what="Coverage" /> : !cov.data ? <Loading what="coverage" /> : !months.length ? <Empty>No {kind.replace('_', ' ')} data loaded yet.</Empty> : (
        <>
          <p className="muted small">Rows held per force and month, darker for more; a dashed cell is a month missing between a force's first and last month held.</p>
          <div className="table-scroll" tabIndex={0} role="region" aria-label="Coverage grid, scrollable">
            <table className="coverage" data-testid="coverage-grid">
              <caption className="visually-hidden">Rows held per force (rows) and month (columns)</caption>
              <thead><tr><th scope="col">Force</th>{months.map((m) => <th key={m} scope="col" className="month"><span>{m}</span></th>)}</tr></thead>
              <tbody>
                {[...grid.byForce.entries()].map(([f, m]) => (
                  <tr key={f}>
                    <th scope="row"><a href={href('forces', f)}>{forceName(forces.data, f)}</a></th>
                    {(() => {
                      const held = [...m.keys()].sort();
                      const first = held[0];
                      const last = held[held.length - 1];
                      return months.map((mo) => {
                        const n = m.get(mo);
                        // A gap inside the force's own span is missing; outside it, simply not held.
                        const gap = n === undefined && mo > first && mo < last;
                        const level = n === undefined ? (gap ? 0 : 'none') : 1 + Math.min(3, Math.floor((n / grid.max) * 4));
                        const text = n === undefined ? (gap ? 'missing' : 'not held') : `${fmt(n)} rows`;
                        return <td key={mo} className={`cov cov-${level}`} title={`${forceName(forces.data, f)} ${mo}: ${text}`}>
                          <span className="visually-hidden">{text}</span>
                        </td>;
                      });
                    })()}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

function Batches() {
  const [offset, setOffset] = useState(0);
  const page = useApi(() => api.batches({ limit: 25, offset }), [offset]);
  return (
    <section aria-labelledby="b-h">
      <h2 id="b-h">Batches</h2>
      {page.error ? <ProblemNotice error={page.error} what="Batches" /> : !page.data ? <Loading what="batches" /> : (
        <>
          <div className="table-scroll" tabIndex={0} role="region" aria-label="Batches">
            <table data-testid="batches-table">
              <caption className="visually-hidden">Every load, newest first, with rows read = loaded + quarantined</caption>
              <thead><tr><th scope="col">Finished</th><th scope="col">Status</th><th scope="col">Dataset</th><th scope="col">Force</th><th scope="col">Months</th>
                <th scope="col" className="num">Read</th><th scope="col" className="num">Loaded</th><th scope="col" className="num">Quarantined</th><th scope="col">File</th></tr></thead>
              <tbody>{page.data.items.map((b) => (
                <tr key={b.batch_id}>
                  <td><time dateTime={b.finished_at}>{when(b.finished_at)}</time></td>
                  {/* Superseded and refused files wrote nothing: their record says why. */}
                  <td data-status={b.status}>{b.status}{WROTE_NOTHING.has(b.status) && b.detail ? <><br /><small>{b.detail}</small></> : null}</td>
                  <td>{kindLabel(b.kind)}</td><td>{forceName(undefined, b.force_id)}</td><td>{monthsLabel(b.months)}</td>
                  <td className="num">{fmt(b.rows_read)}</td><td className="num">{fmt(b.rows_loaded)}</td>
                  <td className="num">{b.rows_quarantined && !WROTE_NOTHING.has(b.status) ? <a href={href('data', 'quarantine')} onClick={() => sessionStorage.setItem('peel.qbatch', b.batch_id)}>{fmt(b.rows_quarantined)}</a> : 0}</td>
                  <td className="path">{b.source.split('/').pop()}</td>
                </tr>
              ))}</tbody>
            </table>
          </div>
          <Pager total={page.data.total} limit={25} offset={offset} onChange={setOffset} label="Batches" />
        </>
      )}
    </section>
  );
}

function Quarantine() {
  const [batch, setBatch] = useState(() => sessionStorage.getItem('peel.qbatch') ?? '');
  const [force, setForce] = useState('');
  const [reason, setReason] = useState('');
  const [offset, setOffset] = useState(0);
  const forces = useForces();
  // Quarantined rows hold record contents: reading them needs a purpose, which is audited.
  const [purposeDraft, setPurposeDraft] = useState(() => sessionStorage.getItem('peel.purpose') ?? '');
  const [purpose, setPurpose] = useState(() => sessionStorage.getItem('peel.purpose') ?? '');
  const why = { justification: purpose };
  const none = Promise.resolve(null);
  // Filter choices from the first rows held (the demo's quarantine is small).
  const summary = useApi(() => (purpose ? api.quarantine({ limit: 1000 }, why).then((p) => ({ items: p.items.flatMap((q) => q.reasons.map((reason) => ({ force_id: q.force_id, reason }))) })) : none), [purpose]);
  const page = useApi(() => (purpose ? api.quarantine({ batch: batch || undefined, force: force || undefined, reason: reason || undefined, limit: 25, offset }, why) : none), [batch, force, reason, offset, purpose]);
  const reasons = [...new Set((summary.data?.items ?? []).map((r) => r.reason))].sort();
  const qForces = [...new Set((summary.data?.items ?? []).map((r) => r.force_id))].sort();
  return (
    <section aria-labelledby="q-h">
      <h2 id="q-h">Quarantine</h2>
      <p className="muted small">Rows that failed the national standard on load, with their file, line, raw text and every reason. Nothing is dropped: read = loaded + quarantined.</p>
      <form className="toolbar" onSubmit={(e) => (e.preventDefault(), sessionStorage.setItem('peel.purpose', purposeDraft.trim()), setPurpose(purposeDraft.trim()))} aria-label="Purpose of this consultation">
        <label htmlFor="q-purpose">Purpose (recorded in the audit log)</label>
        <input id="q-purpose" value={purposeDraft} onChange={(e) => setPurposeDraft(e.target.value)} minLength={5} maxLength={1000} required size={40} placeholder="e.g. fixing Gwent's March file" />
        <button type="submit" disabled={purposeDraft.trim().length < 5}>Show rows</button>
      </form>
      {!purpose ? <p className="muted small">Say why you are looking at rejected rows to see them.</p> : <>
      <form className="toolbar" onSubmit={(e) => e.preventDefault()} aria-label="Filter quarantined rows">
        <label htmlFor="q-force">Force</label>
        <select id="q-force" value={force} onChange={(e) => (setForce(e.target.value), setOffset(0))}>
          <option value="">All</option>{qForces.map((f) => <option key={f} value={f}>{forceName(forces.data, f)}</option>)}
        </select>
        <label htmlFor="q-reason">Reason</label>
        <select id="q-reason" value={reason} onChange={(e) => (setReason(e.target.value), setOffset(0))}>
          <option value="">All</option>{reasons.map((r) => <option key={r} value={r}>{r}</option>)}
        </select>
        {batch && <button type="button" className="secondary" onClick={() => (sessionStorage.removeItem('peel.qbatch'), setBatch(''))}>Clear batch {batch}</button>}
      </form>
      {page.error ? <ProblemNotice error={page.error} what="Quarantined rows" /> : !page.data ? <Loading what="quarantined rows" /> : page.data.total === 0 ? <Empty>No quarantined rows{force || reason || batch ? ' match these filters' : ''}.</Empty> : (
        <>
          <div className="table-scroll" tabIndex={0} role="region" aria-label="Quarantined rows">
            <table data-testid="quarantine-table">
              <caption className="visually-hidden">Quarantined rows</caption>
              <thead><tr><th scope="col">File:line</th><th scope="col">Reasons</th><th scope="col">Detail</th><th scope="col">Raw row</th></tr></thead>
              <tbody>{page.data.items.map((q, i) => (
                <tr key={`${q.batch_id}-${q.line}-${i}`}>
                  <td className="path">{q.source.split('/').pop()}:{q.line ?? '?'}</td><td>{q.reasons.join(', ')}</td><td>{q.detail ?? ''}</td><td><code className="raw">{q.raw ?? ''}</code></td>
                </tr>
              ))}</tbody>
            </table>
          </div>
          <Pager total={page.data.total} limit={25} offset={offset} onChange={setOffset} label="Quarantined rows" />
        </>
      )}
      </>}
    </section>
  );
}

function Upload() {
  const input = useRef<HTMLInputElement>(null);
  const [job, setJob] = useState<UploadJob | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!job || job.state === 'done' || job.state === 'failed') return;
    const es = new EventSource(api.uploadEventsUrl(job.job_id));
    const on = (e: MessageEvent<string>) => setJob(JSON.parse(e.data) as UploadJob);
    es.addEventListener('progress', on);
    es.addEventListener('done', (e) => (on(e as MessageEvent<string>), es.close(), invalidateShared()));
    es.onerror = () => {
      // The stream broke: fall back to asking once.
      es.close();
      void api.upload(job.job_id).then(setJob, setError);
    };
    return () => es.close();
  }, [job?.job_id, job?.state === 'done' || job?.state === 'failed']);

  // The files last sent, to send again when the user confirms a refused shrink.
  const sent = useRef<File[]>([]);
  const send = async (files: File[], allowShrink: boolean) => {
    setBusy(true);
    setError(null);
    try {
      sent.current = files;
      setJob(await api.uploadFiles(files, allowShrink ? { allow_shrink: 'true' } : {}));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const files = [...(input.current?.files ?? [])];
    if (!files.length) return setError(new Error('Choose at least one .csv or .zip file.'));
    await send(files, false);
  };
  // The shrink guard refused some files: they would replace held months with far fewer rows.
  const refused = job?.state === 'failed' && job.error?.code === 'shrink_refused' ? job.batches.filter((b) => b.status === 'refused') : [];
  const p = job?.progress;
  const pct = p && p.files_total ? Math.round((100 * p.files_done) / p.files_total) : 0;
  return (
    <section aria-labelledby="u-h">
      <h2 id="u-h">Upload</h2>
      <form onSubmit={submit} className="stack" data-testid="upload-form">
        <label htmlFor="u-files">data.police.uk files (street, outcomes or stop-and-search CSV, or the monthly zip)</label>
        <input id="u-files" ref={input} type="file" multiple accept=".csv,.zip" aria-describedby="u-help" />
        <span id="u-help" className="small muted">Keep the names data.police.uk gives them, e.g. 2022-09-gwent-street.csv: the force and month come from the name.</span>
        <button type="submit" disabled={busy}>Upload and load</button>
      </form>
      {error !== null && <ProblemNotice error={error} what="The upload" />}
      {job && (
        <div className="card" data-testid="upload-job" data-state={job.state}>
          <label htmlFor="u-progress">Loading {job.files.length} file{job.files.length > 1 ? 's' : ''}: {job.state}</label>
          <progress id="u-progress" max={100} value={job.state === 'done' ? 100 : pct}>{pct}%</progress>
          <p role="status" aria-live="polite">{job.state === 'done' ? 'Done.' : job.state === 'failed' ? 'Failed.' : `${p?.files_done ?? 0} of ${p?.files_total ?? job.files.length} files, ${fmt(p?.rows ?? 0)} rows`}</p>
          {job.error && !refused.length && <p className="notice notice-error" role="alert">{job.error.detail}</p>}
          {refused.length > 0 && (
            <div className="notice notice-warning" role="alertdialog" aria-labelledby="shrink-h" aria-describedby="shrink-d" data-testid="shrink-confirm">
              <h3 id="shrink-h">Replace with far fewer rows?</h3>
              <p id="shrink-d">Nothing of {refused.length === 1 ? 'this file' : 'these files'} was loaded: {refused.length === 1 ? 'it' : 'each'} would replace a month the hub holds with under half its rows. A truncated or misnamed file looks like this; a genuine re-publication can too.</p>
              <table>
                <caption>Refused replacements</caption>
                <thead><tr><th scope="col">File</th><th scope="col">Force</th><th scope="col">Months</th><th scope="col" className="num">Rows held now</th><th scope="col" className="num">Rows after</th></tr></thead>
                <tbody>{refused.map((b) => (
                  <tr key={b.batch_id}><td className="path">{b.source.split('/').pop()}</td><td>{forceName(undefined, b.force_id)}</td><td>{monthsLabel(b.months)}</td>
                    <td className="num" data-testid="shrink-before">{fmt(b.rows_before)}</td><td className="num" data-testid="shrink-after">{fmt(b.rows_loaded)}</td></tr>
                ))}</tbody>
              </table>
              <div className="row">
                <button type="button" disabled={busy} onClick={() => void send(sent.current, true)} data-testid="shrink-allow">Replace anyway</button>
                <button type="button" disabled={busy} onClick={() => setJob(null)}>Keep what is held</button>
              </div>
            </div>
          )}
          {job.ignored.length > 0 && !job.error && <p className="notice notice-info">Not loaded (not data.police.uk files): {job.ignored.join(', ')}</p>}
          {job.batches.length > 0 && (
            <table>
              <caption>Files and what happened to them</caption>
              <thead><tr><th scope="col">File</th><th scope="col">Status</th><th scope="col">Force</th><th scope="col">Months</th><th scope="col" className="num">Read</th><th scope="col" className="num">Loaded</th><th scope="col" className="num">Quarantined</th><th scope="col" className="num">Rows before</th><th scope="col">Note</th></tr></thead>
              <tbody>{job.batches.map((b) => (
                <tr key={b.batch_id} data-status={b.status}><td className="path">{b.source.split('/').pop()}</td><td>{b.status}</td><td>{forceName(undefined, b.force_id)}</td><td>{monthsLabel(b.months)}</td>
                  <td className="num">{fmt(b.rows_read)}</td><td className="num">{fmt(b.rows_loaded)}</td><td className="num">{fmt(b.rows_quarantined)}</td>
                  <td className="num" data-testid="rows-before">{b.status === 'replaced' || b.status === 'refused' ? fmt(b.rows_before) : '—'}</td>
                  <td className="small">{b.detail ?? ''}</td></tr>
              ))}</tbody>
            </table>
          )}
        </div>
      )}
    </section>
  );
}

/** Exports are disclosures: the links carry why and for whom, both written to the audit log. */
function Exports() {
  const [why, setWhy] = useState('');
  const [whom, setWhom] = useState('');
  const ok = why.trim().length >= 5 && whom.trim().length >= 2;
  const p = { justification: why.trim(), recipient: whom.trim() };
  return (
    <section aria-labelledby="x-h" className="exports">
      <h2 id="x-h">Exports</h2>
      <form className="toolbar" onSubmit={(e) => e.preventDefault()}>
        <label htmlFor="x-why">Purpose</label>
        <input id="x-why" value={why} onChange={(e) => setWhy(e.target.value)} size={30} />
        <label htmlFor="x-whom">Recipient</label>
        <input id="x-whom" value={whom} onChange={(e) => setWhom(e.target.value)} size={20} />
      </form>
      {ok ? (
        <ul className="inline-list">
          <li><a href={api.exportUrl('cube', 'csv', p)}>Monthly cube (CSV)</a></li>
          <li><a href={api.exportUrl('batches', 'csv', p)}>Batches (CSV)</a></li>
          <li><a href={api.exportUrl('street', 'geojson', p)}>Street crimes (GeoJSON)</a></li>
          <li><a href={api.exportUrl('street', 'parquet', p)}>Street crimes (Parquet by force and month, zip)</a></li>
        </ul>
      ) : <p className="muted small">Give the purpose and the recipient to get the download links; both are recorded in the audit log.</p>}
    </section>
  );
}

export function Data({ tab: asked }: { tab: (typeof TABS)[number]['id'] | null }) {
  const can = { aggregates: useCan('aggregates:read'), batches: useCan('batches:read'), quarantine: useCan('quarantine:read'), upload: useCan('data:upload'), export: useCan('data:export') };
  // `#/data` opens on the first tab the role may use (an admin: batches), not on a permission notice.
  const tab = asked ?? (can.aggregates ? 'coverage' : can.batches ? 'batches' : can.upload ? 'upload' : can.quarantine ? 'quarantine' : 'coverage');
  return (
    <div data-ready="true">
      <h1 tabIndex={-1}>Data</h1>
      <nav aria-label="Data sections" className="tabs">
        {TABS.map((t) => <a key={t.id} href={href('data', t.id)} aria-current={t.id === tab ? 'page' : undefined}>{t.label}</a>)}
      </nav>
      {tab === 'coverage' && (can.aggregates ? <Coverage /> : <NotPermitted permission="aggregates:read" what="The coverage grid" />)}
      {tab === 'batches' && (can.batches ? <Batches /> : <NotPermitted permission="batches:read" what="The list of loads" />)}
      {tab === 'quarantine' && (can.quarantine ? <Quarantine /> : <NotPermitted permission="quarantine:read" what="Reading quarantined rows" />)}
      {tab === 'upload' && (can.upload ? <Upload /> : <NotPermitted permission="data:upload" what="Uploading files" />)}
      {can.export && <Exports />}
    </div>
  );
}
