// The rankings consumer and the popular posts over the in-process cache, with a fixed clock
// and a fake repository: what counts, once, and what never enters; the rebuild's lease and
// the read-time filter.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SocialEvent } from '@chat/contracts';
import { createLogger, createMemoryCache } from '@chat/platform';
import type { PostRow } from '../posts/posts.repository.ts';
import { createPopularPosts } from './popular-posts.ts';
import { RANKING_KEYS } from './ranking-keys.ts';
import { rankingsApply } from './rankings.consumer.ts';
import { HALF_LIFE_MS, increment } from './scoring.ts';

const NOW = Date.UTC(2026, 11, 7, 12);
const facts = (
  postId: number,
  over: Partial<{ visibility: 'PUBLIC' | 'FOLLOWERS' | 'PRIVATE'; authorPrivate: boolean }> = {},
) => ({
  postId,
  authorId: 1,
  visibility: 'PUBLIC' as const,
  authorPrivate: false,
  ...over,
});
let n = 0;
const envelope = (t = NOW) => ({ eventId: `e${++n}`, occurredAt: t });
const reaction = (postId: number, userId: number, t = NOW, over = {}): SocialEvent => ({
  type: 'ReactionAdded',
  ...envelope(t),
  ...facts(postId, over),
  userId,
  reaction: 'LIKE',
});
const commentBy = (postId: number, commenterId: number, t = NOW): SocialEvent => ({
  type: 'CommentAdded',
  ...envelope(t),
  ...facts(postId),
  commentId: ++n,
  commenterId,
  parentId: null,
  mentions: [],
});
const row = (id: number): PostRow => ({
  id,
  author_id: 1,
  text: '',
  visibility: 'PUBLIC',
  tags: [],
  mentions: [],
  created_at: new Date(NOW),
  edited_at: null,
});

function setup(rebuilt: [number, number][] = []) {
  const cache = createMemoryCache({ now: () => NOW });
  let rebuilds = 0;
  const hidden = new Set<number>();
  const popular = createPopularPosts({
    cache,
    logger: createLogger({ level: 'silent' }),
    now: () => NOW,
    repo: {
      async rebuildScores() {
        rebuilds++;
        return rebuilt;
      },
      async publicPosts(ids) {
        return ids.filter((id) => !hidden.has(id)).map(row);
      },
    },
  });
  const apply = rankingsApply({ cache, popular });
  const all = async () => (await popular.page(0, 50, async (rows) => rows)).rows.map((r) => r.id);
  const score = async (id: number) =>
    (await cache.zrevrange(RANKING_KEYS.posts(NOW), 0, -1)).find((m) => m.member === String(id))?.score;
  return { cache, popular, apply, all, score, hidden, rebuilds: () => rebuilds };
}

describe('rankings consumer', () => {
  it('orders by weighted, decayed interactions', async () => {
    const { apply, all, score } = setup();
    await all(); // built (empty)
    await apply(reaction(10, 2));
    await apply(reaction(10, 3));
    await apply(commentBy(11, 2));
    await apply(commentBy(11, 3));
    await apply(reaction(12, 2, NOW - 2 * HALF_LIFE_MS));
    await apply(reaction(12, 3, NOW - 2 * HALF_LIFE_MS));
    await apply(reaction(12, 4, NOW - 2 * HALF_LIFE_MS));
    assert.deepEqual(await all(), [11, 10, 12]);
    assert.equal(await score(10), 2 * increment('REACTION', NOW));
  });

  it('counts each reaction and commenter once, redelivered or repeated', async () => {
    const { apply, score } = setup();
    const event = reaction(20, 2);
    await apply(event);
    await apply(event);
    await apply(reaction(20, 2));
    await apply(commentBy(20, 3));
    await apply(commentBy(20, 3));
    assert.equal(await score(20), increment('REACTION', NOW) + increment('COMMENT', NOW));
  });

  it('takes a removed reaction back, so adding and removing does not pile up', async () => {
    const { apply, score } = setup();
    for (let i = 0; i < 3; i++) {
      await apply(reaction(30, 2));
      await apply({ type: 'ReactionRemoved', ...envelope(), postId: 30, authorId: 1, userId: 2 });
    }
    await apply(reaction(30, 3));
    assert.ok(Math.abs((await score(30))! - increment('REACTION', NOW)) < 1e-6);
  });

  it('never counts the author, FOLLOWERS or PRIVATE posts, or private accounts', async () => {
    const { apply, score } = setup();
    await apply(reaction(40, 1));
    await apply(reaction(41, 2, NOW, { visibility: 'FOLLOWERS' }));
    await apply(reaction(42, 2, NOW, { visibility: 'PRIVATE' }));
    await apply(reaction(43, 2, NOW, { authorPrivate: true }));
    for (const id of [40, 41, 42, 43]) assert.equal(await score(id), undefined);
  });

  it('drops a post deleted or edited out of PUBLIC', async () => {
    const { apply, score } = setup();
    await apply(reaction(50, 2));
    await apply(reaction(51, 2));
    await apply({ type: 'PostDeleted', ...envelope(), postId: 50, authorId: 1 });
    await apply({
      type: 'PostEdited',
      ...envelope(),
      ...facts(51, { visibility: 'FOLLOWERS' }),
      tags: [],
      mentions: [],
    });
    assert.equal(await score(50), undefined);
    assert.equal(await score(51), undefined);
  });
});

describe('popular posts', () => {
  it('rebuilds a lost ranking once, under the lease', async () => {
    const { cache, all, rebuilds } = setup([
      [7, 30],
      [8, 20],
    ]);
    assert.deepEqual(await all(), [7, 8]);
    assert.deepEqual(await all(), [7, 8]);
    assert.equal(rebuilds(), 1);
    await cache.del(RANKING_KEYS.posts(NOW), RANKING_KEYS.ready(NOW));
    assert.deepEqual(await all(), [7, 8]);
    assert.equal(rebuilds(), 2);
  });

  it('pages by rank past posts no longer shown', async () => {
    const scores: [number, number][] = Array.from({ length: 9 }, (_, i) => [i + 1, 100 - i]);
    const { popular, hidden } = setup(scores);
    hidden.add(2);
    hidden.add(3);
    const first = await popular.page(0, 3, async (rows) => rows);
    assert.deepEqual(
      first.rows.map((r) => r.id),
      [1, 4, 5],
    );
    const second = await popular.page(first.next!, 3, async (rows) => rows.filter((r) => r.id !== 7));
    assert.deepEqual(
      second.rows.map((r) => r.id),
      [6, 8, 9],
    );
    assert.equal((await popular.page(9, 3, async (rows) => rows)).next, null);
  });
});
