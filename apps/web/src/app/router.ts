// A tiny history router: `/` (chats), `/people`, `/rooms/:id`, `/account`, `/admin` (and
// `/admin/store`, `/admin/assets`), the shop's `/store/**`, the social pages' `/social/**`. The server's SPA fallback serves index.html for each
// of them, so a reload stays where it was.
import { useEffect, useState } from 'preact/hooks';
import { parseSocialPath, type SocialPage } from '../features/social/state/routes.ts';
import { parseStorePath, type StorePage } from '../features/store/state/routes.ts';

export type Route =
  | { name: 'chats' }
  | { name: 'people' }
  | { name: 'room'; roomId: number }
  | { name: 'account' }
  | { name: 'admin'; tab: 'batch' | 'store' | 'assets' }
  | { name: 'store'; page: StorePage }
  | { name: 'social'; page: SocialPage };

export function parseRoute(path: string): Route {
  const room = /^\/rooms\/(\d+)\/?$/.exec(path);
  if (room) return { name: 'room', roomId: Number(room[1]) };
  if (path.startsWith('/people')) return { name: 'people' };
  if (/^\/account\/?$/.test(path)) return { name: 'account' };
  if (/^\/admin\/?$/.test(path)) return { name: 'admin', tab: 'batch' };
  if (/^\/admin\/store\/?$/.test(path)) return { name: 'admin', tab: 'store' };
  if (/^\/admin\/assets\/?$/.test(path)) return { name: 'admin', tab: 'assets' };
  const store = parseStorePath(path);
  if (store) return { name: 'store', page: store };
  const social = parseSocialPath(path);
  if (social) return { name: 'social', page: social };
  return { name: 'chats' };
}

export function navigate(path: string): void {
  if (location.pathname === path) return;
  history.pushState(null, '', path);
  dispatchEvent(new PopStateEvent('popstate'));
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.pathname));
  useEffect(() => {
    const on = () => setRoute(parseRoute(location.pathname));
    addEventListener('popstate', on);
    return () => removeEventListener('popstate', on);
  }, []);
  return route;
}
