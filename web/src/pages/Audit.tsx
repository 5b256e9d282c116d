/**
 * The audit log: who did what, to which objects, for which force, and why — newest first, paged
 * and filtered — and a check of its hash chain (any edited or deleted event breaks it).
 * Reading the log is itself logged.
 */
import { useState } from 'react';
import type { AuditEventView, AuditVerify } from '@peel/client';
import { api, fmt, useApi } from '../api.ts';
import { ProblemNotice, Loading, Empty } from '../components/Notice.tsx';
import { Pager } from '../components/Pager.tsx';

const LIMIT = 50;

function detailText(e: AuditEventView): string {
  return Object.entries(e.detail).map(([k, v]) => `${k.replace(/_/g, ' ')}: ${Array.isArray(v) ? v.join(', ') : typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)}`).join('; ');
}

function Verify() {
  const [result, setResult] = useState<AuditVerify | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const verify = async () => {
    setBusy(true);
    setError(null);
    try {
      setResult(await api.verifyAudit());
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="verify">
      <button type="button" onClick={() => void verify()} disabled={busy}>{busy ? 'Verifying…' : 'Verify chain'}</button>
      {error !== null && <ProblemNotice error={error} what="The verification" />}
      {result && (result.ok ? (
        <p className="notice notice-info" role="status" data-testid="verify-result">
          <strong>The chain is intact:</strong> all {fmt(result.events)} events hash to the head <code>{result.head.slice(0, 16)}…</code>.
        </p>
      ) : (
        <p className="notice notice-error" role="alert" data-testid="verify-result">
          <strong>The chain is broken at event {result.first_bad_event ?? '?'}:</strong> {result.reason ?? 'the hashes do not match'}.
        </p>
      ))}
    </div>
  );
}

export function Audit() {
  const cat = useApi(() => api.roles(), []);
  const [actor, setActor] = useState('');
  const [action, setAction] = useState('');
  const [force, setForce] = useState('');
  const [since, setSince] = useState('');
  const [until, setUntil] = useState('');
  const [offset, setOffset] = useState(0);
  const q = {
    actor: actor.trim() || undefined, action: action || undefined, force: force || undefined,
    since: since ? `${since}T00:00:00Z` : undefined, until: until ? `${until}T23:59:59Z` : undefined, limit: LIMIT, offset,
  };
  const page = useApi(() => api.audit(q), [actor, action, force, since, until, offset]);
  const reset = <T,>(set: (v: T) => void) => (v: T) => (set(v), setOffset(0));
  const forceName = (id: string | null) => (id ? cat.data?.forces.find((f) => f.id === id)?.name ?? id : '—');

  return (
    <div data-ready={page.data || page.error ? 'true' : undefined}>
      <h1 tabIndex={-1}>Audit log</h1>
      <p className="lede">Every sign-in, consultation, disclosure and change, newest first. Each event carries the hash of the one before it, so an edited or deleted event breaks the chain.</p>
      <Verify />
      <form className="toolbar" onSubmit={(e) => e.preventDefault()} aria-label="Filter the audit log">
        <label htmlFor="a-actor">Actor</label>
        <input id="a-actor" value={actor} onChange={(e) => reset(setActor)(e.target.value)} placeholder="user:name" size={14} />
        <label htmlFor="a-action">Action</label>
        <select id="a-action" value={action} onChange={(e) => reset(setAction)(e.target.value)}>
          <option value="">Any action</option>
          {(cat.data?.audit_actions ?? []).map((a) => <option key={a} value={a}>{a.replace(/_/g, ' ')}</option>)}
        </select>
        <label htmlFor="a-force">Force</label>
        <select id="a-force" value={force} onChange={(e) => reset(setForce)(e.target.value)}>
          <option value="">Any force</option>
          {(cat.data?.forces ?? []).map((f) => <option key={f.id} value={f.id}>{f.name}</option>)}
        </select>
        <label htmlFor="a-since">From</label>
        <input id="a-since" type="date" value={since} onChange={(e) => reset(setSince)(e.target.value)} />
        <label htmlFor="a-until">To</label>
        <input id="a-until" type="date" value={until} onChange={(e) => reset(setUntil)(e.target.value)} />
      </form>
      {page.error ? <ProblemNotice error={page.error} what="The audit log" /> : !page.data ? <Loading what="the audit log" /> : page.data.items.length === 0 ? <Empty>No events match these filters.</Empty> : (
        <>
          <div className="table-scroll" tabIndex={0} role="region" aria-label="Audit events">
            <table data-testid="audit-table">
              <caption className="visually-hidden">Audit events, newest first</caption>
              <thead><tr><th scope="col" className="num">Event</th><th scope="col">When (UTC)</th><th scope="col">Actor</th><th scope="col">Action</th><th scope="col">Outcome</th><th scope="col">Force</th><th scope="col">Objects</th><th scope="col">Why / for whom</th><th scope="col">Detail</th></tr></thead>
              <tbody>{page.data.items.map((e) => (
                <tr key={e.id}>
                  <td className="num">{e.id}</td>
                  <td className="nowrap">{e.at.slice(0, 19).replace("T", " ")}</td>
                  <td className="nowrap">{e.actor}</td>
                  <td>{e.action.replace(/_/g, ' ')}</td>
                  <td>{e.outcome}</td>
                  <td>{forceName(e.forceId)}</td>
                  <td className="small">{e.objectIds.slice(0, 3).join(', ')}{e.objectIds.length > 3 ? ` and ${e.objectIds.length - 3} more` : ''}</td>
                  <td className="small">{[e.justification, e.recipient && `to ${e.recipient}`].filter(Boolean).join('; ') || '—'}</td>
                  <td className="small">{detailText(e)}</td>
                </tr>
              ))}</tbody>
            </table>
          </div>
          <Pager total={page.data.total} limit={LIMIT} offset={offset} onChange={setOffset} label="Audit events" />
        </>
      )}
    </div>
  );
}
