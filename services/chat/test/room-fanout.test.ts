import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createLogger, createMemoryPubSub, withTimeout } from '@chat/platform';
import type { MessageRepository, MessageRow } from '../src/messages/message.repository.ts';
import type { MessageChangeRepository } from '../src/messages/message-changes.repository.ts';
import { channels } from '../src/realtime/broadcaster.ts';
import { createRoomFanout, parseRoomDestination } from '../src/realtime/room-fanout.ts';
import type { RoomRepository } from '../src/rooms/room.repository.ts';
import { messageRow } from './message-rows.ts';

function fanout() {
  const pubsub = createMemoryPubSub();
  const written: string[] = [];
  const f = createRoomFanout({
    pubsub,
    rooms: { find: async () => ({ last_seq: 0 }) } as unknown as RoomRepository,
    messages: {} as MessageRepository,
    changes: {} as MessageChangeRepository,
    publishLocal: (destination, body) => written.push(`${destination} ${body}`),
    logger: createLogger({ level: 'silent' }),
  });
  return { pubsub, written, f };
}

describe('room fan-out bookkeeping', () => {
  test('a room stream lives while any subscription holds it, whoever released first', async () => {
    const { pubsub, written, f } = fanout();
    await f.acquire('typing', 7, 'session-1/sub-a');
    await f.acquire('typing', 7, 'session-2/sub-b');
    await f.release('typing', 7, 'session-1/sub-a');
    await f.release('typing', 7, 'session-1/sub-a'); // a repeated release changes nothing
    const typing = '{"roomId":7,"userId":3,"nickname":"Kim"}';
    await pubsub.publish(channels.typing(7), typing);
    assert.deepEqual(written, [`/topic/room.7.typing ${typing}`]);
    await f.release('typing', 7, 'session-2/sub-b');
    await pubsub.publish(channels.typing(7), typing);
    assert.equal(written.length, 1);
    await f.stop();
  });

  test('a room stream that could not start (pub/sub down) is forgotten: the next subscribe starts afresh', async () => {
    const { pubsub, written, f } = fanout();
    const subscribe = pubsub.subscribe.bind(pubsub);
    let down = true;
    pubsub.subscribe = (channel, handler) =>
      down ? Promise.reject(new Error('Stream is not writeable')) : subscribe(channel, handler);
    await assert.rejects(f.acquire('typing', 7, 'session-1/sub-a'), /not writeable/);
    await assert.rejects(f.acquire('typing', 7, 'session-2/sub-b'), /not writeable/);
    down = false;
    await f.acquire('typing', 7, 'session-3/sub-c');
    const typing = '{"roomId":7,"userId":3,"nickname":"Kim"}';
    await pubsub.publish(channels.typing(7), typing);
    assert.deepEqual(written, [`/topic/room.7.typing ${typing}`]);
    await f.stop();
  });

  test('a messages stream whose room could not be read unsubscribes again and can start later', async () => {
    const pubsub = createMemoryPubSub();
    let roomsDown = true;
    const f = createRoomFanout({
      pubsub,
      rooms: {
        find: async () => {
          if (roomsDown) throw new Error('database unavailable');
          return { last_seq: 0 };
        },
      } as unknown as RoomRepository,
      messages: {} as MessageRepository,
      changes: {} as MessageChangeRepository,
      publishLocal: () => undefined,
      logger: createLogger({ level: 'silent' }),
    });
    await assert.rejects(f.acquire('messages', 7, 'session-1/sub-a'), /database unavailable/);
    assert.equal((await pubsub.health()).details?.channels, 0, 'the failed start left no subscription');
    roomsDown = false;
    await f.acquire('messages', 7, 'session-1/sub-a');
    assert.equal((await pubsub.health()).details?.channels, 1);
    await f.stop();
  });

  test('parses only the canonical spelling of a room destination', () => {
    assert.deepEqual(parseRoomDestination('/topic/room.12'), { roomId: 12, kind: 'messages' });
    assert.deepEqual(parseRoomDestination('/topic/room.12.receipts'), { roomId: 12, kind: 'receipts' });
    assert.deepEqual(parseRoomDestination('/topic/room.9007199254740991.typing'), {
      roomId: 9007199254740991,
      kind: 'typing',
    });
    for (const odd of ['012', '+12', ' 12', '12 ', '1e1', '0', '-1', '9007199254740992', '12.0', '']) {
      assert.equal(parseRoomDestination(`/topic/room.${odd}`), undefined, odd);
    }
  });

  test('a jump in seq is filled from history, in order, as the message objects clients get', async () => {
    const at = (seq: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, seq));
    const row = (seq: number): MessageRow =>
      messageRow({
        id: 100 + seq,
        room_id: 7,
        seq,
        sender_id: 1,
        message_key: `k${seq}`,
        content: `m${seq}`,
        created_at: at(seq),
        nickname: seq === 2 ? null : 'Kim',
      });
    const message = (seq: number) => ({
      id: 100 + seq,
      seq,
      messageKey: `k${seq}`,
      roomId: 7,
      senderId: 1,
      senderNickname: seq === 2 ? '(unknown)' : 'Kim',
      content: `m${seq}`,
      type: 'TEXT',
      createdAt: at(seq).toISOString(),
      timestamp: at(seq).getTime(),
    });
    const asked: number[] = [];
    const pubsub = createMemoryPubSub();
    const written: unknown[] = [];
    let allWritten: () => void = () => undefined;
    const three = new Promise<void>((resolve) => {
      allWritten = resolve;
    });
    const f = createRoomFanout({
      pubsub,
      rooms: { find: async () => ({ last_seq: 0 }) } as unknown as RoomRepository,
      messages: {
        async afterSeq(_roomId: number, afterSeq: number) {
          asked.push(afterSeq);
          return { rows: [row(2), row(3)], hasMore: false };
        },
      } as unknown as MessageRepository,
      changes: {} as MessageChangeRepository,
      publishLocal: (_destination, body) => {
        written.push(JSON.parse(body));
        if (written.length === 3) allWritten();
      },
      logger: createLogger({ level: 'silent' }),
    });
    await f.acquire('messages', 7, 'session-1/sub-a');
    await pubsub.publish(channels.messages(7), JSON.stringify([message(1)]));
    await pubsub.publish(channels.messages(7), JSON.stringify([message(3)])); // 2 was lost
    await withTimeout(three, 5000, 'three messages written');
    assert.deepEqual(asked, [1]);
    assert.deepEqual(written, [message(1), message(2), message(3)]);
    await f.stop();
  });

  test('a message filled from history that is hidden from someone (a blocker) reaches them without its text', async () => {
    const at = new Date(Date.UTC(2026, 0, 1));
    const stored = messageRow({
      id: 102,
      room_id: 7,
      seq: 2,
      sender_id: 1,
      message_key: 'k2',
      content: '차단 중',
      created_at: at,
      nickname: 'Kim',
      hidden_for: ['5'],
    });
    const live = (seq: number) => ({
      id: 100 + seq,
      seq,
      messageKey: `k${seq}`,
      roomId: 7,
      senderId: 1,
      senderNickname: 'Kim',
      content: `m${seq}`,
      type: 'TEXT',
      createdAt: at.toISOString(),
      timestamp: at.getTime(),
    });
    const pubsub = createMemoryPubSub();
    /** What user 1 (the sender) and user 5 (the blocker) got, in order. */
    const got = new Map<number, { content: string; hidden?: boolean }[]>([
      [1, []],
      [5, []],
    ]);
    let done: () => void = () => undefined;
    const allWritten = new Promise<void>((resolve) => {
      done = resolve;
    });
    const f = createRoomFanout({
      pubsub,
      rooms: { find: async () => ({ last_seq: 0 }) } as unknown as RoomRepository,
      messages: {
        afterSeq: async () => ({ rows: [stored], hasMore: false }),
      } as unknown as MessageRepository,
      changes: {} as MessageChangeRepository,
      publishLocal: (_destination, body, only) => {
        for (const [userId, list] of got) if (!only || only(userId)) list.push(JSON.parse(body));
        if (got.get(5)!.length === 3) done();
      },
      logger: createLogger({ level: 'silent' }),
    });
    await f.acquire('messages', 7, 'session-1/sub-a');
    await pubsub.publish(channels.messages(7), JSON.stringify([live(1)]));
    await pubsub.publish(channels.messages(7), JSON.stringify([live(3)])); // 2 was lost
    await withTimeout(allWritten, 5000, 'three messages for the blocker');
    const seen = (userId: number) => got.get(userId)!.map((m) => [m.content, m.hidden ?? false]);
    assert.deepEqual(seen(1), [
      ['m1', false],
      ['차단 중', false],
      ['m3', false],
    ]);
    assert.deepEqual(seen(5), [
      ['m1', false],
      ['', true],
      ['m3', false],
    ]);
    await f.stop();
  });
});
