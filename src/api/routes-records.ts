/**
 * The records assistant's routes: search over narratives, one record with its entities, entity
 * pages across forces, summaries, and the redaction review (propose spans, apply reviewed spans).
 *
 * Access: every route declares its permission. Record contents need `records:read` (a force
 * analyst's or investigator's own forces, or a national analyst's `records` grant), and each read
 * is a consultation the access plugin audits with its justification; OFFICIAL-SENSITIVE records
 * also need a `sensitive` grant for their force. An entity page links records across forces: it
 * needs `records:link` (audited as a combination) and shows the forces where the caller holds both.
 * Applying a reviewed redaction is a disclosure (`data:export`, justification and recipient); the
 * reviewer's decision is written to the audit log as its own event. Lists filter by the forces
 * the caller holds (req.access.forces), named records are checked with req.access.check.
 */
import { statSync } from 'node:fs';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { FORCES, PeelError, isForceId } from '../standard/index.ts';
import type { Store, NarrativeRow } from '../store/index.ts';
import { audit, can, searchTextFacts, type Permission, type SearchTextPolicy } from '../access/index.ts';
import {
  applyReviewedRedaction, advisorySummary, dataAnchor, entityRecords, loadSearchIndex, parseQuery, proposeRedaction, searchIndexPath,
  summariseRecords, summariserOn, type SearchIndex, type SearchResult, type SummariserSettings,
} from '../records/index.ts';
import { parseCategoryList, parseForceList } from './parse.ts';
import { RecordsContract as S } from '../contract/index.ts';

export interface RecordsRouteDeps {
  readonly store: Store;
  /** The optional summariser; records are sent only when it is switched on and the caller asks. */
  readonly summariser?: SummariserSettings | null;
  /** The search index file (default: beside the store). */
  readonly indexPath?: string;
  /** How a search's text goes into its audit event (default: the text itself). */
  readonly searchText?: SearchTextPolicy;
}

const problems = { 400: S.Problem, 403: S.Problem, 404: S.Problem };
const cfg = (permission: Permission, extra: Record<string, unknown> = {}) => ({ permission: permission as never, ...extra });
const EXPORT_BODY_LIMIT = 32 * 1024 * 1024;

/** The forces whose records the caller may read with `perm` (every force on a server without access control). */
function forcesOf(req: FastifyRequest, perm: Permission): 'all' | readonly string[] {
  return req.access ? req.access.forces(perm) : 'all';
}

function intersect(a: 'all' | readonly string[], b: 'all' | readonly string[]): 'all' | string[] {
  if (a === 'all') return b === 'all' ? 'all' : [...b];
  if (b === 'all') return [...a];
  return a.filter((f) => b.includes(f));
}

/** Whether the caller may read an OFFICIAL-SENSITIVE record of this force (true without access control). */
function maySeeSensitive(req: FastifyRequest, perm: Permission, force: string): boolean {
  const p = req.access?.principal;
  if (!req.access) return true;
  return !!p && can(p, perm, { forceId: force, classification: 'OFFICIAL-SENSITIVE' });
}

/** Checks the caller may use `perm` on this record (force and marking); a no-op without access control. */
function checkRecord(req: FastifyRequest, perm: Permission, r: Pick<NarrativeRow, 'force_id' | 'record_id' | 'classification'>): void {
  req.access?.check(perm, { forceId: r.force_id, classification: r.classification === 'OFFICIAL-SENSITIVE' ? 'OFFICIAL-SENSITIVE' : 'OFFICIAL' });
  req.access?.objects(`record:${r.force_id}/${r.record_id}`);
}

function dateOf(v: string | undefined, field: string): Date | undefined {
  if (!v) return undefined;
  const d = new Date(`${v}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) throw new PeelError('bad_input', `${field}: "${v}" is not a date`, { field });
  return d;
}

export function registerRecordsRoutes(api: FastifyInstance, deps: RecordsRouteDeps): void {
  const app = api.withTypeProvider<ZodTypeProvider>();
  const { store } = deps;
  const indexPath = deps.indexPath ?? searchIndexPath(store.path);
  let cached: { mtimeMs: number; index: SearchIndex; sensitive: Map<string, Promise<Array<{ force_id: string; record_id: string }>>> } | null = null;
  /** The search index, reopened when `peel records ingest` has rewritten it; null before any load. */
  const index = (): SearchIndex | null => {
    let mtimeMs: number;
    try {
      mtimeMs = statSync(indexPath).mtimeMs;
    } catch {
      return null;
    }
    if (!cached || cached.mtimeMs !== mtimeMs) {
      // A rebuilt file: open the new one and release the old one's file descriptor.
      const old = cached?.index;
      cached = { mtimeMs, index: loadSearchIndex(indexPath), sensitive: new Map() };
      old?.close();
    }
    return cached.index;
  };

  api.addHook('onClose', async () => cached?.index.close());

  /**
   * The OFFICIAL-SENSITIVE records of these forces, kept with the index they were read for: records
   * change only by an ingest, which rewrites the index, so a new index starts a new list.
   */
  const sensitiveOf = (forces: readonly string[]) => {
    const memo = cached!.sensitive;
    const key = [...forces].sort().join(',');
    let keys = memo.get(key);
    if (!keys) {
      keys = store.records.sensitive(forces);
      keys.catch(() => memo.delete(key));
      if (memo.size >= 100) memo.clear();
      memo.set(key, keys);
    }
    return keys;
  };

  /** Searches within the caller's forces; hits not held in the store or too sensitive for the caller are withheld. */
  async function search(req: FastifyRequest, q: { q: string; force?: string; kind?: string; category?: string; from?: string; to?: string; now?: string; limit: number; offset: number }) {
    // The words searched for are part of the consultation: logged as the search-text policy says.
    req.access?.facts(searchTextFacts(q.q, deps.searchText ?? { mode: 'text' }));
    const allowed = forcesOf(req, 'records:read');
    const idx = index();
    // Relative dates are read against the data's latest month unless the caller names a date.
    const now = dateOf(q.now, 'query.now') ?? dataAnchor(idx?.latestDate() ?? null);
    const parsed = parseQuery(q.q, now);
    const requested = parseForceList(q.force) ?? parsed.filters.forces;
    let forces = intersect(requested ?? 'all', allowed);
    if (forces !== 'all' && !forces.length) forces = ['-']; // an empty scope shows nothing, never everything
    const filters = {
      ...parsed.filters,
      forces: forces === 'all' ? undefined : forces,
      ...(q.kind ? { kinds: [q.kind as 'crime'] } : {}),
      ...(q.category ? { categories: parseCategoryList(q.category) } : {}),
      ...(q.from ? { from: q.from } : {}),
      ...(q.to ? { to: q.to } : {}),
    };
    const empty: SearchResult = { query: parsed, total: 0, hits: [], facets: { force: {}, kind: {}, category: {}, month: {} }, corrections: {}, unmatched_terms: [], anchor: now.toISOString().slice(0, 10) };
    // OFFICIAL-SENSITIVE records of forces where the caller lacks the grant are left out of the
    // total and the facets too, not only the hits: a count must not reveal that they exist.
    const blind = (forces === 'all' ? FORCES.map((f) => f.id as string) : forces).filter((f) => !maySeeSensitive(req, 'records:read', f));
    const hidden = idx && blind.length ? await sensitiveOf(blind) : [];
    const r = idx ? idx.search({ ...parsed, filters }, { limit: q.limit, offset: q.offset, now, hidden }) : empty;
    const held = new Map((await store.records.records(r.hits.map((h) => ({ force_id: h.force_id, record_id: h.record_id }))))
      .map((x) => [`${x.force_id}/${x.record_id}`, x]));
    const hits: S.RecordHit[] = [];
    for (const h of r.hits) {
      const rec = held.get(`${h.force_id}/${h.record_id}`);
      if (!rec || (rec.classification === 'OFFICIAL-SENSITIVE' && !maySeeSensitive(req, 'records:read', h.force_id))) continue;
      hits.push({ ...h, classification: rec.classification, highlights: h.highlights.map(([a, b]) => [a, b] as [number, number]) });
    }
    req.access?.objects(...hits.map((h) => `record:${h.force_id}/${h.record_id}`));
    return { r, hits, rows: held, withheld: r.hits.length - hits.length, understood: idx ? [...parsed.understood] : ['no narrative records are loaded yet (peel records ingest)'] };
  }

  app.get('/records/search', {
    config: cfg('records:read'),
    schema: {
      tags: ['records'],
      summary: 'Search narrative records in plain English, within the forces you may read',
      description: 'BM25 ranking, phrases ("..."), prefixes (word*), typo tolerance; dates, places, categories and kinds read from the query. Needs a justification (audited as a consultation).',
      querystring: S.RecordSearchQuery,
      response: { 200: S.RecordSearchResult, ...problems },
    },
  }, async (req) => {
    const { r, hits, withheld, understood } = await search(req, req.query);
    return {
      total: r.total, hits, withheld, facets: r.facets as S.RecordSearchResult['facets'], corrections: r.corrections as Record<string, string[]>,
      unmatched_terms: [...r.unmatched_terms], anchor: r.anchor, understood, limit: req.query.limit, offset: req.query.offset,
    };
  });

  app.get('/records/:force/:id', {
    config: cfg('records:read'),
    schema: {
      tags: ['records'],
      summary: 'One narrative record with the entities found in it',
      params: S.RecordParams,
      response: { 200: S.RecordDetail, ...problems },
    },
  }, async (req) => {
    const { force, id } = req.params;
    if (!isForceId(force)) throw new PeelError('not_found', `no force "${force}"`, { field: 'path.force' });
    const rec = await store.records.record(force, id);
    if (!rec) throw new PeelError('not_found', `no record ${force}/${id}`, { field: 'path.id' });
    checkRecord(req, 'records:read', rec);
    const entities = (await store.records.mentions([rec])).map(({ force_id: _f, record_id: _r, ...m }) => m);
    return { record: rec, entities };
  });

  app.get('/entities/:type/:value', {
    config: cfg('records:link'),
    schema: {
      tags: ['records'],
      summary: 'Every record mentioning an entity (type and value, normalised), across the forces you may link',
      description: 'e.g. /api/entities/VEHICLE_REG/ab12cde or /api/entities/PHONE/07700900123. Linking records across forces is a combination (DPA 2018 s.62): it needs records:link and a justification, and is audited.',
      params: S.EntityParams,
      querystring: S.EntityQuery,
      response: { 200: S.EntityPage, ...problems },
    },
  }, async (req) => {
    const forces = intersect(forcesOf(req, 'records:link'), forcesOf(req, 'records:read'));
    const list = forces === 'all' ? FORCES.map((f) => f.id as string) : forces;
    const sensitive = req.access ? list.filter((f) => maySeeSensitive(req, 'records:read', f)) : 'all';
    const page = await entityRecords(store, { type: req.params.type, value: req.params.value, forces, sensitive, limit: req.query.limit, offset: req.query.offset });
    req.access?.objects(`entity:${page.type}`, ...page.items.map((r) => `record:${r.force_id}/${r.record_id}`));
    const { byForce, ...rest } = page;
    return { ...rest, by_force: byForce };
  });

  app.get('/records/summary', {
    config: cfg('records:read', { expensive: true }),
    schema: {
      tags: ['records'],
      summary: 'Summarise the best records of a search: people, vehicles, phones, places, timeline, categories (extractive)',
      description: 'With advisory=true, also the configured OpenAI-compatible summariser\'s prose, labelled advisory (refused when the server has it switched off).',
      querystring: S.SummaryQuery,
      response: { 200: S.SummaryResult, ...problems },
    },
  }, async (req) => {
    const wantAdvisory = req.query.advisory === 'true';
    if (wantAdvisory && !summariserOn(deps.summariser)) {
      throw new PeelError('bad_input', 'query.advisory: the optional summariser is switched off on this server (PEEL_SUMMARISER_URL and PEEL_SUMMARISER_ENABLED)', { field: 'query.advisory' });
    }
    const { hits, rows } = await search(req, { q: req.query.q, force: req.query.force, kind: req.query.kind, category: req.query.category, now: req.query.now, limit: Math.min(req.query.limit, 500), offset: 0 });
    const recs = hits.map((h) => rows.get(`${h.force_id}/${h.record_id}`)!);
    const summary = summariseRecords(recs, await store.records.mentions(recs));
    const advisory = wantAdvisory ? await advisorySummary(deps.summariser, recs) : null;
    return { summary: summary as unknown as S.SummaryResult['summary'], advisory, summariser: summariserOn(deps.summariser) ? 'on' as const : 'off' as const };
  });

  app.post('/records/redaction/propose', {
    config: cfg('records:read'),
    bodyLimit: EXPORT_BODY_LIMIT,
    schema: {
      tags: ['records'],
      summary: 'Proposed redaction spans for records held in the store, or for an uploaded set, for a reviewer to accept or change',
      body: S.ProposeBody,
      response: { 200: S.Proposal, ...problems },
    },
  }, async (req) => {
    const { policy } = req.body;
    let input: Array<{ force_id: string | null; record_id: string; narrative: string; classification: string | null }>;
    if (req.body.records?.length) {
      input = [];
      for (const [i, ref] of req.body.records.entries()) {
        const rec = isForceId(ref.force_id) ? await store.records.record(ref.force_id, ref.record_id) : undefined;
        if (!rec) throw new PeelError('not_found', `body.records[${i}]: no record ${ref.force_id}/${ref.record_id}`, { field: 'body.records' });
        checkRecord(req, 'records:read', rec);
        input.push(rec);
      }
    } else {
      // The caller's own text: nothing of the store is read, but the route still answers only to holders of records:read.
      forcesOf(req, 'records:read');
      input = req.body.upload!.map((u) => ({ force_id: null, record_id: u.record_id, narrative: u.narrative, classification: null }));
    }
    return { policy, records: proposeRedaction(input, policy) as unknown as S.Proposal['records'] };
  });

  app.post('/records/redaction/apply', {
    config: cfg('data:export'),
    bodyLimit: EXPORT_BODY_LIMIT,
    schema: {
      tags: ['records'],
      summary: 'Apply reviewed redaction spans and return the redacted records; the decision is audited',
      description: 'A disclosure: needs data:export for the records\' forces, a justification and a recipient. Records held in the store are read from it (their text is never taken from the request); uploaded records carry their narrative. The reviewer\'s decision (spans accepted, removed, added; policy) is written to the audit log.',
      body: S.ApplyBody,
      response: { 200: S.Applied, ...problems },
    },
  }, async (req) => {
    const { policy } = req.body;
    const input: Array<{ force_id: string | null; record_id: string; narrative: string; spans: S.ApplyBodyRecord['spans'] }> = [];
    for (const [i, r] of req.body.records.entries()) {
      if (r.force_id) {
        if (r.narrative !== undefined) throw new PeelError('bad_input', `body.records[${i}]: a record held in the store (force_id set) takes its text from the store; leave narrative out`, { field: 'body.records' });
        const rec = isForceId(r.force_id) ? await store.records.record(r.force_id, r.record_id) : undefined;
        if (!rec) throw new PeelError('not_found', `body.records[${i}]: no record ${r.force_id}/${r.record_id}`, { field: 'body.records' });
        checkRecord(req, 'data:export', rec);
        input.push({ force_id: rec.force_id, record_id: rec.record_id, narrative: rec.narrative, spans: r.spans });
      } else {
        if (r.narrative === undefined) throw new PeelError('bad_input', `body.records[${i}]: an uploaded record needs its narrative`, { field: 'body.records' });
        forcesOf(req, 'data:export');
        req.access?.objects(`upload:${r.record_id}`);
        input.push({ force_id: null, record_id: r.record_id, narrative: r.narrative, spans: r.spans });
      }
    }
    const { records, decision } = applyReviewedRedaction(input, policy);
    const forces = [...new Set(input.map((r) => r.force_id).filter((f): f is string => !!f))];
    const event = await audit(store, {
      actor: req.access?.actor ?? 'anonymous', client: req.ip, action: 'alteration', outcome: 'success',
      objectIds: input.map((r) => (r.force_id ? `record:${r.force_id}/${r.record_id}` : `upload:${r.record_id}`)).slice(0, 500),
      forceId: forces.length === 1 ? forces[0] : null,
      justification: req.access?.justification ?? null, recipient: req.access?.recipient ?? null,
      detail: {
        decision: 'redaction review', policy, records: records.length, accepted: decision.accepted, removed: decision.removed, added: decision.added,
        removed_spans: decision.removedSpans.slice(0, 500), added_spans: decision.addedSpans.slice(0, 500), ...(forces.length > 1 ? { forces } : {}),
      },
    });
    return { policy, records: records as unknown as S.Applied['records'], decision: { accepted: decision.accepted, removed: decision.removed, added: decision.added, audit_event: event.id } };
  });
}
