import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Post } from '../api/types.ts';
import { appendPage, prependPost, removePost, replacePost } from './feed.ts';

const post = (id: number, text = `post ${id}`): Post => ({
  id,
  author: { id: 1, nickname: 'a', profileImageUrl: null },
  text,
  visibility: 'PUBLIC',
  tags: [],
  mentions: [],
  images: [],
  createdAt: '2026-01-01T00:00:00.000Z',
  editedAt: null,
  reactions: { counts: { LIKE: 0, LOVE: 0, HAHA: 0, WOW: 0, SAD: 0 }, total: 0, mine: null },
  commentCount: 0,
});
const ids = (l: { posts: Post[] }) => l.posts.map((p) => p.id);

describe('post lists', () => {
  it('appends pages in order, each post once, keeping the newer copy in place', () => {
    let list = appendPage({ posts: [], next: null }, { posts: [post(9), post(8)], nextCursor: 8 });
    assert.deepEqual(ids(list), [9, 8]);
    assert.equal(list.next, 8);
    list = appendPage(list, { posts: [post(8, 'edited'), post(5)], nextCursor: null });
    assert.deepEqual(ids(list), [9, 8, 5]);
    assert.equal(list.posts[1]!.text, 'edited');
    assert.equal(list.next, null);
  });
  it('puts my new post on top, replaces a changed one, removes a deleted one', () => {
    const list = { posts: [post(3), post(2)], next: 2 };
    assert.deepEqual(ids(prependPost(list, post(4))), [4, 3, 2]);
    assert.deepEqual(ids(prependPost(list, post(3))), [3, 2]);
    assert.equal(replacePost(list, post(2, 'new')).posts[1]!.text, 'new');
    assert.deepEqual(ids(removePost(list, 3)), [2]);
    assert.equal(removePost(list, 3).next, 2);
  });
});
