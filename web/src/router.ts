/** Hash routing: the server hands every page path the same shell, and links work offline. */
import { useEffect, useState } from 'react';

export type Route =
  | { page: 'overview' }
  | { page: 'force'; force: string | null }
  | { page: 'alerts'; alert: string | null }
  | { page: 'quality'; force: string | null }
  | { page: 'data'; tab: 'coverage' | 'batches' | 'quarantine' | 'upload' | null }
  | { page: 'records' }
  | { page: 'record'; force: string; id: string }
  | { page: 'review' }
  | { page: 'entity'; type: string; value: string }
  | { page: 'admin'; tab: 'users' | 'tokens' }
  | { page: 'audit' }
  | { page: 'productivity'; force: string | null }
  | { page: 'what-works' }
  | { page: 'trial'; id: string }
  | { page: 'tactics-seen' }
  | { page: 'missing'; path: string };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/';
  const [, a = '', b, c] = path.split('/').map(decodeURIComponent);
  switch (a) {
    case '': return { page: 'overview' };
    case 'forces': return { page: 'force', force: b || null };
    case 'alerts': return { page: 'alerts', alert: b || null };
    case 'quality': return { page: 'quality', force: b || null };
    case 'data': {
      // No tab named: the page opens on the first one the role may use.
      const tab = b === 'coverage' || b === 'batches' || b === 'quarantine' || b === 'upload' ? b : null;
      return { page: 'data', tab };
    }
    case 'records':
      if (b === 'review' && !c) return { page: 'review' };
      if (b && c) return { page: 'record', force: b, id: c };
      return { page: 'records' };
    case 'admin': return { page: 'admin', tab: b === 'tokens' ? 'tokens' : 'users' };
    case 'audit': return { page: 'audit' };
    case 'productivity': return { page: 'productivity', force: b || null };
    case 'what-works': return b === 'trials' && c ? { page: 'trial', id: c } : { page: 'what-works' };
    case 'tactics-seen': return { page: 'tactics-seen' };
    case 'entities': return b && c ? { page: 'entity', type: b, value: c } : { page: 'missing', path };
    default: return { page: 'missing', path };
  }
}

export function href(...parts: string[]): string {
  return `#/${parts.map(encodeURIComponent).join('/')}`;
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const on = () => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return route;
}
