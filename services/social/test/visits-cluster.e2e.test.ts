// Visitor counts in embedded mode across two nodes: two servers in one process sharing one
// embedded infrastructure (one PGlite database, cache, pub/sub and log), as a deployment of
// several embedded nodes would; rooms.e2e.test.ts does the same on PostgreSQL with two
// processes' worth of nodes.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { type InProcessCluster, signup, startInProcessCluster, type TestServer } from '@chat/testing';
import { myRoom, ROOMS_SUITE_ENV, signupMany } from './rooms-fixtures.ts';

describe('social: visitor counts on two embedded nodes', () => {
  let cluster: InProcessCluster | undefined;
  after(async () => {
    await cluster?.stop();
  });

  test('200 concurrent visits from 50 users over both nodes count 50 today and 50 in total', async () => {
    cluster = await startInProcessCluster({ nodes: 2, env: ROOMS_SUITE_ENV });
    const [n1, n2] = cluster.nodes as [TestServer, TestServer];
    const owner = await signup(n1.api);
    await myRoom(n1.api, owner);
    const visitors = await signupMany(n2.api, 50, signup);

    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        (i % 2 === 0 ? n1 : n2).api.get(`/api/social/users/${owner.userId}/room`, {
          token: visitors[Math.floor(i / 4)]!.token,
        }),
      ),
    );
    assert.deepEqual(
      results.map((r) => r.status),
      Array(200).fill(200),
    );
    assert.deepEqual((await myRoom(n2.api, owner)).visitors, { today: 50, total: 50 });
    const again = await n1.api.get(`/api/social/users/${owner.userId}/room`, { token: visitors[3]!.token });
    assert.deepEqual(again.body.visitors, { today: 50, total: 50 }, 'a repeat visit the same day');
  });
});
