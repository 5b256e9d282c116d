/**
 * The records assistant's tables (migration 0501-records): narrative records, the narratives that
 * failed the standard, the entities found in each narrative, and the provenance of each load.
 *
 * - `narratives`: one row per (force_id, record_id); a reload of a record id replaces the row.
 * - `entity_mentions`: every entity found in a narrative, with its normalised `value`, so one
 *   entity (type + value) is looked up across records and forces. Replaced with its record.
 * - `narrative_quarantine`: a record that failed the standard, with its file, line, raw text and
 *   every reason code; `force_id` is the record's force when it could be read, else `unknown`.
 * - `narrative_batches`: one row per loaded file (read = loaded + quarantined). A file may hold
 *   several forces, so this small provenance table is keyed by batch_id alone (a Citus reference
 *   table, not a distributed one); every other key is led by force_id.
 *
 * As for the other fact tables, keys are declared here and guaranteed by the loader, not as
 * DuckDB constraints (ART indexes slow bulk loads several-fold). Bulk work goes through appenders
 * into staging tables and set-based SQL; nothing here inserts row by row.
 */
import type { Db, SqlValue } from './db.ts';
import type { Migration } from './schema.ts';
import type { EntityRecordRow, MentionRow, NarrativeBatchRow, NarrativeQuarantineRow, NarrativeRow, RecordKey, RecordsStore } from '../types/records.ts';

export const RECORDS_MIGRATIONS: readonly Migration[] = [
  {
    id: '0501-records',
    statements: [
      // key (force_id, record_id)
      `CREATE TABLE narratives (
        force_id VARCHAR NOT NULL, record_id VARCHAR NOT NULL, kind VARCHAR NOT NULL, occurred_at TIMESTAMP NOT NULL,
        category VARCHAR, location_text VARCHAR NOT NULL, lon DOUBLE, lat DOUBLE, lsoa_code VARCHAR,
        classification VARCHAR NOT NULL, narrative VARCHAR NOT NULL, batch_id VARCHAR NOT NULL)`,
      // key (force_id, record_id, "start"); looked up by (type, value) across forces
      `CREATE TABLE entity_mentions (
        force_id VARCHAR NOT NULL, record_id VARCHAR NOT NULL, type VARCHAR NOT NULL, value VARCHAR NOT NULL,
        "start" INTEGER NOT NULL, "end" INTEGER NOT NULL, text VARCHAR NOT NULL, confidence DOUBLE NOT NULL)`,
      // key (force_id, batch_id, line)
      `CREATE TABLE narrative_quarantine (
        force_id VARCHAR NOT NULL, batch_id VARCHAR NOT NULL, source VARCHAR NOT NULL, line BIGINT NOT NULL,
        raw VARCHAR NOT NULL, reasons VARCHAR[] NOT NULL, detail VARCHAR NOT NULL)`,
      // key (batch_id): a reference table (see above)
      `CREATE TABLE narrative_batches (
        batch_id VARCHAR NOT NULL, source VARCHAR NOT NULL, sha256 VARCHAR NOT NULL, forces VARCHAR[] NOT NULL,
        rows_read BIGINT NOT NULL, rows_loaded BIGINT NOT NULL, rows_quarantined BIGINT NOT NULL,
        records_replaced BIGINT NOT NULL, mentions BIGINT NOT NULL, started_at TIMESTAMP NOT NULL,
        finished_at TIMESTAMP NOT NULL, ms_total DOUBLE NOT NULL)`,
    ],
  },
];

const NARRATIVE_COLS = `force_id, record_id, kind, strftime(occurred_at, '%Y-%m-%dT%H:%M:%SZ') AS occurred_at, category, location_text,
  lon, lat, lsoa_code, classification, narrative, batch_id`;
const BATCH_COLS = `batch_id, source, sha256, forces, rows_read, rows_loaded, rows_quarantined, records_replaced, mentions,
  strftime(started_at, '%Y-%m-%dT%H:%M:%SZ') AS started_at, strftime(finished_at, '%Y-%m-%dT%H:%M:%SZ') AS finished_at, ms_total`;
const SEP = '\u001f';
/**
 * An ISO 8601 UTC text (`2024-05-01T10:00:00Z`, as the parser writes it) as a TIMESTAMP holding UTC.
 * Not `::TIMESTAMPTZ::TIMESTAMP`, which converts to the session's time zone.
 */
const utc = (expr: string) => `replace(rtrim(${expr}, 'Z'), 'T', ' ')::TIMESTAMP`;
const KEY_SEP = '\u001e';

/** A list of keys as one bound string, matched with `keyIn(...)`: no SQL text built from values. */
function keyParam(keys: readonly RecordKey[]): string {
  return keys.map((k) => `${k.force_id}${SEP}${k.record_id}`).join(KEY_SEP);
}
const keyIn = (alias = '') => `(${alias}force_id || '${SEP}' || ${alias}record_id) IN (SELECT unnest(string_split(?, '${KEY_SEP}')))`;

export function recordsStore(db: Db): RecordsStore {
  return {
    loadNarratives: (load, fill) =>
      db.transaction(async () => {
        const t0 = performance.now();
        await db.run(`CREATE OR REPLACE TEMP TABLE stg_narr (seq BIGINT, force_id VARCHAR, record_id VARCHAR, kind VARCHAR, occurred_at VARCHAR,
          category VARCHAR, location_text VARCHAR, lon DOUBLE, lat DOUBLE, lsoa_code VARCHAR, classification VARCHAR, narrative VARCHAR)`);
        await db.run(`CREATE OR REPLACE TEMP TABLE stg_ment (seq BIGINT, force_id VARCHAR, record_id VARCHAR, type VARCHAR, value VARCHAR,
          "start" INTEGER, "end" INTEGER, text VARCHAR, confidence DOUBLE)`);
        await db.run(`CREATE OR REPLACE TEMP TABLE stg_quar (force_id VARCHAR, line BIGINT, raw VARCHAR, reasons VARCHAR, detail VARCHAR)`);
        const narr = await db.appender('stg_narr', ['bigint', 'varchar', 'varchar', 'varchar', 'varchar', 'varchar', 'varchar', 'double', 'double', 'varchar', 'varchar', 'varchar']);
        const ment = await db.appender('stg_ment', ['bigint', 'varchar', 'varchar', 'varchar', 'varchar', 'integer', 'integer', 'varchar', 'double']);
        const quar = await db.appender('stg_quar', ['varchar', 'bigint', 'varchar', 'varchar', 'varchar']);
        let seq = 0;
        let mentions = 0;
        let quarantined = 0;
        try {
          await fill({
            addRecord(r, ms) {
              seq++;
              narr.row([seq, r.force_id, r.record_id, r.kind, r.occurred_at, r.category, r.location_text, r.lon, r.lat, r.lsoa_code, r.classification, r.narrative]);
              for (const m of ms) ment.row([seq, r.force_id, r.record_id, m.type, m.value, m.start, m.end, m.text, m.confidence]);
              mentions += ms.length;
            },
            addQuarantine(q) {
              quarantined++;
              quar.row([q.force_id, q.line, q.raw, q.reasons.join(SEP), q.detail]);
            },
          });
        } finally {
          narr.close();
          ment.close();
          quar.close();
        }
        // The last line of a file wins for a repeated record id.
        await db.run(`CREATE OR REPLACE TEMP TABLE stg_last AS
          SELECT * FROM stg_narr QUALIFY row_number() OVER (PARTITION BY force_id, record_id ORDER BY seq DESC) = 1`);
        const held = (await db.one<{ n: number }>(`SELECT count(*) AS n FROM narratives n SEMI JOIN stg_last s USING (force_id, record_id)`))?.n ?? 0;
        await db.run(`DELETE FROM narratives WHERE (force_id, record_id) IN (SELECT force_id, record_id FROM stg_last)`);
        await db.run(`DELETE FROM entity_mentions WHERE (force_id, record_id) IN (SELECT force_id, record_id FROM stg_last)`);
        await db.run(`INSERT INTO narratives SELECT force_id, record_id, kind, ${utc('occurred_at')}, category, location_text,
          lon, lat, lsoa_code, classification, narrative, ? FROM stg_last ORDER BY force_id, record_id`, [load.batchId]);
        // Clustered by (type, value), so an entity lookup skips most row groups by their min/max.
        await db.run(`INSERT INTO entity_mentions SELECT m.force_id, m.record_id, m.type, m.value, m."start", m."end", m.text, m.confidence
          FROM stg_ment m SEMI JOIN stg_last l USING (seq) ORDER BY m.type, m.value, m.force_id, m.record_id`);
        await db.run(`INSERT INTO narrative_quarantine SELECT force_id, ?, ?, line, raw, string_split(reasons, '${SEP}'), detail FROM stg_quar ORDER BY line`,
          [load.batchId, load.source]);
        const stored = await db.one<{ n: number; forces: string[] | null; m: number }>(
          `SELECT count(*) AS n, list(DISTINCT force_id ORDER BY force_id) AS forces, (SELECT count(*) FROM stg_ment m SEMI JOIN stg_last l USING (seq)) AS m FROM stg_last`);
        const forces = [...new Set([...(stored?.forces ?? []), ...(await db.all<{ f: string }>(`SELECT DISTINCT force_id AS f FROM stg_quar`)).map((r) => r.f)])].sort();
        const row: NarrativeBatchRow = {
          batch_id: load.batchId, source: load.source, sha256: load.sha256, forces,
          rows_read: seq + quarantined, rows_loaded: seq, rows_quarantined: quarantined,
          records_replaced: held + (seq - (stored?.n ?? 0)), mentions: stored?.m ?? mentions,
          started_at: load.startedAt.toISOString().replace(/\.\d{3}Z$/, 'Z'), finished_at: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
          ms_total: performance.now() - t0,
        };
        await db.run(`INSERT INTO narrative_batches SELECT ?, ?, ?, string_split(?, '${SEP}'), ?, ?, ?, ?, ?, ${utc('?')}, ${utc('?')}, ?`, [
          row.batch_id, row.source, row.sha256, forces.join(SEP), row.rows_read, row.rows_loaded, row.rows_quarantined, row.records_replaced,
          row.mentions, row.started_at, row.finished_at, row.ms_total,
        ]);
        for (const t of ['stg_narr', 'stg_ment', 'stg_quar', 'stg_last']) await db.run(`DROP TABLE IF EXISTS ${t}`);
        return { ...row, forces: forces.filter(Boolean) };
      }),

    record: (force, id) => db.one<NarrativeRow & Record<string, unknown>>(`SELECT ${NARRATIVE_COLS} FROM narratives WHERE force_id = ? AND record_id = ?`, [force, id]),

    records: async (keys) => (keys.length
      ? db.all<NarrativeRow & Record<string, unknown>>(`SELECT ${NARRATIVE_COLS} FROM narratives WHERE ${keyIn()}`, [keyParam(keys)])
      : []),

    sensitive: async (forces) => (forces.length
      ? db.all<RecordKey & Record<string, unknown>>(
        `SELECT force_id, record_id FROM narratives WHERE classification = 'OFFICIAL-SENSITIVE' AND force_id IN (${forces.map(() => '?').join(', ')})`, [...forces])
      : []),

    mentions: async (keys) => (keys.length
      ? db.all<MentionRow & Record<string, unknown>>(`SELECT force_id, record_id, type, value, "start", "end", text, confidence
          FROM entity_mentions WHERE ${keyIn()} ORDER BY force_id, record_id, "start"`, [keyParam(keys)])
      : []),

    entity: async (q) => {
      const where = ['m.type = ?', 'm.value = ?'];
      const params: SqlValue[] = [q.type, q.value];
      if (q.forces !== 'all') {
        if (!q.forces.length) return { items: [], total: 0, limit: q.limit ?? 100, offset: q.offset ?? 0, byForce: {} };
        where.push(`m.force_id IN (SELECT unnest(string_split(?, '${SEP}')))`);
        params.push(q.forces.join(SEP));
      }
      const sensitive = q.sensitive ?? 'all';
      if (sensitive !== 'all') {
        where.push(`(n.classification <> 'OFFICIAL-SENSITIVE' OR n.force_id IN (SELECT unnest(string_split(?, '${SEP}'))))`);
        params.push(sensitive.join(SEP));
      }
      const limit = q.limit ?? 100;
      const offset = q.offset ?? 0;
      const base = `SELECT m.force_id, m.record_id, count(*) AS mentions, list(DISTINCT m.text ORDER BY m.text) AS texts
                    FROM entity_mentions m JOIN narratives n USING (force_id, record_id)
                    WHERE ${where.join(' AND ')} GROUP BY m.force_id, m.record_id`;
      const byForce = await db.all<{ force_id: string; n: number }>(`SELECT force_id, count(*) AS n FROM (${base}) GROUP BY force_id ORDER BY force_id`, params);
      const items = await db.all<EntityRecordRow & Record<string, unknown>>(
        `SELECT n.force_id, n.record_id, n.kind, strftime(n.occurred_at, '%Y-%m-%dT%H:%M:%SZ') AS occurred_at, n.category, n.location_text,
                n.classification, e.mentions, e.texts
         FROM (${base}) e JOIN narratives n USING (force_id, record_id)
         ORDER BY n.occurred_at DESC, n.force_id, n.record_id LIMIT ${limit} OFFSET ${offset}`, params);
      return {
        items, total: byForce.reduce((s, r) => s + Number(r.n), 0), limit, offset,
        byForce: Object.fromEntries(byForce.map((r) => [r.force_id, Number(r.n)])),
      };
    },

    scan: async (fn, chunk = 20_000) => {
      let n = 0;
      // Keyset paging: stable and linear however many records there are.
      let after: RecordKey | null = null;
      for (;;) {
        const rows: NarrativeRow[] = await db.all<NarrativeRow & Record<string, unknown>>(
          `SELECT ${NARRATIVE_COLS} FROM narratives ${after ? 'WHERE (force_id, record_id) > (?, ?)' : ''} ORDER BY force_id, record_id LIMIT ${chunk}`,
          after ? [after.force_id, after.record_id] : []);
        if (!rows.length) return n;
        await fn(rows);
        n += rows.length;
        const last: NarrativeRow = rows[rows.length - 1];
        after = { force_id: last.force_id, record_id: last.record_id };
      }
    },

    count: async () => (await db.one<{ n: number }>(`SELECT count(*) AS n FROM narratives`))?.n ?? 0,

    quarantine: async (q = {}) => {
      const where: string[] = [];
      const params: SqlValue[] = [];
      if (q.force) (where.push('force_id = ?'), params.push(q.force));
      if (q.batch) (where.push('batch_id = ?'), params.push(q.batch));
      const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
      const limit = q.limit ?? 100;
      const offset = q.offset ?? 0;
      const total = (await db.one<{ n: number }>(`SELECT count(*) AS n FROM narrative_quarantine ${w}`, params))?.n ?? 0;
      const items = await db.all<NarrativeQuarantineRow & Record<string, unknown>>(
        `SELECT * FROM narrative_quarantine ${w} ORDER BY batch_id, line LIMIT ${limit} OFFSET ${offset}`, params);
      return { items, total, limit, offset };
    },

    batches: async (q = {}) => {
      const limit = q.limit ?? 100;
      const offset = q.offset ?? 0;
      const total = (await db.one<{ n: number }>(`SELECT count(*) AS n FROM narrative_batches`))?.n ?? 0;
      const items = await db.all<NarrativeBatchRow & Record<string, unknown>>(
        `SELECT ${BATCH_COLS} FROM narrative_batches ORDER BY finished_at DESC, batch_id LIMIT ${limit} OFFSET ${offset}`);
      return { items, total, limit, offset };
    },
  };
}
