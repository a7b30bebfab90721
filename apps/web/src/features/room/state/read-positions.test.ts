import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Message } from '../../../lib/wire.ts';
import { applyRead, fromMembers, mergePositions, unreadCounts } from './read-positions.ts';

const msg = (id: number, senderId: number): Message => ({
  id,
  seq: id,
  messageKey: `k-${id}`,
  roomId: 1,
  senderId,
  senderNickname: `u${senderId}`,
  content: `m${id}`,
  type: 'TEXT',
  createdAt: new Date(1_700_000_000_000 + id).toISOString(),
  timestamp: 1_700_000_000_000 + id,
});

const [ME, BO, CY] = [1, 2, 3];

describe('per-message unread number', () => {
  it('counts the members whose read position is below the message, the sender never', () => {
    const p = fromMembers([
      { userId: ME, lastReadMessageId: null },
      { userId: BO, lastReadMessageId: null },
      { userId: CY, lastReadMessageId: null },
    ]);
    const counts = unreadCounts(p, [msg(10, ME), msg(11, ME)]);
    assert.deepEqual(
      [...counts],
      [
        [10, 2],
        [11, 2],
      ],
    );
  });

  it('goes 2 -> 1 -> 0 as the others read, and a read covers every earlier message', () => {
    let p = fromMembers([
      { userId: ME, lastReadMessageId: 9 },
      { userId: BO, lastReadMessageId: 9 },
      { userId: CY, lastReadMessageId: 9 },
    ]);
    const messages = [msg(10, ME), msg(11, ME)];
    assert.equal(unreadCounts(p, messages).get(11), 2);
    p = applyRead(p, BO, 11);
    assert.deepEqual([...unreadCounts(p, messages).values()], [1, 1]);
    p = applyRead(p, CY, 10);
    assert.deepEqual([...unreadCounts(p, messages).values()], [0, 1]);
    p = applyRead(p, CY, 11);
    assert.deepEqual([...unreadCounts(p, messages).values()], [0, 0]);
  });

  it('someone who sent a message has read everything before it, receipt or not', () => {
    const p = fromMembers([
      { userId: ME, lastReadMessageId: 20 },
      { userId: BO, lastReadMessageId: null },
    ]);
    const counts = unreadCounts(p, [msg(20, ME), msg(21, BO), msg(22, ME)]);
    assert.deepEqual([...counts.values()], [0, 0, 1]);
  });

  it('read marks never move back; receipts of non-members (left the room) change nothing', () => {
    const p = fromMembers([{ userId: BO, lastReadMessageId: 15 }]);
    assert.equal(applyRead(p, BO, 12), p);
    assert.equal(applyRead(p, 99, 20), p);
    assert.equal(applyRead(p, BO, 16).get(BO), 16);
  });

  it('a member who joined later counts only for messages after their arrival', () => {
    const p = fromMembers([
      { userId: ME, lastReadMessageId: 31 },
      { userId: BO, lastReadMessageId: 31 },
      { userId: CY, lastReadMessageId: 30 },
    ]);
    assert.deepEqual([...unreadCounts(p, [msg(30, ME), msg(31, ME)]).values()], [0, 1]);
  });

  it('a reloaded detail keeps receipts heard while it loaded, and drops members who left', () => {
    const known = fromMembers([
      { userId: BO, lastReadMessageId: 12 },
      { userId: CY, lastReadMessageId: 9 },
    ]);
    const fresh = fromMembers([
      { userId: BO, lastReadMessageId: 10 },
      { userId: ME, lastReadMessageId: 11 },
    ]);
    assert.deepEqual([...mergePositions(fresh, known)].sort(), [
      [ME, 11],
      [BO, 12],
    ]);
  });

  it('a receipt heard before the members were known counts once a detail arrives', () => {
    const heard = new Map([[CY, 9]]);
    const beforeDetail = applyRead(new Map(), CY, 9);
    assert.equal(beforeDetail.size, 0, 'no members yet: nothing to move');
    const detail = fromMembers([
      { userId: CY, lastReadMessageId: null },
      { userId: ME, lastReadMessageId: 9 },
    ]);
    const p = mergePositions(mergePositions(detail, beforeDetail), heard);
    assert.deepEqual([...unreadCounts(p, [msg(9, ME)]).values()], [0]);
  });
});
