// The signed-in session (tokens and who I am), kept in localStorage so it survives a reload.
import type { AuthResponse } from './wire.ts';

export interface Session {
  readonly token: string;
  readonly refreshToken: string;
  readonly userId: number;
  readonly email: string;
  readonly nickname: string;
  /** Absent in sessions stored before roles were kept: the admin screen stays hidden until the next login. */
  readonly role?: AuthResponse['role'];
}

const KEY = 'chat.session';

export function fromAuth(r: AuthResponse): Session {
  return {
    token: r.token,
    refreshToken: r.refreshToken,
    userId: r.userId,
    email: r.email,
    nickname: r.nickname,
    role: r.role,
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
  void writeSharedSession(s);
}

// The same session in IndexedDB, for the refresh handoff between tabs: Chromium serves each
// tab's localStorage from a per-process copy updated asynchronously, so a tab that takes the
// refresh lock right after another tab rotated the tokens may still read the old ones there.
// IndexedDB transactions are ordered by the browser for every tab: once a write completed,
// every later read sees it.
const DB_NAME = 'chat-session';
let db: Promise<IDBDatabase> | null = null;

function openDb(): Promise<IDBDatabase> {
  db ??= new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => req.result.createObjectStore('session');
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  return db;
}

async function inStore<T>(
  mode: IDBTransactionMode,
  run: (store: IDBObjectStore) => IDBRequest<T>,
): Promise<T> {
  const tx = (await openDb()).transaction('session', mode);
  const req = run(tx.objectStore('session'));
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve(req.result);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

/** Resolves once every tab will read `s`; never rejects (without IndexedDB it does nothing). */
export async function writeSharedSession(s: Session | null): Promise<void> {
  if (typeof indexedDB === 'undefined') return;
  await inStore('readwrite', (store) => store.put(s, KEY)).catch(() => undefined);
}

/** The session as last stored by any tab: IndexedDB, else localStorage. */
export async function readSharedSession(): Promise<Session | null> {
  if (typeof indexedDB === 'undefined') return loadSession();
  const stored = await inStore<Session | null | undefined>('readonly', (store) => store.get(KEY)).catch(
    () => undefined,
  );
  return stored === undefined ? loadSession() : stored;
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
