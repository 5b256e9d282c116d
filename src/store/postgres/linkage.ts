/**
 * Person entities (migration 1101-linkage) on PostgreSQL: the same tables as ../duckdb/linkage.ts.
 * DuckDB's `arg_min` and ASOF join become an ordered aggregate and a join with DISTINCT ON (a
 * person's date of birth is the first one written at or after the name), `EXCLUDE` an explicit column list.
 */
import type { SqlValue } from '../sql/db.ts';
import type { LinkageStore, PersonEntityRow, PersonLinkRow, PersonLinkRun, PersonMentionRow } from '../types/linkage.ts';
import type { PgDb } from './db.ts';

const SEP = '\u001f';
const C = 'COLLATE "C"';

export function linkageStorePg(db: PgDb): LinkageStore {
  return {
    // A person's date of birth: the first one written at or after the name (DuckDB's ASOF join), as
    // one hash join and DISTINCT ON (a LATERAL lookup per person scanned the mentions each time).
    personMentions: async () => db.all<PersonMentionRow & Record<string, unknown>>(
      `WITH p AS (
         SELECT force_id, record_id, value AS person_value, (array_agg(text ORDER BY "start"))[1] AS name_text, min("start") AS "start"
         FROM entity_mentions WHERE type = 'PERSON' GROUP BY 1, 2, 3),
       d AS (SELECT force_id, record_id, "start", text, value FROM entity_mentions WHERE type = 'DATE_OF_BIRTH'),
       j AS (SELECT DISTINCT ON (p.force_id, p.record_id, p.person_value)
                    p.force_id, p.record_id, p.person_value, p.name_text, d.text AS dob_text, d.value AS dob_value
             FROM p LEFT JOIN d ON d.force_id = p.force_id AND d.record_id = p.record_id AND d."start" >= p."start"
             ORDER BY p.force_id, p.record_id, p.person_value, d."start")
       SELECT * FROM j ORDER BY force_id ${C}, record_id ${C}, person_value ${C}`),

    savePersonLinks: async (run, entities, links) => {
      await db.transaction(async () => {
        await db.run('DELETE FROM person_entities');
        await db.run('DELETE FROM person_links');
        const e = await db.appender('person_entities', ['varchar', 'varchar', 'varchar', 'varchar', 'varchar', 'varchar', 'varchar', 'varchar']);
        for (const r of entities) e.row([r.force_id, r.record_id, r.person_value, r.name_text, r.dob_text, r.dob_value, r.entity_id, run.run_id]);
        e.close();
        const l = await db.appender('person_links', ['varchar', 'varchar', 'varchar', 'varchar', 'varchar', 'varchar', 'double', 'double', 'varchar', 'varchar']);
        for (const r of links) l.row([r.force_id_a, r.record_id_a, r.person_a, r.force_id_b, r.record_id_b, r.person_b, r.probability, r.weight, JSON.stringify(r.why), run.run_id]);
        l.close();
        await db.run(`INSERT INTO person_link_runs VALUES (?, (now() AT TIME ZONE 'UTC')::TIMESTAMP, ?, ?, ?, ?, ?, ?)`,
          [run.run_id, run.persons, run.candidate_pairs, run.links, run.entities, run.lambda, run.threshold]);
      });
    },

    linkedPersons: async (q) => {
      if (q.forces !== 'all' && !q.forces.length) return { members: [], links: [] };
      const vp: SqlValue[] = [q.values.join(SEP)];
      const inValues = `person_value IN (SELECT unnest(string_to_array(?::VARCHAR, '${SEP}')))`;
      const inForces = (col: string) => (q.forces === 'all' ? 'TRUE' : `${col} IN (SELECT unnest(string_to_array(?::VARCHAR, '${SEP}')))`);
      const fp: SqlValue[] = q.forces === 'all' ? [] : [q.forces.join(SEP)];
      const members = await db.all<PersonEntityRow & Record<string, unknown>>(
        `SELECT force_id, record_id, person_value, name_text, dob_text, dob_value, entity_id FROM person_entities
         WHERE entity_id IN (SELECT entity_id FROM person_entities WHERE ${inValues} AND ${inForces('force_id')})
           AND ${inForces('force_id')}
         ORDER BY entity_id ${C}, force_id ${C}, record_id ${C}`, [...vp, ...fp, ...fp]);
      if (!members.length) return { members, links: [] };
      const rows = await db.all<Omit<PersonLinkRow, 'why'> & { why: string } & Record<string, unknown>>(
        `SELECT l.force_id_a, l.record_id_a, l.person_a, l.force_id_b, l.record_id_b, l.person_b, l.probability, l.weight, l.why
         FROM person_links l
         JOIN person_entities a ON a.force_id = l.force_id_a AND a.record_id = l.record_id_a AND a.person_value = l.person_a
         WHERE a.entity_id IN (SELECT DISTINCT entity_id FROM person_entities WHERE ${inValues} AND ${inForces('force_id')})
           AND ${inForces('l.force_id_a')} AND ${inForces('l.force_id_b')}
         ORDER BY l.probability DESC`, [...vp, ...fp, ...fp, ...fp]);
      return { members, links: rows.map((r) => ({ ...r, why: JSON.parse(r.why) as string[] })) };
    },

    lastPersonLinkRun: async () => db.one<PersonLinkRun & { finished_at: string } & Record<string, unknown>>(
      `SELECT run_id, to_char(finished_at, 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS finished_at, persons, candidate_pairs, links, entities,
              prior_probability AS "lambda", threshold
       FROM person_link_runs ORDER BY person_link_runs.finished_at DESC LIMIT 1`),
  };
}
