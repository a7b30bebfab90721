// My signed-in sessions as the account screen lists them.
import type { SessionInfo } from '../../../lib/wire.ts';

/** This device first, then the most recently used. */
export function orderSessions(list: readonly SessionInfo[]): SessionInfo[] {
  return [...list].sort(
    (a, b) =>
      Number(b.current) - Number(a.current) ||
      Date.parse(b.lastUsedAt) - Date.parse(a.lastUsedAt) ||
      a.id.localeCompare(b.id),
  );
}

/** The list once a session was revoked (it is gone on the server at once). */
export function withoutSession(list: readonly SessionInfo[], id: string): SessionInfo[] {
  return list.filter((s) => s.id !== id);
}
