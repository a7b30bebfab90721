import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { type ApiError, createApi, type RefreshLock } from './http.ts';
import { onStoredSession, type Session } from './session.ts';

const session = (n: number): Session => ({
  token: `access-${n}`,
  refreshToken: `refresh-${n}`,
  userId: 1,
  email: 'a@example.com',
  nickname: '에이',
});

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

function holder(initial: Session | null) {
  const h = {
    current: initial,
    get: () => h.current,
    set: (s: Session | null) => {
      h.current = s;
    },
  };
  return h;
}

const realFetch = globalThis.fetch;
afterEach(() => {
  globalThis.fetch = realFetch;
});

describe('http client', () => {
  it('refreshes an expired access token once, silently, for concurrent calls, and retries', async () => {
    let refreshes = 0;
    globalThis.fetch = (async (url: string, init: RequestInit) => {
      if (url === '/api/auth/refresh') {
        refreshes++;
        assert.deepEqual(JSON.parse(String(init.body)), { refreshToken: 'refresh-1' });
        return json(200, { ...session(2), tokenType: 'Bearer', expiresIn: 60, role: 'ROLE_USER' });
      }
      const auth = (init.headers as Record<string, string>).authorization;
      return auth === 'Bearer access-2'
        ? json(200, { ok: url })
        : json(401, { error: 'UNAUTHORIZED', message: 'x' });
    }) as typeof fetch;
    const h = holder(session(1));
    const api = createApi(h);
    const [a, b] = await Promise.all([api.request('GET', '/api/rooms'), api.request('GET', '/api/users/me')]);
    assert.deepEqual([a, b], [{ ok: '/api/rooms' }, { ok: '/api/users/me' }]);
    assert.equal(refreshes, 1, 'one refresh for both calls (a second would reuse a rotated token)');
    assert.equal(h.current?.refreshToken, 'refresh-2');
  });

  it('signs out when the refresh token is rejected', async () => {
    globalThis.fetch = (async (url: string) =>
      url === '/api/auth/refresh'
        ? json(401, { error: 'UNAUTHORIZED', message: 'revoked' })
        : json(401, { error: 'UNAUTHORIZED', message: 'expired' })) as typeof fetch;
    const h = holder(session(1));
    await assert.rejects(createApi(h).request('GET', '/api/rooms'), (e: ApiError) => e.status === 401);
    assert.equal(h.current, null);
  });

  it('turns the contract error body into an ApiError with its code and message', async () => {
    globalThis.fetch = (async () =>
      json(409, {
        status: 409,
        error: 'CONFLICT',
        message: 'email taken',
        path: '/',
        timestamp: '',
      })) as typeof fetch;
    await assert.rejects(createApi(holder(null)).request('POST', '/api/auth/signup', {}), (e: ApiError) => {
      assert.equal(e.code, 'CONFLICT');
      assert.equal(e.message, 'email taken');
      return true;
    });
  });

  it('refreshes on a 401 of the signed-in auth routes (password, sessions), never of login or logout', async () => {
    const calls: string[] = [];
    globalThis.fetch = (async (url: string, init: RequestInit) => {
      calls.push(url);
      if (url === '/api/auth/refresh') {
        return json(200, { ...session(2), tokenType: 'Bearer', expiresIn: 60, role: 'ROLE_USER' });
      }
      const auth = (init.headers as Record<string, string>).authorization;
      return auth === 'Bearer access-2' ? json(200, []) : json(401, { error: 'UNAUTHORIZED', message: 'x' });
    }) as typeof fetch;
    assert.deepEqual(await createApi(holder(session(1))).request('GET', '/api/auth/sessions'), []);
    assert.deepEqual(calls, ['/api/auth/sessions', '/api/auth/refresh', '/api/auth/sessions']);
    calls.length = 0;
    await assert.rejects(createApi(holder(session(1))).request('POST', '/api/auth/logout'));
    assert.deepEqual(calls, ['/api/auth/logout']);
  });

  it('with noWait a 429 fails at once with its ApiError (budgets of minutes or hours)', async () => {
    let calls = 0;
    globalThis.fetch = (async () => {
      calls++;
      return json(429, { error: 'TOO_MANY_REQUESTS', message: 'slow down' }, { 'retry-after': '3600' });
    }) as typeof fetch;
    const started = Date.now();
    await assert.rejects(
      createApi(holder(session(1))).request('GET', '/api/rooms/export', undefined, { noWait: true }),
      (e: ApiError) => e.status === 429 && e.code === 'TOO_MANY_REQUESTS',
    );
    assert.equal(calls, 1);
    assert.ok(Date.now() - started < 1000);
  });

  it('waits Retry-After on a 429 and then gets through', async () => {
    let calls = 0;
    globalThis.fetch = (async () =>
      ++calls === 1
        ? json(429, { error: 'TOO_MANY_REQUESTS', message: 'slow down' }, { 'retry-after': '0' })
        : json(200, [])) as typeof fetch;
    assert.deepEqual(await createApi(holder(session(1))).request('GET', '/api/rooms'), []);
    assert.equal(calls, 2);
  });

  it('sends extra headers (an Idempotency-Key) and a Blob as it is, typed by itself', async () => {
    const seen: { headers: Record<string, string>; body: unknown }[] = [];
    globalThis.fetch = (async (_url: string, init: RequestInit) => {
      seen.push({ headers: init.headers as Record<string, string>, body: init.body });
      return json(201, { id: 1 });
    }) as typeof fetch;
    const api = createApi(holder(session(1)));
    await api.request(
      'POST',
      '/api/store/orders',
      { itemId: 1 },
      { headers: { 'idempotency-key': 'k-12345678' } },
    );
    const image = new Blob([new Uint8Array([1, 2, 3])], { type: 'image/png' });
    await api.request('PUT', '/api/store/admin/items/1/emoticons/0/image', image);
    assert.equal(seen[0]?.headers['idempotency-key'], 'k-12345678');
    assert.equal(seen[0]?.headers['content-type'], 'application/json');
    assert.equal(seen[0]?.body, '{"itemId":1}');
    assert.equal(seen[1]?.headers['content-type'], 'image/png');
    assert.equal(seen[1]?.body, image);
  });
});

/** A lock like `navigator.locks.request(name, fn)`: one holder at a time, in request order. */
function mutex(): RefreshLock {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(fn: () => Promise<T>) => {
    const run = tail.then(fn);
    tail = run.catch(() => undefined);
    return run;
  };
}

/**
 * The auth server's rotation: one valid refresh token per session; presenting an older one
 * is taken as theft and revokes the session. The tabs' first access token has expired.
 */
function rotatingServer() {
  const server = { generation: 1, revoked: false, refreshes: 0 };
  globalThis.fetch = (async (url: string, init: RequestInit) => {
    if (url === '/api/auth/refresh') {
      server.refreshes++;
      const presented = (JSON.parse(String(init.body)) as { refreshToken: string }).refreshToken;
      if (server.revoked || presented !== `refresh-${server.generation}`) {
        server.revoked = true;
        return json(401, { error: 'UNAUTHORIZED', message: 'refresh token reused' });
      }
      server.generation++;
      return json(200, {
        ...session(server.generation),
        tokenType: 'Bearer',
        expiresIn: 60,
        role: 'ROLE_USER',
      });
    }
    const auth = (init.headers as Record<string, string>).authorization;
    return !server.revoked && server.generation > 1 && auth === `Bearer access-${server.generation}`
      ? json(200, { ok: true })
      : json(401, { error: 'UNAUTHORIZED', message: 'expired' });
  }) as typeof fetch;
  return server;
}

describe('http client, two tabs', () => {
  /** Two tabs of one browser: own memory, one localStorage, one lock. */
  function tabs(shared: { lock?: RefreshLock; stored: boolean }) {
    const storage = { session: session(1) as Session | null };
    const tab = () => {
      const h = holder(session(1));
      const set = h.set;
      h.set = (s) => {
        set(s);
        storage.session = s;
      };
      const api = createApi(h, {
        ...(shared.lock ? { lock: shared.lock } : {}),
        ...(shared.stored ? { stored: () => storage.session } : {}),
      });
      return { h, api };
    };
    return { storage, one: tab(), two: tab() };
  }

  it('refresh at once in both: one rotation, the other tab adopts it, both keep working', async () => {
    const server = rotatingServer();
    const { storage, one, two } = tabs({ lock: mutex(), stored: true });
    const answers = await Promise.all([
      one.api.request('GET', '/api/rooms'),
      two.api.request('GET', '/api/rooms'),
    ]);
    assert.deepEqual(answers, [{ ok: true }, { ok: true }]);
    assert.equal(server.refreshes, 1);
    assert.equal(server.revoked, false);
    assert.equal(one.h.current?.token, 'access-2');
    assert.equal(two.h.current?.token, 'access-2');
    assert.equal(storage.session?.refreshToken, 'refresh-2');
  });

  it('without the shared lock the second tab reuses the rotated token and the session is revoked', async () => {
    const server = rotatingServer();
    const { one, two } = tabs({ stored: false });
    const outcomes = await Promise.allSettled([
      one.api.request('GET', '/api/rooms'),
      two.api.request('GET', '/api/rooms'),
    ]);
    assert.equal(server.revoked, true, 'the hazard the lock exists for');
    assert.ok(outcomes.some((o) => o.status === 'rejected'));
  });

  it('a tab whose session another tab signed out signs out without presenting the old token', async () => {
    const server = rotatingServer();
    const { storage, one } = tabs({ lock: mutex(), stored: true });
    storage.session = null;
    await assert.rejects(one.api.request('GET', '/api/rooms'), (e: ApiError) => e.status === 401);
    assert.equal(one.h.current, null);
    assert.equal(server.refreshes, 0);
  });
});

describe('session storage events', () => {
  it("hands over another tab's stored session, and its sign-out; ignores other keys", () => {
    const target = new EventTarget();
    const heard: (Session | null)[] = [];
    const off = onStoredSession((s) => heard.push(s), target as unknown as Window);
    const storageEvent = (key: string | null, newValue: string | null) =>
      Object.assign(new Event('storage'), { key, newValue });
    target.dispatchEvent(storageEvent('chat.lang', 'en'));
    target.dispatchEvent(storageEvent('chat.session', JSON.stringify(session(3))));
    target.dispatchEvent(storageEvent('chat.session', null));
    off();
    target.dispatchEvent(storageEvent('chat.session', JSON.stringify(session(4))));
    assert.deepEqual(heard, [session(3), null]);
  });
});
