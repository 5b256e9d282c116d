/**
 * Summaries of a set of records, extractive and built in: who and what is mentioned most (people,
 * vehicles, phones, places and the other entity types), a timeline (each record's date and first
 * sentence), categories, kinds, places and months. Nothing is generated: every line of a summary is
 * a count or a quotation of the records, so it can be checked against them.
 *
 * `advisorySummary` optionally asks an OpenAI-compatible chat-completions endpoint for a prose
 * summary. It is off by default, sends nothing unless the configuration switches it on
 * (`summariserEnabled` and `summariserUrl`) and the caller asks for it, and its answer is labelled
 * advisory: a model can be wrong, the extractive summary cannot.
 */
import { PeelError } from '../standard/index.ts';
import { extractEntities } from './extract.ts';
import type { SearchDoc } from './search/engine.ts';
import type { PeelConfig } from '../config/index.ts';

/** The fields of a record a summary reads: those the search index keeps and returns. */
export type SummaryRecord = SearchDoc;

/** A mention as stored (or found afresh when the records come from a file). */
export interface SummaryMention {
  readonly force_id: string;
  readonly record_id: string;
  readonly type: string;
  readonly value: string;
}

export interface TopEntity {
  readonly type: string;
  readonly value: string;
  /** Mentions across the set. */
  readonly mentions: number;
  /** Records of the set that mention it. */
  readonly records: number;
}

export interface RecordsSummary {
  readonly records: number;
  readonly forces: Readonly<Record<string, number>>;
  readonly period: { readonly from: string | null; readonly to: string | null };
  readonly months: Readonly<Record<string, number>>;
  readonly categories: ReadonlyArray<{ readonly category: string; readonly n: number }>;
  readonly kinds: ReadonlyArray<{ readonly kind: string; readonly n: number }>;
  /** The records' location text, most frequent first. */
  readonly places: ReadonlyArray<{ readonly place: string; readonly n: number }>;
  /** Most mentioned entities per group (by records, then mentions). */
  readonly entities: {
    readonly people: readonly TopEntity[];
    readonly vehicles: readonly TopEntity[];
    readonly phones: readonly TopEntity[];
    readonly places: readonly TopEntity[];
    readonly other: readonly TopEntity[];
  };
  /** Each record in time order with its first sentence (quoted, at most 200 characters). */
  readonly timeline: ReadonlyArray<{ readonly occurred_at: string; readonly force_id: string; readonly record_id: string; readonly kind: string; readonly category: string | null; readonly text: string }>;
}

const GROUP: Readonly<Record<string, keyof RecordsSummary['entities']>> = {
  PERSON: 'people', OFFICER: 'people',
  VEHICLE_REG: 'vehicles',
  PHONE: 'phones',
  ADDRESS: 'places', POSTCODE: 'places',
};

export interface SummaryOptions {
  /** Entities kept per group (default 10). */
  readonly top?: number;
  /** Timeline entries kept (default 200, the earliest first). */
  readonly timeline?: number;
}

function firstSentence(text: string, max = 200): string {
  const t = text.replace(/\s+/g, ' ').trim();
  const m = /^(.{20,}?[.!?])(\s|$)/.exec(t);
  const s = m ? m[1] : t;
  return s.length > max ? `${s.slice(0, max - 3)}...` : s;
}

const ranked = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));

/**
 * Summarises a set of records. `mentions` are the stored entity mentions of those records; when
 * omitted they are found afresh in the narratives.
 */
export function summariseRecords(records: readonly SummaryRecord[], mentions?: readonly SummaryMention[], opts: SummaryOptions = {}): RecordsSummary {
  const top = opts.top ?? 10;
  const ms: SummaryMention[] = mentions ? [...mentions] : records.flatMap((r) =>
    extractEntities(r.narrative, { lexicon: true }).map((e) => ({ force_id: r.force_id, record_id: r.record_id, type: e.type, value: e.value })));
  const count = (key: (r: SummaryRecord) => string | null) => {
    const m = new Map<string, number>();
    for (const r of records) {
      const k = key(r);
      if (k) m.set(k, (m.get(k) ?? 0) + 1);
    }
    return m;
  };
  const ent = new Map<string, { type: string; value: string; mentions: number; records: Set<string> }>();
  for (const m of ms) {
    const k = `${m.type}\u0000${m.value}`;
    let e = ent.get(k);
    if (!e) ent.set(k, (e = { type: m.type, value: m.value, mentions: 0, records: new Set() }));
    e.mentions++;
    e.records.add(`${m.force_id}/${m.record_id}`);
  }
  const groups: Record<keyof RecordsSummary['entities'], TopEntity[]> = { people: [], vehicles: [], phones: [], places: [], other: [] };
  const sorted = [...ent.values()].sort((a, b) => b.records.size - a.records.size || b.mentions - a.mentions || (a.value < b.value ? -1 : 1));
  for (const e of sorted) {
    const g = groups[GROUP[e.type] ?? 'other'];
    if (g.length < top) g.push({ type: e.type, value: e.value, mentions: e.mentions, records: e.records.size });
  }
  const byTime = [...records].sort((a, b) => (a.occurred_at < b.occurred_at ? -1 : a.occurred_at > b.occurred_at ? 1 : 0));
  return {
    records: records.length,
    forces: Object.fromEntries(ranked(count((r) => r.force_id))),
    period: { from: byTime[0]?.occurred_at ?? null, to: byTime[byTime.length - 1]?.occurred_at ?? null },
    months: Object.fromEntries([...count((r) => r.occurred_at.slice(0, 7)).entries()].sort()),
    categories: ranked(count((r) => r.category)).map(([category, n]) => ({ category, n })),
    kinds: ranked(count((r) => r.kind)).map(([kind, n]) => ({ kind, n })),
    places: ranked(count((r) => r.location_text)).slice(0, top).map(([place, n]) => ({ place, n })),
    entities: groups,
    timeline: byTime.slice(0, opts.timeline ?? 200).map((r) => ({
      occurred_at: r.occurred_at, force_id: r.force_id, record_id: r.record_id, kind: r.kind, category: r.category, text: firstSentence(r.narrative),
    })),
  };
}

/** Where the optional summariser lives, from the configuration (`src/config`). */
export interface SummariserSettings {
  /** Sends nothing unless true (`PEEL_SUMMARISER_ENABLED`). */
  readonly enabled: boolean;
  /** Base URL of an OpenAI-compatible API, e.g. http://127.0.0.1:11434/v1 (`PEEL_SUMMARISER_URL`). */
  readonly url: string | null;
  readonly model: string;
  readonly apiKey: string | null;
}

export interface AdvisorySummary {
  readonly advisory: true;
  readonly label: string;
  readonly model: string;
  readonly endpoint: string;
  readonly text: string;
}

export const ADVISORY_LABEL = 'ADVISORY: written by a language model from the records below; it may be wrong or incomplete. Check every statement against the records.';

/** Whether the settings allow sending records to the summariser. */
export function summariserOn(s: SummariserSettings | null | undefined): s is SummariserSettings & { url: string } {
  return !!s && s.enabled && !!s.url;
}

/**
 * Asks the configured OpenAI-compatible endpoint (`POST {url}/chat/completions`) for a prose
 * summary of the records. Throws PeelError `bad_input` when the summariser is not switched on,
 * so no record leaves the hub by accident.
 */
export async function advisorySummary(
  settings: SummariserSettings | null | undefined, records: readonly SummaryRecord[],
  opts: { fetch?: typeof fetch; maxRecords?: number; timeoutMs?: number } = {},
): Promise<AdvisorySummary> {
  if (!summariserOn(settings)) {
    throw new PeelError('bad_input', 'the optional summariser is off: set PEEL_SUMMARISER_URL and PEEL_SUMMARISER_ENABLED=true to send records to it');
  }
  const f = opts.fetch ?? fetch;
  const endpoint = `${settings.url.replace(/\/$/, '')}/chat/completions`;
  const take = records.slice(0, opts.maxRecords ?? 50);
  const body = {
    model: settings.model,
    temperature: 0,
    messages: [
      { role: 'system', content: 'You summarise police records for an investigator. Use only facts stated in the records; cite record ids in brackets; say when records disagree. Be brief.' },
      { role: 'user', content: take.map((r) => `[${r.force_id}/${r.record_id}] ${r.occurred_at} ${r.kind} ${r.category ?? ''} at ${r.location_text}\n${r.narrative}`).join('\n\n') },
    ],
  };
  let res: Response;
  try {
    res = await f(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(settings.apiKey ? { authorization: `Bearer ${settings.apiKey}` } : {}) },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(opts.timeoutMs ?? 60_000),
    });
  } catch (e) {
    throw new PeelError('unreadable_input', `the summariser at ${endpoint} did not answer: ${(e as Error).message}`);
  }
  const text = await res.text();
  if (!res.ok) throw new PeelError('unreadable_input', `the summariser at ${endpoint} answered ${res.status}: ${text.slice(0, 200)}`);
  let content: unknown;
  try {
    content = (JSON.parse(text) as { choices?: Array<{ message?: { content?: unknown } }> }).choices?.[0]?.message?.content;
  } catch {
    content = undefined;
  }
  if (typeof content !== 'string') throw new PeelError('unreadable_input', `the summariser at ${endpoint} answered without choices[0].message.content`);
  return { advisory: true, label: ADVISORY_LABEL, model: settings.model, endpoint, text: content.trim() };
}

/** The summariser settings of a configuration. */
export function summariserSettings(c: Pick<PeelConfig, 'summariserEnabled' | 'summariserUrl' | 'summariserModel' | 'summariserKey'>): SummariserSettings {
  return { enabled: c.summariserEnabled, url: c.summariserUrl, model: c.summariserModel, apiKey: c.summariserKey };
}
