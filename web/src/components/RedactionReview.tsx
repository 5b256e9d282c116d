/**
 * The reviewer's view of a redaction: the spans Peel proposes for each record, which the reviewer
 * accepts or removes, retypes, or adds to (by finding a piece of text), under a policy; then the
 * export applies exactly the reviewed spans (a disclosure: it names a recipient) and offers the
 * redacted copy as NDJSON. The server audits the decision (spans accepted, removed, added).
 */
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import type { Applied, Proposal, RedactionPolicyName } from '@peel/client';
import { api } from '../api.ts';
import { ProblemNotice, Loading } from './Notice.tsx';
import { forceName } from '../shared.ts';

export type ReviewInput =
  | { kind: 'stored'; refs: Array<{ force_id: string; record_id: string }> }
  | { kind: 'upload'; records: Array<{ record_id: string; narrative: string }> };

const TYPES = ['PERSON', 'OFFICER', 'DATE_OF_BIRTH', 'ADDRESS', 'POSTCODE', 'PHONE', 'EMAIL', 'VEHICLE_REG', 'NI_NUMBER', 'BANK_ACCOUNT', 'PAYMENT_CARD', 'IP_ADDRESS', 'ID_DOCUMENT'] as const;

interface SpanState {
  start: number;
  end: number;
  type: string;
  proposed: boolean;
  /** Found, but the policy keeps it visible (an officer under `disclosure`): starts unticked. */
  kept: boolean;
  accepted: boolean;
}

interface RecordState {
  force_id: string | null;
  record_id: string;
  narrative: string;
  spans: SpanState[];
}

/**
 * The review starts as the policy proposes: every span ticked except those the policy keeps visible
 * (officers under `disclosure`), so an untouched review exports exactly what `peel redact` would.
 */
export function fromProposal(p: Proposal): RecordState[] {
  return p.records.map((r) => ({
    force_id: r.force_id, record_id: r.record_id, narrative: r.narrative,
    spans: r.spans.map((s) => ({ start: s.start, end: s.end, type: s.type, proposed: true, kept: s.kept, accepted: !s.kept })),
  }));
}

function Preview({ r }: { r: RecordState }) {
  const parts: ReactNode[] = [];
  let pos = 0;
  [...r.spans].sort((a, b) => a.start - b.start).forEach((s, i) => {
    if (s.start < pos) return;
    parts.push(r.narrative.slice(pos, s.start));
    // Ticked: blacked out. Kept by the policy (an officer under disclosure): underlined, as it stays in the copy. Unticked by you: struck through.
    const cls = s.accepted ? 'span-accepted' : s.kept ? 'span-kept' : 'span-removed';
    const note = s.accepted ? '' : s.kept ? ' (kept visible by the policy)' : ' (removed: stays visible)';
    parts.push(<mark key={i} className={cls} title={`${s.type}${note}`}>{r.narrative.slice(s.start, s.end)}</mark>);
    pos = s.end;
  });
  parts.push(r.narrative.slice(pos));
  return <p className="narrative">{parts}</p>;
}

function AddSpan({ r, onAdd }: { r: RecordState; onAdd: (s: SpanState) => void }) {
  const [text, setText] = useState('');
  const [type, setType] = useState<string>('PERSON');
  const [msg, setMsg] = useState('');
  const id = `add-${r.force_id ?? 'u'}-${r.record_id}`.replace(/[^\w-]/g, '_');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const want = text.trim();
    if (!want) return;
    const taken = r.spans.filter((s) => s.accepted);
    // The first occurrence not already inside an accepted span.
    for (let at = r.narrative.indexOf(want); at >= 0; at = r.narrative.indexOf(want, at + 1)) {
      const end = at + want.length;
      if (taken.some((s) => at < s.end && end > s.start)) continue;
      onAdd({ start: at, end, type, proposed: false, kept: false, accepted: true });
      setText('');
      setMsg(`added ${type} at ${at}-${end}`);
      return;
    }
    setMsg(`“${want}” is not in the narrative outside the spans already accepted`);
  };
  return (
    <form className="toolbar" onSubmit={submit} aria-label={`Add a span to ${r.record_id}`}>
      <label htmlFor={`${id}-text`}>Add text to redact</label>
      <input id={`${id}-text`} value={text} onChange={(e) => setText(e.target.value)} size={24} />
      <label htmlFor={`${id}-type`}>as</label>
      <select id={`${id}-type`} value={type} onChange={(e) => setType(e.target.value)}>{TYPES.map((t) => <option key={t}>{t}</option>)}</select>
      <button type="submit" disabled={!text.trim()}>Add span</button>
      <span className="small muted" role="status">{msg}</span>
    </form>
  );
}

function download(applied: Applied): string {
  const lines = applied.records.map((r) => JSON.stringify({ ...(r.force_id ? { force_id: r.force_id } : {}), record_id: r.record_id, narrative: r.text, policy: applied.policy }));
  return URL.createObjectURL(new Blob([lines.join('\n') + '\n'], { type: 'application/x-ndjson' }));
}

export function RedactionReview({ input, purpose }: { input: ReviewInput; purpose: string }) {
  const [policy, setPolicy] = useState<RedactionPolicyName>('disclosure');
  const [state, setState] = useState<{ records?: RecordState[]; error?: unknown }>({});
  const [recipient, setRecipient] = useState('');
  const [applied, setApplied] = useState<{ data?: Applied; url?: string; error?: unknown; busy: boolean }>({ busy: false });
  const key = JSON.stringify(input);
  useEffect(() => {
    let live = true;
    setState({});
    setApplied({ busy: false });
    const body = input.kind === 'stored' ? { policy, records: input.refs } : { policy, upload: input.records };
    api.proposeRedaction(body, { justification: purpose }).then((p) => live && setState({ records: fromProposal(p) }), (error: unknown) => live && setState({ error }));
    return () => void (live = false);
  }, [key, policy, purpose]);

  const update = (ri: number, fn: (r: RecordState) => RecordState) => setState((s) => ({ records: s.records?.map((r, i) => (i === ri ? fn(r) : r)) }));

  const exportIt = async (e: FormEvent) => {
    e.preventDefault();
    if (!state.records) return;
    setApplied({ busy: true });
    try {
      const data = await api.applyRedaction({
        policy,
        records: state.records.map((r) => ({
          ...(r.force_id ? { force_id: r.force_id } : { narrative: r.narrative }),
          record_id: r.record_id,
          spans: r.spans.filter((s) => s.accepted).map(({ start, end, type }) => ({ start, end, type })),
        })),
      }, { justification: purpose, recipient: recipient.trim() });
      setApplied({ data, url: download(data), busy: false });
    } catch (error) {
      setApplied({ error, busy: false });
    }
  };

  return (
    <section aria-labelledby="rv-h" className="review" data-testid="review">
      <h2 id="rv-h">Redaction review</h2>
      <div className="toolbar">
        <label htmlFor="rv-policy">Policy</label>
        <select id="rv-policy" value={policy} onChange={(e) => setPolicy(e.target.value as RedactionPolicyName)}>
          <option value="disclosure">disclosure (to the CPS: officers stay named)</option>
          <option value="public">public (everything replaced)</option>
        </select>
      </div>
      {state.error ? <ProblemNotice error={state.error} what="The proposed redaction" /> : !state.records ? <Loading what="the proposed spans" /> : (
        <>
          {state.records.map((r, ri) => (
            <article key={`${r.force_id}/${r.record_id}`} className="card review-record" data-testid={`review-${r.record_id}`}>
              <h3>{r.force_id ? `${forceName(undefined, r.force_id)}, record ` : 'Record '}{r.record_id}</h3>
              <Preview r={r} />
              <div className="table-scroll">
                <table>
                  <caption className="visually-hidden">Spans of {r.record_id}</caption>
                  <thead><tr><th scope="col">Redact</th><th scope="col">Text</th><th scope="col">Type</th><th scope="col">Offsets</th><th scope="col">Origin</th></tr></thead>
                  <tbody>{r.spans.map((s, si) => {
                    const id = `sp-${ri}-${si}`;
                    return (
                      <tr key={`${s.start}-${s.end}-${si}`} className={s.accepted ? '' : 'removed'}>
                        <td><input id={id} type="checkbox" checked={s.accepted} aria-label={`redact “${r.narrative.slice(s.start, s.end)}”`}
                          onChange={(e) => update(ri, (x) => ({ ...x, spans: x.spans.map((y, j) => (j === si ? { ...y, accepted: e.target.checked } : y)) }))} /></td>
                        <td><label htmlFor={id}>{r.narrative.slice(s.start, s.end)}</label></td>
                        <td>
                          <select aria-label={`type of “${r.narrative.slice(s.start, s.end)}”`} value={s.type}
                            onChange={(e) => update(ri, (x) => ({ ...x, spans: x.spans.map((y, j) => (j === si ? { ...y, type: e.target.value, proposed: false } : y)) }))}>
                            {TYPES.map((t) => <option key={t}>{t}</option>)}
                          </select>
                        </td>
                        <td className="num">{s.start}–{s.end}</td>
                        <td className="small">{!s.proposed ? 'added by you' : s.kept ? 'kept visible by the policy' : 'proposed'}</td>
                      </tr>
                    );
                  })}</tbody>
                </table>
              </div>
              <AddSpan r={r} onAdd={(s) => update(ri, (x) => ({ ...x, spans: [...x.spans, s].sort((a, b) => a.start - b.start) }))} />
            </article>
          ))}
          <form className="toolbar" onSubmit={(e) => void exportIt(e)} aria-label="Export the redacted copy">
            <label htmlFor="rv-recipient">Recipient (recorded in the audit log)</label>
            <input id="rv-recipient" value={recipient} onChange={(e) => setRecipient(e.target.value)} required size={30} placeholder="e.g. CPS Kent, case 24/1234" />
            <button type="submit" disabled={!recipient.trim() || applied.busy}>Export redacted copy</button>
          </form>
          {applied.error ? <ProblemNotice error={applied.error} what="The export" /> : null}
          {applied.data && (
            <div className="notice" role="status" data-testid="export-result">
              <p><strong>Exported {applied.data.records.length} record{applied.data.records.length === 1 ? '' : 's'}</strong> under the {applied.data.policy} policy: {applied.data.decision.accepted} proposed spans accepted, {applied.data.decision.removed} removed, {applied.data.decision.added} added. Decision recorded in the audit log{applied.data.decision.audit_event !== null ? ` (event ${applied.data.decision.audit_event})` : ''}.</p>
              {applied.data.records.map((r) => <pre key={r.record_id} className="redacted" data-testid={`redacted-${r.record_id}`}>{r.text}</pre>)}
              {applied.url && <a href={applied.url} download="peel-redacted.ndjson">Download the redacted copy (NDJSON)</a>}
            </div>
          )}
        </>
      )}
    </section>
  );
}
