/**
 * Data quality: the league table of forces and one force's findings with sample rows, read as the
 * contract types them (league rows, scorecard, findings). Until the quality capability is wired
 * the page says so.
 */
import type { QualityFinding, QualityLeagueRow, QualityScorecard } from '@peel/client';
import { api, fmt, useApi } from '../api.ts';
import { ProblemNotice, Loading, Empty } from '../components/Notice.tsx';
import { href } from '../router.ts';
import { useForces, forceName, gated } from '../shared.ts';
import { useState } from 'react';
import { MonthPicker, monthName, monthSpan } from '../components/MonthPicker.tsx';

function cell(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'number') return fmt(v, Number.isInteger(v) ? 0 : 2);
  if (typeof v === 'string' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** The league: rank, force, overall score, each dimension's score and the findings by severity. */
function LeagueTable({ rows, names }: { rows: QualityLeagueRow[]; names: Parameters<typeof forceName>[0] }) {
  const dims = [...new Set(rows.flatMap((r) => Object.keys(r.dimensions)))];
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label="Quality league table">
      <table data-testid="league-table">
        <caption className="visually-hidden">Forces ranked by their mean overall quality score (0–100) over the last twelve months scored</caption>
        <thead><tr>
          <th scope="col" className="num">Rank</th><th scope="col">Force</th><th scope="col" className="num">Overall</th>
          {dims.map((d) => <th key={d} scope="col" className="num">{dimName(d)}</th>)}
          <th scope="col" className="num">Months</th><th scope="col" className="num">High / medium / low findings</th>
        </tr></thead>
        <tbody>{rows.map((r) => {
          const f = r.force_id;
          return (
            <tr key={f}>
              <td className="num">{cell(r.rank)}</td>
              <th scope="row"><a href={href('quality', f)}>{forceName(names, f)}</a></th>
              <td className="num"><strong>{fmt(r.overall, 1)}</strong></td>
              {dims.map((d) => <td key={d} className="num">{fmt(r.dimensions[d] ?? null, 1)}</td>)}
              <td className="num">{cell(r.months)}</td>
              <td className="num">{fmt(r.findings.high)} / {fmt(r.findings.medium)} / {fmt(r.findings.low)}</td>
            </tr>
          );
        })}</tbody>
      </table>
    </div>
  );
}

/** The scores a scorecard may carry, in the order they are shown. */
const SCORES = ['overall', 'completeness', 'uniqueness', 'consistency', 'timeliness', 'validity', 'accuracy'] as const satisfies ReadonlyArray<keyof QualityScorecard>;
const DIMENSION_NAMES: Record<(typeof SCORES)[number], string> = {
  overall: 'Overall', completeness: 'Completeness', uniqueness: 'Uniqueness', consistency: 'Consistency',
  timeliness: 'Timeliness', validity: 'Validity', accuracy: 'Accuracy',
};
const dimName = (d: string) => (d in DIMENSION_NAMES ? DIMENSION_NAMES[d as keyof typeof DIMENSION_NAMES] : d.charAt(0).toUpperCase() + d.slice(1));
const sentence = (t: string) => t.charAt(0).toUpperCase() + t.slice(1);

/** A force's scores for one month (default its latest scored), each dimension named, and how many findings. */
export function Scorecard({ force, month }: { force: string; month?: string }) {
  const s = useApi(() => gated('quality', () => api.qualityScorecard(force, { month })), [force, month]);
  if (s.error) return <ProblemNotice error={s.error} what="The quality scorecard" />;
  if (!s.data) return <Loading what="the scorecard" />;
  const d: QualityScorecard = s.data;
  const dims = SCORES.filter((k) => d[k] !== undefined);
  return (
    <dl className="kv" data-testid="scorecard">
      <div><dt>Month scored</dt><dd>{monthName(d.month)}</dd></div>
      {dims.map((k) => <div key={k}><dt>{dimName(k)}</dt><dd>{fmt(d[k] ?? null, 1)}</dd></div>)}
      <div><dt>Findings this month</dt><dd>{fmt(d.findings_total)}</dd></div>
    </dl>
  );
}

const SEVERITY_ORDER: Record<QualityFinding['severity'], number> = { high: 0, medium: 1, low: 2 };

/** A force's findings for the month, grouped by dimension; each group folds away. */
function Findings({ force, month }: { force: string; month?: string }) {
  const s = useApi(() => gated('quality', () => api.qualityScorecard(force, { month })), [force, month]);
  if (s.error) return <ProblemNotice error={s.error} what="Findings" />;
  if (!s.data) return <Loading what="findings" />;
  const findings = s.data.findings;
  if (!findings.length) return <Empty>No findings for this force in this month.</Empty>;
  const groups = new Map<string, QualityFinding[]>();
  for (const f of findings) groups.set(f.dimension, [...(groups.get(f.dimension) ?? []), f]);
  return (
    <div data-testid="findings">
      {[...groups.entries()].sort((a, b) => a[0].localeCompare(b[0])).map(([dim, list]) => {
        const high = list.filter((f) => f.severity === 'high').length;
        return (
          <details key={dim} className="card finding-group" open={high > 0}>
            <summary><strong>{dimName(dim)}</strong>: {list.length} finding{list.length === 1 ? '' : 's'}{high ? `, ${high} high` : ''}</summary>
            <ol className="findings">
              {[...list].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]).map((f) => {
                const ids = f.sample_ids;
                return (
                  <li key={f.finding_id}>
                    <h3>{sentence(f.title)}<span className={`status sev-${f.severity}`}> {f.severity}</span></h3>
                    <p>{cell(f.message)}</p>
                    <p className="small muted">
                      {f.month !== null ? `${monthName(f.month)} · ` : ''}{`${f.dataset.replace(/_/g, ' ')} data`}
                      {f.value !== null ? ` · value ${fmtNum(f.value)}` : ''}{f.threshold !== null ? ` against a threshold of ${fmtNum(f.threshold)}` : ''}
                    </p>
                    {f.definition !== null && <p className="small muted">Measured as {f.definition.replace(/`/g, '')}.</p>}
                    {ids.length > 0 && (<p className="small">Sample rows (ids): {ids.slice(0, 10).map((id) => <code key={id} className="sample-id">{id}</code>)}{ids.length > 10 ? ` and ${ids.length - 10} more` : ''}</p>)}
                  </li>
                );
              })}
            </ol>
          </details>
        );
      })}
    </div>
  );
}

/** A share or a count for people: 0.015 → 0.015, 1234.5 → 1,234.5 (never 1.50e-2). */
function fmtNum(v: number): string {
  if (Math.abs(v) >= 100 || Number.isInteger(v)) return fmt(v, Number.isInteger(v) ? 0 : 1);
  return v.toLocaleString('en-GB', { maximumSignificantDigits: 3 });
}

export function Quality({ force }: { force: string | null }) {
  const forces = useForces();
  const [picked, setPicked] = useState('');
  const own = forces.data?.find((f) => f.id === force);
  const month = picked || undefined;
  const league = useApi(() => (force ? Promise.resolve(null) : gated('quality', () => api.qualityLeague({ limit: 100, month }))), [force, month]);
  const loaded = (forces.data ?? []).filter((f) => f.months > 0);
  const months = monthSpan(force ? (own ? [own] : []) : loaded);
  const ready = force ? !!forces.data : !!(league.data || league.error);
  return (
    <div data-ready={ready ? 'true' : undefined}>
      <h1 tabIndex={-1}>Data quality{force ? `: ${forceName(forces.data, force)}` : ''}</h1>
      <form className="toolbar" onSubmit={(e) => e.preventDefault()} aria-label="Choose the month">
        <MonthPicker months={months} value={picked} onChange={setPicked} anyLabel={force ? "The force's latest month scored" : 'The latest month scored'} />
      </form>
      {force ? (
        <>
          <p><a href={href('quality')}>Back to the league table</a></p>
          <section aria-labelledby="sc-h"><h2 id="sc-h">Scorecard</h2><Scorecard force={force} month={month} /></section>
          <section aria-labelledby="f-h"><h2 id="f-h">Findings</h2><Findings force={force} month={month} /></section>
        </>
      ) : (
        <section aria-labelledby="league-h">
          <h2 id="league-h">League table</h2>
          <p className="muted small">Each force's mean score over the twelve months to {month ? monthName(month) : 'the latest month scored'}; findings are counted over the same months.</p>
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
