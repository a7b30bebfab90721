// The WebSocket endpoint's answers to requests that are not a STOMP upgrade: a plain GET of
// /ws gets the contract's 400 saying how to connect (not the 404 of an unknown path), and an
// upgrade of a path no service takes gets an HTTP 404 with the same error body (not a socket
// dropped without a word).
import assert from 'node:assert/strict';
import { once } from 'node:events';
import type { IncomingMessage } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer } from '@chat/testing';
import { WebSocket } from 'ws';

/** An upgrade of `path`: 101 when it opened, or the HTTP answer's status and JSON body. */
async function upgrade(
  server: TestServer,
  path: string,
  protocols = ['v12.stomp'],
): Promise<{ status: number; body?: unknown }> {
  const ws = new WebSocket(`${server.url.replace('http', 'ws')}${path}`, protocols);
  ws.on('error', () => undefined);
  try {
    return await Promise.race([
      once(ws, 'open').then(() => ({ status: 101 })),
      once(ws, 'unexpected-response').then(async ([, res]) => {
        const response = res as IncomingMessage;
        let text = '';
        for await (const chunk of response) text += String(chunk);
        return { status: response.statusCode ?? 0, body: JSON.parse(text) as unknown };
      }),
    ]);
  } finally {
    ws.terminate();
  }
}

describe('the WebSocket endpoint, asked otherwise', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.stop());

  test('GET /ws without an upgrade: 400 in the contract shape, saying what to send', async () => {
    for (const path of ['/ws', '/ws?token=x']) {
      const res = await fetch(`${server.url}${path}`);
      assert.equal(res.status, 400, path);
      const body = (await res.json()) as Record<string, unknown>;
      assert.equal(body.error, 'BAD_REQUEST');
      assert.equal(body.path, '/ws');
      assert.match(String(body.message), /Upgrade: websocket/);
    }
  });

  test('an upgrade of an unknown path: HTTP 404 with the error body; /ws itself still opens', async () => {
    for (const path of ['/wss', '/ws/extra', '/api/rooms']) {
      const res = await upgrade(server, path);
      assert.equal(res.status, 404, path);
      assert.deepEqual(
        { ...(res.body as Record<string, unknown>), timestamp: undefined, message: undefined },
        { status: 404, error: 'NOT_FOUND', path, timestamp: undefined, message: undefined },
      );
    }
    assert.equal((await upgrade(server, '/ws')).status, 101);
    // SockJS's WebSocket transports under /ws are taken too (SockJS names no subprotocol).
    assert.equal((await upgrade(server, '/ws/123/abcdefgh/websocket', [])).status, 101);
    assert.equal((await upgrade(server, '/ws/websocket', [])).status, 101);
  });
});
