/**
 * The link view of a person: the same person under other spellings, in this and neighbouring
 * forces, with each link's waterfall of field contributions (docs/linkage.md). Shown on a PERSON
 * entity's page once a purpose is given; the API scopes it to the forces the caller may link and
 * audits it as a combination.
 */
import type { LinkedPerson, LinkedPersons } from '@peel/client';
import { api, useApi } from '../api.ts';
import { ProblemNotice, Loading, Empty } from './Notice.tsx';
import { href } from '../router.ts';

/** One step of a waterfall line: "surname KERSHAW ~ KERSAHW (Jaro–Winkler 0.97): +6.9". */
function Step({ line }: { line: string }) {
  const m = /^(.*): ([+−-]\d+(?:\.\d+)?)$/.exec(line);
  if (!m) return <li className="small">{line}</li>;
  const w = Number(m[2].replace('−', '-'));
  const width = Math.min(100, Math.abs(w) * 6);
  return (
    <li className="small link-step">
      <span className={w >= 0 ? 'link-for' : 'link-against'} style={{ display: 'inline-block', width: `${width}px`, height: '0.7em', marginRight: '0.5em', background: w >= 0 ? '#2e7d32' : '#c62828' }} aria-hidden="true" />
      {m[1]}: <strong>{m[2]}</strong>
    </li>
  );
}

function Person({ p }: { p: LinkedPerson }) {
  return (
    <section aria-label={`linked person ${p.entity_id}`} data-testid="linked-person">
      <h3>Written {p.spellings.map((s) => `“${s}”`).join(', ')}{p.dates_of_birth.length ? `, born ${p.dates_of_birth.join(', ')}` : ''}</h3>
      <p className="muted small">{p.members.length} records in {p.forces.join(', ')}</p>
      <ul className="plain">{p.members.map((m) => (
        <li key={`${m.force_id}/${m.record_id}/${m.person_value}`}><a href={href('records', m.force_id, m.record_id)}>{m.force_id}/{m.record_id}</a> as “{m.name_text}”{m.dob_text ? `, ${m.dob_text}` : ''}</li>
      ))}</ul>
      {p.connections.length ? (
        <p className="small" data-testid="person-connections">Connections: {p.connections.map((c, i) => (
          <span key={`${c.type}:${c.value}`}>{i ? '; ' : ''}<a href={href('entities', c.type, c.value)}>{c.value}</a> <span className="muted">{c.type.replace(/_/g, ' ').toLowerCase()}, {c.records.length} record{c.records.length === 1 ? '' : 's'}</span></span>
        ))}</p>
      ) : null}
      {p.links.map((l) => (
        <details key={`${l.force_id_a}/${l.record_id_a}/${l.person_a}~${l.force_id_b}/${l.record_id_b}/${l.person_b}`}>
          <summary>Why {l.force_id_a}/{l.record_id_a} and {l.force_id_b}/{l.record_id_b} are linked (probability {l.probability.toFixed(3)})</summary>
          <ol className="plain" data-testid="link-why">{l.why.map((w, i) => <Step key={i} line={w} />)}</ol>
        </details>
      ))}
    </section>
  );
}

export function LinkView({ name, purpose }: { name: string; purpose: string }) {
  const res = useApi(() => api.linkedPersons(name, { justification: purpose }), [name, purpose]);
  const d: LinkedPersons | null | undefined = res.data;
  const linked = (d?.persons ?? []).filter((p) => p.members.length > 1);
  return (
    <section aria-labelledby="linked-persons" data-testid="link-view">
      <h2 id="linked-persons">The same person under other spellings</h2>
      {res.error ? <ProblemNotice error={res.error} what="Linked persons" /> : !d ? <Loading what="linked persons" />
        : !d.run ? <Empty>People have not been linked yet (peel link-persons).</Empty>
        : !linked.length ? <Empty>No other record of the forces you may link names this person.</Empty>
        : linked.map((p) => <Person key={p.entity_id} p={p} />)}
    </section>
  );
}
