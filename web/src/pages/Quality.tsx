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

const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);
const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/** The league: rank, force, overall score, each dimension's score and the findings by severity. */
function LeagueTable({ rows, names }: { rows: Json[]; names: Parameters<typeof forceName>[0] }) {
  const dims = [...new Set(rows.flatMap((r) => Object.keys(obj(r.dimensions))))];
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label="Quality league table">
      <table data-testid="league-table">
        <caption className="visually-hidden">Forces ranked by their mean overall quality score (0–100) over the last twelve months scored</caption>
        <thead><tr>
          <th scope="col" className="num">Rank</th><th scope="col">Force</th><th scope="col" className="num">Overall</th>
          {dims.map((d) => <th key={d} scope="col" className="num">{d}</th>)}
          <th scope="col" className="num">Months</th><th scope="col" className="num">High / medium / low findings</th>
        </tr></thead>
        <tbody>{rows.map((r) => {
          const f = String(r.force_id ?? '');
          const findings = obj(r.findings);
          return (
            <tr key={f}>
              <td className="num">{cell(r.rank)}</td>
              <th scope="row"><a href={href('quality', f)}>{forceName(names, f)}</a></th>
              <td className="num"><strong>{fmt(num(r.overall), 1)}</strong></td>
              {dims.map((d) => <td key={d} className="num">{fmt(num(obj(r.dimensions)[d]), 1)}</td>)}
              <td className="num">{cell(r.months)}</td>
              <td className="num">{fmt(num(findings.high))} / {fmt(num(findings.medium))} / {fmt(num(findings.low))}</td>
            </tr>
          );
        })}</tbody>
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
        const ids = Array.isArray(f.sample_ids) ? (f.sample_ids as unknown[]).map(String) : [];
        return (
          <li key={i} className="card">
            <h3>{cell(f.title ?? f.check ?? f.code ?? `Finding ${i + 1}`)}{typeof f.severity === 'string' ? <span className={`status sev-${f.severity}`}> {f.severity}</span> : null}</h3>
            <p>{cell(f.message ?? f.detail ?? f.explanation ?? '')}</p>
            <GenericTable rows={[Object.fromEntries(Object.entries(f).filter(([k, v]) => typeof v !== 'object' && !['title', 'message', 'detail', 'explanation', 'finding_id', 'force_id', 'check', 'severity'].includes(k)))]} caption="Finding details" />
            {samples.length > 0 && (<><h4>Sample rows</h4><GenericTable rows={samples} caption="Sample rows" /></>)}
            {ids.length > 0 && (<p className="small">Sample rows (ids): {ids.slice(0, 10).map((id) => <code key={id} className="sample-id">{id}</code>)}{ids.length > 10 ? ` and ${ids.length - 10} more` : ''}</p>)}
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
            <LeagueTable rows={league.data.items} names={forces.data} />
          )}
          <p className="muted small">Quarantined rows (rows that failed the national standard on load) are on the <a href={href('data', 'quarantine')}>Data page</a>.</p>
        </section>
      )}
    </div>
  );
}
