/**
 * The records assistant: search narratives (highlighted snippets, facets, a summary of the
 * results), one record with its entities, an entity's page (every record mentioning it, by
 * force), and the redaction review of a record or an uploaded NDJSON set. Every read of record
 * contents carries the purpose the user gave, which the server writes to the audit log.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import type { Proposal, RecordSearchResult, SummaryResult, EntityPage } from '@peel/client';
import { api, fmt, useApi } from '../api.ts';
import { ProblemNotice, Loading, Empty } from '../components/Notice.tsx';
import { Pager } from '../components/Pager.tsx';
import { RedactionReview, type ReviewInput } from '../components/RedactionReview.tsx';
import { LinkView } from '../components/LinkView.tsx';
import { href } from '../router.ts';
import { useCan, allForces, forceName } from '../shared.ts';

/** The hub's forces, for principals who may list them (an investigator may not: forceName then reads the standard's registry). */
function useForces() {
  const can = useCan('aggregates:read');
  return useApi(() => (can ? allForces() : Promise.resolve([])), [can]);
}

const PURPOSE_KEY = 'peel.purpose';

/** The purpose of this consultation, kept for the browser session (the server audits it with every read). */
export function usePurpose(): [string, (p: string) => void] {
  const [purpose, set] = useState(() => sessionStorage.getItem(PURPOSE_KEY) ?? '');
  return [purpose, (p) => (sessionStorage.setItem(PURPOSE_KEY, p), set(p))];
}

export function PurposeForm({ purpose, onChange, action = 'Continue' }: { purpose: string; onChange: (p: string) => void; action?: string }) {
  const [draft, setDraft] = useState(purpose);
  return (
    <form className="toolbar" onSubmit={(e) => (e.preventDefault(), onChange(draft.trim()))} aria-label="Purpose of this consultation">
      <label htmlFor="r-purpose">Purpose (recorded in the audit log)</label>
      <input id="r-purpose" value={draft} onChange={(e) => setDraft(e.target.value)} minLength={5} maxLength={1000} required size={40} placeholder="e.g. case 24/1234, burglary series" />
      <button type="submit" disabled={draft.trim().length < 5}>{purpose ? 'Change purpose' : action}</button>
    </form>
  );
}

function NotPermitted({ permission, what }: { permission: string; what: string }) {
  return <p className="notice notice-info" role="status" data-testid="not-permitted">{what} needs the <code>{permission}</code> permission, which your role does not include: ask an administrator for a grant.</p>;
}

/** A text with [start, end) ranges marked. */
function Marked({ text, ranges }: { text: string; ranges: ReadonlyArray<{ start: number; end: number; title?: string; className?: string }> }) {
  const out: ReactNode[] = [];
  let pos = 0;
  [...ranges].sort((a, b) => a.start - b.start).forEach((r, i) => {
    if (r.start < pos) return;
    out.push(text.slice(pos, r.start));
    out.push(<mark key={i} title={r.title} className={r.className}>{text.slice(r.start, r.end)}</mark>);
    pos = r.end;
  });
  out.push(text.slice(pos));
  return <>{out}</>;
}

const FACET_LABELS = { force: 'Force', kind: 'Kind', category: 'Category', month: 'Month' } as const;

function Facets({ facets, active, onPick, forces }: {
  facets: RecordSearchResult['facets'];
  active: { force?: string; kind?: string; category?: string };
  onPick: (field: 'force' | 'kind' | 'category', value: string | undefined) => void;
  forces: Parameters<typeof forceName>[0];
}) {
  return (
    <aside aria-label="Facets" className="facets" data-testid="facets">
      {(Object.keys(FACET_LABELS) as Array<keyof typeof FACET_LABELS>).map((k) => {
        const entries = Object.entries(facets[k]).sort((a, b) => (k === 'month' ? (a[0] < b[0] ? 1 : -1) : b[1] - a[1]));
        if (!entries.length) return null;
        return (
          <section key={k}>
            <h3>{FACET_LABELS[k]}</h3>
            <ul className="facet-list">
              {entries.slice(0, 12).map(([v, n]) => (
                <li key={v}>
                  {k === 'month' || !v ? <span>{v || 'none'}</span> : (
                    <button type="button" className="link-like" aria-pressed={active[k] === v} onClick={() => onPick(k, active[k] === v ? undefined : v)}>
                      {k === 'force' ? forceName(forces, v) : v}
                    </button>
                  )} <span className="muted">{fmt(n)}</span>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </aside>
  );
}

function Summary({ s }: { s: SummaryResult }) {
  const groups = [['people', 'People'], ['vehicles', 'Vehicles'], ['phones', 'Phones'], ['places', 'Places'], ['other', 'Other']] as const;
  return (
    <section aria-labelledby="sum-h" className="card" data-testid="summary">
      <h2 id="sum-h">Summary of {fmt(s.summary.records)} records</h2>
      <p className="small muted">Extractive: counts and quotations of the records, nothing generated. {s.summary.period.from ? `${s.summary.period.from.slice(0, 10)} to ${s.summary.period.to?.slice(0, 10)}.` : ''}</p>
      <p className="small">Categories: {s.summary.categories.map((c) => `${c.category} (${c.n})`).join(', ') || '—'}. Places: {s.summary.places.slice(0, 5).map((p) => `${p.place} (${p.n})`).join('; ') || '—'}.</p>
      <div className="grid-entities">
        {groups.map(([k, label]) => s.summary.entities[k].length ? (
          <div key={k}>
            <h3>{label}</h3>
            <ul className="plain">{s.summary.entities[k].map((e) => (
              <li key={`${e.type}:${e.value}`}><a href={href('entities', e.type, e.value)}>{e.value}</a> <span className="muted small">{e.type}, {e.records} record{e.records === 1 ? '' : 's'}</span></li>
            ))}</ul>
          </div>
        ) : null)}
      </div>
      <h3>Timeline</h3>
      <ol className="timeline small">{s.summary.timeline.slice(0, 50).map((t) => (
        <li key={`${t.force_id}/${t.record_id}`}><time>{t.occurred_at.slice(0, 16).replace('T', ' ')}</time> <a href={href('records', t.force_id, t.record_id)}>{forceName(undefined, t.force_id)} {t.record_id}</a>: {t.text}</li>
      ))}</ol>
      {s.advisory && (
        <div className="notice" data-testid="advisory">
          <strong>{s.advisory.label}</strong>
          <p className="small muted">{s.advisory.model} at {s.advisory.endpoint}</p>
          <p>{s.advisory.text}</p>
        </div>
      )}
    </section>
  );
}

export function Records() {
  const can = useCan('records:read');
  const [purpose, setPurpose] = usePurpose();
  const [draft, setDraft] = useState(() => sessionStorage.getItem('peel.records.q') ?? '');
  const [q, setQ] = useState(draft);
  const [filter, setFilter] = useState<{ force?: string; kind?: string; category?: string }>({});
  const [offset, setOffset] = useState(0);
  const [summary, setSummary] = useState<{ data?: SummaryResult; error?: unknown; busy: boolean }>({ busy: false });
  const forces = useForces();
  const why = { justification: purpose };
  const res = useApi((signal) => (purpose && q ? api.searchRecords({ q, ...filter, limit: 20, offset }, why, signal) : Promise.resolve(null)), [purpose, q, filter, offset]);
  const pick = (k: 'force' | 'kind' | 'category', v: string | undefined) => (setFilter((f) => ({ ...f, [k]: v })), setOffset(0), setSummary({ busy: false }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    sessionStorage.setItem('peel.records.q', draft.trim());
    setQ(draft.trim());
    setOffset(0);
    setFilter({});
    setSummary({ busy: false });
  };
  const summarise = async (advisory: boolean) => {
    setSummary({ busy: true });
    try {
      setSummary({ data: await api.recordsSummary({ q, ...filter, limit: 200, advisory }, why), busy: false });
    } catch (error) {
      setSummary({ error, busy: false });
    }
  };
  if (!can) return <div data-ready="true"><h1 tabIndex={-1}>Records</h1><NotPermitted permission="records:read" what="Reading narrative records" /></div>;
  const data = res.data;
  return (
    <div data-ready={!purpose || !q || data || res.error ? 'true' : undefined}>
      <h1 tabIndex={-1}>Records</h1>
      <p className="muted small">Search incident, crime, intelligence and stop-and-search narratives of the forces you may read, in plain English: “burglaries in Dover last month screwdriver”, “"grey Ford Focus"”, “catalytic*”. <a href={href('records', 'review')}>Review the redaction of an uploaded set</a>.</p>
      <PurposeForm purpose={purpose} onChange={setPurpose} />
      {!purpose ? <p className="muted small">Say why you are searching records to search them.</p> : <>
        <form className="toolbar" role="search" onSubmit={submit} aria-label="Search records">
          <label htmlFor="r-q">Search</label>
          <input id="r-q" type="search" value={draft} onChange={(e) => setDraft(e.target.value)} size={50} placeholder="e.g. burglaries last month screwdriver" />
          <button type="submit" disabled={!draft.trim()}>Search</button>
        </form>
        {q && (res.error ? <ProblemNotice error={res.error} what="The search" /> : !data ? <Loading what="records" /> : (
          <>
            <p className="small" data-testid="search-status" role="status">
              {fmt(data.total)} matching record{data.total === 1 ? '' : 's'}
              {data.understood.length ? <> · understood: {data.understood.join('; ')}</> : null}
              {Object.entries(data.corrections).map(([w, alts]) => <span key={w}> · “{w}” not found, searched {alts.join(', ')}</span>)}
              {data.withheld ? <> · {data.withheld} indexed record{data.withheld === 1 ? '' : 's'} no longer in the store left out</> : null}
            </p>
            <div className="records-layout">
              <Facets facets={data.facets} active={filter} forces={forces.data} onPick={pick} />
              <div>
                {data.hits.length === 0 ? <Empty>No records match.</Empty> : (
                  <ol className="hits" data-testid="hits" start={offset + 1}>
                    {data.hits.map((h) => (
                      <li key={`${h.force_id}/${h.record_id}`}>
                        <a href={href('records', h.force_id, h.record_id)}><strong>{forceName(forces.data, h.force_id)} {h.record_id}</strong></a>{' '}
                        <span className="muted small">{h.occurred_at.slice(0, 10)} · {h.kind}{h.category ? ` · ${h.category}` : ''} · {h.location_text}{h.classification !== 'OFFICIAL' ? ` · ${h.classification}` : ''}</span>
                        <p className="snippet"><Marked text={h.snippet} ranges={h.highlights.map(([start, end]) => ({ start, end }))} /></p>
                      </li>
                    ))}
                  </ol>
                )}
                <Pager total={data.total} limit={20} offset={offset} onChange={setOffset} label="Records" />
                {data.hits.length > 0 && (
                  <div className="toolbar">
                    <button type="button" onClick={() => void summarise(false)} disabled={summary.busy}>Summarise these records</button>
                  </div>
                )}
                {summary.busy && <Loading what="the summary" />}
                {summary.error ? <ProblemNotice error={summary.error} what="The summary" /> : null}
                {summary.data && <Summary s={summary.data} />}
                {summary.data?.summariser === 'on' && !summary.data.advisory && (
                  <p className="small"><button type="button" className="secondary" onClick={() => void summarise(true)}>Ask the configured summariser (sends these records to it; advisory)</button></p>
                )}
              </div>
            </div>
          </>
        ))}
      </>}
    </div>
  );
}

export function RecordView({ force, id }: { force: string; id: string }) {
  const can = useCan('records:read');
  const canLink = useCan('records:link');
  const [purpose, setPurpose] = usePurpose();
  const forces = useForces();
  const rec = useApi(() => (purpose && can ? api.record(force, id, { justification: purpose }) : Promise.resolve(null)), [force, id, purpose]);
  const d = rec.data;
  const input: ReviewInput = { kind: 'stored', refs: [{ force_id: force, record_id: id }] };
  return (
    <div data-ready={!purpose || !can || d || rec.error ? 'true' : undefined}>
      <p className="small"><a href={href('records')}>Records</a></p>
      <h1 tabIndex={-1}>Record {forceName(forces.data, force)} {id}</h1>
      {!can ? <NotPermitted permission="records:read" what="Reading narrative records" /> : <>
        <PurposeForm purpose={purpose} onChange={setPurpose} action="Show the record" />
        {!purpose ? <p className="muted small">Say why you are reading this record to see it.</p> : rec.error ? <ProblemNotice error={rec.error} what="The record" /> : !d ? <Loading what="the record" /> : (
          <>
            <dl className="kv">
              <div><dt>Occurred</dt><dd>{d.record.occurred_at.replace('T', ' ').replace('Z', '')}</dd></div>
              <div><dt>Kind</dt><dd>{d.record.kind}</dd></div>
              <div><dt>Category</dt><dd>{d.record.category ?? '—'}</dd></div>
              <div><dt>Location</dt><dd>{d.record.location_text}</dd></div>
              <div><dt>Marking</dt><dd>{d.record.classification}</dd></div>
            </dl>
            <h2>Narrative</h2>
            <p className="narrative" data-testid="narrative"><Marked text={d.record.narrative} ranges={d.entities.map((e) => ({ start: e.start, end: e.end, title: e.type, className: `ent ent-${e.type.toLowerCase()}` }))} /></p>
            <h2>Entities</h2>
            {d.entities.length === 0 ? <Empty>No entities found in this narrative.</Empty> : (
              <div className="table-scroll">
                <table data-testid="entities-table">
                  <caption className="visually-hidden">Entities found in the narrative</caption>
                  <thead><tr><th scope="col">Type</th><th scope="col">As written</th><th scope="col">Value</th><th scope="col" className="num">Confidence</th></tr></thead>
                  <tbody>{d.entities.map((e) => (
                    <tr key={`${e.start}`}>
                      <td>{e.type}</td><td>{e.text}</td>
                      <td>{canLink ? <a href={href('entities', e.type, e.value)} title="every record mentioning it">{e.value}</a> : e.value}</td>
                      <td className="num">{fmt(e.confidence, 2)}</td>
                    </tr>
                  ))}</tbody>
                </table>
              </div>
            )}
            <RedactionReview input={input} purpose={purpose} />
          </>
        )}
      </>}
    </div>
  );
}

export function EntityView({ type, value }: { type: string; value: string }) {
  const can = useCan('records:link');
  const [purpose, setPurpose] = usePurpose();
  const forces = useForces();
  const page = useApi(() => (purpose && can ? api.entity(type, value, { limit: 500 }, { justification: purpose }) : Promise.resolve(null)), [type, value, purpose]);
  const d: EntityPage | null | undefined = page.data;
  const byForce = new Map<string, EntityPage['items']>();
  for (const r of d?.items ?? []) byForce.set(r.force_id, [...(byForce.get(r.force_id) ?? []), r]);
  return (
    <div data-ready={!purpose || !can || d || page.error ? 'true' : undefined}>
      <p className="small"><a href={href('records')}>Records</a></p>
      <h1 tabIndex={-1}>{type.replace(/_/g, ' ').toLowerCase()}: {d?.value ?? value}</h1>
      {!can ? <NotPermitted permission="records:link" what="Linking records across forces" /> : <>
        <PurposeForm purpose={purpose} onChange={setPurpose} action="Show the records" />
        {!purpose ? <p className="muted small">Say why you are linking records to see them.</p> : page.error ? <ProblemNotice error={page.error} what="The entity's records" /> : !d ? <Loading what="records" /> : d.total === 0 ? <Empty>No record of the forces you may read mentions it.</Empty> : (
          <>
            <p data-testid="entity-status">{fmt(d.total)} record{d.total === 1 ? '' : 's'} mention it, in {Object.keys(d.by_force).length} force{Object.keys(d.by_force).length === 1 ? '' : 's'} you may read.</p>
            {[...byForce.entries()].map(([f, rows]) => (
              <section key={f} aria-labelledby={`ef-${f}`}>
                <h2 id={`ef-${f}`}>{forceName(forces.data, f)} <span className="muted small">{fmt(d.by_force[f] ?? rows.length)} records</span></h2>
                <div className="table-scroll">
                  <table data-testid={`entity-records-${f}`}>
                    <caption className="visually-hidden">Records of {f} mentioning it</caption>
                    <thead><tr><th scope="col">Record</th><th scope="col">Occurred</th><th scope="col">Kind</th><th scope="col">Category</th><th scope="col">Location</th><th scope="col">Written as</th></tr></thead>
                    <tbody>{rows.map((r) => (
                      <tr key={r.record_id}>
                        <td><a href={href('records', r.force_id, r.record_id)}>{r.record_id}</a></td>
                        <td>{r.occurred_at.slice(0, 10)}</td><td>{r.kind}</td><td>{r.category ?? '—'}</td><td>{r.location_text}</td>
                        <td>{r.texts.join(', ')}{r.mentions > 1 ? ` (${r.mentions}×)` : ''}</td>
                      </tr>
                    ))}</tbody>
                  </table>
                </div>
              </section>
            ))}
          </>
        )}
        {purpose && type === 'PERSON' ? <LinkView name={value} purpose={purpose} /> : null}
      </>}
    </div>
  );
}

/** Parses an uploaded NDJSON set in the browser: each line needs record_id and narrative. */
function parseUpload(text: string, name: string): Array<{ record_id: string; narrative: string }> {
  const out: Array<{ record_id: string; narrative: string }> = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    let o: unknown;
    try {
      o = JSON.parse(line);
    } catch {
      throw new Error(`line ${i + 1} of ${name}: not valid JSON: ${line.slice(0, 80)}`);
    }
    const r = o as { record_id?: unknown; narrative?: unknown };
    if (typeof r.record_id !== 'string' || typeof r.narrative !== 'string') throw new Error(`line ${i + 1} of ${name}: needs a string record_id and narrative`);
    out.push({ record_id: r.record_id, narrative: r.narrative });
  });
  if (!out.length) throw new Error(`${name} holds no records`);
  return out;
}

export function ReviewUpload() {
  const can = useCan('records:read');
  const [purpose, setPurpose] = usePurpose();
  const [records, setRecords] = useState<Array<{ record_id: string; narrative: string }> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const pick = async (file: File | undefined) => {
    setError(null);
    setRecords(null);
    if (!file) return;
    try {
      setRecords(parseUpload(await file.text(), file.name));
    } catch (e) {
      setError(e);
    }
  };
  return (
    <div data-ready="true">
      <p className="small"><a href={href('records')}>Records</a></p>
      <h1 tabIndex={-1}>Redaction review</h1>
      <p className="muted small">Upload an NDJSON set (one <code>{'{"record_id", "narrative"}'}</code> a line). Peel proposes the personal data to replace; accept, remove or add spans, then export the redacted copy. Your decision is written to the audit log.</p>
      {!can ? <NotPermitted permission="records:read" what="Reviewing redactions" /> : <>
        <PurposeForm purpose={purpose} onChange={setPurpose} />
        {purpose && (
          <div className="stack">
            <label htmlFor="rv-file">NDJSON file</label>
            <input id="rv-file" type="file" accept=".ndjson,.jsonl,.json,application/x-ndjson" onChange={(e) => void pick(e.target.files?.[0])} />
          </div>
        )}
        {error ? <ProblemNotice error={error} what="The file" /> : null}
        {purpose && records && <RedactionReview input={{ kind: 'upload', records }} purpose={purpose} />}
      </>}
    </div>
  );
}

export type { Proposal };
