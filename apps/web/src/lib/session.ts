// The signed-in session (tokens and who I am), kept in localStorage so it survives a reload.
import type { AuthResponse } from './wire.ts';

export interface Session {
  readonly token: string;
  readonly refreshToken: string;
  readonly userId: number;
  readonly email: string;
  readonly nickname: string;
}

const KEY = 'chat.session';

export function fromAuth(r: AuthResponse): Session {
  return {
    token: r.token,
    refreshToken: r.refreshToken,
    userId: r.userId,
    email: r.email,
    nickname: r.nickname,
  };
}

function parse(raw: string | null): Session | null {
  try {
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

export function loadSession(): Session | null {
  try {
    return parse(localStorage.getItem(KEY));
  } catch {
    return null;
  }
}

export function saveSession(s: Session | null): void {
  if (s) localStorage.setItem(KEY, JSON.stringify(s));
  else localStorage.removeItem(KEY);
}

/**
 * Calls `listener` when another tab stores the session (a refresh rotated the tokens, a log in)
 * or removes it (log out, a failed refresh). The `storage` event fires in the other tabs only.
 */
export function onStoredSession(
  listener: (s: Session | null) => void,
  target: Pick<Window, 'addEventListener' | 'removeEventListener'> = window,
): () => void {
  const handle = (e: Pick<StorageEvent, 'key' | 'newValue'>) => {
    // key null: localStorage.clear() in another tab.
    if (e.key === KEY || e.key === null) listener(parse(e.newValue));
  };
  target.addEventListener('storage', handle);
  return () => target.removeEventListener('storage', handle);
}
