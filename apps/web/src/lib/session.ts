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

export function loadSession(): Session | null {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

export function saveSession(s: Session | null): void {
  if (s) localStorage.setItem(KEY, JSON.stringify(s));
  else localStorage.removeItem(KEY);
}
