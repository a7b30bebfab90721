import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { skipUnless } from '@chat/platform/testing';
import type { IFrame } from '@stomp/stompjs';
import { allHistory, type ChatNode, Cluster, signup, stopNode, waitFor } from './cluster.ts';
import { api } from './harness.ts';
import { connectStomp, type TestStomp } from './stomp-client.ts';

const skip = await skipUnless(
  'chat: drain on SIGTERM on PostgreSQL + Redis + NATS',
  'postgres',
  'redis',
  'nats',
);

/** SENDs kept in flight at once: the node always has some read, some being appended. */
const WINDOW = 8;

describe('graceful drain of a chat node', { skip }, () => {
  let cluster: Cluster | undefined;
  const clients: TestStomp[] = [];
  after(async () => {
    await Promise.all(clients.map((c) => c.close().catch(() => undefined)));
    await cluster?.cleanup();
  });

  test('SIGTERM under a stream of SENDs: every appended SEND got its RECEIPT before the close', async (t) => {
    cluster = await Cluster.create({ partitions: 2, env: { SHUTDOWN_TIMEOUT_MS: '20000' } });
    const c = cluster;
    await c.diagnose(t, async () => {
      const [a, b] = (await Promise.all(['a', 'b'].map((name) => c.startNode(name)))) as [ChatNode, ChatNode];
      const [sender, reader] = [await signup(a.url, 'sender'), await signup(b.url, 'reader')];
      const room = await api<{ id: number }>(a.url, 'POST', '/api/rooms/group', sender.token, {
        name: 'drain',
        memberIds: [reader.userId],
      });
      const roomId = room.body.id;

      const stomp = await connectStomp(a.url, sender.token);
      clients.push(stomp);
      const receipted = new Set<string>();
      let sent = 0;
      let enough: () => void = () => undefined;
      const enoughReceipted = new Promise<void>((resolve) => {
        enough = resolve;
      });
      const sendNext = () => {
        if (!stomp.client.connected) return;
        const content = `m${++sent}`;
        stomp.client.publish({
          destination: '/app/chat.send',
          body: JSON.stringify({ roomId, content }),
          headers: { receipt: content },
        });
      };
      stomp.client.onUnhandledReceipt = (frame: IFrame) => {
        receipted.add(frame.headers['receipt-id']!);
        if (receipted.size === 100) enough();
        sendNext();
      };
      for (let i = 0; i < WINDOW; i++) sendNext();
      await enoughReceipted;

      assert.equal(await stopNode(a), 0, 'the node exits 0');
      const { code } = await stomp.closed.find(() => true);
      assert.equal(code, 1012, 'closed with the reconnect hint');

      // One more message in the same room, after the node is gone: once it is in history,
      // everything the stopped node appended before it is too (one room, one partition, in order).
      const late = await connectStomp(b.url, reader.token);
      clients.push(late);
      await late.sendWithReceipt('/app/chat.send', { roomId, content: 'sentinel' });
      let history: string[] = [];
      await waitFor(
        async () => {
          history = (await allHistory(b.url, reader, roomId)).map((m) => m.content);
          return history.includes('sentinel');
        },
        30_000,
        () => `the sentinel in history (have ${history.length} messages)`,
      );
      const stored = history.filter((content) => content !== 'sentinel');
      const unreceipted = stored.filter((content) => !receipted.has(content));
      const lost = [...receipted].filter((content) => !stored.includes(content));
      t.diagnostic(`sent ${sent}, receipted ${receipted.size}, stored ${stored.length}`);
      assert.deepEqual(unreceipted, [], 'accepted but unreceipted');
      assert.deepEqual(lost, [], 'receipted but not stored');
    });
  });
});
