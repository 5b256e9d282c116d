/**
 * The records assistant's tables on PostgreSQL (migration 0501-records, same tables and columns as
 * ../duckdb/records.ts): a narrative file lands in one transaction through COPY into temporary
 * staging tables and set-based SQL, a reloaded record id replaces the record and its mentions, and
 * the reads answer as the embedded store's do (same rows, same order, timestamps as ISO UTC text).
 *
 * What differs from the DuckDB text: no QUALIFY or SEMI JOIN (DISTINCT ON and EXISTS), arrays by
 * `string_to_array`/`array_agg`, timestamps formatted by `to_char`, staging tables dropped at
 * commit, and every text ORDER BY in byte order (COLLATE "C"), which is DuckDB's.
 */
import type { SqlValue } from '../sql/db.ts';
import type { EntityRecordRow, MentionRow, NarrativeBatchRow, NarrativeQuarantineRow, NarrativeRow, RecordKey, RecordsStore } from '../types/records.ts';
import type { PgDb } from './db.ts';

const iso = (col: string) => `to_char(${col}, 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;
const NARRATIVE_COLS = `force_id, record_id, kind, ${iso('occurred_at')} AS occurred_at, category, location_text,
  lon, lat, lsoa_code, classification, narrative, batch_id`;
const BATCH_COLS = `batch_id, source, sha256, forces, rows_read, rows_loaded, rows_quarantined, records_replaced, mentions,
  ${iso('started_at')} AS started_at, ${iso('finished_at')} AS finished_at, ms_total`;
const SEP = '\u001f';
const KEY_SEP = '\u001e';
/** An ISO 8601 UTC text (`2024-05-01T10:00:00Z`) as a TIMESTAMP holding UTC (no session time zone involved). */
const utc = (expr: string) => `replace(rtrim(${expr}, 'Z'), 'T', ' ')::TIMESTAMP`;
const C = 'COLLATE "C"';

/** A list of keys as one bound string, matched with `keyIn(...)`: no SQL text built from values. */
function keyParam(keys: readonly RecordKey[]): string {
  return keys.map((k) => `${k.force_id}${SEP}${k.record_id}`).join(KEY_SEP);
}
const keyIn = (alias = '') => `(${alias}force_id || '${SEP}' || ${alias}record_id) IN (SELECT unnest(string_to_array(?::VARCHAR, '${KEY_SEP}')))`;
const listIn = (col: string) => `${col} IN (SELECT unnest(string_to_array(?::VARCHAR, '${SEP}')))`;
/** A page bound as the SQL text it goes into (validated upstream; coerced here so nothing else gets in). */
const int = (n: number) => Math.max(0, Math.trunc(Number(n) || 0));

export function recordsStorePg(db: PgDb): RecordsStore {
  return {
    loadNarratives: (load, fill) =>
      db.transaction(async () => {
        const t0 = performance.now();
        await db.run(`CREATE TEMP TABLE stg_narr (seq BIGINT, force_id VARCHAR, record_id VARCHAR, kind VARCHAR, occurred_at VARCHAR,
          category VARCHAR, location_text VARCHAR, lon DOUBLE PRECISION, lat DOUBLE PRECISION, lsoa_code VARCHAR, classification VARCHAR, narrative VARCHAR) ON COMMIT DROP`);
        await db.run(`CREATE TEMP TABLE stg_ment (seq BIGINT, force_id VARCHAR, record_id VARCHAR, type VARCHAR, value VARCHAR,
          "start" INTEGER, "end" INTEGER, text VARCHAR, confidence DOUBLE PRECISION) ON COMMIT DROP`);
        await db.run(`CREATE TEMP TABLE stg_quar (force_id VARCHAR, line BIGINT, raw VARCHAR, reasons VARCHAR, detail VARCHAR) ON COMMIT DROP`);
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
        await db.run(`CREATE TEMP TABLE stg_last ON COMMIT DROP AS
          SELECT DISTINCT ON (force_id, record_id) * FROM stg_narr ORDER BY force_id, record_id, seq DESC`);
        const held = (await db.one<{ n: number }>(`SELECT count(*) AS n FROM narratives n
          WHERE EXISTS (SELECT 1 FROM stg_last s WHERE s.force_id = n.force_id AND s.record_id = n.record_id)`))?.n ?? 0;
        await db.run(`DELETE FROM narratives WHERE (force_id, record_id) IN (SELECT force_id, record_id FROM stg_last)`);
        await db.run(`DELETE FROM entity_mentions WHERE (force_id, record_id) IN (SELECT force_id, record_id FROM stg_last)`);
        await db.run(`INSERT INTO narratives SELECT force_id, record_id, kind, ${utc('occurred_at')}, category, location_text,
          lon, lat, lsoa_code, classification, narrative, ?::VARCHAR FROM stg_last ORDER BY force_id ${C}, record_id ${C}`, [load.batchId]);
        await db.run(`INSERT INTO entity_mentions SELECT m.force_id, m.record_id, m.type, m.value, m."start", m."end", m.text, m.confidence
          FROM stg_ment m WHERE m.seq IN (SELECT seq FROM stg_last) ORDER BY m.type ${C}, m.value ${C}, m.force_id ${C}, m.record_id ${C}`);
        await db.run(`INSERT INTO narrative_quarantine SELECT force_id, ?::VARCHAR, ?::VARCHAR, line, raw, string_to_array(reasons, '${SEP}'), detail
          FROM stg_quar ORDER BY line`, [load.batchId, load.source]);
        const stored = await db.one<{ n: number; forces: string[] | null; m: number }>(
          `SELECT count(*) AS n, array_agg(DISTINCT force_id) AS forces,
                  (SELECT count(*) FROM stg_ment m WHERE m.seq IN (SELECT seq FROM stg_last)) AS m FROM stg_last`);
        const quarForces = (await db.all<{ f: string }>(`SELECT DISTINCT force_id AS f FROM stg_quar`)).map((r) => r.f);
        const forces = [...new Set([...(stored?.forces ?? []), ...quarForces])].sort();
        const row: NarrativeBatchRow = {
          batch_id: load.batchId, source: load.source, sha256: load.sha256, forces,
          rows_read: seq + quarantined, rows_loaded: seq, rows_quarantined: quarantined,
          records_replaced: held + (seq - (stored?.n ?? 0)), mentions: stored?.m ?? mentions,
          started_at: load.startedAt.toISOString().replace(/\.\d{3}Z$/, 'Z'), finished_at: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
          ms_total: performance.now() - t0,
        };
        await db.run(`INSERT INTO narrative_batches VALUES (?, ?, ?, string_to_array(?::VARCHAR, '${SEP}'), ?, ?, ?, ?, ?, ${utc('?::VARCHAR')}, ${utc('?::VARCHAR')}, ?)`, [
          row.batch_id, row.source, row.sha256, forces.join(SEP), row.rows_read, row.rows_loaded, row.rows_quarantined, row.records_replaced,
          row.mentions, row.started_at, row.finished_at, row.ms_total,
        ]);
        return { ...row, forces: forces.filter(Boolean) };
      }),

    record: (force, id) => db.one<NarrativeRow & Record<string, unknown>>(`SELECT ${NARRATIVE_COLS} FROM narratives WHERE force_id = ? AND record_id = ?`, [force, id]),

    records: async (keys) => (keys.length
      ? db.all<NarrativeRow & Record<string, unknown>>(`SELECT ${NARRATIVE_COLS} FROM narratives WHERE ${keyIn()}`, [keyParam(keys)])
      : []),

    sensitive: async (forces) => (forces.length
      ? db.all<RecordKey & Record<string, unknown>>(
        `SELECT force_id, record_id FROM narratives WHERE classification = 'OFFICIAL-SENSITIVE' AND ${listIn('force_id')}`, [forces.join(SEP)])
      : []),

    mentions: async (keys) => (keys.length
      ? db.all<MentionRow & Record<string, unknown>>(`SELECT force_id, record_id, type, value, "start", "end", text, confidence
          FROM entity_mentions WHERE ${keyIn()} ORDER BY force_id ${C}, record_id ${C}, "start"`, [keyParam(keys)])
      : []),

    entity: async (q) => {
      const where = ['m.type = ?', 'm.value = ?'];
      const params: SqlValue[] = [q.type, q.value];
      if (q.forces !== 'all') {
        if (!q.forces.length) return { items: [], total: 0, limit: q.limit ?? 100, offset: q.offset ?? 0, byForce: {} };
        where.push(listIn('m.force_id'));
        params.push(q.forces.join(SEP));
      }
      const sensitive = q.sensitive ?? 'all';
      if (sensitive !== 'all') {
        where.push(`(n.classification <> 'OFFICIAL-SENSITIVE' OR ${listIn('n.force_id')})`);
        params.push(sensitive.join(SEP));
      }
      const limit = q.limit ?? 100;
      const offset = q.offset ?? 0;
      const base = `SELECT m.force_id, m.record_id, count(*) AS mentions, array_agg(DISTINCT m.text ${C} ORDER BY m.text ${C}) AS texts
                    FROM entity_mentions m JOIN narratives n USING (force_id, record_id)
                    WHERE ${where.join(' AND ')} GROUP BY m.force_id, m.record_id`;
      const byForce = await db.all<{ force_id: string; n: number }>(
        `SELECT force_id, count(*) AS n FROM (${base}) e GROUP BY force_id ORDER BY force_id ${C}`, params);
      const items = await db.all<EntityRecordRow & Record<string, unknown>>(
        `SELECT n.force_id, n.record_id, n.kind, ${iso('n.occurred_at')} AS occurred_at, n.category, n.location_text,
                n.classification, e.mentions, e.texts
         FROM (${base}) e JOIN narratives n USING (force_id, record_id)
         ORDER BY n.occurred_at DESC, n.force_id ${C}, n.record_id ${C} LIMIT ${int(limit)} OFFSET ${int(offset)}`, params);
      return {
        items, total: byForce.reduce((s, r) => s + Number(r.n), 0), limit, offset,
        byForce: Object.fromEntries(byForce.map((r) => [r.force_id, Number(r.n)])),
      };
    },

    scan: async (fn, chunk = 20_000) => {
      let n = 0;
      // Keyset paging in byte order: stable and linear however many records there are.
      let after: RecordKey | null = null;
      for (;;) {
        const rows: NarrativeRow[] = await db.all<NarrativeRow & Record<string, unknown>>(
          `SELECT ${NARRATIVE_COLS} FROM narratives ${after ? `WHERE (force_id ${C}, record_id ${C}) > (?::VARCHAR ${C}, ?::VARCHAR ${C})` : ''}
           ORDER BY force_id ${C}, record_id ${C} LIMIT ${int(chunk)}`,
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
        `SELECT * FROM narrative_quarantine ${w} ORDER BY batch_id ${C}, line LIMIT ${int(limit)} OFFSET ${int(offset)}`, params);
      return { items, total, limit, offset };
    },

    batches: async (q = {}) => {
      const limit = q.limit ?? 100;
      const offset = q.offset ?? 0;
      const total = (await db.one<{ n: number }>(`SELECT count(*) AS n FROM narrative_batches`))?.n ?? 0;
      const items = await db.all<NarrativeBatchRow & Record<string, unknown>>(
        `SELECT ${BATCH_COLS} FROM narrative_batches ORDER BY narrative_batches.finished_at DESC, batch_id ${C} LIMIT ${int(limit)} OFFSET ${int(offset)}`);
      return { items, total, limit, offset };
    },
  };
}
