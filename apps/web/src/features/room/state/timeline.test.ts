import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Message } from '../../../lib/wire.ts';
import {
  addMessages,
  addOlder,
  addPending,
  applyChanges,
  catchUpAfter,
  dropPending,
  emptyTimeline,
  gapAfterSeq,
  hideMessage,
  lastSeq,
  missedChangesBefore,
  olderCursor,
  quoteOf,
  sawChangeSeq,
  sendBody,
  setPendingStatus,
  visibleMessages,
} from './timeline.ts';

function msg(seq: number, over: Partial<Message> = {}): Message {
  return {
    id: 100 + seq,
    seq,
    messageKey: `k-${seq}`,
    roomId: 1,
    senderId: 7,
    senderNickname: '민수',
    content: `message ${seq}`,
    type: 'TEXT',
    createdAt: new Date(1_700_000_000_000 + seq * 1000).toISOString(),
    timestamp: 1_700_000_000_000 + seq * 1000,
    ...over,
  };
}

describe('timeline', () => {
  it('orders messages by seq whatever order they arrive in', () => {
    const t = addMessages(emptyTimeline, [msg(3), msg(1), msg(2)]);
    assert.deepEqual(
      t.messages.map((m) => m.seq),
      [1, 2, 3],
    );
    assert.equal(lastSeq(t), 3);
  });

  it('shows a message once when history and live delivery both bring it', () => {
    let t = addMessages(emptyTimeline, [msg(1), msg(2)]);
    t = addMessages(t, [msg(2), msg(3)]);
    t = addMessages(t, [msg(3)]);
    assert.deepEqual(
      t.messages.map((m) => m.id),
      [101, 102, 103],
    );
  });

  it('adds older pages above and keeps hasMore and the cursor from them', () => {
    let t = addMessages(emptyTimeline, [msg(21), msg(22)]);
    assert.equal(olderCursor(t), 121);
    t = addOlder(t, [msg(20), msg(19), msg(18)], false);
    assert.deepEqual(
      t.messages.map((m) => m.seq),
      [18, 19, 20, 21, 22],
    );
    assert.equal(t.hasMore, false);
    assert.equal(olderCursor(t), 118);
  });

  it('catches up after a gap or the newest message, and from the start of a room that loaded empty', () => {
    assert.equal(catchUpAfter(emptyTimeline), null, 'first page still loading');
    assert.equal(
      catchUpAfter(addOlder(emptyTimeline, [], false)),
      0,
      'empty room: a message sent while offline',
    );
    assert.equal(catchUpAfter(addMessages(emptyTimeline, [msg(1), msg(2), msg(5)])), 2);
    assert.equal(catchUpAfter(addMessages(emptyTimeline, [msg(1), msg(2)])), 2);
  });

  it('finds the gap a skipped live frame leaves, and none once it is filled', () => {
    let t = addMessages(emptyTimeline, [msg(1), msg(2), msg(5)]);
    assert.equal(gapAfterSeq(t), 2);
    t = addMessages(t, [msg(3), msg(4)]);
    assert.equal(gapAfterSeq(t), null);
  });

  it('keeps a pending send until the server echoes its messageKey, then shows it once', () => {
    let t = addPending(emptyTimeline, { messageKey: 'abc', roomId: 1, content: '안녕 👋', createdAt: 1 });
    assert.equal(t.pending.length, 1);
    assert.equal(t.pending[0]!.status, 'pending');
    t = addMessages(t, [msg(1, { messageKey: 'abc', content: '안녕 👋' })]);
    assert.equal(t.pending.length, 0);
    assert.equal(t.messages.length, 1);
    // A late retry of the same key after the echo does not bring the bubble back.
    t = addPending(t, { messageKey: 'abc', roomId: 1, content: '안녕 👋', createdAt: 2 });
    assert.equal(t.pending.length, 0);
  });

  it('marks a send failed and back to pending on retry with the same messageKey', () => {
    let t = addPending(emptyTimeline, { messageKey: 'k', roomId: 1, content: 'x', createdAt: 1 });
    t = setPendingStatus(t, 'k', 'failed');
    assert.equal(t.pending[0]!.status, 'failed');
    t = addPending(t, { messageKey: 'k', roomId: 1, content: 'x', createdAt: 2 });
    assert.equal(t.pending.length, 1);
    assert.equal(t.pending[0]!.status, 'pending');
    assert.equal(dropPending(t, 'k').pending.length, 0);
  });

  describe('changes (edit, unsend)', () => {
    const edited = (seq: number, version: number, content: string) => msg(seq, { version, content });

    it('replace their message when newer; a replay or a late event never undoes a newer state', () => {
      let t = addMessages(emptyTimeline, [msg(1), msg(2)]);
      t = applyChanges(t, [{ changeSeq: 2, message: edited(1, 2, 'second edit') }]);
      t = applyChanges(t, [{ changeSeq: 1, message: edited(1, 1, 'first edit') }]);
      t = applyChanges(t, [{ changeSeq: 2, message: edited(1, 2, 'second edit') }]);
      assert.deepEqual(
        t.messages.map((m) => m.content),
        ['second edit', 'message 2'],
      );
      assert.equal(t.changeSeq, 2);
    });

    it('an older copy of a message (a history page, a gap fill) does not undo a change', () => {
      let t = addMessages(emptyTimeline, [msg(1)]);
      t = applyChanges(t, [{ changeSeq: 1, message: msg(1, { version: 1, content: '', deletedAt: 'x' }) }]);
      t = addMessages(t, [msg(1)]);
      assert.equal(t.messages[0]?.content, '');
    });

    it('a change that comes before its message waits, and applies when the message arrives', () => {
      let t = applyChanges(emptyTimeline, [{ changeSeq: 1, message: edited(5, 1, 'edited early') }]);
      assert.deepEqual(t.messages, []);
      t = addMessages(t, [msg(5)]);
      assert.equal(t.messages[0]?.content, 'edited early');
      assert.equal(t.early.size, 0);
    });

    it('replies quote their message as it is now: an edit or an unsend shows in the quote', () => {
      const original = msg(1);
      let t = addMessages(emptyTimeline, [original, msg(2, { replyTo: quoteOf(original) })]);
      t = applyChanges(t, [{ changeSeq: 1, message: msg(1, { version: 1, content: 'edited' }) }]);
      assert.equal(t.messages[1]?.replyTo?.content, 'edited');
      t = applyChanges(t, [
        { changeSeq: 2, message: msg(1, { version: 2, content: '', deletedAt: 'then' }) },
      ]);
      assert.deepEqual([t.messages[1]?.replyTo?.content, t.messages[1]?.replyTo?.deletedAt], ['', 'then']);
      // A late, older change of the original does not bring the old text back into the quote.
      t = applyChanges(t, [{ changeSeq: 1, message: msg(1, { version: 1, content: 'edited' }) }]);
      assert.equal(t.messages[1]?.replyTo?.content, '');
    });

    it('a message deleted for me stays in the timeline (no gap) but not in view, whatever changes come', () => {
      let t = hideMessage(addMessages(emptyTimeline, [msg(1), msg(2), msg(3)]), msg(2).id);
      assert.equal(gapAfterSeq(t), null);
      assert.deepEqual(
        visibleMessages(t).map((m) => m.seq),
        [1, 3],
      );
      t = applyChanges(t, [{ changeSeq: 1, message: msg(2, { version: 1, content: 'edited by them' }) }]);
      t = addMessages(t, [msg(2)]);
      assert.deepEqual([t.messages[1]?.hidden, t.messages[1]?.content], [true, '']);
    });

    it('a live change that skips a changeSeq means changes were missed', () => {
      const t = sawChangeSeq(emptyTimeline, 4);
      assert.equal(missedChangesBefore(t, 5), false);
      assert.equal(missedChangesBefore(t, 7), true);
      assert.equal(sawChangeSeq(t, 2).changeSeq, 4, 'never moves back');
    });
  });
});

describe('send bodies', () => {
  const base = { messageKey: 'k1', roomId: 5, content: 'hi', createdAt: 0, status: 'pending' as const };
  it('text, an attachment, or an emoticon (by pack and index only: the server has its alt)', () => {
    assert.deepEqual(sendBody(5, base), { roomId: 5, content: 'hi', messageKey: 'k1' });
    assert.deepEqual(sendBody(5, { ...base, attachment: { id: 'a1', kind: 'IMAGE' } }), {
      roomId: 5,
      content: 'hi',
      messageKey: 'k1',
      type: 'IMAGE',
      attachmentId: 'a1',
    });
    const emoticon = { itemId: 3, index: 2, alt: '안녕', imageUrl: '/api/store/items/3/emoticons/2/image' };
    assert.deepEqual(sendBody(5, { ...base, content: '안녕', emoticon }), {
      roomId: 5,
      type: 'EMOTICON',
      emoticon: { itemId: 3, index: 2 },
      messageKey: 'k1',
    });
  });
});
