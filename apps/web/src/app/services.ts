import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Api } from '../lib/http.ts';
import type { Realtime } from '../lib/realtime.ts';
import type { Session } from '../lib/session.ts';

/** What every feature gets from the app shell: the clients and who is signed in. */
export interface Services {
  readonly api: Api;
  readonly realtime: Realtime;
  readonly me: Session;
}

export const ServicesContext = createContext<Services | null>(null);
export function useServices(): Services {
  const s = useContext(ServicesContext);
  if (!s) throw new Error('ServicesContext missing');
  return s;
}
