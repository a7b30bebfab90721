import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createLogger, createMemoryPubSub } from '@chat/platform';
import type { MessageRepository } from '../src/messages/message.repository.ts';
import { channels } from '../src/realtime/broadcaster.ts';
import { createRoomFanout, parseRoomDestination } from '../src/realtime/room-fanout.ts';
import type { RoomRepository } from '../src/rooms/room.repository.ts';

function fanout() {
  const pubsub = createMemoryPubSub();
  const written: string[] = [];
  const f = createRoomFanout({
    pubsub,
    rooms: { find: async () => ({ last_seq: 0 }) } as unknown as RoomRepository,
    messages: {} as MessageRepository,
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
    await pubsub.publish(channels.typing(7), '{"still":"delivered"}');
    assert.deepEqual(written, ['/topic/room.7.typing {"still":"delivered"}']);
    await f.release('typing', 7, 'session-2/sub-b');
    await pubsub.publish(channels.typing(7), '{"after":"last release"}');
    assert.equal(written.length, 1);
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
});
