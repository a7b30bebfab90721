// The HTTP client: bearer token on every call, one silent refresh (rotating the refresh token)
// on a 401, single-flight across tabs, Retry-After honoured on a 429, and the contract's error
// body as an ApiError.

// The error table alone (no schema library), so it can reach the bundle.
import { isHttpErrorCode } from '@chat/contracts/errors';
import { fromAuth, type Session } from './session.ts';
import type { AuthResponse, ErrorBodyT, HttpErrorCode } from './wire.ts';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    /** The body's `error`; `ERROR` when the answer is not the contract's body (a proxy's page). */
    readonly code: HttpErrorCode | 'ERROR',
    message: string,
  ) {
    super(message);
  }
}

export interface SessionHolder {
  get(): Session | null;
  set(s: Session | null): void;
}

/** Runs `fn` holding a lock shared by every tab of this origin (`navigator.locks`). */
export type RefreshLock = <T>(fn: () => Promise<T>) => Promise<T>;

export interface ApiOptions {
  lock?: RefreshLock;
  /** The session as stored for every tab, read once the lock is held. */
  stored?: () => Session | null | Promise<Session | null>;
  /** Stores rotated tokens for every tab; awaited before the lock is released. */
  share?: (s: Session) => Promise<void>;
}

/**
 * One refresh at a time across tabs: the server rotates the refresh token and treats reuse of
 * an old one as theft (it revokes the session). Without Web Locks (an insecure context) the
 * refresh runs unlocked, single-flight within the tab only.
 */
export const browserRefreshLock: RefreshLock = (fn) =>
  typeof navigator !== 'undefined' && navigator.locks ? navigator.locks.request('chat-refresh', fn) : fn();

export interface RequestOptions {
  /**
   * A 429 fails at once (an ApiError the caller shows) instead of waiting Retry-After: for
   * budgets counted in minutes or hours (password confirmations, data exports).
   */
  readonly noWait?: boolean;
  /** Extra request headers (an `Idempotency-Key`). */
  readonly headers?: Readonly<Record<string, string>>;
}

export interface Api {
  request<T>(method: string, path: string, body?: unknown, opts?: RequestOptions): Promise<T>;
  /** A file the server keeps for members (an attachment), with the bearer token. */
  blob(path: string): Promise<Blob>;
  /** The access token now (uploads send it themselves, to report progress). */
  token(): string | undefined;
  /** A valid access token (refreshed when the server said the last one expired). */
  refresh(): Promise<Session | null>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The routes that take no access token (or end it): a 401 there is an answer, not an expiry. */
const NO_REFRESH = /^\/api\/auth\/(?:signup|login|refresh|logout)(?:[/?]|$)/;

/** The contract's error body of an answer, as an ApiError (a body that is not one: its status text). */
export function errorFromBody(status: number, text: string, statusText: string): ApiError {
  try {
    const body = JSON.parse(text) as Partial<ErrorBodyT>;
    return new ApiError(
      status,
      isHttpErrorCode(body.error) ? body.error : 'ERROR',
      body.message ?? statusText,
    );
  } catch {
    return new ApiError(status, 'ERROR', statusText);
  }
}

async function toError(res: Response): Promise<ApiError> {
  return errorFromBody(res.status, await res.text().catch(() => ''), res.statusText);
}

export function createApi(holder: SessionHolder, opts: ApiOptions = {}): Api {
  let refreshing: Promise<Session | null> | null = null;
  const lock = opts.lock ?? ((fn) => fn());

  /** Holding the lock: adopt what another tab stored meanwhile, else rotate the tokens. */
  async function refreshLocked(): Promise<Session | null> {
    const current = holder.get();
    if (!current) return null;
    if (opts.stored) {
      const stored = await opts.stored();
      // Another tab signed out: this session is over here too.
      if (!stored) {
        holder.set(null);
        return null;
      }
      // Another tab signed in as someone else: its storage event switches this tab.
      if (stored.userId !== current.userId) return null;
      if (stored.refreshToken !== current.refreshToken) {
        holder.set(stored);
        return stored;
      }
    }
    const res = await fetch('/api/auth/refresh', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: current.refreshToken }),
    });
    if (!res.ok) {
      if (res.status === 401) holder.set(null);
      return null;
    }
    const next = fromAuth((await res.json()) as AuthResponse);
    holder.set(next);
    await opts.share?.(next);
    return next;
  }

  async function refresh(): Promise<Session | null> {
    refreshing ??= lock(refreshLocked).finally(() => {
      refreshing = null;
    });
    return refreshing;
  }

  async function request<T>(
    method: string,
    path: string,
    body: unknown,
    opts: RequestOptions,
    attempt = 0,
  ): Promise<T> {
    // A Blob (an image) goes as it is, typed by itself; anything else as JSON.
    const raw = typeof Blob !== 'undefined' && body instanceof Blob;
    const headers: Record<string, string> = { ...opts.headers };
    if (raw) headers['content-type'] = body.type || 'application/octet-stream';
    else if (body !== undefined) headers['content-type'] = 'application/json';
    const token = holder.get()?.token;
    if (token) headers.authorization = `Bearer ${token}`;
    const res = await fetch(path, {
      method,
      headers,
      body: raw ? body : body === undefined ? null : JSON.stringify(body),
    });
    if (res.status === 401 && token && attempt === 0 && !NO_REFRESH.test(path)) {
      // Tokens that changed meanwhile (a refresh here, or one another tab stored) are tried first.
      const fresh = holder.get()?.token !== token ? holder.get() : await refresh();
      if (fresh) return request<T>(method, path, body, opts, attempt + 1);
    }
    if (res.status === 429 && attempt < 2 && !opts.noWait) {
      const wait = Number(res.headers.get('retry-after') ?? '1');
      await sleep(Math.min(Number.isFinite(wait) ? wait : 1, 30) * 1000);
      return request<T>(method, path, body, opts, attempt + 1);
    }
    if (!res.ok) throw await toError(res);
    if (res.status === 204 || res.status === 202) return undefined as T;
    const text = await res.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  async function blob(path: string): Promise<Blob> {
    const get = () => {
      const token = holder.get()?.token;
      return fetch(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    };
    let res = await get();
    if (res.status === 401 && holder.get() && (await refresh())) res = await get();
    if (!res.ok) throw await toError(res);
    return res.blob();
  }

  return {
    request: (m, p, b, o = {}) => request(m, p, b, o),
    blob,
    token: () => holder.get()?.token,
    refresh,
  };
}
