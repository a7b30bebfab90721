import type { Cache, Logger, SqlExecutor } from '@chat/platform';
import type { FollowsRepository } from '../follows/follows.repository.ts';
import type { PostRow } from '../posts/posts.repository.ts';
import { RANKING_KEYS as K } from './ranking-keys.ts';
import { createRankingsRepository } from './rankings.repository.ts';
import { increment } from './scoring.ts';

const DAY_MS = 24 * 3_600_000;

/**
 * Counts a view of a post in the popular posts: when `viewerId` (not its author) was served a
 * PUBLIC post of a public account, once per viewer, post and (UTC) day. Views are not events
 * on the log (they would flood it): each counted view is also added to its post's count of
 * the day in the database (social.post_view_days), which a rebuilt ranking adds back.
 * Never throws: a view that cannot be counted is only logged.
 */
export async function countPostView(
  deps: { cache: Cache; db: SqlExecutor; follows: Pick<FollowsRepository, 'isPrivate'>; logger: Logger },
  post: Pick<PostRow, 'id' | 'author_id' | 'visibility'>,
  viewerId: number,
  t: number = Date.now(),
): Promise<void> {
  if (post.author_id === viewerId || post.visibility !== 'PUBLIC') return;
  try {
    if (await deps.follows.isPrivate(post.author_id)) return;
    const memo = K.viewer(post.id, viewerId, Math.floor(t / DAY_MS));
    if (!(await deps.cache.set(memo, '1', { ifAbsent: true, ttlMs: DAY_MS }))) return;
    await deps.cache.zincrby(K.posts(t), increment('VIEW', t), String(post.id));
    await createRankingsRepository(deps.db).addView(post.id, t);
  } catch (err) {
    deps.logger.debug({ err, postId: post.id }, 'a post view was not counted');
  }
}
