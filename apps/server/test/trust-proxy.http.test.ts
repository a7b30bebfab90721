// TRUST_PROXY decides whose X-Forwarded-For names the client: per-address limits (the login and
// signup throttles, LOGIN_RATE_PER_MIN=2 per address; the WebSocket upgrade's chat bucket, burst
// 2 per address) must not be dodged by a forged header, and must see the real client behind a
// trusted proxy. The upgrade is read from the raw request, apart from Fastify's `req.ip`: it
// follows the same trust rules.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { describe, test } from 'node:test';
import { buildUser, startTestServer, type TestServer } from '@chat/testing';
import { WebSocket } from 'ws';

const ACCOUNT = { email: 'throttled@example.com', password: 'wrong-password-1' };

/** Login attempts with each X-Forwarded-For value, in order; their statuses. */
async function logins(server: TestServer, forwardedFor: readonly string[]): Promise<number[]> {
  const statuses: number[] = [];
  for (const xff of forwardedFor) {
    const res = await server.api.post('/api/auth/login', ACCOUNT, { headers: { 'x-forwarded-for': xff } });
    statuses.push(res.status);
  }
  return statuses;
}

/** Signups of new accounts with each X-Forwarded-For value, in order; their statuses. */
async function signups(server: TestServer, forwardedFor: readonly string[]): Promise<number[]> {
  const statuses: number[] = [];
  for (const xff of forwardedFor) {
    const res = await server.api.post('/api/auth/signup', buildUser(), {
      headers: { 'x-forwarded-for': xff },
    });
    statuses.push(res.status);
  }
  return statuses;
}

/** WebSocket upgrades to /ws with each X-Forwarded-For value, in order: 101, or the refusal's status. */
async function upgrades(server: TestServer, forwardedFor: readonly string[]): Promise<number[]> {
  const statuses: number[] = [];
  for (const xff of forwardedFor) {
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/ws`, ['v12.stomp'], {
      headers: { 'x-forwarded-for': xff },
    });
    const outcome = await Promise.race([
      once(ws, 'open').then(() => 101),
      once(ws, 'unexpected-response').then(([, res]) => (res as { statusCode: number }).statusCode),
    ]);
    ws.terminate();
    statuses.push(outcome);
  }
  return statuses;
}

async function withServer(trustProxy: string | undefined, run: (s: TestServer) => Promise<void>) {
  const server = await startTestServer({
    env: {
      LOGIN_RATE_PER_MIN: '2',
      GATEWAY_LIMIT_CHAT: '0.01/2',
      ...(trustProxy !== undefined && { TRUST_PROXY: trustProxy }),
    },
  });
  try {
    await run(server);
  } finally {
    await server.stop();
  }
}

describe('TRUST_PROXY', () => {
  test('off (the default): a forged X-Forwarded-For is ignored, every attempt spends the socket address', () =>
    withServer(undefined, async (server) => {
      const forged = ['1.1.1.1', '2.2.2.2', '3.3.3.3'];
      assert.deepEqual(await logins(server, forged), [401, 401, 429]);
      assert.deepEqual(await signups(server, forged), [201, 201, 429]);
      assert.deepEqual(await upgrades(server, forged), [101, 101, 429]);
    }));

  test('a trusted proxy in front: each client address behind it has its own budget', () =>
    withServer('127.0.0.1', async (server) => {
      assert.deepEqual(
        await logins(server, ['1.1.1.1', '2.2.2.2', '1.1.1.1', '2.2.2.2']),
        [401, 401, 401, 401],
      );
      assert.deepEqual(await logins(server, ['1.1.1.1', '2.2.2.2']), [429, 429]);
      assert.deepEqual(await signups(server, ['1.1.1.1', '2.2.2.2', '3.3.3.3']), [201, 201, 201]);
      assert.deepEqual(await upgrades(server, ['1.1.1.1', '2.2.2.2', '3.3.3.3']), [101, 101, 101]);
    }));

  test('a hop count trusts only that many proxies: a client cannot pick its address by prepending', () =>
    withServer('1', async (server) => {
      // The proxy appends the address it saw (1.2.3.4); what the client wrote before it is not trusted.
      const chains = ['6.6.6.6, 1.2.3.4', '7.7.7.7, 1.2.3.4', '8.8.8.8, 1.2.3.4'];
      assert.deepEqual(await logins(server, chains), [401, 401, 429]);
      assert.deepEqual(await logins(server, ['1.2.3.5']), [401], 'another client behind the proxy');
      assert.deepEqual(await signups(server, chains), [201, 201, 429]);
      assert.deepEqual(await upgrades(server, chains), [101, 101, 429]);
      assert.deepEqual(await upgrades(server, ['1.2.3.5']), [101], 'another client behind the proxy');
    }));
});
