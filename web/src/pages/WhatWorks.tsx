/**
 * What works: the tactic library as EMMIE cards, the registered trials with their latest result,
 * and one trial's page — the treated series beside its synthetic control and matched comparison,
 * the result in plain words and in numbers, the displacement areas, the registration with its
 * hash and amendments, and the sharing document to download. All numbers come from the API
 * (`tactics/` computes them); this page only lays them out.
 */
import { useMemo } from 'react';
import type { LibraryTactic, TrialDetail, TrialSummary, Evaluation } from '@peel/client';
import { api, useApi } from '../api.ts';
import { ProblemNotice, Loading, Empty } from '../components/Notice.tsx';
import { Chart, type ChartOption } from '../components/Chart.tsx';
import { href } from '../router.ts';
import { forceName, useCategoryNames } from '../shared.ts';
import { monthName } from '../components/MonthPicker.tsx';

const EMMIE = [
  ['effect', 'Effect'], ['mechanism', 'Mechanism'], ['moderators', 'Moderators'], ['implementation', 'Implementation'], ['economic_cost', 'Economic cost'],
] as const;
const f2 = (v: number) => v.toFixed(2);
const pct = (v: number) => `${v > 0 ? '+' : ''}${(100 * v).toFixed(1)}%`;

function TacticCard({ t }: { t: LibraryTactic }) {
  return (
    <article className="card tactic-card" data-testid="tactic-card" aria-labelledby={`t-${t.tactic_id}`}>
      <h3 id={`t-${t.tactic_id}`}>{t.name}</h3>
      <p className="small"><strong>Problem:</strong> {t.problem} · <strong>Maryland level</strong> {t.maryland_level} of 5 · <span className="muted">{t.origin}</span></p>
      <dl className="emmie">
        {EMMIE.map(([k, label]) => (
          <div key={k}>
            <dt>{label} <span className={`quality q-${t.emmie[k].evidence_quality.replace(/ /g, '-')}`}>{t.emmie[k].evidence_quality} evidence</span></dt>
            <dd>{t.emmie[k].summary}</dd>
          </div>
        ))}
      </dl>
      <p className="small"><strong>Cost:</strong> {t.cost}</p>
      <details className="small"><summary>References ({t.references.length})</summary><ul>{t.references.map((r) => <li key={r}>{r}</li>)}</ul></details>
      <p className="small no-print"><a href={api.exportTacticUrl(t.tactic_id)} download>Export this tactic and its trials (JSON)</a></p>
    </article>
  );
}

function TrialRow({ s }: { s: TrialSummary }) {
  const r = s.trial.registration;
  const e = s.evaluation;
  return (
    <tr>
      <th scope="row"><a href={href('what-works', 'trials', s.trial.trial_id)}>{r.title}</a></th>
      <td>{forceName(undefined, r.force_id)}</td>
      <td>{monthName(r.start)} to {monthName(r.end)}</td>
      <td className="num">{e ? `${f2(e.rate_ratio)} (${f2(e.ci95.lower)}–${f2(e.ci95.upper)})` : 'not evaluated'}</td>
      <td className="num">{e ? pct(e.synth_effect) : '—'}</td>
    </tr>
  );
}

export function WhatWorks() {
  const tactics = useApi(() => api.tactics(), []);
  const trials = useApi(() => api.trials(), []);
  return (
    <div data-ready={(tactics.data || tactics.error) && (trials.data || trials.error) ? 'true' : undefined}>
      <h1 tabIndex={-1}>What works</h1>
      <p className="muted">Tactics with the evidence on them (EMMIE, as the College of Policing Crime Reduction Toolkit presents it), and trials registered here before their results, evaluated on the hub's data.</p>
      <section aria-labelledby="trials-h">
        <h2 id="trials-h">Trials</h2>
        {trials.error ? <ProblemNotice error={trials.error} what="The trials" /> : !trials.data ? <Loading what="the trials" /> : trials.data.items.length === 0 ? (
          <Empty>No trial is registered yet (<code>peel trials register</code>).</Empty>
        ) : (
          <div className="table-scroll" tabIndex={0} role="region" aria-label="Trials">
            <table data-testid="trials-table">
              <caption className="visually-hidden">Registered trials with the rate ratio of their latest evaluation (95% interval) and the synthetic control's effect</caption>
              <thead><tr><th scope="col">Trial</th><th scope="col">Force</th><th scope="col">Months</th><th scope="col" className="num">Rate ratio (95%)</th><th scope="col" className="num">Synthetic control</th></tr></thead>
              <tbody>{trials.data.items.map((s) => <TrialRow key={s.trial.trial_id} s={s} />)}</tbody>
            </table>
          </div>
        )}
      </section>
      <section aria-labelledby="lib-h">
        <h2 id="lib-h">Tactic library</h2>
        {tactics.error ? <ProblemNotice error={tactics.error} what="The tactic library" /> : !tactics.data ? <Loading what="the library" /> : (
          <div className="tactic-cards">{tactics.data.items.map((t) => <TacticCard key={t.tactic_id} t={t} />)}</div>
        )}
      </section>
    </div>
  );
}

function seriesOption(e: Evaluation, start: string): ChartOption {
  const line = (name: string, data: number[], color: string, dashed = false) => ({ name, type: 'line', data: data.map((v) => Math.round(v * 100) / 100), showSymbol: false, lineStyle: { color, type: dashed ? 'dashed' : 'solid', width: 2 }, itemStyle: { color } });
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 44, right: 52, top: 36, bottom: 28 },
    xAxis: { type: 'category', data: e.months },
    // The matched comparison is the total of many areas: on its own axis, to compare its shape.
    yAxis: [{ type: 'value', name: 'crimes a month', nameTextStyle: { align: 'left' } }, { type: 'value', name: 'comparison', splitLine: { show: false }, nameTextStyle: { align: 'right' } }],
    series: [
      { ...line('Treated areas', e.treated_series, '#0b0c0c'), markLine: { symbol: 'none', label: { formatter: `start ${start}` }, lineStyle: { color: '#d4351c' }, data: [{ xAxis: start }] } },
      line('Synthetic control', e.synthetic_series, '#1d70b8', true),
      { ...line('Matched comparison areas (total, right axis)', e.comparison_series, '#00703c', true), yAxisIndex: 1 },
    ],
  };
}

export function TrialView({ id }: { id: string }) {
  const d = useApi(() => api.trial(id), [id]);
  return (
    <div data-ready={d.data || d.error ? 'true' : undefined}>
      <p className="no-print"><a href={href('what-works')}>Back to What works</a></p>
      {d.error ? <><h1 tabIndex={-1}>Trial {id}</h1><ProblemNotice error={d.error} what="The trial" /></> : !d.data ? <Loading what="the trial" /> : <TrialBody d={d.data} />}
    </div>
  );
}

function TrialBody({ d }: { d: TrialDetail }) {
  const latest = d.trial.amendments[d.trial.amendments.length - 1];
  const reg = latest ? latest.registration : d.trial.registration;
  const e = d.evaluation;
  const option = useMemo(() => (e ? seriesOption(e, reg.start) : null), [e, reg.start]);
  const categories = useCategoryNames();
  return (
    <>
      <h1 tabIndex={-1}>{reg.title}</h1>
      <p className="small">Tactic: <strong>{d.tactic?.name ?? reg.tactic_id}</strong> · {forceName(undefined, reg.force_id)} · {reg.categories.map((c) => categories.data?.get(c) ?? c).join(', ')} · {monthName(reg.start)} to {monthName(reg.end)} · {reg.treated_lsoas.length} treated areas · {reg.allocation === 'randomised' ? 'randomised allocation (Maryland 5)' : 'comparison design (Maryland 3)'}</p>
      {!e ? <Empty>Not evaluated yet (<code>peel trials evaluate {d.trial.trial_id}</code>).</Empty> : (
        <>
          <section aria-labelledby="res-h">
            <h2 id="res-h">Result</h2>
            <p className="in-words" data-testid="in-words">{e.card.in_words}</p>
            <Chart option={option!} height={280} label={`Monthly crimes in the treated areas beside the synthetic control and the matched comparison, ${e.months[0]} to ${e.months[e.months.length - 1]}, the trial starting ${reg.start}`} />
          </section>
          <section aria-labelledby="num-h">
            <h2 id="num-h">Numbers</h2>
            <dl className="numbers">
              <div><dt>Rate ratio (difference-in-differences)</dt><dd data-testid="rate-ratio">{f2(e.did.rate_ratio)} (95% CI {f2(e.did.ci95.lower)}–{f2(e.did.ci95.upper)}, p = {e.did.p_value.toFixed(3)}; {e.did.placebos} placebo groups; model CI {f2(e.did.model_ci95.lower)}–{f2(e.did.model_ci95.upper)})</dd></div>
              <div><dt>Pre-trend (treated against comparison)</dt><dd>{e.did.pre_trend ? `${pct(e.did.pre_trend.per_month)} a month, p = ${e.did.pre_trend.p_value.toFixed(3)}` : 'not tested'}</dd></div>
              <div><dt>Synthetic control</dt><dd>{pct(e.synth.effect)} (rank {e.synth.ratio_rank} of {e.synth.placebos + 1} by post/pre RMSPE, placebo p = {e.synth.placebo_p.toFixed(3)}; pre-period RMSPE {f2(e.synth.pre_rmspe)})</dd></div>
              <div><dt>Weighted displacement difference (buffer {reg.buffer_m} m)</dt><dd>{f2(e.displacement.wdd.estimate)} (SE {f2(e.displacement.wdd.standard_error)}, z = {f2(e.displacement.wdd.z)}){e.displacement.buffer ? `; the buffer's own part ${f2(e.displacement.buffer.estimate)} (SE ${f2(e.displacement.buffer.standard_error)}) crimes per area per month` : ''}{e.displacement.wdq === null ? '' : `; WDQ ${f2(e.displacement.wdq)}`}</dd></div>
              <div><dt>Comparison areas</dt><dd>{e.did.comparison_lsoas.length} matched LSOAs from {reg.comparison_forces.join(', ')}</dd></div>
            </dl>
          </section>
          <section aria-labelledby="areas-h">
            <h2 id="areas-h">Areas</h2>
            <p className="small"><strong>Treated ({reg.treated_lsoas.length}):</strong> {reg.treated_lsoas.join(', ')}</p>
            <p className="small"><strong>Buffer for displacement ({e.displacement.buffer_lsoas.length}):</strong> {e.displacement.buffer_lsoas.join(', ') || 'none within the buffer'}</p>
          </section>
          <section aria-labelledby="card-h">
            <h2 id="card-h">Evaluation card (EMMIE)</h2>
            <dl className="emmie">
              {EMMIE.map(([k, label]) => <div key={k}><dt>{label}</dt><dd>{e.card[k]}</dd></div>)}
              <div><dt>Maryland level</dt><dd>{e.card.maryland_level}</dd></div>
            </dl>
          </section>
        </>
      )}
      <section aria-labelledby="reg-h">
        <h2 id="reg-h">Registration</h2>
        <p className="small">Registered {d.trial.registered_at} by {d.trial.registered_by}; hash <code className="hash">{d.trial.registration_hash}</code>{e ? <> · evaluated {e.evaluated_at} on registration <code className="hash">{e.registration_hash.slice(0, 12)}</code></> : null}</p>
        {d.trial.amendments.length === 0 ? <p className="small">No amendments.</p> : (
          <ol className="small">{d.trial.amendments.map((a) => <li key={a.hash}>{a.at} by {a.by}: {a.reason} (hash <code className="hash">{a.hash.slice(0, 12)}</code>)</li>)}</ol>
        )}
        <p className="no-print"><a href={api.exportTacticUrl(reg.tactic_id, { force: reg.force_id })} download data-testid="export-link">Export the tactic with this force's trials (JSON)</a></p>
      </section>
    </>
  );
}
