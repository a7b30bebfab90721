import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MessageCommand } from '@chat/contracts';
import { messageRow } from '../../test/message-rows.ts';
import type { MessageRepository, MessageRow } from './message.repository.ts';
import { createGroupPersister } from './persist-group.ts';

const command = (roomId: number, senderId: number, messageKey: string, content = 'hi'): MessageCommand => ({
  roomId,
  senderId,
  messageKey,
  content,
  type: 'TEXT',
  acceptedAt: 0,
});

/** Stores nothing: answers each command as a message, fails a statement holding 'poison'. */
function fakeRepository(statements: MessageCommand[][]) {
  return {
    async persistBatch(commands: readonly MessageCommand[]) {
      statements.push([...commands]);
      await new Promise((resolve) => setImmediate(resolve));
      if (commands.some((c) => c.content === 'poison')) throw new Error('statement failed');
      const stored = commands.filter((c) => c.roomId !== 404);
      return {
        rows: stored.map(
          (c, i): MessageRow =>
            messageRow({
              id: i + 1,
              seq: i + 1,
              room_id: c.roomId,
              sender_id: c.senderId,
              message_key: c.messageKey,
              content: c.content,
              type: c.type,
              created_at: new Date(c.acceptedAt),
            }),
        ),
        dropped: commands.filter((c) => c.roomId === 404),
      };
    },
  } as unknown as MessageRepository;
}

describe('group persister', () => {
  it('stores concurrent batches in one statement; each gets its own messages and dropped commands', async () => {
    const statements: MessageCommand[][] = [];
    const invalidated: number[][] = [];
    const persist = createGroupPersister(fakeRepository(statements), async (stored) => {
      invalidated.push(stored.map((m) => m.roomId));
    });
    const [a, b] = await Promise.all([
      persist([command(1, 10, 'a1'), command(1, 11, 'a2')]),
      persist([command(2, 10, 'b1'), command(404, 10, 'b2')]),
    ]);
    assert.equal(statements.length, 1);
    assert.deepEqual(
      a.messages.map((m) => m.messageKey),
      ['a1', 'a2'],
    );
    assert.deepEqual(
      b.messages.map((m) => m.messageKey),
      ['b1'],
    );
    assert.deepEqual(
      b.dropped.map((c) => c.messageKey),
      ['b2'],
    );
    assert.deepEqual(a.dropped, []);
    assert.deepEqual(invalidated, [[1, 1, 2]], 'caches invalidated once, before anyone was answered');
  });

  it('a batch that fails the merged statement fails alone; the others are stored', async () => {
    const statements: MessageCommand[][] = [];
    const persist = createGroupPersister(fakeRepository(statements), async () => undefined);
    const results = await Promise.allSettled([
      persist([command(1, 10, 'good1')]),
      persist([command(2, 10, 'bad', 'poison')]),
      persist([command(3, 10, 'good2')]),
    ]);
    assert.deepEqual(
      results.map((r) => r.status),
      ['fulfilled', 'rejected', 'fulfilled'],
    );
    assert.deepEqual(
      statements.map((s) => s.map((c) => c.messageKey)),
      [['good1', 'bad', 'good2'], ['good1'], ['bad'], ['good2']],
    );
  });
});
