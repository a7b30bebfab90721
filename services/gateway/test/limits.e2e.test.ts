// The gateway's rules in the all-in-one process (the default `npm start`): the same per-client
// buckets per route group as a gateway in front of split services.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { after, before, describe, test } from 'node:test';
import { type SignedUp, signup, startTestServer, type TestServer } from '@chat/testing';
import { WebSocket } from 'ws';

describe('gateway limits in the all-in-one process', () => {
  let server: TestServer;
  let alice: SignedUp;
  let bob: SignedUp;

  before(async () => {
    server = await startTestServer({
      env: { GATEWAY_LIMIT_USERS: '0.01/3', GATEWAY_LIMIT_AUTH: '1000/1000', GATEWAY_LIMIT_CHAT: '0.01/2' },
    });
    alice = await signup(server.api);
    bob = await signup(server.api);
  });
  after(() => server?.stop());

  test('each user has a bucket per route group: remaining counts down, then 429 with Retry-After', async () => {
    const remaining: (string | null)[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await server.api.get('/api/users/me', { token: alice.token });
      assert.equal(res.status, 200);
      remaining.push(res.headers.get('x-ratelimit-remaining'));
    }
    assert.deepEqual(remaining, ['2', '1', '0']);
    const limited = await server.api.get('/api/users/me', { token: alice.token });
    assert.equal(limited.status, 429);
    assert.equal(limited.body.error, 'TOO_MANY_REQUESTS');
    assert.equal(limited.headers.get('x-ratelimit-remaining'), '0');
    assert.ok(Number(limited.headers.get('retry-after')) >= 1);

    const other = await server.api.get('/api/users/me', { token: bob.token });
    assert.equal(other.status, 200, "another user's budget is untouched");
    assert.equal(other.headers.get('x-ratelimit-remaining'), '2');
  });

  test('a request without a valid token spends the budget of its address, not of a user', async () => {
    const forged = `${bob.token.slice(0, -4)}AAAA`;
    const seen: number[] = [];
    for (let i = 0; i < 4; i++) seen.push((await server.api.get('/api/users/me', { token: forged })).status);
    assert.deepEqual(seen, [401, 401, 401, 429]);
    const bobs = await server.api.get('/api/users/me', { token: bob.token });
    assert.equal(bobs.status, 200, "bob's own bucket was not spent by the forged token");
  });

  test('an encoded path reaching a routed group spends the same bucket', async () => {
    const carol = await signup(server.api);
    const statuses: number[] = [];
    for (const path of ['/api/users/me', '/api/%75sers/me', '/api/user%73/me', '/api/users/me']) {
      statuses.push((await server.api.get(path, { token: carol.token })).status);
    }
    assert.deepEqual(statuses, [200, 200, 200, 429]);
  });

  test('routes outside the route table are not limited', async () => {
    for (let i = 0; i < 5; i++) {
      const res = await server.api.get('/actuator/health');
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('x-ratelimit-remaining'), null);
    }
  });

  test('WebSocket upgrades spend the chat budget of the address: over it, 429 before the handshake', async () => {
    const url = `${server.url.replace('http', 'ws')}/ws`;
    for (let i = 0; i < 2; i++) {
      const ws = new WebSocket(url, ['v12.stomp']);
      await once(ws, 'open');
      ws.close();
    }
    const refused = new WebSocket(url, ['v12.stomp']);
    const [, res] = (await once(refused, 'unexpected-response')) as [
      unknown,
      { statusCode: number; headers: Record<string, string> },
    ];
    assert.equal(res.statusCode, 429);
    assert.ok(Number(res.headers['retry-after']) >= 1);
  });
});
