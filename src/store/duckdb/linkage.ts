/**
 * Person entities (migration 1101-linkage): the people named in narratives, linked across
 * records and forces by src/linkage, with the pairs that link them and why.
 *
 * - `person_entities`: one row per person named in a record (key force_id, record_id,
 *   person_value), with the name and date of birth as written and the entity it belongs to.
 * - `person_links`: the linked pairs (key force_id_a, record_id_a, person_a, force_id_b,
 *   record_id_b, person_b), with probability, weight and the explanation's lines (JSON).
 * - `person_link_runs`: one row per linking run (a reference table keyed by run_id).
 * A run replaces the previous one whole, in one transaction.
 */
import type { Db, SqlValue } from './db.ts';
import type { Migration } from './schema.ts';
import type { LinkageStore, PersonEntityRow, PersonLinkRow, PersonLinkRun, PersonMentionRow } from '../types/linkage.ts';

export const LINKAGE_MIGRATIONS: readonly Migration[] = [
  {
    id: '1101-linkage',
    statements: [
      `CREATE TABLE person_entities (
        force_id VARCHAR NOT NULL, record_id VARCHAR NOT NULL, person_value VARCHAR NOT NULL,
        name_text VARCHAR NOT NULL, dob_text VARCHAR, dob_value VARCHAR, entity_id VARCHAR NOT NULL, run_id VARCHAR NOT NULL)`,
      `CREATE TABLE person_links (
        force_id_a VARCHAR NOT NULL, record_id_a VARCHAR NOT NULL, person_a VARCHAR NOT NULL,
        force_id_b VARCHAR NOT NULL, record_id_b VARCHAR NOT NULL, person_b VARCHAR NOT NULL,
        probability DOUBLE NOT NULL, weight DOUBLE NOT NULL, why VARCHAR NOT NULL, run_id VARCHAR NOT NULL)`,
      `CREATE TABLE person_link_runs (
        run_id VARCHAR NOT NULL, finished_at TIMESTAMP NOT NULL, persons BIGINT NOT NULL, candidate_pairs BIGINT NOT NULL,
        links BIGINT NOT NULL, entities BIGINT NOT NULL, prior_probability DOUBLE NOT NULL, threshold DOUBLE NOT NULL)`,
    ],
  },
];

const SEP = '\u001f';

export function linkageStore(db: Db): LinkageStore {
  return {
    personMentions: async () => db.all<PersonMentionRow & Record<string, unknown>>(
      `WITH p AS (
         SELECT force_id, record_id, value AS person_value, arg_min(text, "start") AS name_text, min("start") AS "start"
         FROM entity_mentions WHERE type = 'PERSON' GROUP BY ALL),
       d AS (SELECT force_id, record_id, "start", text, value FROM entity_mentions WHERE type = 'DATE_OF_BIRTH')
       SELECT p.force_id, p.record_id, p.person_value, p.name_text, d.text AS dob_text, d.value AS dob_value
       FROM p ASOF LEFT JOIN d ON p.force_id = d.force_id AND p.record_id = d.record_id AND d."start" >= p."start"
       ORDER BY p.force_id, p.record_id, p.person_value`),

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
        await db.run(`INSERT INTO person_link_runs VALUES (?, now()::TIMESTAMP, ?, ?, ?, ?, ?, ?)`,
          [run.run_id, run.persons, run.candidate_pairs, run.links, run.entities, run.lambda, run.threshold]);
      });
    },

    linkedPersons: async (q) => {
      if (q.forces !== 'all' && !q.forces.length) return { members: [], links: [] };
      const vp: SqlValue[] = [q.values.join(SEP)];
      const inValues = `person_value IN (SELECT unnest(string_split(?, '${SEP}')))`;
      const inForces = (col: string) => (q.forces === 'all' ? 'TRUE' : `${col} IN (SELECT unnest(string_split(?, '${SEP}')))`);
      const fp: SqlValue[] = q.forces === 'all' ? [] : [q.forces.join(SEP)];
      const members = await db.all<PersonEntityRow & Record<string, unknown>>(
        `SELECT force_id, record_id, person_value, name_text, dob_text, dob_value, entity_id FROM person_entities
         WHERE entity_id IN (SELECT entity_id FROM person_entities WHERE ${inValues} AND ${inForces('force_id')})
           AND ${inForces('force_id')}
         ORDER BY entity_id, force_id, record_id`, [...vp, ...fp, ...fp]);
      if (!members.length) return { members, links: [] };
      const rows = await db.all<Omit<PersonLinkRow, 'why'> & { why: string } & Record<string, unknown>>(
        `SELECT l.* EXCLUDE (run_id) FROM person_links l
         JOIN person_entities a ON a.force_id = l.force_id_a AND a.record_id = l.record_id_a AND a.person_value = l.person_a
         WHERE a.entity_id IN (SELECT DISTINCT entity_id FROM person_entities WHERE ${inValues} AND ${inForces('force_id')})
           AND ${inForces('l.force_id_a')} AND ${inForces('l.force_id_b')}
         ORDER BY l.probability DESC`, [...vp, ...fp, ...fp, ...fp]);
      return { members, links: rows.map((r) => ({ ...r, why: JSON.parse(r.why) as string[] })) };
    },

    lastPersonLinkRun: async () => db.one<PersonLinkRun & { finished_at: string } & Record<string, unknown>>(
      `SELECT run_id, strftime(finished_at, '%Y-%m-%dT%H:%M:%SZ') AS finished_at, persons, candidate_pairs, links, entities, prior_probability AS "lambda", threshold
       FROM person_link_runs ORDER BY finished_at DESC LIMIT 1`),
  };
}
