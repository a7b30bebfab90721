import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { skipUnless } from '@chat/platform/testing';
import {
  createRealBackend,
  type RealBackend,
  type SpawnedServer,
  startHealthyServer,
  stopServer,
} from '@chat/testing';
import { api, signup, type TestUser } from './harness.ts';
import { connectStomp, type TestStomp } from './stomp-client.ts';

interface PresenceEvent {
  userId: number;
  status: 'ONLINE' | 'OFFLINE';
  timestamp: number;
}

const PRESENCE_TTL_MS = 3000;

const skip = await skipUnless(
  'chat presence: kill -9 of a node on PostgreSQL + Redis + NATS',
  'postgres',
  'redis',
  'nats',
);

const is = (user: TestUser, status: PresenceEvent['status']) => (e: PresenceEvent) =>
  e.userId === user.userId && e.status === status;

describe('presence when a node dies (two nodes, PostgreSQL, Redis, NATS)', { skip }, () => {
  let backend: RealBackend;
  const nodes: SpawnedServer[] = [];
  const conns: TestStomp[] = [];

  before(async () => {
    backend = await createRealBackend();
    const env = {
      ...backend.env,
      JWT_SECRET: randomBytes(32).toString('hex'),
      LOG_PARTITIONS: '4',
      PRESENCE_TTL_MS: String(PRESENCE_TTL_MS),
    };
    nodes.push(await startHealthyServer(env), await startHealthyServer(env));
  });
  after(async () => {
    await Promise.all(conns.map((c) => c.close().catch(() => undefined)));
    await Promise.all(nodes.map(stopServer));
    await backend?.cleanup();
  });

  test("a user whose only node is killed goes OFFLINE within the TTL; another's tab elsewhere keeps them ONLINE", async () => {
    const [n1, n2] = nodes as [SpawnedServer, SpawnedServer];
    const [w, x, y] = await Promise.all(['watcher', 'only-on-2', 'on-both'].map((n) => signup(n1.url, n)));
    const created = await api<{ id: number }>(n1.url, 'POST', '/api/rooms/group', w!.token, {
      name: 'survivors',
      memberIds: [x!.userId, y!.userId],
    });
    assert.equal(created.status, 201);
    const online = `/api/rooms/${created.body.id}/members/online`;

    const cw = await connectStomp(n1.url, w!.token);
    conns.push(cw);
    const events = await cw.subscribe<PresenceEvent>('/topic/presence');
    const cx = await connectStomp(n2.url, x!.token);
    const cy1 = await connectStomp(n1.url, y!.token);
    const cy2 = await connectStomp(n2.url, y!.token);
    conns.push(cx, cy1, cy2);
    await events.find(is(x!, 'ONLINE'));
    await events.find(is(y!, 'ONLINE'));
    const everyone = [w!, x!, y!].map((u) => u.userId).sort((a, b) => a - b);
    assert.deepEqual((await api<number[]>(n1.url, 'GET', online, w!.token)).body, everyone);

    const killedAt = Date.now();
    n2.child.kill('SIGKILL');
    await n2.exited;
    await events.find(is(x!, 'OFFLINE'), PRESENCE_TTL_MS + 5000);
    const elapsed = Date.now() - killedAt;
    assert.ok(elapsed <= PRESENCE_TTL_MS, `OFFLINE ${elapsed} ms after the kill`);
    const left = [w!, y!].map((u) => u.userId).sort((a, b) => a - b);
    assert.deepEqual((await api<number[]>(n1.url, 'GET', online, w!.token)).body, left);

    // y's tab on node 1 kept y online; closing it is y's one and only OFFLINE.
    await cy1.close();
    await events.find(is(y!, 'OFFLINE'));
    assert.deepEqual(
      events.items.filter((e) => e.userId === y!.userId).map((e) => e.status),
      ['ONLINE', 'OFFLINE'],
    );
    assert.deepEqual(
      events.items.filter((e) => e.userId === x!.userId).map((e) => e.status),
      ['ONLINE', 'OFFLINE'],
    );
  });
});
