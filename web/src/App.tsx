/** The dashboard's shell: skip link, navigation, and the page for the current route. */
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import type { Me, Permission } from '@peel/client';
import { api, ApiError } from './api.ts';
import { csrfFromCookie } from '@peel/client';
import { hubHealth, resetHealth, MeContext, holds } from './shared.ts';
import { SignIn } from './components/SignIn.tsx';
import { Loading, ProblemNotice } from './components/Notice.tsx';
import { useRoute, href, type Route } from './router.ts';
import { Overview } from './pages/Overview.tsx';
// The overview is in the first bundle; the other pages (and ECharts with them) load when visited.
const ForceView = lazy(() => import('./pages/ForceView.tsx').then((m) => ({ default: m.ForceView })));
const Alerts = lazy(() => import('./pages/Alerts.tsx').then((m) => ({ default: m.Alerts })));
const Quality = lazy(() => import('./pages/Quality.tsx').then((m) => ({ default: m.Quality })));
const Data = lazy(() => import('./pages/Data.tsx').then((m) => ({ default: m.Data })));
const Records = lazy(() => import('./pages/Records.tsx').then((m) => ({ default: m.Records })));
const RecordView = lazy(() => import('./pages/Records.tsx').then((m) => ({ default: m.RecordView })));
const EntityView = lazy(() => import('./pages/Records.tsx').then((m) => ({ default: m.EntityView })));
const Productivity = lazy(() => import('./pages/Productivity.tsx').then((m) => ({ default: m.Productivity })));
const WhatWorks = lazy(() => import('./pages/WhatWorks.tsx').then((m) => ({ default: m.WhatWorks })));
const TrialView = lazy(() => import('./pages/WhatWorks.tsx').then((m) => ({ default: m.TrialView })));
const ReviewUpload = lazy(() => import('./pages/Records.tsx').then((m) => ({ default: m.ReviewUpload })));
const Admin = lazy(() => import('./pages/Admin.tsx').then((m) => ({ default: m.Admin })));
const Audit = lazy(() => import('./pages/Audit.tsx').then((m) => ({ default: m.Audit })));

/** The pages, and the permissions (any one of them) that make each useful to a role. */
const NAV: Array<{ page: Route['page']; label: string; to: string; needs: readonly Permission[] }> = [
  { page: 'overview', label: 'Overview', to: href(), needs: ['aggregates:read'] },
  { page: 'force', label: 'Forces', to: href('forces'), needs: ['aggregates:read'] },
  { page: 'alerts', label: 'Alerts', to: href('alerts'), needs: ['alerts:read'] },
  { page: 'quality', label: 'Data quality', to: href('quality'), needs: ['quality:read'] },
  { page: 'data', label: 'Data', to: href('data'), needs: ['aggregates:read', 'batches:read', 'quarantine:read', 'data:upload'] },
  { page: 'records', label: 'Records', to: href('records'), needs: ['records:read'] },
  { page: 'admin', label: 'Administration', to: href('admin'), needs: ['users:manage', 'tokens:manage'] },
  { page: 'audit', label: 'Audit log', to: href('audit'), needs: ['audit:read'] },
  { page: 'productivity', label: 'Productivity', to: href('productivity'), needs: ['aggregates:read'] },
  { page: 'what-works', label: 'What works', to: href('what-works'), needs: ['aggregates:read'] },
];

/** Where each role lands: the first of these pages it can use (analyst → overview, admin → administration, investigator → records). */
const HOME_ORDER: ReadonlyArray<Route['page']> = ['overview', 'admin', 'records', 'audit'];

/** The nav entry a route belongs to (a record, its review and an entity page are Records'). */
function navOf(page: Route['page']) {
  return NAV.find((n) => n.page === (['record', 'review', 'entity'].includes(page) ? 'records' : page === 'trial' ? 'what-works' : page));
}

const usable = (me: Me | null, n: (typeof NAV)[number]) => n.needs.some((p) => holds(me, p));

function title(r: Route): string {
  switch (r.page) {
    case 'overview': return 'National overview';
    case 'force': return r.force ? `Force: ${r.force}` : 'Forces';
    case 'alerts': return r.alert ? `Alert ${r.alert}` : 'Alert inbox';
    case 'quality': return r.force ? `Data quality: ${r.force}` : 'Data quality';
    case 'data': return `Data: ${r.tab}`;
    case 'records': return 'Records';
    case 'record': return `Record ${r.force}/${r.id}`;
    case 'review': return 'Redaction review';
    case 'entity': return `${r.type} ${r.value}`;
    case 'admin': return r.tab === 'tokens' ? 'API tokens' : 'Users and grants';
    case 'audit': return 'Audit log';
    case 'productivity': return r.force ? `Productivity: ${r.force}` : 'Productivity';
    case 'what-works': return 'What works';
    case 'trial': return `Trial ${r.id}`;
    case 'missing': return 'Page not found';
    default: {
      const never: never = r;
      return String(never);
    }
  }
}

/** Who is signed in: undefined while asking, null when no one (or the server has no sign-in). */
function useMe(): { me: Me | null | undefined; error: unknown; refresh: () => void } {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    const dev: Me = { kind: 'user', name: 'development', role: null, forces: 'all', permissions: {} };
    // Ask who is signed in only when there can be a session: no failing request on the sign-in page.
    // Who is signed in is asked alongside the health check, not after it (one round trip less on
    // every first load); its answer is used only when the server has sign-in.
    const me = csrfFromCookie(document.cookie) ? api.me().then((m) => ({ m }), (e: unknown) => ({ e })) : null;
    hubHealth().then(async (h) => {
      if (!h.sign_in_required) return dev;
      if (!me) return null;
      const r = await me;
      if ('e' in r) throw r.e;
      return r.m;
    }).then(
      (m) => live && setMe(m),
      (e: unknown) => {
        if (!live) return;
        // 401: not signed in. 404: this server runs without the access plugin (development).
        if (e instanceof ApiError && e.status === 401) setMe(null);
        else setError(e);
      },
    );
    return () => void (live = false);
  }, [tick]);
  return { me, error, refresh: () => setTick((t) => t + 1) };
}

export function App() {
  const route = useRoute();
  const { me, error, refresh } = useMe();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  // A role without the overview's data (an investigator, an auditor) starts on its first page.
  const mine = me ? NAV.filter((n) => usable(me, n)) : NAV;
  const home = HOME_ORDER.map((p) => mine.find((n) => n.page === p)).find((n) => n) ?? mine[0];
  const page = navOf(route.page);
  const allowed = !me || !page || usable(me, page);
  useEffect(() => {
    if (me && route.page === 'overview' && !allowed && home) location.replace(home.to);
  }, [me, route.page, allowed, home]);
  useEffect(() => {
    document.title = `${title(route)} · Peel`;
    // Move focus to the new page's heading so keyboard and screen-reader users land on it.
    if (first.current) return void (first.current = false);
    const h1 = main.current?.querySelector('h1');
    if (h1) (h1 as HTMLElement).focus();
  }, [route]);

  return (
    <>
      <a className="skip-link" href="#main" onClick={(e) => (e.preventDefault(), main.current?.focus())}>Skip to main content</a>
      <header className="top">
        <div className="brand"><a href={href()}>Peel</a><span className="muted small">national police data hub</span></div>
        {me && (
          <nav aria-label="Main">
            <ul>
              {mine.map((n) => (
                <li key={n.page}><a href={n.to} aria-current={page === n ? 'page' : undefined}>{n.label}</a></li>
              ))}
              <li><a href="/docs" className="muted">API docs</a></li>
            </ul>
          </nav>
        )}
        {me && me.name !== 'development' && (
          <div className="who small">
            <span>{me.name}{me.role ? ` (${me.role.replace(/_/g, ' ')})` : ''}</span>{' '}
            <button type="button" className="link-button" onClick={() => void api.signOut().finally(() => (location.hash = '#/', resetHealth(), refresh()))}>Sign out</button>
          </div>
        )}
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        {error !== null ? <ProblemNotice error={error} what="Your session" /> : me === undefined ? <Loading what="your session" /> : me === null ? <SignIn onSignedIn={refresh} /> : <MeContext.Provider value={me}><Suspense fallback={<Loading what="the page" />}>
        {!allowed && route.page === 'overview' && home && <Loading what="your first page" />}
        {!allowed && !(route.page === 'overview' && home) && (
          <div data-ready="true">
            <h1 tabIndex={-1}>{title(route)}</h1>
            <p>This page shows data that {me.role ? `the ${me.role.replace(/_/g, ' ')} role` : 'your account'} does not hold.{' '}
              {mine.length ? <>Your pages: {mine.map((n, i) => <span key={n.page}>{i ? ', ' : ''}<a href={n.to}>{n.label}</a></span>)}.</> : 'Ask an administrator for the access your work needs.'}</p>
          </div>
        )}
        {allowed && <>
        {route.page === 'overview' && <Overview />}
        {route.page === 'force' && <ForceView key={route.force ?? ''} force={route.force} />}
        {route.page === 'alerts' && <Alerts alert={route.alert} />}
        {route.page === 'quality' && <Quality force={route.force} />}
        {route.page === 'data' && <Data tab={route.tab} />}
        {route.page === 'records' && <Records />}
        {route.page === 'record' && <RecordView key={`${route.force}/${route.id}`} force={route.force} id={route.id} />}
        {route.page === 'review' && <ReviewUpload />}
        {route.page === 'entity' && <EntityView key={`${route.type}/${route.value}`} type={route.type} value={route.value} />}
        {route.page === 'admin' && <Admin tab={route.tab} />}
        {route.page === 'audit' && <Audit />}
        {route.page === 'productivity' && <Productivity force={route.force} />}
        {route.page === 'what-works' && <WhatWorks />}
        {route.page === 'trial' && <TrialView key={route.id} id={route.id} />}
        {route.page === 'missing' && (
          <div data-ready="true"><h1 tabIndex={-1}>Page not found</h1><p>There is no page at “{route.path}”. Go to the <a href={home?.to ?? href()}>{home?.label.toLowerCase() ?? 'overview'}</a>.</p></div>
        )}
        </>}
        </Suspense></MeContext.Provider>}
      </main>
      <footer className="muted small">Contains public sector information licensed under the Open Government Licence v3.0.</footer>
    </>
  );
}
