/**
 * Data quality: the league table of forces and one force's findings with sample rows. Quality
 * results belong to the quality capability; until it is wired the page says so.
 */
import type { Json } from '@peel/client';
import { api, fmt, useApi } from '../api.ts';
import { ProblemNotice, Loading, Empty } from '../components/Notice.tsx';
import { href } from '../router.ts';
import { useForces, forceName, gated } from '../shared.ts';

function cell(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'number') return fmt(v, Number.isInteger(v) ? 0 : 2);
  if (typeof v === 'string' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** A table of plain rows, columns taken from the rows' keys (scalar values only). */
export function GenericTable({ rows, caption, link }: { rows: Json[]; caption: string; link?: (r: Json) => string | null }) {
  const cols = [...new Set(rows.flatMap((r) => Object.keys(r).filter((k) => r[k] === null || typeof r[k] !== 'object')))];
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead><tr>{cols.map((c) => <th key={c} scope="col">{c.replace(/_/g, ' ')}</th>)}</tr></thead>
        <tbody>{rows.map((r, i) => (
          <tr key={i}>{cols.map((c, j) => {
            const to = j === 0 && link ? link(r) : null;
            return <td key={c}>{to ? <a href={to}>{cell(r[c])}</a> : cell(r[c])}</td>;
          })}</tr>
        ))}</tbody>
      </table>
    </div>
  );
}

export function Scorecard({ force }: { force: string }) {
  const s = useApi(() => gated('quality', () => api.qualityScorecard(force)), [force]);
  if (s.error) return <ProblemNotice error={s.error} what="The quality scorecard" />;
  if (!s.data) return <Loading what="the scorecard" />;
  const scalars = Object.entries(s.data).filter(([, v]) => v === null || typeof v !== 'object');
  return (
    <dl className="kv">
      {scalars.map(([k, v]) => <div key={k}><dt>{k.replace(/_/g, ' ')}</dt><dd>{cell(v)}</dd></div>)}
    </dl>
  );
}

function Findings({ force }: { force: string }) {
  const s = useApi(() => gated('quality', () => api.qualityScorecard(force)), [force]);
  if (s.error) return <ProblemNotice error={s.error} what="Findings" />;
  if (!s.data) return <Loading what="findings" />;
  const findings = Array.isArray(s.data.findings) ? (s.data.findings as Json[]) : [];
  if (!findings.length) return <Empty>No findings for this force.</Empty>;
  return (
    <ol className="findings">
      {findings.map((f, i) => {
        const samples = Array.isArray(f.samples) ? (f.samples as Json[]) : Array.isArray(f.sample_rows) ? (f.sample_rows as Json[]) : [];
        return (
          <li key={i} className="card">
            <h3>{cell(f.title ?? f.check ?? f.code ?? `Finding ${i + 1}`)}</h3>
            <p>{cell(f.message ?? f.detail ?? f.explanation ?? '')}</p>
            <GenericTable rows={[Object.fromEntries(Object.entries(f).filter(([k, v]) => typeof v !== 'object' && !['title', 'message', 'detail', 'explanation'].includes(k)))]} caption="Finding details" />
            {samples.length > 0 && (<><h4>Sample rows</h4><GenericTable rows={samples} caption="Sample rows" /></>)}
          </li>
        );
      })}
    </ol>
  );
}

export function Quality({ force }: { force: string | null }) {
  const league = useApi(() => gated('quality', () => api.qualityLeague({ limit: 100 })), []);
  const forces = useForces();
  return (
    <div data-ready={league.data || league.error ? 'true' : undefined}>
      <h1 tabIndex={-1}>Data quality{force ? `: ${forceName(forces.data, force)}` : ''}</h1>
      {force ? (
        <>
          <p><a href={href('quality')}>Back to the league table</a></p>
          <section aria-labelledby="sc-h"><h2 id="sc-h">Scorecard</h2><Scorecard force={force} /></section>
          <section aria-labelledby="f-h"><h2 id="f-h">Findings</h2><Findings force={force} /></section>
        </>
      ) : (
        <section aria-labelledby="league-h">
          <h2 id="league-h">League table</h2>
          {league.error ? <ProblemNotice error={league.error} what="The quality league table" /> : !league.data ? <Loading what="the league table" /> : league.data.items.length === 0 ? (
            <Empty>No force has been assessed yet.</Empty>
          ) : (
            <GenericTable rows={league.data.items} caption="Forces ranked by data quality" link={(r) => (typeof r.force_id === 'string' ? href('quality', r.force_id) : null)} />
          )}
          <p className="muted small">Quarantined rows (rows that failed the national standard on load) are on the <a href={href('data', 'quarantine')}>Data page</a>.</p>
        </section>
      )}
    </div>
  );
}
