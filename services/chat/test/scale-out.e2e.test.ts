import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { skipUnless } from '@chat/platform/testing';
import {
  ChatClient,
  type ChatNode,
  Cluster,
  checkHistory,
  checkLive,
  type Message,
  metric,
  persisted,
  roomPerPartition,
  signup,
  startTraffic,
} from './cluster.ts';
import type { Collector } from './stomp-client.ts';

const skip = await skipUnless(
  'chat: scale-out over chat nodes on PostgreSQL + Redis + NATS',
  'postgres',
  'redis',
  'nats',
);

const PARTITIONS = 6;
const LEASE_TTL_MS = 2000;
const USERS = 9;
const PACING_MS = 50;

describe('scale-out: the log partitions follow the chat nodes', { skip }, () => {
  let cluster: Cluster | undefined;
  const clients: ChatClient[] = [];

  after(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await cluster?.cleanup();
  });

  test('three nodes under load, one killed, a fourth joins: nothing lost or doubled, rooms stay in order', async (t) => {
    cluster = await Cluster.create({
      partitions: PARTITIONS,
      env: { LOG_LEASE_TTL_MS: String(LEASE_TTL_MS) },
    });
    const c = cluster;
    await c.diagnose(t, async () => {
      const started = Date.now();
      const [n1, n2, n3] = (await Promise.all(['n1', 'n2', 'n3'].map((name) => c.startNode(name)))) as [
        ChatNode,
        ChatNode,
        ChatNode,
      ];
      const firstBalance = await c.balancedOver([n1, n2, n3]);
      t.diagnostic(
        `3 nodes up in ${Date.now() - started} ms, partitions balanced after ${firstBalance} ms more`,
      );

      const users = await Promise.all(Array.from({ length: USERS }, (_, i) => signup(n1.url, `scale${i}`)));
      const rooms = await roomPerPartition(n1.url, users[0]!, users.slice(1), PARTITIONS);

      // Clients spread over the nodes; each subscribes to every room and sends to them in turn.
      // A client of a dead node reconnects to a live one (round robin) and resends.
      let turn = 0;
      const pickLive = () => {
        const live = c.alive();
        return live[turn++ % live.length]!;
      };
      const live = new Map<ChatClient, Map<number, Collector<Message>>>();
      const home = [n1, n2, n3];
      for (const [i, user] of users.entries()) {
        const client = new ChatClient(user, pickLive);
        await client.connect(home[i % home.length]!);
        clients.push(client);
        const subs = new Map<number, Collector<Message>>();
        for (const roomId of rooms)
          subs.set(roomId, await client.stomp.subscribe<Message>(`/topic/room.${roomId}`));
        live.set(client, subs);
      }

      const traffic = startTraffic(clients, rooms, PACING_MS);
      await traffic.more(150);

      // kill -9 of a node: its partitions move to the two others once its leases expire.
      const killedAt = Date.now();
      n3.server.child.kill('SIGKILL');
      await n3.server.exited;
      await c.balancedOver([n1, n2], 10 * LEASE_TTL_MS);
      t.diagnostic(
        `partitions of the killed node taken over ${Date.now() - killedAt} ms after SIGKILL (lease TTL ${LEASE_TTL_MS} ms)`,
      );
      await traffic.more(100);

      // A fourth node joins: the others hand partitions over to it.
      const n4 = await c.startNode('n4');
      const rebalance = await c.balancedOver([n1, n2, n4], 10 * LEASE_TTL_MS);
      t.diagnostic(`rebalanced onto the new node ${rebalance} ms after it was healthy`);
      const consumedBefore = await metric(n4, 'chat_messages_consumed_total');
      await traffic.more(150);
      const receipted = await traffic.stop();
      t.diagnostic(`${receipted.size} messages receipted in ${rooms.length} rooms`);

      await persisted(n1.url, users[0]!, rooms, receipted);
      const histories = await checkHistory(n1.url, users[0]!, rooms, receipted);

      // Clients of the killed node lost their socket once and went on elsewhere; the others
      // stayed connected and got every message of every room once, in order.
      for (const [i, client] of clients.entries()) {
        if (i % home.length === 2) {
          assert.equal(client.closes.length, 1, `${client.user.nickname} reconnected once`);
          assert.notEqual(client.node, n3);
          continue;
        }
        assert.deepEqual(client.closes, [], `${client.user.nickname} stayed connected`);
        for (const roomId of rooms) {
          await checkLive(
            client.user.nickname,
            roomId,
            live.get(client)!.get(roomId)!,
            histories.get(roomId)!,
          );
        }
      }

      // The new node really consumed: its persistence consumer stored messages.
      const consumed = await metric(n4, 'chat_messages_consumed_total');
      assert.ok(
        consumed > consumedBefore,
        `the new node persisted messages (${consumedBefore} -> ${consumed})`,
      );
      const leases = await c.leases();
      assert.ok(
        leases.every((l) => l.pid !== n3.pid),
        'no partition is left with the killed node',
      );
    });
  });
});
