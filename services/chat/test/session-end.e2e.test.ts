// An open STOMP session lives no longer than its access token: logout, revocation and expiry
// end it (ERROR with a code, then close), on whichever node holds it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type InProcessCluster, startInProcessCluster } from '@chat/testing';
import { allHistory, api, signup, startTestServer, type TestServer } from './harness.ts';
import { connectStomp, type TestStomp } from './stomp-client.ts';

/** The ERROR frame a session ended with, and its close. */
async function endedWith(conn: TestStomp, timeoutMs = 10_000): Promise<unknown> {
  const error = await conn.errors.find((e) => e.code === 'ERROR_FRAME', timeoutMs);
  const closed = await conn.closed.find(() => true, timeoutMs);
  assert.ok(closed.code >= 1000, 'the server closed the socket');
  return error.errorCode;
}

describe('STOMP sessions end with their token (embedded)', () => {
  let srv: TestServer;
  before(async () => {
    srv = await startTestServer();
  });
  after(async () => {
    await srv.stop();
  });

  test('logout over REST ends the session at once; a SEND after it is not stored', async () => {
    const [alice, bob] = [await signup(srv.url), await signup(srv.url)];
    const room = await api<{ id: number }>(srv.url, 'POST', '/api/rooms/group', alice.token, {
      name: 'logout',
      memberIds: [bob.userId],
    });
    const conn = await connectStomp(srv.url, alice.token);
    await conn.sendWithReceipt('/app/chat.send', { roomId: room.body.id, content: 'before logout' });
    assert.equal((await api(srv.url, 'POST', '/api/auth/logout', alice.token)).status, 204);
    assert.equal(await endedWith(conn, 2000), 'TOKEN_REVOKED');
    assert.throws(() => conn.send('/app/chat.send', { roomId: room.body.id, content: 'after logout' }));

    // Bob's message is accepted after any SEND of Alice's could have been: only hers before logout.
    const bobConn = await connectStomp(srv.url, bob.token);
    await bobConn.sendWithReceipt('/app/chat.send', { roomId: room.body.id, content: 'bob after' });
    await bobConn.close();
    const history = await allHistory(srv.url, bob, room.body.id);
    assert.deepEqual(
      history.map((m) => m.content),
      ['before logout', 'bob after'],
    );
  });

  test('a session ends when its access token expires', async () => {
    const shortLived = await startTestServer({ ACCESS_TOKEN_TTL_SEC: '3' });
    try {
      const user = await signup(shortLived.url);
      const conn = await connectStomp(shortLived.url, user.token);
      assert.equal(await endedWith(conn, 10_000), 'TOKEN_EXPIRED');
    } finally {
      await shortLived.stop();
    }
  });
});

describe('STOMP sessions end with their token (two in-process nodes)', () => {
  let cluster: InProcessCluster | undefined;
  const conns: TestStomp[] = [];
  after(async () => {
    await Promise.all(conns.map((c) => c.close().catch(() => undefined)));
    await cluster?.stop();
  });

  test('logout through node A ends the session held by node B', async () => {
    cluster = await startInProcessCluster({ nodes: 2 });
    const [a, b] = cluster.nodes as [TestServer, TestServer];
    const user = await signup(a.url);
    const conn = await connectStomp(b.url, user.token);
    conns.push(conn);
    assert.equal((await api(a.url, 'POST', '/api/auth/logout', user.token)).status, 204);
    assert.equal(await endedWith(conn, 3000), 'TOKEN_REVOKED');
  });
});
