/**
 * The capabilities the server is given rather than owns: alerts (trends detection), data quality
 * and force boundaries. Each route of theirs exists and declares its permission always; while a
 * capability is not wired into the server it answers 501 problem+json, so the dashboard can say
 * "not available yet" instead of inventing data. Wiring one is passing it in
 * `ServerDeps.capabilities` (the default wires all three to the store: ./capabilities.ts).
 *
 * What each returns is the API's contract (src/contract/), so a capability cannot hand the
 * routes a shape the contract does not declare.
 */
import type * as S from '../contract/index.ts';

export interface AlertsQuery {
  readonly forces?: string[];
  readonly status?: S.AlertStatus;
  readonly kind?: S.AlertKind;
  readonly category?: string;
  readonly minPriority?: number;
  readonly month?: string;
  /** `inbox`, `beyond_budget` or `recording_change`; all when absent. */
  readonly review?: S.AlertReview;
  /** Leave out dismissed alerts. */
  readonly open?: boolean;
  readonly sort: 'priority' | 'newest' | 'oldest';
  readonly limit: number;
  readonly offset: number;
}

/** What the API needs from the alerts capability. `by` is the actor recorded in the alert's history. */
export interface AlertsCapability {
  list(q: AlertsQuery): Promise<S.AlertPage>;
  /** The alert with its evidence and triage history; undefined when there is no such alert. */
  get(id: string): Promise<S.AlertDetail | undefined>;
  acknowledge(id: string, by: string, note: string | undefined): Promise<S.AlertDetail | undefined>;
  dismiss(id: string, by: string, reason: string): Promise<S.AlertDetail | undefined>;
  /** Marks an alert actioned (something was done about it), with an optional note. */
  action(id: string, by: string, note: string | undefined): Promise<S.AlertDetail | undefined>;
  /** The open alerts' areas as GeoJSON polygons (H3 cells), for one month (default: the latest run's). */
  layer(q: { forces?: string[]; month?: string }): Promise<S.AlertsLayer>;
  /** The month the latest detection run tested, or null before any run. */
  latestMonth?(): Promise<string | null>;
  /** Per force: the months of street data it holds, its own latest month and the months with alerts (for a month picker). */
  months?(q: { forces?: string[] }): Promise<S.AlertMonths[]>;
}

export interface QualityCapability {
  /** League rows, each force over its own window ending at or before `to` (default: its own latest month). */
  league(q?: { to?: string }): Promise<S.QualityLeagueRow[]>;
  /** A force's scorecard and findings (with sample rows) for `month` (default: its own latest held month); undefined when not assessed. */
  scorecard(force: string, month?: string): Promise<S.QualityScorecard | undefined>;
}

export interface GeographyCapability {
  /** Force boundaries as a GeoJSON FeatureCollection, or null when none are loaded. */
  boundaries(): Promise<S.ForceBoundaries | null>;
}

export type OptionalCapability = 'alerts' | 'quality' | 'geography';

export interface Capabilities {
  /**
   * Whether each wired capability has something to show: null when it has, else the reason
   * (e.g. no boundaries loaded yet). Health reports it so the dashboard asks only for what exists.
   */
  readonly readiness?: () => Promise<Partial<Record<OptionalCapability, string | null>>>;
  readonly alerts?: AlertsCapability;
  readonly quality?: QualityCapability;
  readonly geography?: GeographyCapability;
}

/** What a route of an unwired capability says (501), naming what would make it available. */
export const NOT_WIRED = {
  alerts: { name: 'Alerts', hint: 'alerts appear once the detection pipeline is wired into the server and `peel detect` has run' },
  quality: { name: 'Data quality', hint: 'quality findings appear once the quality capability is wired into the server and `peel quality` has run' },
  geography: { name: 'Force boundaries', hint: 'force boundaries appear once the geography capability is wired and `peel geography load` has run' },
} as const satisfies Record<OptionalCapability, { name: string; hint: string }>;

/** For /api/health: which optional capabilities are wired, with the reason when one is not. */
export async function capabilityStatus(c: Capabilities): Promise<Record<OptionalCapability, { available: boolean; detail: string | null }>> {
  const ready = (await c.readiness?.()) ?? {};
  const one = (key: OptionalCapability) => {
    const { name, hint } = NOT_WIRED[key];
    const notReady = ready[key];
    return !c[key] ? { available: false, detail: `${name} is not available on this server yet: ${hint}` }
      : notReady ? { available: false, detail: notReady } : { available: true, detail: null };
  };
  return { alerts: one('alerts'), quality: one('quality'), geography: one('geography') };
}
