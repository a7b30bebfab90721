import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { skipUnless } from '@chat/platform/testing';
import {
  allHistory,
  ChatClient,
  type ChatNode,
  Cluster,
  checkHistory,
  checkLive,
  type Message,
  persisted,
  roomPerPartition,
  signup,
  startTraffic,
} from './cluster.ts';
import type { Collector } from './stomp-client.ts';

const skip = await skipUnless(
  'chat: graceful shutdown under load on PostgreSQL + Redis + NATS',
  'postgres',
  'redis',
  'nats',
);

const PARTITIONS = 6;
/** Long, so that a takeover by lease expiry could not pass for a takeover by release. */
const LEASE_TTL_MS = 15_000;
const SHUTDOWN_TIMEOUT_MS = 10_000;
const USERS = 6;
const PACING_MS = 60;

/** What one client saw of one room: live before the close, caught up, live after. */
interface RoomView {
  before: Collector<Message>;
  caughtUp: Message[];
  after?: Collector<Message>;
}

describe('graceful shutdown of a chat node under load', { skip }, () => {
  let cluster: Cluster | undefined;
  const clients: ChatClient[] = [];

  after(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await cluster?.cleanup();
  });

  test('SIGTERM: clients move on 1012 and catch up, nothing receipted is lost, partitions move at once', async (t) => {
    cluster = await Cluster.create({
      partitions: PARTITIONS,
      env: {
        LOG_LEASE_TTL_MS: String(LEASE_TTL_MS),
        SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS),
      },
    });
    const c = cluster;
    await c.diagnose(t, async () => {
      const [a, b] = (await Promise.all(['a', 'b'].map((name) => c.startNode(name)))) as [ChatNode, ChatNode];
      await c.balancedOver([a, b]);

      const users = await Promise.all(Array.from({ length: USERS }, (_, i) => signup(a.url, `stop${i}`)));
      const rooms = await roomPerPartition(a.url, users[0]!, users.slice(1), PARTITIONS);

      const views = new Map<ChatClient, Map<number, RoomView>>();
      // After a close: subscribe again first, then fetch what was missed since the last seq seen
      // live; the client drops seqs it already has (the usual afterSeq catch-up).
      const resume = async (client: ChatClient) => {
        for (const [roomId, view] of views.get(client)!) {
          view.after = await client.stomp.subscribe<Message>(`/topic/room.${roomId}`);
          view.caughtUp = await allHistory(
            client.node.url,
            client.user,
            roomId,
            view.before.items.at(-1)?.seq ?? 0,
          );
        }
      };
      for (const [i, user] of users.entries()) {
        const client = new ChatClient(user, () => a, resume);
        await client.connect(i % 2 === 0 ? a : b);
        clients.push(client);
        const view = new Map<number, RoomView>();
        for (const roomId of rooms) {
          view.set(roomId, {
            before: await client.stomp.subscribe<Message>(`/topic/room.${roomId}`),
            caughtUp: [],
          });
        }
        views.set(client, view);
      }

      const traffic = startTraffic(clients, rooms, PACING_MS);
      await traffic.more(150);

      const signalledAt = Date.now();
      b.server.child.kill('SIGTERM');
      const [exit, takeover] = await Promise.all([
        b.server.exited.then((code) => ({ code, ms: Date.now() - signalledAt })),
        c.balancedOver([a], LEASE_TTL_MS * 2).then(() => Date.now() - signalledAt),
      ]);
      t.diagnostic(
        `node exited with ${exit.code} ${exit.ms} ms after SIGTERM; partitions taken over after ${takeover} ms`,
      );
      assert.equal(exit.code, 0, `exit code 0 (stderr: ${b.server.stderr().slice(-2000)})`);
      assert.ok(exit.ms < SHUTDOWN_TIMEOUT_MS, `exited within SHUTDOWN_TIMEOUT_MS (${exit.ms} ms)`);
      assert.ok(
        takeover < LEASE_TTL_MS / 2,
        `partitions taken over on release, not on lease expiry (${takeover} ms, lease TTL ${LEASE_TTL_MS} ms)`,
      );

      await traffic.more(100);
      const receipted = await traffic.stop();
      t.diagnostic(`${receipted.size} messages receipted in ${rooms.length} rooms`);

      await persisted(a.url, users[0]!, rooms, receipted);
      const histories = await checkHistory(a.url, users[0]!, rooms, receipted);

      for (const [i, client] of clients.entries()) {
        const who = client.user.nickname;
        const view = views.get(client)!;
        if (i % 2 === 0) {
          assert.deepEqual(client.closes, [], `${who} stayed connected`);
          for (const roomId of rooms)
            await checkLive(who, roomId, view.get(roomId)!.before, histories.get(roomId)!);
          continue;
        }
        assert.deepEqual(
          client.closes.map((e) => e.code),
          [1012],
          `${who} was closed once with 1012 (service restart)`,
        );
        assert.equal(client.node, a, `${who} reconnected to the other node`);
        for (const roomId of rooms) {
          const history = histories.get(roomId)!;
          const { before, caughtUp, after: afterClose } = view.get(roomId)!;
          assert.ok(afterClose, `${who} resubscribed to room ${roomId}`);
          assert.deepEqual(
            before.items.map((m) => m.seq),
            Array.from({ length: before.items.length }, (_, k) => k + 1),
            `${who}, room ${roomId}: live before the close is each message once, in order`,
          );
          // Wait for the tail of the room live (unless the catch-up had it already), then join
          // the three parts as a client would.
          const lastSeq = history.at(-1)!.seq;
          if ((caughtUp.at(-1)?.seq ?? 0) < lastSeq) await afterClose.find((m) => m.seq >= lastSeq, 30_000);
          const joined = [...before.items, ...caughtUp];
          for (const m of afterClose.items) if (m.seq > (joined.at(-1)?.seq ?? 0)) joined.push(m);
          assert.deepEqual(
            joined.map((m) => m.id),
            history.map((m) => m.id),
            `${who}, room ${roomId}: live before + catch-up + live after = history`,
          );
          assert.deepEqual(
            afterClose.items.map((m) => m.seq),
            Array.from({ length: afterClose.items.length }, (_, k) => (afterClose.items[0]?.seq ?? 0) + k),
            `${who}, room ${roomId}: live after the reconnect is each message once, in order`,
          );
        }
      }
    });
  });
});
