import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { GuestbookEntry } from '@chat/contracts';
import * as g from './guestbook.ts';

const entry = (id: number, authorId = 2, hidden = false): GuestbookEntry => ({
  id,
  ownerId: 1,
  author: { id: authorId, nickname: `u${authorId}`, profileImageUrl: null },
  text: `entry ${id}`,
  hidden,
  createdAt: '2026-01-01T00:00:00.000Z',
});
const ids = (s: g.GuestbookState) => s.entries.map((e) => e.id);

describe('guestbook state', () => {
  it('appends pages without duplicates and knows whether there is more', () => {
    let s = g.appendPage(g.emptyGuestbook, { entries: [entry(5), entry(4)], nextCursor: 4 });
    assert.equal(g.hasMore(s), true);
    s = g.appendPage(s, { entries: [entry(4), entry(3)], nextCursor: null });
    assert.deepEqual(ids(s), [5, 4, 3]);
    assert.equal(g.hasMore(s), false);
    assert.equal(g.hasMore(g.emptyGuestbook), false);
  });

  it('puts my new entry on top, replaces a hidden one, drops a deleted one', () => {
    let s = g.appendPage(g.emptyGuestbook, { entries: [entry(5), entry(4)], nextCursor: null });
    s = g.prepend(s, entry(6));
    assert.deepEqual(ids(s), [6, 5, 4]);
    s = g.replace(s, entry(5, 2, true));
    assert.equal(s.entries[1]!.hidden, true);
    s = g.drop(s, 4);
    assert.deepEqual(ids(s), [6, 5]);
  });

  it('lets authors delete and owners hide', () => {
    assert.deepEqual(g.entryActions(entry(1, 2), 2, false), { delete: true, hide: false });
    assert.deepEqual(g.entryActions(entry(1, 2), 1, true), { delete: false, hide: true });
    assert.deepEqual(g.entryActions(entry(1, 2), 3, false), { delete: false, hide: false });
  });

  it('pages by cursor', () => {
    assert.equal(g.guestbookPath(3), '/api/social/users/3/guestbook?size=20');
    assert.equal(g.guestbookPath(3, 10), '/api/social/users/3/guestbook?size=20&cursor=10');
  });
});
