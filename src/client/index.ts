/**
 * The one typed client of Peel's API, used by the dashboard (web/) and the CLI. Its types come
 * from the API's contract (`src/contract/`, zod schemas; type-only imports, so no zod reaches
 * the browser); an error answer becomes an `ApiError` carrying the RFC 9457 problem.
 * Runs wherever `fetch` does (browsers, Node 20+).
 */
import type * as S from '../contract/index.ts';
import type { RecordsContract as R, LinkageContract as L, AccessContract as AC, ProductivityContract as PC } from '../contract/index.ts';
import type { TacticsContract as TC, TacticsApiContract as TA } from '../contract/index.ts';

export type {
  Problem, Health, Category, Force, ForceDetail, CoverageCell, CoveragePage, CubeRow, CubePage, CubeArea,
  H3Layer, Batch, BatchPage, QuarantineRow, QuarantinePage, QuarantineSummaryPage, UploadJob, UploadPage, Page, DatasetKind,
  Alert, AlertDetail, AlertEvent, AlertPage, AlertStatus, AlertKind, AlertReview, AlertEvidence, AlertEvidencePoint, AlertMember, AlertAreas,
  AlertsLayer, AlertLayerProperties, AlertMonths, AlertMonthsPage,
  QualityLeagueRow, QualityLeaguePage, QualityScorecard, QualityFinding, QualityDimension, QualitySeverity, SeverityCounts,
  ForceBoundaries, BoundaryFeature,
} from '../contract/index.ts';
export type AccessUser = AC.AccessUser;
export type AccessGrant = AC.AccessGrant;
export type AccessToken = AC.AccessToken;
export type CreatedToken = AC.CreatedToken;
export type AuditEventView = AC.AuditEventView;
export type AuditPage = AC.AuditPage;
export type AuditVerify = AC.AuditVerify;
export type RoleCatalogue = AC.RoleCatalogue;
export type Role = AC.AccessUser['role'];
/** A permission of access's one vocabulary: what `useCan` and token creation name. */
export type Permission = AC.Permission;

export interface AuditParams extends PageParams {
  actor?: string;
  action?: string;
  since?: string;
  until?: string;
  force?: string;
}
export type RecordHit = R.RecordHit;
export type RecordSearchResult = R.RecordSearchResult;
export type RecordDetail = R.RecordDetail;
export type Mention = R.Mention;
export type EntityPage = R.EntityPage;
export type SummaryResult = R.SummaryResult;
export type Proposal = R.Proposal;
export type Applied = R.Applied;
export type LinkedPersons = L.LinkedPersons;
export type LinkedPerson = L.LinkedPerson;
export type ProductivityReport = PC.ProductivityReport;
export type ProductivityTrendReport = PC.TrendReport;
export type ProductivityStandard = PC.Standard;
export type Tactic = TC.Tactic;
export type LibraryTactic = TA.LibraryTactic;
export type Trial = TC.Trial;
export type Evaluation = TC.Evaluation;
export type TacticsDocument = TC.TacticsDocument;
export type TrialSummary = TA.TrialSummary;
export type TrialDetail = TA.TrialDetail;

export interface RecordSearchParams {
  q: string;
  force?: string | readonly string[];
  kind?: string;
  category?: string;
  from?: string;
  to?: string;
  now?: string;
  limit?: number;
  offset?: number;
}

export type RedactionPolicyName = 'disclosure' | 'public';
export interface ReviewedSpan { start: number; end: number; type: string }

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(readonly problem: S.Problem) {
    super(problem.detail);
  }
  get status(): number {
    return this.problem.status;
  }
  /** The capability behind this route has not landed on the server (501). */
  get notAvailable(): boolean {
    return this.problem.status === 501;
  }
}

export type Query = Record<string, string | number | boolean | undefined | null | readonly string[]>;

export interface PageParams {
  limit?: number;
  offset?: number;
}

export interface CubeParams extends PageParams {
  force?: string | readonly string[];
  category?: string | readonly string[];
  from?: string;
  to?: string;
  area?: S.CubeArea;
  areas?: readonly string[];
}

export interface AlertsParams extends PageParams {
  force?: string | readonly string[];
  status?: S.AlertStatus;
  kind?: S.AlertKind;
  category?: string;
  min_priority?: number;
  month?: string;
  /** Part of each force-month's review; all when absent. */
  review?: S.AlertReview;
  /** Leave out dismissed alerts. */
  open?: boolean;
  sort?: 'priority';
}

export function toQueryString(q: Query = {}): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(q)) {
    if (v === undefined || v === null || v === '') continue;
    const s = Array.isArray(v) ? (v as readonly string[]).join(',') : String(v);
    if (s === '') continue;
    parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(s)}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

export interface ClientOptions {
  /** Origin of the server, e.g. http://127.0.0.1:8080 (default: the page's own origin). */
  readonly baseUrl?: string;
  readonly fetch?: typeof fetch;
  readonly headers?: Record<string, string>;
  /**
   * The session's CSRF token, sent as `x-peel-csrf` on requests that change state (the server
   * sets it in the readable `peel_csrf` cookie at sign-in). Browsers: `csrfFromCookie`.
   */
  readonly csrf?: () => string | null;
  /** Bearer token for systems (`peel_<id>_<secret>`); browsers use the session cookie instead. */
  readonly token?: string;
}

/** Reads the CSRF token the server set at sign-in from `document.cookie`-style text. */
export function csrfFromCookie(cookie: string): string | null {
  const m = /(?:^|;\s*)peel_csrf=([^;]*)/.exec(cookie);
  return m ? decodeURIComponent(m[1]) : null;
}

/** Who is signed in (GET /api/auth/me); the access capability owns this shape. */
export interface Me {
  kind: 'user' | 'token';
  name: string;
  role: string | null;
  forces: string[] | 'all';
  permissions: Record<string, 'all' | string[]>;
}

/** Why a record-level read or an export is made, and for whom: both are audited. */
export interface Purpose {
  justification?: string;
  recipient?: string;
}

export function createClient(opts: ClientOptions = {}) {
  const base = (opts.baseUrl ?? '').replace(/\/$/, '');
  const f = opts.fetch ?? ((...a: Parameters<typeof fetch>) => fetch(...a));

  async function request<T>(method: string, path: string, init: { query?: Query; body?: unknown; form?: FormData; signal?: AbortSignal; purpose?: Purpose } = {}): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    const csrf = method !== 'GET' ? opts.csrf?.() : null;
    if (csrf) headers['x-peel-csrf'] = csrf;
    if (init.purpose?.justification) headers['x-peel-justification'] = init.purpose.justification;
    if (init.purpose?.recipient) headers['x-peel-recipient'] = init.purpose.recipient;
    let body: FormData | string | undefined;
    if (init.form) body = init.form;
    else if (init.body !== undefined) (headers['content-type'] = 'application/json', (body = JSON.stringify(init.body)));
    const res = await f(`${base}/api${path}${toQueryString(init.query)}`, { method, headers, body, signal: init.signal, credentials: 'same-origin' });
    const text = await res.text();
    if (res.status === 204) return null as T;
    if (!res.ok) {
      let p: S.Problem;
      try {
        p = JSON.parse(text) as S.Problem;
        if (typeof p?.status !== 'number') throw new Error('not a problem');
      } catch {
        p = { type: 'about:blank', title: res.statusText, status: res.status, detail: text.slice(0, 300) || res.statusText, code: 'http_error' };
      }
      throw new ApiError(p);
    }
    return JSON.parse(text) as T;
  }
  const get = <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal });
  const enc = encodeURIComponent;

  return {
    baseUrl: base,
    signIn: (name: string, password: string) => request<{ user: Me; csrfToken: string }>('POST', '/auth/sign-in', { body: { name, password } }),
    signOut: () => request<null>('POST', '/auth/sign-out', { body: {} }),
    me: (signal?: AbortSignal) => get<Me>('/auth/me', undefined, signal),
    health: (signal?: AbortSignal) => get<S.Health>('/health', undefined, signal),
    categories: (q: PageParams = {}) => get<S.Page<S.Category>>('/categories', { ...q }),
    forces: (q: PageParams & { loaded?: boolean } = {}) => get<S.Page<S.Force>>('/forces', { ...q }),
    force: (id: string) => get<S.ForceDetail>(`/forces/${enc(id)}`),
    coverage: (q: PageParams & { force?: string; kind?: S.DatasetKind } = {}) => get<S.CoveragePage>('/coverage', { ...q }),
    cube: (q: CubeParams = {}, signal?: AbortSignal) => get<S.CubePage>('/cube', { ...q }, signal),
    h3Layer: (q: Omit<CubeParams, 'area' | 'areas'> = {}, signal?: AbortSignal) => get<S.H3Layer>('/layers/h3', { ...q }, signal),
    batches: (q: PageParams & { force?: string; status?: string } = {}) => get<S.BatchPage>('/batches', { ...q }),
    batch: (id: string) => get<S.Batch>(`/batches/${enc(id)}`),
    /** Quarantined rows hold record contents: the read needs a justification, which is audited. */
    quarantine: (q: PageParams & { batch?: string; force?: string; reason?: string } = {}, purpose: Purpose = {}) =>
      request<S.QuarantinePage>('GET', '/quarantine', { query: { ...q }, purpose }),
    quarantineSummary: (q: PageParams = {}) => get<S.QuarantineSummaryPage>('/quarantine/summary', { ...q }),
    /** Starts an upload; follow it with `upload(job)` or `uploadEventsUrl(job)`. */
    uploadFiles: (files: ReadonlyArray<Blob & { name?: string }>, q: { force?: string; allow_shrink?: 'true' | 'false' } = {}) => {
      const form = new FormData();
      for (const file of files) form.append('file', file, file.name ?? 'upload.csv');
      return request<S.UploadJob>('POST', '/uploads', { form, query: { ...q } });
    },
    uploads: (q: PageParams = {}) => get<S.UploadPage>('/uploads', { ...q }),
    upload: (job: string) => get<S.UploadJob>(`/uploads/${enc(job)}`),
    uploadEventsUrl: (job: string) => `${base}/api/uploads/${enc(job)}/events`,
    /** A download link; exports are disclosures, so they carry why and for whom (both audited). */
    exportUrl: (table: string, format: 'csv' | 'parquet' | 'geojson' = 'csv', purpose: Purpose = {}) =>
      `${base}/api/exports/${enc(table)}${toQueryString({ format, justification: purpose.justification, recipient: purpose.recipient })}`,
    alerts: (q: AlertsParams = {}) => get<S.AlertPage>('/alerts', { ...q }),
    alert: (id: string) => get<S.AlertDetail>(`/alerts/${enc(id)}`),
    acknowledgeAlert: (id: string, note?: string) => request<S.AlertDetail>('POST', `/alerts/${enc(id)}/acknowledge`, { body: note ? { note } : {} }),
    dismissAlert: (id: string, reason: string) => request<S.AlertDetail>('POST', `/alerts/${enc(id)}/dismiss`, { body: { reason } }),
    /** Marks an alert actioned (something was done about it), with an optional note. */
    actionAlert: (id: string, note?: string) => request<S.AlertDetail>('POST', `/alerts/${enc(id)}/action`, { body: note ? { note } : {} }),
    /** Per force: months of street data held, its own latest month and the months with alerts. */
    alertMonths: (q: { force?: string } = {}) => get<S.AlertMonthsPage>('/alerts/months', { ...q }),
    /** The open alerts' areas for a month (default: the latest detection run's) as H3 cell polygons. */
    alertLayer: (q: { force?: string; month?: string } = {}) => get<S.AlertsLayer>('/layers/alerts', { ...q }),
    qualityLeague: (q: PageParams & { month?: string; to?: string } = {}) => get<S.QualityLeaguePage>('/quality/league', { ...q }),
    qualityScorecard: (force: string, q: { month?: string } = {}) => get<S.QualityScorecard>(`/quality/forces/${enc(force)}`, { ...q }),
    boundaries: () => get<S.ForceBoundaries>('/geography/boundaries'),
    /** Accounts, grants and API tokens (admin: users:manage, tokens:manage). */
    roles: () => get<AC.RoleCatalogue>('/access/roles'),
    users: () => get<{ items: AC.AccessUser[] }>('/users'),
    addUser: (body: { name: string; role: Role; forces?: string[]; password: string }) => request<AC.AccessUser>('POST', '/users', { body }),
    changeUser: (name: string, body: { role?: Role; forces?: string[]; disabled?: boolean }) => request<AC.AccessUser>('PATCH', `/users/${enc(name)}`, { body }),
    setPassword: (name: string, password: string) => request<null>('PUT', `/users/${enc(name)}/password`, { body: { password } }),
    unlockUser: (name: string) => request<null>('POST', `/users/${enc(name)}/unlock`, { body: {} }),
    addGrant: (user: string, body: { kind: AC.AccessGrant['kind']; force: string; reason: string; expiresAt?: string }) =>
      request<AC.AccessGrant>('POST', `/users/${enc(user)}/grants`, { body }),
    revokeGrant: (id: string) => request<null>('DELETE', `/grants/${enc(id)}`),
    tokens: () => get<{ items: AC.AccessToken[] }>('/tokens'),
    /** The secret (`token`) is in this answer only: show it once. */
    createToken: (body: { name: string; permissions: string[]; forces: string[] | 'all'; expiresAt?: string }) => request<AC.CreatedToken>('POST', '/tokens', { body }),
    revokeToken: (id: string) => request<null>('DELETE', `/tokens/${enc(id)}`),
    /** The audit log, newest first (audit:read; reading it is itself logged), and its hash-chain check. */
    audit: (q: AuditParams = {}) => get<AC.AuditPage>('/audit', { ...q }),
    verifyAudit: () => get<AC.AuditVerify>('/audit/verify'),
    /** The productivity standard: the report, trends, definitions and groups (docs/productivity.md). */
    productivity: (q: { from?: string; to?: string; force?: string; category?: string; measure?: string } = {}, signal?: AbortSignal) => get<PC.ProductivityReport>('/productivity', { ...q }, signal),
    productivityTrends: (q: { from?: string; to?: string; force?: string; measure?: string } = {}, signal?: AbortSignal) => get<PC.TrendReport>('/productivity/trends', { ...q }, signal),
    productivityStandard: (signal?: AbortSignal) => get<PC.Standard>('/productivity/standard', undefined, signal),
    /** Record contents: every call below needs a purpose (justification), and is audited. */
    searchRecords: (q: RecordSearchParams, purpose: Purpose = {}, signal?: AbortSignal) =>
      request<R.RecordSearchResult>('GET', '/records/search', { query: { ...q }, purpose, signal }),
    record: (force: string, id: string, purpose: Purpose = {}) => request<R.RecordDetail>('GET', `/records/${enc(force)}/${enc(id)}`, { purpose }),
    /** Every record mentioning an entity, across the forces the caller may link (a combination, audited). */
    entity: (type: string, value: string, q: PageParams = {}, purpose: Purpose = {}) =>
      request<R.EntityPage>('GET', `/entities/${enc(type)}/${enc(value)}`, { query: { ...q }, purpose }),
    /** The same person under other spellings across the forces the caller may link, with why (a combination, audited). */
    linkedPersons: (name: string, purpose: Purpose = {}) => request<L.LinkedPersons>('GET', `/persons/${enc(name)}/linked`, { purpose }),
    recordsSummary: (q: { q: string; force?: string; kind?: string; category?: string; limit?: number; now?: string; advisory?: boolean }, purpose: Purpose = {}) =>
      request<R.SummaryResult>('GET', '/records/summary', { query: { ...q, advisory: q.advisory ? 'true' : undefined }, purpose }),
    /** Proposed redaction spans for held records (`records`) or an uploaded set (`upload`). */
    proposeRedaction: (body: { policy?: RedactionPolicyName; records?: Array<{ force_id: string; record_id: string }>; upload?: Array<{ record_id: string; narrative: string }> }, purpose: Purpose = {}) =>
      request<R.Proposal>('POST', '/records/redaction/propose', { body, purpose }),
    /** Applies reviewed spans: a disclosure (why and for whom), and the decision is audited. */
    applyRedaction: (body: { policy?: RedactionPolicyName; records: Array<{ force_id?: string | null; record_id: string; narrative?: string; spans: ReviewedSpan[] }> }, purpose: Purpose = {}) =>
      request<R.Applied>('POST', '/records/redaction/apply', { body, purpose }),
    /** What works: the tactic library as EMMIE cards. */
    tactics: () => get<TA.TacticList>('/tactics'),
    tactic: (id: string) => get<TC.Tactic>(`/tactics/${enc(id)}`),
    /** Trials the caller may see (its forces), each with its latest evaluation's headline. */
    trials: (q: { force?: string | readonly string[]; tactic?: string } = {}) => get<TA.TrialList>('/trials', { ...q }),
    trial: (id: string) => get<TA.TrialDetail>(`/trials/${enc(id)}`),
    /** The sharing document (JSON, with a content hash); `exportTacticUrl` for a download link. */
    exportTactic: (id: string, q: { force?: string } = {}) => get<TC.TacticsDocument>(`/tactics/${enc(id)}/export`, { ...q }),
    exportTacticUrl: (id: string, q: { force?: string } = {}) => `${base}/api/tactics/${enc(id)}/export${toQueryString({ ...q })}`,
  };
}

export type PeelClient = ReturnType<typeof createClient>;
